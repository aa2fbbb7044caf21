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
        elif self._pending:
            pending, self._pending = self._pending, set()
            found = [f for f in self._sorted if (f.resource_id or "") not in pending]
            places: dict[str, Place] = {}
            for finding in keep(f for rid in sorted(pending) for f in by_resource.get(rid, ())):
                bisect.insort(found, finding, key=lambda f: self._key(f, places))
            self._sorted = found
        return self._sorted

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
