"""Default manifests for resources created in the editor.

A new resource must already apply as it is: a valid name (`deployment-1`), labels that its own
selector matches, an image, a port. The defaults mirror what `kubectl create` would produce.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from kubecanvas.model.kinds import KINDS, kind_info
from kubecanvas.model.naming import named_paths
from kubecanvas.model.resource import Manifest, Resource
from kubecanvas.model.text import a_an


def _pod_spec(name: str) -> dict[str, Any]:
    return {"containers": [{"name": "app", "image": "nginx:1.27",
                            "ports": [{"name": "http", "containerPort": 80}]}]}


def _template(name: str) -> dict[str, Any]:
    return {"metadata": {"labels": {"app": name}}, "spec": _pod_spec(name)}


def _workload(name: str, replicas: int | None = 1) -> dict[str, Any]:
    spec: dict[str, Any] = {}
    if replicas is not None:
        spec["replicas"] = replicas
    spec["selector"] = {"matchLabels": {"app": name}}
    spec["template"] = _template(name)
    return spec


def _job_spec(name: str) -> dict[str, Any]:
    template = {"spec": {"restartPolicy": "Never", "containers": [
        {"name": "job", "image": "busybox:1.36", "command": ["sh", "-c", "echo done"]}]}}
    return {"backoffLimit": 4, "template": template}


_SPECS: dict[str, Callable[[str], dict[str, Any]]] = {
    "Pod": lambda n: {},
    "Deployment": lambda n: {"spec": _workload(n)},
    "ReplicaSet": lambda n: {"spec": _workload(n)},
    "StatefulSet": lambda n: {"spec": {**_workload(n), "serviceName": n}},
    "DaemonSet": lambda n: {"spec": _workload(n, None)},
    "Job": lambda n: {"spec": _job_spec(n)},
    "CronJob": lambda n: {"spec": {"schedule": "0 * * * *", "jobTemplate": {"spec": _job_spec(n)}}},
    "Service": lambda n: {"spec": {"selector": {"app": n}, "ports": [
        {"name": "http", "port": 80, "targetPort": "http"}]}},
    # a host and no paths yet: wiring it to a Service adds the first path. An http rule
    # with no paths, the default before, is refused by the API server ("paths: Required
    # value"), so a new Ingress started as an error; a rule with only a host applies.
    "Ingress": lambda n: {"spec": {"rules": [{"host": f"{n}.example.com"}]}},
    "IngressClass": lambda n: {"spec": {"controller": "k8s.io/ingress-nginx"}},
    "ConfigMap": lambda n: {"data": {"key": "value"}},
    "Secret": lambda n: {"type": "Opaque", "stringData": {"password": "change-me"}},
    "PersistentVolume": lambda n: {"spec": {"capacity": {"storage": "10Gi"},
                                            "accessModes": ["ReadWriteOnce"],
                                            "persistentVolumeReclaimPolicy": "Retain",
                                            "storageClassName": "manual",
                                            "hostPath": {"path": f"/mnt/data/{n}"}}},
    "PersistentVolumeClaim": lambda n: {"spec": {"accessModes": ["ReadWriteOnce"],
                                                 "resources": {"requests": {"storage": "1Gi"}}}},
    "StorageClass": lambda n: {"provisioner": "kubernetes.io/no-provisioner",
                               "volumeBindingMode": "WaitForFirstConsumer"},
    "Namespace": lambda n: {},
    "ServiceAccount": lambda n: {},
    "NetworkPolicy": lambda n: {"spec": {"podSelector": {"matchLabels": {"app": n}},
                                         "policyTypes": ["Ingress"],
                                         "ingress": [{"from": [{"podSelector": {}}]}]}},
    "HorizontalPodAutoscaler": lambda n: {"spec": {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": n},
        "minReplicas": 1, "maxReplicas": 5,
        "metrics": [{"type": "Resource", "resource": {
            "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]}},
    "PodDisruptionBudget": lambda n: {"spec": {"minAvailable": 1,
                                               "selector": {"matchLabels": {"app": n}}}},
}


def default_manifest(kind: str, name: str, namespace: str | None = None) -> Manifest:
    """A manifest for a new `kind` named `name` that `kubectl apply` accepts as it is."""
    info = kind_info(kind)
    meta: dict[str, Any] = {"name": name}
    if namespace and info.namespaced:
        meta["namespace"] = namespace
    if kind == "Pod":
        meta["labels"] = {"app": name}
    manifest: Manifest = {"apiVersion": info.api_version or "v1", "kind": kind, "metadata": meta}
    body = _SPECS.get(kind, lambda n: {})(name)
    if kind == "Pod":
        body = {"spec": _pod_spec(name)}
    manifest.update(copy.deepcopy(body))
    return manifest


def unique_name(kind: str, taken: Iterable[str]) -> str:
    """`deployment-1`, `deployment-2`, ...: the first that is not taken."""
    base = kind.lower()
    used = set(taken)
    n = 1
    while f"{base}-{n}" in used:
        n += 1
    return f"{base}-{n}"


def new_resource(kind: str, resources: Iterable[Resource], namespace: str | None = None,
                 position: tuple[float, float] = (0.0, 0.0)) -> Resource:
    """A new resource of `kind` with a free name and a default manifest."""
    if kind not in KINDS:
        raise ValueError(f"KubeCanvas cannot create {a_an(kind)} {kind} from scratch; "
                         "import its YAML instead")
    taken = [r.name for r in resources if r.kind == kind]
    name = unique_name(kind, taken)
    manifest = default_manifest(kind, name, namespace)
    return Resource(manifest, position=position, named=named_paths(manifest, name))


def drop_namespace(resources: Iterable[Resource], frame: str | None) -> str | None:
    """The namespace for a resource dropped inside the frame of namespace `frame`.

    Frames are drawn for the namespace a resource lands in, so a design that names no
    namespace still shows a `default` frame around everything. Only a namespace the design
    itself names (a Namespace resource, or a `metadata.namespace` somewhere) is written into
    the new resource; otherwise it gets none, like every other resource of that design, and
    `kubectl apply -n other` takes all of them alike.
    """
    if not frame:
        return None
    for res in resources:
        if res.namespace == frame or (res.kind == "Namespace" and res.name == frame):
            return frame
    return None
