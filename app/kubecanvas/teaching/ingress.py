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
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import as_list, as_mapping, effective_namespace
from kubecanvas.model.references import EdgeType
from kubecanvas.teaching.cluster import Highlight, SimCluster, SimPod
from kubecanvas.teaching.services import ServicePortRoute, ServiceSimulation, simulate_service

_REQUEST = re.compile(r"^\s*(?:([A-Z]+)\s+)?(?:(https?)://)?([^/\s?#]*)([^\s?#]*)")

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class WalkStep:
    """One hop of the request: what happened there, in words, and what to light up."""

    stage: str  # 'request', 'host', 'path', 'tls', 'class', 'service', 'port', 'pods', 'container'
    ok: bool
    text: str
    resources: tuple[str, ...] = ()
    edges: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class IngressWalk:
    """The whole walk of one request.

    `reached` is True when the request arrives at a container port; otherwise `broken_at` names
    the stage where it stops and `reason` says why.
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
        raise ValueError(f"not a request: {text!r} (write it like GET shop.example.com/api)")
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


def _choose_rules(rules: list[Any], host: str) -> tuple[list[int], str]:
    """Indexes of the rules that apply to `host` (the best tier only) and how they matched."""
    by_tier: dict[int, list[int]] = {}
    for r, rule in enumerate(rules):
        if isinstance(rule, Mapping) and host_matches(str(rule.get("host") or ""), host):
            by_tier.setdefault(_host_tier(str(rule.get("host") or "")), []).append(r)
    for tier, how in ((0, "exactly"), (1, "by wildcard"), (2, "(rule without a host)")):
        if tier in by_tier:
            return by_tier[tier], how
    return [], ""


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
        self.broken: tuple[str, str] | None = None

    def add(self, stage: str, text: str, resources: tuple[str, ...] = (),
            edges: tuple[tuple[str, str, str], ...] = ()) -> None:
        self.steps.append(WalkStep(stage, True, text, resources, edges))

    def stop(self, stage: str, reason: str, resources: tuple[str, ...] = ()) -> None:
        self.steps.append(WalkStep(stage, False, reason, resources))
        self.broken = (stage, reason)

    def highlight(self) -> Highlight:
        return Highlight(tuple(dict.fromkeys(r for s in self.steps for r in s.resources)),
                         tuple(dict.fromkeys(e for s in self.steps for e in s.edges)))


def _route_edge(graph: WiringGraph, ingress_id: str,
                backend_path: Path) -> tuple[tuple[str, str, str], ...]:
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
        walk.add("class", f'The Ingress controller of IngressClass "{cls}" receives the '
                 f"request{where}; without a running controller an Ingress does nothing.",
                 (ingress_id, *found))
    else:
        walk.add("class", "No ingressClassName: the cluster's default IngressClass (if one is "
                 "marked default) decides which controller serves this Ingress.", (ingress_id,))
    for t, tls in enumerate(as_list(res.spec.get("tls"))):
        hosts = [str(h).lower() for h in as_list(as_mapping(tls).get("hosts"))]
        if not hosts or any(host_matches(h, host) for h in hosts):
            secret = as_mapping(tls).get("secretName")
            edges = tuple((e.source, e.target, e.key) for e in graph.out_edges(ingress_id, EdgeType.TLS)
                          if e.path[:3] == ("spec", "tls", t))
            targets = tuple(e[1] for e in edges if e[1] in doc)
            walk.add("tls", f"HTTPS for {host} is terminated at the controller with the "
                     f"certificate in Secret {secret}; the Service then sees plain HTTP"
                     + ("" if scheme == "https" else " (this request is plain HTTP; many "
                        "controllers redirect it to HTTPS first)") + ".",
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
    walk.add("request", f"{method} {scheme}://{host}{path} arrives at Ingress {res.name}.",
             (ingress_id,))
    _front_steps(doc, graph, walk, ingress_id, scheme, host)
    rules = as_list(res.spec.get("rules"))
    indexes, how = _choose_rules(rules, host)
    chosen = _choose_path(rules, indexes, path) if indexes else None
    backend_path: Path
    rule_index = path_index = None
    if chosen is not None:
        rule_index, path_index, pattern, path_type, guessed = chosen
        rule_host = rules[rule_index].get("host") or "*"
        walk.add("host", f"Host {host} matches rule {rule_index} ({rule_host}) {how}.",
                 (ingress_id,))
        extra = (" ImplementationSpecific depends on the controller; treated here as Prefix."
                 if guessed else "")
        walk.add("path", f"Path {path} matches {pattern} ({path_type}), the longest matching "
                 f"path.{extra}", (ingress_id,))
        backend_path = ("spec", "rules", rule_index, "http", "paths", path_index, "backend")
    else:
        why = (f"no rule matches host {host}" if not indexes
               else f"no path of the rules for {host} matches {path}")
        key = "defaultBackend" if "defaultBackend" in res.spec else "backend"
        if not isinstance(res.spec.get(key), Mapping):
            walk.stop("path", f"{why.capitalize()}, and the Ingress has no defaultBackend: the "
                      "controller answers 404 Not Found itself.", (ingress_id,))
            return _result(walk, method, scheme, host, path)
        walk.add("path", f"{why.capitalize()}: the request goes to the defaultBackend.",
                 (ingress_id,))
        backend_path = ("spec", key)
    return _follow_backend(doc, graph, walk, res.id, backend_path, cluster or SimCluster(doc),
                           (method, scheme, host, path), rule_index, path_index)


def _backend(doc: Document, ingress_id: str, backend_path: Path) -> tuple[str, Any]:
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
                    backend_path: Path, cluster: SimCluster, parts: tuple[str, str, str, str],
                    rule: int | None, path_index: int | None) -> IngressWalk:
    done: dict[str, Any] = {"rule": rule, "path_index": path_index}
    name, port_ref = _backend(doc, ingress_id, backend_path)
    if not name:
        resource = as_mapping(_deep(doc, ingress_id, (*backend_path, "resource")))
        walk.stop("service", f"The backend is a resource ({resource.get('kind', '?')} "
                  f"{resource.get('name', '?')}), not a Service; the walk cannot follow it.")
        return _result(walk, *parts, **done)
    ns = effective_namespace(doc.get(ingress_id))
    found = graph.lookup("Service", ns, name)
    if not found:
        walk.stop("service", f"The backend names Service {name}, which does not exist in "
                  f"namespace {ns}: the controller answers 503 Service Unavailable.",
                  (ingress_id,))
        return _result(walk, *parts, **done)
    service_id = found[0]
    walk.add("service", f"The backend is Service {name}.", (service_id,),
             _route_edge(graph, ingress_id, backend_path))
    sim = simulate_service(doc, graph, service_id, cluster)
    route = next((r for r in sim.ports if port_ref is not None and (
        r.port == port_ref or (r.name and r.name == port_ref))), None)
    if route is None:
        shown = ", ".join(f"{r.name or '-'}:{r.port}" for r in sim.ports) or "none"
        walk.stop("port", f"Service {name} has no port {port_ref!r} (its ports: {shown}): "
                  "the controller answers 503.", (service_id,))
        return _result(walk, *parts, service=service_id, **done)
    walk.add("port", f"Service port {route.port} ({route.name or 'unnamed'}) forwards to "
             f"targetPort {route.target}.", (service_id,))
    done.update(service=service_id, service_port=route.port, target_port=route.target)
    return _to_pods(walk, sim, route, name, parts, done)


def _to_pods(walk: _Walk, sim: ServiceSimulation, route: ServicePortRoute, name: str,
             parts: tuple[str, str, str, str], done: dict[str, Any]) -> IngressWalk:
    """The last hops: from the Service port to its pods and their container port."""
    service_id = sim.service
    if not sim.pods:
        walk.stop("pods", f"Service {name} selects no pods: there is no endpoint, so the "
                  "controller answers 503.", (service_id,))
        return _result(walk, *parts, **done)
    walk.add("pods", f"Service {name} load-balances over {len(sim.pods)} pod(s): "
             + ", ".join(f"{p.name} ({p.ip})" for p in sim.pods) + ".",
             sim.workloads, sim.highlight.edges)
    ready = route.ready_endpoints
    if not ready:
        walk.stop("container", route.endpoints[0].note.capitalize() + "; the controller answers "
                  "503.", sim.workloads)
        return _result(walk, *parts, pods=tuple(sim.pods), **done)
    targets = tuple((e.pod, e.container or "?", e.port or 0) for e in ready)
    seen = sorted({(e.container or "(undeclared)", e.port) for e in ready}, key=str)
    walk.add("container", "The request reaches " + ", ".join(
        f"container {c} on port {p}" for c, p in seen) + "."
        + "".join(f" Note: {n}." for n in {e.note for e in ready if e.note}), sim.workloads)
    return _result(walk, *parts, pods=tuple(sim.pods), containers=targets, **done)


def _deep(doc: Document, rid: str, path: Path) -> Any:
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
