"""Removing what a cluster set on an object, so `kubectl get -o yaml` output is a design again.

One function, `strip_cluster_fields`, serves `kubecanvas import --strip-cluster-fields` (and the
other commands' flag) and `kubecanvas cluster import` alike. What it removes is what the API
server, its admission plugins or a controller wrote, and what would be refused, collide or stay
wrong when the object is applied to another cluster:

- `status`; the server's bookkeeping in `metadata` (uid, resourceVersion, generation,
  creationTimestamp, managedFields, selfLink, deletion marks) and `ownerReferences` (they name
  owners by uid, which no other cluster has; the garbage collector would delete the object);
- annotations written by kubectl apply (the last-applied configuration) and by controllers
  (`SERVER_ANNOTATIONS`); the user's own, such as `kubernetes.io/change-cause`, stay;
- finalizers that admission plugins and controllers add (`SERVER_FINALIZERS`);
- per kind, values the cluster allocated or defaulted (see `strip_kind.py`): a Service's
  cluster IPs (`None`, headless, stays), node ports, single-stack IP families and default
  policies; a PersistentVolume's claimRef uid and resourceVersion; a claim's volumeName chosen by
  the binder; a Pod's node, priority, service-account token volume and default tolerations; the
  selector and labels the Job controller generates; `creationTimestamp: null` in templates.

How a value the user wrote is told from one the server set: when the object carries
`kubectl.kubernetes.io/last-applied-configuration` (it was applied with `kubectl apply`), that
annotation says exactly what the user sent, and every field it holds is kept. Without it there is
no record, and allocated values (cluster IPs, node ports, a Pod's node) are dropped: a kept
allocation is refused or collides on another cluster ("provided port is already allocated"),
while a dropped one that the user had chosen is merely allocated anew. Defaults that every
cluster applies alike (a port's `protocol: TCP`, a Deployment's strategy) are kept; they are
harmless and often written by hand. A Secret's data is left alone. An object that carries no
trace of a server (no uid, resourceVersion, managedFields, nor a creationTimestamp that is not
null) was written by a person or a client-side dry run, so its values are all taken as chosen:
only status, annotations and metadata of the lists above are removed from it.
"""

from __future__ import annotations

import json
from typing import Any

from kubecanvas.io.strip_kind import drop_keys, strip_kind
from kubecanvas.model.resource import Manifest

#: metadata fields set by the API server.
CLUSTER_METADATA = ("managedFields", "resourceVersion", "uid", "creationTimestamp",
                    "generation", "selfLink", "ownerReferences", "deletionTimestamp",
                    "deletionGracePeriodSeconds")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

#: Metadata that only an object read from a server carries. An object without any of them was
#: written by a person, or by a client (`kubectl create --dry-run=client -o yaml` writes
#: `creationTimestamp: null` and an empty status): its node ports and addresses are the person's
#: and are kept, which also makes stripping a stripped object change nothing.
_SERVER_TRACES = ("uid", "resourceVersion", "creationTimestamp", "managedFields")

#: Annotations that kubectl apply, the API server or a built-in controller writes.
SERVER_ANNOTATIONS = frozenset({
    LAST_APPLIED,
    # the Deployment controller, on Deployments and their ReplicaSets
    "deployment.kubernetes.io/revision", "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
    # the PersistentVolume binder and the provisioners, on claims and volumes
    "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller",
    "pv.kubernetes.io/provisioned-by", "pv.kubernetes.io/migrated-to",
    "volume.beta.kubernetes.io/storage-provisioner", "volume.kubernetes.io/storage-provisioner",
    "volume.kubernetes.io/selected-node",
    "volume.kubernetes.io/provisioner-deletion-secret-name",
    "volume.kubernetes.io/provisioner-deletion-secret-namespace",
    # the Job and CronJob controllers
    "batch.kubernetes.io/job-tracking", "batch.kubernetes.io/cronjob-scheduled-timestamp",
    # the token controller, on service-account token Secrets
    "kubernetes.io/service-account.uid",
    # the endpoints controller
    "endpoints.kubernetes.io/last-change-trigger-time",
})

#: Finalizers that admission plugins and controllers add by themselves.
SERVER_FINALIZERS = frozenset({
    "kubernetes.io/pvc-protection", "kubernetes.io/pv-protection",
    "batch.kubernetes.io/job-tracking", "service.kubernetes.io/load-balancer-cleanup",
    "external-provisioner.volume.kubernetes.io/finalizer",
})


def strip_cluster_fields(manifest: Manifest) -> Manifest:
    """A copy of `manifest` without what the cluster set (the input is not changed).

    A map or list left empty by the stripping (annotations, labels, finalizers, volumes) is
    removed; one that was empty already is kept, since the user wrote it.
    """
    result: dict[str, Any] = {key: _copy(value) for key, value in manifest.items()
                              if key != "status"}
    metadata = result.get("metadata")
    if isinstance(metadata, dict) and any(metadata.get(key) not in (None, "", [])
                                          for key in _SERVER_TRACES):
        strip_kind(result, manifest, last_applied(metadata))
    if isinstance(metadata, dict):
        for key in CLUSTER_METADATA:
            metadata.pop(key, None)
        drop_keys(metadata, "annotations", SERVER_ANNOTATIONS)
        finalizers = metadata.get("finalizers")
        if isinstance(finalizers, list) and any(f in SERVER_FINALIZERS for f in finalizers):
            kept = [f for f in finalizers if f not in SERVER_FINALIZERS]
            if kept:
                metadata["finalizers"] = kept
            else:
                del metadata["finalizers"]
    return result


def last_applied(metadata: object) -> dict[str, Any] | None:
    """What `kubectl apply` last sent for the object (its own annotation), or None."""
    if not isinstance(metadata, dict):
        return None
    annotations = metadata.get("annotations")
    text = annotations.get(LAST_APPLIED) if isinstance(annotations, dict) else None
    if not isinstance(text, str):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _copy(value: Any) -> Any:
    if type(value) is dict:
        return {key: _copy(item) for key, item in value.items()}
    if type(value) is list:
        return [_copy(item) for item in value]
    return value
