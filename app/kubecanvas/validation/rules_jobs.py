"""Job and CronJob spec rules beyond counts and restartPolicy (catalogue sections 8 and 9):
completion modes, indexed jobs, per-index backoff, pod failure and success policies, generated
selectors.

Defaults first (catalogue 0.4): completionMode is NonIndexed, parallelism 1, and when completions
and parallelism are both unset both become 1. A CronJob's job template is checked like a Job
(its spec lives at `spec.jobTemplate.spec`) plus the two CronJob-only selector rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_int, as_list, as_mapping
from kubecanvas.model.kinds import get_path
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, unsupported_value
from kubecanvas.validation.rule import E, Rule, RuleId

# --- the rule ids this module reports ------------------------------------------------------------
JOB_INDEXED_COMPLETIONS = RuleId("job.indexed.completions")
JOB_INDEXED_HOSTNAME = RuleId("job.indexed.hostname")
JOB_BACKOFF_LIMIT_PER_INDEX = RuleId("job.backoffLimitPerIndex")
JOB_POD_FAILURE_POLICY_RULES = RuleId("job.podFailurePolicy.rules")
JOB_POD_FAILURE_POLICY_ON_EXIT_CODES = RuleId("job.podFailurePolicy.onExitCodes")
JOB_POD_FAILURE_POLICY_ON_POD_CONDITIONS = RuleId("job.podFailurePolicy.onPodConditions")
JOB_POD_REPLACEMENT_POLICY = RuleId("job.podReplacementPolicy")
JOB_SUCCESS_POLICY = RuleId("job.successPolicy")
JOB_SELECTOR_GENERATED = RuleId("job.selector.generated")
JOB_SELECTOR_MANUAL = RuleId("job.selector.manual")
CRON_JOB_TEMPLATE_SELECTOR = RuleId("cron.jobTemplate.selector")
CRON_JOB_TEMPLATE_MANUAL_SELECTOR = RuleId("cron.jobTemplate.manualSelector")

FAILURE_ACTIONS = ("FailJob", "FailIndex", "Ignore", "Count")
CONDITION_STATUSES = ("True", "False", "Unknown")
INDEXES_RE = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")
GENERATED_LABELS = frozenset({"controller-uid", "batch.kubernetes.io/controller-uid",
                              "job-name", "batch.kubernetes.io/job-name"})
MAX_INDEXED = 100000





class JobCheck:
    """One job spec being checked (a Job's, or a CronJob's job template) and its findings
    (a plain class: nothing compares or prints it, and the methods of a dataclass cost every
    start 1 ms to compile on Python 3.11)."""

    __slots__ = ("base", "ctx", "name", "out", "res", "spec")

    def __init__(self, ctx: Context, res: Resource, spec: Mapping[str, Any], base: FieldPath,
                 name: str) -> None:
        self.ctx = ctx
        self.res = res
        self.spec = spec
        self.base = base
        self.name = name
        self.out: list[Finding] = []

    def report(self, rule: RuleId, path: FieldPath, message: Text) -> None:
        self.out.append(self.ctx.report(rule, self.res, message, (*self.base, *path)))

    @property
    def indexed(self) -> bool:
        return self.spec.get("completionMode") == "Indexed"



def _too_many(count: int, limit: int) -> Text:
    return Text(f"too many: {count}: must have at most {limit} items",
                f"너무 많습니다: {count}개. 최대 {limit}개까지 가능합니다")

def jobs(ctx: Context) -> Iterator[Finding]:
    """`job.*` and `cron.jobTemplate.*` on Jobs and CronJob job templates."""
    for res in ctx.targets("Job", "CronJob"):
        if res.kind == "Job":
            check = JobCheck(ctx, res, res.spec, ("spec",), res.name)
            _generated_selector(check)
        else:
            spec = as_mapping(get_path(res.manifest, ("spec", "jobTemplate", "spec")))
            check = JobCheck(ctx, res, spec, ("spec", "jobTemplate", "spec"), "")
            _cron_selector(check)
        _completions(check)
        _backoff_per_index(check)
        _pod_failure_policy(check)
        _success_policy(check)
        yield from check.out


def _completions(c: JobCheck) -> None:
    completions, parallelism = as_int(c.spec.get("completions")), as_int(c.spec.get("parallelism"))
    if not c.indexed:
        return
    if c.spec.get("completions") is None:
        c.report(JOB_INDEXED_COMPLETIONS, ("completions",),
                 Text("required value: when completion mode is Indexed",
                      "필수 값: completion mode가 Indexed일 때"))
    if parallelism is not None and parallelism > MAX_INDEXED:
        c.report(JOB_INDEXED_COMPLETIONS, ("parallelism",),
                 Text(f"invalid value {parallelism}: must be less than or equal to "
                      f"{MAX_INDEXED} when completion mode is Indexed",
                      f"잘못된 값 {parallelism}: completion mode가 Indexed이면 {MAX_INDEXED} 이하여야 "
                      f"합니다"))
    if c.name and completions:
        hostname = f"{c.name}-{completions - 1}"
        if p.dns1123_label(hostname):
            c.out.append(c.ctx.report(
                JOB_INDEXED_HOSTNAME, c.res,
                Text(f'invalid value "{c.name}": will not able to create pod with invalid DNS '
                     f"label: {hostname}",
                     f'잘못된 값 "{c.name}": 유효하지 않은 DNS 레이블로는 파드를 만들 수 없습니다: '
                     f"{hostname}"), ("metadata", "name")))


def _backoff_per_index(c: JobCheck) -> None:
    per_index, max_failed = c.spec.get("backoffLimitPerIndex"), c.spec.get("maxFailedIndexes")
    completions = as_int(c.spec.get("completions"))
    for key, value in (("backoffLimitPerIndex", per_index), ("maxFailedIndexes", max_failed)):
        if value is not None and not c.indexed:
            c.report(JOB_BACKOFF_LIMIT_PER_INDEX, (key,),
                     Text(f"invalid value {value}: requires indexed completion mode",
                          f"잘못된 값 {value}: indexed completion mode가 필요합니다"))
        number = as_int(value)
        if number is not None and number < 0:
            c.report(JOB_BACKOFF_LIMIT_PER_INDEX, (key,),
                     Text(f"invalid value {number}: must be greater than or equal to 0",
                          f"잘못된 값 {number}: 0 이상이어야 합니다"))
    if max_failed is not None and per_index is None:
        c.report(JOB_BACKOFF_LIMIT_PER_INDEX, ("backoffLimitPerIndex",),
                 Text("required value: when maxFailedIndexes is specified",
                      "필수 값: maxFailedIndexes가 지정되었을 때"))
    failed = as_int(max_failed)
    if failed is not None and completions is not None and failed > completions:
        c.report(JOB_BACKOFF_LIMIT_PER_INDEX, ("maxFailedIndexes",),
                 Text(f"invalid value {failed}: must be less than or equal to completions",
                      f"잘못된 값 {failed}: completions 이하여야 합니다"))
    if per_index is not None and completions is not None and completions > MAX_INDEXED and \
            max_failed is None:
        c.report(JOB_BACKOFF_LIMIT_PER_INDEX, ("maxFailedIndexes",),
                 Text(f"required value: when completions is above {MAX_INDEXED} with "
                      f"backoffLimitPerIndex",
                      f"필수 값: backoffLimitPerIndex와 함께 completions가 {MAX_INDEXED}보다 클 "
                      f"때"))


def _pod_failure_policy(c: JobCheck) -> None:
    policy = c.spec.get("podFailurePolicy")
    if not isinstance(policy, Mapping):
        return
    rules = as_list(policy.get("rules"))
    if len(rules) > 20:
        c.report(JOB_POD_FAILURE_POLICY_RULES, ("podFailurePolicy", "rules"),
                 _too_many(len(rules), 20))
    template = as_mapping(get_path(c.spec, ("template", "spec")))
    containers = {str(as_mapping(x).get("name")) for g in ("initContainers", "containers")
                  for x in as_list(template.get(g))}
    for i, rule in enumerate(rules):
        if isinstance(rule, Mapping):
            _failure_rule(c, ("podFailurePolicy", "rules", i), rule, containers)
    replacement = c.spec.get("podReplacementPolicy")
    if replacement not in (None, "Failed"):
        c.report(JOB_POD_REPLACEMENT_POLICY, ("podReplacementPolicy",),
                 Text(f'unsupported value "{replacement}": supported values: "Failed" (when '
                      f"podFailurePolicy is specified)",
                      f'지원하지 않는 값 "{replacement}"입니다. 지원하는 값: "Failed"'
                      f"(podFailurePolicy가 지정되었을 때)"))


def _failure_rule(c: JobCheck, path: FieldPath, rule: Mapping[str, Any],
                  containers: set[str]) -> None:
    action = rule.get("action")
    if action not in FAILURE_ACTIONS:
        c.report(JOB_POD_FAILURE_POLICY_RULES, (*path, "action"),
                 unsupported_value(action, ", ".join(f'"{a}"' for a in FAILURE_ACTIONS)))
    elif action == "FailIndex" and c.spec.get("backoffLimitPerIndex") is None:
        c.report(JOB_POD_FAILURE_POLICY_RULES, (*path, "action"),
                 Text('invalid value "FailIndex": requires the backoffLimitPerIndex to be set',
                      '잘못된 값 "FailIndex": backoffLimitPerIndex가 설정되어 있어야 합니다'))
    codes, conditions = rule.get("onExitCodes"), rule.get("onPodConditions")
    if (codes is None) == (conditions is None):
        c.report(JOB_POD_FAILURE_POLICY_RULES, path,
                 Text("specifying one of OnExitCodes and OnPodConditions is required",
                      "OnExitCodes와 OnPodConditions 중 하나를 지정해야 합니다") if codes is None
                 else Text("specifying both OnExitCodes and OnPodConditions is not supported",
                           "OnExitCodes와 OnPodConditions를 함께 지정할 수 없습니다"))
    if isinstance(codes, Mapping):
        _exit_codes(c, (*path, "onExitCodes"), codes, containers)
    patterns = as_list(conditions)
    if len(patterns) > 20:
        c.report(JOB_POD_FAILURE_POLICY_ON_POD_CONDITIONS, (*path, "onPodConditions"),
                 _too_many(len(patterns), 20))
    for j, pattern in enumerate(patterns):
        pattern = as_mapping(pattern)
        ppath = (*path, "onPodConditions", j)
        kind = str(pattern.get("type") or "")
        if not kind or p.qualified_name(kind):
            c.report(JOB_POD_FAILURE_POLICY_ON_POD_CONDITIONS, (*ppath, "type"),
                     Text(f'invalid value "{kind}": must be a qualified name',
                          f'잘못된 값 "{kind}": 정규화된 이름(qualified name)이어야 합니다'))
        status = pattern.get("status", "True")
        if status not in CONDITION_STATUSES:
            c.report(JOB_POD_FAILURE_POLICY_ON_POD_CONDITIONS, (*ppath, "status"),
                     unsupported_value(status, '"True", "False", "Unknown"'))


def _exit_codes(c: JobCheck, path: FieldPath, codes: Mapping[str, Any],
                containers: set[str]) -> None:
    operator, values = codes.get("operator"), as_list(codes.get("values"))
    if operator not in ("In", "NotIn"):
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "operator"),
                 unsupported_value(operator, '"In", "NotIn"'))
    if not values or len(values) > 255:
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "values"),
                 Text("at least one value is required", "값이 하나 이상 필요합니다")
                 if not values else _too_many(len(values), 255))
    numbers = [v for v in values if as_int(v) is not None]
    if len(set(numbers)) != len(numbers):
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "values"),
                 Text("duplicate values", "값이 중복됩니다"))
    elif numbers != sorted(numbers):
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "values"),
                 Text("must be ordered", "정렬되어 있어야 합니다"))
    if operator == "In" and 0 in numbers:
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "values"),
                 Text("must not be 0 for the In operator", "In 연산자에는 0을 쓸 수 없습니다"))
    name = codes.get("containerName")
    if isinstance(name, str) and name and name not in containers:
        c.report(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, (*path, "containerName"),
                 Text(f'invalid value "{name}": must be one of the container or initContainer '
                      f"names in the pod template",
                      f'잘못된 값 "{name}": 파드 템플릿의 컨테이너나 init 컨테이너 이름 중 하나여야 '
                      f"합니다"))


def _success_policy(c: JobCheck) -> None:
    policy = c.spec.get("successPolicy")
    if not isinstance(policy, Mapping):
        return
    base: FieldPath = ("successPolicy",)
    if not c.indexed:
        c.report(JOB_SUCCESS_POLICY, base, Text("requires indexed completion mode",
                                                 "indexed completion mode가 필요합니다"))
        return
    rules = as_list(policy.get("rules"))
    if not rules or len(rules) > 20:
        c.report(JOB_SUCCESS_POLICY, (*base, "rules"),
                 Text("required value: at least one rule", "필수 값: 규칙이 하나 이상 필요합니다")
                 if not rules else _too_many(len(rules), 20))
    completions = as_int(c.spec.get("completions"))
    for i, rule in enumerate(rules):
        rule = as_mapping(rule)
        rpath = (*base, "rules", i)
        count, indexes = rule.get("succeededCount"), rule.get("succeededIndexes")
        if count is None and indexes is None:
            c.report(JOB_SUCCESS_POLICY, rpath,
                     Text("at least one of succeededCount or succeededIndexes must be specified",
                          "succeededCount와 succeededIndexes 중 하나 이상을 지정해야 합니다"))
        number = as_int(count)
        if number is not None and (number < 0 or (completions is not None and
                                                  number > completions)):
            c.report(JOB_SUCCESS_POLICY, (*rpath, "succeededCount"),
                     Text(f"invalid value {number}: must be between 0 and completions",
                          f"잘못된 값 {number}: 0부터 completions 사이여야 합니다"))
        if isinstance(indexes, str) and not _valid_indexes(indexes, completions):
            c.report(JOB_SUCCESS_POLICY, (*rpath, "succeededIndexes"),
                     Text(f'invalid value "{indexes}": must be ascending, non-overlapping '
                          f"intervals of indexes below completions (for example 0-2,5)",
                          f'잘못된 값 "{indexes}": completions보다 작은 인덱스의 겹치지 않는 '
                          f"오름차순 구간이어야 합니다(예: 0-2,5)"))


def _valid_indexes(text: str, completions: int | None) -> bool:
    if not INDEXES_RE.match(text):
        return False
    last = -1
    for part in text.split(","):
        low, _, high = part.partition("-")
        start, end = int(low), int(high or low)
        if start <= last or end < start or (completions is not None and end >= completions):
            return False
        last = end
    return True


def _generated_selector(c: JobCheck) -> None:
    if c.spec.get("manualSelector") is True:
        if c.spec.get("selector") is None:
            c.report(JOB_SELECTOR_MANUAL, ("selector",),
                     Text("required value: manualSelector is true",
                          "필수 값: manualSelector가 true이면 selector가 필요합니다"))
        return
    selector = as_mapping(c.spec.get("selector"))
    extra = sorted(set(as_mapping(selector.get("matchLabels"))) - GENERATED_LABELS)
    if extra or as_list(selector.get("matchExpressions")):
        c.report(JOB_SELECTOR_GENERATED, ("selector",),
                 Text(f"invalid value: `selector` not auto-generated (it carries "
                      f"{', '.join(extra) or 'matchExpressions'}); remove spec.selector and let "
                      f"the API generate it, or set manualSelector: true",
                      f"잘못된 값: `selector`가 자동 생성된 것이 아닙니다"
                      f"({', '.join(extra) or 'matchExpressions'}{eul_reul(', '.join(extra) or 'matchExpressions')} 담고 있습니다). "
                      f"spec.selector를 제거해 API가 생성하게 하거나 manualSelector: true를 "
                      f"설정해야 합니다"))


def _cron_selector(c: JobCheck) -> None:
    if c.spec.get("selector") is not None:
        c.report(CRON_JOB_TEMPLATE_SELECTOR, ("selector",),
                 Text("invalid value: `selector` will be auto-generated",
                      "잘못된 값: `selector`는 자동 생성됩니다"))
    if c.spec.get("manualSelector") is True:
        c.report(CRON_JOB_TEMPLATE_MANUAL_SELECTOR, ("manualSelector",),
                 Text('unsupported value: true: supported values: "nil", "false"',
                      '지원하지 않는 값: true. 지원하는 값: "nil", "false"'))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(JOB_INDEXED_COMPLETIONS, E, "An Indexed Job without completions, or with parallelism "
         "above 100000.", jobs),
    Rule(JOB_INDEXED_HOSTNAME, E, "An Indexed Job whose last pod hostname "
         "(<name>-<completions-1>) is not a DNS label.", jobs),
    Rule(JOB_BACKOFF_LIMIT_PER_INDEX, E, "backoffLimitPerIndex/maxFailedIndexes misuse "
         "(NonIndexed job, missing pair, above completions).", jobs),
    Rule(JOB_POD_FAILURE_POLICY_RULES, E, "A pod failure policy rule with a bad action, or not "
         "exactly one of onExitCodes/onPodConditions.", jobs),
    Rule(JOB_POD_FAILURE_POLICY_ON_EXIT_CODES, E, "onExitCodes with a bad operator, no/too "
         "many/unordered/duplicate values, 0 with In, or an unknown container.", jobs),
    Rule(JOB_POD_FAILURE_POLICY_ON_POD_CONDITIONS, E, "onPodConditions with too many patterns, a "
         "bad type or status.", jobs),
    Rule(JOB_POD_REPLACEMENT_POLICY, E, "podReplacementPolicy must be Failed when "
         "podFailurePolicy is set.", jobs),
    Rule(JOB_SUCCESS_POLICY, E, "successPolicy on a NonIndexed Job, without rules, or with bad "
         "succeededCount/succeededIndexes.", jobs),
    Rule(JOB_SELECTOR_GENERATED, E, "A Job selector that is not the generated one (without "
         "manualSelector: true).", jobs),
    Rule(JOB_SELECTOR_MANUAL, E, "manualSelector: true without a selector.", jobs),
    Rule(CRON_JOB_TEMPLATE_SELECTOR, E, "A CronJob's job template sets a selector (it is "
         "generated).", jobs),
    Rule(CRON_JOB_TEMPLATE_MANUAL_SELECTOR, E, "A CronJob's job template sets manualSelector: "
         "true.", jobs),
)
