"""The document: the only truth about a KubeCanvas design.

It holds resources (their manifests, positions and origins) in order, plus per-project settings,
and nothing derived. After every complete mutation it tells its subscribers what changed, in the
order they subscribed, whatever caused the change: an edit, an undo, a load. In the editor its one
subscriber is the session (`ui.session`), which runs the wiring graph, then the validator, then
the views. Its methods are not undoable; `kubecanvas.model.edits` is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kubecanvas.model.custom_kinds import KindMappings
from kubecanvas.model.record import field, record, replace
from kubecanvas.model.resource import Manifest, Position, Resource


class DocumentError(Exception):
    """A hard invariant of the document was broken by the caller."""


class DuplicateIdError(DocumentError):
    pass


class UnknownResourceError(DocumentError, KeyError):
    pass


@record
class Change:
    """What one mutation (or one batch of them) did, by resource id."""

    added: set[str] = field(default_factory=set)
    removed: dict[str, Resource] = field(default_factory=dict)
    changed: dict[str, Resource] = field(default_factory=dict)  # id -> resource before
    moved: set[str] = field(default_factory=set)
    settings: bool = False

    def merge(self, other: Change) -> None:
        for rid in other.added:
            self.added.add(rid)
            self.removed.pop(rid, None)
        for rid, res in other.removed.items():
            if rid in self.added:
                self.added.discard(rid)
                self.changed.pop(rid, None)
                self.moved.discard(rid)
            else:
                self.removed.setdefault(rid, self.changed.pop(rid, res))
        for rid, before in other.changed.items():
            if rid not in self.added:
                self.changed.setdefault(rid, before)
        self.moved |= other.moved
        self.settings |= other.settings

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.moved or self.settings)

    @property
    def structural(self) -> bool:
        """True when manifests changed (anything beyond positions)."""
        return bool(self.added or self.removed or self.changed)


@record
class ProjectSettings:
    """Per-project settings saved in the project file."""

    kube_version: str | None = None
    #: (rule id, resource id) pairs the user chose to ignore; '*' as resource id ignores a rule.
    ignored: set[tuple[str, str]] = field(default_factory=set)
    view: dict[str, Any] = field(default_factory=dict)
    #: rule profiles turned on beyond the default one ('hardening'); see validation.profiles.
    profiles: set[str] = field(default_factory=set)


Subscriber = Callable[[Change], None]


class Document:
    """An ordered collection of resources with change notification."""

    def __init__(self, resources: Iterable[Resource] = ()) -> None:
        self._resources: dict[str, Resource] = {}
        self._positions: dict[str, int] | None = None
        self._subscribers: list[Subscriber] = []
        self._pending: Change | None = None
        self._depth = 0
        self.settings = ProjectSettings()
        #: True for a design whose export orders the resources itself (a project, the editor's
        #: design); False for manifest files applied as they stand, where order matters.
        self.ordered_by_export = False
        #: custom kinds the wiring graph understands (`io.kinds_file` reads them; not saved)
        self.kind_mappings = KindMappings()
        for res in resources:
            if res.id in self._resources:
                raise DuplicateIdError(res.id)
            self._resources[res.id] = res

    # --- reading -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._resources)

    def __iter__(self) -> Iterator[Resource]:
        return iter(list(self._resources.values()))

    def __contains__(self, rid: object) -> bool:
        return rid in self._resources

    def get(self, rid: str) -> Resource:
        try:
            return self._resources[rid]
        except KeyError:
            raise UnknownResourceError(rid) from None

    def find(self, rid: str) -> Resource | None:
        return self._resources.get(rid)

    def ids(self) -> list[str]:
        return list(self._resources)

    def index_of(self, rid: str) -> int:
        """The resource's position in document order (cached until the next add or remove)."""
        if self._positions is None:
            self._positions = {r: i for i, r in enumerate(self._resources)}
        try:
            return self._positions[rid]
        except KeyError:
            raise UnknownResourceError(rid) from None

    def by_kind(self, kind: str) -> list[Resource]:
        return [r for r in self._resources.values() if r.kind == kind]

    # --- subscribing ---------------------------------------------------------------------------
    def subscribe(self, callback: Subscriber) -> None:
        """Call `callback(change)` after each mutation, after the callbacks subscribed before."""
        self._subscribers.append(callback)

    def unsubscribe(self, callback: Subscriber) -> None:
        self._subscribers = [s for s in self._subscribers if s != callback]  # == for bound methods

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group mutations so subscribers hear about them once, at the end."""
        self._depth += 1
        if self._pending is None:
            self._pending = Change()
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                change, self._pending = self._pending, None
                if change is not None and not change.empty:
                    self._notify(change)

    def _emit(self, change: Change) -> None:
        if self._pending is not None:
            self._pending.merge(change)
        else:
            self._notify(change)

    def _notify(self, change: Change) -> None:
        for callback in list(self._subscribers):
            callback(change)

    # --- mutating ------------------------------------------------------------------------------
    def add(self, resource: Resource, index: int | None = None) -> None:
        if resource.id in self._resources:
            raise DuplicateIdError(f"a resource with id {resource.id} is already in the document")
        self._positions = None
        if index is None or index >= len(self._resources):
            self._resources[resource.id] = resource
        else:
            items = list(self._resources.items())
            items.insert(max(index, 0), (resource.id, resource))
            self._resources = dict(items)
        self._emit(Change(added={resource.id}))

    def remove(self, rid: str) -> tuple[Resource, int]:
        """Remove a resource; returns it and the index it had (for undo)."""
        resource = self.get(rid)
        index = self.index_of(rid)
        del self._resources[rid]
        self._positions = None
        self._emit(Change(removed={rid: resource}))
        return resource, index

    def set_manifest(self, rid: str, manifest: Manifest) -> Manifest:
        """Replace a resource's manifest; returns the previous one."""
        before = self.get(rid)
        self._resources[rid] = before.with_manifest(manifest)
        self._emit(Change(changed={rid: before}))
        return before.manifest

    def set_origin_state(self, rid: str, **fields: Any) -> None:
        """Change bookkeeping fields (origin, original) without notifying: used by savers."""
        self._resources[rid] = replace(self.get(rid), **fields)

    def move(self, rid: str, position: Position, pinned: bool | None = None) -> Position:
        """Set a resource's layout position; returns the previous one."""
        before = self.get(rid)
        self._resources[rid] = replace(
            before, position=(float(position[0]), float(position[1])),
            pinned=before.pinned if pinned is None else pinned)
        self._emit(Change(moved={rid}))
        return before.position

    def touch_settings(self) -> None:
        """Announce that `settings` changed."""
        self._emit(Change(settings=True))

    def clear(self) -> None:
        with self.batch():
            for rid in self.ids():
                self.remove(rid)
