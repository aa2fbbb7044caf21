"""Which form fields the inspector shows for a resource, and how text maps to manifest values.

Pure Python (no Qt): a field is a label, a path into the manifest and a value type. Parsing
errors are raised as ValueError with a message meant for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.kinds import get_path, kind_info, pod_template_path
from kubecanvas.model.resource import Resource
from kubecanvas.ui.panels.inspector_formats import FORMATS, FieldError

FieldPath = tuple[str | int, ...]
ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")


def N_(text: str) -> str:  # noqa: N802 - the customary name of the no-op marker
    """Mark a placeholder written in words as translatable (the inspector translates it);
    placeholders that are only syntax examples (`app=web`, `10Gi`) stay as they are."""
    return text


@dataclass(frozen=True)
class FieldSpec:
    """One form row.

    Attributes:
        label: the row's label.
        path: where the value lives in the manifest.
        type: 'text', 'int', 'choice', 'map' (k=v, ...), 'list' (a, b) or 'ports'.
        choices: for 'choice', the values offered (the user may type another).
        hint: placeholder text.
    """

    label: str
    path: FieldPath
    type: str = "text"
    choices: tuple[str, ...] = ()
    hint: str = ""


def form_fields(res: Resource) -> list[FieldSpec]:
    """The daily fields of `res`, in the order people fill them in."""
    fields = [FieldSpec("Name", ("metadata", "name"), hint=N_("lowercase-with-dashes"))]
    if kind_info(res.kind).namespaced:
        fields.append(FieldSpec("Namespace", ("metadata", "namespace"), hint="default"))
    fields.append(FieldSpec("Labels", ("metadata", "labels"), "map", hint="app=web, tier=front"))
    kind = res.kind
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        fields.append(FieldSpec("Replicas", ("spec", "replicas"), "int"))
    if kind in ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"):
        fields.append(FieldSpec("Selector", ("spec", "selector", "matchLabels"), "map",
                                hint=N_("app=web (must match the pod labels)")))
    if kind == "ConfigMap" and _single_line_values(res.manifest.get("data")):
        fields.append(FieldSpec("Data", ("data",), "data", hint="KEY=value; OTHER=value"))
    if kind == "Secret":
        fields += _secret_fields(res)
    if kind == "CronJob":
        fields += [FieldSpec("Schedule", ("spec", "schedule"), hint="*/5 * * * *"),
                   FieldSpec("Concurrency", ("spec", "concurrencyPolicy"), "choice",
                             ("Allow", "Forbid", "Replace"))]
    template = pod_template_path(res)
    if template is not None:
        container: FieldPath = (*template, "spec", "containers", 0)
        fields += [
            FieldSpec("Pod labels", (*template, "metadata", "labels"), "map", hint="app=web"),
            FieldSpec("Image", (*container, "image"), hint="nginx:1.27"),
            FieldSpec("Container ports", (*container, "ports"), "ports", hint="http:80, 443"),
            *_container_fields(container),
            FieldSpec("Volumes", (*template, "spec", "volumes"), "volumes",
                      hint="data=pvc:claim; conf=configmap:cm; info=downwardapi:labels"),
        ]
    if kind in ("Job", "CronJob"):
        base: FieldPath = ("spec",) if kind == "Job" else ("spec", "jobTemplate", "spec")
        fields += [FieldSpec("Completions", (*base, "completions"), "int", hint="1"),
                   FieldSpec("Parallelism", (*base, "parallelism"), "int", hint="1"),
                   FieldSpec("Backoff limit", (*base, "backoffLimit"), "int", hint="6"),
                   FieldSpec("Restart policy", (*base, "template", "spec", "restartPolicy"),
                             "choice", ("Never", "OnFailure"))]
    if kind == "Ingress":
        fields += [FieldSpec("Class", ("spec", "ingressClassName"), hint="nginx"),
                   FieldSpec("Host", ("spec", "rules", 0, "host"), hint="shop.example.com"),
                   FieldSpec("Routes", ("spec", "rules", 0, "http", "paths"), "routes",
                             hint="/ -> web:80, /api -> api:http"),
                   FieldSpec("TLS", ("spec", "tls"), "tls", hint="shop-tls: shop.example.com")]
    if kind == "Service":
        fields += [
            FieldSpec("Type", ("spec", "type"), "choice", SERVICE_TYPES),
            FieldSpec("Selector", ("spec", "selector"), "map", hint="app=web"),
            FieldSpec("Ports", ("spec", "ports"), "ports", hint="http:80->8080"),
        ]
    if kind == "PersistentVolumeClaim":
        fields += [
            FieldSpec("Size", ("spec", "resources", "requests", "storage"), hint="10Gi"),
            FieldSpec("Access modes", ("spec", "accessModes"), "list", ACCESS_MODES),
            FieldSpec("Storage class", ("spec", "storageClassName"), hint=N_("(cluster default)")),
        ]
    if kind == "PersistentVolume":
        fields += [
            FieldSpec("Capacity", ("spec", "capacity", "storage"), hint="10Gi"),
            FieldSpec("Access modes", ("spec", "accessModes"), "list", ACCESS_MODES),
            FieldSpec("Storage class", ("spec", "storageClassName"), hint="manual"),
            *_volume_source_fields(res),
        ]
    if kind == "HorizontalPodAutoscaler":
        fields += [FieldSpec("Min replicas", ("spec", "minReplicas"), "int"),
                   FieldSpec("Max replicas", ("spec", "maxReplicas"), "int")]
    return fields


def _container_fields(container: FieldPath) -> list[FieldSpec]:
    """The first container's daily fields (more containers: the YAML tab)."""
    return [
        FieldSpec("Env", (*container, "env"), "env",
                  hint="MODE=prod; PW=secret:db/password; POD=field:metadata.name"),
        FieldSpec("Env from", (*container, "envFrom"), "envfrom",
                  hint="configmap:settings; secret:creds"),
        FieldSpec("CPU request", (*container, "resources", "requests", "cpu"), hint="100m"),
        FieldSpec("CPU limit", (*container, "resources", "limits", "cpu"), hint="500m"),
        FieldSpec("Memory request", (*container, "resources", "requests", "memory"),
                  hint="128Mi"),
        FieldSpec("Memory limit", (*container, "resources", "limits", "memory"), hint="256Mi"),
        FieldSpec("Liveness probe", (*container, "livenessProbe"), "probe",
                  hint=N_("http:/healthz:8080, tcp:5432 or exec:cat /tmp/ok")),
        FieldSpec("Readiness probe", (*container, "readinessProbe"), "probe",
                  hint="http:/ready:http"),
        FieldSpec("Volume mounts", (*container, "volumeMounts"), "mounts",
                  hint="data:/var/lib/data; conf:/etc/app:ro"),
    ]


def _secret_fields(res: Resource) -> list[FieldSpec]:
    """`data` is shown decoded and stored base64; `stringData` as written. Values whose
    text spans lines stay in the YAML tab."""
    fields = []
    if res.manifest.get("data") is not None or res.manifest.get("stringData") is None:
        fields.append(FieldSpec("Data", ("data",), "secretdata",
                                hint=N_("KEY=value; (stored base64-encoded)")))
    if res.manifest.get("stringData") is not None and _single_line_values(
            res.manifest.get("stringData")):
        fields.append(FieldSpec("String data", ("stringData",), "data", hint="KEY=value"))
    return fields


def _volume_source_fields(res: Resource) -> list[FieldSpec]:
    """The PersistentVolume's source: NFS when it has one, else a host path."""
    if isinstance(res.spec.get("nfs"), Mapping):
        return [FieldSpec("NFS server", ("spec", "nfs", "server"), hint="nfs.example.com"),
                FieldSpec("NFS path", ("spec", "nfs", "path"), hint="/exports/data")]
    if isinstance(res.spec.get("csi"), Mapping):
        return [FieldSpec("CSI driver", ("spec", "csi", "driver")),
                FieldSpec("CSI volume", ("spec", "csi", "volumeHandle"))]
    return [FieldSpec("Host path", ("spec", "hostPath", "path"), hint="/mnt/data")]


def _route_text(entry: Mapping[str, Any]) -> str:
    service = entry.get("backend", {}).get("service", {}) if isinstance(
        entry.get("backend"), Mapping) else {}
    port = service.get("port", {}) if isinstance(service, Mapping) else {}
    number = port.get("number", port.get("name", "")) if isinstance(port, Mapping) else ""
    return f"{entry.get('path', '/')} -> {service.get('name', '?')}:{number}"


def _parse_route(item: str, old: Any) -> dict[str, Any]:
    path, sep, target = item.partition("->")
    name, _, port = target.strip().partition(":")
    if not sep or not path.strip().startswith("/") or not name.strip() or not port.strip():
        raise FieldError("'{item}': write a route as /path -> service:port", item=item)
    entry: dict[str, Any] = dict(old) if isinstance(old, Mapping) else {}
    entry["path"] = path.strip()
    entry.setdefault("pathType", "Prefix")
    port_ref = {"number": int(port)} if port.strip().isdigit() else {"name": port.strip()}
    entry["backend"] = {"service": {"name": name.strip(), "port": port_ref}}
    return entry


def _single_line_values(data: Any) -> bool:
    """True when every value fits the one-line `key=value` form (else: edit as YAML)."""
    if data is None:
        return True
    return isinstance(data, Mapping) and all(
        isinstance(v, str) and "\n" not in v and "," not in v for v in data.values())


def _port_text(port: Mapping[str, Any], service: bool) -> str:
    number = port.get("port" if service else "containerPort", "")
    text = f"{port['name']}:{number}" if port.get("name") else str(number)
    target = port.get("targetPort")
    if service and target is not None and str(target) != str(number):
        text += f"->{target}"
    return text


def to_text(spec: FieldSpec, value: Any) -> str:
    """The text a form widget shows for a manifest value."""
    if value is None:
        return ""
    if spec.type in FORMATS:
        return FORMATS[spec.type][0](value)
    if spec.type == "map" and isinstance(value, Mapping):
        return ", ".join(f"{k}={'' if v is None else v}" for k, v in value.items())
    if spec.type == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if spec.type == "routes" and isinstance(value, list):
        return ", ".join(_route_text(p) for p in value if isinstance(p, Mapping))
    if spec.type == "ports" and isinstance(value, list):
        service = spec.path == ("spec", "ports")
        return ", ".join(_port_text(p, service) for p in value if isinstance(p, Mapping))
    return str(value)


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def _parse_port(item: str, service: bool) -> dict[str, Any]:
    name, _, rest = item.rpartition(":")
    number, _, target = rest.partition("->")
    number = number.strip()
    if not number.isdigit():
        raise FieldError("'{item}': a port is a number, optionally 'name:80' or '80->8080'",
                         item=item)
    port: dict[str, Any] = {}
    if name.strip():
        port["name"] = name.strip()
    port["port" if service else "containerPort"] = int(number)
    if service and target.strip():
        port["targetPort"] = _number(target.strip())
    return port


def parse_text(spec: FieldSpec, text: str, current: Any) -> Any:
    """The manifest value for text typed into a form widget (None removes the field).

    Raises:
        ValueError: the text cannot be read; the message says what was expected.
    """
    text = text.strip()
    if spec.type in FORMATS:
        return FORMATS[spec.type][1](text, current)
    if not text:
        return None
    if spec.type == "int":
        if not text.lstrip("-").isdigit():
            raise FieldError("{label} must be a whole number, not '{text}'", label=spec.label,
                             text=text)
        return int(text)
    if spec.type == "map":
        result: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise FieldError("'{part}': write labels as key=value, separated by commas",
                                 part=part)
            result[key.strip()] = value.strip()
        return result
    if spec.type == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if spec.type == "routes":
        old = current if isinstance(current, list) else []
        return [_parse_route(p.strip(), old[i] if i < len(old) else None)
                for i, p in enumerate(p for p in text.split(",") if p.strip())]
    if spec.type == "ports":
        service = spec.path == ("spec", "ports")
        ports = [_parse_port(p.strip(), service) for p in text.split(",") if p.strip()]
        old = current if isinstance(current, list) else []
        for i, port in enumerate(ports):  # keep fields the short form does not show
            if i < len(old) and isinstance(old[i], Mapping):
                ports[i] = {**old[i], **port}
        return ports
    return text


def current_value(res: Resource, spec: FieldSpec) -> Any:
    return get_path(res.manifest, spec.path)
