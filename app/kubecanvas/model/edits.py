"""Reversible edits of a document: the only way the editor changes anything.

Each edit has `apply(doc)` and `revert(doc)`, and a plain-words `description` used for the undo
menu and for fix buttons (a `Text` where the model words it: English, with the Korean the editor
shows in Korean mode; callers may pass plain strings already in the user's language). The
description is settled when the edit is made; applying never renames it. They are testable without
Qt; the UI wraps any edit in one thin QUndoCommand.

Manifests are never mutated in place: an edit replaces a resource's manifest with an edited deep
copy and remembers the previous one, so revert is exact. What an edit remembers is kept per
application, last in first out (`UndoRecord`): one edit object may be applied again before the
earlier application is reverted (a fix clicked twice, a macro whose parts are shared), as an undo stack
does, so callers never need to copy an edit before using it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from kubecanvas.model.document import Document
from kubecanvas.model.fields import DELETE, FieldPath
from kubecanvas.model.record import field, record
from kubecanvas.model.references import format_path
from kubecanvas.model.resource import Manifest, Position, Resource
from kubecanvas.model.text import Text, resource_ko


class Edit(Protocol):
    description: str

    def apply(self, doc: Document) -> None: ...

    def revert(self, doc: Document) -> None: ...


def set_in(manifest: Manifest, path: FieldPath, value: Any) -> Manifest:
    """A deep copy of `manifest` with `value` at `path`, creating mappings and list slots on
    the way. A value of `DELETE` removes the field; removing the last entry of a list removes
    the then empty list too (so a disconnect leaves no `volumes: []` behind)."""
    result = copy.deepcopy(manifest)
    if not path:
        raise ValueError("an empty path would replace the whole manifest; use SetManifest")
    node: Any = result
    parent: Any = None
    for step, nxt in zip(path[:-1], path[1:], strict=True):
        child = _child(node, step)
        if child is None or not isinstance(child, (dict, list)):
            if value is DELETE:
                return result
            child = [] if isinstance(nxt, int) else {}
            _assign(node, step, child)
        parent, node = (node, step), child
    last = path[-1]
    if value is DELETE:
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and isinstance(last, int) and -len(node) <= last < len(node):
            del node[last]
            if not node and parent is not None and isinstance(parent[0], dict):
                del parent[0][parent[1]]  # removing the last entry removes the empty list
    else:
        _assign(node, last, copy.deepcopy(value))
    return result


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return node[step] if isinstance(node, list) and -len(node) <= step < len(node) else None
    return node.get(step) if isinstance(node, dict) else None


def _assign(node: Any, step: str | int, value: Any) -> None:
    if isinstance(step, int):
        if not isinstance(node, list):
            raise TypeError(f"cannot index {type(node).__name__} with {step}")
        if step == len(node):
            node.append(value)
        elif step > len(node):
            raise IndexError(f"list index {step} is past the end ({len(node)} items)")
        else:
            node[step] = value
    else:
        if not isinstance(node, dict):
            raise TypeError(f"cannot set field {step!r} on {type(node).__name__}")
        node[step] = value


class UndoRecord(list[Any]):
    """What each application of an edit replaced, newest last: `revert` undoes the latest."""

    def pop_latest(self) -> Any:
        assert self, "revert before apply"
        return self.pop()


@record
class AddResource:
    resource: Resource
    index: int | None = None
    description: str = ""

    def __post_init__(self) -> None:
        res = self.resource
        self.description = self.description or Text(
            f"Add {res.label()}", f"{resource_ko(res.kind, res.namespace, res.name)} 추가")

    def apply(self, doc: Document) -> None:
        doc.add(self.resource, self.index)

    def revert(self, doc: Document) -> None:
        doc.remove(self.resource.id)


@record
class RemoveResource:
    rid: str
    description: str = Text("Delete a resource", "리소스 삭제")
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def apply(self, doc: Document) -> None:
        self._undo.append(doc.remove(self.rid))

    def revert(self, doc: Document) -> None:
        removed, index = self._undo.pop_latest()
        doc.add(removed, index)


@record
class SetManifest:
    """Replace a whole manifest (the YAML editor's edit)."""

    rid: str
    manifest: Manifest
    description: str = Text("Edit manifest", "매니페스트 편집")
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def apply(self, doc: Document) -> None:
        self._undo.append(doc.set_manifest(self.rid, copy.deepcopy(self.manifest)))

    def revert(self, doc: Document) -> None:
        doc.set_manifest(self.rid, self._undo.pop_latest())


@record
class SetField:
    """Set (or with value DELETE, remove) one field of one manifest.

    Without a description it is worded from the path ("Set spec.replicas"); `describe_set_field`
    words it with the resource's name."""

    rid: str
    path: FieldPath
    value: Any
    description: str = ""
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.description:
            verb, verb_ko = ("Remove", "제거") if self.value is DELETE else ("Set", "설정")
            where = format_path(self.path)
            self.description = Text(f"{verb} {where}", f"{where} {verb_ko}")

    def apply(self, doc: Document) -> None:
        res = doc.get(self.rid)
        self._undo.append(doc.set_manifest(self.rid, set_in(res.manifest, self.path,
                                                             self.value)))

    def revert(self, doc: Document) -> None:
        doc.set_manifest(self.rid, self._undo.pop_latest())


def describe_set_field(doc: Document, rid: str, path: FieldPath, value: Any) -> SetField:
    """A `SetField` worded with the resource it edits ("Set spec.replicas of Deployment web")."""
    res = doc.get(rid)
    verb, verb_ko = ("Remove", "제거") if value is DELETE else ("Set", "설정")
    where = format_path(path)
    return SetField(rid, path, value, Text(
        f"{verb} {where} of {res.label()}",
        f"{resource_ko(res.kind, res.namespace, res.name)}의 {where} {verb_ko}"))


def describe_remove(doc: Document, rid: str) -> RemoveResource:
    """A `RemoveResource` worded with the resource it deletes ("Delete Service web")."""
    res = doc.get(rid)
    return RemoveResource(rid, Text(f"Delete {res.label()}",
                                    f"{resource_ko(res.kind, res.namespace, res.name)} 삭제"))


@record
class MoveResources:
    """Move one or more resources; consecutive nudges of the same selection merge into one."""

    positions: Mapping[str, Position]
    description: str = Text("Move", "이동")
    pin: bool | None = None
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def apply(self, doc: Document) -> None:
        before: dict[str, tuple[Position, bool]] = {}
        with doc.batch():
            for rid, pos in self.positions.items():
                res = doc.get(rid)
                before[rid] = (res.position, res.pinned)
                doc.move(rid, pos, self.pin)
        self._undo.append(before)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            for rid, (pos, pinned) in self._undo.pop_latest().items():
                doc.move(rid, pos, pinned)

    def merge(self, later: MoveResources) -> bool:
        """Absorb a later move of the same resources (arrow-key nudges)."""
        if set(later.positions) != set(self.positions):
            return False
        self.positions = dict(later.positions)
        return True


@record
class Compound:
    """Several edits applied as one step, notified once."""

    edits: Sequence[Edit]
    description: str = ""

    def __post_init__(self) -> None:
        self.edits = list(self.edits)
        if not self.description and self.edits:
            self.description = self.edits[0].description

    def apply(self, doc: Document) -> None:
        with doc.batch():
            for edit in self.edits:
                edit.apply(doc)

    def revert(self, doc: Document) -> None:
        with doc.batch():
            for edit in reversed(self.edits):
                edit.revert(doc)


class UndoStack:
    """A plain undo stack for the model and the CLI (the editor uses QUndoStack instead)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._done: list[Edit] = []
        self._undone: list[Edit] = []

    def push(self, edit: Edit) -> None:
        edit.apply(self.doc)
        self._done.append(edit)
        self._undone.clear()

    def undo(self) -> Edit | None:
        if not self._done:
            return None
        edit = self._done.pop()
        edit.revert(self.doc)
        self._undone.append(edit)
        return edit

    def redo(self) -> Edit | None:
        if not self._undone:
            return None
        edit = self._undone.pop()
        edit.apply(self.doc)
        self._done.append(edit)
        return edit

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)
