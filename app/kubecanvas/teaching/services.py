"""What a Service does once applied: the pods behind it, the ports they receive, its DNS names.

A Service's selector is matched by the endpoints controller against pod labels; every matching,
ready pod becomes an endpoint. For each Service port the controller resolves `targetPort` per pod:
a number is used as is (even when no container declares it), a name is looked up among the pod's
container ports with the same protocol, and a pod without such a port is left out of that port's
endpoints. Cluster DNS gives every Service `<svc>.<ns>.svc.cluster.local`; a headless Service
(`clusterIP: None`) answers with the pod IPs instead, and gives StatefulSet pods (and pods that set
`hostname` and `subdomain`) names of their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import as_list, effective_namespace, pod_spec
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import (
    CLUSTER_DOMAIN,
    Highlight,
    SimCluster,
    SimPod,
    container_ports,
)


@dataclass(frozen=True)
class Endpoint:
    """One pod receiving one Service port's traffic (or, with `port` None, not receiving it).

    Attributes:
        pod: the pod name.
        workload: id of the workload that owns the pod.
        ip: the pod's simulated IP.
        container: the container whose port is reached, if one declares it.
        port: the port on the pod the traffic goes to; None when a named targetPort is missing.
        note: what is odd about it, in words ('' when nothing is).
    """

    pod: str
    workload: str
    ip: str
    container: str | None
    port: int | None
    note: str = ""


@dataclass(frozen=True)
class ServicePortRoute:
    """One Service port and where its traffic lands."""

    name: str
    port: int | None
    protocol: str
    target: int | str
    node_port: int | None
    endpoints: tuple[Endpoint, ...]

    @property
    def ready_endpoints(self) -> tuple[Endpoint, ...]:
        return tuple(e for e in self.endpoints if e.port is not None)


@dataclass(frozen=True)
class ServiceSimulation:
    """Everything `kubectl apply` of a Service sets in motion.

    Attributes:
        service: the Service's id.
        type: ClusterIP, NodePort, LoadBalancer or ExternalName.
        cluster_ip: the simulated ClusterIP; None when headless or ExternalName.
        headless: True for `clusterIP: None`.
        workloads: ids of the workloads whose pods the selector matches.
        pods: those pods.
        ports: each Service port with its endpoints.
        dns_names: the Service's names, longest first (the short ones work through the search
            path of pods in the same namespace).
        srv_records: `_port._proto.svc...` names of its named ports.
        pod_dns_names: (pod name, DNS name) of pods that get a name of their own.
        dns_answer: what a lookup of the Service name returns, in words.
        notes: anything else a learner should know (no selector, ExternalName...).
        highlight: the Service, the workloads and the select edges.
    """

    service: str
    type: str
    cluster_ip: str | None
    headless: bool
    workloads: tuple[str, ...]
    pods: tuple[SimPod, ...]
    ports: tuple[ServicePortRoute, ...]
    dns_names: tuple[str, ...]
    srv_records: tuple[str, ...]
    pod_dns_names: tuple[tuple[str, str], ...]
    dns_answer: str
    notes: tuple[str, ...]
    highlight: Highlight


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def resolve_target_port(workload: Resource, target: int | str,
                        protocol: str = "TCP") -> tuple[str | None, int | None, str]:
    """(container, port, note) the target port reaches on one workload's pods."""
    ports = container_ports(workload)
    if isinstance(target, int):
        for container, port in ports:
            if _int(port.get("containerPort")) == target and (
                    port.get("protocol") or "TCP") == protocol:
                return container, target, ""
        return None, target, (f"no container declares port {target}; traffic still goes to "
                              f"port {target}, and is refused unless a process listens there")
    for container, port in ports:
        if port.get("name") == target and (port.get("protocol") or "TCP") == protocol:
            number = _int(port.get("containerPort"))
            return container, number, ""
    return None, None, (f'no container port is named "{target}" ({protocol}): these pods are '
                        "left out of this port's endpoints")


def _target(port: Mapping[str, Any]) -> int | str:
    target = port.get("targetPort")
    if isinstance(target, str) and target.isdigit():
        return int(target)
    if isinstance(target, (int, str)) and not isinstance(target, bool) and target != "":
        return target
    return _int(port.get("port")) or 0


def _port_routes(doc: Document, res: Resource, pods: list[SimPod]) -> list[ServicePortRoute]:
    routes = []
    for port in as_list(res.spec.get("ports")):
        if not isinstance(port, Mapping):
            continue
        target = _target(port)
        protocol = str(port.get("protocol") or "TCP")
        endpoints = []
        for pod in pods:
            container, number, note = resolve_target_port(doc.get(pod.owner), target, protocol)
            endpoints.append(Endpoint(pod.name, pod.owner, pod.ip, container, number, note))
        routes.append(ServicePortRoute(str(port.get("name") or ""), _int(port.get("port")),
                                       protocol, target, _int(port.get("nodePort")),
                                       tuple(endpoints)))
    return routes


def service_dns_names(name: str, namespace: str) -> tuple[str, ...]:
    """The names a Service answers to, fully qualified first."""
    return (f"{name}.{namespace}.svc.{CLUSTER_DOMAIN}", f"{name}.{namespace}.svc",
            f"{name}.{namespace}", name)


def _pod_names(doc: Document, res: Resource, cluster: SimCluster,
               workloads: list[str]) -> list[tuple[str, str]]:
    ns = effective_namespace(res)
    suffix = f"{res.name}.{ns}.svc.{CLUSTER_DOMAIN}"
    out = []
    for rid in workloads:
        owner = doc.get(rid)
        spec = pod_spec(owner) or {}
        for pod in cluster.pods_of(rid):
            if owner.kind == "StatefulSet" and owner.spec.get("serviceName") == res.name:
                out.append((pod.name, f"{pod.name}.{suffix}"))
            elif spec.get("subdomain") == res.name and spec.get("hostname"):
                out.append((pod.name, f"{spec['hostname']}.{suffix}"))
    return out


def simulate_service(doc: Document, graph: WiringGraph, service_id: str,
                     cluster: SimCluster | None = None) -> ServiceSimulation:
    """Which pods receive a Service's traffic, on which ports, and under which DNS names."""
    res = doc.get(service_id)
    cluster = cluster or SimCluster(doc)
    ns = effective_namespace(res)
    kind = str(res.spec.get("type") or "ClusterIP")
    headless = res.spec.get("clusterIP") == "None"
    edges = graph.out_edges(service_id, EdgeType.SELECTS)
    workloads = [e.target for e in edges if e.target in doc]
    pods = [pod for rid in workloads for pod in cluster.pods_of(rid)]
    routes = _port_routes(doc, res, pods)
    notes: list[str] = []
    ip = cluster.cluster_ip(service_id)
    if kind == "ExternalName":
        answer = f"a CNAME record pointing at {res.spec.get('externalName') or '(unset)'}"
        notes.append("An ExternalName Service has no pods and no proxying: DNS alone "
                     "redirects clients to the external name.")
    elif headless:
        ips = ", ".join(p.ip for p in pods) or "nothing"
        answer = f"the pod IPs directly ({ips}): no virtual IP, no load balancing by kube-proxy"
    else:
        answer = f"the ClusterIP {ip}; kube-proxy spreads connections over the endpoints"
    if not res.spec.get("selector") and kind != "ExternalName":
        notes.append("The Service has no selector: Kubernetes creates no endpoints for it; "
                     "only manually written EndpointSlices would give it backends.")
    elif not pods and kind != "ExternalName":
        notes.append("The selector matches no pods: connections to the Service are refused "
                     "or time out.")
    if kind == "NodePort" or kind == "LoadBalancer":
        notes.append("Every node also listens on each port's nodePort (30000-32767) and "
                     "forwards to the same endpoints.")
    srv = tuple(f"_{r.name}._{r.protocol.lower()}.{res.name}.{ns}.svc.{CLUSTER_DOMAIN}"
                for r in routes if r.name)
    highlight = Highlight((service_id, *workloads),
                          tuple((e.source, e.target, e.key) for e in edges))
    return ServiceSimulation(service_id, kind, ip, headless, tuple(workloads), tuple(pods),
                             tuple(routes), service_dns_names(res.name, ns), srv,
                             tuple(_pod_names(doc, res, cluster, workloads)) if headless else (),
                             answer,
                             tuple(notes), highlight)
