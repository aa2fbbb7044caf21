"""A small simulated cluster: the pods a document would create, their names, nodes and IPs.

Nothing here talks to a cluster. Every name and address is derived deterministically from the
manifests, so the same diagram always shows the same pods and a test can compare them with
hand-worked expectations. The shapes follow what the controllers really do: a Deployment's pods
are `<deployment>-<pod-template-hash>-<5 characters>`, a StatefulSet's are `<name>-<ordinal>`, a
Job's are `<job>-<5 characters>` (or `<job>-<index>-<5 characters>` when Indexed). The hash and the
random suffixes are simulated (the real ones come from an FNV hash and a random generator), using
the same alphabet Kubernetes uses for them, so they look like what `kubectl get pods` prints.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import (
    as_list,
    as_mapping,
    effective_namespace,
    get_path,
    pod_spec,
    pod_template,
    replicas,
    template_labels,
)
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster_memo import Address, ClusterMemo, Counts, PodMemo

#: The alphabet of Kubernetes' `rand.SafeEncodeString`: no vowels, no look-alike digits.
SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
#: How many worker nodes the simulated cluster has (pods are spread over them round-robin).
NODE_COUNT = 3
SERVICE_CIDR = ipaddress.ip_network("10.96.0.0/12")
#: 10.96.0.1 is the `kubernetes` API Service and 10.96.0.10 the cluster DNS by convention.
_RESERVED_SERVICE_OFFSETS = frozenset({0, 1, 10})
CLUSTER_DOMAIN = "cluster.local"


EdgeKey = tuple[str, str, str]  # (source id, target id, key) of a WiringGraph edge


@dataclass(frozen=True)
class Highlight:
    """What the canvas lights up for a simulation: resource ids and wiring-graph edge keys."""

    resources: tuple[str, ...] = ()
    edges: tuple[EdgeKey, ...] = ()

    def merged(self, other: Highlight) -> Highlight:
        return Highlight(tuple(dict.fromkeys(self.resources + other.resources)),
                         tuple(dict.fromkeys(self.edges + other.edges)))


@dataclass(frozen=True)
class SimPod:
    """One simulated pod.

    Attributes:
        name: the pod name the controller would choose.
        owner: id of the resource whose template made it (a Deployment, StatefulSet, Pod...).
        namespace: the pod's namespace.
        node: the simulated node it runs on (`node-1`...).
        node_index: 1-based index of that node; the pod IP's third octet.
        ip: the simulated pod IP (`10.244.<node>.<n>`).
        labels: the pod's labels (the template's, plus `pod-template-hash` and friends).
        ordinal: the StatefulSet ordinal or Indexed Job index, else None.
    """

    name: str
    owner: str
    namespace: str
    node: str
    node_index: int
    ip: str
    labels: Mapping[str, str]
    ordinal: int | None = None


def safe_hash(text: str, length: int = 10) -> str:
    """A deterministic string over SAFE_ALPHABET (stands in for pod-template-hash and suffixes)."""
    digest = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:16], "big")
    out = []
    for _ in range(length):
        digest, rest = divmod(digest, len(SAFE_ALPHABET))
        out.append(SAFE_ALPHABET[rest])
    return "".join(out)


def template_hash(resource: Resource, salt: str = "") -> str:
    """The simulated pod-template-hash of a workload: it changes whenever the template does,
    which is what makes a Deployment create a new ReplicaSet on a template edit."""
    template = pod_template(resource) or {}
    text = json.dumps(template, sort_keys=True, default=str) + salt
    return safe_hash(text, 10)


def workload_pod_names(resource: Resource, hash_salt: str = "") -> list[tuple[str, int | None]]:
    """(pod name, ordinal or index) of every pod a workload runs at its desired size.

    Deployments go through a ReplicaSet (`web-<hash>-<suffix>`); ReplicaSets and DaemonSets name
    pods `<name>-<suffix>`; StatefulSets `<name>-<ordinal>`; Jobs one pod per parallel slot; a
    CronJob runs no pod until its schedule fires, so it has none here.
    """
    name, kind = resource.name, resource.kind
    if kind == "Pod":
        return [(name, None)]
    if kind == "StatefulSet":
        start = get_path(resource.manifest, ("spec", "ordinals", "start"))
        first = start if isinstance(start, int) and not isinstance(start, bool) else 0
        return [(f"{name}-{i}", i) for i in range(first, first + replicas(resource))]
    if kind == "Deployment":
        base = f"{name}-{template_hash(resource, hash_salt)}"
        return [(f"{base}-{safe_hash(f'{base}/{i}', 5)}", None) for i in range(replicas(resource))]
    if kind == "DaemonSet":
        return [(f"{name}-{safe_hash(f'{name}/{i}', 5)}", None) for i in range(NODE_COUNT)]
    if kind == "Job":
        return job_first_pods(resource)
    if kind == "CronJob":
        return []
    return [(f"{name}-{safe_hash(f'{name}/{i}', 5)}", None) for i in range(replicas(resource))]


def pod_count(resource: Resource) -> int:
    """How many pods `workload_pod_names` names, without naming them (a Deployment's names
    need a hash of its template: counting the pods before a workload must not)."""
    kind = resource.kind
    if kind == "Pod":
        return 1
    if kind == "DaemonSet":
        return NODE_COUNT
    if kind == "Job":
        return len(job_first_pods(resource))
    if kind == "CronJob":
        return 0
    return max(replicas(resource), 0)


def job_counts(resource: Resource) -> tuple[int | None, int]:
    """(completions, parallelism) after defaulting: both 1 when unset; completions stays None
    for a work-queue Job that sets only parallelism."""
    spec = resource.spec if resource.kind == "Job" else as_mapping(
        get_path(resource.manifest, ("spec", "jobTemplate", "spec")))
    completions, parallelism = spec.get("completions"), spec.get("parallelism")
    par = parallelism if isinstance(parallelism, int) and not isinstance(parallelism, bool) else 1
    if isinstance(completions, int) and not isinstance(completions, bool):
        return max(completions, 0), max(par, 0)
    if parallelism is None:
        return 1, 1
    return None, max(par, 0)


def job_first_pods(resource: Resource) -> list[tuple[str, int | None]]:
    """The pods a Job starts first: `min(parallelism, completions)` of them."""
    completions, parallelism = job_counts(resource)
    count = parallelism if completions is None else min(parallelism, completions)
    indexed = resource.spec.get("completionMode") == "Indexed"
    out: list[tuple[str, int | None]] = []
    for i in range(count):
        if indexed:
            out.append((f"{resource.name}-{i}-{safe_hash(f'{resource.name}/{i}/0', 5)}", i))
        else:
            out.append((f"{resource.name}-{safe_hash(f'{resource.name}/{i}', 5)}", None))
    return out


def pod_labels(resource: Resource, ordinal: int | None, hash_salt: str = "") -> dict[str, str]:
    """The labels a created pod carries: its template's plus the ones controllers add."""
    labels = template_labels(resource)
    if resource.kind == "Deployment":
        labels["pod-template-hash"] = template_hash(resource, hash_salt)
    elif resource.kind == "StatefulSet" and ordinal is not None:
        labels["statefulset.kubernetes.io/pod-name"] = f"{resource.name}-{ordinal}"
        labels["apps.kubernetes.io/pod-index"] = str(ordinal)
    elif resource.kind == "Job":
        labels["job-name"] = resource.name
        labels["batch.kubernetes.io/job-name"] = resource.name
        if ordinal is not None:
            labels["batch.kubernetes.io/job-completion-index"] = str(ordinal)
    return labels


class SimCluster:
    """The pods, pod IPs and Service ClusterIPs of a whole document, computed as asked.

    Pods are placed on NODE_COUNT nodes round-robin in document order; node `i` owns the pod CIDR
    `10.244.i.0/24` and hands out addresses from `.2` up (`.1` is the node's bridge). DaemonSet
    pods go one per node. ClusterIPs are hashed from namespace and name into 10.96.0.0/12, so a
    Service keeps its address when others are added.

    What Happens simulates the selection again after every edit. Making every pod and every
    ClusterIP of 5,000 resources for the few the selection shows cost 37 ms of each edit (and
    grew with the design); now only the pods and addresses asked for are made, from counts a
    `ClusterMemo` keeps across edits.
    """

    def __init__(self, document: Document, memo: ClusterMemo | None = None) -> None:
        """`memo`, kept by a caller that simulates the same document again after each edit
        (and tells it of each change), holds each workload's pod names and labels (the costly
        part: a template hash each) keyed by the very `Resource` object, which an edit
        replaces, and the counts and addresses that depend on every resource before."""
        self.document = document
        self.memo = memo if memo is not None else ClusterMemo(NODE_COUNT)
        self._memo: PodMemo = self.memo.entries
        self._pods: dict[str, list[SimPod]] = {}

    def pods_of(self, rid: str) -> list[SimPod]:
        """The simulated pods of one workload (empty for resources that own no pods)."""
        pods = self._pods.get(rid)
        if pods is None:
            pods = self._pods[rid] = self._place(rid)
        return list(pods)

    def all_pods(self) -> list[SimPod]:
        return [pod for rid in self.document.ids() for pod in self.pods_of(rid)]

    def cluster_ip(self, rid: str) -> str | None:
        """The Service's ClusterIP; None for headless and ExternalName Services."""
        found = self.memo.addresses(self.document, self._service_address, _allocate).get(rid)
        return str(SERVICE_CIDR.network_address + found) if isinstance(found, int) else found

    def warm_steps(self) -> Iterator[None]:
        """Steps that read what every later question needs from the whole design (pod counts,
        Service addresses) into the memo: run between events after a design opens, so the
        first click on a card does not pay for a walk of all of it (190 ms at 15,000)."""
        return self.memo.warm_steps(self.document, self._counts, self._service_address,
                                    _allocate)

    def _identities(self, res: Resource) -> list[tuple[str, int | None, dict[str, str]]] | None:
        """(name, ordinal, labels) of each pod `res` runs, None when it runs none."""
        cached = self._memo.get(res.id)
        if cached is not None and cached[0] is res:
            found: list[tuple[str, int | None, dict[str, str]]] | None = cached[1]
            return found
        identities = None
        if pod_template(res) is not None and pod_spec(res) is not None:
            identities = [(name, ordinal, pod_labels(res, ordinal))
                          for name, ordinal in workload_pod_names(res)]
        self._memo[res.id] = (res, identities)
        return identities

    def _counts(self, res: Resource) -> Counts | None:
        """(round-robin pods, DaemonSet pods) of `res`, None when it runs none (as
        `_identities` has it; counted without naming them)."""
        if pod_template(res) is None or pod_spec(res) is None:
            return None
        count = pod_count(res)
        return (0, count) if res.kind == "DaemonSet" else (count, 0)

    def _place(self, rid: str) -> list[SimPod]:
        """One workload's pods, on the nodes and addresses the workloads before it leave."""
        res = self.document.find(rid)
        start = self.memo.start(self.document, rid, self._counts) if res is not None else None
        identities = self._identities(res) if res is not None else None
        if start is None or res is None or identities is None:
            return []
        slot, counters = start[0], list(start[1])
        pods = []
        namespace = effective_namespace(res)
        for i, (name, ordinal, labels) in enumerate(identities):
            if res.kind == "DaemonSet":
                node = i + 1
            else:
                node = slot % NODE_COUNT + 1
                slot += 1
            counters[node] += 1
            pods.append(SimPod(name, res.id, namespace, f"node-{node}", node,
                               f"10.244.{node}.{counters[node]}", dict(labels), ordinal))
        return pods

    def _service_address(self, res: Resource) -> tuple[tuple[str, str, str], str | int | None]:
        """(sort key, the written address, None for none, or the hashed offset) of a Service,
        kept in the memo under `ip:<id>` like the pods are."""
        key = f"ip:{res.id}"
        cached = self._memo.get(key)
        if cached is not None and cached[0] is res:
            value: tuple[tuple[str, str, str], str | int | None] = cached[1]
            return value
        spec = res.spec
        written = spec.get("clusterIP")
        found: str | int | None
        if spec.get("type") == "ExternalName" or written == "None":
            found = None
        elif isinstance(written, str) and written:
            found = written
        else:
            found = int(hashlib.sha256(f"{effective_namespace(res)}/{res.name}".encode())
                        .hexdigest(), 16) % SERVICE_CIDR.num_addresses
        value = ((effective_namespace(res), res.name, res.id), found)
        self._memo[key] = (res, value)
        return value


def _allocate(services: list[tuple[Address, str]]) -> dict[str, str | int | None]:
    """Every Service's address, in the order of namespace and name: a hashed offset already
    taken moves on to the next free one (offsets are made text only when asked for)."""
    size = SERVICE_CIDR.num_addresses
    taken: set[int] = set()
    out: dict[str, str | int | None] = {}
    for (_, found), rid in services:
        if found is None or isinstance(found, str):
            out[rid] = found
            continue
        offset = found
        while offset in taken or offset in _RESERVED_SERVICE_OFFSETS or offset == size - 1:
            offset = (offset + 1) % size
        taken.add(offset)
        out[rid] = offset
    return out


def container_ports(resource: Resource) -> list[tuple[str, Mapping[str, Any]]]:
    """(container name, port mapping) of every declared port of a workload's regular containers
    and restartable init containers (sidecars also receive Service traffic)."""
    spec = pod_spec(resource) or {}
    out = []
    for group in ("containers", "initContainers"):
        for container in as_list(spec.get(group)):
            if not isinstance(container, Mapping):
                continue
            if group == "initContainers" and container.get("restartPolicy") != "Always":
                continue
            for port in as_list(container.get("ports")):
                if isinstance(port, Mapping):
                    out.append((str(container.get("name") or "?"), port))
    return out
