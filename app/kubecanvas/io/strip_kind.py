"""The per-kind part of stripping cluster fields: values a cluster allocated or defaulted.

Each function edits the copy being stripped in place; `applied` is the object's last-applied
configuration (what the user sent with `kubectl apply`), or None when there is no such record.
A field present in it is the user's and is kept; see `strip.py` for the rule when it is absent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from kubecanvas.model.fields import as_mapping

#: Labels the Job controller puts in a Job's generated selector, its pod template and (since
#: Kubernetes 1.27) the Job itself, unless the Job sets `manualSelector: true`.
JOB_LABELS = frozenset({"controller-uid", "batch.kubernetes.io/controller-uid", "job-name",
                        "batch.kubernetes.io/job-name"})

#: The two tolerations the DefaultTolerationSeconds admission plugin adds to every Pod.
_DEFAULT_TOLERATIONS = tuple(
    {"key": f"node.kubernetes.io/{taint}", "operator": "Exists", "effect": "NoExecute",
     "tolerationSeconds": 300} for taint in ("not-ready", "unreachable"))

#: The service-account token volume the ServiceAccount admission plugin adds to every Pod
#: (`kube-api-access-xxxxx`; `<account>-token-xxxxx` Secret volumes before Kubernetes 1.22).
_TOKEN_VOLUME = re.compile(r"^(kube-api-access-[a-z0-9]{5}|[a-z0-9.-]+-token-[a-z0-9]{5})$")
_TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"

#: Service fields the API server fills with the same value on every cluster, and that value.
_SERVICE_DEFAULTS = {"sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
                     "externalTrafficPolicy": "Cluster", "allocateLoadBalancerNodePorts": True}


def strip_kind(result: dict[str, Any], original: dict[str, Any],
               applied: dict[str, Any] | None) -> None:
    """Strip the allocated and defaulted values of `result`'s kind (a copy of `original`)."""
    kind = result.get("kind")
    strip = _BY_KIND.get(kind) if isinstance(kind, str) else None
    if strip is not None:
        strip(result, original, applied)
    for template in _pod_templates(result):
        _strip_template(template)


def drop_keys(parent: dict[str, Any], field: str, keys: frozenset[str] | set[str]) -> None:
    """Remove `keys` from the map `parent[field]`, and the map itself when that emptied it."""
    mapping = parent.get(field)
    if not isinstance(mapping, dict) or not any(key in mapping for key in keys):
        return
    kept = {key: value for key, value in mapping.items() if key not in keys}
    if kept:
        parent[field] = kept
    else:
        del parent[field]


def _spec(data: dict[str, Any] | None) -> dict[str, Any] | None:
    spec = data.get("spec") if isinstance(data, dict) else None
    return spec if isinstance(spec, dict) else None


def _user_wrote(applied: dict[str, Any] | None, key: str) -> bool:
    spec = _spec(applied)
    return spec is not None and key in spec


def _service(result: dict[str, Any], original: dict[str, Any],
             applied: dict[str, Any] | None) -> None:
    spec = _spec(result)
    if spec is None:
        return
    if spec.get("clusterIP") == "None":  # headless: the user's choice; clusterIPs repeats it
        if spec.get("clusterIPs") == ["None"] and not _user_wrote(applied, "clusterIPs"):
            del spec["clusterIPs"]
    else:
        for key in ("clusterIP", "clusterIPs"):
            if key in spec and not _user_wrote(applied, key):
                del spec[key]
    families = spec.get("ipFamilies")
    if spec.get("ipFamilyPolicy") == "SingleStack" and isinstance(families, list) \
            and len(families) == 1:
        for key in ("ipFamilyPolicy", "ipFamilies"):
            if not _user_wrote(applied, key):
                del spec[key]
    for key, default in _SERVICE_DEFAULTS.items():
        if spec.get(key) == default and not _user_wrote(applied, key):
            del spec[key]
    if "healthCheckNodePort" in spec and not _user_wrote(applied, "healthCheckNodePort"):
        del spec["healthCheckNodePort"]
    ports = spec.get("ports")
    if isinstance(ports, list):
        applied_spec = _spec(applied)
        applied_ports = applied_spec.get("ports") if applied_spec is not None else None
        for number, port in enumerate(ports):
            if isinstance(port, dict) and "nodePort" in port \
                    and not _port_had_node_port(port, number, applied_ports):
                del port["nodePort"]


def _port_had_node_port(port: dict[str, Any], number: int, applied_ports: object) -> bool:
    """Whether the user's own version of this port (by name, else port and protocol, else
    position) set a nodePort."""
    if not isinstance(applied_ports, list):
        return False
    candidates = [p for p in applied_ports if isinstance(p, dict)]
    if port.get("name"):
        mine = [p for p in candidates if p.get("name") == port["name"]]
    else:
        mine = [p for p in candidates if p.get("port") == port.get("port")
                and p.get("protocol", "TCP") == port.get("protocol", "TCP")]
    if not mine and number < len(applied_ports) and isinstance(applied_ports[number], dict):
        mine = [applied_ports[number]]
    return any("nodePort" in p for p in mine)


def _claim(result: dict[str, Any], original: dict[str, Any],
           applied: dict[str, Any] | None) -> None:
    """A claim's volumeName goes when the binder chose the volume: the claim says so with
    `pv.kubernetes.io/bound-by-controller` (set only when the controller filled volumeName; a
    claim the user pre-bound carries `bind-completed` alone), or the name is the one dynamic
    provisioning gives (`pvc-<claim uid>`), or the last-applied configuration lacks it."""
    spec = _spec(result)
    if spec is None or "volumeName" not in spec:
        return
    metadata = as_mapping(original.get("metadata"))
    annotations = as_mapping(metadata.get("annotations"))
    by_binder = annotations.get("pv.kubernetes.io/bound-by-controller") in ("yes", "true")
    provisioned = "uid" in metadata and spec["volumeName"] == f"pvc-{metadata['uid']}"
    if by_binder or provisioned or (applied is not None and not _user_wrote(applied,
                                                                             "volumeName")):
        del spec["volumeName"]


def _volume(result: dict[str, Any], original: dict[str, Any],
            applied: dict[str, Any] | None) -> None:
    spec = _spec(result)
    claim = spec.get("claimRef") if spec is not None else None
    if isinstance(claim, dict):
        for key in ("uid", "resourceVersion"):
            claim.pop(key, None)


def _pod(result: dict[str, Any], original: dict[str, Any],
         applied: dict[str, Any] | None) -> None:
    """What the scheduler and the admission plugins wrote into a Pod."""
    spec = _spec(result)
    if spec is None:
        return
    for key in ("nodeName", "priority", "preemptionPolicy"):
        if key in spec and not _user_wrote(applied, key):
            del spec[key]
    tolerations = spec.get("tolerations")
    if isinstance(tolerations, list) and not _user_wrote(applied, "tolerations"):
        kept = [t for t in tolerations if t not in _DEFAULT_TOLERATIONS]
        if len(kept) != len(tolerations):
            if kept:
                spec["tolerations"] = kept
            else:
                del spec["tolerations"]
    _drop_token_volume(spec)
    _strip_pod_spec(spec)


def _drop_token_volume(spec: dict[str, Any]) -> None:
    volumes = spec.get("volumes")
    if not isinstance(volumes, list):
        return
    token = {v.get("name") for v in volumes if isinstance(v, dict)
             and isinstance(v.get("name"), str) and _TOKEN_VOLUME.match(v["name"])
             and ("projected" in v or "secret" in v)}
    if not token:
        return
    kept = [v for v in volumes if not (isinstance(v, dict) and v.get("name") in token)]
    if kept:
        spec["volumes"] = kept
    else:
        del spec["volumes"]
    for key in ("initContainers", "containers", "ephemeralContainers"):
        for container in spec.get(key) or []:
            mounts = container.get("volumeMounts") if isinstance(container, dict) else None
            if not isinstance(mounts, list):
                continue
            left = [m for m in mounts if not (isinstance(m, dict) and m.get("name") in token
                                              and m.get("mountPath") == _TOKEN_PATH)]
            if len(left) != len(mounts):
                if left:
                    container["volumeMounts"] = left
                else:
                    del container["volumeMounts"]


def _job(result: dict[str, Any], original: dict[str, Any],
         applied: dict[str, Any] | None) -> None:
    """The selector and labels the Job controller generates (all of them, unless the Job
    chose its own selector with `manualSelector: true`)."""
    spec = _spec(result)
    if spec is None or spec.get("manualSelector") is True:
        return
    spec.pop("selector", None)  # generated: the API refuses a selector without manualSelector
    template = spec.get("template")
    if isinstance(template, dict) and isinstance(template.get("metadata"), dict):
        drop_keys(template["metadata"], "labels", JOB_LABELS)
    if isinstance(result.get("metadata"), dict):
        drop_keys(result["metadata"], "labels", JOB_LABELS)


def _pod_templates(result: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = _spec(result)
    if spec is None:
        return
    if result.get("kind") == "CronJob":
        job = spec.get("jobTemplate")
        if isinstance(job, dict):
            _drop_null_timestamp(job)
            spec = _spec(job)
            if spec is None:
                return
    template = spec.get("template")
    if isinstance(template, dict):
        yield template
    for claim in spec.get("volumeClaimTemplates") or []:
        if isinstance(claim, dict):
            claim.pop("status", None)
            _drop_null_timestamp(claim)


def _strip_template(template: dict[str, Any]) -> None:
    _drop_null_timestamp(template)
    spec = _spec(template)
    if spec is not None:
        _strip_pod_spec(spec)


def _strip_pod_spec(spec: dict[str, Any]) -> None:
    """`serviceAccount`: the deprecated copy of serviceAccountName the server writes back."""
    if "serviceAccount" in spec and spec.get("serviceAccountName") == spec["serviceAccount"]:
        del spec["serviceAccount"]


def _drop_null_timestamp(data: dict[str, Any]) -> None:
    """`creationTimestamp: null` that the server writes into templates' metadata."""
    metadata = data.get("metadata")
    if isinstance(metadata, dict) and "creationTimestamp" in metadata:
        del metadata["creationTimestamp"]
        if not metadata:
            del data["metadata"]


_BY_KIND: dict[str, Callable[[dict[str, Any], dict[str, Any], dict[str, Any] | None], None]] = {
    "Service": _service,
    "PersistentVolumeClaim": _claim,
    "PersistentVolume": _volume,
    "Pod": _pod,
    "Job": _job,
}
