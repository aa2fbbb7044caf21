"""The engine: full checks, ignores, and incremental re-checks equal to full ones."""

from __future__ import annotations

import copy
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, RemoveResource, SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.validation.check_runs import run_checks
from kubecanvas.validation.engine import Validator, validate_document
from kubecanvas.validation.registry import RULES, checks

from .docs import configmap, container, deployment, doc, service


def test_registry_ids_unique_and_described():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(r.summary and r.function for r in RULES)
    assert len(checks()) <= len(RULES)


def test_full_check_is_deterministic():
    manifests = [deployment("web"), service("web", {"app": "wbe"}),
                 deployment("api", containers=[container(envFrom=[
                     {"configMapRef": {"name": "nope"}}])])]
    first = [(f.rule, f.field, f.message) for f in validate_document(doc(*manifests))]
    second = [(f.rule, f.field, f.message) for f in validate_document(doc(*manifests))]
    assert first == second and first


def test_ignored_by_resource_and_everywhere():
    d = doc(deployment("web"), service("web", {"app": "wbe"}))
    (finding,) = validate_document(d)
    d.settings.ignored = {(finding.rule, finding.resource_id or "")}
    assert validate_document(d) == []
    d.settings.ignored = {(finding.rule, "*")}
    assert validate_document(d) == []
    d.settings.ignored = {("service.*", "*")}
    assert validate_document(d) == []
    d.settings.ignored = {("other.rule", "*")}
    assert validate_document(d) == [finding]


def test_validator_follows_edits_and_settings():
    d = doc(deployment("web"), service("web", {"app": "wbe"}))
    graph = WiringGraph(d)
    validator = Validator(d, graph)
    assert [f.rule for f in validator.findings] == ["service.selector.no-match"]
    svc = d.by_kind("Service")[0]
    SetField(svc.id, ("spec", "selector", "app"), "web").apply(d)
    assert validator.findings == []
    assert svc.id in validator.last_checked
    SetField(svc.id, ("spec", "selector", "app"), "x").apply(d)
    assert validator.findings_for(svc.id)
    d.settings.ignored = {("service.selector.no-match", svc.id)}
    d.touch_settings()
    assert validator.findings == []


def test_validator_rechecks_only_neighbourhood():
    d = doc(*[deployment(f"w{i}") for i in range(20)], service("w0", {"app": "w0"}))
    graph = WiringGraph(d)
    validator = Validator(d, graph)
    svc = d.by_kind("Service")[0]
    SetField(svc.id, ("metadata", "labels"), {"x": "y"}).apply(d)
    assert len(validator.last_checked) <= 3


def test_a_one_shot_run_records_no_dependencies_and_finds_the_same() -> None:
    d = _reserved_pairs(3)
    graph = WiringGraph(d, subscribe=False)
    kept, recorded = run_checks(d, graph, "1.33")
    found, one_shot = run_checks(d, graph, "1.33", record=False)
    assert recorded.dependencies  # (the unbound claim reads every volume)
    assert one_shot.dependencies == {}
    assert [(f.rule, f.resource_id, f.message) for f in found] == \
        [(f.rule, f.resource_id, f.message) for f in kept]


def _reserved_pairs(count: int) -> Document:
    """`count` claims, each with a volume reserved for it (claimRef), and one unbound claim that
    no volume fits (its finding names the closest volumes: it reads them all)."""
    manifests: list[dict] = [{"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                              "metadata": {"name": "local"},
                              "provisioner": "kubernetes.io/no-provisioner"}]
    for i in range(count + 1):
        manifests.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                          "metadata": {"name": f"c{i}", "namespace": "shop"},
                          "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "local",
                                   "resources": {"requests": {
                                       "storage": "1Gi" if i < count else "9Gi"}}}})
    for i in range(count):
        manifests.append({"apiVersion": "v1", "kind": "PersistentVolume",
                          "metadata": {"name": f"v{i}"},
                          "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "local",
                                   "capacity": {"storage": "2Gi"}, "hostPath": {"path": "/x"},
                                   "claimRef": {"namespace": "shop", "name": f"c{i}"}}})
    return doc(*manifests)


def test_one_volume_edited_rechecks_its_claim_not_every_claim() -> None:
    d = _reserved_pairs(30)
    validator = Validator(d, WiringGraph(d))
    volume = next(r for r in d.by_kind("PersistentVolume") if r.name == "v3")
    claim = next(r for r in d.by_kind("PersistentVolumeClaim") if r.name == "c3")
    unbound = next(r for r in d.by_kind("PersistentVolumeClaim") if r.name == "c30")
    assert "pvc.binding.no-match" in {f.rule for f in validator.findings_for(unbound.id)}
    SetField(volume.id, ("spec", "capacity", "storage"), "3Gi").apply(d)
    # the volume, its claim and the class (declaring every volume on each verdict re-checked
    # all 61 of them); the claim no volume fits names the three closest, v0, v1 and v10,
    # which did not change: its verdict is not re-checked either
    assert {volume.id, claim.id} <= validator.last_checked
    assert unbound.id not in validator.last_checked
    assert len(validator.last_checked) <= 4
    assert _signature(validator.findings) == _signature(validate_document(d))


def test_a_volume_edit_rechecks_an_unbound_claim_when_what_it_says_of_the_volumes_changes() \
        -> None:
    """The message of a claim no volume fits names the closest volumes and how many fit: an
    edit that changes those re-checks it, and its finding is the full check's."""
    d = _reserved_pairs(30)
    validator = Validator(d, WiringGraph(d))
    unbound = next(r for r in d.by_kind("PersistentVolumeClaim") if r.name == "c30")
    for name, size in (("v0", "3Gi"), ("v5", "10Gi"), ("v5", "2Gi"), ("v0", "2Gi")):
        volume = next(r for r in d.by_kind("PersistentVolume") if r.name == name)
        before = [f.message for f in validator.findings_for(unbound.id)]
        SetField(volume.id, ("spec", "capacity", "storage"), size).apply(d)
        assert unbound.id in validator.last_checked, (name, size)
        assert [f.message for f in validator.findings_for(unbound.id)] != before
        assert _signature(validator.findings) == _signature(validate_document(d))


def test_a_recheck_to_the_same_findings_replaces_nothing() -> None:
    """An edit of one volume re-checks each claim with a selector no volume fits (its finding
    names the closest volumes, compared label by label); when that finding comes out the same,
    no view needs to look at the claim again, and the finding list keeps its order without an
    update."""
    d = _reserved_pairs(30)
    unbound = next(r for r in d.by_kind("PersistentVolumeClaim") if r.name == "c30")
    SetField(unbound.id, ("spec", "selector"), {"matchLabels": {"tier": "silver"}}).apply(d)
    validator = Validator(d, WiringGraph(d))
    volume = next(r for r in d.by_kind("PersistentVolume") if r.name == "v3")
    before = validator.findings_for(unbound.id)
    assert "pvc.binding.no-match" in {f.rule for f in before}
    SetField(volume.id, ("metadata", "labels"), {"tier": "gold"}).apply(d)
    assert unbound.id in validator.last_checked
    assert validator.last_replaced is not None and unbound.id not in validator.last_replaced
    assert all(a is b for a, b in zip(validator.findings_for(unbound.id), before, strict=True))
    assert _signature(validator.findings) == _signature(validate_document(d))


# --- incremental == full, after random edit sequences --------------------------------------------
NAMES = ["web", "api", "app-config"]
NAMESPACES = [None, "prod"]


def _ns(ns: str | None) -> dict:
    return {"namespace": ns} if ns else {}


def _make(kind: str, name: str, ns: str | None) -> Resource:
    if kind == "Deployment":
        return Resource(deployment(name, ns=ns, replicas=2, containers=[container(
            env=[{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "app-config",
                                                               "key": "key"}}}],
            ports=[{"name": "http", "containerPort": 8080}])],
            volumes=[{"name": "d", "persistentVolumeClaim": {"claimName": name}}]))
    if kind == "Service":
        return Resource(service(name, {"app": name}, ns=ns))
    if kind == "ConfigMap":
        return Resource(configmap(name, ns=ns))
    if kind == "Ingress":
        return Resource({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                         "metadata": {"name": name, **_ns(ns)},
                         "spec": {"tls": [{"secretName": name}], "rules": [{"http": {"paths": [{
                             "path": "/", "pathType": "Prefix", "backend": {"service": {
                                 "name": name, "port": {"number": 80}}}}]}}]}})
    if kind == "PersistentVolumeClaim":
        return Resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, **_ns(ns)},
                         "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "",
                                  "resources": {"requests": {"storage": "1Gi"}}}})
    if kind == "HorizontalPodAutoscaler":
        return Resource({"apiVersion": "autoscaling/v2", "kind": kind,
                         "metadata": {"name": name, **_ns(ns)},
                         "spec": {"scaleTargetRef": {"kind": "Deployment", "name": name},
                                  "maxReplicas": 3}})
    if kind == "NetworkPolicy":
        return Resource({"apiVersion": "networking.k8s.io/v1", "kind": kind,
                         "metadata": {"name": name, **_ns(ns)},
                         "spec": {"podSelector": {"matchLabels": {"app": name}},
                                  "ingress": [{"from": [{"podSelector": {
                                      "matchLabels": {"app": name}}}]}]}})
    if kind == "Namespace":
        return Resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": ns or name}})
    if kind == "ServiceAccount":  # its pull Secret is found by name (ref.sa.secret.missing)
        return Resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, **_ns(ns)},
                         "imagePullSecrets": [{"name": name}]})
    if kind == "Role":
        return Resource({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
                         "metadata": {"name": name, **_ns(ns)}})
    if kind == "PodDisruptionBudget":
        return Resource({"apiVersion": "policy/v1", "kind": kind,
                         "metadata": {"name": name, **_ns(ns)},
                         "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": name}}}})
    if kind == "IngressClass":
        return Resource({"apiVersion": "networking.k8s.io/v1", "kind": kind, "metadata": {
            "name": name, "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
            "spec": {"controller": "example.com/ingress"}})
    if kind == "RoleBinding":
        return Resource({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
                         "metadata": {"name": name, **_ns(ns)},
                         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
                                     "name": name},
                         "subjects": [{"kind": "ServiceAccount", "name": name}]})
    if kind == "Secret":
        return Resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": name, **_ns(ns)},
                         "type": "kubernetes.io/tls",
                         "stringData": {"tls.crt": "c", "tls.key": "k"}})
    if kind == "StatefulSet":
        sts = deployment(name, ns=ns)
        sts["kind"] = "StatefulSet"
        sts["spec"].update(serviceName=name, replicas=2, volumeClaimTemplates=[{
            "metadata": {"name": "d"}, "spec": {"accessModes": ["ReadWriteOnce"],
                                                "storageClassName": "",
                                                "resources": {"requests": {"storage": "1Gi"}}}}])
        return Resource(sts)
    return Resource({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
                     "spec": {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "2Gi"},
                              "hostPath": {"path": "/x"},
                              **({"claimRef": {"namespace": "default", "name": name}}
                                 if name == "api" else {})}})


KINDS = ["Deployment", "Service", "ConfigMap", "Ingress", "PersistentVolumeClaim",
         "PersistentVolume", "HorizontalPodAutoscaler", "NetworkPolicy", "Secret", "StatefulSet",
         "Namespace", "ServiceAccount", "Role", "RoleBinding", "PodDisruptionBudget",
         "IngressClass"]
add_op = st.tuples(st.just("add"), st.sampled_from(KINDS), st.sampled_from(NAMES),
                   st.sampled_from(NAMESPACES))
edit_op = st.tuples(st.sampled_from(["label", "rename", "remove", "namespace", "port",
                                     "selector", "data", "nodeport", "replicas"]),
                    st.integers(0, 50), st.sampled_from(NAMES), st.sampled_from(NAMESPACES))
ops = st.lists(st.one_of(add_op, add_op, edit_op), min_size=1, max_size=25)


def _apply(d: Document, op: tuple) -> None:
    action, a, b, c = op
    if action == "add":
        d.add(_make(a, b, c))
        return
    if not len(d):
        return
    res = d.get(d.ids()[a % len(d)])
    kind = res.kind
    if action == "remove":
        RemoveResource(res.id).apply(d)
    elif action == "rename":
        SetField(res.id, ("metadata", "name"), b).apply(d)
    elif action == "namespace":
        SetField(res.id, ("metadata", "namespace"), c if c else DELETE).apply(d)
    elif action == "label" and kind in ("Deployment", "StatefulSet"):
        SetField(res.id, ("spec", "template", "metadata", "labels", "app"), b).apply(d)
    elif action == "selector" and kind == "Deployment":
        SetField(res.id, ("spec", "selector", "matchLabels", "app"), b).apply(d)
    elif action == "selector" and kind == "Service":
        SetField(res.id, ("spec", "selector"), {"app": b}).apply(d)
    elif action == "port" and kind == "Deployment":
        SetField(res.id, ("spec", "template", "spec", "containers", 0, "ports", 0, "name"),
                 b[:3]).apply(d)
    elif action == "port" and kind == "PersistentVolumeClaim":
        SetField(res.id, ("spec", "resources", "requests", "storage"), "5Gi").apply(d)
    elif action == "data" and kind in ("ConfigMap", "Secret"):
        field = "data" if kind == "ConfigMap" else "stringData"
        SetField(res.id, (field,), {b: "x"}).apply(d)
    elif action == "nodeport" and kind == "Service":
        SetField(res.id, ("spec",), {"type": "NodePort", "selector": {"app": b},
                                     "ports": [{"port": 80, "nodePort": 30080}]}).apply(d)
    elif action == "replicas" and kind in ("Deployment", "StatefulSet"):
        SetField(res.id, ("spec", "replicas"), 1 if b == "web" else 3).apply(d)
    elif action == "replicas" and kind == "PersistentVolume":
        SetField(res.id, ("spec", "storageClassName"), b).apply(d)
    elif action == "port" and kind == "PersistentVolume":  # one claim fits it no more
        SetField(res.id, ("spec", "capacity", "storage"), "512Mi" if a % 2 else "4Gi").apply(d)
    elif action == "selector" and kind == "PersistentVolumeClaim":  # pre-bound by name
        SetField(res.id, ("spec", "volumeName"), b).apply(d)
    elif action == "data" and kind == "PersistentVolume":  # reserved for a claim
        SetField(res.id, ("spec", "claimRef"), {"namespace": c or "default", "name": b}).apply(d)
    else:
        SetField(res.id, ("metadata", "labels", "app"), b).apply(d)


def _signature(findings):
    return [(f.rule, f.severity, f.resource_id, f.field, f.message, f.related,
             f.fix.description if f.fix else None) for f in findings]


@settings(max_examples=int(os.environ.get("KUBECANVAS_PROPERTY_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_incremental_findings_equal_full_check(operations):
    d = Document()
    graph = WiringGraph(d)
    validator = Validator(d, graph)
    for op in operations:
        _apply(d, op)
        assert _signature(validator.findings) == _signature(validate_document(d)), op


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_batched_and_undone_edits_equal_full_check(operations):
    d = Document()
    graph = WiringGraph(d)
    validator = Validator(d, graph)
    snapshot = None
    with d.batch():
        for op in operations:
            _apply(d, op)
    assert _signature(validator.findings) == _signature(validate_document(d))
    snapshot = copy.deepcopy([r.manifest for r in d])
    d.clear()
    assert validator.findings == []
    for manifest in snapshot:
        d.add(Resource(manifest))
    assert _signature(validator.findings) == _signature(validate_document(d))


def test_kube_version_change_rechecks_everything():
    env = [container(env=[{"name": "1A", "value": "x"}])]
    d = doc(deployment(containers=env))
    d.settings.kube_version = "1.31"
    validator = Validator(d, WiringGraph(d))
    assert "pod.env.name.format" in {f.rule for f in validator.findings}
    d.settings.kube_version = "1.33"  # relaxed env names from 1.32
    d.touch_settings()
    assert validator.kube_version == "1.33"
    assert "pod.env.name.format" not in {f.rule for f in validator.findings}


def test_a_selector_fix_follows_pod_labels_but_not_replicas() -> None:
    """A Service that selects nothing offers to label the most similar workload. Its fix reads
    the pod labels of every workload of the namespace: an edit of one workload's pod labels
    re-checks it (the fix may now name another workload); a replicas edit does not."""
    d = doc(service("web", selector={"app": "web", "tier": "front"}),
            deployment("a", labels={"app": "web"}),
            deployment("b", labels={"app": "other", "tier": "back"}))
    graph = WiringGraph(d)
    validator = Validator(d, graph)
    svc, a, b = (next(r.id for r in d if r.name == n) for n in ("web", "a", "b"))

    def fix() -> str:
        return next(str(f.fix.description) for f in validator.findings_for(svc)
                    if f.rule == "service.selector.no-match" and f.fix)

    assert fix().endswith("Deployment a")
    SetField(a, ("spec", "replicas"), 3).apply(d)
    assert svc not in validator.last_checked
    SetField(b, ("spec", "template", "metadata", "labels"), {"app": "web", "tier": "back"}
             ).apply(d)
    assert svc in validator.last_checked
    assert fix().endswith("(the pod labels of Deployment b)")
    assert _signature(validator.findings) == _signature(validate_document(d))
