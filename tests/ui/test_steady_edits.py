"""An edit shows its new undo step and problem counts without laying out the whole window.

Qt lays out a widget's parents, up to the main window, whenever a label or button in them
gets a new text; the main window then lays out every dock and toolbar and animates them. The
Undo button and the Problems summary change with every edit (`ui.steady`): these tests hold
that they still show the new text, and that the main window is not laid out again for it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from tests.model.factories import deployment, service

from kubecanvas.model.connect import rename_edit
from kubecanvas.model.edits import SetField
from kubecanvas.ui.commands.actions import UNDO_LABEL_WIDTH


class _Layouts(QObject):
    """Counts the layout requests the watched widgets receive."""

    def __init__(self, *widgets: QObject) -> None:
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _undo_button(window) -> QToolButton:
    undo = window.actions_by_name["undo"]
    return next(b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction() is undo)


def _settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def test_an_edit_shows_its_undo_step_and_counts_without_a_window_layout(make_window, qtbot):
    web, svc = deployment("web"), service("web", selector={"app": "web"})
    window = make_window([web, svc])
    _settle(qtbot)
    button, summary = _undo_button(window), window.problems.summary
    size, before = button.size(), summary.text()
    layouts = _Layouts(window, window.toolbar)

    window.editor.push(SetField(svc.id, ("spec", "selector", "app"), "nothing"))
    _settle(qtbot)

    # the new step and the new counts are shown...
    assert "Undo" in button.text() and button.text() == window.actions_by_name["undo"].iconText()
    assert button.fontMetrics().horizontalAdvance(button.text()) <= UNDO_LABEL_WIDTH
    assert summary.text() != before
    # ...and neither the toolbar nor the main window was laid out again for them
    assert layouts.count == 0
    assert summary.label.isVisible() and summary.shown() == summary.label.fontMetrics(
        ).elidedText(summary.text(), Qt.TextElideMode.ElideRight, summary.width())
    assert summary.label.width() == summary.width()
    assert button.size() == size and button.isVisible()

    window.undo_stack.undo()
    _settle(qtbot)
    assert summary.text() == before
    assert button.text() == window.actions_by_name["undo"].iconText() != ""
    assert layouts.count == 0


def test_undo_button_shows_a_long_step_whole_in_every_toolbar_style(make_window, qtbot):
    web = deployment("web")
    window = make_window([web])
    name = "a-very-long-deployment-name-that-goes-on-and-on-for-ever"
    window.editor.push(rename_edit(window.session.document, window.session.graph, web.id, name))
    button = _undo_button(window)
    for style in (Qt.ToolButtonStyle.ToolButtonIconOnly, Qt.ToolButtonStyle.ToolButtonTextOnly,
                  Qt.ToolButtonStyle.ToolButtonTextBesideIcon):
        window.toolbar.setToolButtonStyle(style)
        _settle(qtbot)
        assert button.toolButtonStyle() == style
        # the elided step (the whole text is in the tooltip) fits in the button
        assert button.text().endswith("…")
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())


def test_summary_grows_to_a_taller_line_of_text(qtbot):
    from kubecanvas.ui.steady import SteadyLabel

    label = SteadyLabel()
    qtbot.addWidget(label)
    for text in ("1 warning", "경고 1개, 메모 2개", "3 errors"):
        label.setText(text)
        assert label.height() >= label.label.sizeHint().height()
        assert label.toolTip() == text


def test_a_summary_too_long_for_its_room_ends_in_an_ellipsis_and_reads_whole_when_wider(qtbot):
    from kubecanvas.ui.steady import SteadyLabel

    label = SteadyLabel()
    qtbot.addWidget(label)
    label.show()
    text = "No problems: every check passes"
    label.setText(text)
    whole = label.label.fontMetrics().horizontalAdvance(text)
    label.resize(whole // 2, label.height())
    assert label.shown().endswith("…") and len(label.shown()) < len(text)
    assert label.text() == text and label.toolTip() == text
    label.resize(whole + 20, label.height())
    assert label.shown() == text
    label.setText("2 warnings")  # a new text fits the room it has
    assert label.shown() == "2 warnings"
