"""The Problems list read by a person: the message column stretches and long messages wrap,
the fix is a link sized to its text, most severe first, grouped by resource on request, and a
filter box narrows the rows as one types."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton
from tests.model.factories import deployment, service


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
    tree = problems.tree
    headers = [tree.topLevelItem(r) for r in range(tree.topLevelItemCount())]
    # one header per resource, its name and count spanning the row, its problems under it
    assert len(headers) == len({f.resource_id for f in problems.findings})
    worst = []
    for header in headers:
        assert header.isFirstColumnSpanned() and header.isExpanded()
        rows = [header.child(c) for c in range(header.childCount())]
        assert header.text(0).startswith(rows[0].text(2) + " — ")
        assert header.text(0).endswith("1 problem" if len(rows) == 1 else f"{len(rows)} problems")
        assert {row.text(2) for row in rows} == {rows[0].text(2)}
        found = [problems.finding_at(row) for row in rows]
        for row in rows:  # the severity dot shows beside the indent, not clipped by it
            assert tree.visualRect(tree.indexFromItem(row, 0)).width() >= 16
        assert [f.severity.rank for f in found] == sorted((f.severity.rank for f in found),
                                                          reverse=True)
        worst.append(found[0].severity.rank)
        assert problems.finding_at(header) is None
    assert worst == sorted(worst, reverse=True)  # the worst resources first
    assert sum(h.childCount() for h in headers) == len(problems.findings)
    # the filter hides the headers of resources none of whose rows match
    qtbot.keyClicks(problems.filter_box, "lost")
    shown = [h for h in headers if not h.isHidden()]
    assert len(shown) == 1 and "lost" in shown[0].text(0)
    problems.filter_box.clear()
    # a click on a grouped row goes to its finding; its fix link fixes that one
    header = next(h for h in headers if any(problems.finding_at(h.child(c)).fix
                                            for c in range(h.childCount())))
    row = next(header.child(c) for c in range(header.childCount())
               if problems.finding_at(header.child(c)).fix is not None)
    expected, chosen = problems.finding_at(row), []
    problems.fix_requested.connect(chosen.append)
    qtbot.mouseClick(tree.itemWidget(row, 4), Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert chosen == [expected]
    qtbot.mouseClick(problems.group_box, Qt.MouseButton.LeftButton,
                     pos=QPoint(4, problems.group_box.height() // 2))
    assert tree.topLevelItemCount() == len(problems.findings)  # flat again


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


def test_most_severe_first_after_dropping_five_kinds(make_window) -> None:
    """Mina's five drops on a new design: the validator lists findings in the design's order
    (a note, an error, ...); the list shows the error first, then the warning, then the notes."""
    from PySide6.QtCore import QPointF
    from tests.ui.test_gestures import _drop

    window = make_window([])
    for number, kind in enumerate(("Deployment", "Service", "Ingress", "ConfigMap",
                                   "PersistentVolumeClaim")):
        _drop(window, kind, QPointF(200 + 260 * (number % 3), 200 + 200 * (number // 3)))
    problems = window.problems
    given = [f.severity.rank for f in window.session.validator.findings]
    assert given != sorted(given, reverse=True)  # the case that was shown out of order
    shown = [problems.finding_at(problems.tree.topLevelItem(r)).severity.rank
             for r in range(problems.tree.topLevelItemCount())]
    assert shown == sorted(given, reverse=True)


def test_the_summary_names_only_the_severities_present(make_window) -> None:
    from kubecanvas.model.templates import new_resource

    window = make_window([new_resource("ConfigMap", [])])  # nothing uses it: one note
    assert window.problems.summary.text() == "1 note"


def test_korean_messages_get_rows_tall_enough_for_two_of_their_lines(make_window, qtbot) -> None:
    """Hangul comes from a fallback font with taller lines: a row sized for two Latin lines
    showed a Korean message as one elided line."""
    from PySide6.QtCore import QRect

    from kubecanvas.model.templates import new_resource
    from kubecanvas.ui import i18n

    window = make_window([new_resource("ConfigMap", [])])
    window.set_language("ko")
    try:
        problems = window.problems
        problems.show()
        tree = problems.tree
        tree.setColumnWidth(2, 120)
        problems.resize(520, 400)
        qtbot.wait(20)
        row = tree.topLevelItem(0)
        text = row.text(1)
        metrics = tree.fontMetrics()
        line = metrics.boundingRect(QRect(0, 0, 100000, 1000), 0, text).height()
        assert metrics.horizontalAdvance(text) > tree.columnWidth(1)  # it must wrap
        assert tree.visualItemRect(row).height() >= 2 * line
    finally:
        window.set_language("en")
        i18n.set_language("en")
