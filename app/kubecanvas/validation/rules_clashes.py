"""Rules across resources that clash or reach nothing: policies (PodDisruptionBudgets,
NetworkPolicies) whose selector matches no pod, workloads whose selectors overlap, nodePorts used
twice, and resources defined twice.

Their verdicts on one resource depend on others that are not its graph neighbours, so each
declares what it reads (`Context.depend`) for the incremental validator.
"""

from __future__ import annotations

from collections.abc import Iterator

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.kinds import effective_namespace, template_labels
from kubecanvas.model.korean import eun_neun, euro_ro, gwa_wa, i_ga
from kubecanvas.model.order import order_key
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import own_selector
from kubecanvas.model.text import Text
from kubecanvas.validation.context import PODS, Context, label_key, name_key
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import ko_label, set_field
from kubecanvas.validation.rule import E, Rule, RuleId, W
from kubecanvas.validation.rules_graph import operator_pods

# --- the rule ids this module reports ------------------------------------------------------------
NETWORKPOLICY_SELECTOR_NO_MATCH = RuleId("networkpolicy.selector.no-match")
PDB_SELECTOR_NO_MATCH = RuleId("pdb.selector.no-match")
WORKLOAD_SELECTOR_OVERLAP = RuleId("workload.selector.overlap")
SERVICE_NODE_PORT_DUPLICATE = RuleId("service.nodePort.duplicate")
RESOURCE_DUPLICATE = RuleId("resource.duplicate")


def policy_selectors(ctx: Context) -> Iterator[Finding]:
    """`networkpolicy.selector.no-match`, `pdb.selector.no-match`."""
    for res in ctx.targets("NetworkPolicy", "PodDisruptionBudget"):
        info = ctx.graph.selector_info(res.id)
        if info is None or info.selector.is_empty or ctx.out_edges(res.id, EdgeType.SELECTS):
            continue
        ctx.depend(res.id, PODS, info.namespace)
        if operator_pods(ctx, res, info.selector) is not None:
            continue
        rule = NETWORKPOLICY_SELECTOR_NO_MATCH if res.kind == "NetworkPolicy" else \
            PDB_SELECTOR_NO_MATCH
        effect = Text("the policy applies to no pod", "정책이 어떤 파드에도 적용되지 않습니다") \
            if res.kind == "NetworkPolicy" else \
            Text("the budget protects no pod", "버짓이 어떤 파드도 보호하지 않습니다")
        yield ctx.report(rule, res, Text(
            f"the selector {info.selector.describe()} matches no pods in namespace "
            f"{info.namespace} in the document: {effect.en}.",
            f"셀렉터 {info.selector.describe()}{gwa_wa(info.selector.describe())} 일치하는 파드가 문서의 네임스페이스 "
            f"{info.namespace}에 없습니다. {effect.ko}."), info.path)


def selector_overlap(ctx: Context) -> Iterator[Finding]:
    """`workload.selector.overlap`: two controllers in a namespace selecting each other's pods
    fight over them."""
    for res in ctx.targets("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
                           "ReplicationController"):
        selector = own_selector(res)
        if selector is None or selector.is_empty:
            continue
        ns = effective_namespace(res)
        pair = selector.index_key()  # every pod the selector matches carries this label
        ctx.depend(res.id, label_key(*pair) if pair else PODS, ns)
        candidates = _owners_with(ctx, ns, pair) if pair else [
            r for r in (ctx.resource(i) for i in ctx.graph.pod_owners_in(ns)) if r is not None]
        overlapping = [other for other in candidates
                       if other.id != res.id and other.kind not in ("Pod", "Job", "CronJob")
                       and selector.matches(template_labels(other))]
        if overlapping:  # the first in the canonical order, not by id
            other = min(overlapping, key=order_key)
            yield ctx.report(WORKLOAD_SELECTOR_OVERLAP, res, Text(
                f"the selector {selector.describe()} also matches the pods of "
                f"{other.label()}; the controllers fight over them.",
                f"셀렉터 {selector.describe()}{i_ga(selector.describe())} {ko_label(other)}의 "
                f"파드와도 일치합니다. 컨트롤러들이 그 파드를 두고 다툽니다."),
                ("spec", "selector"), (other.id,))


def _owners_with(ctx: Context, ns: str, pair: tuple[str, str]) -> list[Resource]:
    """Pod owners in `ns` whose pods carry the label `pair` (the graph's label index)."""
    found = (ctx.resource(i) for i in ctx.graph.pod_owners_with_label(ns, *pair))
    return [r for r in found if r is not None]


def _node_ports_of(svc: Resource) -> list[int]:
    return [n for n in (as_mapping(p).get("nodePort") for p in as_list(svc.spec.get("ports")))
            if isinstance(n, int) and n]


def node_ports(ctx: Context) -> Iterator[Finding]:
    """`service.nodePort.duplicate`: a nodePort may be allocated once in the cluster."""
    for svc in ctx.targets("Service"):
        if _node_ports_of(svc):
            ctx.depend(svc.id, "Service")
            yield from _node_port_clashes(ctx, svc, _node_port_index(ctx))


def _node_port_index(ctx: Context) -> dict[tuple[int, str], list[tuple[Resource, int]]]:
    index = ctx.cache.get("node_ports")
    if index is None:
        index = {}
        for svc in ctx.of_kind("Service"):
            for i, port in enumerate(as_list(svc.spec.get("ports"))):
                number = as_mapping(port).get("nodePort")
                if isinstance(number, int) and number:
                    key = (number, str(as_mapping(port).get("protocol") or "TCP"))
                    index.setdefault(key, []).append((svc, i))
        ctx.cache["node_ports"] = index
    return index  # type: ignore[no-any-return]


def _node_port_clashes(ctx: Context, svc: Resource,
                       index: dict[tuple[int, str], list[tuple[Resource, int]]]
                       ) -> Iterator[Finding]:
    for i, port in enumerate(as_list(svc.spec.get("ports"))):
        number = as_mapping(port).get("nodePort")
        if not isinstance(number, int) or not number:
            continue
        proto = str(as_mapping(port).get("protocol") or "TCP")
        others = [s for s, _ in index.get((number, proto), ()) if s.id != svc.id]
        if others:
            free = next_free_node_port({n for n, _ in index}, number)
            fix = set_field(svc, ("spec", "ports", i, "nodePort"), free, Text(
                f"change nodePort to {free} (the next port in 30000-32767 no Service of the "
                f"document uses)",
                f"nodePort를 {free}{euro_ro(free)} 바꿉니다(30000-32767에서 문서의 어느 서비스도 쓰지 않는 "
                f"다음 포트)")) if free else None
            yield ctx.report(SERVICE_NODE_PORT_DUPLICATE, svc, Text(
                f"nodePort {number}/{proto} is also used by {others[0].label()}; the second "
                f"apply is rejected (provided port is already allocated).",
                f"nodePort {number}/{proto}{eun_neun(proto)} {ko_label(others[0])}도 씁니다. 두 번째 apply는 "
                f"거부됩니다(provided port is already allocated)."), ("spec", "ports", i, "nodePort"),
                             tuple(s.id for s in others), fix)


def next_free_node_port(used: set[int], after: int, low: int = 30000,
                        high: int = 32767) -> int | None:
    """The first port of `low..high` above `after` (wrapping round) that is not in `used`."""
    span = high - low + 1
    start = min(max(after + 1, low), high + 1)
    for step in range(span):
        candidate = low + (start - low + step) % span
        if candidate not in used:
            return candidate
    return None


def duplicates(ctx: Context) -> Iterator[Finding]:
    """`resource.duplicate`: two resources with the same kind, namespace and name. kubectl apply
    leaves the last definition (the canonical order of `model.order`), and every other rule
    judges the object by that one alone: the message names it."""
    # the ids of every object defined more than once, from the wiring graph's index: the
    # others (nearly all) need no look-up of their name (0.1 s at 50,000 resources)
    defined_again = {rid for ids in ctx.graph.duplicated() for rid in ids}
    for res in ctx.all_targets():
        ns = effective_namespace(res)
        ctx.depend(res.id, name_key(res.kind, res.name), ns)
        if res.id not in defined_again:
            continue
        # the same object: kind, namespace, name and API group (an Istio Gateway and a
        # Gateway API Gateway of one name are two objects)
        every = [r for r in ctx.lookup(res.kind, ns, res.name) if r.group == res.group]
        same = [r for r in every if r.id != res.id]
        if not same or not res.name:
            continue
        where = ", ".join(f"{r.origin.file}:{r.origin.line}" for r in same if r.origin)
        also = f" (also at {where})" if where else ""
        also_ko = f"(다른 정의: {where})" if where else ""
        last = every[-1]
        if last.id == res.id:
            verdict = Text("; applying the document keeps this one, the last, and KubeCanvas "
                           "checks this one", ". 문서를 apply하면 마지막인 이 정의가 남으며, "
                           "KubeCanvas도 이 정의를 검사합니다")
        else:
            at = f" at {last.origin.file}:{last.origin.line}" if last.origin else ""
            verdict = Text(f"; applying the document overwrites this one with the last "
                           f"definition{at}, which is the one KubeCanvas checks",
                           f". 문서를 apply하면 이 정의는 마지막 정의{at}{euro_ro(at)} 덮어쓰이며, "
                           "KubeCanvas는 그 마지막 정의를 검사합니다")
        yield ctx.report(RESOURCE_DUPLICATE, res, Text(
            f"{res.label()} is defined more than once{also}{verdict.en}. Remove or rename the "
            f"other definitions.",
            f"{ko_label(res)}{i_ga(ko_label(res))} 두 번 이상 정의되어 있습니다{also_ko}{verdict.ko}. 다른 정의를 "
            f"지우거나 이름을 바꾸십시오."), ("metadata", "name"), tuple(r.id for r in same))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(NETWORKPOLICY_SELECTOR_NO_MATCH, W, "A NetworkPolicy's podSelector matches no pods.",
         policy_selectors),
    Rule(PDB_SELECTOR_NO_MATCH, W, "A PodDisruptionBudget's selector matches no pods.",
         policy_selectors),
    Rule(WORKLOAD_SELECTOR_OVERLAP, W, "A workload's selector also matches another controller's "
         "pods.", selector_overlap),
    Rule(SERVICE_NODE_PORT_DUPLICATE, E, "A nodePort is used by two Services.", node_ports),
    Rule(RESOURCE_DUPLICATE, W, "Two resources share kind, namespace and name.", duplicates),
)
