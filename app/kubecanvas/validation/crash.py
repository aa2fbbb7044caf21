"""A check that crashes becomes a finding, so no rule's silence can pass for a clean bill.

Rules are written for manifests of the right shape; a value of the wrong type (a list where a port
number belongs) is the schema checks' finding to report, and must not take the other resources'
findings, or the whole validation, down with it. So the engine re-runs a check that raised one
resource at a time, and every resource it still raises on gets an `internal.rule-crashed` finding
that names the check, the rules it reports and the error. A check that reports an id nobody
registered raises too (`Context.report`), so a misspelled id surfaces the same way. That finding is
the engine's own, not a Kubernetes rule: it is registered apart from the rules modules' `RULES` (no
documentation page, no lesson), but with a severity like every other id.
"""

from __future__ import annotations

from collections.abc import Sequence

from kubecanvas.model.korean import i_ga
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.rule import Check, E, Rule, RuleId

RULE_CRASHED = RuleId("internal.rule-crashed")

#: The ids the engine reports itself (`Rule.function` is None: no check function reports them).
ENGINE_RULES: tuple[Rule, ...] = (
    Rule(RULE_CRASHED, E, "A check raised an error on this resource, so its rules were not "
         "checked there (a KubeCanvas bug: please report it with the resource).", None),
)


def check_name(check: Check) -> str:
    """'rules_pod.pod_specs': the check's module (without the package) and function."""
    module = str(getattr(check, "__module__", "") or "").rsplit(".", 1)[-1]
    name = str(getattr(check, "__name__", "") or repr(check))
    return f"{module}.{name}" if module else name


def crash_finding(ctx: Context, rid: str, check: Check, rule_ids: Sequence[str],
                  error: BaseException) -> Finding:
    """The finding that says `check` raised `error` on resource `rid` (`rule_ids`: the rules it
    reports, so the reader knows which verdicts are missing)."""
    shown = ", ".join(rule_ids[:3]) + (", ..." if len(rule_ids) > 3 else "")
    rules = f" ({shown})" if shown else ""
    what = f"{type(error).__name__}: {error}"
    name = check_name(check)
    return ctx.report(RULE_CRASHED, rid, Text(
        f"the check {name}{rules} failed on this resource with {what}; its findings here are "
        f"missing. This is a KubeCanvas bug: please report it with this resource",
        f"검사 {name}{i_ga(name)} 이 리소스에서 오류로 멈췄습니다({what}). 이 리소스에 대한 "
        f"규칙{rules}의 결과가 빠져 있습니다. KubeCanvas의 버그이니 이 리소스와 함께 알려 "
        f"주시기 바랍니다"))
