"""Smallest manifests for validation tests, and a shortcut to validate them."""

from __future__ import annotations

import copy
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Origin, Resource
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.findings import Finding

Manifest = dict[str, Any]


def meta(name: str, ns: str | None = None, labels: dict[str, str] | None = None) -> Manifest:
    out: Manifest = {"name": name}
    if ns:
        out["namespace"] = ns
    if labels:
        out["labels"] = dict(labels)
    return out


def container(name: str = "app", image: str = "nginx:1.27", **extra: Any) -> Manifest:
    out: Manifest = {"name": name, "image": image}
    out.update(extra)
    return out


def deployment(name: str = "web", labels: dict[str, str] | None = None,
               selector: dict[str, str] | None = None, ns: str | None = None,
               containers: list[Manifest] | None = None, replicas: int | None = None,
               **pod: Any) -> Manifest:
    labels = {"app": name} if labels is None else labels
    selector = dict(labels) if selector is None else selector
    spec: Manifest = {"selector": {"matchLabels": selector},
                      "template": {"metadata": {"labels": dict(labels)},
                                   "spec": {"containers": containers or [
                                       container(ports=[{"name": "http",
                                                         "containerPort": 8080}])], **pod}}}
    if replicas is not None:
        spec["replicas"] = replicas
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name, ns),
            "spec": spec}


def service(name: str = "web", selector: dict[str, str] | None = None, ns: str | None = None,
            port: int = 80, target: Any = "http", **spec: Any) -> Manifest:
    body: Manifest = {"ports": [{"name": "http", "port": port, "targetPort": target}]}
    if selector is not None:
        body["selector"] = selector
    body.update(spec)
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta(name, ns), "spec": body}


def configmap(name: str = "app-config", ns: str | None = None,
              data: dict[str, str] | None = None) -> Manifest:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta(name, ns),
            "data": dict(data or {"key": "value"})}


def secret(name: str, ns: str | None = None, type: str | None = None,
           string_data: dict[str, str] | None = None) -> Manifest:
    out: Manifest = {"apiVersion": "v1", "kind": "Secret", "metadata": meta(name, ns),
                     "stringData": dict(string_data or {"password": "x"})}
    if type:
        out["type"] = type
    return out


def doc(*manifests: Manifest) -> Document:
    return Document([Resource(copy.deepcopy(m)) for m in manifests])


def file_doc(*manifests: Manifest) -> Document:
    """The manifests as one file read top to bottom (order matters to kubectl apply -f)."""
    return Document([Resource(copy.deepcopy(m), origin=Origin("test.yaml", 1 + 10 * n, 1, n))
                     for n, m in enumerate(manifests)])


def check(*manifests: Manifest, version: str | None = None) -> list[Finding]:
    return validate_document(file_doc(*manifests), kube_version=version)


def rules_of(findings: list[Finding]) -> list[str]:
    return sorted({f.rule for f in findings})
