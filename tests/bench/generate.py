"""Realistic generated Kubernetes documents for benchmarks and scale tests.

`generate_manifests(n, seed)` returns `n` manifests: one Namespace per namespace, a StorageClass
and an IngressClass, then applications spread over the namespaces, each with a Deployment (or a
StatefulSet with a headless Service and volumeClaimTemplates), a Service, an Ingress rule, a
ConfigMap, a Secret, a PersistentVolumeClaim bound to a PersistentVolume, a
HorizontalPodAutoscaler and a NetworkPolicy, all correctly wired, except for a controlled share
of applications (5% by default) where one piece of wiring is broken the way people break it: a
selector typo, a claim or ConfigMap name that does not exist, an Ingress backend to a missing
Service, an HPA aimed at the wrong target.
When the next application would not fit in `n`, shared ConfigMaps fill the rest, so every
application is complete. `generate_yaml` dumps them as one multi-document stream.

Deterministic for a given (n, seed). Imports no KubeCanvas code, so it can feed any loader.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

TEAMS = ("shop", "payments", "search", "identity", "media", "analytics", "platform", "edge",
         "billing", "catalog", "notify", "ml")
WORDS = ("cart", "checkout", "api", "web", "worker", "orders", "users", "auth", "feed", "cache",
         "index", "images", "reports", "queue", "gateway", "pricing", "stock", "mailer", "ledger",
         "profile", "session", "recommend", "thumbs", "events")
BREAKS = ("service-selector", "configmap-name", "secret-name", "claim-name", "ingress-backend",
          "hpa-target", "template-labels")

Manifest = dict[str, Any]


def _meta(name: str, namespace: str | None, labels: dict[str, str] | None = None) -> Manifest:
    meta: Manifest = {"name": name}
    if namespace is not None:
        meta["namespace"] = namespace
    if labels:
        meta["labels"] = dict(labels)
    return meta


def _container(app: str, port: int, rng: random.Random) -> Manifest:
    return {
        "name": app,
        "image": f"registry.example.com/{app}:{rng.randint(1, 9)}.{rng.randint(0, 30)}.0",
        "ports": [{"name": "http", "containerPort": port}],
        "env": [
            {"name": "LOG_LEVEL", "value": rng.choice(("info", "debug", "warn"))},
            {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": f"{app}-secret",
                                                                   "key": "password"}}},
        ],
        "envFrom": [{"configMapRef": {"name": f"{app}-config"}}],
        "resources": {"requests": {"cpu": f"{rng.choice((50, 100, 250))}m",
                                   "memory": f"{rng.choice((64, 128, 256))}Mi"},
                      "limits": {"memory": f"{rng.choice((256, 512))}Mi"}},
        "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"},
                           "periodSeconds": 10},
        "volumeMounts": [{"name": "data", "mountPath": "/var/lib/data"}],
    }


def _workload(app: str, ns: str, labels: dict[str, str], stateful: bool, port: int,
              rng: random.Random) -> Manifest:
    pod_spec: Manifest = {"containers": [_container(app, port, rng)]}
    spec: Manifest = {
        "replicas": rng.choice((1, 2, 3)),
        "selector": {"matchLabels": dict(labels)},
        "template": {"metadata": {"labels": dict(labels)}, "spec": pod_spec},
    }
    if stateful:
        spec["serviceName"] = f"{app}-headless"
        spec["volumeClaimTemplates"] = [{
            "metadata": {"name": "data"},
            "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
                     "resources": {"requests": {"storage": "1Gi"}}},
        }]
    else:
        pod_spec["volumes"] = [{"name": "data",
                                "persistentVolumeClaim": {"claimName": f"{app}-data"}}]
    kind = "StatefulSet" if stateful else "Deployment"
    return {"apiVersion": "apps/v1", "kind": kind, "metadata": _meta(app, ns, labels),
            "spec": spec}


def _volume(name: str, ns: str, claim: str, prebound: bool) -> Manifest:
    """A PersistentVolume; pre-bound to its claim with claimRef, or (for the claims a
    StatefulSet creates) left for the PV controller to match by class, size and access mode."""
    spec: Manifest = {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"],
                      "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard"}
    if prebound:
        spec["claimRef"] = {"namespace": ns, "name": claim}
    spec["hostPath"] = {"path": f"/srv/{ns}/{name}"}
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": _meta(name, None),
            "spec": spec}


def _application(app: str, ns: str, rng: random.Random) -> list[Manifest]:
    """One correctly wired application."""
    labels = {"app.kubernetes.io/name": app, "app.kubernetes.io/part-of": ns}
    port = rng.choice((8080, 8000, 3000, 9090))
    stateful = rng.random() < 0.2
    workload = _workload(app, ns, labels, stateful, port, rng)
    service: Manifest = {"apiVersion": "v1", "kind": "Service", "metadata": _meta(app, ns, labels),
                         "spec": {"selector": dict(labels),
                                  "ports": [{"name": "http", "port": 80, "targetPort": port}]}}
    out = [workload, service]
    claim_name = f"data-{app}-0" if stateful else f"{app}-data"
    if stateful:
        out.append({"apiVersion": "v1", "kind": "Service",
                    "metadata": _meta(f"{app}-headless", ns, labels),
                    "spec": {"clusterIP": "None", "selector": dict(labels),
                             "ports": [{"name": "http", "port": port}]}})
    else:
        out.append({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                    "metadata": _meta(claim_name, ns, labels),
                    "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
                             "volumeName": f"pv-{ns}-{app}",
                             "resources": {"requests": {"storage": "1Gi"}}}})
    out += [
        _volume(f"pv-{ns}-{app}", ns, claim_name, prebound=not stateful),
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": _meta(f"{app}-config", ns, labels),
         "data": {"LISTEN_PORT": str(port), "FEATURE_FLAGS": "a,b,c"}},
        {"apiVersion": "v1", "kind": "Secret", "metadata": _meta(f"{app}-secret", ns, labels),
         "type": "Opaque", "stringData": {"password": f"pw-{rng.getrandbits(32):08x}"}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": _meta(app, ns, labels),
         "spec": {"ingressClassName": "nginx", "rules": [{
             "host": f"{app}.{ns}.example.com",
             "http": {"paths": [{"path": "/", "pathType": "Prefix", "backend": {
                 "service": {"name": app, "port": {"number": 80}}}}]}}]}},
        {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
         "metadata": _meta(app, ns, labels),
         "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": workload["kind"],
                                     "name": app},
                  "minReplicas": 1, "maxReplicas": rng.choice((3, 5, 10)),
                  "metrics": [{"type": "Resource", "resource": {
                      "name": "cpu", "target": {"type": "Utilization",
                                                "averageUtilization": 70}}}]}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
         "metadata": _meta(f"{app}-allow-http", ns, labels),
         "spec": {"podSelector": {"matchLabels": dict(labels)}, "policyTypes": ["Ingress"],
                  "ingress": [{"ports": [{"port": port, "protocol": "TCP"}]}]}},
    ]
    return out


def _break(app: list[Manifest], how: str) -> None:
    """Break one piece of an application's wiring, the way a typo would."""
    by_kind = {m["kind"]: m for m in reversed(app)}
    workload = by_kind.get("Deployment") or by_kind["StatefulSet"]
    container = workload["spec"]["template"]["spec"]["containers"][0]
    if how == "service-selector":
        by_kind["Service"]["spec"]["selector"]["app.kubernetes.io/name"] += "x"
    elif how == "configmap-name":
        container["envFrom"][0]["configMapRef"]["name"] += "-missing"
    elif how == "secret-name":
        container["env"][1]["valueFrom"]["secretKeyRef"]["name"] += "-missing"
    elif how == "claim-name" and workload["kind"] == "Deployment":
        workload["spec"]["template"]["spec"]["volumes"][0]["persistentVolumeClaim"][
            "claimName"] += "-missing"
    elif how == "ingress-backend":
        by_kind["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"][
            "name"] += "-missing"
    elif how == "hpa-target":
        by_kind["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]["name"] += "-missing"
    else:
        workload["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/name"] += "-v2"


def generate_manifests(n_resources: int, seed: int = 0, broken_share: float = 0.05
                       ) -> list[Manifest]:
    """Exactly `n_resources` manifests (see the module docstring); deterministic per seed."""
    rng = random.Random(seed)
    n_namespaces = max(1, min(len(TEAMS), n_resources // 250))
    namespaces = list(TEAMS[:n_namespaces])
    out: list[Manifest] = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}
                           for ns in namespaces]
    out.append({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                "metadata": {"name": "standard"}, "provisioner": "kubernetes.io/no-provisioner",
                "volumeBindingMode": "WaitForFirstConsumer"})
    out.append({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
                "metadata": {"name": "nginx"},
                "spec": {"controller": "k8s.io/ingress-nginx"}})
    index = 0
    while True:
        ns = namespaces[index % n_namespaces]
        name = f"{WORDS[index % len(WORDS)]}-{index // len(WORDS)}"
        app = _application(name, ns, rng)
        if len(out) + len(app) > n_resources:
            break
        if rng.random() < broken_share:
            _break(app, rng.choice(BREAKS))
        out.extend(app)
        index += 1
    for filler in range(n_resources - len(out)):
        ns = namespaces[filler % n_namespaces]
        out.append({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": _meta(f"shared-settings-{filler}", ns, {"team": ns}),
                    "data": {"REGION": "eu-west-1", "TRACE_SAMPLING": "0.1"}})
    return out[:n_resources]


def generate_yaml(n_resources: int, seed: int = 0, broken_share: float = 0.05) -> str:
    """The manifests of `generate_manifests` as one multi-document YAML stream."""
    return yaml.safe_dump_all(generate_manifests(n_resources, seed, broken_share),
                              sort_keys=False, explicit_start=True)


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    sys.stdout.write(generate_yaml(count, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
