"""Walking one HTTP request through an Ingress, as an Ingress controller would route it.

Host matching follows the Ingress API: a rule's host matches exactly, or, for `*.example.com`,
any host with exactly one more label in front (`a.example.com`, not `a.b.example.com` and not
`example.com`); a rule without a host matches every request. Exact hosts are tried before
wildcards, and both before host-less rules. Paths: `Exact` compares the whole path, `Prefix`
compares path elements split on '/' (so `/api` matches `/api/items` but not `/apis`), and
`ImplementationSpecific` depends on the controller; the walk treats it as Prefix and says so. The
longest matching path wins; on a tie Exact beats Prefix. Unmatched requests go to the Ingress's
`defaultBackend`, else the controller answers 404 itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.korean import eun_neun, euro_ro, gwa_wa
from kubecanvas.model.references import EdgeType
from kubecanvas.teaching.cluster import Highlight, SimCluster, SimPod
from kubecanvas.teaching.services import (
    Endpoint,
    ServicePortRoute,
    ServiceSimulation,
    simulate_service,
)
from kubecanvas.teaching.text import Text, join, local

_REQUEST = re.compile(r"^\s*(?:([A-Z]+)\s+)?(?:(https?)://)?([^/\s?#]*)([^\s?#]*)")



@dataclass(frozen=True)
class WalkStep:
    """One hop of the request: what happened there, in words (a `Text`), and what to light up."""

    stage: str  # 'request', 'host', 'path', 'tls', 'class', 'service', 'port', 'pods', 'container'
    ok: bool
    text: str
    resources: tuple[str, ...] = ()
    edges: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class IngressWalk:
    """The whole walk of one request.

    `reached` is True when the request arrives at a container port; otherwise `broken_at` names
    the stage where it stops and `reason` says why (a `Text`, like every step's text).
    """

    ingress: str
    request: str
    method: str
    scheme: str
    host: str
    path: str
    steps: tuple[WalkStep, ...]
    reached: bool
    broken_at: str | None = None
    reason: str | None = None
    rule: int | None = None
    path_index: int | None = None
    service: str | None = None
    service_port: int | None = None
    target_port: int | str | None = None
    pods: tuple[SimPod, ...] = ()
    containers: tuple[tuple[str, str, int], ...] = field(default=())  # (pod, container, port)
    highlight: Highlight = Highlight()


def parse_request(text: str) -> tuple[str, str, str, str]:
    """`GET https://shop.example.com/api/items` -> (method, scheme, host, path)."""
    match = _REQUEST.match(text)
    if match is None or not match.group(3):
        raise ValueError(Text(f"not a request: {text!r} (write it like GET shop.example.com/api)",
                              f"요청이 아닙니다: {text!r} (GET shop.example.com/api 처럼 "
                              "쓰세요)"))
    method, scheme, host, path = match.groups()
    host = host.lower().rsplit(":", 1)[0] if not host.startswith("[") else host.lower()
    return method or "GET", scheme or "http", host, path or "/"


def host_matches(rule_host: str, host: str) -> bool:
    """The Ingress API's host match: exact, or a single-label wildcard."""
    if not rule_host:
        return True
    rule_host = rule_host.lower()
    if rule_host.startswith("*."):
        suffix = rule_host[1:]
        first, _, rest = host.partition(".")
        return bool(first) and "." + rest == suffix
    return rule_host == host


def _elements(path: str) -> list[str]:
    return [e for e in path.split("/") if e]


def path_matches(path_type: str, pattern: str, path: str) -> bool:
    """Exact: the same string. Prefix (and ImplementationSpecific here): element-wise prefix."""
    if path_type == "Exact":
        return pattern == path
    wanted = _elements(pattern)
    return _elements(path)[: len(wanted)] == wanted


def _host_tier(rule_host: str) -> int:
    if not rule_host:
        return 2
    return 1 if rule_host.startswith("*.") else 0


_HOW = ((0, Text("exactly", "정확히 일치합니다")),
        (1, Text("by wildcard", "와일드카드로 일치합니다")),
        (2, Text("(rule without a host)", "일치합니다. 호스트가 없는 규칙은 모든 요청에 맞습니다")))


def _choose_rules(rules: list[Any], host: str) -> tuple[list[int], Text]:
    """Indexes of the rules that apply to `host` (the best tier only) and how they matched."""
    by_tier: dict[int, list[int]] = {}
    for r, rule in enumerate(rules):
        if isinstance(rule, Mapping) and host_matches(str(rule.get("host") or ""), host):
            by_tier.setdefault(_host_tier(str(rule.get("host") or "")), []).append(r)
    for tier, how in _HOW:
        if tier in by_tier:
            return by_tier[tier], how
    return [], Text("", "")


def _choose_path(rules: list[Any], indexes: list[int],
                 path: str) -> tuple[int, int, str, str, bool] | None:
    """(rule, path index, pattern, pathType, treated-as-prefix) of the winning path."""
    best: tuple[tuple[int, int, int], tuple[int, int, str, str, bool]] | None = None
    for r in indexes:
        for p, entry in enumerate(as_list(as_mapping(rules[r].get("http")).get("paths"))):
            if not isinstance(entry, Mapping):
                continue
            pattern = str(entry.get("path") or "/")
            path_type = str(entry.get("pathType") or "ImplementationSpecific")
            if not path_matches(path_type, pattern, path):
                continue
            score = (len(_elements(pattern)), len(pattern.rstrip("/")),
                     1 if path_type == "Exact" else 0)
            if best is None or score > best[0]:
                best = (score, (r, p, pattern, path_type, path_type == "ImplementationSpecific"))
    return best[1] if best else None


class _Walk:
    """Accumulates steps; `stop` ends the walk with a reason."""

    def __init__(self, ingress: str, request: str) -> None:
        self.ingress, self.request = ingress, request
        self.steps: list[WalkStep] = []
        self.broken: tuple[str, Text] | None = None

    def add(self, stage: str, text: Text, resources: tuple[str, ...] = (),
            edges: tuple[tuple[str, str, str], ...] = ()) -> None:
        self.steps.append(WalkStep(stage, True, text, resources, edges))

    def stop(self, stage: str, reason: Text, resources: tuple[str, ...] = ()) -> None:
        self.steps.append(WalkStep(stage, False, reason, resources))
        self.broken = (stage, reason)

    def highlight(self) -> Highlight:
        return Highlight(tuple(dict.fromkeys(r for s in self.steps for r in s.resources)),
                         tuple(dict.fromkeys(e for s in self.steps for e in s.edges)))


def _route_edge(graph: WiringGraph, ingress_id: str,
                backend_path: FieldPath) -> tuple[tuple[str, str, str], ...]:
    for edge in graph.out_edges(ingress_id, EdgeType.ROUTES):
        if edge.path[: len(backend_path)] == backend_path:
            return ((edge.source, edge.target, edge.key),)
    return ()


def _front_steps(doc: Document, graph: WiringGraph, walk: _Walk, ingress_id: str,
                 scheme: str, host: str) -> None:
    res = doc.get(ingress_id)
    cls = res.spec.get("ingressClassName")
    if cls:
        found = graph.lookup("IngressClass", "", str(cls))
        where = "" if found else " (not in the diagram: the cluster must provide it)"
        where_ko = "" if found else "(다이어그램에 없으므로 클러스터가 제공해야 합니다)"
        walk.add("class", Text(
            f'The Ingress controller of IngressClass "{cls}" receives the request{where}; '
            "without a running controller an Ingress does nothing.",
            f'IngressClass "{cls}"의 인그레스 컨트롤러가 요청을 받습니다{where_ko}. 실행 중인 '
            "컨트롤러가 없으면 인그레스(Ingress)는 아무 일도 하지 않습니다."),
            (ingress_id, *found))
    else:
        walk.add("class", Text(
            "No ingressClassName: the cluster's default IngressClass (if one is marked default) "
            "decides which controller serves this Ingress.",
            "ingressClassName이 없습니다. 클러스터에 기본(default)으로 표시된 IngressClass가 "
            "있으면, 그 클래스가 이 인그레스를 처리할 컨트롤러를 정합니다."), (ingress_id,))
    for t, tls in enumerate(as_list(res.spec.get("tls"))):
        hosts = [str(h).lower() for h in as_list(as_mapping(tls).get("hosts"))]
        if not hosts or any(host_matches(h, host) for h in hosts):
            secret = as_mapping(tls).get("secretName")
            edges = tuple((e.source, e.target, e.key) for e in graph.out_edges(ingress_id, EdgeType.TLS)
                          if e.path[:3] == ("spec", "tls", t))
            targets = tuple(e[1] for e in edges if e[1] in doc)
            plain = scheme != "https"
            walk.add("tls", Text(
                f"HTTPS for {host} is terminated at the controller with the certificate in "
                f"Secret {secret}; the Service then sees plain HTTP"
                + (" (this request is plain HTTP; many controllers redirect it to HTTPS first)"
                   if plain else "") + ".",
                f"{host}의 HTTPS는 시크릿(Secret) {secret}의 인증서로 컨트롤러에서 종료되고, "
                "서비스는 평문 HTTP를 받습니다"
                + ("(이 요청은 평문 HTTP입니다. 많은 컨트롤러가 먼저 HTTPS로 리디렉션합니다)"
                   if plain else "") + "."),
                (ingress_id, *targets), edges)
            return


def walk_ingress(doc: Document, graph: WiringGraph, ingress_id: str, request: str,
                 cluster: SimCluster | None = None) -> IngressWalk:
    """Route `request` (`GET shop.example.com/api/items`) through an Ingress to a container.

    Raises:
        ValueError: the request text has no host.
    """
    method, scheme, host, path = parse_request(request)
    res = doc.get(ingress_id)
    walk = _Walk(ingress_id, request)
    url = f"{method} {scheme}://{host}{path}"
    walk.add("request", Text(f"{url} arrives at Ingress {res.name}.",
                             f"{url} 요청이 인그레스(Ingress) {res.name}에 도착합니다."),
             (ingress_id,))
    _front_steps(doc, graph, walk, ingress_id, scheme, host)
    rules = as_list(res.spec.get("rules"))
    indexes, how = _choose_rules(rules, host)
    chosen = _choose_path(rules, indexes, path) if indexes else None
    backend_path: FieldPath
    rule_index = path_index = None
    if chosen is not None:
        rule_index, path_index, pattern, path_type, guessed = chosen
        rule_host = rules[rule_index].get("host") or "*"
        walk.add("host", Text(f"Host {host} matches rule {rule_index} ({rule_host}) {how}.",
                              f"호스트 {host}{eun_neun(host)} 규칙 {rule_index}번({rule_host}){gwa_wa(rule_index)} "
                              f"{how.ko}."),
                 (ingress_id,))
        extra = (" ImplementationSpecific depends on the controller; treated here as Prefix."
                 if guessed else "")
        extra_ko = (" ImplementationSpecific의 동작은 컨트롤러마다 다르며, 여기서는 Prefix로 "
                    "다룹니다." if guessed else "")
        walk.add("path", Text(f"FieldPath {path} matches {pattern} ({path_type}), the longest "
                              f"matching path.{extra}",
                              f"경로 {path}{eun_neun(path)} {pattern}({path_type}){gwa_wa(path_type)} 일치하며, "
                              "일치하는 경로 중 가장 깁니다."
                              f"{extra_ko}"), (ingress_id,))
        backend_path = ("spec", "rules", rule_index, "http", "paths", path_index, "backend")
    else:
        why = (f"no rule matches host {host}" if not indexes
               else f"no path of the rules for {host} matches {path}")
        why_ko = (f"호스트 {host}에 맞는 규칙이 없습니다" if not indexes
                  else f"호스트 {host}의 규칙 중 경로 {path}에 맞는 path가 없습니다")
        key = "defaultBackend" if "defaultBackend" in res.spec else "backend"
        if not isinstance(res.spec.get(key), Mapping):
            walk.stop("path", Text(f"{why.capitalize()}, and the Ingress has no defaultBackend: "
                                   "the controller answers 404 Not Found itself.",
                                   f"{why_ko}. 인그레스에 defaultBackend도 없어서 컨트롤러가 "
                                   "직접 404 Not Found로 응답합니다."), (ingress_id,))
            return _result(walk, method, scheme, host, path)
        walk.add("path", Text(f"{why.capitalize()}: the request goes to the defaultBackend.",
                              f"{why_ko}. 요청은 defaultBackend로 갑니다."), (ingress_id,))
        backend_path = ("spec", key)
    return _follow_backend(doc, graph, walk, res.id, backend_path, cluster or SimCluster(doc),
                           (method, scheme, host, path), rule_index, path_index)


def _backend(doc: Document, ingress_id: str, backend_path: FieldPath) -> tuple[str, Any]:
    node: Any = doc.get(ingress_id).manifest
    for step in backend_path:
        node = node[step] if isinstance(step, int) else as_mapping(node).get(step)
    backend = as_mapping(node)
    service = as_mapping(backend.get("service"))
    if service:
        port = as_mapping(service.get("port"))
        return str(service.get("name") or ""), port.get("number", port.get("name"))
    if backend.get("serviceName"):
        return str(backend["serviceName"]), backend.get("servicePort")
    return "", None


def _follow_backend(doc: Document, graph: WiringGraph, walk: _Walk, ingress_id: str,
                    backend_path: FieldPath, cluster: SimCluster, parts: tuple[str, str, str, str],
                    rule: int | None, path_index: int | None) -> IngressWalk:
    done: dict[str, Any] = {"rule": rule, "path_index": path_index}
    name, port_ref = _backend(doc, ingress_id, backend_path)
    if not name:
        resource = as_mapping(_deep(doc, ingress_id, (*backend_path, "resource")))
        what = f"{resource.get('kind', '?')} {resource.get('name', '?')}"
        walk.stop("service", Text(f"The backend is a resource ({what}), not a Service; the walk "
                                  "cannot follow it.",
                                  f"백엔드가 서비스가 아니라 리소스({what})입니다. 요청을 그 "
                                  "너머로 따라갈 수 없습니다."))
        return _result(walk, *parts, **done)
    ns = effective_namespace(doc.get(ingress_id))
    found = graph.lookup("Service", ns, name)
    if not found:
        walk.stop("service", Text(f"The backend names Service {name}, which does not exist in "
                                  f"namespace {ns}: the controller answers 503 Service "
                                  "Unavailable.",
                                  f"백엔드가 가리키는 서비스(Service) {name}: 네임스페이스 {ns}에 "
                                  "존재하지 않습니다. 컨트롤러는 503 Service Unavailable로 "
                                  "응답합니다."), (ingress_id,))
        return _result(walk, *parts, **done)
    service_id = found[0]
    walk.add("service", Text(f"The backend is Service {name}.",
                             f"백엔드는 서비스(Service) {name}입니다."), (service_id,),
             _route_edge(graph, ingress_id, backend_path))
    sim = simulate_service(doc, graph, service_id, cluster)
    route = next((r for r in sim.ports if port_ref is not None and (
        r.port == port_ref or (r.name and r.name == port_ref))), None)
    if route is None:
        shown = ", ".join(f"{r.name or '-'}:{r.port}" for r in sim.ports)
        walk.stop("port", Text(f"Service {name} has no port {port_ref!r} (its ports: "
                               f"{shown or 'none'}): the controller answers 503.",
                               f"서비스 {name}에는 {port_ref!r} 포트가 없습니다(있는 포트: "
                               f"{shown or '없음'}). 컨트롤러는 503으로 응답합니다."),
                  (service_id,))
        return _result(walk, *parts, service=service_id, **done)
    walk.add("port", Text(f"Service port {route.port} ({route.name or 'unnamed'}) forwards to "
                          f"targetPort {route.target}.",
                          f"서비스 포트 {route.port}({route.name or '이름 없음'})의 트래픽은 "
                          f"targetPort {route.target}{euro_ro(route.target)} 전달됩니다."), (service_id,))
    done.update(service=service_id, service_port=route.port, target_port=route.target)
    return _to_pods(walk, sim, route, name, parts, done)


def _to_pods(walk: _Walk, sim: ServiceSimulation, route: ServicePortRoute, name: str,
             parts: tuple[str, str, str, str], done: dict[str, Any]) -> IngressWalk:
    """The last hops: from the Service port to its pods and their container port."""
    service_id = sim.service
    if not sim.pods:
        walk.stop("pods", Text(f"Service {name} selects no pods: there is no endpoint, so the "
                               "controller answers 503.",
                               f"서비스 {name}의 셀렉터와 일치하는 파드가 없습니다. 엔드포인트가 "
                               "없으므로 컨트롤러는 503으로 응답합니다."), (service_id,))
        return _result(walk, *parts, **done)
    listed = ", ".join(f"{p.name} ({p.ip})" for p in sim.pods)
    walk.add("pods", Text(f"Service {name} load-balances over {len(sim.pods)} pod(s): {listed}.",
                          f"서비스 {name}의 트래픽이 파드 {len(sim.pods)}개에 분산됩니다: "
                          f"{listed}."),
             sim.workloads, sim.highlight.edges)
    ready = route.ready_endpoints
    if not ready:
        note = route.endpoints[0].note
        walk.stop("container", Text(note.capitalize() + "; the controller answers 503.",
                                    join([note, "컨트롤러는 503으로 응답합니다."], ". ").ko),
                  sim.workloads)
        return _result(walk, *parts, pods=tuple(sim.pods), **done)
    walk.add("container", _reached(ready), sim.workloads)
    targets = tuple((e.pod, e.container or "?", e.port or 0) for e in ready)
    return _result(walk, *parts, pods=tuple(sim.pods), containers=targets, **done)


def _reached(ready: tuple[Endpoint, ...]) -> Text:
    """"The request reaches container app on port 8080." with the endpoints' notes."""
    undeclared = "(undeclared)"
    seen = sorted({(e.container or undeclared, e.port) for e in ready}, key=str)
    notes = list({e.note: None for e in ready if e.note})
    return Text("The request reaches " + ", ".join(
        f"container {c} on port {p}" for c, p in seen) + "."
        + "".join(f" Note: {n}." for n in notes),
        "요청이 " + ", ".join(f"컨테이너 {'(선언 안 됨)' if c == undeclared else c}의 {p}번 포트"
                           for c, p in seen)
        + "에 도착합니다." + "".join(f" 참고: {local(n, 'ko')}." for n in notes))


def _deep(doc: Document, rid: str, path: FieldPath) -> Any:
    node: Any = doc.get(rid).manifest
    for step in path:
        node = node[step] if isinstance(step, int) else as_mapping(node).get(step)
    return node


def _result(walk: _Walk, method: str, scheme: str, host: str, path: str,
            **found: Any) -> IngressWalk:
    broken = walk.broken
    return IngressWalk(walk.ingress, walk.request, method, scheme, host, path, tuple(walk.steps),
                       broken is None, broken[0] if broken else None,
                       broken[1] if broken else None, highlight=walk.highlight(), **found)
