"""The Problems list on a narrow dock: the Resource, Field and Fix columns give way in
proportion so the message keeps a readable share of the row, the fix links elide to their
column, the set widths come back as the dock widens, and widths the user dragged stay."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton
from tests.model.factories import deployment, service

from kubecanvas.ui.panels.column_share import MESSAGE_SHARE, shared_widths
from kubecanvas.ui.panels.problem_rows import COLUMN_WIDTHS, LEAST_COLUMN_WIDTHS


def test_widths_shrink_in_proportion_down_to_their_minimums() -> None:
    preferred, least = {2: 180, 3: 120}, {2: 90, 3: 60}
    assert shared_widths(2000, preferred, least) == preferred  # room: the set widths
    narrow = shared_widths(400, preferred, least, message_share=0.5)
    assert narrow == {2: 120, 3: 80}  # 200 px to give, shared 3:2
    assert shared_widths(100, preferred, least) == least  # never below the minimums
    assert shared_widths(-50, preferred, least) == least


def _panel(make_window, qtbot):
    window = make_window([deployment("web"), service("lost", {"app": "nobody"}),
                          service("other-service-with-a-long-name", {"app": "nothing"})])
    problems = window.problems
    problems.show()
    qtbot.wait(10)
    return problems


def _fix_buttons(problems) -> list[QPushButton]:
    tree = problems.tree
    buttons = [tree.itemWidget(tree.topLevelItem(r), 4) for r in range(tree.topLevelItemCount())]
    return [b for b in buttons if isinstance(b, QPushButton)]


def test_narrow_dock_gives_the_message_its_share(make_window, qtbot) -> None:
    problems = _panel(make_window, qtbot)
    tree = problems.tree
    problems.setFloating(True)
    problems.resize(620, 300)
    qtbot.waitUntil(lambda: tree.viewport().width() < 620)
    qtbot.wait(20)
    room = tree.viewport().width() - tree.columnWidth(0)
    assert tree.columnWidth(1) >= MESSAGE_SHARE * room - 2
    for column, least in LEAST_COLUMN_WIDTHS.items():
        assert least <= tree.columnWidth(column) < COLUMN_WIDTHS[column]
    buttons = _fix_buttons(problems)
    assert buttons
    for button in buttons:  # elided to the narrower column, whole in the tooltip
        assert button.fontMetrics().horizontalAdvance(button.text()) <= tree.columnWidth(4)
        assert button.text() == button.toolTip() or button.text().endswith("…")
    # wider again: the set widths, and the links' whole text where it fits
    problems.resize(1500, 300)
    qtbot.waitUntil(lambda: tree.columnWidth(2) == COLUMN_WIDTHS[2])
    assert {c: tree.columnWidth(c) for c in COLUMN_WIDTHS} == COLUMN_WIDTHS
    for button in _fix_buttons(problems):
        width = button.fontMetrics().horizontalAdvance(button.toolTip())
        assert button.text() == button.toolTip() or width > COLUMN_WIDTHS[4] - 12


def test_widths_the_user_dragged_are_kept(make_window, qtbot) -> None:
    problems = _panel(make_window, qtbot)
    tree = problems.tree
    problems.setFloating(True)
    problems.resize(1500, 300)
    qtbot.wait(20)
    tree.header().resizeSection(2, 260)  # as a drag of the header's edge does
    problems.resize(620, 300)
    qtbot.wait(50)
    assert problems.columns.users_widths
    assert tree.columnWidth(2) == 260


@pytest.mark.parametrize("width", [300, 1366])
def test_sharing_settles(make_window, qtbot, width: int) -> None:
    """No resize loop: the widths settle within one event-loop pass."""
    problems = _panel(make_window, qtbot)
    problems.setFloating(True)
    problems.resize(width, 300)
    qtbot.wait(30)
    tree = problems.tree
    before = [tree.columnWidth(c) for c in range(5)]
    qtbot.wait(30)
    assert [tree.columnWidth(c) for c in range(5)] == before


def test_a_long_list_has_one_line_rows_elided_at_the_edge_not_at_a_break(
        make_window, qtbot, monkeypatch) -> None:
    """A long list keeps rows one line high; its messages do not wrap, so a message is cut at
    the column's edge ("the selector app.kubernetes.io/…" ended at the first line break)."""
    from kubecanvas.ui.panels import problems_panel

    monkeypatch.setattr(problems_panel, "MAX_WRAPPED_ROWS", 1)
    problems = _panel(make_window, qtbot)
    tree = problems.tree
    assert len(problems.findings) > 1
    assert tree.uniformRowHeights() and not tree.wordWrap()
    monkeypatch.setattr(problems_panel, "MAX_WRAPPED_ROWS", 400)
    problems.set_findings(problems.findings[:1])
    assert not tree.uniformRowHeights() and tree.wordWrap()
