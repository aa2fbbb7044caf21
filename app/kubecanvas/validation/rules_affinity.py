"""Pod-spec format rules of where a pod may run (catalogue sections 3.5-3.7): tolerations,
node affinity, pod (anti-)affinity and topology spread constraints.

They run on the same pod specs as `rules_pod` and `rules_scheduling`, after defaulting (catalogue
0.4): a missing operator is `Equal`, a missing `whenUnsatisfiable` a schema error reported
elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_int, as_list, as_mapping
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    duplicate_value,
    invalid_value,
    unsupported_value,
)
from kubecanvas.validation.pod_check import PodCheck, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
POD_TOLERATIONS = RuleId("pod.tolerations")
POD_AFFINITY_NODE = RuleId("pod.affinity.node")
POD_AFFINITY_POD = RuleId("pod.affinity.pod")
POD_AFFINITY_POD_NULL_SELECTOR = RuleId("pod.affinity.pod.nullSelector")
POD_TOPOLOGY_SPREAD = RuleId("pod.topologySpread")
POD_NODE_SELECTOR = RuleId("pod.nodeSelector")

TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
NODE_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt")
_NULL_SELECTOR = Text("a null labelSelector results in matching no pod",
                      "labelSelector가 null이면 어떤 파드와도 일치하지 않습니다")


def _weight(weight: Any) -> Text:
    return Text(f"invalid value {weight}: must be in the range 1-100",
                f"잘못된 값 {weight}: 1부터 100 사이여야 합니다")


def _tolerations(c: PodCheck) -> None:
    for i, tol in enumerate(as_list(c.spec.get("tolerations"))):
        if not isinstance(tol, Mapping):
            continue
        path: tuple[str | int, ...] = ("tolerations", i)
        key, operator = tol.get("key") or "", tol.get("operator") or "Equal"
        if key and p.qualified_name(str(key)):
            c.report(POD_TOLERATIONS, (*path, "key"),
                     invalid_value(key, p.qualified_name(str(key))[0]))
        if not key and operator != "Exists":
            c.report(POD_TOLERATIONS, (*path, "operator"),
                     Text(f'invalid value "{operator}": operator must be Exists when `key` is '
                          f'empty, which means "match all values and all keys"',
                          f'잘못된 값 "{operator}": `key`가 비어 있으면 operator는 Exists여야 합니다'
                          f'("모든 키와 모든 값에 일치"라는 뜻입니다)'))
        if operator not in ("Equal", "Exists"):
            c.report(POD_TOLERATIONS, (*path, "operator"),
                     unsupported_value(operator, '"Equal", "Exists"'))
        elif operator == "Exists" and tol.get("value"):
            c.report(POD_TOLERATIONS, (*path, "value"),
                     Text("value must be empty when `operator` is 'Exists'",
                          "`operator`가 'Exists'이면 value는 비어 있어야 합니다"))
        elif operator == "Equal" and tol.get("value") and p.label_value(str(tol["value"])):
            c.report(POD_TOLERATIONS, (*path, "value"),
                     invalid_value(tol["value"], p.label_value(str(tol["value"]))[0]))
        effect = tol.get("effect")
        if effect not in (None, "") and effect not in TAINT_EFFECTS:
            c.report(POD_TOLERATIONS, (*path, "effect"),
                     unsupported_value(effect, '"NoSchedule", "PreferNoSchedule", "NoExecute"'))
        if tol.get("tolerationSeconds") is not None and effect != "NoExecute":
            c.report(POD_TOLERATIONS, (*path, "effect"),
                     Text("effect must be 'NoExecute' when `tolerationSeconds` is set",
                          "`tolerationSeconds`가 설정되면 effect는 'NoExecute'여야 합니다"))


def _node_requirements(c: PodCheck, path: tuple[str | int, ...], term: Mapping[str, Any]) -> None:
    for key in ("matchExpressions", "matchFields"):
        for i, req in enumerate(as_list(term.get(key))):
            if not isinstance(req, Mapping):
                continue
            rpath = (*path, key, i)
            operator, values = req.get("operator"), as_list(req.get("values"))
            if operator not in NODE_OPERATORS:
                c.report(POD_AFFINITY_NODE, (*rpath, "operator"),
                         unsupported_value(operator, ", ".join(f'"{o}"' for o in NODE_OPERATORS)))
            elif operator in ("In", "NotIn") and not values:
                c.report(POD_AFFINITY_NODE, (*rpath, "values"),
                         Text("must be specified when `operator` is 'In' or 'NotIn'",
                              "`operator`가 'In'이나 'NotIn'이면 지정해야 합니다"))
            elif operator in ("Exists", "DoesNotExist") and values:
                c.report(POD_AFFINITY_NODE, (*rpath, "values"),
                         Text("may not be specified when `operator` is 'Exists' or "
                              "'DoesNotExist'",
                              "`operator`가 'Exists'나 'DoesNotExist'이면 지정할 수 없습니다"))
            elif operator in ("Gt", "Lt") and (len(values) != 1 or not _is_int(values[0])):
                c.report(POD_AFFINITY_NODE, (*rpath, "values"),
                         Text("must be specified single value when `operator` is 'Lt' or 'Gt' "
                              "(an integer)",
                              "`operator`가 'Lt'나 'Gt'이면 값(정수)을 하나만 지정해야 합니다"))
            name = str(req.get("key") or "")
            if key == "matchExpressions" and name and p.qualified_name(name):
                c.report(POD_AFFINITY_NODE, (*rpath, "key"),
                         invalid_value(name, p.qualified_name(name)[0]))


def _is_int(value: Any) -> bool:
    try:
        int(str(value))
    except ValueError:
        return False
    return True


def _node_affinity(c: PodCheck) -> None:
    node = as_mapping(as_mapping(c.spec.get("affinity")).get("nodeAffinity"))
    base: tuple[str | int, ...] = ("affinity", "nodeAffinity")
    required = node.get("requiredDuringSchedulingIgnoredDuringExecution")
    if isinstance(required, Mapping):
        terms = as_list(required.get("nodeSelectorTerms"))
        rpath = (*base, "requiredDuringSchedulingIgnoredDuringExecution")
        if not terms:
            c.report(POD_AFFINITY_NODE, (*rpath, "nodeSelectorTerms"),
                     Text("must have at least one node selector term",
                          "노드 셀렉터 조건이 하나 이상 있어야 합니다"))
        for i, term in enumerate(terms):
            _node_requirements(c, (*rpath, "nodeSelectorTerms", i), as_mapping(term))
    for i, pref in enumerate(as_list(node.get("preferredDuringSchedulingIgnoredDuringExecution"))):
        ppath = (*base, "preferredDuringSchedulingIgnoredDuringExecution", i)
        weight = as_int(as_mapping(pref).get("weight"))
        if weight is not None and not 1 <= weight <= 100:
            c.report(POD_AFFINITY_NODE, (*ppath, "weight"), _weight(weight))
        _node_requirements(c, (*ppath, "preference"),
                           as_mapping(as_mapping(pref).get("preference")))
    for key, value in as_mapping(c.spec.get("nodeSelector")).items():
        errors = p.qualified_name(str(key)) + p.label_value(str(value))
        if errors:
            c.report(POD_NODE_SELECTOR, ("nodeSelector", str(key)),
                     invalid_value(f"{key}: {value}", errors[0]))


def _pod_affinity(c: PodCheck) -> None:
    affinity = as_mapping(c.spec.get("affinity"))
    for kind in ("podAffinity", "podAntiAffinity"):
        block = as_mapping(affinity.get(kind))
        for mode in ("requiredDuringSchedulingIgnoredDuringExecution",
                     "preferredDuringSchedulingIgnoredDuringExecution"):
            for i, term in enumerate(as_list(block.get(mode))):
                term = as_mapping(term)
                inner = as_mapping(term.get("podAffinityTerm")) if "podAffinityTerm" in term \
                    else term
                path: tuple[str | int, ...] = ("affinity", kind, mode, i)
                if mode.startswith("preferred"):
                    path = (*path, "podAffinityTerm")
                    weight = as_int(term.get("weight"))
                    if weight is not None and not 1 <= weight <= 100:
                        c.report(POD_AFFINITY_POD, ("affinity", kind, mode, i, "weight"),
                                 _weight(weight))
                if not inner.get("topologyKey"):
                    c.report(POD_AFFINITY_POD, (*path, "topologyKey"),
                             Text("required value: can not be empty",
                                  "필수 값: 비어 있을 수 없습니다"))
                if inner.get("labelSelector") is None:
                    c.report(POD_AFFINITY_POD_NULL_SELECTOR, (*path, "labelSelector"),
                             _NULL_SELECTOR)


def _topology_spread(c: PodCheck) -> None:
    seen: set[tuple[str, str]] = set()
    for i, constraint in enumerate(as_list(c.spec.get("topologySpreadConstraints"))):
        if not isinstance(constraint, Mapping):
            continue
        path: tuple[str | int, ...] = ("topologySpreadConstraints", i)
        skew = as_int(constraint.get("maxSkew"))
        if skew is not None and skew <= 0:
            c.report(POD_TOPOLOGY_SPREAD, (*path, "maxSkew"),
                     Text(f"invalid value {skew}: must be greater than zero",
                          f"잘못된 값 {skew}: 0보다 커야 합니다"))
        key, when = str(constraint.get("topologyKey") or ""), constraint.get("whenUnsatisfiable")
        if not key:
            c.report(POD_TOPOLOGY_SPREAD, (*path, "topologyKey"),
                     Text("can not be empty", "비어 있을 수 없습니다"))
        if when is not None and when not in ("DoNotSchedule", "ScheduleAnyway"):
            c.report(POD_TOPOLOGY_SPREAD, (*path, "whenUnsatisfiable"),
                     unsupported_value(when, '"DoNotSchedule", "ScheduleAnyway"'))
        if (key, str(when)) in seen:
            c.report(POD_TOPOLOGY_SPREAD, path, duplicate_value(f"{{{key}, {when}}}"))
        seen.add((key, str(when)))
        domains = as_int(constraint.get("minDomains"))
        if domains is not None and (domains <= 0 or when != "DoNotSchedule"):
            c.report(POD_TOPOLOGY_SPREAD, (*path, "minDomains"),
                     Text(f"invalid value {domains}: must be greater than zero, and only with "
                          f"whenUnsatisfiable DoNotSchedule",
                          f"잘못된 값 {domains}: 0보다 커야 하고 whenUnsatisfiable이 DoNotSchedule일 "
                          f"때만 쓸 수 있습니다"))
        if constraint.get("labelSelector") is None:
            c.report(POD_AFFINITY_POD_NULL_SELECTOR, (*path, "labelSelector"), _NULL_SELECTOR)


def placement(ctx: Context) -> Iterator[Finding]:
    """`pod.tolerations`, `pod.affinity.*`, `pod.topologySpread`: where every pod spec of the
    targets may be scheduled."""
    for check in pod_checks(ctx):
        _tolerations(check)
        _node_affinity(check)
        _pod_affinity(check)
        _topology_spread(check)
        yield from check.out


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(POD_TOLERATIONS, E, "A toleration with an invalid key, operator, value, effect or "
         "tolerationSeconds.", placement),
    Rule(POD_AFFINITY_NODE, E, "Node affinity with no terms, an unknown operator or wrong values.",
         placement),
    Rule(POD_AFFINITY_POD, E, "A pod (anti-)affinity term without topologyKey or with a weight "
         "outside 1-100.", placement),
    Rule(POD_AFFINITY_POD_NULL_SELECTOR, W, "An affinity term or topology spread constraint "
         "without labelSelector matches no pod.", placement),
    Rule(POD_TOPOLOGY_SPREAD, E, "A topology spread constraint with maxSkew <= 0, no "
         "topologyKey, a bad whenUnsatisfiable, a duplicate, or minDomains misuse.", placement),
    Rule(POD_NODE_SELECTOR, E, "A nodeSelector key or value is not a valid label.", placement),
)
