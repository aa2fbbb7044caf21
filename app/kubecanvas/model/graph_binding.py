"""The bind edges of the wiring graph: which claim the PV controller gives which volume.

Binding reads every PersistentVolumeClaim, every claim a StatefulSet's `volumeClaimTemplates`
will create, every PersistentVolume and the default StorageClass, and draws an edge from each
claim to the volume it binds (`binding.simulate`). After an edit only the pools of claims and
volumes the edit can reach are simulated again (`binding_pools`); this module finds which claims
and volumes an edit touched, reads them (`binding.BindingInputs`, parsed again only when their
manifest changed) and brings the graph's bind edges in line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kubecanvas.model import binding
from kubecanvas.model.binding_pools import BindingPools
from kubecanvas.model.document import Document
from kubecanvas.model.edge import EdgeCategory
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.multigraph import MultiDiGraph
from kubecanvas.model.order import OrderMemo, content_key, in_order, order_key
from kubecanvas.model.references import EdgeType, Reference, edge_word
from kubecanvas.model.resource import Resource
from kubecanvas.model.wiring_index import WiringIndex, name_key


class GraphBinding:
    """The bind edges of one wiring graph, kept current.

    Args:
        document, graph, index: the wiring graph's document, graph and index (shared).
        add_edge, remove_edges: the wiring graph's own ways to add and remove edges (removing
            one may drop a stand-in node left without references).
    """

    def __init__(self, document: Document, graph: MultiDiGraph, index: WiringIndex,
                 add_edge: Callable[..., None],
                 remove_edges: Callable[[Iterable[tuple[str, str, str]]], None]) -> None:
        self.document, self.graph, self.index = document, graph, index
        self.add_edge, self.remove_edges = add_edge, remove_edges
        #: binding views of PVCs and PVs, reused while their manifest object is the same
        self.inputs = binding.BindingInputs()
        self.orders: dict[str, OrderMemo] = {}  # claims, volumes and classes in order
        #: binding's inputs and edges, re-simulated pool by pool
        self.pools = BindingPools()
        #: StatefulSet -> the claim nodes it creates
        self.made_claims: dict[str, set[str]] = {}

    def clear(self) -> None:
        self.inputs.clear()
        self.pools.clear()
        self.made_claims.clear()

    def claims(self) -> list[binding.Claim]:
        """Every claim in the document: real PVCs and those StatefulSets will create."""
        out = [self.inputs.claim(res, effective_namespace(res))
               for res in self.of_kind_in_order("PersistentVolumeClaim")]
        for node in sorted(self._generated_claims()):
            data = self.graph.nodes[node]
            owner = self.document.find(data["owner"])
            ref: Reference = data["reference"]
            claim = self.inputs.template_claim(node, data["namespace"], data["name"], owner,
                                                 ref.get("template"))
            if claim is not None:
                out.append(claim)
        return out

    def volumes(self) -> list[binding.Volume]:
        return [self.inputs.volume(res) for res in self.of_kind_in_order("PersistentVolume")]

    def default_storage_class(self) -> str | None:
        return binding.default_class(res.manifest
                                     for res in self.of_kind_in_order("StorageClass"))

    def of_kind_in_order(self, kind: str) -> list[Resource]:
        """Resources of `kind` in the canonical order (`model.order`), so that which claim
        binds which volume never depends on the resources' random ids."""
        memo = self.orders.setdefault(kind, OrderMemo())
        return memo.ordered(self.document.get(rid) for rid in self.index.by_kind.get(kind, ()))

    def _generated_claims(self) -> set[str]:
        """Generated claim nodes, found through the StatefulSets that create them."""
        return {node for sts in self.index.by_kind.get("StatefulSet", ())
                for node in self._claims_made_by(sts)}

    def _claims_made_by(self, sts: str) -> set[str]:
        if sts not in self.graph:
            return set()
        return {v for _, v, d in self.graph.out_edges(sts, data=True)
                if d["type"] == EdgeType.CREATES and self.graph.nodes[v].get("generated")}

    def _read(self, node: str) -> binding.Claim | binding.Volume | None:
        """What binding reads of `node` (None: it is no claim or volume now)."""
        res = self.document.find(node)
        if res is not None:
            if res.kind == "PersistentVolumeClaim":
                return self.inputs.claim(res, effective_namespace(res))
            return self.inputs.volume(res) if res.kind == "PersistentVolume" else None
        data = self.graph.nodes[node] if node in self.graph else None
        owner = self.document.find(data["owner"]) if data and data.get("generated") else None
        if data is None or owner is None or node not in self.made_claims.get(owner.id, ()):
            return None
        ref: Reference = data["reference"]
        return self.inputs.template_claim(node, data["namespace"], data["name"], owner,
                                            ref.get("template"))

    def recompute(self, changed: set[str] | None) -> set[str]:
        """Re-simulate PV binding where the resources in `changed` (None: all) can change it;
        returns the resources whose bind edges changed (and the StatefulSets owning changed
        generated claims), so validation re-checks only those."""
        if changed is None:
            self.pools.clear()
            self.made_claims.clear()
            changed = set(self.index.by_kind.get("PersistentVolumeClaim", ())) \
                | set(self.index.by_kind.get("PersistentVolume", ())) \
                | set(self.index.by_kind.get("StatefulSet", ()))
        nodes = set(changed)
        for rid in changed:  # a StatefulSet's claims, as they were and as they are
            nodes |= self.made_claims.pop(rid, set())
            res = self.document.find(rid)
            if res is not None and res.kind == "StatefulSet":
                made = self.made_claims[rid] = self._claims_made_by(rid)
                nodes |= made
        reads = {node: self._read(node) for node in nodes}
        places = {node: self._volume_place(node) for node, read in reads.items()
                  if isinstance(read, binding.Volume)}
        moved = self.pools.update(reads, places, self.default_storage_class(),
                                   self._volumes_in_order)
        # ... and the edges the change removed with its nodes (an annotation edit of a PV)
        return self._redraw(moved | {n for n in nodes if n in self.pools.claims}
                            | {self.pools.bound_to[n] for n in nodes if n in self.pools.bound_to})

    def _redraw(self, claims: set[str]) -> set[str]:
        """Give each of `claims` the bind edge the pools hold for it in the graph; returns
        `recompute`'s answer."""
        different: set[str] = set()
        for claim in sorted(claims):
            old = {(u, v, k, d["field"])
                   for u, v, k, d in self.graph.out_edges(claim, keys=True, data=True)
                   if d["category"] == EdgeCategory.BIND} if claim in self.graph else set()
            edge = self.pools.edges.get(claim)
            if edge in old:
                old.discard(edge)
                edge = None
            self.remove_edges((u, v, k) for u, v, k, _ in old)
            different.update(n for u, v, *_ in old for n in (u, v))
            if edge is not None:
                self.add_edge(*edge[:3], EdgeType.BINDS, edge[3], edge_word("binds"),
                              EdgeCategory.BIND)
                different.update(edge[:2])
        owners = {self.graph.nodes[n].get("owner") for n in different
                  if n in self.graph and self.graph.nodes[n].get("generated")}
        return {n for n in different | owners if n in self.document}

    def _volume_place(self, node: str) -> object:
        """The volume's place in `in_order`; its content too when another PV has its name (two
        PVs drawn with one name are ordered by content)."""
        res = self.document.get(node)
        if len(self.index.by_key.get(name_key(res), ())) > 1:
            return (order_key(res), content_key(res))
        return order_key(res)

    def _volumes_in_order(self, nodes: Iterable[str]) -> list[str]:
        return [res.id for res in in_order(self.document.get(node) for node in nodes)]
