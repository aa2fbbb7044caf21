"""The first mouse move of a drag does not wait for the main window to be laid out again.

A press on a card selects it, and the docks that follow the selection (the Inspector, What
Happens, the YAML) fill in. Each of them told the main window that its size hint changed, and
the window laid out every dock and toolbar and animated them, in the event-loop turns of the
press and of the first move (`ui.steady.SteadyHost`). Driven by real mouse events.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tests.model.factories import deployment, service
from tests.ui.gestures import send_mouse

from kubecanvas.model.layout import NODE_HEIGHT


class _Layouts(QObject):
    """Counts the layout requests the main window receives."""

    def __init__(self, widget: QObject) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _settle(qtbot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(20)


def test_pressing_a_card_and_moving_it_lays_out_no_dock(make_window, qtbot) -> None:
    web = deployment("web")
    web.position = (400.0, 200.0)
    svc = service("web", {"app": "web"})
    svc.position = (0.0, 200.0)
    window = make_window([web, svc])
    for dock in (window.inspector, window.yaml_panel):
        dock.show()
    _settle(qtbot)
    view = window.view
    view.centerOn(QPointF(450, 240))
    _settle(qtbot)
    layouts = _Layouts(window)
    start = view.mapFromScene(QPointF(460, 200 + NODE_HEIGHT / 2))
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonPress, start)
    send_mouse(view.viewport(), QMouseEvent.Type.MouseMove, start + start.__class__(30, 0),
               Qt.MouseButton.NoButton)
    _settle(qtbot)

    # the press selected the card and the Inspector shows it, with its form...
    assert window.scene.selected_ids() == [web.id]
    assert window.inspector.rid == web.id and window.inspector.widgets
    assert window.inspector.title.isVisible() and window.inspector.split.isVisible()
    # ...the card moved with the mouse...
    assert window.scene.nodes[web.id].pos() != QPointF(400, 200)
    # ...and the main window was not laid out for it
    assert layouts.count == 0
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonRelease,
               start + start.__class__(30, 0), buttons=Qt.MouseButton.NoButton)
