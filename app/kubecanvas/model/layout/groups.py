"""Which application each resource belongs to, so the picture can draw one block per application.

The order follows what people put on their resources, most deliberate first: the recommended
labels `app.kubernetes.io/name` and `/instance`, then the older `app` and `k8s-app`, then
`app.kubernetes.io/part-of`, then the Helm release (`release` label,
`meta.helm.sh/release-name` annotation). `part-of` names a whole system (every application of a
namespace, often), so it orders the blocks, keeping one system's applications side by side,
rather than making one block of them all: a 40-application namespace as one layered block was a
strip eight times taller than wide. A workload's pod
template labels count when its own metadata has none. A resource without any of them (a
ConfigMap, a claim, a policy) joins the application it is wired to most; one wired to three or
more applications (a `deny-all` NetworkPolicy, a shared ConfigMap) is shared by them and goes to
its namespace's shared block rather than pulling one of them apart. What is left joins the
connected component of the wiring it belongs to. Keys are strings derived from the manifests, so
the grouping never depends on resource ids or file order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from kubecanvas.model.fields import as_mapping
from kubecanvas.model.resource import Resource

LABELS = ("app.kubernetes.io/name", "app.kubernetes.io/instance", "app", "k8s-app",
          "app.kubernetes.io/part-of", "release")
PART_OF = "app.kubernetes.io/part-of"
HELM_ANNOTATION = "meta.helm.sh/release-name"
#: The group of resources wired to this many applications or more.
SHARED = "~shared"
SHARED_AT = 3


def _label_sets(resource: Resource) -> list[Mapping[str, object]]:
    """The resource's own labels, then its pods' (a workload's template labels)."""
    metadata = as_mapping(resource.manifest.get("metadata"))
    spec = as_mapping(resource.manifest.get("spec"))
    template = as_mapping(as_mapping(spec.get("template")).get("metadata"))
    if not template:  # a CronJob's pods are one level further down
        job = as_mapping(as_mapping(spec.get("jobTemplate")).get("spec"))
        template = as_mapping(as_mapping(job.get("template")).get("metadata"))
    return [as_mapping(metadata.get("labels")), as_mapping(template.get("labels"))]


def system_of(resource: Resource) -> str:
    """The `app.kubernetes.io/part-of` a resource names ('' when none), to order blocks by."""
    for labels in _label_sets(resource):
        value = labels.get(PART_OF)
        if isinstance(value, str) and value:
            return value
    return ""


def label_key(resource: Resource) -> str | None:
    """The application a resource names itself part of, or None."""
    metadata = as_mapping(resource.manifest.get("metadata"))
    sets = _label_sets(resource)
    for name in LABELS:  # the finest label wins, on the resource or on its pods
        for labels in sets:
            value = labels.get(name)
            if isinstance(value, str) and value:
                return f"{name}={value}"
    release = as_mapping(metadata.get("annotations")).get(HELM_ANNOTATION)
    return f"release={release}" if isinstance(release, str) and release else None


def _find(parent: dict[str, str], node: str) -> str:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def application_groups(resources: Sequence[Resource],
                       adjacent: Mapping[str, set[str]]) -> dict[str, str]:
    """The application key of every resource in `resources` (one namespace's free resources,
    in canonical order); `adjacent` holds the undirected wiring neighbours."""
    members = {r.id for r in resources}
    group: dict[str, str] = {}
    for res in resources:
        key = label_key(res)
        if key is not None:
            group[res.id] = key
    unlabelled = [r.id for r in resources if r.id not in group]
    for _ in range(3):  # a claim -> its workload; a volume-less Secret -> the claim's app
        found: dict[str, str] = {}
        for rid in unlabelled:
            votes: dict[str, int] = defaultdict(int)
            for n in adjacent.get(rid, ()):
                if n in group and n in members and group[n] != SHARED:
                    votes[group[n]] += 1
            if len(votes) >= SHARED_AT:
                found[rid] = SHARED
            elif votes:
                found[rid] = min(votes, key=lambda k: (-votes[k], k))
        group.update(found)
        unlabelled = [rid for rid in unlabelled if rid not in found]
        if not found:
            break
    # the rest: connected components of the wiring among themselves
    parent = {rid: rid for rid in unlabelled}
    for rid in unlabelled:
        for n in adjacent.get(rid, ()):
            if n in parent:
                a, b = _find(parent, rid), _find(parent, n)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    names = {r.id: f"{r.kind}/{r.name}" for r in resources}
    first: dict[str, str] = {}
    for rid in unlabelled:  # canonical order: the component is named by its first member
        first.setdefault(_find(parent, rid), names[rid])
    for rid in unlabelled:
        root = _find(parent, rid)
        group[rid] = f"~{first[root]}" if len(adjacent.get(rid, ())) else "~unwired"
    return group
