"""The one set of small manifests the tests build documents from, and where the corpus is.

Builders return plain manifests (the mappings a YAML file holds); `resources` turns a builder into
one that returns a `Resource`, for tests that work on resources (the model's, the editor's).
Fixtures stay in `conftest.py`; what a test imports lives here, since a conftest is pytest's to
load, never a module to import.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import kind_info
from kubecanvas.model.resource import Origin, Resource

Manifest = dict[str, Any]

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_dir() -> Path:
    """The shared corpus of real-world manifests; tests that need it skip when it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    return CORPUS


def snapshot(document: Document) -> str:
    """The document as canonical text: manifests, positions and pins, in order (to compare a
    document before an action and after its undo)."""
    return json.dumps([[r.id, r.manifest, list(r.position), r.pinned] for r in document],
                      sort_keys=True)


# --- manifests -----------------------------------------------------------------------------------
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
               volumes: list[Manifest] | None = None, env_from: list[Manifest] | None = None,
               image: str = "nginx:1.27", **pod: Any) -> Manifest:
    """A Deployment whose pods carry `labels` (default app=<name>) and run one container
    declaring port http=8080, unless `containers` are given."""
    labels = {"app": name} if labels is None else labels
    selector = dict(labels) if selector is None else selector
    if containers is None:
        first = container(image=image, ports=[{"name": "http", "containerPort": 8080}])
        if env_from:
            first["envFrom"] = env_from
        containers = [first]
    pod_spec: Manifest = {"containers": containers}
    if volumes:
        pod_spec["volumes"] = volumes
    spec: Manifest = {} if replicas is None else {"replicas": replicas}
    spec.update({"selector": {"matchLabels": selector},
                 "template": {"metadata": {"labels": dict(labels)}, "spec": {**pod_spec, **pod}}})
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name, ns),
            "spec": spec}


def service(name: str = "web", selector: dict[str, str] | None = None, ns: str | None = None,
            port: int = 80, target: Any = "http", headless: bool = False,
            **spec: Any) -> Manifest:
    body: Manifest = {"ports": [{"name": "http", "port": port, "targetPort": target}]}
    if selector is not None:
        body["selector"] = selector
    if headless:
        body["clusterIP"] = "None"
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


def simple(kind: str, name: str, ns: str | None = None, **spec: Any) -> Manifest:
    """A `kind` object with the apiVersion KubeCanvas writes for it and `spec` (if any)."""
    manifest: Manifest = {"apiVersion": kind_info(kind).api_version or "v1", "kind": kind,
                          "metadata": meta(name, ns)}
    if spec:
        manifest["spec"] = spec
    return manifest


def pvc(name: str, size: str = "1Gi", cls: str | None = None, modes: tuple[str, ...] = (
        "ReadWriteOnce",), volume_name: str | None = None, ns: str | None = None) -> Manifest:
    spec: Manifest = {"accessModes": list(modes), "resources": {"requests": {"storage": size}}}
    if cls is not None:
        spec["storageClassName"] = cls
    if volume_name:
        spec["volumeName"] = volume_name
    return simple("PersistentVolumeClaim", name, ns, **spec)


def pv(name: str, size: str = "10Gi", cls: str | None = None, modes: tuple[str, ...] = (
        "ReadWriteOnce",), claim: tuple[str, str] | None = None,
       labels: dict[str, str] | None = None) -> Manifest:
    spec: Manifest = {"capacity": {"storage": size}, "accessModes": list(modes),
                      "hostPath": {"path": f"/mnt/{name}"}}
    if cls is not None:
        spec["storageClassName"] = cls
    if claim:
        spec["claimRef"] = {"namespace": claim[0], "name": claim[1]}
    manifest = simple("PersistentVolume", name, **spec)
    if labels:
        manifest["metadata"]["labels"] = labels
    return manifest


# --- documents and resources ---------------------------------------------------------------------
def doc(*manifests: Manifest) -> Document:
    return Document([Resource(copy.deepcopy(m)) for m in manifests])


def file_doc(*manifests: Manifest) -> Document:
    """The manifests as one file read top to bottom (order matters to kubectl apply -f)."""
    return Document([Resource(copy.deepcopy(m), origin=Origin("test.yaml", 1 + 10 * n, 1, n))
                     for n, m in enumerate(manifests)])


def resources(builder: Callable[..., Manifest], **defaults: Any) -> Callable[..., Resource]:
    """`builder` returning a `Resource` (with `defaults` for the arguments not given)."""
    signature = inspect.signature(builder)

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> Resource:
        given = signature.bind_partial(*args, **kwargs).arguments
        kwargs.update({k: v for k, v in defaults.items() if k not in given})
        return Resource(builder(*args, **kwargs))

    return build
