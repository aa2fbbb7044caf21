"""The shared builders (`tests.builders`) for validation tests, and a shortcut to validate them."""

from __future__ import annotations

from tests.builders import (
    Manifest,
    configmap,
    container,
    deployment,
    doc,
    file_doc,
    meta,
    secret,
    service,
)

from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.findings import Finding

__all__ = ["Manifest", "check", "configmap", "container", "deployment", "doc", "file_doc", "meta",
           "rules_of", "secret", "service"]


def check(*manifests: Manifest, version: str | None = None) -> list[Finding]:
    return validate_document(file_doc(*manifests), kube_version=version)


def rules_of(findings: list[Finding]) -> list[str]:
    return sorted({f.rule for f in findings})
