"""The compact line under a node's name: what matters about a resource at a glance.

Pure functions of the manifest (no Qt), so they are cheap to recompute for the one node an edit
touched and easy to test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubecanvas.model.kinds import get_path, pod_spec, replicas
from kubecanvas.model.rbac import rule_lines
from kubecanvas.model.resource import Resource
from kubecanvas.ui.i18n import tr

_MODES = {"ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX",
          "ReadWriteOncePod": "RWOP"}
_PV_SOURCES = ("hostPath", "nfs", "local", "csi", "awsElasticBlockStore", "gcePersistentDisk",
               "azureDisk", "azureFile", "iscsi", "fc", "cephfs", "rbd")


def _image(res: Resource) -> str:
    spec = pod_spec(res)
    containers = spec.get("containers") if spec else None
    if not isinstance(containers, list) or not containers:
        return ""
    first = containers[0]
    image = first.get("image", "") if isinstance(first, Mapping) else ""
    image = str(image).rsplit("/", 1)[-1]
    more = f" +{len(containers) - 1}" if len(containers) > 1 else ""
    return image + more


def _ports(ports: Any) -> str:
    if not isinstance(ports, list):
        return ""
    parts = []
    for port in ports[:3]:
        if not isinstance(port, Mapping):
            continue
        text = str(port.get("port", "?"))
        target = port.get("targetPort")
        if target is not None and str(target) != text:
            text += f"→{target}"
        parts.append(text)
    if len(ports) > 3:
        parts.append("…")
    return ", ".join(parts)


def _modes(modes: Any) -> str:
    if not isinstance(modes, list):
        return ""
    return ",".join(_MODES.get(str(m), str(m)) for m in modes)


def _join(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _workload(res: Resource) -> str:
    if res.kind in ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"):
        count = replicas(res)
        text = tr("{count} replica") if count == 1 else tr("{count} replicas")
        return _join(text.format(count=count), _image(res))
    if res.kind == "CronJob":
        return _join(str(res.spec.get("schedule") or tr("no schedule")), _image(res))
    return _image(res)


def _storage(res: Resource) -> str:
    if res.kind == "PersistentVolumeClaim":
        size = get_path(res.spec, ("resources", "requests", "storage"))
        return _join(str(size or tr("no size")), _modes(res.spec.get("accessModes")),
                     str(res.spec.get("storageClassName") or ""))
    size = get_path(res.spec, ("capacity", "storage"))
    source = next((s for s in _PV_SOURCES if s in res.spec), "")
    return _join(str(size or tr("no capacity")), _modes(res.spec.get("accessModes")), source)


def _ingress(res: Resource) -> str:
    hosts, paths = [], []
    for rule in res.spec.get("rules") or []:
        if not isinstance(rule, Mapping):
            continue
        if rule.get("host"):
            hosts.append(str(rule["host"]))
        for entry in get_path(rule, ("http", "paths")) or []:
            if isinstance(entry, Mapping):
                paths.append(str(entry.get("path", "/")))
    return _join(hosts[0] if hosts else tr("any host"), ", ".join(paths[:3]))


def summary(res: Resource) -> str:
    """One short line (replicas and image, type and ports, size and access modes, schedule)."""
    kind = res.kind
    if kind in ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "DaemonSet",
                "Job", "CronJob", "Pod"):
        return _workload(res)
    if kind == "Service":
        kind_of = str(res.spec.get("type") or "ClusterIP")
        if res.spec.get("clusterIP") == "None":
            kind_of = tr("headless")
        return _join(kind_of, _ports(res.spec.get("ports")))
    if kind in ("PersistentVolumeClaim", "PersistentVolume"):
        return _storage(res)
    if kind == "Ingress":
        return _ingress(res)
    if kind in ("ConfigMap", "Secret"):
        keys = len(res.manifest.get("data") or {}) + len(res.manifest.get("stringData") or {}) \
            + len(res.manifest.get("binaryData") or {})
        return _join(str(res.manifest.get("type", "")) if kind == "Secret" else "",
                     (tr("{count} key") if keys == 1 else tr("{count} keys")).format(count=keys))
    if kind == "HorizontalPodAutoscaler":
        return tr("{low}–{high} replicas").format(low=res.spec.get("minReplicas", 1),
                                                  high=res.spec.get("maxReplicas", "?"))
    if kind == "StorageClass":
        return str(res.manifest.get("provisioner", ""))
    if kind == "IngressClass":
        return str(res.spec.get("controller", ""))
    if kind == "NetworkPolicy":
        types = res.spec.get("policyTypes") or ["Ingress"]
        selector = get_path(res.spec, ("podSelector", "matchLabels")) or {}
        who = ",".join(f"{k}={v}" for k, v in selector.items()) if selector else tr("all pods")
        return _join("/".join(str(t) for t in types), who)
    if kind == "PodDisruptionBudget":
        for key in ("minAvailable", "maxUnavailable"):
            if key in res.spec:
                return f"{key} {res.spec[key]}"
    if kind in ("Role", "ClusterRole"):  # all rules: the card elides, the tooltip shows them
        return "; ".join(rule_lines(res.manifest))
    if kind in ("ServiceAccount", "Namespace"):
        labels = res.labels
        return ", ".join(f"{k}={v}" for k, v in list(labels.items())[:2]) or ""
    return res.api_version
