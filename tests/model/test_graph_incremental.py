"""The incremental graph must always equal one rebuilt from scratch."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import builders

from kubecanvas.model import binding
from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, RemoveResource, SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource

from .factories import deployment, pv, pvc, service, simple

NAMES = ["a", "b"]
NAMESPACES = [None, "prod"]


def _make(kind: str, name: str, ns: str | None) -> Resource:
    if kind == "Deployment":
        return deployment(name, ns=ns, volumes=[
            {"name": "d", "persistentVolumeClaim": {"claimName": name}},
            {"name": "c", "configMap": {"name": name}}])
    if kind == "Service":
        return service(name, {"app": name}, ns=ns)
    # storage classes differ so that binding's pools (`binding_pools`) meet: "d-b-1" leaves its
    # class to the default, which "fast" is; PV "b" is reserved for a claim of another class
    if kind == "PersistentVolumeClaim":
        return pvc(name if name == "a" else "d-b-1", ns=ns, cls="manual" if name == "a" else None)
    if kind == "PersistentVolume":
        return pv(name, cls="fast" if name == "a" else "",
                  claim=("default", "a") if name == "b" else None)
    if kind == "StatefulSetVolume":  # a PV reserved for a claim a StatefulSet creates
        return pv(f"pv-{name}", cls="manual" if name == "a" else "fast",
                  claim=(ns or "default", f"d-{name}-1"))
    if kind == "StatefulSet":
        res = simple("StatefulSet", name, ns, serviceName=name, replicas=2,
                     selector={"matchLabels": {"app": name}},
                     template={"metadata": {"labels": {"app": name}},
                               "spec": {"containers": [{"name": "c", "image": "x"}]}},
                     volumeClaimTemplates=[{"metadata": {"name": "d"}, "spec": {
                         "accessModes": ["ReadWriteOnce"], "storageClassName": "manual",
                         "resources": {"requests": {"storage": "1Gi"}}}}])
        return res
    if kind == "Ingress":
        return simple("Ingress", name, ns, rules=[{"http": {"paths": [
            {"path": "/", "pathType": "Prefix",
             "backend": {"service": {"name": name, "port": {"number": 80}}}}]}}])
    if kind == "StorageClass":  # "fast" is the default class: unset claims move with it
        manifest = builders.simple("StorageClass", "manual" if name == "a" else "fast")
        if name == "b":
            manifest["metadata"]["annotations"] = {
                "storageclass.kubernetes.io/is-default-class": "true"}
        return Resource(manifest)
    return simple(kind, name, ns)


KINDS = ["Deployment", "Service", "PersistentVolumeClaim", "PersistentVolume", "StatefulSet",
         "Ingress", "ConfigMap", "NetworkPolicy", "StatefulSetVolume", "StorageClass"]

ACTIONS = ["add", "add", "add", "label", "rename", "remove", "namespace", "replicas", "capacity",
           "class", "claimRef"]
#: where each kind names its storage class (binding is simulated per class: see binding_pools)
CLASS_FIELDS = {"PersistentVolumeClaim": ("spec", "storageClassName"),
                "PersistentVolume": ("spec", "storageClassName"),
                "StatefulSet": ("spec", "volumeClaimTemplates", 0, "spec", "storageClassName"),
                "StorageClass": ("metadata", "annotations",
                                 "storageclass.kubernetes.io/is-default-class")}
op_strategy = st.tuples(st.sampled_from(ACTIONS), st.sampled_from(KINDS), st.integers(0, 50),
                        st.sampled_from(NAMES), st.sampled_from(NAMESPACES))
ops = st.lists(op_strategy, min_size=1, max_size=30)


def _apply(doc: Document, op: tuple) -> None:
    action, kind, index, b, ns = op
    if action == "add":
        doc.add(_make(kind, b, ns))
        return
    if not len(doc):
        return
    res = doc.get(doc.ids()[index % len(doc)])
    if action == "remove":
        RemoveResource(res.id).apply(doc)
    elif action == "rename":
        SetField(res.id, ("metadata", "name"), b).apply(doc)
    elif action == "namespace":
        SetField(res.id, ("metadata", "namespace"), ns if ns else DELETE).apply(doc)
    elif action == "replicas":
        SetField(res.id, ("spec", "replicas"), 1 + index % 3).apply(doc)
    elif action == "capacity" and res.kind == "PersistentVolume":
        SetField(res.id, ("spec", "capacity", "storage"), "512Mi" if index % 2 else "4Gi").apply(doc)
    elif action == "capacity" and res.kind == "PersistentVolumeClaim":
        SetField(res.id, ("spec", "resources", "requests", "storage"), "3Gi").apply(doc)
    elif action == "capacity":
        SetField(res.id, ("metadata", "annotations"), {"note": b}).apply(doc)
    elif action == "class" and res.kind in CLASS_FIELDS:
        value = {"a": "fast", "b": DELETE}[b] if res.kind != "StorageClass" else \
            {"a": "true", "b": DELETE}[b]
        SetField(res.id, CLASS_FIELDS[res.kind], value).apply(doc)
    elif action == "claimRef" and res.kind == "PersistentVolume":
        SetField(res.id, ("spec", "claimRef"),
                 {"namespace": ns or "default", "name": "a" if b == "a" else "d-b-1"}).apply(doc)
    elif action == "label":
        if res.kind in ("Deployment", "StatefulSet"):
            SetField(res.id, ("spec", "template", "metadata", "labels", "app"), b).apply(doc)
        elif res.kind == "Service":
            SetField(res.id, ("spec", "selector"), {"app": b}).apply(doc)
        elif res.kind == "PersistentVolumeClaim":
            SetField(res.id, ("spec", "volumeName"), b).apply(doc)
        else:
            SetField(res.id, ("metadata", "labels", "app"), b).apply(doc)


def assert_follows_rebuild(operations: list[tuple],
                           apply: Callable[[Document, tuple], None] = _apply) -> None:
    """After each of `operations` (done by `apply`), the graph kept up to date edge by edge
    equals one built afresh."""
    doc = Document()
    graph = WiringGraph(doc)
    for op in operations:
        apply(doc, op)
        fresh = WiringGraph(doc, subscribe=False)
        assert graph.edge_signature() == fresh.edge_signature(), op
        assert graph.node_signature() == fresh.node_signature(), op
        # the bindings kept pool by pool are the whole design's simulation
        assert dict(graph.bindings()) == {b.claim: b for b in binding.simulate(
            fresh.claims(), fresh.volumes(), fresh.default_storage_class())}, op


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_incremental_graph_equals_rebuild(operations):
    assert_follows_rebuild(operations)


STORAGE_KINDS = ["PersistentVolumeClaim", "PersistentVolume", "StatefulSet", "StorageClass",
                 "StatefulSetVolume"]
storage_ops = st.lists(st.tuples(
    st.sampled_from(["add", "add", "remove", "capacity", "class", "claimRef", "label", "rename"]),
    st.sampled_from(STORAGE_KINDS), st.integers(0, 50), st.sampled_from(NAMES),
    st.sampled_from(NAMESPACES)), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(storage_ops)
def test_storage_edits_match_rebuild(operations):
    """Binding is re-simulated only in the storage classes an edit touches (`binding_pools`):
    classes, default classes, claimRefs and volumeNames that cross them, in every order."""
    assert_follows_rebuild(operations)


@settings(max_examples=40, deadline=None)
@given(ops)
def test_batched_changes_also_match_rebuild(operations):
    doc = Document()
    graph = WiringGraph(doc)
    with doc.batch():
        for op in operations:
            _apply(doc, op)
    fresh = WiringGraph(doc, subscribe=False)
    assert graph.edge_signature() == fresh.edge_signature()
    assert graph.node_signature() == fresh.node_signature()


def test_binding_is_simulated_again_only_when_what_it_reads_changed(monkeypatch) -> None:
    from kubecanvas.model import binding

    doc = Document([pvc("a", cls="manual"), pv("a", cls="manual"), _make("StatefulSet", "b", None)])
    graph = WiringGraph(doc)
    runs: list[int] = []
    real = binding.simulate
    monkeypatch.setattr(binding, "simulate", lambda *a: runs.append(1) or real(*a))
    claim = next(r for r in doc if r.kind == "PersistentVolumeClaim")
    sts = next(r for r in doc if r.kind == "StatefulSet")
    SetField(claim.id, ("metadata", "annotations"), {"note": "x"}).apply(doc)
    SetField(sts.id, ("spec", "template", "spec", "containers", 0, "image"), "y").apply(doc)
    assert runs == []  # an annotation, an image: the same claims and volumes
    SetField(claim.id, ("spec", "resources", "requests", "storage"), "5Gi").apply(doc)
    assert runs == [1]
    assert graph.edge_signature() == WiringGraph(doc, subscribe=False).edge_signature()


#: storage edits where binding's pools meet, each with a bind edge that must come or go
POOL_SCENARIOS = {
    # the default class moves every claim that leaves its class unset
    "default class added, then removed": [
        ("add", "PersistentVolumeClaim", 0, "b", None), ("add", "PersistentVolume", 0, "a", None),
        ("add", "StorageClass", 0, "b", None), ("remove", "", 2, "a", None)],
    "default class annotation unset": [
        ("add", "PersistentVolumeClaim", 0, "b", None), ("add", "PersistentVolume", 0, "a", None),
        ("add", "StorageClass", 0, "b", None), ("class", "", 2, "b", None)],
    # a claimRef crosses classes: removing or re-pointing the volume frees the claim
    "claimRef across classes, volume removed": [
        ("add", "PersistentVolumeClaim", 0, "a", None), ("add", "PersistentVolume", 0, "b", None),
        ("remove", "", 1, "a", None)],
    "claimRef across classes, pointed elsewhere": [
        ("add", "PersistentVolumeClaim", 0, "a", None), ("add", "PersistentVolume", 0, "b", None),
        ("claimRef", "", 1, "b", None)],
    "claimRef across classes, claim renamed": [
        ("add", "PersistentVolumeClaim", 0, "a", None), ("add", "PersistentVolume", 0, "b", None),
        ("rename", "", 0, "b", None)],
    # a claim naming a free volume takes it before the claims matched by class
    "named claim removed, the volume goes to a claim of its class": [
        ("add", "PersistentVolume", 0, "a", None), ("add", "StorageClass", 0, "b", None),
        ("add", "PersistentVolumeClaim", 0, "b", None), ("label", "", 2, "a", None),
        ("add", "PersistentVolumeClaim", 0, "b", None), ("remove", "", 2, "a", None)],
    "named volume edited, still taken by name": [
        ("add", "PersistentVolume", 0, "a", None), ("add", "StorageClass", 0, "b", None),
        ("add", "PersistentVolumeClaim", 0, "b", None), ("label", "", 2, "a", None),
        ("add", "PersistentVolumeClaim", 0, "b", None), ("capacity", "", 0, "a", None)],
}


@pytest.mark.parametrize("name", sorted(POOL_SCENARIOS))
def test_storage_edits_across_pools_match_rebuild(name: str) -> None:
    doc = Document()
    graph = WiringGraph(doc)
    bound_at_some_step = False
    for op in POOL_SCENARIOS[name]:
        _apply(doc, op)
        signature = graph.edge_signature()
        assert signature == WiringGraph(doc, subscribe=False).edge_signature(), op
        bound_at_some_step |= any(edge[2] == "binds" for edge in signature)
    assert bound_at_some_step  # the scenario did bind, so the edge had to come or go
