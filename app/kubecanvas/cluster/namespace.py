"""Importing what runs in a namespace, as a design.

`kubectl get <the kinds KubeCanvas knows> -n NS -o yaml` returns the live objects with everything
the cluster added. The reader (io, with `strip_cluster_fields`: the same function `kubecanvas import
--strip-cluster-fields` uses) removes what the server set: status, server-set metadata, owner
references, controller annotations, allocated cluster IPs and node ports, and the rest. This module
then leaves out what a controller made rather than a person (the ReplicaSets of a Deployment, the
Pods of a ReplicaSet, the Jobs of a CronJob, the `default` ServiceAccount, the `kube-root-ca.crt`
ConfigMap, service-account token Secrets), so that what is left is what someone designed, and
applying it elsewhere works.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from kubecanvas.cluster.kubectl import ClusterError, Kubectl
from kubecanvas.model.korean import i_ga
from kubecanvas.model.record import replace
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text

#: The namespaced kinds KubeCanvas understands, as `kubectl get` resource names (with their API
#: group, so a custom resource with a short name like `deployments` cannot shadow them).
NAMESPACED_TYPES = (
    "persistentvolumeclaims", "serviceaccounts", "configmaps", "secrets", "services", "pods",
    "replicationcontrollers", "deployments.apps", "replicasets.apps", "statefulsets.apps",
    "daemonsets.apps", "jobs.batch", "cronjobs.batch", "ingresses.networking.k8s.io",
    "horizontalpodautoscalers.autoscaling", "poddisruptionbudgets.policy",
    "networkpolicies.networking.k8s.io",
)
_SYSTEM_OBJECTS = {("ConfigMap", "kube-root-ca.crt"), ("ServiceAccount", "default")}


@dataclass(frozen=True)
class Fetched:
    """What kubectl returned for a namespace: the YAML and the command that produced it."""

    command: str
    text: str


def fetch_namespace(kubectl: Kubectl, namespace: str) -> Fetched:
    """The namespace's objects of the known kinds as kubectl's YAML (one `kind: List`).

    Raises:
        ClusterError: kubectl is missing, has no context, the cluster is unreachable, or the
            server refused (for example: not allowed to list secrets there).
    """
    context = kubectl.current_context()
    args = ["get", ",".join(NAMESPACED_TYPES), "--namespace", namespace, "--output", "yaml",
            "--request-timeout=60s"]
    done = kubectl.run(args)
    kubectl.raise_if_unreachable(done)
    if done.returncode != 0:
        detail = " / ".join(done.error_lines()[-3:]) or f"exit code {done.returncode}"
        raise ClusterError(Text(f"`{done.command}` failed on context {context!r}: {detail}",
                                f"`{done.command}`{i_ga(done.command)} 컨텍스트 {context!r}에서 실패했습니다: "
                                f"{detail}"))
    shown = f"kubectl --context {context} get -n {namespace} -o yaml"
    return Fetched(shown, done.stdout)


def made_by_a_controller(resource: Resource) -> bool:
    """True for objects a controller or the cluster creates by itself. Owner references are
    read from the object as fetched (`original`), since stripping removes them."""
    fetched = resource.original if isinstance(resource.original, dict) else resource.manifest
    metadata = fetched.get("metadata")
    owners = metadata.get("ownerReferences") if isinstance(metadata, dict) else None
    if isinstance(owners, list) and any(isinstance(o, dict) and o.get("controller")
                                        for o in owners):
        return True
    if (resource.kind, resource.name) in _SYSTEM_OBJECTS:
        return True
    return resource.kind == "Secret" and \
        resource.manifest.get("type") == "kubernetes.io/service-account-token"


def designed_resources(resources: Iterable[Resource]) -> tuple[list[Resource], list[Resource]]:
    """(kept, left out): the objects someone designed, and those controllers made. The kept
    ones count as unedited (`original` is their stripped manifest)."""
    kept: list[Resource] = []
    left_out: list[Resource] = []
    for resource in resources:
        if made_by_a_controller(resource):
            left_out.append(resource)
            continue
        kept.append(replace(resource, original=copy.deepcopy(resource.manifest)))
    return kept, left_out
