"""Format rules of the workload kinds' own specs (catalogue sections 4-9): template restart
policies, replica counts, rollout strategies, Job and CronJob rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_int, as_mapping
from kubecanvas.model.kinds import get_path, pod_template_path
from kubecanvas.model.korean import eun_neun
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, unsupported_value
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.rule import E, Rule, RuleId
from kubecanvas.validation.rules_meta import cron_errors
from kubecanvas.validation.schema import SCHEMA_ENUM

# --- the rule ids this module reports ------------------------------------------------------------
WORKLOAD_COUNTS = RuleId("workload.counts")
DEPLOY_PROGRESS_DEADLINE_GT_MIN_READY = RuleId("deploy.progressDeadline>minReady")
JOB_TEMPLATE_RESTART_POLICY = RuleId("job.template.restartPolicy")
JOB_POD_FAILURE_POLICY_NEVER = RuleId("job.podFailurePolicy.never")
WORKLOAD_TEMPLATE_RESTART_POLICY = RuleId("workload.template.restartPolicy")
WORKLOAD_TEMPLATE_ACTIVE_DEADLINE_SECONDS = RuleId("workload.template.activeDeadlineSeconds")
DEPLOY_STRATEGY_RECREATE = RuleId("deploy.strategy.recreate")
DEPLOY_ROLLING_UPDATE_VALUES = RuleId("deploy.rollingUpdate.values")
DEPLOY_ROLLING_UPDATE_BOTH_ZERO = RuleId("deploy.rollingUpdate.bothZero")
DEPLOY_ROLLING_UPDATE_GT100 = RuleId("deploy.rollingUpdate.gt100")
CRON_SCHEDULE_SYNTAX = RuleId("cron.schedule.syntax")
CRON_TIME_ZONE = RuleId("cron.timeZone")

ALWAYS_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController")
ENUMS: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {
    ("Deployment", ("spec", "strategy", "type")): ("Recreate", "RollingUpdate"),
    ("StatefulSet", ("spec", "podManagementPolicy")): ("OrderedReady", "Parallel"),
    ("StatefulSet", ("spec", "updateStrategy", "type")): ("RollingUpdate", "OnDelete"),
    ("DaemonSet", ("spec", "updateStrategy", "type")): ("RollingUpdate", "OnDelete"),
    ("Job", ("spec", "completionMode")): ("NonIndexed", "Indexed"),
    ("CronJob", ("spec", "concurrencyPolicy")): ("Allow", "Forbid", "Replace"),
}
COUNTS = ("replicas", "minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds",
          "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
          "ttlSecondsAfterFinished", "startingDeadlineSeconds", "successfulJobsHistoryLimit",
          "failedJobsHistoryLimit")




def workloads(ctx: Context) -> Iterator[Finding]:
    """`workload.*`, `deploy.*`, `job.*`, `cron.*`, enum values of workload specs."""
    for res in ctx.targets(*ALWAYS_KINDS, "Job", "CronJob"):
        for (kind, path), allowed in ENUMS.items():
            value = get_path(res.manifest, path)
            if kind == res.kind and value is not None and value not in allowed:
                yield ctx.report(SCHEMA_ENUM, res,
                                 unsupported_value(value, ", ".join(allowed)), path)
        yield from _counts(ctx, res, ("spec",), res.spec)
        if res.kind == "CronJob":
            job_spec = as_mapping(get_path(res.manifest, ("spec", "jobTemplate", "spec")))
            yield from _counts(ctx, res, ("spec", "jobTemplate", "spec"), job_spec)
        yield from _restart_policy(ctx, res)
        if res.kind == "Deployment":
            yield from _deployment_strategy(ctx, res)
        if res.kind == "CronJob":
            yield from _cron(ctx, res)


def _counts(ctx: Context, res: Resource, base: tuple[str, ...],
            spec: Mapping[str, Any]) -> Iterator[Finding]:
    for key in COUNTS:
        value = as_int(spec.get(key))
        if value is not None and value < 0:
            yield ctx.report(WORKLOAD_COUNTS, res, Text(
                f"invalid value {value}: must be greater than or equal to 0",
                f"잘못된 값 {value}: 0 이상이어야 합니다"), (*base, key))
    minimum, deadline = as_int(spec.get("minReadySeconds")), as_int(spec.get("progressDeadlineSeconds"))
    if res.kind == "Deployment" and deadline is not None and deadline <= (minimum or 0):
        yield ctx.report(DEPLOY_PROGRESS_DEADLINE_GT_MIN_READY, res,
                         Text(f"invalid value {deadline}: must be greater than minReadySeconds",
                              f"잘못된 값 {deadline}: minReadySeconds보다 커야 합니다"),
                         (*base, "progressDeadlineSeconds"))


def _restart_policy(ctx: Context, res: Resource) -> Iterator[Finding]:
    tpath = pod_template_path(res)
    if not tpath:
        return
    spec = as_mapping(get_path(res.manifest, (*tpath, "spec")))
    policy = spec.get("restartPolicy", "Always")  # the PodSpec default
    path = (*tpath, "spec", "restartPolicy")
    if res.kind in ("Job", "CronJob"):
        if policy not in ("OnFailure", "Never"):
            written = "not set (it defaults to Always)" if "restartPolicy" not in spec else \
                f'"{policy}"'
            yield ctx.report(JOB_TEMPLATE_RESTART_POLICY, res,
                             Text(f"restartPolicy is {written}; a Job's pods need OnFailure or "
                                  f"Never",
                                  f"restartPolicy가 {written}입니다. 잡의 파드에는 OnFailure나 Never가 "
                                  f"필요합니다"),
                             path, fix=set_field(res, path, "OnFailure", Text(
                                 "set restartPolicy to OnFailure",
                                 "restartPolicy를 OnFailure로 설정합니다")))
        elif as_mapping(get_path(res.manifest, (*tpath[:-1], "podFailurePolicy"))) \
                and policy != "Never":
            yield ctx.report(JOB_POD_FAILURE_POLICY_NEVER, res, Text(
                'only "Never" is supported when podFailurePolicy is specified',
                'podFailurePolicy가 지정되면 "Never"만 지원합니다'), path)
    elif policy != "Always":
        yield ctx.report(WORKLOAD_TEMPLATE_RESTART_POLICY, res,
                         Text(f'unsupported value "{policy}": a {res.kind} only supports "Always"',
                              f'지원하지 않는 값 "{policy}": {kind_both(res.kind)}{eun_neun(kind_both(res.kind))} "Always"만 '
                              f'지원합니다'),
                         path, fix=set_field(res, path, "Always", Text(
                             "set restartPolicy to Always", "restartPolicy를 Always로 설정합니다")))
    if res.kind in ALWAYS_KINDS and spec.get("activeDeadlineSeconds") is not None:
        yield ctx.report(WORKLOAD_TEMPLATE_ACTIVE_DEADLINE_SECONDS, res,
                         Text(f"activeDeadlineSeconds in {res.kind} is not supported",
                              f"{kind_both(res.kind)}에서는 activeDeadlineSeconds를 지원하지 "
                              f"않습니다"),
                         (*tpath, "spec", "activeDeadlineSeconds"))


def _deployment_strategy(ctx: Context, res: Resource) -> Iterator[Finding]:
    strategy = as_mapping(res.spec.get("strategy"))
    rolling = strategy.get("rollingUpdate")
    base = ("spec", "strategy", "rollingUpdate")
    if strategy.get("type") == "Recreate" and rolling is not None:
        yield ctx.report(DEPLOY_STRATEGY_RECREATE, res, Text(
            "may not be specified when strategy type is 'Recreate'",
            "strategy type이 'Recreate'이면 지정할 수 없습니다"), base)
        return
    values = {}
    for key in ("maxSurge", "maxUnavailable"):
        value = as_mapping(rolling).get(key)
        if value is None:
            continue
        errors = p.int_or_percent(value)
        if errors:
            yield ctx.report(DEPLOY_ROLLING_UPDATE_VALUES, res,
                             Text(f"invalid value {value!r}: {errors[0]}",
                                  f"잘못된 값 {value!r}: {errors[0]}"), (*base, key))
        else:
            values[key] = value
    if values.get("maxUnavailable") in (0, "0%") and values.get("maxSurge") in (0, "0%"):
        yield ctx.report(DEPLOY_ROLLING_UPDATE_BOTH_ZERO, res,
                         Text("maxUnavailable may not be 0 when maxSurge is 0",
                              "maxSurge가 0이면 maxUnavailable은 0일 수 없습니다"),
                         (*base, "maxUnavailable"))
    unavailable = values.get("maxUnavailable")
    if isinstance(unavailable, str) and int(unavailable[:-1]) > 100:
        yield ctx.report(DEPLOY_ROLLING_UPDATE_GT100, res, Text(
            "must not be greater than 100%", "100%보다 클 수 없습니다"), (*base, "maxUnavailable"))


def _cron(ctx: Context, res: Resource) -> Iterator[Finding]:
    schedule = res.spec.get("schedule")
    if isinstance(schedule, str) and schedule:
        errors = cron_errors(schedule)
        if errors:
            joined = "; ".join(errors)
            yield ctx.report(CRON_SCHEDULE_SYNTAX, res, Text(
                f'invalid schedule "{schedule}": {joined}',
                f'잘못된 스케줄 "{schedule}": {joined}'), ("spec", "schedule"))
    zone = res.spec.get("timeZone")
    if zone is not None and (zone == "" or zone == "Local"):
        yield ctx.report(CRON_TIME_ZONE, res, Text(
            "timeZone must be nil or an explicit IANA time zone (for example Europe/Berlin)",
            "timeZone은 nil이거나 명시적인 IANA 시간대(예: Europe/Berlin)여야 합니다"),
            ("spec", "timeZone"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(WORKLOAD_COUNTS, E, "A replica count, history limit or time is negative.", workloads),
    Rule(DEPLOY_PROGRESS_DEADLINE_GT_MIN_READY, E, "progressDeadlineSeconds is not greater than "
         "minReadySeconds.", workloads),
    Rule(JOB_TEMPLATE_RESTART_POLICY, E, "A Job's pods need restartPolicy OnFailure or Never "
         "(the default Always is rejected).", workloads),
    Rule(JOB_POD_FAILURE_POLICY_NEVER, E, "podFailurePolicy needs restartPolicy Never.",
         workloads),
    Rule(WORKLOAD_TEMPLATE_RESTART_POLICY, E, "Deployments, ReplicaSets, StatefulSets and "
         "DaemonSets only support restartPolicy Always.", workloads),
    Rule(WORKLOAD_TEMPLATE_ACTIVE_DEADLINE_SECONDS, E, "activeDeadlineSeconds is not supported "
         "in long-running workloads.", workloads),
    Rule(DEPLOY_STRATEGY_RECREATE, E, "rollingUpdate set with strategy Recreate.", workloads),
    Rule(DEPLOY_ROLLING_UPDATE_VALUES, E, "maxSurge/maxUnavailable is neither an integer nor a "
         "percentage.", workloads),
    Rule(DEPLOY_ROLLING_UPDATE_BOTH_ZERO, E, "maxSurge and maxUnavailable are both 0.", workloads),
    Rule(DEPLOY_ROLLING_UPDATE_GT100, E, "maxUnavailable above 100%.", workloads),
    Rule(CRON_SCHEDULE_SYNTAX, E, "The CronJob schedule is not a valid 5-field cron expression.",
         workloads),
    Rule(CRON_TIME_ZONE, E, "timeZone is empty or Local.", workloads),
)
