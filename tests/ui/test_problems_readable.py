"""The Problems list read by a person: the message column stretches and long messages wrap,
the fix is a link sized to its text, most severe first, grouped by resource on request, and a
filter box narrows the rows as one types."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from tests.model.factories import deployment, service

from kubecanvas.validation.findings import Severity


def _window(make_window):
    web = deployment("web")
    lost = service("lost", {"app": "nobody"})
    other = service("other", {"app": "nothing"})
    return make_window([web, lost, other])


def test_message_column_takes_the_room_and_wraps(make_window, qtbot) -> None:
    window = _window(make_window)
    problems = window.problems
    problems.show()
    tree = problems.tree
    header = tree.header()
    assert tree.columnCount() == 5
    assert header.sectionResizeMode(1) == header.ResizeMode.Stretch
    assert not tree.uniformRowHeights() and tree.wordWrap()
    tree.setColumnWidth(2, 120)
    problems.resize(520, 400)
    qtbot.wait(20)
    long_row = max(range(tree.topLevelItemCount()),
                   key=lambda r: len(tree.topLevelItem(r).text(1)))
    height = tree.visualItemRect(tree.topLevelItem(long_row)).height()
    assert height > tree.fontMetrics().lineSpacing() * 1.5  # two lines, not one cut line


def test_fix_is_a_link_sized_to_its_text(make_window) -> None:
    window = _window(make_window)
    problems = window.problems
    row = next(i for i, f in enumerate(problems.findings) if f.fix is not None)
    button = problems.tree.itemWidget(problems.tree.topLevelItem(row), 4)
    assert isinstance(button, QPushButton) and button.isFlat()
    full = button.toolTip()
    shown = button.text()
    assert shown == full or shown.endswith("…")
    assert button.fontMetrics().horizontalAdvance(shown) <= problems.tree.columnWidth(4)


def test_most_severe_first_and_grouped_by_resource(make_window, qtbot) -> None:
    window = _window(make_window)
    problems = window.problems
    ranks = [f.severity.rank for f in problems.findings]
    assert ranks == sorted(ranks, reverse=True)
    qtbot.mouseClick(problems.group_box, Qt.MouseButton.LeftButton,
                     pos=QPoint(4, problems.group_box.height() // 2))
    assert problems.group_box.isChecked()
    labels = [problems.tree.topLevelItem(r).text(2) for r in range(problems.tree.topLevelItemCount())]
    seen: list[str] = []
    for label in labels:  # each resource's rows together
        if not seen or seen[-1] != label:
            assert label not in seen, labels
            seen.append(label)
    assert len(problems.findings) == len(labels)
    assert {f.severity for f in problems.findings} <= set(Severity)


def test_filter_box_narrows_as_one_types(make_window, qtbot) -> None:
    window = _window(make_window)
    problems = window.problems
    tree = problems.tree
    total = tree.topLevelItemCount()
    qtbot.keyClicks(problems.filter_box, "lost")
    shown = [r for r in range(total) if not tree.topLevelItem(r).isHidden()]
    assert shown and len(shown) < total
    assert all("lost" in (tree.topLevelItem(r).text(1) + tree.topLevelItem(r).text(2))
               for r in shown)
    problems.filter_box.clear()
    assert all(not tree.topLevelItem(r).isHidden() for r in range(total))
