"""Hiding Secret values wherever they are shown rather than exported.

Secret data is base64, not encryption: anyone looking over a shoulder at a canvas, a projected
lesson or a screenshot can read it. Views show `MASK` instead of each value until the user asks;
exports always keep the values exactly.
"""

from __future__ import annotations

from collections.abc import Mapping

from kubecanvas.model.resource import Resource

MASK = "••••••"
SECRET_FIELDS = ("data", "stringData")


def mask_secret(resource: Resource) -> Resource:
    """The resource with every Secret value replaced by `MASK` (keys kept); others unchanged."""
    if resource.kind != "Secret" or not any(
            isinstance(resource.manifest.get(f), Mapping) for f in SECRET_FIELDS):
        return resource
    manifest = dict(resource.manifest)
    for name in SECRET_FIELDS:
        values = manifest.get(name)
        if isinstance(values, Mapping):
            manifest[name] = {key: MASK for key in values}
    return resource.with_manifest(manifest)
