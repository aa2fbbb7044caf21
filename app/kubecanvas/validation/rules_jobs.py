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
from dataclasses import dataclass, field
from typing import Any

from kubecanvas.model.kinds import get_path
from kubecanvas.model.resource import Resource
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding

Path = tuple[str | int, ...]
FAILURE_ACTIONS = ("FailJob", "FailIndex", "Ignore", "Count")
CONDITION_STATUSES = ("True", "False", "Unknown")
INDEXES_RE = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")
GENERATED_LABELS = frozenset({"controller-uid", "batch.kubernetes.io/controller-uid",
                              "job-name", "batch.kubernetes.io/job-name"})
MAX_INDEXED = 100000


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class JobCheck:
    ctx: Context
    res: Resource
    spec: Mapping[str, Any]
    base: Path
    name: str
    out: list[Finding] = field(default_factory=list)

    def report(self, rule: str, path: Path, message: str) -> None:
        self.out.append(self.ctx.report(rule, self.res, message, (*self.base, *path)))

    @property
    def indexed(self) -> bool:
        return self.spec.get("completionMode") == "Indexed"


def jobs(ctx: Context) -> Iterator[Finding]:
    """`job.*` and `cron.jobTemplate.*` on Jobs and CronJob job templates."""
    for res in ctx.targets("Job", "CronJob"):
        if res.kind == "Job":
            check = JobCheck(ctx, res, res.spec, ("spec",), res.name)
            _generated_selector(check)
        else:
            spec = _map(get_path(res.manifest, ("spec", "jobTemplate", "spec")))
            check = JobCheck(ctx, res, spec, ("spec", "jobTemplate", "spec"), "")
            _cron_selector(check)
        _completions(check)
        _backoff_per_index(check)
        _pod_failure_policy(check)
        _success_policy(check)
        yield from check.out


def _completions(c: JobCheck) -> None:
    completions, parallelism = _int(c.spec.get("completions")), _int(c.spec.get("parallelism"))
    if not c.indexed:
        return
    if c.spec.get("completions") is None:
        c.report("job.indexed.completions", ("completions",),
                 "required value: when completion mode is Indexed")
    if parallelism is not None and parallelism > MAX_INDEXED:
        c.report("job.indexed.completions", ("parallelism",),
                 f"invalid value {parallelism}: must be less than or equal to {MAX_INDEXED} "
                 f"when completion mode is Indexed")
    if c.name and completions:
        hostname = f"{c.name}-{completions - 1}"
        if p.dns1123_label(hostname):
            c.out.append(c.ctx.report(
                "job.indexed.hostname", c.res,
                f'invalid value "{c.name}": will not able to create pod with invalid DNS label: '
                f"{hostname}", ("metadata", "name")))


def _backoff_per_index(c: JobCheck) -> None:
    per_index, max_failed = c.spec.get("backoffLimitPerIndex"), c.spec.get("maxFailedIndexes")
    completions = _int(c.spec.get("completions"))
    for key, value in (("backoffLimitPerIndex", per_index), ("maxFailedIndexes", max_failed)):
        if value is not None and not c.indexed:
            c.report("job.backoffLimitPerIndex", (key,),
                     f"invalid value {value}: requires indexed completion mode")
        number = _int(value)
        if number is not None and number < 0:
            c.report("job.backoffLimitPerIndex", (key,),
                     f"invalid value {number}: must be greater than or equal to 0")
    if max_failed is not None and per_index is None:
        c.report("job.backoffLimitPerIndex", ("backoffLimitPerIndex",),
                 "required value: when maxFailedIndexes is specified")
    failed = _int(max_failed)
    if failed is not None and completions is not None and failed > completions:
        c.report("job.backoffLimitPerIndex", ("maxFailedIndexes",),
                 f"invalid value {failed}: must be less than or equal to completions")
    if per_index is not None and completions is not None and completions > MAX_INDEXED and \
            max_failed is None:
        c.report("job.backoffLimitPerIndex", ("maxFailedIndexes",),
                 f"required value: when completions is above {MAX_INDEXED} with "
                 f"backoffLimitPerIndex")


def _pod_failure_policy(c: JobCheck) -> None:
    policy = c.spec.get("podFailurePolicy")
    if not isinstance(policy, Mapping):
        return
    rules = _items(policy.get("rules"))
    if len(rules) > 20:
        c.report("job.podFailurePolicy.rules", ("podFailurePolicy", "rules"),
                 f"too many: {len(rules)}: must have at most 20 items")
    template = _map(get_path(c.spec, ("template", "spec")))
    containers = {str(_map(x).get("name")) for g in ("initContainers", "containers")
                  for x in _items(template.get(g))}
    for i, rule in enumerate(rules):
        if isinstance(rule, Mapping):
            _failure_rule(c, ("podFailurePolicy", "rules", i), rule, containers)
    replacement = c.spec.get("podReplacementPolicy")
    if replacement not in (None, "Failed"):
        c.report("job.podReplacementPolicy", ("podReplacementPolicy",),
                 f'unsupported value "{replacement}": supported values: "Failed" (when '
                 f"podFailurePolicy is specified)")


def _failure_rule(c: JobCheck, path: Path, rule: Mapping[str, Any], containers: set[str]) -> None:
    action = rule.get("action")
    if action not in FAILURE_ACTIONS:
        c.report("job.podFailurePolicy.rules", (*path, "action"),
                 f'unsupported value "{action}": supported values: '
                 + ", ".join(f'"{a}"' for a in FAILURE_ACTIONS))
    elif action == "FailIndex" and c.spec.get("backoffLimitPerIndex") is None:
        c.report("job.podFailurePolicy.rules", (*path, "action"),
                 'invalid value "FailIndex": requires the backoffLimitPerIndex to be set')
    codes, conditions = rule.get("onExitCodes"), rule.get("onPodConditions")
    if (codes is None) == (conditions is None):
        c.report("job.podFailurePolicy.rules", path,
                 "specifying one of OnExitCodes and OnPodConditions is required" if codes is None
                 else "specifying both OnExitCodes and OnPodConditions is not supported")
    if isinstance(codes, Mapping):
        _exit_codes(c, (*path, "onExitCodes"), codes, containers)
    patterns = _items(conditions)
    if len(patterns) > 20:
        c.report("job.podFailurePolicy.onPodConditions", (*path, "onPodConditions"),
                 f"too many: {len(patterns)}: must have at most 20 items")
    for j, pattern in enumerate(patterns):
        pattern = _map(pattern)
        ppath = (*path, "onPodConditions", j)
        kind = str(pattern.get("type") or "")
        if not kind or p.qualified_name(kind):
            c.report("job.podFailurePolicy.onPodConditions", (*ppath, "type"),
                     f'invalid value "{kind}": must be a qualified name')
        status = pattern.get("status", "True")
        if status not in CONDITION_STATUSES:
            c.report("job.podFailurePolicy.onPodConditions", (*ppath, "status"),
                     f'unsupported value "{status}": supported values: "True", "False", '
                     f'"Unknown"')


def _exit_codes(c: JobCheck, path: Path, codes: Mapping[str, Any], containers: set[str]) -> None:
    operator, values = codes.get("operator"), _items(codes.get("values"))
    if operator not in ("In", "NotIn"):
        c.report("job.podFailurePolicy.onExitCodes", (*path, "operator"),
                 f'unsupported value "{operator}": supported values: "In", "NotIn"')
    if not values or len(values) > 255:
        c.report("job.podFailurePolicy.onExitCodes", (*path, "values"),
                 "at least one value is required" if not values else
                 f"too many: {len(values)}: must have at most 255 items")
    numbers = [v for v in values if _int(v) is not None]
    if len(set(numbers)) != len(numbers):
        c.report("job.podFailurePolicy.onExitCodes", (*path, "values"), "duplicate values")
    elif numbers != sorted(numbers):
        c.report("job.podFailurePolicy.onExitCodes", (*path, "values"), "must be ordered")
    if operator == "In" and 0 in numbers:
        c.report("job.podFailurePolicy.onExitCodes", (*path, "values"),
                 "must not be 0 for the In operator")
    name = codes.get("containerName")
    if isinstance(name, str) and name and name not in containers:
        c.report("job.podFailurePolicy.onExitCodes", (*path, "containerName"),
                 f'invalid value "{name}": must be one of the container or initContainer names '
                 f"in the pod template")


def _success_policy(c: JobCheck) -> None:
    policy = c.spec.get("successPolicy")
    if not isinstance(policy, Mapping):
        return
    base: Path = ("successPolicy",)
    if not c.indexed:
        c.report("job.successPolicy", base, "requires indexed completion mode")
        return
    rules = _items(policy.get("rules"))
    if not rules or len(rules) > 20:
        c.report("job.successPolicy", (*base, "rules"),
                 "required value: at least one rule" if not rules else
                 f"too many: {len(rules)}: must have at most 20 items")
    completions = _int(c.spec.get("completions"))
    for i, rule in enumerate(rules):
        rule = _map(rule)
        rpath = (*base, "rules", i)
        count, indexes = rule.get("succeededCount"), rule.get("succeededIndexes")
        if count is None and indexes is None:
            c.report("job.successPolicy", rpath,
                     "at least one of succeededCount or succeededIndexes must be specified")
        number = _int(count)
        if number is not None and (number < 0 or (completions is not None and
                                                  number > completions)):
            c.report("job.successPolicy", (*rpath, "succeededCount"),
                     f"invalid value {number}: must be between 0 and completions")
        if isinstance(indexes, str) and not _valid_indexes(indexes, completions):
            c.report("job.successPolicy", (*rpath, "succeededIndexes"),
                     f'invalid value "{indexes}": must be ascending, non-overlapping '
                     f"intervals of indexes below completions (for example 0-2,5)")


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
            c.report("job.selector.manual", ("selector",),
                     "required value: manualSelector is true")
        return
    selector = _map(c.spec.get("selector"))
    extra = sorted(set(_map(selector.get("matchLabels"))) - GENERATED_LABELS)
    if extra or _items(selector.get("matchExpressions")):
        c.report("job.selector.generated", ("selector",),
                 f"invalid value: `selector` not auto-generated (it carries "
                 f"{', '.join(extra) or 'matchExpressions'}); remove spec.selector and let the "
                 f"API generate it, or set manualSelector: true")


def _cron_selector(c: JobCheck) -> None:
    if c.spec.get("selector") is not None:
        c.report("cron.jobTemplate.selector", ("selector",),
                 "invalid value: `selector` will be auto-generated")
    if c.spec.get("manualSelector") is True:
        c.report("cron.jobTemplate.manualSelector", ("manualSelector",),
                 'unsupported value: true: supported values: "nil", "false"')
