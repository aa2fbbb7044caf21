"""The Problems panel replaces only the rows that changed, and ends up as a full rebuild would."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubecanvas.model.edits import SetField
from kubecanvas.model.record import replace
from kubecanvas.ui.panels import problems_panel
from kubecanvas.ui.panels.problem_rows import finding_changes
from kubecanvas.ui.panels.problems_panel import ProblemsPanel
from kubecanvas.validation.findings import Finding, Fix, Severity

_POOL = [
    Finding(f"rule.{i % 4}", (Severity.ERROR, Severity.WARNING, Severity.INFO)[i % 3],
            f"message {i}", f"r{i % 5}", ("spec", f"f{i}"), (),
            Fix(f"fix {i}", lambda i=i: SetField(f"r{i}", ("x",), i)) if i % 2 else None)
    for i in range(14)
]


def _ordered(indexes: list[int], copied: frozenset[int] = frozenset()) -> list[Finding]:
    """The pool's findings `indexes`, sorted; those in `copied` as equal new objects (what a
    re-check that finds the same problem again hands on)."""
    return sorted((replace(_POOL[i]) if i in copied else _POOL[i] for i in set(indexes)),
                  key=Finding.sort_key)


def _rows(panel: ProblemsPanel) -> list[tuple[str, str, str, bool]]:
    tree = panel.tree
    return [(tree.topLevelItem(r).text(1), tree.topLevelItem(r).text(2),
             tree.topLevelItem(r).text(3), tree.itemWidget(tree.topLevelItem(r), 4) is not None)
            for r in range(tree.topLevelItemCount())]


@pytest.fixture(scope="module")
def panels(qapp, monkeypatch_cap):
    """Two panels for the whole module (hypothesis examples reuse them): one updated step by
    step, one rebuilt from scratch at each step."""
    made = (ProblemsPanel(), ProblemsPanel())
    yield made
    for panel in made:
        panel.deleteLater()


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(st.integers(0, len(_POOL) - 1), max_size=14),
                          st.frozensets(st.integers(0, len(_POOL) - 1))), min_size=1,
                max_size=6))
def test_incremental_rows_equal_a_full_rebuild(panels, steps) -> None:
    panel, fresh = panels
    panel.set_findings([])
    for indexes, copied in steps:
        panel.set_findings(_ordered(indexes, copied))
        fresh._rebuild = True  # as a language switch does: every row made again
        fresh.set_findings(_ordered(indexes))
        assert [r[:3] for r in _rows(panel)] == [r[:3] for r in _rows(fresh)]
        buttons = [r[3] for r in _rows(panel)]
        fixable = [f.fix is not None for f in panel.findings]
        assert all(f for f, b in zip(fixable, buttons, strict=True) if b)  # only fixes get one
        assert sum(buttons) == min(sum(fixable), problems_panel.MAX_FIX_BUTTONS)
        emitted: list[Finding] = []
        panel.fix_requested.connect(emitted.append)
        tree = panel.tree
        for row in range(tree.topLevelItemCount()):
            button = tree.itemWidget(tree.topLevelItem(row), 4)
            if button is not None:
                button.click()
                assert emitted[-1] is panel.findings[row]  # each button fixes its own row
            assert panel.finding_at(tree.topLevelItem(row)) is panel.findings[row]
        panel.fix_requested.disconnect(emitted.append)


def test_the_button_cap_holds_across_updates(panels) -> None:
    panel = panels[0]
    panel.set_findings([])
    fixable = [f for f in _POOL if f.fix is not None]
    panel.set_findings(sorted(fixable[:5], key=Finding.sort_key))
    panel.set_findings(sorted(fixable, key=Finding.sort_key))
    buttons = sum(r[3] for r in _rows(panel))
    assert buttons == problems_panel.MAX_FIX_BUTTONS == 3
    panel.set_findings(sorted(fixable[3:], key=Finding.sort_key))
    assert sum(r[3] for r in _rows(panel)) == 3


def _grouped_rows(panel: ProblemsPanel) -> list[tuple[object, ...]]:
    tree = panel.tree
    rows: list[tuple[object, ...]] = []
    for g in range(tree.topLevelItemCount()):
        header = tree.topLevelItem(g)
        rows.append(("header", header.text(0)))
        for c in range(header.childCount()):
            item = header.child(c)
            rows.append((item.text(1), item.text(2), item.text(3),
                         tree.itemWidget(item, 4) is not None, panel.finding_at(item)))
    return rows


@pytest.fixture(scope="module")
def grouped_panels(qapp):
    made = (ProblemsPanel(), ProblemsPanel())
    for panel in made:
        panel.group_box.setChecked(True)
    yield made
    for panel in made:
        panel.deleteLater()


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.integers(0, len(_POOL) - 1), max_size=14), min_size=1,
                max_size=6))
def test_grouped_rows_updated_equal_a_full_rebuild(grouped_panels, steps) -> None:
    panel, fresh = grouped_panels
    panel.set_findings([])
    for indexes in steps:
        panel.set_findings(_ordered(indexes))
        fresh._rebuild = True
        fresh.set_findings(_ordered(indexes))
        ours, theirs = _grouped_rows(panel), _grouped_rows(fresh)
        assert [r[:3] for r in ours] == [r[:3] for r in theirs]
        found = [r[4] for r in ours if r[0] != "header"]
        assert found == panel.findings and sorted(map(id, found)) == sorted(map(id, set(found)))
        buttons = [r[3] for r in ours if r[0] != "header"]
        assert sum(buttons) == min(sum(f.fix is not None for f in panel.findings),
                                   problems_panel.MAX_FIX_BUTTONS)
        emitted: list[Finding] = []
        panel.fix_requested.connect(emitted.append)
        for item in panel._items():
            button = panel.tree.itemWidget(item, 4)
            if button is not None:
                button.click()
                assert emitted[-1] is panel.finding_at(item)
        panel.fix_requested.disconnect(emitted.append)


def test_a_finding_replaced_by_another_rewrites_its_row_in_place(panels) -> None:
    """An edit that changes one message (replicas 3 -> 4) rewrites that row where it stands:
    taking and inserting rows lays out the whole list again."""
    panel = panels[0]
    panel.set_findings([])
    first = _ordered([0, 1, 2])
    panel.set_findings(first)
    kept = [panel.tree.topLevelItem(r) for r in range(3)]
    changed = Finding(first[1].rule, first[1].severity, "another message", first[1].resource_id,
                      first[1].path, (), Fix("fix it", lambda: SetField("r", ("x",), 1)))
    panel.set_findings([first[0], changed, first[2]])
    assert [panel.tree.topLevelItem(r) for r in range(3)] == kept
    assert kept[1].text(1) == "another message"
    assert panel.tree.itemWidget(kept[1], 4) is not None
    assert panel.finding_at(kept[1]) is changed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, len(_POOL) - 1), unique=True, max_size=14),
       st.lists(st.tuples(st.integers(0, len(_POOL) - 1), st.booleans()), max_size=14),
       st.randoms(use_true_random=False))
def test_row_changes_by_identity_turn_the_old_rows_into_the_new(old_picks, new_picks,
                                                                 rng) -> None:
    """Taking the rows `finding_changes` says went, and inserting the ones it says came (as
    `set_findings` does), gives the new rows, whatever the order (shuffled or not) and
    whether the findings are handed on or made again equal."""
    old = [_POOL[i] for i in old_picks]
    seen: set[int] = set()
    new = [replace(_POOL[i]) if again else _POOL[i] for i, again in new_picks
           if not (i in seen or seen.add(i))]  # type: ignore[func-returns-value]
    if rng.random() < 0.5:
        rng.shuffle(new)
    changes = finding_changes(old, new, lambda f: (f.sort_key(), f.fix is None))
    rows = list(old)
    for _, i1, i2, _, _ in reversed(changes):
        del rows[i1:i2]
    for _, _, _, j1, j2 in changes:
        rows[j1:j1] = new[j1:j2]
    assert [f.sort_key() for f in rows] == [f.sort_key() for f in new]
