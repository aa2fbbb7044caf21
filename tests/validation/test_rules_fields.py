"""Table-driven tests for `rules_fields` (object metadata, Service, Ingress, ConfigMap and TLS
Secret fields) and the smaller additions elsewhere (`sel.expr.value`, `pod.containers.required`,
httpGet header names, `sts.vct.pvcName`): each rule with the smallest document that triggers it
and a close one that must not."""

from __future__ import annotations

import base64
import copy

import pytest

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.validation.engine import Validator

from .docs import check, configmap, container, deployment, meta, secret, service

PEM_CRT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"


def with_meta(manifest, **fields):
    out = copy.deepcopy(manifest)
    out["metadata"].update(fields)
    return out


def ingress(backend=None, tls=None, paths=None):
    backend = backend or {"service": {"name": "web", "port": {"number": 80}}}
    http = {"paths": [{"path": "/", "pathType": "Prefix", "backend": backend}]
            if paths is None else paths}
    spec = {"rules": [{"http": http}]}
    if tls is not None:
        spec["tls"] = tls
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta("i"),
            "spec": spec}


def tls_secret(crt, key, field="stringData"):
    values = {"tls.crt": crt, "tls.key": key}
    if field == "data":
        values = {k: base64.b64encode(v.encode()).decode() for k, v in values.items()}
    return {"apiVersion": "v1", "kind": "Secret", "metadata": meta("tls"),
            "type": "kubernetes.io/tls", field: values}


def probe_headers(name):
    return deployment(containers=[container(readinessProbe={"httpGet": {
        "path": "/", "port": 80, "httpHeaders": [{"name": name, "value": "v"}]}})])


def statefulset(name="db", template="data", replicas=3):
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": meta(name),
            "spec": {"selector": {"matchLabels": {"app": "db"}}, "replicas": replicas,
                     "template": {"metadata": {"labels": {"app": "db"}},
                                  "spec": {"containers": [container()]}},
                     "volumeClaimTemplates": [{"metadata": {"name": template}, "spec": {
                         "accessModes": ["ReadWriteOnce"],
                         "resources": {"requests": {"storage": "1Gi"}}}}]}}


EXPR = {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["front end"]}]}
EXPR_OK = {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["front-end"]}]}
NETPOL = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("n")}
OWNER = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": "1"}

CASES = [
    ("generate-name-ok", with_meta(deployment(), generateName="web-"),
     "meta.generateName.format", False),
    ("generate-name-upper", with_meta(deployment(), generateName="Web-"),
     "meta.generateName.format", True),
    ("finalizer-bare", with_meta(configmap(), finalizers=["cleanup"]), "meta.finalizers", True),
    ("finalizer-standard", with_meta(configmap(), finalizers=["kubernetes"]), "meta.finalizers",
     False),
    ("finalizer-qualified", with_meta(configmap(), finalizers=["example.com/cleanup"]),
     "meta.finalizers", False),
    ("finalizer-conflict", with_meta(configmap(), finalizers=["orphan", "foregroundDeletion"]),
     "meta.finalizers", True),
    ("owner-no-uid", with_meta(configmap(), ownerReferences=[{**OWNER, "uid": ""}]),
     "meta.ownerReferences", True),
    ("owner-two-controllers", with_meta(configmap(), ownerReferences=[
        {**OWNER, "controller": True}, {**OWNER, "name": "b", "controller": True}]),
     "meta.ownerReferences", True),
    ("owner-ok", with_meta(configmap(), ownerReferences=[{**OWNER, "controller": True}]),
     "meta.ownerReferences", False),
    ("sel-value", {**NETPOL, "spec": {"podSelector": EXPR}}, "sel.expr.value", True),
    ("sel-value-ok", {**NETPOL, "spec": {"podSelector": EXPR_OK}}, "sel.expr.value", False),
    ("externalname-ignored", service(selector={"app": "web"}, externalName="db.example.com"),
     "svc.externalName.ignored", True),
    ("externalname-ok", service(type="ExternalName", externalName="db.example.com",
                                ports=[]), "svc.externalName.ignored", False),
    ("no-selector", service(), "wire.svc.selector.none", True),
    ("with-selector", service(selector={"app": "web"}), "wire.svc.selector.none", False),
    ("http-no-paths", ingress(paths=[]), "ing.rule.http.paths", True),
    ("http-paths-ok", ingress(), "ing.rule.http.paths", False),
    ("backend-svc-name", ingress({"service": {"name": "1web", "port": {"number": 80}}}),
     "ing.backend.service.name", True),
    ("backend-svc-name-ok", ingress(), "ing.backend.service.name", False),
    ("backend-resource", ingress({"resource": {"apiGroup": "k8s.example.com",
                                               "kind": "Bucket", "name": "a/b"}}),
     "ing.backend.resource", True),
    ("backend-resource-ok", ingress({"resource": {"apiGroup": "k8s.example.com",
                                                  "kind": "Bucket", "name": "assets"}}),
     "ing.backend.resource", False),
    ("tls-secret-name", ingress(tls=[{"secretName": "Web_TLS"}]), "ing.tls.secretName", True),
    ("tls-secret-name-ok", ingress(tls=[{"secretName": "web-tls"}]), "ing.tls.secretName",
     False),
    ("binary-not-base64", {**configmap(), "binaryData": {"blob": "not base64!"}},
     "cm.binaryData.base64", True),
    ("binary-ok", {**configmap(), "binaryData": {"blob": "aGVsbG8="}}, "cm.binaryData.base64",
     False),
    ("tls-not-pem", tls_secret("my cert", PEM_KEY), "wire.secret.tls.pem", True),
    ("tls-key-not-pem", tls_secret(PEM_CRT, "key", field="data"), "wire.secret.tls.pem", True),
    ("tls-pem-ok", tls_secret(PEM_CRT, PEM_KEY, field="data"), "wire.secret.tls.pem", False),
    ("header-name", probe_headers("X Custom"), "pod.probe.httpGet.scheme", True),
    ("header-name-ok", probe_headers("X-Custom"), "pod.probe.httpGet.scheme", False),
    ("vct-name-long", statefulset(template="d" * 250, name="db"), "sts.vct.pvcName", True),
    ("vct-name-ok", statefulset(), "sts.vct.pvcName", False),
]


@pytest.mark.parametrize(("manifest", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_field_rule_table(manifest, rule, fires):
    findings = check(manifest)
    found = [f for f in findings if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in findings]


def test_empty_containers_list_is_reported():
    manifest = {"apiVersion": "v1", "kind": "Pod", "metadata": meta("p"),
                "spec": {"containers": []}}
    assert [f.field for f in check(manifest) if f.rule == "pod.containers.required"] == \
        ["spec.containers"]


def test_service_without_selector_is_fine_with_its_endpoints():
    endpoints = {"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("web"),
                 "subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}]}
    slice_ = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
              "metadata": meta("web-1", labels={"kubernetes.io/service-name": "web"}),
              "addressType": "IPv4", "endpoints": [{"addresses": ["10.0.0.1"]}]}
    for backing in (endpoints, slice_):
        assert not [f for f in check(service(), backing) if f.rule == "wire.svc.selector.none"]


def test_selectorless_service_follows_its_endpoints_incrementally():
    document = Document([Resource(service())])
    validator = Validator(document, WiringGraph(document))
    assert any(f.rule == "wire.svc.selector.none" for f in validator.findings)
    document.add(Resource({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("web")}))
    assert not any(f.rule == "wire.svc.selector.none" for f in validator.findings)


def test_tls_secret_placeholders_are_left_alone():
    """Empty values (filled in by cert-manager or a CI step) are not judged."""
    assert not [f for f in check(tls_secret("", "")) if f.rule == "wire.secret.tls.pem"]
    assert not [f for f in check(secret("plain")) if f.rule == "wire.secret.tls.pem"]
