"""Cluster networking, simulated: pod IPs, localhost inside a pod, ClusterIPs, NetworkPolicies.

Every pod gets its own IP and reaches every other pod directly, without NAT; the CNI plugin makes
that so. Containers of one pod share one network namespace, so they reach each other on
`localhost` and two of them cannot listen on the same port. NetworkPolicies are additive allow
lists: a pod that no policy of type Ingress selects accepts every connection; once one does, only
what some rule of some such policy allows gets in (the same for Egress on the sending side), and
a connection needs both the sender's egress and the receiver's ingress to allow it. A peer with
both `podSelector` and `namespaceSelector` means pods matching both; an empty `from`/`to` list
entry matches everything; no `ports` means every port.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.korean import gwa_wa
from kubecanvas.model.references import EdgeType
from kubecanvas.model.selectors import parse_label_selector
from kubecanvas.teaching.cluster import Highlight, SimCluster, SimPod, container_ports
from kubecanvas.teaching.text import Text, join


@dataclass(frozen=True)
class LocalhostGroup:
    """The containers of one pod and the ports they listen on, reachable as localhost."""

    workload: str
    pod: str
    ports: tuple[tuple[str, int, str], ...]  # (container, port, protocol)
    clashes: tuple[str, ...]


@dataclass(frozen=True)
class Reachability:
    """Whether pods of `source` may open connections to pods of `target`, port by port;
    `reason` says why in words (a `Text`)."""

    source: str
    target: str
    allowed: bool
    allowed_ports: tuple[str, ...]
    denied_ports: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class NetworkSimulation:
    pods: tuple[SimPod, ...]
    localhost: tuple[LocalhostGroup, ...]
    service_ips: tuple[tuple[str, str, str | None], ...]  # (service id, name, ClusterIP)
    policies: tuple[str, ...]
    reachability: tuple[Reachability, ...]
    notes: tuple[str, ...]
    highlight: Highlight


@dataclass(frozen=True)
class _Port:
    number: int | None
    protocol: str
    name: str

    def __str__(self) -> str:
        return f"{self.number}/{self.protocol}" if self.number is not None else "any port"


def _localhost(doc: Document, cluster: SimCluster) -> list[LocalhostGroup]:
    out = []
    for res in doc:
        pods = cluster.pods_of(res.id)
        if not pods:
            continue
        ports: list[tuple[str, int, str]] = []
        seen: dict[tuple[int, str], str] = {}
        clashes: list[str] = []
        for container, port in container_ports(res):
            number = port.get("containerPort")
            if not isinstance(number, int):
                continue
            protocol = str(port.get("protocol") or "TCP")
            ports.append((container, number, protocol))
            other = seen.setdefault((number, protocol), container)
            if other != container:
                clashes.append(Text(f"{other} and {container} both declare {number}/{protocol}: "
                                    "they share one network namespace, so only one can listen",
                                    f"{other}{gwa_wa(other)} {container} 모두 {number}/{protocol} 포트를 "
                                    "선언합니다. 두 컨테이너는 네트워크 네임스페이스 하나를 "
                                    "공유하므로 하나만 들을 수 있습니다"))
        out.append(LocalhostGroup(res.id, pods[0].name, tuple(ports), tuple(clashes)))
    return out


class _Policies:
    """NetworkPolicy evaluation over workloads (all replicas of one share labels)."""

    def __init__(self, doc: Document, cluster: SimCluster) -> None:
        self.doc, self.cluster = doc, cluster
        self.policies = doc.by_kind("NetworkPolicy")
        self.ns_labels: dict[str, dict[str, str]] = {}
        for ns in doc.by_kind("Namespace"):
            self.ns_labels[ns.name] = dict(ns.labels)

    def namespace_labels(self, ns: str) -> dict[str, str]:
        return {**self.ns_labels.get(ns, {}), "kubernetes.io/metadata.name": ns}

    @staticmethod
    def types(policy: Any) -> list[str]:
        written = as_list(policy.spec.get("policyTypes"))
        if written:
            return [str(t) for t in written]
        return ["Ingress", "Egress"] if "egress" in policy.spec else ["Ingress"]

    def applying(self, pod: SimPod, direction: str) -> list[Any]:
        out = []
        for policy in self.policies:
            if effective_namespace(policy) != pod.namespace or direction not in self.types(policy):
                continue
            selector = parse_label_selector(policy.spec.get("podSelector"))
            if selector is not None and selector.matches(pod.labels):
                out.append(policy)
        return out

    def peer_matches(self, peer: Mapping[str, Any], policy_ns: str, pod: SimPod) -> bool:
        block = as_mapping(peer.get("ipBlock"))
        if block:
            try:
                address = ipaddress.ip_address(pod.ip)
                inside = address in ipaddress.ip_network(str(block.get("cidr")), strict=False)
                excepted = any(address in ipaddress.ip_network(str(e), strict=False)
                               for e in as_list(block.get("except")))
            except ValueError:
                return False
            return inside and not excepted
        pods, spaces = peer.get("podSelector"), peer.get("namespaceSelector")
        if spaces is not None:
            ns_sel = parse_label_selector(spaces)
            if ns_sel is None or not ns_sel.matches(self.namespace_labels(pod.namespace)):
                return False
        elif pod.namespace != policy_ns:
            return False
        if pods is not None:
            pod_sel = parse_label_selector(pods)
            return pod_sel is not None and pod_sel.matches(pod.labels)
        return spaces is not None

    @staticmethod
    def port_matches(entries: list[Any], port: _Port) -> bool:
        if not entries:
            return True
        for entry in entries:
            entry = as_mapping(entry)
            if str(entry.get("protocol") or "TCP") != port.protocol:
                continue
            wanted = entry.get("port")
            if wanted is None:
                return True
            if isinstance(wanted, str) and not wanted.isdigit():
                if wanted == port.name:
                    return True
                continue
            low = int(wanted)
            end = entry.get("endPort")
            high = end if isinstance(end, int) else low
            if port.number is not None and low <= port.number <= high:
                return True
        return False

    def allows(self, direction: str, subject: SimPod, peer: SimPod,
               port: _Port) -> tuple[bool, Text | None]:
        """Whether `subject`'s policies of `direction` admit traffic with `peer` on `port`."""
        applying = self.applying(subject, direction)
        if not applying:
            return True, None
        key, peers_key = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
        way = "인그레스(수신)" if direction == "Ingress" else "이그레스(송신)"
        for policy in applying:
            for rule in as_list(policy.spec.get(key)):
                rule = as_mapping(rule)
                peers = as_list(rule.get(peers_key))
                ns = effective_namespace(policy)
                if (not peers or any(self.peer_matches(as_mapping(p), ns, peer) for p in peers)) \
                        and self.port_matches(as_list(rule.get("ports")), port):
                    return True, Text(f"{direction.lower()} allowed by NetworkPolicy "
                                      f"{policy.name}",
                                      f"{way} 허용: 네트워크폴리시(NetworkPolicy) "
                                      f"{policy.name}")
        names = ", ".join(p.name for p in applying)
        return False, Text(f"no {direction.lower()} rule of NetworkPolicy {names} admits it",
                           f"네트워크폴리시(NetworkPolicy) {names}의 {key} 규칙 중 이 연결을 "
                           "허용하는 것이 없습니다")


def _ports_of(doc: Document, rid: str) -> list[_Port]:
    ports = [_Port(p.get("containerPort") if isinstance(p.get("containerPort"), int) else None,
                   str(p.get("protocol") or "TCP"), str(p.get("name") or ""))
             for _, p in container_ports(doc.get(rid))]
    return ports or [_Port(None, "TCP", "")]


def _pair(evaluator: _Policies, doc: Document, source: SimPod, target: SimPod) -> Reachability:
    allowed: list[str] = []
    denied: list[str] = []
    reasons: list[Text] = []
    for port in _ports_of(doc, target.owner):
        ok_out, why_out = evaluator.allows("Egress", source, target, port)
        ok_in, why_in = evaluator.allows("Ingress", target, source, port)
        (allowed if ok_out and ok_in else denied).append(str(port))
        reasons += [w for w in (why_out, why_in) if w and w not in reasons]
    reason = join(reasons) if reasons else Text(
        "no NetworkPolicy selects either side: all traffic allowed",
        "어느 쪽도 네트워크폴리시가 선택하지 않으므로 모든 트래픽이 허용됩니다")
    return Reachability(source.owner, target.owner, bool(allowed), tuple(allowed), tuple(denied),
                        reason)


def simulate_network(doc: Document, graph: WiringGraph,
                     cluster: SimCluster | None = None) -> NetworkSimulation:
    """Every pod's IP, localhost groups, Service ClusterIPs and, where NetworkPolicies exist,
    which workload's pods may talk to which."""
    cluster = cluster or SimCluster(doc)
    evaluator = _Policies(doc, cluster)
    firsts = [pods[0] for res in doc if (pods := cluster.pods_of(res.id))]
    notes = [Text("Every pod has its own IP and reaches any other pod directly, without NAT; the "
                  "CNI plugin sets this up on every node (here node-N hands out 10.244.N.x).",
                  "모든 파드는 자신만의 IP를 가지며 NAT 없이 다른 파드에 직접 닿습니다. CNI "
                  "플러그인이 모든 노드에서 이를 설정합니다(여기서는 node-N이 10.244.N.x를 "
                  "나눠 줍니다).")]
    reach: list[Reachability] = []
    if evaluator.policies:
        reach = [_pair(evaluator, doc, s, t) for s in firsts for t in firsts]
    else:
        notes.append(Text("No NetworkPolicy in the diagram: every pod may talk to every pod.",
                          "다이어그램에 네트워크폴리시(NetworkPolicy)가 없습니다: 모든 파드가 모든 "
                          "파드와 통신할 수 있습니다."))
    services = tuple((r.id, r.name, cluster.cluster_ip(r.id)) for r in doc.by_kind("Service"))
    edges = [e for p in evaluator.policies for e in graph.out_edges(p.id, EdgeType.SELECTS)]
    return NetworkSimulation(tuple(cluster.all_pods()), tuple(_localhost(doc, cluster)), services,
                             tuple(p.id for p in evaluator.policies), tuple(reach), tuple(notes),
                             Highlight(tuple(p.id for p in evaluator.policies),
                                       tuple((e.source, e.target, e.key) for e in edges)))


def reachable(sim: NetworkSimulation, source: str, target: str,
              port: int | None = None) -> bool:
    """Whether pods of workload `source` may reach pods of `target` (on `port` if given)."""
    if not sim.policies:
        return True
    for entry in sim.reachability:
        if entry.source == source and entry.target == target:
            if port is None:
                return entry.allowed
            return any(p.split("/")[0] == str(port) or p == "any port"
                       for p in entry.allowed_ports)
    return False
