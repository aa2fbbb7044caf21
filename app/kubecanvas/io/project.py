"""The project file (`*.kcanvas`): a whole design, saved as JSON.

It holds the resources in order (id, manifest, layout position, pinned flag, where each was
imported from and what it looked like then) and the project settings. It carries a format name
and version: a file from an older KubeCanvas goes through `MIGRATIONS`; a file from a newer one is
refused rather than read wrongly and saved back downgraded. Saving is atomic; a failed load
changes nothing and says what is wrong, naming the file. On load, resources whose source file is
unchanged get their field-level line lookup back, so findings point at exact lines again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.limits import DEFAULT_LIMITS, Limits, data_depth_exceeds, describe_size
from kubecanvas.io.lines import attach_lines
from kubecanvas.model.document import Document, ProjectSettings
from kubecanvas.model.resource import Origin, Resource

FORMAT = "kubecanvas-project"
VERSION = 1
SUFFIX = ".kcanvas"

#: The versions validation accepts (as `kubecanvas.validation.versions` reads them).
_KUBE_VERSION = re.compile(r"^v?\d+\.\d+(?:\.\d+)?$")

#: version -> function turning a file's data of that version into the next version's shape.
#: Version 1 is the first format; a change of shape adds `VERSION - 1: migrate` here.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class ProjectError(Exception):
    """A project file cannot be read or written; the message names the file and the reason."""


def save_project(document: Document, path: Path) -> None:
    """Write `document` to `path` atomically (the previous file stays whole if this fails).

    Raises:
        ProjectError: a manifest holds something JSON cannot store, or the file cannot be written.
    """
    path = Path(path)
    version = document.settings.kube_version
    if version and not _KUBE_VERSION.match(version.strip()):
        raise ProjectError(f"cannot save {path}: the Kubernetes version {version!r} is not a "
                           "Kubernetes version (for example 1.33)")
    data = {
        "format": FORMAT,
        "version": VERSION,
        "resources": [_resource_data(r, path.parent) for r in document],
        "settings": _settings_data(document.settings),
    }
    try:
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    except (TypeError, ValueError) as exc:
        raise ProjectError(f"cannot save {path}: {exc}") from exc
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise ProjectError(f"cannot save {path}: {exc.strerror or exc}") from exc


def load_project(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a project file into a new document.

    Raises:
        ProjectError: the file is missing, too large, not JSON, not a KubeCanvas project, from
            a newer KubeCanvas, or damaged; the message names the file and where.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_project_bytes:
            raise ProjectError(
                f"cannot read {path}: it is {describe_size(size)}, larger than the "
                f"{describe_size(limits.max_project_bytes)} KubeCanvas reads as a project")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProjectError(f"cannot read {path}: {reason}") from exc
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{path} is damaged: not valid JSON at line {exc.lineno}, column "
                           f"{exc.colno} ({exc.msg})") from exc
    except ValueError as exc:
        raise ProjectError(f"{path} is damaged: {exc}") from exc
    except RecursionError as exc:
        raise ProjectError(f"{path} is damaged: it nests values too deeply to read") from exc
    data = _upgrade(_expect(data, dict, "the file", path), path)
    return _document(data, path, limits)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a valid JSON number")


def _upgrade(data: dict[str, Any], path: Path) -> dict[str, Any]:
    if data.get("format") != FORMAT:
        raise ProjectError(f"{path} is not a KubeCanvas project file (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ProjectError(f"{path} is damaged: \"version\" must be a whole number")
    if version > VERSION:
        raise ProjectError(
            f"{path} was written by a newer KubeCanvas (project format version {version}; this "
            f"one reads up to {VERSION}); open it with that version or a later one")
    while version < VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise ProjectError(f"{path} uses project format version {version}, which this "
                               "KubeCanvas can no longer read")
        try:
            data = migrate(data)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            raise ProjectError(f"{path} is damaged: it cannot be upgraded from project format "
                               f"version {version} ({type(exc).__name__}: {exc})") from exc
        data = _expect(data, dict, "the upgraded file", path)
        version += 1
        data["version"] = version
    return data


def _resource_data(resource: Resource, base: Path) -> dict[str, Any]:
    return {
        "id": resource.id,
        "manifest": _checked(resource.manifest, resource),
        "position": [resource.position[0], resource.position[1]],
        "pinned": resource.pinned,
        "origin": _origin_data(resource.origin, base),
        "original": None if resource.original is None else _checked(resource.original, resource),
    }


def _checked(value: Any, resource: Resource) -> Any:
    """`value` if it is JSON that reads back equal (string keys only), else ProjectError."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise ProjectError(f"cannot save {resource.label()}: the key {key!r} is not "
                                       "a string")
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)
        elif item is not None and not isinstance(item, (str, int, float, bool)):
            raise ProjectError(f"cannot save {resource.label()}: {type(item).__name__} value "
                               f"{item!r} cannot be stored")
    return value


def _origin_data(origin: Origin | None, base: Path) -> dict[str, Any] | None:
    """The origin without its line lookup; the file relative to the project's folder, so a
    project moved together with its manifests still finds them."""
    if origin is None:
        return None
    file = origin.file
    if file != "-":
        absolute = os.path.abspath(file)
        try:
            file = os.path.relpath(absolute, os.path.abspath(base))
        except ValueError:  # another drive on Windows
            file = absolute
    return {"file": file, "line": origin.line, "column": origin.column,
            "doc_index": origin.doc_index, "item_index": origin.item_index,
            "source": origin.source, "digest": origin.digest}


def _settings_data(settings: ProjectSettings) -> dict[str, Any]:
    return {
        "kube_version": settings.kube_version,
        "ignored": [list(pair) for pair in sorted(settings.ignored)],
        "view": settings.view,
    }


# --- reading ----------------------------------------------------------------------------------

def _expect(value: Any, kind: type | tuple[type, ...], where: str, path: Path) -> Any:
    """`value` when it has the expected JSON type, else a ProjectError naming the place."""
    ok = isinstance(value, kind) and not (isinstance(value, bool) and bool not in _types(kind))
    if not ok:
        names = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
                 int: "a number", float: "a number", type(None): "null"}
        wanted = " or ".join(dict.fromkeys(names[t] for t in _types(kind)))
        raise ProjectError(f"{path} is damaged: {where} must be {wanted}")
    return value


def _types(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _document(data: dict[str, Any], path: Path, limits: Limits) -> Document:
    entries = _expect(data.get("resources"), list, "\"resources\"", path)
    resources = []
    seen: set[str] = set()
    for number, entry in enumerate(entries):
        resource = _resource(entry, f"resources[{number}]", path)
        if data_depth_exceeds(resource.manifest, limits.max_depth) or data_depth_exceeds(
                resource.original, limits.max_depth):
            raise ProjectError(f"{path} is damaged: resources[{number}] nests lists and "
                               f"mappings more than {limits.max_depth} levels deep")
        if resource.id in seen:
            raise ProjectError(f"{path} is damaged: resources[{number}] repeats the id "
                               f"{resource.id!r}")
        seen.add(resource.id)
        resources.append(resource)
    document = Document(attach_lines(resources))
    document.settings = _settings(data.get("settings", {}), path)
    return document


def _resource(entry: Any, where: str, path: Path) -> Resource:
    entry = _expect(entry, dict, where, path)
    rid = _expect(entry.get("id"), str, f"{where}.id", path)
    if not rid:
        raise ProjectError(f"{path} is damaged: {where}.id is empty")
    manifest = _expect(entry.get("manifest"), dict, f"{where}.manifest", path)
    position = _expect(entry.get("position", [0.0, 0.0]), list, f"{where}.position", path)
    if len(position) != 2:
        raise ProjectError(f"{path} is damaged: {where}.position must be [x, y]")
    x, y = (_expect(v, (int, float), f"{where}.position", path) for v in position)
    original = _expect(entry.get("original"), (dict, type(None)), f"{where}.original", path)
    return Resource(
        manifest=manifest, id=rid, position=(float(x), float(y)),
        pinned=_expect(entry.get("pinned", False), bool, f"{where}.pinned", path),
        origin=_origin(entry.get("origin"), f"{where}.origin", path), original=original)


def _origin(value: Any, where: str, path: Path) -> Origin | None:
    if value is None:
        return None
    value = _expect(value, dict, where, path)
    file = _expect(value.get("file"), str, f"{where}.file", path)
    if file != "-" and not os.path.isabs(file):
        file = os.path.normpath(os.path.join(os.path.abspath(path.parent), file))

    def number(key: str, default: int | None) -> Any:
        wanted = int if default is not None else (int, type(None))
        return _expect(value.get(key, default), wanted, f"{where}.{key}", path)

    return Origin(
        file=file, line=number("line", 1), column=number("column", 1),
        doc_index=number("doc_index", 0), item_index=number("item_index", None),
        source=_expect(value.get("source"), (str, type(None)), f"{where}.source", path),
        digest=_expect(value.get("digest"), (str, type(None)), f"{where}.digest", path))


def _settings(value: Any, path: Path) -> ProjectSettings:
    value = _expect(value, dict, "\"settings\"", path)
    kube_version = _expect(value.get("kube_version"), (str, type(None)),
                           "settings.kube_version", path)
    if kube_version and not _KUBE_VERSION.match(kube_version.strip()):
        raise ProjectError(f"{path} is damaged: settings.kube_version {kube_version!r} is not a "
                           "Kubernetes version (for example 1.33)")
    ignored: set[tuple[str, str]] = set()
    for number, pair in enumerate(_expect(value.get("ignored", []), list,
                                          "settings.ignored", path)):
        where = f"settings.ignored[{number}]"
        pair = _expect(pair, list, where, path)
        if len(pair) != 2:
            raise ProjectError(f"{path} is damaged: {where} must be [rule, resource id]")
        rule, rid = (_expect(v, str, where, path) for v in pair)
        ignored.add((rule, rid))
    view = _expect(value.get("view", {}), dict, "settings.view", path)
    return ProjectSettings(kube_version=kube_version, ignored=ignored, view=view)
