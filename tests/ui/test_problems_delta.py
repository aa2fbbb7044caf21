"""The Problems panel follows the validator's steps (`problem_delta`) instead of comparing every
finding after an edit; whatever the edits, undo and redo, filter, grouping, a closed dock or a
reopened design, its rows are those of a panel built from scratch from the validator's full
findings, in the same order."""

from __future__ import annotations

import random

from tests.bench.generate import generate_yaml

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.edits import RemoveResource, SetField
from kubecanvas.ui.panels.load_banner import load_findings
from kubecanvas.ui.panels.problems_panel import ProblemsPanel
from kubecanvas.ui.session import Session


def _rows(panel: ProblemsPanel) -> list[tuple[str, str, str, str]]:
    """Every row's severity dot's finding, message, resource and field, top to bottom (the
    rows that wait for the list to scroll brought up to date first, as a reader does)."""
    panel.catch_up(reading=True)
    tree = panel.tree
    out = []
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        assert item is not None
        finding = panel.finding_at(item)
        assert finding is not None
        out.append((finding.severity.value, item.text(1), item.text(2), item.text(3)))
    return out


def _from_scratch(window) -> list[tuple[str, str, str, str]]:
    """The rows of a new panel given the validator's findings, read whole."""
    panel = ProblemsPanel()
    try:
        panel.label_of = window.problems.label_of
        panel.source_of = window.problems.source_of
        panel.set_findings([*load_findings(window.session.load_problems),
                            *window.session.validator.findings])
        return _rows(panel)
    finally:
        panel.deleteLater()


def _edit(window, rng: random.Random, number: int) -> None:
    """One of the edits a user makes in the Inspector: a value, a count, a selector broken or
    mended, a rename (every finding that names the resource moves), or a deletion."""
    document = window.session.document
    resources = sorted(document, key=lambda r: (r.kind, r.namespace, r.name))
    kind = rng.choice(["ConfigMap", "Deployment", "Service", "Service", "rename", "delete"])
    if kind == "rename":
        target = rng.choice(resources)
        window.editor.push(SetField(target.id, ("metadata", "name"), f"renamed-{number}"))
    elif kind == "delete":
        window.editor.push(RemoveResource(rng.choice(resources).id))
    else:
        pool = [r for r in resources if r.kind == kind and (kind != "Service"
                                                           or r.spec.get("selector"))]
        target = rng.choice(pool)
        if kind == "ConfigMap":
            window.editor.push(SetField(target.id, ("data", "bench"), str(number)))
        elif kind == "Deployment":
            window.editor.push(SetField(target.id, ("spec", "replicas"), number % 4))
        else:
            key = sorted(target.spec["selector"])[0]
            value = target.spec["selector"][key]
            value = value[:-1] if value.endswith("x") else value + "x"
            window.editor.push(SetField(target.id, ("spec", "selector", key), value))


def test_rows_follow_edits_undo_redo_filter_and_reopen(make_window, qtbot) -> None:
    window = make_window(load_text(generate_yaml(300, 0), "g.yaml").resources)
    qtbot.wait(50)
    panel = window.problems
    assert len(_rows(panel)) > 40, "more rows than the dock shows"
    rng = random.Random(18)
    followed = 0
    for number in range(40):
        action = rng.random()
        if action < 0.55:
            _edit(window, rng, number)
        elif action < 0.75:
            window.undo_stack.undo()
        elif action < 0.85:
            window.undo_stack.redo()
        elif action < 0.9:
            panel.filter_box.setText(rng.choice(["selector", "replicas", "", "web"]))
        elif action < 0.95:  # closed for a few edits: its rows wait, then catch up
            panel.hide()
            for later in range(3):
                _edit(window, rng, 100 + number * 3 + later)
            panel.show()
        else:  # scrolled: the rows below wait while the edits change only them
            panel.tree.scrollToTop()
        followed += panel._track.order is not None  # noqa: SLF001 - the steps were followed
        assert _rows(panel) == _from_scratch(window), f"after step {number}"
        panel.filter_box.clear()
    assert followed > 20, "the steps were followed, not the whole lists compared"
    # grouped and back: the rows are made again and then follow the steps again
    panel.group_box.setChecked(True)
    _edit(window, rng, 500)
    panel.group_box.setChecked(False)
    _edit(window, rng, 501)
    assert _rows(panel) == _from_scratch(window)
    # another design (a new validator): its rows, and they follow its steps
    window.set_session(Session.create(Document(
        load_text(generate_yaml(200, 1), "h.yaml").resources)))
    assert _rows(panel) == _from_scratch(window)
    for number in range(8):
        _edit(window, rng, 600 + number)
        assert _rows(panel) == _from_scratch(window)
    window.undo_stack.undo()
    assert _rows(panel) == _from_scratch(window)
