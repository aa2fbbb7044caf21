"""One-line text forms for the container, volume, TLS and data fields of the inspector.

Each format is a pair `to_text(value) -> str` / `parse(text, current) -> value` over a plain
manifest value, with entries separated by `;` (values such as commands may contain commas).
Whatever the short form cannot show is kept from the current value, so editing one entry never
drops fields the user set in YAML. Errors are ValueError messages meant for the user. Pure Python.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Mapping
from typing import Any

SEP = ";"
class FieldError(ValueError):
    """A form text that cannot be read. The message is kept as an English template and its
    values so that the window can show it in the user's language (`str()` is the English)."""

    def __init__(self, template: str, **values: str) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


_ENV_SOURCES = {"configmap": "configMapKeyRef", "secret": "secretKeyRef"}


def _entries(text: str) -> list[str]:
    return [p.strip() for p in text.split(SEP) if p.strip()]


def _old(current: Any) -> list[Mapping[str, Any]]:
    return [e for e in current if isinstance(e, Mapping)] if isinstance(current, list) else []


# --- env: NAME=value; NAME=configmap:cm/key; NAME=secret:s/key; NAME=field:metadata.name;
#          NAME=resource:limits.cpu --------------------------------------------------------
def env_text(value: Any) -> str:
    parts = []
    for entry in _old(value):
        source = entry.get("valueFrom")
        name = entry.get("name", "")
        if not isinstance(source, Mapping):
            parts.append(f"{name}={entry.get('value', '')}")
            continue
        for short, key in _ENV_SOURCES.items():
            ref = source.get(key)
            if isinstance(ref, Mapping):
                parts.append(f"{name}={short}:{ref.get('name', '')}/{ref.get('key', '')}")
        if isinstance(source.get("fieldRef"), Mapping):
            parts.append(f"{name}=field:{source['fieldRef'].get('fieldPath', '')}")
        if isinstance(source.get("resourceFieldRef"), Mapping):
            parts.append(f"{name}=resource:{source['resourceFieldRef'].get('resource', '')}")
    return "; ".join(parts)


def _env_source(kind: str, rest: str, item: str) -> dict[str, Any]:
    if kind in _ENV_SOURCES:
        name, slash, key = rest.partition("/")
        if not slash or not name or not key:
            raise FieldError("'{item}': write NAME={kind}:object/key", item=item, kind=kind)
        return {_ENV_SOURCES[kind]: {"name": name, "key": key}}
    if kind == "field":
        return {"fieldRef": {"fieldPath": rest}}
    return {"resourceFieldRef": {"resource": rest}}


def env_parse(text: str, current: Any) -> list[dict[str, Any]] | None:
    old = {e.get("name"): e for e in _old(current)}
    result: list[dict[str, Any]] = []
    for item in _entries(text):
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise FieldError("'{item}': write NAME=value, NAME=configmap:cm/key, "
                             "NAME=secret:s/key, NAME=field:metadata.name or "
                             "NAME=resource:limits.cpu, separated by ';'", item=item)
        kind, colon, rest = value.strip().partition(":")
        if colon and kind in (*_ENV_SOURCES, "field", "resource") and rest.strip():
            source = _env_source(kind, rest.strip(), item)
            previous = old.get(name, {}).get("valueFrom")
            if isinstance(previous, Mapping) and set(previous) == set(source):
                key = next(iter(source))  # keep optional, divisor, containerName
                source = {key: {**previous[key], **source[key]}}
            result.append({"name": name, "valueFrom": source})
        else:
            result.append({"name": name, "value": value.strip()})
    return result or None


# --- envFrom: configmap:name; secret:name; prefix APP_ configmap:name ---------------------
def env_from_text(value: Any) -> str:
    parts = []
    for entry in _old(value):
        prefix = f"{entry['prefix']} " if entry.get("prefix") else ""
        for short, key in (("configmap", "configMapRef"), ("secret", "secretRef")):
            ref = entry.get(key)
            if isinstance(ref, Mapping):
                parts.append(f"{prefix}{short}:{ref.get('name', '')}")
    return "; ".join(parts)


def env_from_parse(text: str, current: Any) -> list[dict[str, Any]] | None:
    result: list[dict[str, Any]] = []
    for item in _entries(text):
        prefix, _, ref = item.rpartition(" ")
        kind, colon, name = ref.partition(":")
        key = {"configmap": "configMapRef", "secret": "secretRef"}.get(kind.lower())
        if not colon or key is None or not name:
            raise FieldError("'{item}': write configmap:NAME or secret:NAME "
                             "(optionally 'PREFIX_ configmap:NAME'), separated by ';'", item=item)
        entry: dict[str, Any] = {key: {"name": name}}
        if prefix.strip():
            entry = {"prefix": prefix.strip(), **entry}
        result.append(entry)
    return result or None


# --- probes: http:/healthz:8080; tcp:5432; exec:cat /tmp/ready ----------------------------
def probe_text(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    if isinstance(value.get("httpGet"), Mapping):
        get = value["httpGet"]
        return f"http:{get.get('path', '/')}:{get.get('port', '')}"
    if isinstance(value.get("tcpSocket"), Mapping):
        return f"tcp:{value['tcpSocket'].get('port', '')}"
    if isinstance(value.get("exec"), Mapping):
        return "exec:" + " ".join(str(c) for c in value["exec"].get("command", []))
    if isinstance(value.get("grpc"), Mapping):
        return f"grpc:{value['grpc'].get('port', '')}"
    return ""


def _port(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def probe_parse(text: str, current: Any) -> dict[str, Any] | None:
    text = text.strip()
    if not text:
        return None
    kind, _, rest = text.partition(":")
    kind = kind.lower()
    if kind == "http" and ":" in rest:
        path, _, port = rest.rpartition(":")
        action: dict[str, Any] = {"httpGet": {"path": path or "/", "port": _port(port)}}
    elif kind in ("tcp", "grpc") and rest.strip():
        action = {"tcpSocket" if kind == "tcp" else "grpc": {"port": _port(rest.strip())}}
    elif kind == "exec" and rest.strip():
        action = {"exec": {"command": rest.split()}}
    else:
        raise FieldError("'{text}': write http:/path:port, tcp:port, grpc:port or exec:command",
                         text=text)
    timing = {k: v for k, v in (current or {}).items()
              if k not in ("httpGet", "tcpSocket", "exec", "grpc")} if isinstance(
                  current, Mapping) else {}
    return {**action, **timing}


# --- mounts: volume:/path; volume:/path:ro ------------------------------------------------
def mounts_text(value: Any) -> str:
    return "; ".join(f"{m.get('name', '')}:{m.get('mountPath', '')}"
                     + (":ro" if m.get("readOnly") else "") for m in _old(value))


def mounts_parse(text: str, current: Any) -> list[dict[str, Any]] | None:
    old = {(m.get("name"), m.get("mountPath")): m for m in _old(current)}
    result = []
    for item in _entries(text):
        name, colon, path = item.partition(":")
        read_only = path.endswith(":ro")
        path = path[:-3] if read_only else path
        if not colon or not name.strip() or not path.startswith("/"):
            raise FieldError("'{item}': write volume:/mount/path (add :ro for read-only)",
                             item=item)
        mount = {**old.get((name.strip(), path), {}), "name": name.strip(), "mountPath": path}
        mount.pop("readOnly", None)
        if read_only:
            mount["readOnly"] = True
        result.append(mount)
    return result or None


# --- volumes: data=pvc:claim; conf=configmap:cm; creds=secret:s; tmp=emptydir;
#              info=downwardapi:labels,annotations ------------------------------------------
_VOLUME_KINDS = {"pvc": ("persistentVolumeClaim", "claimName"),
                 "configmap": ("configMap", "name"), "secret": ("secret", "secretName")}


def volumes_text(value: Any) -> str:
    parts = []
    for vol in _old(value):
        name = vol.get("name", "")
        for short, (key, field) in _VOLUME_KINDS.items():
            if isinstance(vol.get(key), Mapping):
                parts.append(f"{name}={short}:{vol[key].get(field, '')}")
        if "emptyDir" in vol:
            parts.append(f"{name}=emptydir")
        if isinstance(vol.get("downwardAPI"), Mapping):
            paths = [i.get("path", "") for i in vol["downwardAPI"].get("items", [])
                     if isinstance(i, Mapping)]
            parts.append(f"{name}=downwardapi:{','.join(paths)}")
        if isinstance(vol.get("hostPath"), Mapping):
            parts.append(f"{name}=hostpath:{vol['hostPath'].get('path', '')}")
    return "; ".join(parts)


def _downward_items(fields: str) -> list[dict[str, Any]]:
    items = []
    for path in filter(None, (f.strip() for f in fields.split(","))):
        ref = path if path.startswith("metadata.") else f"metadata.{path}"
        items.append({"path": path.rsplit(".", 1)[-1], "fieldRef": {"fieldPath": ref}})
    return items


def volumes_parse(text: str, current: Any) -> list[dict[str, Any]] | None:
    old = {v.get("name"): v for v in _old(current)}
    result = []
    for item in _entries(text):
        name, sep, source = item.partition("=")
        kind, _, ref = source.strip().partition(":")
        kind, name, ref = kind.lower(), name.strip(), ref.strip()
        if kind in _VOLUME_KINDS and ref and name:
            key, field = _VOLUME_KINDS[kind]
            previous = old.get(name, {}).get(key)
            body = {**previous} if isinstance(previous, Mapping) else {}
            volume: dict[str, Any] = {"name": name, key: {**body, field: ref}}
        elif kind == "emptydir" and name:
            volume = {"name": name, "emptyDir": old.get(name, {}).get("emptyDir") or {}}
        elif kind == "downwardapi" and name and ref:
            volume = {"name": name, "downwardAPI": {"items": _downward_items(ref)}}
        elif kind == "hostpath" and name and ref.startswith("/"):
            volume = {"name": name, "hostPath": {"path": ref}}
        else:
            raise FieldError("'{item}': write NAME=pvc:claim, NAME=configmap:name, "
                             "NAME=secret:name, NAME=emptydir, NAME=hostpath:/path or "
                             "NAME=downwardapi:labels,annotations", item=item)
        result.append(volume)
    return result or None


# --- Ingress TLS: secret: host, host; other-secret: host -----------------------------------
def tls_text(value: Any) -> str:
    return "; ".join(f"{t.get('secretName', '')}: {', '.join(t.get('hosts', []))}"
                     for t in _old(value))


def tls_parse(text: str, current: Any) -> list[dict[str, Any]] | None:
    result = []
    for item in _entries(text):
        secret, colon, hosts = item.partition(":")
        if not colon or not secret.strip():
            raise FieldError("'{item}': write SECRET: host, host (entries separated by ';')",
                             item=item)
        entry: dict[str, Any] = {"secretName": secret.strip()}
        names = [h.strip() for h in hosts.split(",") if h.strip()]
        if names:
            entry["hosts"] = names
        result.append(entry)
    return result or None


# --- Secret data: values shown decoded, stored base64 --------------------------------------
def secret_data_text(value: Any) -> str:
    if not isinstance(value, Mapping):
        return ""
    parts = []
    for key, raw in value.items():
        try:
            text = base64.b64decode(str(raw), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            text = f"<binary or invalid base64: edit in YAML>{raw}"
        parts.append(f"{key}={text}")
    return "; ".join(parts)


def secret_data_parse(text: str, current: Any) -> dict[str, str] | None:
    result: dict[str, str] = {}
    for item in _entries(text):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise FieldError("'{item}': write KEY=value, separated by ';' (values are "
                             "stored base64-encoded in data)", item=item)
        marker = "<binary or invalid base64: edit in YAML>"
        if value.startswith(marker):
            result[key.strip()] = value[len(marker):]
        else:
            result[key.strip()] = base64.b64encode(value.encode("utf-8")).decode("ascii")
    return result or None


def plain_data_text(value: Any) -> str:
    return "; ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, Mapping) else ""


def plain_data_parse(text: str, current: Any) -> dict[str, str] | None:
    result: dict[str, str] = {}
    for item in _entries(text):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise FieldError("'{item}': write KEY=value, separated by ';'", item=item)
        result[key.strip()] = value
    return result or None


Format = tuple[Callable[[Any], str], Callable[[str, Any], Any]]
FORMATS: dict[str, Format] = {
    "env": (env_text, env_parse),
    "envfrom": (env_from_text, env_from_parse),
    "probe": (probe_text, probe_parse),
    "mounts": (mounts_text, mounts_parse),
    "volumes": (volumes_text, volumes_parse),
    "tls": (tls_text, tls_parse),
    "secretdata": (secret_data_text, secret_data_parse),
    "data": (plain_data_text, plain_data_parse),
}
