"""A fully hardened Deployment written by hand, and the small manifests the hardening tests
break one field at a time."""

from __future__ import annotations

import copy
from typing import Any

from kubecanvas.model.edits import set_in

from ..docs import meta

Manifest = dict[str, Any]
POD = ("spec", "template", "spec")
C0 = (*POD, "containers", 0)
SC = (*C0, "securityContext")
PODSC = (*POD, "securityContext")


def hardened(name: str = "web", ns: str | None = None) -> Manifest:
    """Restricted-level securityContext, requests and a memory limit, probes on a named port,
    three replicas spread over zones, a pinned image, /tmp as an emptyDir."""
    container = {
        "name": "app", "image": "registry.example.com/shop/web:1.4.2",
        "ports": [{"name": "http", "containerPort": 8080}],
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi", "ephemeral-storage": "1Gi"},
                      "limits": {"memory": "256Mi"}},
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10,
                          "failureThreshold": 6},
        "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}, "periodSeconds": 5,
                           "failureThreshold": 3},
        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                            "capabilities": {"drop": ["ALL"]}},
        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}]}
    labels = {"app": name}
    pod = {"automountServiceAccountToken": False,
           "securityContext": {"runAsNonRoot": True, "runAsUser": 10001,
                               "seccompProfile": {"type": "RuntimeDefault"}},
           "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey":
                                          "topology.kubernetes.io/zone",
                                          "whenUnsatisfiable": "ScheduleAnyway",
                                          "labelSelector": {"matchLabels": labels}}],
           "containers": [container], "volumes": [{"name": "tmp", "emptyDir": {}}]}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta(name, ns),
            "spec": {"replicas": 3, "selector": {"matchLabels": labels},
                     "template": {"metadata": {"labels": labels}, "spec": pod}}}


def budget(name: str = "web", ns: str | None = None) -> Manifest:
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta(name, ns),
            "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": name}}}}


def policy(name: str = "web", port: Any = "http", ns: str | None = None) -> Manifest:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": meta(name, ns),
            "spec": {"podSelector": {"matchLabels": {"app": name}}, "policyTypes": ["Ingress"],
                     "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {
                                      "kubernetes.io/metadata.name": "ingress-nginx"}}}],
                                  "ports": [{"port": port, "protocol": "TCP"}]}]}}


def hardened_app() -> list[Manifest]:
    """The hardened Deployment with its PodDisruptionBudget and NetworkPolicy."""
    return [hardened(), budget(), policy()]


def changed(manifest: Manifest, *changes: tuple[tuple[str | int, ...], Any]) -> Manifest:
    """A deep copy of `manifest` with each (path, value) set (value DELETE removes)."""
    out = copy.deepcopy(manifest)
    for path, value in changes:
        out = set_in(out, path, value)
    return out


def hard(*changes: tuple[tuple[str | int, ...], Any]) -> list[Manifest]:
    """The hardened app with the Deployment changed."""
    return [changed(hardened(), *changes), budget(), policy()]


def job(**spec: Any) -> Manifest:
    pod = hardened()["spec"]["template"]["spec"]
    container = {k: v for k, v in pod["containers"][0].items()
                 if k not in ("livenessProbe", "readinessProbe", "ports")}
    body = {"template": {"spec": {**pod, "restartPolicy": "Never", "containers": [container],
                                  "topologySpreadConstraints": []}}, **spec}
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("task"), "spec": body}


def cronjob(**spec: Any) -> Manifest:
    inner = job(ttlSecondsAfterFinished=600)["spec"]
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("nightly"),
            "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": inner}, **spec}}


def hpa(name: str = "web", low: int = 2, high: int = 5,
        metrics: list[Manifest] | None = None, api: str = "autoscaling/v2") -> Manifest:
    spec: Manifest = {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment",
                                         "name": name}, "minReplicas": low, "maxReplicas": high}
    if metrics is not None:
        spec["metrics"] = metrics
    return {"apiVersion": api, "kind": "HorizontalPodAutoscaler", "metadata": meta(name),
            "spec": spec}


def cpu_utilization(kind: str = "Resource", name: str = "cpu",
                    target: Manifest | None = None) -> Manifest:
    body: Manifest = {"name": name, "target": target or {"type": "Utilization",
                                                         "averageUtilization": 70}}
    if kind == "ContainerResource":
        body["container"] = "app"
        return {"type": kind, "containerResource": body}
    return {"type": kind, "resource": body}


def namespace(name: str, **labels: str) -> Manifest:
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": name, "labels": {f"pod-security.kubernetes.io/{k}": v
                                                  for k, v in labels.items()}}}


def role(rules: list[Manifest], kind: str = "Role") -> Manifest:
    return {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
            "metadata": meta("r", None if kind == "ClusterRole" else None), "rules": rules}


def binding_to(role_kind: str, role_name: str, kind: str = "RoleBinding",
               subject: str = "builder") -> Manifest:
    out: Manifest = {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
                     "metadata": meta("b"),
                     "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind,
                                 "name": role_name},
                     "subjects": [{"kind": "ServiceAccount", "name": subject,
                                   "namespace": "default"}]}
    return out


def ingress(tls: bool = True, annotations: dict[str, str] | None = None) -> Manifest:
    spec: Manifest = {"ingressClassName": "nginx", "rules": [{"host": "shop.example.com",
                                                              "http": {"paths": [{
                                                                  "path": "/",
                                                                  "pathType": "Prefix",
                                                                  "backend": {"service": {
                                                                      "name": "web", "port": {
                                                                          "number": 80}}}}]}}]}
    if tls:
        spec["tls"] = [{"hosts": ["shop.example.com"], "secretName": "shop-tls"}]
    metadata = meta("shop")
    if annotations:
        metadata["annotations"] = annotations
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": metadata,
            "spec": spec}
