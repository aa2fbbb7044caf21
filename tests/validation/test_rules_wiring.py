"""Table-driven tests for wiring rules across resources: ports, keys, TLS, StatefulSets, HPAs,
policies, storage binding and unused resources."""

from __future__ import annotations

import pytest

from kubecanvas.model.edits import UndoStack
from kubecanvas.validation.engine import validate_document

from .docs import check, configmap, container, deployment, doc, meta, secret, service


def ingress(service_name="web", port=None, tls_secret=None):
    spec = {"rules": [{"http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {
        "service": {"name": service_name, "port": port or {"number": 80}}}}]}}]}
    if tls_secret:
        spec["tls"] = [{"hosts": ["a.example.com"], "secretName": tls_secret}]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta("i"),
            "spec": spec}


def statefulset(service_name="db", claim=None, replicas=None):
    out = deployment("db")
    out["kind"] = "StatefulSet"
    out["spec"]["serviceName"] = service_name
    if replicas is not None:
        out["spec"]["replicas"] = replicas
    if claim:
        out["spec"]["volumeClaimTemplates"] = [{"metadata": {"name": "data"}, "spec": claim}]
    return out


def pvc(name="data", cls=None, size="1Gi", modes=("ReadWriteOnce",), volume_name=None):
    spec = {"accessModes": list(modes), "resources": {"requests": {"storage": size}}}
    if cls is not None:
        spec["storageClassName"] = cls
    if volume_name:
        spec["volumeName"] = volume_name
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta(name),
            "spec": spec}


def pv(name="pv1", cls="manual", size="5Gi", modes=("ReadWriteOnce",), claim=None):
    spec = {"accessModes": list(modes), "capacity": {"storage": size},
            "hostPath": {"path": "/mnt"}, "storageClassName": cls}
    if claim:
        spec["claimRef"] = {"namespace": "default", "name": claim}
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta(name), "spec": spec}


def hpa(target="web"):
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta("h"),
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                        "name": target}, "minReplicas": 1, "maxReplicas": 3}}


def netpol(labels):
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("np"),
            "spec": {"podSelector": {"matchLabels": labels}}}


def mounting(claim, replicas=1, name="web"):
    return deployment(name, replicas=replicas, volumes=[{"name": "d", "persistentVolumeClaim": {
        "claimName": claim}}], containers=[container(volumeMounts=[{"name": "d",
                                                                    "mountPath": "/d"}])])


KEY_ENV = [container(env=[{"name": "A", "valueFrom": {"configMapKeyRef": {
    "name": "app-config", "key": "missing"}}}])]
KEY_ENV_OPTIONAL = [container(env=[{"name": "A", "valueFrom": {"configMapKeyRef": {
    "name": "app-config", "key": "missing", "optional": True}}}])]
ITEMS_VOLUME = [{"name": "c", "configMap": {"name": "app-config", "items": [
    {"key": "key", "path": "k"}]}}]

def _unnamespaced(volume):
    del volume["spec"]["claimRef"]["namespace"]
    return volume


CASES = [
    ("targetport-name-missing", [deployment("web"), service("web", {"app": "web"},
                                                              target="htp")],
     "service.targetPort.missing", True),
    ("targetport-name-ok", [deployment("web"), service("web", {"app": "web"}, target="http")],
     "service.targetPort.missing", False),
    ("targetport-number-undeclared", [deployment("web"), service("web", {"app": "web"},
                                                                 target=9090)],
     "service.targetPort.undeclared", True),
    ("targetport-number-declared", [deployment("web"), service("web", {"app": "web"},
                                                               target=8080)],
     "service.targetPort.undeclared", False),
    ("targetport-defaults-to-port", [deployment("web"), service("web", {"app": "web"}, port=8080,
                                                                target=None)],
     "service.targetPort.undeclared", False),
    ("service-spans-apps", [deployment("a", labels={"app": "a", "tier": "be"}),
                            deployment("b", labels={"app": "b", "tier": "be"}),
                            service("s", {"tier": "be"})],
     "service.selector.multiple-workloads", True),
    ("service-one-app-two-versions", [deployment("a1", labels={"app": "a", "v": "1"}),
                                      deployment("a2", labels={"app": "a", "v": "2"}),
                                      service("s", {"app": "a"})],
     "service.selector.multiple-workloads", False),
    ("ingress-port-missing", [ingress(port={"number": 8080}), service("web", {"app": "web"})],
     "ingress.backend.port.missing", True),
    ("ingress-port-name-ok", [ingress(port={"name": "http"}), service("web", {"app": "web"})],
     "ingress.backend.port.missing", False),
    ("ingress-tls-opaque", [ingress(tls_secret="t"), service("web"), secret("t")],
     "ingress.tls.secret-type", True),
    ("ingress-tls-ok", [ingress(tls_secret="t"), service("web"), secret(
        "t", type="kubernetes.io/tls", string_data={"tls.crt": "c", "tls.key": "k"})],
     "ingress.tls.secret-type", False),
    ("env-key-missing", [deployment(containers=KEY_ENV), configmap()], "ref.key.missing", True),
    ("env-key-optional", [deployment(containers=KEY_ENV_OPTIONAL), configmap()],
     "ref.key.missing.optional", True),
    ("env-key-optional-no-warning", [deployment(containers=KEY_ENV_OPTIONAL), configmap()],
     "ref.key.missing", False),
    ("items-key-present", [deployment(volumes=ITEMS_VOLUME), configmap()], "ref.key.missing",
     False),
    ("items-key-missing", [deployment(volumes=ITEMS_VOLUME), configmap(data={"other": "x"})],
     "ref.key.missing", True),
    ("sts-service-not-headless", [statefulset(), service("db", {"app": "db"})],
     "statefulset.service.not-headless", True),
    ("sts-service-headless", [statefulset(), service("db", {"app": "db"}, clusterIP="None")],
     "statefulset.service.not-headless", False),
    ("sts-service-no-select", [statefulset(), service("db", {"app": "other"}, clusterIP="None")],
     "statefulset.service.no-select", True),
    ("hpa-pinned", [deployment("web", replicas=3), hpa()], "hpa.target.replicas", True),
    ("hpa-unpinned", [deployment("web"), hpa()], "hpa.target.replicas", False),
    ("hpa-target-missing", [hpa("nope")], "ref.missing", True),
    ("netpol-no-match", [deployment("web"), netpol({"app": "api"})],
     "networkpolicy.selector.no-match", True),
    ("netpol-match", [deployment("web"), netpol({"app": "web"})],
     "networkpolicy.selector.no-match", False),
    ("selector-overlap", [deployment("a", labels={"app": "x"}, selector={"app": "x"}),
                          deployment("b", labels={"app": "x", "v": "2"}, selector={"app": "x"})],
     "workload.selector.overlap", True),
    ("nodeport-duplicate", [service("a", type="NodePort") | {"spec": {"type": "NodePort",
                                                                      "ports": [{"port": 80,
                                                                                 "nodePort": 30080}]}},
                            {**service("b"), "spec": {"type": "NodePort", "ports": [
                                {"port": 80, "nodePort": 30080}]}}],
     "service.nodePort.duplicate", True),
    ("duplicate-resource", [configmap(), configmap()], "resource.duplicate", True),
    # one name, two API groups: two objects (an Istio Gateway and a Gateway API Gateway)
    ("same-name-other-group", [
        {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": {"name": "gw"}},
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
         "metadata": {"name": "gw"}, "spec": {"gatewayClassName": "istio"}}],
     "resource.duplicate", False),
    ("pvc-no-fit", [pvc(cls="manual", size="10Gi"), pv(size="5Gi")], "pvc.binding.no-match",
     True),
    ("pvc-fits", [pvc(cls="manual", size="1Gi"), pv(size="5Gi")], "pvc.binding.no-match", False),
    ("pvc-dynamic", [pvc(cls="fast")], "pvc.binding.no-match", False),
    ("pvc-unset-class-cluster-default", [pvc()], "pvc.binding.no-match", False),
    ("pvc-empty-class-no-pv", [pvc(cls="")], "pvc.binding.no-match", True),
    ("pvc-volumename-mismatch", [pvc(cls="manual", size="10Gi", volume_name="pv1"), pv()],
     "pvc.volumeName.mismatch", True),
    ("pv-claimed-twice", [pvc("a", cls="manual", volume_name="pv1"),
                          pvc("b", cls="manual", volume_name="pv1"), pv()],
     "pv.claimed-twice", True),
    ("pv-claimref-other-volume", [pvc("a", cls="manual", volume_name="pv2"), pv(claim="a"),
                                  pv("pv2")], "pv.claimRef.mismatch", True),
    ("pv-claimref-without-namespace", [pvc("a", cls="manual"), _unnamespaced(pv(claim="a"))],
     "pv.claimRef.namespace", True),
    ("pv-claimref-with-namespace", [pvc("a", cls="manual"), pv(claim="a")],
     "pv.claimRef.namespace", False),
    ("rwo-shared", [pvc(cls="fast"), mounting("data", replicas=3)], "pvc.rwo.shared", True),
    ("rwo-single", [pvc(cls="fast"), mounting("data", replicas=1)], "pvc.rwo.shared", False),
    ("rwx-shared", [pvc(cls="fast", modes=("ReadWriteMany",)), mounting("data", replicas=3)],
     "pvc.rwo.shared", False),
    ("unused-configmap", [configmap()], "resource.unused", True),
    ("used-configmap", [configmap(), deployment(volumes=ITEMS_VOLUME)], "resource.unused", False),
    ("configmap-mentioned-in-args", [configmap(), deployment(containers=[container(
        args=["--configmap=$(POD_NAMESPACE)/app-config"])])], "resource.unused", False),
]


@pytest.mark.parametrize(("manifests", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_wiring_rule_table(manifests, rule, fires):
    findings = [f for f in check(*manifests) if f.rule == rule]
    assert bool(findings) == fires, [(f.rule, f.message) for f in check(*manifests)]


def test_binding_explains_every_mismatch():
    (finding,) = [f for f in check(pvc(cls="fast", size="10Gi"), pv(cls="manual", size="5Gi"))
                  if f.rule == "pvc.binding.no-match"] or [None]
    assert finding is None  # class fast is provisioned dynamically: no static binding expected
    findings = [f for f in check(pvc(cls="manual", size="10Gi", modes=("ReadWriteMany",)),
                                 pv(cls="manual", size="5Gi"))
                if f.rule == "pvc.binding.no-match"]
    assert "capacity 5Gi < requested 10Gi" in findings[0].message
    assert "access modes ReadWriteMany not offered" in findings[0].message


def test_a_claim_left_without_a_volume_names_the_ones_other_claims_took():
    """Three claims, two volumes that fit and one that does not: the claim left Pending is told
    that volumes fit but went to other claims, not that none fits."""
    findings = [f for f in check(pvc("one", cls="manual"), pvc("two", cls="manual"),
                                 pvc("three", cls="manual"), pv("pv-a", size="1Gi"),
                                 pv("pv-b", size="1Gi"), pv("pv-c", modes=("ReadWriteMany",)))
                if f.rule == "pvc.binding.no-match"]
    assert len(findings) == 1, [f.message for f in findings]
    message = findings[0].message
    assert "the 2 PersistentVolumes that fit it (pv-a, pv-b) are all bound to other claims" in message
    assert "no other fits: pv-c: access modes ReadWriteOnce not offered" in message
    assert "no PersistentVolume fits" not in message
    (alone,) = [f for f in check(pvc("one", cls="manual"), pvc("two", cls="manual"),
                                 pv("pv-a", size="1Gi")) if f.rule == "pvc.binding.no-match"]
    assert "PersistentVolume pv-a fits it, but another claim binds it" in alone.message


def test_statefulset_claims_reported_once_per_template():
    manifests = [statefulset(claim={"accessModes": ["ReadWriteOnce"], "storageClassName": "",
                                    "resources": {"requests": {"storage": "1Gi"}}}, replicas=3),
                 service("db", {"app": "db"}, clusterIP="None")]
    found = [f for f in check(*manifests) if f.rule == "pvc.binding.no-match"]
    assert len(found) == 1 and found[0].field == "spec.volumeClaimTemplates[0].spec"


def test_targetport_fix_renames_to_declared_port():
    d = doc(deployment("web"), service("web", {"app": "web"}, target="htp"))
    (finding,) = [f for f in validate_document(d) if f.rule == "service.targetPort.missing"]
    assert finding.fix is not None and finding.fix.description == "change targetPort to http"
    UndoStack(d).push(finding.fix.edit())
    assert not [f for f in validate_document(d) if f.rule.startswith("service.")]


def test_hpa_fix_removes_replicas():
    d = doc(deployment("web", replicas=3), hpa())
    (finding,) = [f for f in validate_document(d) if f.rule == "hpa.target.replicas"]
    UndoStack(d).push(finding.fix.edit())
    assert "replicas" not in d.by_kind("Deployment")[0].spec


def test_ingress_port_fix():
    d = doc(ingress(port={"number": 8080}), service("web", {"app": "web"}), deployment("web"))
    (finding,) = [f for f in validate_document(d) if f.rule == "ingress.backend.port.missing"]
    assert finding.fix is not None
    UndoStack(d).push(finding.fix.edit())
    assert not [f for f in validate_document(d) if f.rule == "ingress.backend.port.missing"]


def test_claim_ref_without_namespace_binds_nothing_and_its_fix_binds_it():
    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.model.resource import Resource
    from kubecanvas.validation.engine import validate_document

    claim = pvc("a", cls="manual")
    claim["metadata"]["namespace"] = "shop"
    volume = _unnamespaced(pv(claim="a"))
    document = Document([Resource(claim), Resource(volume)])
    graph = WiringGraph(document)
    (finding,) = [f for f in validate_document(document, graph)
                  if f.rule == "pv.claimRef.namespace"]
    assert "namespace: shop" in finding.message
    rules = {f.rule for f in validate_document(document, graph)}
    assert "pvc.binding.no-match" in rules  # the reserved volume is not offered to the claim
    finding.fix.edit().apply(document)
    assert document.get(finding.resource_id).manifest["spec"]["claimRef"] == {
        "namespace": "shop", "name": "a"}
    rules = {f.rule for f in validate_document(document, graph)}
    assert not rules & {"pv.claimRef.namespace", "pvc.binding.no-match", "pv.claimRef.mismatch"}
