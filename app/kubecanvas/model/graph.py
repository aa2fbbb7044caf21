"""The wiring graph: every connection between resources, derived from their manifests.

A keyed directed multigraph (`multigraph`, with networkx's interface) whose nodes are resource
ids, plus two kinds of stand-in nodes: *missing* nodes for references that resolve to nothing
(so the editor can draw a dashed ghost and the validator can report it) and *generated* nodes
for objects a controller will create (the claims of a StatefulSet's volumeClaimTemplates, the Jobs
of a CronJob). Every edge names the field that makes it. Nothing here is stored: it is all
recomputed from the document, incrementally, with indexes by namespace, kind, name and selector
(`wiring_index`), so one edit costs work proportional to what it touches. Which claim binds which
volume is `binding`'s simulation; the graph draws its result as bind edges. What one edge is
(`Edge`, `EdgeCategory`) lives in `edge`; callers import it from here as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kubecanvas.model import binding, derived
from kubecanvas.model.document import Change, Document
from kubecanvas.model.edge import Edge, EdgeCategory, generated_node, missing_node
from kubecanvas.model.graph_binding import GraphBinding
from kubecanvas.model.kinds import (
    effective_namespace,
    kind_info,
)
from kubecanvas.model.multigraph import MultiDiGraph
from kubecanvas.model.references import EdgeType, Reference, format_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import SelectorInfo, own_selector
from kubecanvas.model.wiring_index import NameKey, WiringIndex, name_key

BINDING_KINDS = frozenset({"PersistentVolume", "PersistentVolumeClaim", "StorageClass",
                           "StatefulSet"})


class WiringGraph:
    """The derived graph of a document, kept current by subscribing to its changes."""

    def __init__(self, document: Document, subscribe: bool = True) -> None:
        self.document = document
        self.graph = MultiDiGraph()
        self._index = WiringIndex()
        #: the bind edges (PV binding), kept current with the rest
        self._bind = GraphBinding(document, self.graph, self._index, self._add_edge,
                                  self._remove_edges)
        #: ids touched by the last update: the changed resources and their neighbours.
        self.last_touched: set[str] = set()
        #: ... of which those whose own edges may have changed (a neighbour of an edited PV,
        #: a StorageClass with 3,300 wires, keeps all but its wire to the PV)
        self.last_rewired: set[str] = set()
        #: the derived edges (`derived`) and external stand-ins now in the graph
        self._derived = derived.DerivedEdges()
        self.rebuild()
        if subscribe:
            document.subscribe(self._on_change)

    # --- queries -------------------------------------------------------------------------------
    def edges(self) -> Iterator[Edge]:
        for u, v, k, data in self.graph.edges(keys=True, data=True):
            yield self._edge(u, v, k, data)

    def out_edges(self, node: str, type: str | None = None) -> list[Edge]:
        return self._edges_at(node, type, outgoing=True)

    def in_edges(self, node: str, type: str | None = None) -> list[Edge]:
        return self._edges_at(node, type, outgoing=False)

    def _edges_at(self, node: str, type: str | None, outgoing: bool) -> list[Edge]:
        if node not in self.graph:
            return []
        found = (self.graph.out_edges if outgoing else self.graph.in_edges)(
            node, keys=True, data=True)
        return [self._edge(u, v, k, d) for u, v, k, d in found
                if type is None or d["type"] == type]

    def node_data(self, node: str) -> Mapping[str, Any]:
        return self.graph.nodes[node] if node in self.graph else {}

    def is_missing(self, node: str) -> bool:
        return bool(self.node_data(node).get("missing"))

    def is_generated(self, node: str) -> bool:
        return bool(self.node_data(node).get("generated"))

    def duplicated(self) -> list[list[str]]:
        """The ids of each object defined more than once (one list per object)."""
        return [ids for key in sorted(self._index.duplicated)
                for ids in self._index.same_object(key) if len(ids) > 1]

    def lookup(self, kind: str, namespace: str, name: str) -> list[str]:
        """Ids of resources with that kind, namespace and name (several only if duplicated)."""
        return sorted(self._index.by_key.get((kind, namespace, name), ()))

    def selector_info(self, rid: str) -> SelectorInfo | None:
        return self._index.selectors.get(rid)

    def pod_owners_in(self, namespace: str) -> list[str]:
        return sorted(self._index.pods_in_ns.get(namespace, ()))

    def pod_labels(self, rid: str) -> dict[str, str]:
        return dict(self._index.pod_labels.get(rid, {}))

    def pod_owners_with_label(self, namespace: str, key: str, value: str) -> list[str]:
        """Pod owners in `namespace` whose pods carry `key=value` (from the label index)."""
        return sorted(self._index.by_label.get((namespace, key, value), ()))

    def edge_signature(self) -> list[tuple[str, str, str, str, str]]:
        """A canonical, order-free description of every edge (for tests and diffs)."""
        return sorted((u, v, d["type"], d["field"], d["label"])
                      for u, v, d in self.graph.edges(data=True))

    def node_signature(self) -> list[tuple[str, bool, bool]]:
        return sorted((n, bool(d.get("missing")), bool(d.get("generated")))
                      for n, d in self.graph.nodes(data=True))

    @staticmethod
    def _edge(u: str, v: str, k: str, data: Mapping[str, Any]) -> Edge:
        return Edge(u, v, k, data["type"], data["field"], data["label"], data["category"],
                    data.get("ref"))

    # --- building ------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recompute everything from the document (also the reference for incremental updates)."""
        self.graph.clear()
        self._index.clear()
        self._bind.clear()
        self._derived.clear()
        self._index.mappings = self.document.kind_mappings
        resources = list(self.document)
        for res in resources:
            self.graph.add_node(res.id)
            self._index.add(res)
        for res in resources:
            self._add_ref_edges(res.id)
            self._add_template_edge(res)
        for rid, info in self._index.selectors.items():
            for target in self._pod_candidates(info):
                self._maybe_select(rid, info, target)
        self._bind.recompute(None)
        self._derived.recompute(self.graph, self._index, self.document, EdgeCategory.DERIVED)
        self.last_touched = {r.id for r in resources}
        self.last_rewired = set(self.last_touched)

    def _add_edge(self, u: str, v: str, key: str, type: str, field: str, label: str,
                  category: EdgeCategory, ref: Reference | None = None) -> None:
        self.graph.add_edge(u, v, key=key, type=type, field=field, label=label,
                            category=category, ref=ref)

    def _add_ref_edges(self, rid: str) -> None:
        for ref in self._index.refs.get(rid, ()):
            targets = self._index.targets(ref)
            field = ref.field
            if targets:
                for target in sorted(targets):
                    self._add_edge(rid, target, f"ref:{field}", ref.type, field, ref.label,
                                   EdgeCategory.REF, ref)
                continue
            key = (ref.kind, ref.namespace, ref.name)
            if ref.get("generated"):
                node = self._ensure_generated(rid, ref)
            elif key in self._index.gen_index:
                # e.g. a PV claimRef naming a claim a StatefulSet will create (data-web-0)
                for owner in sorted(self._index.gen_index[key]):
                    owner_ref = next(r for r in self._index.refs[owner]
                                     if r.get("generated") and (r.kind, r.namespace, r.name) == key)
                    node = self._ensure_generated(owner, owner_ref)
                    self._add_edge(rid, node, f"ref:{field}", ref.type, field, ref.label,
                                   EdgeCategory.REF, ref)
                continue
            else:
                node = missing_node(ref.kind, ref.namespace, ref.name)
                self.graph.add_node(node, missing=True, kind=ref.kind, name=ref.name,
                                    namespace=ref.namespace,
                                    provided=bool(ref.get("provided")))
            self._add_edge(rid, node, f"ref:{field}", ref.type, field, ref.label,
                           EdgeCategory.REF, ref)

    def _ensure_generated(self, owner: str, ref: Reference) -> str:
        node = generated_node(owner, ref.kind, ref.name)
        if node not in self.graph:
            self.graph.add_node(node, generated=True, kind=ref.kind, name=ref.name,
                                namespace=ref.namespace, owner=owner, reference=ref)
        return node

    def _add_template_edge(self, res: Resource) -> None:
        selector = own_selector(res)
        if selector is None or res.id not in self._index.pod_labels:
            return
        if not selector.is_empty and selector.matches(self._index.pod_labels[res.id]):
            info = kind_info(res.kind)
            assert info.selector is not None
            field = format_path(info.selector)
            self._add_edge(res.id, res.id, "template", EdgeType.TEMPLATE, field,
                           selector.describe(), EdgeCategory.TEMPLATE)

    def _pod_candidates(self, info: SelectorInfo) -> Iterable[str]:
        """The pod-template holders `info` may select: those that carry its index label, else
        all in its namespace. Scanning the namespace for every selector made rebuilding grow
        with selectors x pods (7x the time for 3x the resources)."""
        key = info.selector.index_key()
        if key is None:
            return self._index.pods_in_ns.get(info.namespace, ())
        return self._index.by_label.get((info.namespace, *key), ())

    def _maybe_select(self, rid: str, info: SelectorInfo, target: str) -> None:
        if target == rid:
            return
        if info.selector.matches(self._index.pod_labels.get(target, {})):
            self._add_edge(rid, target, f"select:{format_path(info.path)}", info.edge_type,
                           format_path(info.path), info.selector.describe(),
                           EdgeCategory.SELECT)

    def _remove_edges(self, edges: Iterable[tuple[str, str, str]]) -> None:
        for u, v, k in list(edges):
            if self.graph.has_edge(u, v, k):
                self.graph.remove_edge(u, v, k)
                for node in (u, v):
                    self._drop_if_orphan_standin(node)

    def _drop_if_orphan_standin(self, node: str) -> None:
        if node not in self.graph:
            return
        data = self.graph.nodes[node]
        if data.get("missing") and self.graph.in_degree(node) == 0 or data.get("generated") \
                and not any(d["category"] == EdgeCategory.REF
                            for _, _, d in self.graph.in_edges(node, data=True)):
            self.graph.remove_node(node)

    def _out_by_category(self, rid: str,
                         categories: set[EdgeCategory]) -> list[tuple[str, str, str]]:
        return [(u, v, k) for u, v, k, d in self.graph.out_edges(rid, keys=True, data=True)
                if d["category"] in categories]

    def _drop_generated(self, generated: list[str]) -> None:
        """Remove stand-in nodes a resource made (a missing target, a claim per replica)."""
        for node in generated:
            if node in self.graph:
                self._remove_edges(list(self.graph.out_edges(node, keys=True)))
                self._remove_edges(list(self.graph.in_edges(node, keys=True)))
                if node in self.graph:
                    self.graph.remove_node(node)

    def _refresh_refs(self, rid: str) -> None:
        """Recompute one resource's by-name out-edges (its generated nodes go with them)."""
        generated = self._owned_generated(rid)
        others = {u for node in generated for u in self.graph.predecessors(node) if u != rid}
        self._remove_edges(self._out_by_category(rid, {EdgeCategory.REF}))
        self._drop_generated(generated)
        self._add_ref_edges(rid)
        for source in sorted(others):  # e.g. PVs reserved for the claims just recreated
            self._refresh_refs(source)

    # --- incremental update ----------------------------------------------------------------------
    def _neighbours(self, rid: str) -> set[str]:
        if rid not in self.graph:
            return set()
        return {n for n in self.graph.all_neighbors(rid) if n in self.document}

    def _on_change(self, change: Change) -> None:
        if not change.structural:
            self.last_touched, self.last_rewired = set(), set()
            return
        self.apply_change(change)

    def apply_change(self, change: Change) -> set[str]:
        """Bring the graph up to date with `change`; returns (and keeps) the touched ids."""
        touched: set[str] = set()
        dirty = list(change.removed) + list(change.changed) + list(change.added)
        binding_dirty = False
        refreshed_sets: set[str] = set()  # StatefulSets whose claims may have been made again
        derived_changed = list(derived.change_resources(change, self.document))
        derived_dirty = derived.touches_derived(
            derived_changed, self.document.kind_mappings,
            bool(self._derived.edges or self._index.by_kind.get("NetworkPolicy")))
        affected_keys: set[NameKey] = set()
        # A resource edited without renaming keeps the by-name edges others have to it: those
        # sources need no refresh (the common edit: replicas, an image, a label).
        same_key = {rid for rid in change.changed
                    if rid in self._index.key_of and rid in self.document
                    and self._index.key_of[rid] == name_key(self.document.get(rid))}
        for rid in dirty:
            before = change.removed.get(rid) or change.changed.get(rid)
            if before is not None and before.kind in BINDING_KINDS:
                binding_dirty = True
            touched |= self._neighbours(rid)
            if rid in self._index.key_of and rid not in same_key:
                affected_keys.add(self._index.key_of[rid])
            affected_keys |= self._generated_keys(rid)
            self._detach(rid, keep_incoming_refs=rid in same_key)
        for rid in dirty:
            res = self.document.find(rid)
            if res is None:
                continue
            if res.kind in BINDING_KINDS:
                binding_dirty = True
            self.graph.add_node(rid)
            self._index.add(res)
            if rid not in same_key:
                affected_keys.add(self._index.key_of[rid])
            affected_keys |= self._generated_keys(rid)
        for rid in dirty:
            if rid in self.document:
                self._attach(rid)
        rewired = set(dirty)  # resources whose own edges may have changed
        for key in affected_keys:
            for source in sorted(self._index.wanted.get(key, ())):
                if source not in dirty:
                    self._refresh_refs(source)
                    rewired.add(source)
                    if self.document.get(source).kind == "StatefulSet":
                        binding_dirty = True
                        refreshed_sets.add(source)
        if binding_dirty:
            rewired |= self._bind.recompute(set(dirty) | refreshed_sets)
        if derived_dirty:
            rewired |= self._derived.recompute(self.graph, self._index, self.document,
                                               EdgeCategory.DERIVED, derived_changed)
        touched |= rewired
        for rid in dirty:
            if rid in self.document:
                touched |= self._neighbours(rid)
            else:
                touched.discard(rid)
        self.last_touched = {t for t in touched if t in self.document}
        self.last_rewired = {t for t in rewired if t in self.document}
        return self.last_touched

    def _owned_generated(self, rid: str) -> list[str]:
        """Generated nodes `rid` creates (not those it merely refers to)."""
        return [v for _, v in self.graph.out_edges(rid)
                if self.is_generated(v) and self.graph.nodes[v].get("owner") == rid]

    def _generated_keys(self, rid: str) -> set[NameKey]:
        return {(r.kind, r.namespace, r.name) for r in self._index.refs.get(rid, ())
                if r.get("generated")}

    def _detach(self, rid: str, keep_incoming_refs: bool = False) -> None:
        """Remove a resource's indexes and every edge that starts or ends at it (except, with
        `keep_incoming_refs`, other resources' by-name references to it)."""
        self._bind.inputs.forget(rid)
        self._index.remove(rid)
        if rid not in self.graph:
            return
        generated = self._owned_generated(rid)
        self._remove_edges(list(self.graph.out_edges(rid, keys=True)))
        self._remove_edges([(u, v, k) for u, v, k, d in
                            self.graph.in_edges(rid, keys=True, data=True)
                            if not (keep_incoming_refs and d["category"] == EdgeCategory.REF
                                    and u != rid)])
        self._drop_generated(generated)
        if not keep_incoming_refs:
            self.graph.remove_node(rid)

    def _attach(self, rid: str) -> None:
        res = self.document.get(rid)
        self._add_ref_edges(rid)
        self._add_template_edge(res)
        info = self._index.selectors.get(rid)
        if info is not None:
            for target in self._pod_candidates(info):
                if not self.graph.has_edge(rid, target, f"select:{format_path(info.path)}"):
                    self._maybe_select(rid, info, target)
        if rid in self._index.pod_labels:
            ns = effective_namespace(res)
            for selector_id in self._index.selectors_in_ns.get(ns, ()):
                sinfo = self._index.selectors[selector_id]
                if not self.graph.has_edge(selector_id, rid, f"select:{format_path(sinfo.path)}"):
                    self._maybe_select(selector_id, sinfo, rid)

    # --- PV binding (`graph_binding`) ----------------------------------------------------------
    def claims(self) -> list[binding.Claim]:
        """Every claim in the document: real PVCs and those StatefulSets will create."""
        return self._bind.claims()

    def volumes(self) -> list[binding.Volume]:
        """Every PV as binding reads it, in the canonical order."""
        return self._bind.volumes()

    def binding_volumes(self) -> Mapping[str, binding.Volume]:
        """`volumes` by node, in no particular order (kept current between edits; a volume
        edited is a new object)."""
        return self._bind.pools.volumes

    def binding_claims(self) -> Mapping[str, binding.Claim]:
        """`claims` by node, in no particular order (kept current between edits)."""
        return self._bind.pools.claims

    def bindings(self) -> Mapping[str, binding.Binding]:
        """Each bound claim's binding (to which volume, and how): `binding.simulate` of every
        claim and volume, kept current pool by pool between edits."""
        return self._bind.pools.bindings

    def default_storage_class(self) -> str | None:
        return self._bind.default_storage_class()
