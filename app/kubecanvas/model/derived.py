"""Edges derived from several resources at once: NetworkPolicy traffic, custom selectors.

A by-name reference or a selector on pods belongs to one resource and is kept incrementally. Two
relations are not: NetworkPolicy traffic (a policy's peers against every workload's pod labels
and every namespace's labels) and a custom kind's label selector over another kind (a
ServiceMonitor choosing Services). The graph recomputes, when a resource they read changes, the
policies that change can alter (`DerivedEdges._recompute_local`), and all of them (and the
monitors) when it cannot tell. The result never depends on resource ids: resources are visited in
the canonical order and edges keyed by names and field paths.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kubecanvas.model.custom_kinds import KindMappings, selector_matches
from kubecanvas.model.document import Change, Document
from kubecanvas.model.kinds import effective_namespace, pod_template, template_labels
from kubecanvas.model.multigraph import MultiDiGraph
from kubecanvas.model.order import in_order
from kubecanvas.model.record import record
from kubecanvas.model.references import EdgeType, Reference, format_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import Selector
from kubecanvas.model.traffic import (
    NAME_LABEL,
    External,
    PodTables,
    policy_edges,
    policy_reads,
)
from kubecanvas.model.wiring_index import WiringIndex

#: kinds whose change always means recomputing (besides pod owners and mapped kinds)
TRIGGER_KINDS = frozenset({"NetworkPolicy", "Namespace"})


@record(frozen=True)
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
    kinds = TRIGGER_KINDS | mappings.selector_kinds()
    return any(r.kind in kinds or active and pod_template(r) is not None for r in resources)


def namespace_labels(index: WiringIndex, resource: Callable[[str], Resource]) -> dict[
        str, dict[str, str]]:
    """The labels of each namespace the design knows: a Namespace resource's own, or only the
    name label the API server adds, for a namespace the design merely deploys to. A Namespace
    defined twice has the labels of its last definition in the canonical order, the one
    `kubectl apply` keeps (not of whichever a set of ids yields last)."""
    out: dict[str, dict[str, str]] = {ns: {NAME_LABEL: ns} for ns in index.pods_in_ns}
    for res in in_order(resource(rid) for rid in index.by_kind.get("Namespace", ())):
        out[res.name] = {**{str(k): str(v) for k, v in res.labels.items()}, NAME_LABEL: res.name}
    return out


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


def _selects(changed: list[Resource], index: WiringIndex, document: Document) -> bool:
    """True when `changed` may alter a custom selector edge: a resource of a kind that selects
    (a ServiceMonitor) changed, or one of a kind selected while the design holds a selecting
    one. Without any ServiceMonitor, a Service edit recomputed every policy (12 ms at 5,000)."""
    mappings = document.kind_mappings
    sources = {m.kind for m in mappings.kinds if m.selectors}
    if any(r.kind in sources for r in changed):
        return True
    return any(r.kind in mappings.selector_kinds() for r in changed) and any(
        index.by_kind.get(kind) for kind in sources)


@record(frozen=True)
class _Policy:
    """One policy's edges, and what they were computed from (to tell when they are stale)."""

    manifest: Any
    namespace: str
    name: str
    selectors: list[Selector]
    cross: bool
    edges: list[DerivedEdge]
    externals: list[External]


class DerivedEdges:
    """The derived edges and external stand-ins a wiring graph holds now, with each policy's
    share, so that an edit recomputes only the policies it can change: those in the edited
    workload's namespace whose selectors match its labels (before or after), the edited
    policies themselves, and the policies that reach across namespaces. Recomputing all of
    them took 350 ms per edit at 15,000 resources (1,650 policies)."""

    def __init__(self) -> None:
        self.edges: dict[tuple[str, str, str], str] = {}  # (u, v, key) -> label
        self.externals: set[str] = set()
        self._policies: dict[str, _Policy] = {}
        self._selected: list[DerivedEdge] = []  # custom selector edges (ServiceMonitors...)
        # what `_recompute_local` finds policies by, rebuilt by `_recompute_all` (`_tables`)
        self._in_ns: dict[str, set[str]] = {}
        self._cross: set[str] = set()
        self._names: Counter[tuple[str, str]] = Counter()
        self._external_users: dict[str, dict[str, External]] = {}

    def clear(self) -> None:
        self.edges.clear()
        self.externals.clear()
        self._policies.clear()
        self._selected = []
        self._tables()

    def _tables(self) -> None:
        """The policies by namespace, the cross-namespace ones, the names, who reads each
        external stand-in: from `_policies`, after a full recompute."""
        self._in_ns, self._cross = {}, set()
        self._names, self._external_users = Counter(), {}
        for pid, policy in self._policies.items():
            self._note(pid, policy, +1)

    def _note(self, pid: str, policy: _Policy, sign: int) -> None:
        """Add (`sign` +1) or take away (-1) one policy from the tables of `_tables`."""
        if sign > 0:
            self._in_ns.setdefault(policy.namespace, set()).add(pid)
            if policy.cross:
                self._cross.add(pid)
        else:
            self._in_ns.get(policy.namespace, set()).discard(pid)
            self._cross.discard(pid)
        self._names[(policy.namespace, policy.name)] += sign
        for x in policy.externals:
            users = self._external_users.setdefault(x.node, {})
            if sign > 0:
                users[pid] = x
            else:
                users.pop(pid, None)

    def _stale(self, policies: list[str], changed: list[Resource] | None,
               document: Document) -> list[str]:
        if changed is None:
            return policies
        ids = {r.id for r in changed}
        touched = [(effective_namespace(r), template_labels(r)) for r in changed
                   if pod_template(r) is not None]
        out = []
        for pid in policies:
            cached = self._policies.get(pid)
            if cached is None or pid in ids or cached.cross \
                    or cached.manifest is not document.get(pid).manifest \
                    or any(ns == cached.namespace and any(s.matches(labels)
                                                          for s in cached.selectors)
                           for ns, labels in touched):
                out.append(pid)
        return out

    def _policy_edges(self, index: WiringIndex, document: Document,
                      changed: list[Resource] | None) -> list[DerivedEdge]:
        policies = sorted(index.by_kind.get("NetworkPolicy", ()), key=document.index_of)
        stale = self._stale(policies, changed, document)
        if stale:
            tables = PodTables(index.pods_in_ns, index.pod_labels,
                               namespace_labels(index, document.get), document.index_of,
                               index.by_label)
            for pid in stale:
                policy = document.get(pid)
                found, outside = policy_edges(policy, tables)
                selectors, cross = policy_reads(policy)
                self._policies[pid] = _Policy(
                    policy.manifest, effective_namespace(policy), policy.name, selectors, cross,
                    [DerivedEdge(e.source, e.target, e.key, EdgeType.TRAFFIC, e.field, e.label,
                                 e.reference) for e in found], outside)
        present = set(policies)
        for pid in [p for p in self._policies if p not in present]:
            del self._policies[pid]
        return [e for pid in policies for e in self._policies[pid].edges]

    def recompute(self, graph: MultiDiGraph, index: WiringIndex, document: Document,
                  category: str, changed: list[Resource] | None = None) -> set[str]:
        """Bring `graph`'s derived edges up to date after `changed` (every policy when None);
        returns the resources whose derived edges changed (`category`: the graph's name for
        derived edges)."""
        if changed is not None and self._policies and not _selects(changed, index, document):
            found = self._recompute_local(graph, index, document, category, changed)
            if found is not None:
                return found
        return self._recompute_all(graph, index, document, category, changed)

    def _recompute_all(self, graph: MultiDiGraph, index: WiringIndex, document: Document,
                       category: str, changed: list[Resource] | None) -> set[str]:
        edges = self._policy_edges(index, document, changed)
        mappings = document.kind_mappings
        kinds = mappings.selector_kinds()
        if changed is None or any(r.kind in kinds for r in changed):
            self._selected = list(_selector_edges(index, document.get, document.index_of,
                                                  mappings)) if kinds else []
        edges.extend(self._selected)
        externals = {x.node: x for p in self._policies.values() for x in p.externals}
        wanted = {(e.source, e.target, e.key): e for e in edges
                  if (e.source in graph or e.source in externals)
                  and (e.target in graph or e.target in externals)}
        old = {edge: label for edge, label in self.edges.items() if graph.has_edge(*edge)}
        for edge, label in old.items():
            if edge not in wanted or wanted[edge].label != label:
                graph.remove_edge(*edge)
        for node in sorted(self.externals - set(externals)):
            if node in graph:
                graph.remove_node(node)
        for x in sorted(externals.values(), key=lambda x: x.node):
            if x.node not in graph:
                graph.add_node(x.node, external=True, kind=x.kind, name=x.name,
                               namespace=x.namespace)
        self.externals = set(externals)
        self.edges = {}
        for key, e in wanted.items():
            if not graph.has_edge(*key):
                graph.add_edge(e.source, e.target, key=e.key, type=e.type, field=e.field,
                               label=e.label, category=category, ref=e.reference)
            self.edges[key] = e.label
        changed_nodes = {n for edge in set(old.items()) ^ set(self.edges.items())
                         for n in edge[0][:2]}
        self._tables()
        return {n for n in changed_nodes if n in document}

    def _recompute_local(self, graph: MultiDiGraph, index: WiringIndex, document: Document,
                         category: str, changed: list[Resource]) -> set[str] | None:
        """`recompute` for the policies `changed` can alter only (what `_stale` finds, through
        the tables instead of a pass over every policy): at 15,000 resources the pass, the
        sort and the comparison of every derived edge cost 15 ms of each workload edit. None
        when policies share a name (their edges share keys): then all are recomputed."""
        ids = {r.id for r in changed}
        present = index.by_kind.get("NetworkPolicy", set())
        stale = {pid for pid in ids if pid in present or pid in self._policies} | self._cross
        for r in changed:
            if pod_template(r) is not None:
                labels = template_labels(r)
                stale |= {pid for pid in self._in_ns.get(effective_namespace(r), ())
                          if any(s.matches(labels) for s in self._policies[pid].selectors)}
        stale |= {pid for pid in present if pid not in self._policies}
        for pid in stale:
            old, res = self._policies.get(pid), document.find(pid)
            key = (effective_namespace(res), res.name) if res is not None else None
            if old is not None and self._names[(old.namespace, old.name)] > 1 or key is not None \
                    and self._names[key] - (old is not None and (old.namespace, old.name) == key):
                return None
        before: dict[tuple[str, str, str], str] = {}
        after: dict[tuple[str, str, str], DerivedEdge] = {}
        gone: set[str] = set()
        tables = PodTables(index.pods_in_ns, index.pod_labels,
                           namespace_labels(index, document.get), document.index_of,
                           index.by_label) if stale & present else None
        for pid in sorted(stale, key=lambda p: (p not in present, document.index_of(p)
                                                if p in present else 0, p)):
            old = self._policies.pop(pid, None)
            if old is not None:
                self._note(pid, old, -1)
                gone |= {x.node for x in old.externals}
                before.update(((e.source, e.target, e.key), e.label) for e in old.edges)
            if pid in present and tables is not None:
                policy = document.get(pid)
                found, outside = policy_edges(policy, tables)
                selectors, cross = policy_reads(policy)
                new = self._policies[pid] = _Policy(
                    policy.manifest, effective_namespace(policy), policy.name, selectors, cross,
                    [DerivedEdge(e.source, e.target, e.key, EdgeType.TRAFFIC, e.field, e.label,
                                 e.reference) for e in found], outside)
                self._note(pid, new, +1)
                after.update(((e.source, e.target, e.key), e) for e in new.edges)
        after.update(((e.source, e.target, e.key), e) for e in self._selected
                     if e.source in ids or e.target in ids)  # an edited end lost its edges
        keys = before.keys() | after.keys()
        old_items = {(k, self.edges[k]) for k in keys if k in self.edges and graph.has_edge(*k)}
        for k in before.keys() - after.keys():
            self.edges.pop(k, None)
            if graph.has_edge(*k):
                graph.remove_edge(*k)
        for k, e in after.items():
            if k in self.edges and self.edges[k] != e.label and graph.has_edge(*k):
                graph.remove_edge(*k)
        for node in sorted(n for n in gone if not self._external_users.get(n)):
            self._external_users.pop(node, None)
            self.externals.discard(node)
            if node in graph:
                graph.remove_node(node)
        for node, users in sorted(self._external_users.items()):
            x = next(reversed(users.values()), None) if node not in graph else None
            if x is not None:
                graph.add_node(x.node, external=True, kind=x.kind, name=x.name,
                               namespace=x.namespace)
                self.externals.add(node)
        for k, e in after.items():
            if not ((e.source in graph or e.source in self.externals)
                    and (e.target in graph or e.target in self.externals)):
                self.edges.pop(k, None)
                continue
            if not graph.has_edge(*k):
                graph.add_edge(e.source, e.target, key=e.key, type=e.type, field=e.field,
                               label=e.label, category=category, ref=e.reference)
            self.edges[k] = e.label
        new_items = {(k, self.edges[k]) for k in keys if k in self.edges}
        return {n for k, _ in old_items ^ new_items for n in k[:2] if n in document}
