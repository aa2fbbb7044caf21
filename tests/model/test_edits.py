from __future__ import annotations

import copy
import json

import pytest

from kubecanvas.model.document import Change, Document, DuplicateIdError, UnknownResourceError
from kubecanvas.model.edits import (
    DELETE,
    AddResource,
    Compound,
    MoveResources,
    RemoveResource,
    SetField,
    SetManifest,
    UndoStack,
    set_in,
)

from .factories import deployment, service


def snapshot(doc: Document) -> str:
    return json.dumps([(r.id, r.manifest, r.position, r.pinned) for r in doc], sort_keys=True)


def test_set_in_creates_parents_and_deletes_without_mutating_input():
    manifest = {"a": {"b": [1, 2]}}
    before = copy.deepcopy(manifest)
    assert set_in(manifest, ("a", "c", "d"), 1) == {"a": {"b": [1, 2], "c": {"d": 1}}}
    assert set_in(manifest, ("a", "b", 2), 3)["a"]["b"] == [1, 2, 3]
    assert set_in(manifest, ("a", "b", 0), DELETE)["a"]["b"] == [2]
    assert set_in(manifest, ("x", "y"), DELETE) == manifest
    assert set_in(manifest, ("l", 0, "k"), "v")["l"] == [{"k": "v"}]
    assert manifest == before


def test_every_edit_reverts_to_identical_document():
    web, svc = deployment("web"), service("web", {"app": "web"})
    doc = Document([web])
    stack = UndoStack(doc)
    states = [snapshot(doc)]
    edits = [
        AddResource(svc),
        SetField(web.id, ("spec", "replicas"), 3),
        SetField(svc.id, ("spec", "selector"), DELETE),
        MoveResources({web.id: (10, 20), svc.id: (30, 40)}),
        SetManifest(svc.id, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}}),
        Compound([SetField(web.id, ("metadata", "labels", "a"), "b"), RemoveResource(svc.id)]),
    ]
    for edit in edits:
        stack.push(edit)
        states.append(snapshot(doc))
    for expected in reversed(states[:-1]):
        stack.undo()
        assert snapshot(doc) == expected
    for expected in states[1:]:
        stack.redo()
        assert snapshot(doc) == expected


def test_removed_resource_returns_to_its_index():
    a, b, c = deployment("a"), deployment("b"), deployment("c")
    doc = Document([a, b, c])
    edit = RemoveResource(b.id)
    edit.apply(doc)
    edit.revert(doc)
    assert doc.ids() == [a.id, b.id, c.id]


def test_nudges_merge():
    """As an undo stack merges: the later nudge is applied, then absorbed by the first, whose
    undo goes back to where the first nudge started (and whose redo goes to the later place)."""
    a = deployment("a")
    doc = Document([a])
    first = MoveResources({a.id: (1, 0)})
    first.apply(doc)
    second = MoveResources({a.id: (2, 0)})
    second.apply(doc)
    assert first.merge(second)
    first.revert(doc)
    assert doc.get(a.id).position == (0.0, 0.0)
    first.apply(doc)
    assert doc.get(a.id).position == (2.0, 0.0)


def test_one_edit_object_serves_several_applications():
    """Undo state is kept per application, newest first: the same edit pushed twice (a fix
    clicked twice) undoes step by step, with no copy made by the caller."""
    a = deployment("a")
    doc = Document([a])
    before = doc.get(a.id).manifest
    edit = SetField(a.id, ("spec", "replicas"), 3)
    stack = UndoStack(doc)
    stack.push(edit)
    stack.push(SetField(a.id, ("spec", "replicas"), 5))
    stack.push(edit)
    assert doc.get(a.id).manifest["spec"]["replicas"] == 3
    stack.undo()
    assert doc.get(a.id).manifest["spec"]["replicas"] == 5
    stack.undo()
    stack.undo()
    assert doc.get(a.id).manifest == before
    assert edit.description == "Set spec.replicas"  # settled when made, never renamed


def test_document_invariants_raise_typed_errors():
    a = deployment("a")
    doc = Document([a])
    with pytest.raises(DuplicateIdError):
        doc.add(a)
    with pytest.raises(UnknownResourceError):
        doc.get("nope")


def test_compound_notifies_once():
    a = deployment("a")
    doc = Document([a])
    seen: list[Change] = []
    doc.subscribe(seen.append)
    Compound([SetField(a.id, ("spec", "replicas"), 2), SetField(a.id, ("spec", "paused"), True)]
             ).apply(doc)
    assert len(seen) == 1 and set(seen[0].changed) == {a.id}
