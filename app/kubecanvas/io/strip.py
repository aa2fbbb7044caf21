"""Removing what a cluster adds to an object, so `kubectl get -o yaml` output can be edited and
applied again as a design: status, managed fields, server-set identity and bookkeeping, and the
last-applied annotation that `kubectl apply` writes."""

from __future__ import annotations

from typing import Any

from kubecanvas.model.resource import Manifest

#: metadata fields set by the API server.
CLUSTER_METADATA = ("managedFields", "resourceVersion", "uid", "creationTimestamp",
                    "generation", "selfLink")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def strip_cluster_fields(manifest: Manifest) -> Manifest:
    """A copy of `manifest` without status and server-set metadata (the input is not changed).

    An annotations map left empty by removing the last-applied annotation is removed too; one
    that was empty already is kept, since the user wrote it.
    """
    result: dict[str, Any] = {key: value for key, value in manifest.items() if key != "status"}
    metadata = result.get("metadata")
    if isinstance(metadata, dict):
        metadata = {key: value for key, value in metadata.items()
                    if key not in CLUSTER_METADATA}
        annotations = metadata.get("annotations")
        if isinstance(annotations, dict) and LAST_APPLIED in annotations:
            annotations = {key: value for key, value in annotations.items()
                           if key != LAST_APPLIED}
            if annotations:
                metadata["annotations"] = annotations
            else:
                del metadata["annotations"]
        result["metadata"] = metadata
    return result
