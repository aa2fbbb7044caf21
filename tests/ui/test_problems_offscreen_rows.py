"""An edit whose findings change only rows below the visible ones leaves the tree alone (Qt lays
out and repaints the whole list for a row taken or inserted); the rows come up to date as soon as
they may be seen: scrolled to, the list made taller, the panel shown, filtered, or read."""

from __future__ import annotations

from tests.bench.generate import generate_yaml

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.edits import SetField
from kubecanvas.ui.i18n import local_text
from kubecanvas.ui.panels.problems_panel import ProblemsPanel


def _rows(panel: ProblemsPanel) -> list[tuple[str, str]]:
    tree = panel.tree
    return [(item.text(1), item.text(2)) for row in range(tree.topLevelItemCount())
            if (item := tree.topLevelItem(row)) is not None]


def _expected(panel: ProblemsPanel) -> list[tuple[str, str]]:
    return [(local_text(f.message), panel.label_of(f.resource_id)) for f in panel.findings]


def _window(make_window, qtbot):
    window = make_window(load_text(generate_yaml(300, 0), "g.yaml").resources)
    qtbot.wait(50)
    panel = window.problems
    panel.tree.scrollToTop()
    assert panel.tree.isVisible()
    assert len(panel.findings) > 40, "more rows than the dock shows"
    assert _rows(panel) == _expected(panel)
    return window, panel


def _break_last_service(window) -> tuple[str, dict]:
    """Break the selector of the design's last Service: its new warning sorts after every
    error and after the warnings of the resources before it, far below the first rows."""
    service = [r for r in window.session.document if r.kind == "Service"
               and r.spec.get("selector")][-1]
    selector = dict(service.spec["selector"])
    key = next(iter(selector))
    window.editor.push(SetField(service.id, ("spec", "selector", key), selector[key] + "-typo"))
    return service.id, selector


def test_rows_below_the_view_wait_until_scrolled_to(make_window, qtbot) -> None:
    window, panel = _window(make_window, qtbot)
    count = panel.tree.topLevelItemCount()
    shown_before = _rows(panel)
    _break_last_service(window)
    assert len(panel.findings) > count  # the panel knows the new findings at once
    assert panel.tree.topLevelItemCount() == count  # the tree was not touched
    assert _rows(panel)[:20] == shown_before[:20] == _expected(panel)[:20]
    summary = panel.summary.text()
    panel.tree.scrollToBottom()  # the user scrolls down: the rows there are current
    assert _rows(panel) == _expected(panel)
    # undone while the rows wait again (scrolled back to the top)
    panel.tree.scrollToTop()
    window.undo_stack.undo()
    assert panel.summary.text() != summary
    assert _rows(panel) != _expected(panel)  # waiting
    panel.tree.verticalScrollBar().setValue(panel.tree.verticalScrollBar().maximum())
    assert _rows(panel) == _expected(panel)


def test_rows_that_wait_are_current_when_shown_filtered_or_read(make_window, qtbot) -> None:
    window, panel = _window(make_window, qtbot)
    _break_last_service(window)
    panel.tree.scrollToBottom()  # the new warning on screen
    assert _rows(panel) == _expected(panel)
    # closed, the edit undone (the row on screen goes), opened again (View > Problems)
    count = panel.tree.topLevelItemCount()
    panel.hide()
    window.undo_stack.undo()
    assert panel.tree.topLevelItemCount() == count  # a closed dock's rows wait
    panel.show()
    qtbot.waitUntil(lambda: _rows(panel) == _expected(panel), timeout=2000)
    # the filter box: matching rows come from the current findings
    panel.tree.scrollToTop()
    _break_last_service(window)
    assert _rows(panel) != _expected(panel)
    panel.filter_box.setText(_rows(panel)[0][1])  # the first row's resource
    assert _rows(panel) == _expected(panel)
    hidden = {panel.tree.topLevelItem(row).isHidden()
              for row in range(panel.tree.topLevelItemCount())}
    assert hidden == {True, False}
    panel.filter_box.clear()
    # the rows read by the window (the first finding selected) are the current ones
    panel.tree.scrollToTop()
    window.undo_stack.undo()
    assert _rows(panel) != _expected(panel)
    panel.select_first()
    assert _rows(panel) == _expected(panel)
