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
    a = deployment("a")
    doc = Document([a])
    first = MoveResources({a.id: (1, 0)})
    first.apply(doc)
    second = MoveResources({a.id: (2, 0)})
    assert first.merge(second)
    first.apply(doc)
    first.revert(doc)
    assert doc.get(a.id).position == (0.0, 0.0)


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
