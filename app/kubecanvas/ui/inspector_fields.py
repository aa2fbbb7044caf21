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

FieldPath = tuple[str | int, ...]
ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
SERVICE_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")


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
    fields = [FieldSpec("Name", ("metadata", "name"), hint="lowercase-with-dashes")]
    if kind_info(res.kind).namespaced:
        fields.append(FieldSpec("Namespace", ("metadata", "namespace"), hint="default"))
    fields.append(FieldSpec("Labels", ("metadata", "labels"), "map", hint="app=web, tier=front"))
    kind = res.kind
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        fields.append(FieldSpec("Replicas", ("spec", "replicas"), "int"))
    if kind in ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"):
        fields.append(FieldSpec("Selector", ("spec", "selector", "matchLabels"), "map",
                                hint="app=web (must match the pod labels)"))
    if kind == "ConfigMap" and _single_line_values(res.manifest.get("data")):
        fields.append(FieldSpec("Data", ("data",), "map", hint="KEY=value, OTHER=value"))
    if kind == "CronJob":
        fields.append(FieldSpec("Schedule", ("spec", "schedule"), hint="*/5 * * * *"))
    template = pod_template_path(res)
    if template is not None:
        container: FieldPath = (*template, "spec", "containers", 0)
        fields += [
            FieldSpec("Pod labels", (*template, "metadata", "labels"), "map", hint="app=web"),
            FieldSpec("Image", (*container, "image"), hint="nginx:1.27"),
            FieldSpec("Container ports", (*container, "ports"), "ports", hint="http:80, 443"),
            FieldSpec("Env", (*container, "env"), "env", hint="LOG_LEVEL=info, MODE=prod"),
            FieldSpec("CPU request", (*container, "resources", "requests", "cpu"), hint="100m"),
            FieldSpec("Memory request", (*container, "resources", "requests", "memory"),
                      hint="128Mi"),
            FieldSpec("Memory limit", (*container, "resources", "limits", "memory"),
                      hint="256Mi"),
        ]
    if kind in ("Job", "CronJob"):
        base: FieldPath = ("spec",) if kind == "Job" else ("spec", "jobTemplate", "spec")
        fields.append(FieldSpec("Backoff limit", (*base, "backoffLimit"), "int", hint="6"))
    if kind == "Ingress":
        fields += [FieldSpec("Class", ("spec", "ingressClassName"), hint="nginx"),
                   FieldSpec("Host", ("spec", "rules", 0, "host"), hint="shop.example.com"),
                   FieldSpec("Routes", ("spec", "rules", 0, "http", "paths"), "routes",
                             hint="/ -> web:80, /api -> api:http")]
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
            FieldSpec("Storage class", ("spec", "storageClassName"), hint="(cluster default)"),
        ]
    if kind == "PersistentVolume":
        fields += [
            FieldSpec("Capacity", ("spec", "capacity", "storage"), hint="10Gi"),
            FieldSpec("Access modes", ("spec", "accessModes"), "list", ACCESS_MODES),
            FieldSpec("Storage class", ("spec", "storageClassName"), hint="manual"),
        ]
    if kind == "HorizontalPodAutoscaler":
        fields += [FieldSpec("Min replicas", ("spec", "minReplicas"), "int"),
                   FieldSpec("Max replicas", ("spec", "maxReplicas"), "int")]
    return fields


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
        raise ValueError(f"'{item}': write a route as /path -> service:port")
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
    if spec.type == "map" and isinstance(value, Mapping):
        return ", ".join(f"{k}={'' if v is None else v}" for k, v in value.items())
    if spec.type == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if spec.type == "env" and isinstance(value, list):
        return ", ".join(f"{e.get('name')}={e.get('value', '')}" for e in value
                         if isinstance(e, Mapping) and "valueFrom" not in e)
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
        raise ValueError(f"'{item}': a port is a number, optionally 'name:80' or '80->8080'")
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
    if not text and spec.type == "env":
        return _parse_env("", current) or None
    if not text:
        return None
    if spec.type == "int":
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{spec.label} must be a whole number, not '{text}'")
        return int(text)
    if spec.type == "map":
        result: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"'{part}': write labels as key=value, separated by commas")
            result[key.strip()] = value.strip()
        return result
    if spec.type == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    if spec.type == "env":
        return _parse_env(text, current)
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


def _parse_env(text: str, current: Any) -> list[dict[str, Any]]:
    """Plain `NAME=value` entries from the text; entries taken from a ConfigMap, Secret or the
    Downward API (`valueFrom`) are kept as they are, since the short form does not show them."""
    kept = [e for e in (current if isinstance(current, list) else [])
            if isinstance(e, Mapping) and "valueFrom" in e]
    plain: list[dict[str, Any]] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"'{part}': write variables as NAME=value, separated by commas")
        plain.append({"name": name.strip(), "value": value.strip()})
    return plain + [dict(e) for e in kept]


def current_value(res: Resource, spec: FieldSpec) -> Any:
    return get_path(res.manifest, spec.path)
