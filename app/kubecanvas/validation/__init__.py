"""Validation: findings about a document, from the wiring graph, the schemas and the API rules.

Public entry points: `validate_document` (one full check), `Validator` (kept current with a
document, incremental), `RULES` (every rule), `render` / `to_json` / `to_sarif` / `to_text`
(output) and `parse_ignore_file` / `resolve_ignores` (the `.kubecanvas-ignore` file).
"""

from __future__ import annotations

from kubecanvas.validation.engine import Validator, validate_document
from kubecanvas.validation.findings import Finding, Fix, Severity
from kubecanvas.validation.ignore import IgnoreFileError, parse_ignore_file, resolve_ignores
from kubecanvas.validation.output import render, to_json, to_sarif, to_text
from kubecanvas.validation.registry import RULES, Rule
from kubecanvas.validation.versions import (
    UnknownVersionError,
    available_versions,
    default_kube_version,
)

__all__ = [
    "RULES", "Finding", "Fix", "IgnoreFileError", "Rule", "Severity", "UnknownVersionError",
    "Validator", "available_versions", "default_kube_version", "parse_ignore_file", "render",
    "resolve_ignores", "to_json", "to_sarif", "to_text", "validate_document",
]
