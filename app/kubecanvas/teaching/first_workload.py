"""The workload the Control Plane dock follows when none is selected, kept across edits.

The dock follows the design's "first" workload: the kind that tells the longest story first
(`WORKLOADS` order), then the one most pointed at (a Service selecting it brings EndpointSlices,
kube-proxy and CoreDNS into the story), then by name, then in document order. Choosing it by
sorting every workload after each edit cost 50 ms at 5,000 resources; `FirstWorkload` keeps each
workload's rank and, after an edit, ranks again only the resources the wiring graph touched (an
edit changes the in-edges of its neighbours only). A resource added or removed shifts the
document order, so then every workload is ranked again.
"""

from __future__ import annotations

from collections.abc import Iterable

from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.architecture import WORKLOADS

Rank = tuple[int, int, str, int]


def first_workload(doc: Document, graph: WiringGraph) -> str | None:
    """The workload to follow, from scratch (the reference `FirstWorkload` is held to)."""
    ranks = [(rank, res.id) for res in doc if (rank := _rank(doc, graph, res.id)) is not None]
    return min(ranks)[1] if ranks else None


def _rank(doc: Document, graph: WiringGraph, rid: str) -> Rank | None:
    res = doc.find(rid)
    if res is None or res.kind not in WORKLOADS:
        return None
    return (WORKLOADS.index(res.kind), -len(graph.in_edges(rid)), res.name, doc.index_of(rid))


class FirstWorkload:
    """`first_workload`, kept up to date from the changes of one document.

    Args:
        doc: the design.
        graph: its wiring graph, updated before each `follow`.
    """

    def __init__(self, doc: Document, graph: WiringGraph) -> None:
        self.doc, self.graph = doc, graph
        self._ranks: dict[str, Rank] | None = None  # None: rank every workload at next read
        self._best: tuple[Rank, str] | None = None

    def forget(self) -> None:
        """Rank everything again at the next read (a change this did not hear of)."""
        self._ranks, self._best = None, None

    def follow(self, change: Change, touched: Iterable[str]) -> None:
        """Note one change; `touched`: the resources whose wiring the graph re-derived."""
        if self._ranks is None or not change.structural:
            return
        if change.added or change.removed:
            self.forget()
            return
        ranks = self._ranks
        for rid in {*change.changed, *touched}:
            rank = _rank(self.doc, self.graph, rid)
            ranks.pop(rid, None)
            if rank is not None:
                ranks[rid] = rank
            best = self._best
            if best is None:
                continue
            if rid == best[1] and (rank is None or rank > best[0]):
                self._best = None  # found again at the next read
            elif rank is not None and (rank, rid) < best:
                self._best = (rank, rid)

    def current(self) -> str | None:
        """The workload to follow now (None in a design without workloads)."""
        if self._ranks is None:
            self._ranks = {res.id: rank for res in self.doc
                           if (rank := _rank(self.doc, self.graph, res.id)) is not None}
            self._best = None
        if self._best is None and self._ranks:
            self._best = min((rank, rid) for rid, rank in self._ranks.items())
        return self._best[1] if self._best is not None else None
