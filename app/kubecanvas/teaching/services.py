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
from kubecanvas.model.fields import as_int, as_list
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, pod_spec
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import (
    CLUSTER_DOMAIN,
    Highlight,
    SimCluster,
    SimPod,
    container_ports,
)
from kubecanvas.teaching.text import Text


@dataclass(frozen=True)
class Endpoint:
    """One pod receiving one Service port's traffic (or, with `port` None, not receiving it).

    Attributes:
        pod: the pod name.
        workload: id of the workload that owns the pod.
        ip: the pod's simulated IP.
        container: the container whose port is reached, if one declares it.
        port: the port on the pod the traffic goes to; None when a named targetPort is missing.
        note: what is odd about it, in words (a `Text`; '' when nothing is).
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
        dns_answer: what a lookup of the Service name returns, in words (a `Text`).
        notes: anything else a learner should know (no selector, ExternalName...), as `Text`.
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



def resolve_target_port(workload: Resource, target: int | str,
                        protocol: str = "TCP") -> tuple[str | None, int | None, str]:
    """(container, port, note) the target port reaches on one workload's pods."""
    ports = container_ports(workload)
    if isinstance(target, int):
        for container, port in ports:
            if as_int(port.get("containerPort")) == target and (
                    port.get("protocol") or "TCP") == protocol:
                return container, target, ""
        return None, target, Text(
            f"no container declares port {target}; traffic still goes to port {target}, and is "
            "refused unless a process listens there",
            f"{target}번 포트를 선언한 컨테이너가 없습니다. 트래픽은 그래도 {target}번 포트로 가지만, "
            "그 포트에서 듣는 프로세스가 없으면 연결이 거부됩니다")
    for container, port in ports:
        if port.get("name") == target and (port.get("protocol") or "TCP") == protocol:
            number = as_int(port.get("containerPort"))
            return container, number, ""
    return None, None, Text(
        f'no container port is named "{target}" ({protocol}): these pods are left out of this '
        "port's endpoints",
        f'"{target}"({protocol})라는 이름의 컨테이너 포트가 없습니다. 이 파드들은 이 포트의 '
        "엔드포인트에서 빠집니다")


def _target(port: Mapping[str, Any]) -> int | str:
    target = port.get("targetPort")
    if isinstance(target, str) and target.isdigit():
        return int(target)
    if isinstance(target, (int, str)) and not isinstance(target, bool) and target != "":
        return target
    return as_int(port.get("port")) or 0


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
        routes.append(ServicePortRoute(str(port.get("name") or ""), as_int(port.get("port")),
                                       protocol, target, as_int(port.get("nodePort")),
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


def _dns_answer(res: Resource, kind: str, headless: bool, pods: list[SimPod],
                ip: str | None) -> Text:
    """What a DNS lookup of the Service's name returns, in both languages."""
    if kind == "ExternalName":
        target = str(res.spec.get("externalName") or "")
        return Text(f"a CNAME record pointing at {target or '(unset)'}",
                    f"DNS 조회 결과는 외부 이름을 가리키는 CNAME 레코드입니다(대상: {target or '설정 안 됨'})")
    if headless:
        ips = ", ".join(p.ip for p in pods)
        return Text(f"the pod IPs directly ({ips or 'nothing'}): no virtual IP, no load "
                    "balancing by kube-proxy",
                    f"DNS 조회 결과는 파드 IP 그 자체입니다({ips or '없음'}). 가상 IP도, "
                    "kube-proxy의 부하 분산도 없습니다")
    return Text(f"the ClusterIP {ip}; kube-proxy spreads connections over the endpoints",
                f"DNS 조회 결과는 ClusterIP {ip}입니다. kube-proxy가 연결을 엔드포인트들에 "
                "나눠 보냅니다")


def _notes(res: Resource, kind: str, has_pods: bool) -> tuple[Text, ...]:
    notes: list[Text] = []
    if kind == "ExternalName":
        notes.append(Text("An ExternalName Service has no pods and no proxying: DNS alone "
                          "redirects clients to the external name.",
                          "ExternalName 서비스에는 파드도 프록시도 없습니다. DNS만으로 "
                          "클라이언트를 외부 이름으로 보냅니다."))
    elif not res.spec.get("selector"):
        notes.append(Text("The Service has no selector: Kubernetes creates no endpoints for it; "
                          "only manually written EndpointSlices would give it backends.",
                          "이 서비스에는 셀렉터(selector)가 없습니다. 쿠버네티스는 엔드포인트를 "
                          "만들지 않으며, 직접 작성한 EndpointSlice만이 백엔드를 줄 수 있습니다."))
    elif not has_pods:
        notes.append(Text("The selector matches no pods: connections to the Service are refused "
                          "or time out.",
                          "셀렉터와 일치하는 파드가 없습니다. 이 서비스로의 연결은 거부되거나 "
                          "시간 초과됩니다."))
    if kind in ("NodePort", "LoadBalancer"):
        notes.append(Text("Every node also listens on each port's nodePort (30000-32767) and "
                          "forwards to the same endpoints.",
                          "모든 노드가 각 포트의 nodePort(30000-32767)에서도 듣고, 같은 "
                          "엔드포인트로 전달합니다."))
    return tuple(notes)


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
    ip = cluster.cluster_ip(service_id)
    answer = _dns_answer(res, kind, headless, pods, ip)
    notes = _notes(res, kind, bool(pods))
    srv = tuple(f"_{r.name}._{r.protocol.lower()}.{res.name}.{ns}.svc.{CLUSTER_DOMAIN}"
                for r in routes if r.name)
    highlight = Highlight((service_id, *workloads),
                          tuple((e.source, e.target, e.key) for e in edges))
    return ServiceSimulation(service_id, kind, ip, headless, tuple(workloads), tuple(pods),
                             tuple(routes), service_dns_names(res.name, ns), srv,
                             tuple(_pod_names(doc, res, cluster, workloads)) if headless else (),
                             answer, notes, highlight)
