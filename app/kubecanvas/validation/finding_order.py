"""The validator's findings kept in their canonical order from one edit to the next.

Sorting every finding again after each edit (`sort_findings`) cost 17 ms at 5,000 resources
and grew with the design, while an edit re-checks a handful of resources. So the sorted list
is kept: the findings of the re-checked resources leave it and their new ones are inserted
where `sort_findings` puts them (a binary search over the same order, which computes the place
of the few entries it compares), and an edit costs the findings it changed plus a copy of the
list.

`sort_findings` ranks the resources the findings name by `in_order`, which is the order of
(`order_key`, `content_key`, id); content and id only decide between two definitions at the
same place (one object defined twice), so they are looked at only for those. A finding's place
also depends on its related resources: when a resource's place changes (added, removed, renamed,
moved to another namespace or file, or one of twins edited) while findings that were not
re-checked name it as related, the whole list is sorted again, as before.

Each update is also written down as a step (the findings that left the list and those that came,
each with its key), so that a view of the list (the Problems panel) can follow it in the same
few operations instead of comparing thousands of findings after each edit: `mark` and `since`.
A whole sort starts a new epoch, and the log keeps only the last `LOG_STEPS` steps; a view whose
mark is older reads the whole list again.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.order import content_key, order_key
from kubecanvas.validation.findings import Finding

Place = tuple[Any, ...]
Key = tuple[Any, ...]
#: One update of the sorted list: the findings that left it and those inserted, in that order,
#: each with its key (`FindingOrder.key_of`).
Step = tuple[list[tuple[Key, Finding]], list[tuple[Key, Finding]]]
#: Where a reader of the steps stands: the epoch (a whole sort) and the number of steps read.
Mark = tuple[object, int]

#: Steps kept for views that lag behind (a hidden Problems panel catches up when shown).
LOG_STEPS = 256


class FindingOrder:
    """The sorted findings of a `Validator`, brought up to date from the resources it replaced.

    Args:
        document: the document checked.
        graph: its wiring graph (to tell definitions of one object apart).
        sort: `sort_findings`, for a whole sort.
    """

    def __init__(self, document: Document, graph: WiringGraph,
                 sort: Callable[[Document, Iterable[Finding]], list[Finding]]) -> None:
        self.document = document
        self.graph = graph
        self._sort = sort
        self._sorted: list[Finding] | None = None
        self._pending: set[str] = set()  # resources ("" for none) whose findings were replaced
        self._related: Counter[str] = Counter()  # how many stored findings name a resource
        self._listed: dict[str, list[Finding]] = {}  # the sorted findings by resource ("")
        self._keys: dict[int, Key] = {}  # id -> key of sorted findings whose key is known
        self._epoch = object()
        self._log: list[Step] = []
        self._log_start = 0  # the number of the first step in `_log`

    def forget(self) -> None:
        """Sort everything at the next read (after a full check, a settings change, or a
        save that gave resources their files)."""
        self._sorted = None
        self._pending.clear()

    def count_related(self, findings: Iterable[Finding], sign: int) -> None:
        """Findings stored (`sign` 1) or dropped (-1), for `moved`."""
        for finding in findings:
            for rid in finding.related:
                self._related[rid] += sign
                if not self._related[rid]:
                    del self._related[rid]

    def replaced(self, rids: Iterable[str]) -> None:
        """The findings on `rids` were replaced (re-checked or dropped)."""
        self._pending.update(rids)

    def moved(self, rids: Iterable[str], by_resource: Mapping[str, list[Finding]]) -> None:
        """`rids` may have changed place: sort again if findings not re-checked name them."""
        if self._sorted is None:
            return
        mentions = Counter(r for rid in self._pending for f in by_resource.get(rid, ())
                           for r in f.related)
        if any(self._related.get(rid, 0) > mentions.get(rid, 0) for rid in rids):
            self.forget()

    def current(self, by_resource: Mapping[str, list[Finding]],
                keep: Callable[[Iterable[Finding]], list[Finding]]) -> list[Finding]:
        """Every finding `keep` keeps (the ignores), in the order of `sort_findings`."""
        if self._sorted is None:
            self._pending.clear()
            everything = [f for group in by_resource.values() for f in group]
            self._sorted = self._sort(self.document, keep(everything))
            self._listed, self._keys = {}, {}
            for finding in self._sorted:
                self._listed.setdefault(finding.resource_id or "", []).append(finding)
            self._epoch, self._log, self._log_start = object(), [], 0
        elif self._pending:
            pending, self._pending = sorted(self._pending), set()
            places: dict[str, Place] = {}
            removed = [(self._remove(f, places), f)
                       for rid in pending for f in self._listed.pop(rid, ())]
            added = []
            for finding in keep(f for rid in pending for f in by_resource.get(rid, ())):
                key = self._key(finding, places)
                at = bisect.bisect_right(self._sorted, key, key=lambda f: self._known(f, places))
                self._sorted.insert(at, finding)
                self._keys[id(finding)] = key
                self._listed.setdefault(finding.resource_id or "", []).append(finding)
                added.append((key, finding))
            self._log.append((removed, added))
            if len(self._log) > LOG_STEPS:
                del self._log[0]
                self._log_start += 1
        return self._sorted

    def _remove(self, finding: Finding, places: dict[str, Place]) -> Key:
        """Take `finding` out of the sorted list (found by its key, then by identity among equal
        keys); its key."""
        key = self._keys.pop(id(finding), None) or self._key(finding, places)
        found = self._sorted
        assert found is not None, "a finding taken out of a list not sorted"
        at = bisect.bisect_left(found, key, key=lambda f: self._known(f, places))
        while at < len(found) and found[at] is not finding and \
                self._known(found[at], places) == key:
            at += 1
        if at >= len(found) or found[at] is not finding:
            # its key changed since it was sorted (its resource was renamed): look it up
            found_at = next((i for i, f in enumerate(found) if f is finding), None)
            assert found_at is not None, "a finding taken out of a list that does not hold it"
            at = found_at
        del found[at]
        return key

    def _known(self, finding: Finding, places: dict[str, Place]) -> Key:
        """The key of a sorted finding, computed once (a sorted finding's key stays as it was
        sorted: a change of its place re-checks it or sorts everything again)."""
        key = self._keys.get(id(finding))
        if key is None:
            key = self._keys[id(finding)] = self._key(finding, places)
        return key

    def key_of(self, finding: Finding) -> Key:
        """The key `finding` is sorted by (comparable with the keys in the steps)."""
        if id(finding) in self._keys or any(
                f is finding for f in self._listed.get(finding.resource_id or "", ())):
            return self._known(finding, {})  # sorted: computed once
        return self._key(finding, {})

    def mark(self) -> Mark:
        """Where the sorted list now stands, for `since`."""
        return (self._epoch, self._log_start + len(self._log))

    def since(self, mark: Mark | None) -> list[Step] | None:
        """The steps that turned the list at `mark` into the list now; None when they are not
        known (a whole sort since, steps forgotten, or updates not yet applied by `current`)."""
        if mark is None or self._sorted is None or self._pending:
            return None
        epoch, read = mark
        if epoch is not self._epoch or read < self._log_start:
            return None
        return self._log[read - self._log_start:]

    def _key(self, finding: Finding, places: dict[str, Place]) -> tuple[Any, ...]:
        return (self._place(finding.resource_id, places), finding.field, finding.rule,
                str(finding.message), tuple(self._place(r, places) for r in finding.related))

    def _place(self, rid: str | None, places: dict[str, Place]) -> Place:
        """The resource's place in the canonical order; before all for none or a missing one."""
        if rid is None:
            return (-1,)
        place = places.get(rid)
        if place is None:
            res = self.document.find(rid)
            if res is None:
                place = (-1,)
            elif len(self.graph.lookup(res.kind, effective_namespace(res), res.name)) > 1:
                place = (0, order_key(res), content_key(res), res.id)
            else:
                place = (0, order_key(res))
            places[rid] = place
        return place
