"""Where the cluster-scoped resources a namespace uses sit: in rows under its frame.

A PersistentVolume, its StorageClass, an IngressClass belong to no namespace, so they are not
drawn inside one's frame; drawn apart in a block of their own, every claim's wire to its volume
crossed the design. They go under the frame of the namespace that uses them most, a class one
row below the volumes it serves (`model.layout` places them under the column of what they are
wired to).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.resource import Resource


def adjacency(graph: WiringGraph, members: set[str]) -> dict[str, set[str]]:
    """Undirected neighbours among `members`, from one pass over the graph's edges.

    An object a workload creates (a StatefulSet's claim `data-web-0`) stands for its owner, as
    the canvas draws it beside the owner: the volume bound to that claim is then its
    StatefulSet's neighbour and goes under that namespace's frame, below it. Counted for
    nobody, such a volume went under whichever namespace used its StorageClass most, and its
    wire crossed the whole design."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    nodes = graph.graph.nodes
    for u, v, data in graph.graph.edges(data=True):
        # NetworkPolicy traffic joins applications that only talk: it is a layer, not a part
        if data["category"] == "derived":
            continue
        if u not in members:
            u = nodes[u].get("owner") if nodes[u].get("generated") else None
        if v not in members:
            v = nodes[v].get("owner") if nodes[v].get("generated") else None
        if u != v and u in members and v in members:
            adjacent[u].add(v)
            adjacent[v].add(u)
    return adjacent


def homes_under_frames(document: list[Resource], free: set[str],
           adjacent: Mapping[str, set[str]]) -> dict[str, tuple[str, int]]:
    """Which namespace each used cluster-scoped resource sits under, and in which row.

    A resource wired to namespaced resources goes under the namespace with most such wires
    (ties: alphabetical), in the first row; one wired only to such resources (a StorageClass
    behind a PersistentVolume) follows them, one row further down.
    """
    namespace_of = {r.id: effective_namespace(r) for r in document}
    pending = [r.id for r in document if r.id in free and not namespace_of[r.id]
               and r.kind != "Namespace" and adjacent.get(r.id)]
    homes: dict[str, tuple[str, int]] = {}
    for depth in range(1, 4):
        found: dict[str, tuple[str, int]] = {}
        for rid in pending:
            votes: dict[str, int] = defaultdict(int)
            for n in adjacent[rid]:
                if namespace_of.get(n) and n in free:
                    votes[namespace_of[n]] += 1
                elif n in homes:
                    votes[homes[n][0]] += 1
            if votes:
                found[rid] = (min(votes, key=lambda k: (-votes[k], k)), depth)
        homes.update(found)
        pending = [rid for rid in pending if rid not in found]
        if not found or not pending:
            break
    _push_down(document, homes, adjacent)
    return homes


#: Among resources under a namespace, the ones further from it (a class behind its volumes).
_OUTWARD = {"StorageClass": 1}


def _push_down(document: list[Resource], homes: dict[str, tuple[str, int]],
               adjacent: Mapping[str, set[str]]) -> None:
    """Put a StorageClass one row below the PersistentVolumes it serves, so claim -> volume ->
    class reads as one straight line down even when the claim names the class too."""
    kinds = {res.id: res.kind for res in document}
    for res in document:
        home = homes.get(res.id)
        if home is None or not _OUTWARD.get(res.kind):
            continue
        inner = [homes[n][1] for n in adjacent[res.id] if n in homes and homes[n][0] == home[0]
                 and _OUTWARD.get(kinds[n], 0) < _OUTWARD[res.kind]]
        if inner:
            homes[res.id] = (home[0], max(home[1], max(inner) + 1))
