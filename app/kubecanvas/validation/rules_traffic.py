"""Wiring checks from anchors.md's catalogue that the first pass left out: Ingress routes claimed
twice and TLS hosts (row 6, Kubevious `ingress-unique-route-rules`,
`ingress-tls-rule-domain-match`, `multiple-default-ingress-classes`), PodDisruptionBudgets that
block every eviction (row 20, kube-linter `pdb-min-available` / `pdb-max-unavailable`) and
Prometheus-operator ServiceMonitors that select no Service or name no port (row 24, kube-linter
`dangling-servicemonitor`).

Verdicts depend on resources that are not graph neighbours, so each check declares them with
`ctx.depend`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.kinds import effective_namespace, replicas
from kubecanvas.model.korean import eun_neun, gwa_wa, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import parse_label_selector
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import ko_label
from kubecanvas.validation.rule import INFO, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
INGRESS_ROUTE_DUPLICATE = RuleId("ingress.route.duplicate")
INGRESS_TLS_HOST_UNCOVERED = RuleId("ingress.tls.host-uncovered")
INGRESSCLASS_DEFAULT_MULTIPLE = RuleId("ingressclass.default.multiple")
PDB_BLOCKS_EVICTION = RuleId("pdb.blocks-eviction")
SERVICEMONITOR_SELECTOR_NO_MATCH = RuleId("servicemonitor.selector.no-match")
SERVICEMONITOR_PORT_MISSING = RuleId("servicemonitor.port.missing")

DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class"
SERVICE_MONITOR = ("monitoring.coreos.com", "ServiceMonitor")
Route = tuple[str, str, str, str]
REPLICATED = frozenset({"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController", "Pod"})




def _class_of(ing: Resource) -> str:
    annotations = as_mapping(ing.metadata.get("annotations"))
    return str(ing.spec.get("ingressClassName") or annotations.get("kubernetes.io/ingress.class")
               or "")


def _routes(ing: Resource) -> Iterator[tuple[Route, tuple[str | int, ...]]]:
    """(class, host, path, pathType) of every path of an Ingress, with its field path."""
    cls = _class_of(ing)
    for i, rule in enumerate(as_list(ing.spec.get("rules"))):
        host = str(as_mapping(rule).get("host") or "")
        for j, path in enumerate(as_list(as_mapping(as_mapping(rule).get("http")).get("paths"))):
            path = as_mapping(path)
            yield ((cls, host, str(path.get("path") or "/"), str(path.get("pathType") or "")),
                   ("spec", "rules", i, "http", "paths", j, "path"))


def ingress_routes(ctx: Context) -> Iterator[Finding]:
    """`ingress.route.duplicate` and `ingress.tls.host-uncovered`."""
    for ing in ctx.targets("Ingress"):
        for route, path in _routes(ing):
            key = f"*host:{route[1]}*"  # the KindIndex keeps Ingresses by host (context.py)
            ctx.depend(ing.id, key)
            others = [o for o in ctx.of_kind(key) if o.id != ing.id
                      and any(r == route for r, _ in _routes(o))]
            if others:
                host = route[1] or "any host"
                yield ctx.report(INGRESS_ROUTE_DUPLICATE, ing, Text(
                    f"{others[0].label()} also routes {host} {route[2]} ({route[3]}) through the "
                    f"same class; which backend wins depends on the controller.",
                    f"{ko_label(others[0])}도 같은 클래스로 {host} {route[2]}({route[3]}) 경로를 "
                    f"라우팅합니다. 어느 백엔드가 이기는지는 컨트롤러에 달려 있습니다."), path,
                                 tuple(o.id for o in others))
        yield from _tls_hosts(ctx, ing)


def _covers(pattern: str, host: str) -> bool:
    if pattern.startswith("*."):
        first, _, rest = host.partition(".")
        return bool(first) and rest == pattern[2:]
    return pattern == host


def _tls_hosts(ctx: Context, ing: Resource) -> Iterator[Finding]:
    tls = as_list(ing.spec.get("tls"))
    if not tls:
        return
    patterns = [str(h) for entry in tls for h in as_list(as_mapping(entry).get("hosts"))]
    for i, rule in enumerate(as_list(ing.spec.get("rules"))):
        host = as_mapping(rule).get("host")
        if isinstance(host, str) and host and not any(_covers(p, host) for p in patterns):
            yield ctx.report(INGRESS_TLS_HOST_UNCOVERED, ing, Text(
                f"host {host} is not in any tls[].hosts of this Ingress; HTTPS for it gets the "
                f"controller's default certificate.",
                f"호스트 {host}{i_ga(host)} 이 인그레스의 어떤 tls[].hosts에도 없습니다. 그 호스트의 HTTPS는 "
                f"컨트롤러의 기본 인증서를 받습니다."),
                             ("spec", "rules", i, "host"))


def default_ingress_classes(ctx: Context) -> Iterator[Finding]:
    """`ingressclass.default.multiple`: more than one IngressClass marked default."""
    targets = list(ctx.targets("IngressClass"))
    defaults = [] if not targets else [c for c in ctx.of_kind("IngressClass")
                if str(as_mapping(c.metadata.get("annotations")).get(DEFAULT_CLASS_ANNOTATION))
                .lower() == "true"]
    for cls in targets:
        ctx.depend(cls.id, "IngressClass")
        others = [c for c in defaults if c.id != cls.id]
        if cls in defaults and others:
            yield ctx.report(INGRESSCLASS_DEFAULT_MULTIPLE, cls, Text(
                f"{others[0].label()} is marked default too; with several default "
                f"IngressClasses, admission rejects Ingresses that name no class.",
                f"{ko_label(others[0])}도 기본으로 표시되어 있습니다. 기본 인그레스클래스가 여럿이면 "
                f"어드미션이 클래스를 지정하지 않은 인그레스를 거부합니다."),
                             ("metadata", "annotations", DEFAULT_CLASS_ANNOTATION),
                             tuple(o.id for o in others))


def disruption_budgets(ctx: Context) -> Iterator[Finding]:
    """`pdb.blocks-eviction`: a budget that no voluntary eviction can satisfy."""
    for pdb in ctx.targets("PodDisruptionBudget"):
        spec = pdb.spec
        # an HPA on a selected workload (two hops away) changes the verdict
        ctx.depend(pdb.id, "HorizontalPodAutoscaler", effective_namespace(pdb))
        for edge in ctx.out_edges(pdb.id, EdgeType.SELECTS):
            owner = ctx.resource(edge.target)
            if owner is None or owner.kind not in REPLICATED or \
                    ctx.in_edges(owner.id, EdgeType.SCALES):
                continue  # a DaemonSet's or an autoscaled workload's count is not in the YAML
            count = replicas(owner)
            blocked = _blocks(spec.get("minAvailable"), spec.get("maxUnavailable"), count)
            if blocked:
                yield ctx.report(PDB_BLOCKS_EVICTION, pdb, Text(
                    f"{blocked} for {owner.label()} ({count} replica{'s' if count != 1 else ''}): "
                    f"no pod may ever be evicted, so node drains and upgrades hang.",
                    f"{ko_label(owner)}(레플리카 {count}개)에 {blocked}: 어떤 파드도 축출될 수 "
                    f"없어 노드 드레인과 업그레이드가 멈춥니다."),
                                 ("spec", "minAvailable" if "minAvailable" in spec
                                  else "maxUnavailable"), (owner.id,))


def _blocks(min_available: Any, max_unavailable: Any, count: int) -> str | None:
    if isinstance(min_available, int) and not isinstance(min_available, bool) and \
            min_available >= count:
        return f"minAvailable {min_available} >= replicas"
    if min_available == "100%":
        return "minAvailable 100%"
    if max_unavailable in (0, "0%"):
        return f"maxUnavailable {max_unavailable}"
    return None


def service_monitors(ctx: Context) -> Iterator[Finding]:
    """`servicemonitor.selector.no-match`, `servicemonitor.port.missing`."""
    for mon in ctx.targets("ServiceMonitor"):
        if (mon.group, mon.kind) != SERVICE_MONITOR:
            continue
        spec = mon.spec
        selector = parse_label_selector(spec.get("selector"))
        namespaces = _monitored_namespaces(mon, as_mapping(spec.get("namespaceSelector")))
        if selector is None or namespaces is None:
            continue
        services = []
        for ns in namespaces:
            ctx.depend(mon.id, "Service", ns)
            services += [s for s in ctx.of_kind("Service", ns) if selector.matches(s.labels)]
        if not services:
            yield ctx.report(SERVICEMONITOR_SELECTOR_NO_MATCH, mon, Text(
                f"the selector {selector.describe()} matches no Service in "
                f"{', '.join(namespaces)} in the document: Prometheus scrapes nothing for this "
                f"monitor.",
                f"셀렉터 {selector.describe()}{gwa_wa(selector.describe())} 일치하는 서비스가 문서의 "
                f"{', '.join(namespaces)}에 없습니다. Prometheus가 이 모니터로 아무것도 수집하지 "
                f"않습니다."), ("spec", "selector"))
            continue
        names = {str(as_mapping(p).get("name"))
                 for s in services for p in as_list(s.spec.get("ports"))}
        for i, endpoint in enumerate(as_list(spec.get("endpoints"))):
            port = as_mapping(endpoint).get("port")
            if isinstance(port, str) and port and port not in names:
                shown = ', '.join(sorted(names))
                yield ctx.report(SERVICEMONITOR_PORT_MISSING, mon, Text(
                    f'endpoint port "{port}" is not a port name of the selected Services '
                    f"({shown or 'none named'}); that endpoint is never scraped.",
                    f'엔드포인트 포트 "{port}"{eun_neun(port)} 선택된 서비스의 포트 이름이 아닙니다'
                    f"({shown or '이름 있는 포트 없음'}). 그 엔드포인트는 수집되지 않습니다."),
                                 ("spec", "endpoints", i, "port"),
                                 tuple(s.id for s in services))


def _monitored_namespaces(mon: Resource, selector: Mapping[str, Any]) -> list[str] | None:
    """The namespaces a ServiceMonitor looks in; None when it is every namespace."""
    if selector.get("any") is True:
        return None
    names = [str(n) for n in as_list(selector.get("matchNames"))]
    return names or [effective_namespace(mon)]


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(INGRESS_ROUTE_DUPLICATE, W, "Two Ingresses of the same class route the same host and "
         "path.", ingress_routes),
    Rule(INGRESS_TLS_HOST_UNCOVERED, INFO, "An Ingress with TLS has a rule host that none of its "
         "tls[].hosts covers.", ingress_routes),
    Rule(INGRESSCLASS_DEFAULT_MULTIPLE, W, "More than one IngressClass is marked default.",
         default_ingress_classes),
    Rule(PDB_BLOCKS_EVICTION, W, "A PodDisruptionBudget no eviction can satisfy (minAvailable >= "
         "replicas, or maxUnavailable 0).", disruption_budgets),
    Rule(SERVICEMONITOR_SELECTOR_NO_MATCH, W, "A ServiceMonitor's selector matches no Service in "
         "the namespaces it watches.", service_monitors),
    Rule(SERVICEMONITOR_PORT_MISSING, W, "A ServiceMonitor endpoint names a port the selected "
         "Services do not have.", service_monitors),
)
