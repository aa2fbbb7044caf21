"""Secret values that stay in the cluster: imported as keys without values, never exported blank.

A design is a file people commit to git. `kubectl get -o yaml` returns every Secret with its
values, so importing a namespace (or a dump of one) as it is would copy credentials into the
repository. By default an import keeps each Secret's type and keys, and replaces each value by
`LEFT_IN_CLUSTER` (an empty string); the wiring checks (a key a workload reads but the Secret
lacks, the keys a Secret type requires) still work on the keys.

Which keys were left is a note on the resource (`Resource.values_in_cluster`), not on the
manifest: an annotation would be exported and applied with the Secret, it would put KubeCanvas's
bookkeeping into the cluster and into every GitOps repository, and a user removing it by hand
would make the blank values look like real ones. The project file keeps the note; YAML never
sees it.

A key counts as left in the cluster while the note names it and its value is still empty, so a
user who types the real value in has a normal Secret again. An export must not write such a
Secret as it stands (that would replace the cluster's values by empty ones): it writes Secrets
without their values only when asked (`without_values`), and says which.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kubecanvas.model.record import replace
from kubecanvas.model.resource import Manifest, Resource

#: What a value left in the cluster is replaced by.
LEFT_IN_CLUSTER = ""
#: The fields that hold a Secret's values.
VALUE_FIELDS = ("data", "stringData")
#: `kubectl apply` keeps the whole applied manifest, values included, in this annotation.
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
#: metadata fields only an API server sets: a document holding one was read from a cluster.
SERVER_SET = ("uid", "resourceVersion", "creationTimestamp", "managedFields")


def read_from_a_cluster(resource: Resource) -> bool:
    """True when the resource (as read, before any stripping) carries server-set metadata, as
    every object in `kubectl get -o yaml` output does and hand-written manifests do not."""
    for manifest in (resource.manifest, resource.original):
        metadata = manifest.get("metadata") if isinstance(manifest, Mapping) else None
        if isinstance(metadata, Mapping) and any(key in metadata for key in SERVER_SET):
            return True
    return False


def _blanked(manifest: Manifest) -> tuple[Manifest, list[str]]:
    """A copy of a Secret's manifest with every value blank and without the last-applied
    annotation (which repeats them); the keys, in the order written."""
    result = dict(manifest)
    keys: list[str] = []
    for field in VALUE_FIELDS:
        values = manifest.get(field)
        if isinstance(values, Mapping):
            result[field] = {str(key): LEFT_IN_CLUSTER for key in values}
            keys.extend(str(key) for key in values if str(key) not in keys)
    metadata = manifest.get("metadata")
    if isinstance(metadata, Mapping) and isinstance(metadata.get("annotations"), Mapping) \
            and LAST_APPLIED in metadata["annotations"]:
        annotations = {k: v for k, v in metadata["annotations"].items() if k != LAST_APPLIED}
        result["metadata"] = {**metadata, "annotations": annotations} if annotations else {
            k: v for k, v in metadata.items() if k != "annotations"}
    return result, keys


def leave_values_in_cluster(resource: Resource) -> Resource:
    """The Secret with its values left in the cluster (keys and type kept, noted on the
    resource); any other resource unchanged. The manifest as read (`original`) is blanked too,
    since the project file keeps it."""
    if resource.kind != "Secret":
        return resource
    manifest, keys = _blanked(resource.manifest)
    original = None if resource.original is None else _blanked(resource.original)[0]
    noted = tuple(dict.fromkeys((*resource.values_in_cluster, *keys)))
    if manifest == resource.manifest and original == resource.original and \
            noted == resource.values_in_cluster:
        return resource
    return replace(resource, manifest=manifest, original=original, values_in_cluster=noted)


def keys_in_cluster(resource: Resource) -> list[str]:
    """The keys of this Secret whose values were left in the cluster and are still empty."""
    if resource.kind != "Secret" or not resource.values_in_cluster:
        return []
    left = []
    for key in resource.values_in_cluster:
        values = [resource.manifest.get(f) for f in VALUE_FIELDS]
        present = [v[key] for v in values if isinstance(v, Mapping) and key in v]
        if present and all(v in (LEFT_IN_CLUSTER, None) for v in present):
            left.append(key)
    return left


def secrets_without_values(resources: Iterable[Resource]) -> list[tuple[Resource, list[str]]]:
    """The Secrets that hold values left in the cluster, each with those keys, in order."""
    found = []
    for resource in resources:
        keys = keys_in_cluster(resource)
        if keys:
            found.append((resource, keys))
    return found


def without_values(resource: Resource) -> Resource:
    """A Secret without `data` and `stringData` (for a repository whose Secrets come from a
    secret manager); any other resource unchanged."""
    if resource.kind != "Secret" or not any(f in resource.manifest for f in VALUE_FIELDS):
        return resource
    manifest: dict[str, Any] = {k: v for k, v in resource.manifest.items()
                                if k not in VALUE_FIELDS}
    return resource.with_manifest(manifest)


def describe(found: list[tuple[Resource, list[str]]]) -> str:
    """'Secret shop/db (password, user), Secret shop/tls (tls.crt)': for messages."""
    return ", ".join(f"{resource.label()} ({', '.join(keys)})" for resource, keys in found)
