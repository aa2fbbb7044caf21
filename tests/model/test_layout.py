"""Automatic layout: columns follow traffic, blocks follow namespaces, pins hold, no overlap."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests import builders

from kubecanvas.model.document import Document
from kubecanvas.model.edits import UndoStack
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import (
    NODE_HEIGHT,
    NODE_WIDTH,
    auto_layout,
    layer_of,
    layout_blocks,
    layout_edit,
)
from kubecanvas.model.resource import Resource


def _generator() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("kubecanvas_bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()


def res(kind: str, name: str, ns: str | None = "shop", api: str = "v1", **body: Any) -> Resource:
    meta: dict[str, Any] = {"name": name}
    if ns is not None:
        meta["namespace"] = ns
    return Resource({"apiVersion": api, "kind": kind, "metadata": meta, **body})


#: The shared builders, in namespace shop by default, with one bare container.
deployment = builders.resources(builders.deployment, ns="shop",
                                containers=[{"name": "c", "image": "i"}])
service = builders.resources(builders.service, ns="shop")


def laid_out(resources: list[Resource], **kw: Any) -> tuple[Document, dict[str, tuple[float, float]]]:
    doc = Document(resources)
    return doc, auto_layout(doc, WiringGraph(doc, subscribe=False), **kw)


def drawn(doc: Document, positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The positions of resources drawn as nodes: a Namespace with members is drawn as a frame."""
    used = {r.namespace for r in doc if r.kind != "Namespace"}
    return {rid: p for rid, p in positions.items()
            if not (doc.get(rid).kind == "Namespace" and doc.get(rid).name in used)}


def assert_no_overlap(positions: dict[str, tuple[float, float]]) -> None:
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for x, y in positions.values():
        cells.setdefault((int(x // NODE_WIDTH), int(y // NODE_HEIGHT)), []).append((x, y))
    for (cx, cy), here in cells.items():
        near = [p for dx in (-1, 0, 1) for dy in (-1, 0, 1)
                for p in cells.get((cx + dx, cy + dy), [])]
        for a in here:
            clashes = [b for b in near
                       if abs(a[0] - b[0]) < NODE_WIDTH and abs(a[1] - b[1]) < NODE_HEIGHT]
            assert clashes == [a], f"nodes overlap at {a}: {clashes}"


def test_every_resource_gets_a_position_including_unknown_and_cluster_scoped() -> None:
    items = [res("Widget", "w", api="example.com/v1"), res("ClusterRole", "r", None,
             "rbac.authorization.k8s.io/v1"), res("Namespace", "shop", None), res("Pod", "p",
             spec={"containers": []}), res("ConfigMap", "c", None)]
    doc, pos = laid_out(items)
    assert set(pos) == set(doc.ids())
    assert_no_overlap(drawn(doc, pos))


@pytest.mark.parametrize(("kind", "layer"), [
    ("Ingress", 0), ("Service", 1), ("Deployment", 2), ("CronJob", 2), ("Pod", 2),
    ("PersistentVolumeClaim", 3), ("ConfigMap", 3), ("Secret", 3), ("ServiceAccount", 3),
    ("PersistentVolume", 4), ("StorageClass", 4), ("HorizontalPodAutoscaler", 1),
    ("PodDisruptionBudget", 1), ("NetworkPolicy", 1), ("Widget", 5)])
def test_layer_of_follows_traffic(kind: str, layer: int) -> None:
    assert layer_of(res(kind, "x")) == layer


def test_custom_workload_with_pod_template_sits_with_workloads() -> None:
    rollout = res("Rollout", "r", api="argoproj.io/v1alpha1", spec={
        "template": {"spec": {"containers": [{"name": "c", "image": "i"}]}}})
    assert layer_of(rollout) == 2


def test_columns_run_left_to_right_in_traffic_order() -> None:
    items = [res("ConfigMap", "cfg"), res("PersistentVolumeClaim", "data"),
             deployment("web", {"app": "web"}, volumes=[
                 {"name": "d", "persistentVolumeClaim": {"claimName": "data"}},
                 {"name": "c", "configMap": {"name": "cfg"}}]),
             service("web", {"app": "web"}),
             res("Ingress", "web", api="networking.k8s.io/v1", spec={"defaultBackend": {
                 "service": {"name": "web", "port": {"number": 80}}}}),
             res("HorizontalPodAutoscaler", "web", api="autoscaling/v2", spec={
                 "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                    "name": "web"}, "maxReplicas": 3})]
    doc, pos = laid_out(items)
    x = {r.kind: pos[r.id][0] for r in doc}
    assert x["Ingress"] < x["Service"] < x["Deployment"] < x["ConfigMap"]
    assert x["ConfigMap"] == x["PersistentVolumeClaim"]
    # the autoscaler sits beside the workload it scales, its wire entering from the left
    assert x["HorizontalPodAutoscaler"] == x["Service"]
    assert_no_overlap(pos)


def test_namespaces_get_separate_blocks_and_cluster_scope_its_own() -> None:
    items = [service("a", {"app": "a"}, "one"), service("b", {"app": "b"}, "two"),
             res("PersistentVolume", "pv", None), res("StorageClass", "sc", None)]
    doc, _ = laid_out(items)
    _, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    assert [b.namespace for b in blocks] == ["one", "two", ""]
    rects = [(b.origin, b.size) for b in blocks]
    for i, ((x1, y1), (w1, h1)) in enumerate(rects):
        for (x2, y2), (w2, h2) in rects[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1


def test_barycenter_ordering_uncrosses_wires() -> None:
    # One application; by name the deployments would sit y, z while a selects z and b selects
    # y, which would cross.
    part = {"app.kubernetes.io/part-of": "shop"}
    items = [service("a", {"app": "z"}), service("b", {"app": "y"}),
             deployment("y", {"app": "y"}), deployment("z", {"app": "z"})]
    for item in items:
        item.manifest["metadata"]["labels"] = dict(part)
    doc, pos = laid_out(items)
    by_name = {(r.kind, r.name): pos[r.id][1] for r in doc}
    services_down = by_name[("Service", "a")] < by_name[("Service", "b")]
    deployments_down = by_name[("Deployment", "z")] < by_name[("Deployment", "y")]
    assert services_down == deployments_down


def test_layout_is_deterministic_whatever_the_ids() -> None:
    manifests = generate.generate_manifests(300, seed=3)
    first = laid_out([Resource(m) for m in manifests])
    second = laid_out([Resource(m) for m in manifests])
    assert [first[1][r.id] for r in first[0]] == [second[1][r.id] for r in second[0]]


def test_pinned_resources_keep_their_place_and_others_avoid_them() -> None:
    items = [service(f"s{i}", {"app": f"s{i}"}) for i in range(6)]
    doc = Document(items)
    graph = WiringGraph(doc, subscribe=False)
    free_layout = auto_layout(doc, graph)
    third = items[3]
    spot = free_layout[items[1].id]  # pin s3 where s1 would go
    doc.move(third.id, spot, pinned=True)
    pos = auto_layout(doc, graph)
    assert pos[third.id] == spot
    assert_no_overlap(pos)
    assert auto_layout(doc, graph, keep_pinned=False) == free_layout


def test_layout_edit_is_undoable_and_only_moves_what_changes() -> None:
    items = [service("a", {"app": "a"}), deployment("a", {"app": "a"})]
    doc = Document(items)
    graph = WiringGraph(doc, subscribe=False)
    before = {r.id: r.position for r in doc}
    stack = UndoStack(doc)
    stack.push(layout_edit(doc, graph))
    after = {r.id: r.position for r in doc}
    assert after == auto_layout(doc, graph)
    assert layout_edit(doc, graph).positions == {}
    stack.undo()
    assert {r.id: r.position for r in doc} == before


def test_layout_without_pins_unpins_what_it_moves() -> None:
    items = [service("a", {"app": "a"})]
    doc = Document(items)
    doc.move(items[0].id, (999.0, 999.0), pinned=True)
    edit = layout_edit(doc, WiringGraph(doc, subscribe=False), keep_pinned=False)
    edit.apply(doc)
    assert not doc.get(items[0].id).pinned
    edit.revert(doc)
    assert doc.get(items[0].id).pinned and doc.get(items[0].id).position == (999.0, 999.0)


def test_big_column_wraps_instead_of_growing_forever() -> None:
    items = [res("ConfigMap", f"c{i:03}") for i in range(100)]
    _, pos = laid_out(items)
    ys = [y for _, y in pos.values()]
    xs = {x for x, _ in pos.values()}
    assert len(xs) > 1 and max(ys) - min(ys) < 40 * (NODE_HEIGHT + 24)
    assert_no_overlap(pos)


def test_five_thousand_resources_lay_out_without_overlap() -> None:
    """Correctness at size; the speed of this layout is measured in tests/bench, not here."""
    doc = Document(Resource(m) for m in generate.generate_manifests(5000, seed=1))
    graph = WiringGraph(doc, subscribe=False)
    pos = auto_layout(doc, graph)
    assert len(pos) == 5000
    assert_no_overlap(drawn(doc, pos))
    width = max(x for x, _ in pos.values()) - min(x for x, _ in pos.values())
    height = max(y for _, y in pos.values()) - min(y for _, y in pos.values())
    assert 0.5 < width / height < 4, "blocks should pack into a landscape-ish shape"


_KINDS = ["Ingress", "Service", "Deployment", "ConfigMap", "PersistentVolumeClaim",
          "PersistentVolume", "StorageClass", "NetworkPolicy", "Widget"]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_KINDS), st.sampled_from(["a", "b", "c"]),
                          st.integers(0, 5), st.booleans()), max_size=40))
def test_any_document_gets_distinct_non_overlapping_places(
        specs: list[tuple[str, str, int, bool]]) -> None:
    items = []
    for i, (kind, ns, name, pin) in enumerate(specs):
        cluster = kind in ("PersistentVolume", "StorageClass")
        item = res(kind, f"{kind.lower()}-{name}", None if cluster else ns)
        if pin:
            item.position, item.pinned = (float(i * 37 % 900), float(i * 53 % 700)), True
        items.append(item)
    doc, pos = laid_out(items)
    assert set(pos) == set(doc.ids())
    pinned = {r.id for r in doc if r.pinned}
    assert all(pos[rid] == doc.get(rid).position for rid in pinned)
    free = {rid: p for rid, p in pos.items() if rid not in pinned}
    assert_no_overlap(free)
    for rid in free:  # free nodes never land on a pinned one
        x, y = free[rid]
        assert all(abs(x - pos[p][0]) >= NODE_WIDTH or abs(y - pos[p][1]) >= NODE_HEIGHT
                   for p in pinned)


def _storage_app() -> list[Resource]:
    claim = res("PersistentVolumeClaim", "data", spec={
        "accessModes": ["ReadWriteOnce"], "storageClassName": "manual", "volumeName": "pv-data",
        "resources": {"requests": {"storage": "1Gi"}}})
    volume = res("PersistentVolume", "pv-data", None, spec={
        "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
        "storageClassName": "manual", "hostPath": {"path": "/d"}})
    ingress = res("Ingress", "web", api="networking.k8s.io/v1", spec={
        "ingressClassName": "nginx", "defaultBackend": {"service": {
            "name": "web", "port": {"number": 80}}}})
    return [res("Namespace", "shop", None), ingress, service("web", {"app": "web"}),
            deployment("web", {"app": "web"}, volumes=[
                {"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]),
            claim, volume, res("StorageClass", "manual", None, api="storage.k8s.io/v1",
                               provisioner="kubernetes.io/no-provisioner"),
            res("IngressClass", "nginx", None, api="networking.k8s.io/v1",
                spec={"controller": "k8s.io/ingress-nginx"}),
            res("ClusterRole", "unused", None, api="rbac.authorization.k8s.io/v1")]


def test_used_cluster_resources_sit_under_what_uses_them() -> None:
    doc, pos = laid_out(_storage_app())
    at = {r.name if r.kind not in ("Service", "Deployment") else r.kind: pos[r.id] for r in doc}
    _, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    assert [b.namespace for b in blocks] == ["shop", ""]  # only the unused ClusterRole is apart
    framed = [p for name, p in at.items() if name in ("web", "Service", "Deployment", "data")]
    frame_bottom = max(y for _, y in framed) + NODE_HEIGHT
    assert at["nginx"][0] == at["web"][0] and at["nginx"][1] > frame_bottom  # under its Ingress
    assert at["pv-data"][0] == at["data"][0] and at["pv-data"][1] > frame_bottom  # under claim
    assert at["manual"][0] == at["pv-data"][0] and at["manual"][1] > at["pv-data"][1]
    namespaced_width = max(x for x, _ in framed) + NODE_WIDTH
    assert max(x for x, _ in (at["nginx"], at["pv-data"], at["manual"])) < namespaced_width
    assert_no_overlap(drawn(doc, pos))


def test_namespace_resource_takes_the_corner_of_its_frame_not_a_slot() -> None:
    doc, pos = laid_out(_storage_app())
    namespace = next(r for r in doc if r.kind == "Namespace")
    _, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    assert pos[namespace.id] == blocks[0].origin
    assert namespace.id not in {rid for b in blocks for rid in b.members}


def test_volumes_of_claims_in_one_column_sit_side_by_side_not_behind_each_other() -> None:
    items = []
    for name in ("a", "b"):
        items += [res("PersistentVolumeClaim", name, spec={
                      "accessModes": ["ReadWriteOnce"], "volumeName": f"pv-{name}",
                      "storageClassName": "", "resources": {"requests": {"storage": "1Gi"}}}),
                  res("PersistentVolume", f"pv-{name}", None, spec={
                      "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                      "storageClassName": "", "hostPath": {"path": f"/{name}"}})]
    doc, pos = laid_out(items)
    at = {r.name: pos[r.id] for r in doc}
    assert at["pv-a"][1] == at["pv-b"][1] > at["b"][1]  # one row under the frame
    assert abs(at["pv-a"][0] - at["pv-b"][0]) == NODE_WIDTH + 110.0


def test_blocks_pack_so_zoom_to_fit_shows_them_largest() -> None:
    # a wide namespace and a tall column of unrelated cluster roles: side by side fits a
    # landscape screen far better than one under the other
    items = [service("a", {"app": "a"}), deployment("a", {"app": "a"}),
             res("ConfigMap", "c"), res("NetworkPolicy", "p", api="networking.k8s.io/v1")]
    items += [res("ClusterRole", f"role-{i}", None, "rbac.authorization.k8s.io/v1")
              for i in range(6)]
    doc, _ = laid_out(items)
    _, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    assert [b.namespace for b in blocks] == ["shop", ""]
    assert blocks[0].origin[1] == blocks[1].origin[1]  # one shelf


def test_the_volume_of_the_lowest_claim_takes_the_slot_under_the_column() -> None:
    # so its wire drops straight down and the upper claim's wire bends down beside it,
    # passing no card or wire below the upper claim
    items = []
    for name in ("a", "b"):
        items += [res("PersistentVolumeClaim", name, spec={
                      "accessModes": ["ReadWriteOnce"], "volumeName": f"pv-{name}",
                      "storageClassName": "", "resources": {"requests": {"storage": "1Gi"}}}),
                  res("PersistentVolume", f"pv-{name}", None, spec={
                      "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                      "storageClassName": "", "hostPath": {"path": f"/{name}"}})]
    doc, pos = laid_out(items)
    at = {r.name: pos[r.id] for r in doc}
    upper, lower = sorted(("a", "b"), key=lambda n: at[n][1])
    assert at[upper][0] == at[lower][0] and at[upper][1] < at[lower][1]  # one column
    assert at[f"pv-{lower}"][0] == at[lower][0]  # straight under
    assert at[f"pv-{upper}"][0] == at[lower][0] + NODE_WIDTH + 110.0  # beside it


def test_a_volume_bound_to_a_statefulsets_claim_sits_under_that_statefulsets_frame() -> None:
    """The claim `data-db-0` exists only in the graph (the StatefulSet creates it); its volume
    goes under the StatefulSet's namespace, not under the namespace that uses its class most."""
    pod = {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "c",
                                                                          "image": "i"}]}}
    items = [res("StatefulSet", "db", "data", api="apps/v1", spec={
        "serviceName": "db", "replicas": 1, "selector": {"matchLabels": {"app": "db"}},
        "template": pod, "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {
            "accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
            "resources": {"requests": {"storage": "1Gi"}}}}]}),
        res("PersistentVolume", "pv-db", None, spec={
            "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
            "storageClassName": "fast", "claimRef": {"namespace": "data", "name": "data-db-0"},
            "hostPath": {"path": "/db"}}),
        res("StorageClass", "fast", None, api="storage.k8s.io/v1",
            provisioner="kubernetes.io/no-provisioner")]
    for n in range(3):  # the namespace that uses the class most
        items.append(res("PersistentVolumeClaim", f"c{n}", "web", spec={
            "accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
            "resources": {"requests": {"storage": "1Gi"}}}))
    doc, pos = laid_out(items)
    _, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    under = {b.namespace: [rid for rid, _, _ in b.below] for b in blocks}
    volume, owner = (next(r for r in doc if r.name == name) for name in ("pv-db", "db"))
    assert volume.id in under["data"]
    assert pos[volume.id][0] == pos[owner.id][0] and pos[volume.id][1] > pos[owner.id][1]
