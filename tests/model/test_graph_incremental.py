"""The incremental graph must always equal one rebuilt from scratch."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    if kind == "PersistentVolumeClaim":
        return pvc(name if name == "a" else "d-b-1", ns=ns, cls="manual")
    if kind == "PersistentVolume":
        return pv(name, cls="manual", claim=("default", name) if name == "b" else None)
    if kind == "StatefulSetVolume":  # a PV reserved for a claim a StatefulSet creates
        return pv(f"pv-{name}", cls="manual", claim=(ns or "default", f"d-{name}-1"))
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
    return simple(kind, name, ns)


KINDS = ["Deployment", "Service", "PersistentVolumeClaim", "PersistentVolume", "StatefulSet",
         "Ingress", "ConfigMap", "NetworkPolicy", "StatefulSetVolume"]

ACTIONS = ["add", "add", "add", "label", "rename", "remove", "namespace", "replicas"]
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
    elif action == "label":
        if res.kind in ("Deployment", "StatefulSet"):
            SetField(res.id, ("spec", "template", "metadata", "labels", "app"), b).apply(doc)
        elif res.kind == "Service":
            SetField(res.id, ("spec", "selector"), {"app": b}).apply(doc)
        elif res.kind == "PersistentVolumeClaim":
            SetField(res.id, ("spec", "volumeName"), b).apply(doc)
        else:
            SetField(res.id, ("metadata", "labels", "app"), b).apply(doc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_incremental_graph_equals_rebuild(operations):
    doc = Document()
    graph = WiringGraph(doc)
    for op in operations:
        _apply(doc, op)
        fresh = WiringGraph(doc, subscribe=False)
        assert graph.edge_signature() == fresh.edge_signature(), op
        assert graph.node_signature() == fresh.node_signature(), op


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
