"""Kubernetes versions the validator can check against: those whose OpenAPI schemas the
`kubernetes-validate` package ships.

The schemas are located without importing `kubernetes_validate` itself (that import pulls in the
pure-Python jsonschema stack, which the validator does not use).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

_VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.\d+-local-strict$")
_VERSION_ARG = re.compile(r"^v?(\d+)\.(\d+)(?:\.\d+)?$")


class UnknownVersionError(ValueError):
    """The requested Kubernetes version has no schemas here."""


@functools.cache
def schema_root() -> Path | None:
    """The `kubernetes-json-schema` folder of the installed kubernetes-validate, if any."""
    spec = importlib.util.find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        root = Path(location) / "kubernetes-json-schema"
        if root.is_dir():
            return root
    return None


@functools.cache
def available_versions() -> tuple[str, ...]:
    """'MAJOR.MINOR' versions with strict schemas, oldest first."""
    root = schema_root()
    if root is None:
        return ()
    found = []
    for entry in root.iterdir():
        match = _VERSION_DIR.match(entry.name)
        if match:
            found.append((int(match.group(1)), int(match.group(2))))
    return tuple(f"{a}.{b}" for a, b in sorted(found))


def default_kube_version() -> str:
    """The newest version shipped (or '1.33' if no schemas are installed at all)."""
    versions = available_versions()
    return versions[-1] if versions else "1.33"


def normalize_version(version: str | None) -> str:
    """'v1.33.2', '1.33' -> '1.33'; None -> the default. Raises UnknownVersionError for text
    that is not a version."""
    if version is None or version == "":
        return default_kube_version()
    match = _VERSION_ARG.match(str(version).strip())
    if not match:
        raise UnknownVersionError(f"{version!r} is not a Kubernetes version (for example 1.33)")
    return f"{int(match.group(1))}.{int(match.group(2))}"


def version_tuple(version: str) -> tuple[int, int]:
    major, minor = normalize_version(version).split(".")
    return int(major), int(minor)


def schema_dir(version: str) -> Path | None:
    """The strict schema folder for `version`: the newest shipped one not newer than it."""
    root = schema_root()
    if root is None:
        return None
    wanted = version_tuple(version)
    usable = [v for v in available_versions() if version_tuple(v) <= wanted]
    if not usable:
        oldest = available_versions()[0] if available_versions() else "?"
        raise UnknownVersionError(f"no schemas for Kubernetes {version}; the oldest shipped is "
                                  f"{oldest}")
    return root / f"v{usable[-1]}.0-local-strict"
