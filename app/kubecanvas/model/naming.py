"""Labels generated from a resource's name follow the name.

A new Deployment `deployment-1` carries `app: deployment-1` in its pod template and selector
(see `templates`), and a Service wired to it selects `app=deployment-1`. Renaming it to `web`
and keeping `app=deployment-1` leaves a design that reads wrong. So a resource remembers which
of its fields KubeCanvas filled with its name (`Resource.named`), and a rename rewrites exactly
those that still hold the old name, plus the selectors that pick the renamed resource's pods by
such a label, in the same undoable step. Labels a user typed or imported are never in
`named`, so they never change; a field the user edited away from the name no longer holds the
old name, so it is left alone too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.edits import Edit, SetField
from kubecanvas.model.fields import FieldPath
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import get_path, pod_template_path
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Manifest, Resource

#: the mapping keys under which a value is a label (or a label a selector asks for)
_LABEL_MAPS = ("labels", "matchLabels")


def named_paths(manifest: Manifest, name: str) -> tuple[FieldPath, ...]:
    """The label and selector fields of a freshly generated `manifest` that hold `name`."""
    found: list[FieldPath] = []

    def walk(node: Any, path: FieldPath) -> None:
        if isinstance(node, Mapping):
            for key, child in node.items():
                walk(child, (*path, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*path, index))
        elif node == name and len(path) >= 2 and (
                path[-2] in _LABEL_MAPS or (manifest.get("kind") == "Service"
                                            and path[:-1] == ("spec", "selector"))):
            found.append(path)

    walk(manifest, ())
    return tuple(found)


def _selector_key_path(owner: Resource, base: tuple[str, ...], key: str) -> FieldPath:
    selector = get_path(owner.manifest, base)
    if isinstance(selector, Mapping) and isinstance(selector.get("matchLabels"), Mapping) \
            and key in selector["matchLabels"]:
        return (*base, "matchLabels", key)
    return (*base, key)


def follow_rename(doc: Document, graph: WiringGraph, rid: str, new_name: str) -> list[Edit]:
    """Field edits that carry the name-generated labels of `rid` over to `new_name`.

    A selector of the renamed resource that already selects pods is wiring, not a copy of its
    name, and stays. Another resource's selector entry follows only when it picks this
    resource's pods alone by a label that follows; one that also selects other pods stays.
    """
    res = doc.get(rid)
    old = res.name
    info = graph.selector_info(rid)
    selects_pods = info is not None and any(
        e.target != rid for e in graph.out_edges(rid, EdgeType.SELECTS))
    tpath = pod_template_path(res)
    label_base = (*tpath, "metadata", "labels") if tpath is not None else None
    edits: list[Edit] = []
    followed: set[str | int] = set()
    for path in res.named:
        if get_path(res.manifest, path) != old:
            continue
        if info is not None and selects_pods and path[:len(info.path)] == info.path:
            continue
        edits.append(SetField(rid, path, new_name))
        if label_base is not None and path[:-1] == label_base:
            followed.add(path[-1])
    owners = sorted({e.source for e in graph.in_edges(rid, EdgeType.SELECTS) if e.source != rid})
    for owner_id in owners:
        owner_info = graph.selector_info(owner_id)
        if owner_info is None or owner_id not in doc:
            continue
        if {e.target for e in graph.out_edges(owner_id, EdgeType.SELECTS)} != {rid}:
            continue
        owner = doc.get(owner_id)
        for key, value in owner_info.selector.match_labels:
            if key in followed and value == old:
                edits.append(SetField(owner_id, _selector_key_path(owner, owner_info.path, key),
                                      new_name))
    return edits
