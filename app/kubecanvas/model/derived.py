"""Edges the wiring graph derives from several resources at once, recomputed as a whole.

A by-name reference or a selector on pods belongs to one resource and is kept incrementally. Two
relations are not: NetworkPolicy traffic (a policy's peers against every workload's pod labels
and every namespace's labels) and a custom kind's label selector over another kind (a
ServiceMonitor choosing Services). They are few (one set per policy or monitor), so the graph
recomputes all of them when a resource they read changes, as it re-simulates PV binding
(`graph._recompute_derived`). The result never depends on resource ids: resources are visited in
the canonical order and edges keyed by names and field paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.custom_kinds import KindMappings, selector_matches
from kubecanvas.model.document import Change, Document
from kubecanvas.model.kinds import effective_namespace, pod_template
from kubecanvas.model.multigraph import MultiDiGraph
from kubecanvas.model.references import EdgeType, Reference, format_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.traffic import NAME_LABEL, External, PodTables, policy_edges
from kubecanvas.model.wiring_index import WiringIndex

#: kinds whose change always means recomputing (besides pod owners and mapped kinds)
TRIGGER_KINDS = frozenset({"NetworkPolicy", "Namespace"})


@dataclass(frozen=True)
class DerivedEdge:
    source: str
    target: str
    key: str
    type: str
    field: str
    label: str
    reference: Reference


def change_resources(change: Change, document: Document) -> Iterator[Resource]:
    """The resources of a change, before and after."""
    yield from change.removed.values()
    yield from change.changed.values()
    for rid in (*change.changed, *change.added):
        res = document.find(rid)
        if res is not None:
            yield res


def touches_derived(resources: Iterable[Resource], mappings: KindMappings, active: bool) -> bool:
    """True when a change of `resources` may alter a derived edge: a policy, a namespace, a
    mapped selector's kinds, or (while the design has derived edges or policies, `active`) a
    workload. Cheap for designs without policies: most edits change no policy."""
    mapped = mappings.selector_kinds()
    if not (active or mapped):
        return any(r.kind == "NetworkPolicy" for r in resources)
    kinds = TRIGGER_KINDS | mapped
    return any(r.kind in kinds or pod_template(r) is not None for r in resources)


def namespace_labels(index: WiringIndex, resource: Callable[[str], Resource]) -> dict[
        str, dict[str, str]]:
    """The labels of each namespace the design knows: a Namespace resource's own, or only the
    name label the API server adds, for a namespace the design merely deploys to."""
    out: dict[str, dict[str, str]] = {ns: {NAME_LABEL: ns} for ns in index.pods_in_ns}
    for rid in index.by_kind.get("Namespace", ()):
        res = resource(rid)
        out[res.name] = {**{str(k): str(v) for k, v in res.labels.items()}, NAME_LABEL: res.name}
    return out


def derived_edges(index: WiringIndex, resource: Callable[[str], Resource],
                  order: Callable[[str], Any],
                  mappings: KindMappings) -> tuple[list[DerivedEdge], list[External]]:
    """Every traffic edge and custom selector edge of the design, with the external
    stand-ins they need, in a deterministic order."""
    edges: list[DerivedEdge] = []
    externals: dict[str, External] = {}
    policies = sorted(index.by_kind.get("NetworkPolicy", ()), key=order)
    if policies:
        tables = PodTables(index.pods_in_ns, index.pod_labels, namespace_labels(index, resource),
                           order)
        for rid in policies:
            found, outside = policy_edges(resource(rid), tables)
            edges.extend(DerivedEdge(e.source, e.target, e.key, EdgeType.TRAFFIC, e.field,
                                     e.label, e.reference) for e in found)
            externals.update((x.node, x) for x in outside)
    if mappings:
        edges.extend(_selector_edges(index, resource, order, mappings))
    return edges, [externals[k] for k in sorted(externals)]


def _selector_edges(index: WiringIndex, resource: Callable[[str], Resource],
                    order: Callable[[str], Any], mappings: KindMappings) -> Iterable[DerivedEdge]:
    sources = [rid for m in {m.kind for m in mappings.kinds if m.selectors}
               for rid in index.by_kind.get(m, ())]
    for rid in sorted(sources, key=order):
        res = resource(rid)
        ns = effective_namespace(res)
        for match in selector_matches(res, ns, mappings):
            field = format_path(match.path)
            reference = Reference(EdgeType.SELECTS, match.path, match.kind, "", ns, match.label)
            candidates = sorted(index.by_kind.get(match.kind, ()), key=order)
            for target in candidates:
                other = resource(target)
                if match.namespaces is not None and effective_namespace(other) \
                        not in match.namespaces:
                    continue
                labels = {str(k): str(v) for k, v in other.labels.items()}
                if target != rid and match.selector.matches(labels):
                    yield DerivedEdge(rid, target, f"match:{field}", EdgeType.SELECTS, field,
                                      match.label or match.selector.describe(), reference)


class DerivedEdges:
    """The derived edges and external stand-ins a wiring graph holds now, so a recompute can
    take them out and say which resources' edges changed."""

    def __init__(self) -> None:
        self.edges: dict[tuple[str, str, str], str] = {}  # (u, v, key) -> label
        self.externals: set[str] = set()

    def clear(self) -> None:
        self.edges.clear()
        self.externals.clear()

    def recompute(self, graph: MultiDiGraph, index: WiringIndex, document: Document,
                  category: str) -> set[str]:
        """Replace every derived edge of `graph`; returns the resources whose derived edges
        changed (`category`: the graph's name for derived edges)."""
        old = {edge: label for edge, label in self.edges.items() if graph.has_edge(*edge)}
        for u, v, k in old:
            graph.remove_edge(u, v, k)
        edges, externals = derived_edges(index, document.get, document.index_of,
                                         document.kind_mappings)
        for node in sorted(self.externals - {x.node for x in externals}):
            if node in graph:
                graph.remove_node(node)
        for x in externals:
            graph.add_node(x.node, external=True, kind=x.kind, name=x.name,
                           namespace=x.namespace)
        self.externals = {x.node for x in externals}
        self.edges = {}
        for e in edges:
            if e.source in graph and e.target in graph:
                graph.add_edge(e.source, e.target, key=e.key, type=e.type, field=e.field,
                               label=e.label, category=category, ref=e.reference)
                self.edges[(e.source, e.target, e.key)] = e.label
        changed = {n for edge in set(old.items()) ^ set(self.edges.items())
                   for n in edge[0][:2]}
        return {n for n in changed if n in document}
