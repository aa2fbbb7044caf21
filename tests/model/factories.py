"""Small manifests for model tests."""

from __future__ import annotations

from typing import Any

from kubecanvas.model.resource import Resource


def deployment(name: str, labels: dict[str, str] | None = None, ns: str | None = None,
               volumes: list[dict[str, Any]] | None = None, replicas: int = 1,
               env_from: list[dict[str, Any]] | None = None) -> Resource:
    labels = {"app": name} if labels is None else labels
    container: dict[str, Any] = {"name": "app", "image": "nginx",
                                 "ports": [{"name": "http", "containerPort": 8080}]}
    if env_from:
        container["envFrom"] = env_from
    spec: dict[str, Any] = {"containers": [container]}
    if volumes:
        spec["volumes"] = volumes
    meta: dict[str, Any] = {"name": name}
    if ns:
        meta["namespace"] = ns
    return Resource({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                     "spec": {"replicas": replicas, "selector": {"matchLabels": dict(labels)},
                              "template": {"metadata": {"labels": dict(labels)}, "spec": spec}}})


def service(name: str, selector: dict[str, str] | None = None, ns: str | None = None,
            port: int = 80, target: Any = "http", headless: bool = False) -> Resource:
    meta: dict[str, Any] = {"name": name}
    if ns:
        meta["namespace"] = ns
    spec: dict[str, Any] = {"ports": [{"name": "http", "port": port, "targetPort": target}]}
    if selector is not None:
        spec["selector"] = selector
    if headless:
        spec["clusterIP"] = "None"
    return Resource({"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec})


def simple(kind: str, name: str, ns: str | None = None, **spec: Any) -> Resource:
    from kubecanvas.model.kinds import kind_info

    meta: dict[str, Any] = {"name": name}
    if ns:
        meta["namespace"] = ns
    manifest: dict[str, Any] = {"apiVersion": kind_info(kind).api_version or "v1", "kind": kind,
                                "metadata": meta}
    if spec:
        manifest["spec"] = spec
    return Resource(manifest)


def pvc(name: str, size: str = "1Gi", cls: str | None = None, modes: tuple[str, ...] = (
        "ReadWriteOnce",), volume_name: str | None = None, ns: str | None = None) -> Resource:
    spec: dict[str, Any] = {"accessModes": list(modes),
                            "resources": {"requests": {"storage": size}}}
    if cls is not None:
        spec["storageClassName"] = cls
    if volume_name:
        spec["volumeName"] = volume_name
    return simple("PersistentVolumeClaim", name, ns, **spec)


def pv(name: str, size: str = "10Gi", cls: str | None = None, modes: tuple[str, ...] = (
        "ReadWriteOnce",), claim: tuple[str, str] | None = None,
       labels: dict[str, str] | None = None) -> Resource:
    spec: dict[str, Any] = {"capacity": {"storage": size}, "accessModes": list(modes),
                            "hostPath": {"path": f"/mnt/{name}"}}
    if cls is not None:
        spec["storageClassName"] = cls
    if claim:
        spec["claimRef"] = {"namespace": claim[0], "name": claim[1]}
    res = simple("PersistentVolume", name, **spec)
    if labels:
        res.manifest["metadata"]["labels"] = labels
    return res
