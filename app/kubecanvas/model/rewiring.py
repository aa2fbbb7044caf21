"""Undoing wiring: disconnecting an edge, renaming and removing resources.

The counterpart of `connect`: each function returns a reversible edit of exactly the fields that
make an edge, so the YAML after a disconnect is what a careful person would have written by hand.
Descriptions (the undo steps' names) are `Text`: English, with the Korean the editor shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, Compound, Edit, RemoveResource, SetField
from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.graph import Edge, EdgeCategory, WiringGraph
from kubecanvas.model.kinds import get_path, pod_template_path
from kubecanvas.model.korean import eul_reul, euro_ro, gwa_wa, i_ga
from kubecanvas.model.naming import follow_rename
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import own_selector
from kubecanvas.model.text import Text, kind_term, resource_ko


def _ko(res: Resource) -> str:
    return resource_ko(res.kind, res.namespace, res.name)


# --- disconnecting ---------------------------------------------------------------------------
def _remove_list_entry(rid: str, path: FieldPath) -> SetField:
    return SetField(rid, path, DELETE)


def _disconnect_ref(doc: Document, edge: Edge) -> Edit | None:
    res = doc.get(edge.source)
    ref = edge.reference
    if ref is None:
        return None
    path = ref.path
    text = Text(f"Disconnect {res.label()} from {ref.kind} {ref.name}",
                f"{_ko(res)}{gwa_wa(_ko(res))} {kind_term(ref.kind)} {ref.name}의 연결 끊기")
    if "volumes" in path and edge.type == EdgeType.MOUNTS:
        vi = path.index("volumes")
        vol_path = path[: vi + 2]
        if "projected" in path:
            source_path = path[: path.index("sources") + 2]
            return Compound([_remove_list_entry(res.id, source_path)], text)
        volume_name = ref.get("volume")
        edits: list[Edit] = []
        spec_path = path[:vi]
        spec = as_mapping(get_path(res.manifest, spec_path))
        for group in ("initContainers", "containers"):
            for c, container in enumerate(as_list(spec.get(group))):
                mounts = as_list(as_mapping(container).get("volumeMounts"))
                for m in reversed(range(len(mounts))):
                    if isinstance(mounts[m], Mapping) and mounts[m].get("name") == volume_name:
                        edits.append(_remove_list_entry(
                            res.id, (*spec_path, group, c, "volumeMounts", m)))
        edits.append(_remove_list_entry(res.id, vol_path))
        return Compound(edits, text)
    for marker in ("env", "envFrom", "imagePullSecrets", "tls", "subjects"):
        if marker in path:
            i = path.index(marker)
            return Compound([_remove_list_entry(res.id, path[: i + 2])], text)
    if "paths" in path:
        i = path.index("paths")
        return Compound([_remove_list_entry(res.id, path[: i + 2])], text)
    if path[-1] in ("serviceAccountName", "serviceAccount", "ingressClassName",
                    "storageClassName", "volumeName"):
        return Compound([SetField(res.id, path, DELETE)], text)
    if path[:2] == ("spec", "claimRef"):
        return Compound([SetField(res.id, ("spec", "claimRef"), DELETE)], text)
    if path[:2] in (("spec", "defaultBackend"), ("spec", "backend")):
        return Compound([SetField(res.id, path[:2], DELETE)], text)
    if path == ("spec", "serviceName"):
        return Compound([SetField(res.id, path, DELETE)], text)
    return None


def _disconnect_select(doc: Document, graph: WiringGraph, edge: Edge) -> Edit | None:
    selector_owner = doc.get(edge.source)
    workload = doc.get(edge.target)
    info = graph.selector_info(selector_owner.id)
    if info is None:
        return None
    selected = [e.target for e in graph.out_edges(selector_owner.id, EdgeType.SELECTS)]
    text = Text(f"{selector_owner.label()} no longer selects {workload.label()}",
                f"{_ko(selector_owner)}{i_ga(_ko(selector_owner))} {_ko(workload)}{eul_reul(_ko(workload))} 더 이상 선택하지 않게 하기")
    if selected == [workload.id]:
        if selector_owner.kind == "Service":
            return Compound([SetField(selector_owner.id, info.path, DELETE)], text)
        return None  # a policy must select something; deleting it is the honest disconnect
    own = own_selector(workload)
    own_keys = {k for k, _ in own.match_labels} if own else set()
    own_keys |= {r.key for r in own.requirements} if own else set()
    tpath = pod_template_path(workload)
    for key, _ in info.selector.match_labels:
        if key not in own_keys and tpath is not None:
            return Compound([SetField(workload.id, (*tpath, "metadata", "labels", key),
                                      DELETE)], Text(f"{text.en} (removes pod label {key})",
                                                     f"{text.ko} (파드 레이블 {key} 제거)"))
    return None


def disconnect_edit(doc: Document, graph: WiringGraph, edge: Edge) -> Edit | None:
    """The edit that removes exactly the wiring behind `edge`, or None when no field edit can
    (the PV controller's own match, a required field such as an HPA's scaleTargetRef)."""
    if edge.category == EdgeCategory.REF:
        return _disconnect_ref(doc, edge)
    if edge.category == EdgeCategory.SELECT:
        return _disconnect_select(doc, graph, edge)
    return None


# --- renaming and removing -------------------------------------------------------------------
def rename_edit(doc: Document, graph: WiringGraph, rid: str, new_name: str,
                update_references: bool = True) -> Edit:
    """Rename a resource and, optionally, every by-name reference to it; the labels that
    KubeCanvas generated from the name follow it (`naming.follow_rename`)."""
    res = doc.get(rid)
    edits: list[Edit] = [SetField(rid, ("metadata", "name"), new_name),
                         *follow_rename(doc, graph, rid, new_name)]
    if update_references:
        for edge in graph.in_edges(rid):
            if edge.category == EdgeCategory.REF and edge.reference is not None and edge.source != rid:
                edits.append(SetField(edge.source, edge.reference.path, new_name))
        if res.kind == "Namespace":
            edits += _move_namespace_members(doc, res.name, new_name)
    return Compound(edits, Text(f"Rename {res.label()} to {new_name}",
                                f"{_ko(res)}의 이름을 {new_name}{euro_ro(new_name)} 바꾸기"))


def _move_namespace_members(doc: Document, old: str, new: str) -> list[Edit]:
    """Renaming a Namespace moves what it holds: every resource that names it in
    `metadata.namespace`, and PV claimRefs that point into it."""
    edits: list[Edit] = []
    for member in doc:
        if member.kind != "Namespace" and member.namespace == old:
            edits.append(SetField(member.id, ("metadata", "namespace"), new))
        if member.kind == "PersistentVolume" and get_path(
                member.manifest, ("spec", "claimRef", "namespace")) == old:
            edits.append(SetField(member.id, ("spec", "claimRef", "namespace"), new))
    return edits


def referrers(graph: WiringGraph, ids: Iterable[str]) -> list[Edge]:
    """Edges from other resources that refer by name to any of `ids`."""
    wanted = set(ids)
    return [e for rid in wanted for e in graph.in_edges(rid)
            if e.category == EdgeCategory.REF and e.source not in wanted]


def remove_edit(doc: Document, graph: WiringGraph, ids: Iterable[str],
                clean_references: bool = False) -> tuple[Edit, list[Edge]]:
    """Remove resources; returns the edit and the references that will dangle afterwards
    (or, with `clean_references`, that the edit also removes)."""
    ids = [i for i in ids if i in doc]
    dangling = referrers(graph, ids)
    edits: list[Edit] = []
    if clean_references:
        def order(edge: Edge) -> tuple[Any, ...]:
            return (edge.source, *((0, s) if isinstance(s, int) else (1, s) for s in edge.path))

        for edge in sorted(dangling, key=order, reverse=True):
            cleanup = disconnect_edit(doc, graph, edge)
            if cleanup is not None:
                edits.append(cleanup)
    edits += [RemoveResource(i) for i in ids]
    more = " ..." if len(ids) > 3 else ""
    names = ", ".join(doc.get(i).label() for i in ids[:3]) + more
    names_ko = ", ".join(_ko(doc.get(i)) for i in ids[:3]) + more
    return Compound(edits, Text(f"Delete {names}", f"{names_ko} 삭제")), dangling
