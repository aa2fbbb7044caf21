"""Compiled OpenAPI schemas: every resource against the JSON schemas `kubernetes-validate` ships.

Each (Kubernetes version, apiVersion, kind) schema is built once per process, on first use: the
per-kind file's `$ref`s into the shared `_definitions.json` are rewritten to local `#/$defs/...`
references, only the definitions it reaches are copied in (descriptions dropped), and the result is
compiled with `jsonschema_rs`. Validation then costs microseconds per resource, instead of the
milliseconds `kubernetes_validate.validate` spends re-reading and re-compiling per call.
"""

from __future__ import annotations

import _thread
import functools
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.model.record import record
from kubecanvas.model.references import format_path
from kubecanvas.model.text import Text
from kubecanvas.validation.fixes import closest
from kubecanvas.validation.rule import RuleId
from kubecanvas.validation.schema_cache import SchemaCache
from kubecanvas.validation.versions import schema_dir

# --- the rule ids this module reports ------------------------------------------------------------
SCHEMA_REQUIRED = RuleId("schema.required")
SCHEMA_UNKNOWN_FIELD = RuleId("schema.unknown-field")
SCHEMA_TYPE = RuleId("schema.type")
SCHEMA_INVALID = RuleId("schema.invalid")
SCHEMA_ENUM = RuleId("schema.enum")

_EXTERNAL_REF = "/api/_definitions.json#/$defs/"
_LOCAL_REF = "#/$defs/"
_GROUP_DOMAIN = re.compile(r"^([^./]*)(?:\.[^/]*)?/")
_DROP = frozenset({"description", "x-kubernetes-patch-strategy", "x-kubernetes-patch-merge-key",
                   "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
                   "x-kubernetes-map-type", "$id", "$schema"})
#: guards compiling (the editor validates off its UI thread); `_thread`'s lock is
#: `threading.Lock` without importing `threading` (1 ms of a small validate)
_lock = _thread.allocate_lock()


@record(frozen=True)
class SchemaError:
    """One violation: a rule id, the field path and a message (English, with Korean)."""

    rule: RuleId
    path: tuple[str | int, ...]
    message: Text
    #: for an unknown field, the allowed field it is probably a typo of.
    suggestion: str | None = None


def schema_file_name(api_version: str, kind: str) -> str:
    """`networking.k8s.io/v1`, `Ingress` -> `ingress-networking-v1.json` (kubernetes-validate's
    naming: the group's domain is dropped)."""
    group_version = _GROUP_DOMAIN.sub(r"\1-", api_version)
    return f"{kind.lower()}-{group_version}.json"


def _strip(node: Any) -> Any:
    """A copy of a schema node without documentation keys, with `$ref`s made local. The keys of
    a `properties` map are field names (a field may be called `description`): kept."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _DROP:
                continue
            if key == "$ref" and isinstance(value, str) and value.startswith(_EXTERNAL_REF):
                value = _LOCAL_REF + value[len(_EXTERNAL_REF):]
            if key in ("properties", "$defs") and isinstance(value, dict):
                out[key] = {name: _strip(sub) for name, sub in value.items()}
            else:
                out[key] = _strip(value)
        return out
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_LOCAL_REF):
            yield ref[len(_LOCAL_REF):]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


@functools.cache
def _raw_definitions(folder: Path) -> Mapping[str, Any]:
    """The shipped `_definitions.json` (several MB), parsed once per process."""
    with open(folder / "_definitions.json", encoding="utf-8") as handle:
        return json.load(handle)["$defs"]  # type: ignore[no-any-return]


@functools.cache
def _definition(folder: Path, name: str) -> Any:
    """One definition, stripped on first use (a process needs a few dozen of the ~800)."""
    raw = _raw_definitions(folder).get(name)
    return None if raw is None else _strip(raw)


@functools.cache
def _prepared(folder: Path) -> SchemaCache:
    return SchemaCache(folder)


@functools.cache
def builtin_kinds(folder: Path) -> Mapping[tuple[str, str], frozenset[str]]:
    """(group, kind) -> the versions the API serves, read from the definitions' GVK tags."""
    rows = _prepared(folder).get("_builtin.json", None, lambda: _builtin_rows(folder),
                                 _are_rows)
    return {(group, kind): frozenset(versions) for group, kind, versions in rows}


def _are_rows(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
        and isinstance(row[1], str) and isinstance(row[2], list)
        and all(isinstance(v, str) for v in row[2]) for row in value)


def _builtin_rows(folder: Path) -> list[tuple[str, str, list[str]]]:
    index: dict[tuple[str, str], set[str]] = {}
    for schema in _raw_definitions(folder).values():
        for gvk in schema.get("x-kubernetes-group-version-kind", ()):
            kind = gvk.get("kind", "")
            if kind.endswith("List") or kind in ("DeleteOptions", "WatchEvent", "Status"):
                continue
            index.setdefault((gvk.get("group", ""), kind), set()).add(gvk.get("version", ""))
    return [(group, kind, sorted(versions)) for (group, kind), versions in index.items()]


def _build(folder: Path, api_version: str, kind: str) -> dict[str, Any] | None:
    """The prepared schema of a kind (kept between runs: see `schema_cache`), or None."""
    name = schema_file_name(api_version, kind)
    path = folder / name
    if not path.is_file():
        return None
    built: dict[str, Any] = _prepared(folder).get(
        name, path, lambda: _prepare(path, folder), lambda value: isinstance(value, dict))
    return built


def _prepare(path: Path, folder: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        schema = _strip(json.load(handle))
    needed: dict[str, Any] = {}
    queue = list(_refs(schema))
    while queue:
        name = queue.pop()
        definition = None if name in needed else _definition(folder, name)
        if definition is None:
            continue
        needed[name] = definition
        queue.extend(_refs(definition))
    schema["$defs"] = needed
    return schema


class SchemaSet:
    """The compiled schemas of one Kubernetes version, compiled lazily and kept for the process."""

    def __init__(self, version: str) -> None:
        self.version = version
        folder = schema_dir(version)
        self.folder = folder
        self._compiled: dict[tuple[str, str], Any] = {}
        self._schemas: dict[tuple[str, str], dict[str, Any] | None] = {}

    def schema(self, api_version: str, kind: str) -> dict[str, Any] | None:
        key = (api_version, kind)
        if key not in self._schemas:
            self._schemas[key] = (_build(self.folder, api_version, kind)
                                  if self.folder is not None and kind else None)
        return self._schemas[key]

    def validator(self, api_version: str, kind: str) -> Any:
        """The compiled validator, or None when no schema exists for that apiVersion and kind."""
        key = (api_version, kind)
        if key not in self._compiled:
            with _lock:
                schema = self.schema(api_version, kind)
                if schema is None:
                    self._compiled[key] = None
                else:
                    import jsonschema_rs

                    self._compiled[key] = jsonschema_rs.Draft202012Validator(schema)
        return self._compiled[key]

    def builtin(self) -> Mapping[tuple[str, str], frozenset[str]]:
        return builtin_kinds(self.folder) if self.folder is not None else {}

    def is_builtin_group(self, group: str) -> bool:
        return any(g == group for g, _ in self.builtin())

    def validate(self, manifest: Mapping[str, Any]) -> list[SchemaError] | None:
        """Every violation, or None when there is no schema for the manifest's kind."""
        api_version, kind = manifest.get("apiVersion"), manifest.get("kind")
        if not isinstance(api_version, str) or not isinstance(kind, str):
            return None
        validator = self.validator(api_version, kind)
        if validator is None:
            return None
        try:
            if validator.is_valid(manifest):
                return []
        except ValueError:  # a YAML value JSON has no type for (a timestamp): kubectl sends text
            manifest = json.loads(json.dumps(manifest, default=str))
            if validator.is_valid(manifest):
                return []
        return [error for raw in validator.iter_errors(manifest)
                for error in _convert(raw, self.schema(api_version, kind) or {})]


_sets: dict[str, SchemaSet] = {}


def schemas_for(version: str) -> SchemaSet:
    """The process-wide SchemaSet of `version` ('1.33')."""
    found = _sets.get(version)
    if found is None:
        found = _sets.setdefault(version, SchemaSet(version))
    return found


def _schema_at(root: Mapping[str, Any], schema_path: list[Any]) -> Any:
    node: Any = root
    for step in schema_path:
        if isinstance(node, Mapping) and "$ref" in node and step not in node:
            node = root.get("$defs", {}).get(str(node["$ref"])[len(_LOCAL_REF):], {})
        if isinstance(node, Mapping):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
    return node


def allowed_fields(root: Mapping[str, Any], schema_path: list[Any]) -> list[str]:
    """The property names the object schema at `schema_path` (ending in additionalProperties)
    allows."""
    node = _schema_at(root, schema_path[:-1])
    if isinstance(node, Mapping) and "$ref" in node and "properties" not in node:
        node = root.get("$defs", {}).get(str(node["$ref"])[len(_LOCAL_REF):], {})
    props = node.get("properties") if isinstance(node, Mapping) else None
    return sorted(props) if isinstance(props, Mapping) else []


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _convert(error: Any, root: Mapping[str, Any]) -> Iterator[SchemaError]:
    path = tuple(error.instance_path)
    name = type(error.kind).__name__
    if name == "AdditionalProperties":
        allowed = allowed_fields(root, list(error.schema_path))
        for field in error.kind.unexpected:
            guess = _suggest(field, allowed)
            hint = f"; did you mean {guess!r}?" if guess else ""
            hint_ko = f" 혹시 {guess!r}입니까?" if guess else ""
            yield SchemaError(SCHEMA_UNKNOWN_FIELD, (*path, field), Text(
                f"unknown field {field!r} (kubectl rejects it: strict decoding error){hint}",
                f"알 수 없는 필드 {field!r}입니다(kubectl이 거부합니다: strict decoding error)."
                f"{hint_ko}"), guess)
    elif name == "Required":
        yield SchemaError(SCHEMA_REQUIRED, (*path, error.kind.property), Text(
            f"required field {error.kind.property!r} is missing",
            f"필수 필드 {error.kind.property!r}{i_ga(repr(error.kind.property))} 없습니다"))
    elif name == "Enum":
        options = ", ".join(json.dumps(o) for o in error.kind.options)
        yield SchemaError(SCHEMA_ENUM, path, Text(
            f"unsupported value {json.dumps(error.instance)}; supported: {options}",
            f"지원하지 않는 값 {json.dumps(error.instance)}입니다. 지원하는 값: {options}"))
    elif name in ("Type", "OneOfNotValid", "AnyOf"):
        expected = _expected_types(error, root)
        shown = json.dumps(error.instance)[:60]
        yield SchemaError(SCHEMA_TYPE, path, Text(
            f"{shown} is a {_json_type(error.instance)}, expected {expected}",
            f"{shown}{eun_neun(shown)} {_json_type(error.instance)}이지만 {expected}이어야 합니다"))
    else:
        # the library's own sentence: kept as written inside a Korean frame
        yield SchemaError(SCHEMA_INVALID, path, Text(
            error.message, f"스키마 오류: {format_path(path) or '(문서)'}: {error.message}"))


def _expected_types(error: Any, root: Mapping[str, Any]) -> str:
    node = _schema_at(root, list(error.schema_path)[:-1])
    types: list[str] = []
    candidates = node.get("oneOf") if isinstance(node, Mapping) and "oneOf" in node else [node]
    for cand in candidates or ():
        value = cand.get("type") if isinstance(cand, Mapping) else None
        for t in [value] if isinstance(value, str) else (value or []):
            if t != "null" and t not in types:
                types.append(t)
    return " or ".join(types) if types else "another type"


def _suggest(field: str, allowed: list[str]) -> str | None:
    guess = next((a for a in allowed if a.lower() == field.lower()), None)
    return guess or closest(field, allowed)
