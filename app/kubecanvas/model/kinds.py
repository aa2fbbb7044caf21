"""What KubeCanvas knows about each kind it understands in depth.

One table, so the graph, the validator, the exporter and the palette agree on a kind's apiVersion,
whether it is namespaced, where its pod template lives and how it selects pods. Every other kind is
kept verbatim as a generic resource; `kind_info` then returns a neutral description.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kubecanvas.model.fields import as_list as as_list  # re-exported for older importers
from kubecanvas.model.fields import as_mapping as as_mapping
from kubecanvas.model.record import record
from kubecanvas.model.resource import Resource

Path = tuple[str, ...]


@record(frozen=True)
class KindInfo:
    """Static facts about one kind.

    Attributes:
        kind: the kind name.
        api_version: the apiVersion the editor writes for new resources.
        namespaced: False for cluster-scoped kinds.
        pod_template: path to the pod template (the mapping that holds `metadata` and `spec`),
            `()` for a Pod itself, None for kinds that own no pods.
        selector: path to the kind's pod selector, None if it has none.
        selector_style: 'map' for equality-only selectors (Service), 'label' for LabelSelector.
        apply_rank: position in the order a cluster needs on `kubectl apply`.
        category: palette group and layout layer.
    """

    kind: str
    api_version: str
    namespaced: bool = True
    pod_template: Path | None = None
    selector: Path | None = None
    selector_style: str = "label"
    apply_rank: int = 90
    category: str = "other"

    @property
    def owns_pods(self) -> bool:
        return self.pod_template is not None


_KINDS: tuple[KindInfo, ...] = (
    KindInfo("Namespace", "v1", namespaced=False, apply_rank=0, category="cluster"),
    KindInfo("StorageClass", "storage.k8s.io/v1", namespaced=False, apply_rank=1, category="storage"),
    KindInfo("IngressClass", "networking.k8s.io/v1", namespaced=False, apply_rank=2, category="network"),
    KindInfo("PersistentVolume", "v1", namespaced=False, apply_rank=3, category="storage"),
    KindInfo("PersistentVolumeClaim", "v1", apply_rank=4, category="storage"),
    KindInfo("ServiceAccount", "v1", apply_rank=5, category="config"),
    KindInfo("ConfigMap", "v1", apply_rank=6, category="config"),
    KindInfo("Secret", "v1", apply_rank=7, category="config"),
    KindInfo("Service", "v1", selector=("spec", "selector"), selector_style="map", apply_rank=8,
             category="network"),
    KindInfo("Pod", "v1", pod_template=(), apply_rank=20, category="workload"),
    KindInfo("Deployment", "apps/v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), apply_rank=21, category="workload"),
    KindInfo("ReplicaSet", "apps/v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), apply_rank=22, category="workload"),
    KindInfo("StatefulSet", "apps/v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), apply_rank=23, category="workload"),
    KindInfo("DaemonSet", "apps/v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), apply_rank=24, category="workload"),
    KindInfo("Job", "batch/v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), apply_rank=25, category="workload"),
    KindInfo("CronJob", "batch/v1", pod_template=("spec", "jobTemplate", "spec", "template"),
             apply_rank=26, category="workload"),
    KindInfo("ReplicationController", "v1", pod_template=("spec", "template"),
             selector=("spec", "selector"), selector_style="map", apply_rank=27,
             category="workload"),
    KindInfo("Ingress", "networking.k8s.io/v1", apply_rank=30, category="network"),
    KindInfo("HorizontalPodAutoscaler", "autoscaling/v2", apply_rank=31, category="policy"),
    KindInfo("PodDisruptionBudget", "policy/v1", selector=("spec", "selector"), apply_rank=32,
             category="policy"),
    KindInfo("NetworkPolicy", "networking.k8s.io/v1", selector=("spec", "podSelector"),
             apply_rank=33, category="policy"),
)

KINDS: Mapping[str, KindInfo] = {info.kind: info for info in _KINDS}

#: Cluster-scoped kinds that are not in depth but must never get a namespace.
_CLUSTER_SCOPED_GENERIC = frozenset({
    "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass",
    "RuntimeClass", "APIService", "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration", "CSIDriver", "CSINode", "Node", "PodSecurityPolicy",
    "VolumeAttachment", "ClusterIssuer", "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding", "ClusterSPIFFEID", "FlowSchema",
    "PriorityLevelConfiguration", "GatewayClass",
})

#: Kinds that run pods, in palette order.
WORKLOAD_KINDS = tuple(info.kind for info in _KINDS if info.owns_pods)

#: Kinds a cluster usually provides itself (its storage, ingress, priority, runtime and gateway
#: classes): a reference to one the files do not define is advice, not a defect, and is drawn
#: as a muted stand-in rather than a red missing box.
CLUSTER_PROVIDED_KINDS = frozenset({"StorageClass", "IngressClass", "PriorityClass",
                                    "RuntimeClass", "GatewayClass"})


def kind_info(kind: str) -> KindInfo:
    """The facts for `kind`; a neutral generic description for kinds not known in depth."""
    info = KINDS.get(kind)
    if info is not None:
        return info
    # CRDs must exist before the custom resources that use them, so they go right after Namespaces
    rank = 0 if kind == "CustomResourceDefinition" else 90
    return KindInfo(kind, "", namespaced=kind not in _CLUSTER_SCOPED_GENERIC, apply_rank=rank)


def is_known(kind: str) -> bool:
    return kind in KINDS


def effective_namespace(resource: Resource) -> str:
    """The namespace a resource lands in when applied without `-n`: as written, else 'default';
    '' for cluster-scoped kinds."""
    if not kind_info(resource.kind).namespaced:
        return ""
    return resource.namespace or "default"


def get_path(data: Any, path: tuple[str | int, ...]) -> Any:
    """Follow `path` through nested mappings and lists; None where it breaks off."""
    node = data
    for step in path:
        if type(step) is str:  # the usual step, and a plain dict the usual node: tested first
            if type(node) is not dict and not isinstance(node, Mapping):
                return None
            node = node.get(step)
        elif isinstance(step, int):
            if not isinstance(node, list) or not -len(node) <= step < len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, Mapping):
                return None
            node = node.get(step)
        if node is None:
            return None
    return node


def pod_template(resource: Resource) -> Mapping[str, Any] | None:
    """The pod template (a mapping with `metadata` and `spec`) of a pod-owning resource.

    For a Pod this is the Pod manifest itself. Generic resources that carry a `spec.template`
    with a `spec.containers` list (custom workloads, Argo Rollouts and the like) count too.
    """
    info = kind_info(resource.kind)
    path = info.pod_template
    # None and a plain dict are tested before the ABC check, which costs ten times more (see
    # `fields.as_mapping`): this runs several times per resource in a validation
    if path is None:
        template = get_path(resource.manifest, ("spec", "template"))
        if template is None:
            return None
        if isinstance(template, Mapping) and isinstance(
                get_path(template, ("spec", "containers")), list):
            return template
        return None
    template = get_path(resource.manifest, path) if path else resource.manifest
    return template if type(template) is dict or isinstance(template, Mapping) else None


def pod_template_path(resource: Resource) -> tuple[str, ...] | None:
    """The path of the pod template inside the manifest (see `pod_template`)."""
    info = kind_info(resource.kind)
    if info.pod_template is not None:
        return info.pod_template
    return ("spec", "template") if pod_template(resource) is not None else None


def pod_spec(resource: Resource) -> Mapping[str, Any] | None:
    template = pod_template(resource)
    if template is None:
        return None
    spec = template.get("spec")
    return spec if isinstance(spec, Mapping) else None


def template_labels(resource: Resource) -> dict[str, str]:
    """The labels the resource's pods carry (its template labels; a Pod's own labels)."""
    template = pod_template(resource)
    if template is None:
        return {}
    meta = template.get("metadata")
    labels = meta.get("labels") if isinstance(meta, Mapping) else None
    if not isinstance(labels, Mapping):
        return {}
    return {str(k): "" if v is None else str(v) for k, v in labels.items()}


def replicas(resource: Resource) -> int:
    """How many pods a workload asks for after defaulting (1 when unset)."""
    if resource.kind == "Pod":
        return 1
    value = get_path(resource.manifest, ("spec", "replicas"))
    if isinstance(value, bool) or not isinstance(value, int):
        return 1
    return max(value, 0)
