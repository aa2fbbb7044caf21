"""Format rules of DaemonSet, StatefulSet and Job specs beyond `rules_workloads` (catalogue
sections 6-9): rolling-update parameters, partitions, claim retention, ordinals, the governing
Service name, `managedBy`, the generated Job labels and the CronJob starting deadline.

Defaults first (catalogue 0.4): a DaemonSet's rollingUpdate defaults maxUnavailable to 1 and
maxSurge to 0 (so `maxSurge: 1` alone is rejected: maxUnavailable is still 1); a StatefulSet's
updateStrategy defaults to RollingUpdate with partition 0.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import DELETE, FieldPath, as_int, as_mapping
from kubecanvas.model.kinds import get_path
from kubecanvas.model.korean import eul_reul, eun_neun
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Fix, unsupported_value
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.rule import E, Rule, RuleId, W
from kubecanvas.validation.versions import version_tuple

# --- the rule ids this module reports ------------------------------------------------------------
DS_ROLLING_UPDATE = RuleId("ds.rollingUpdate")
STS_ROLLING_UPDATE = RuleId("sts.rollingUpdate")
STS_UPDATE_STRATEGY_ON_DELETE = RuleId("sts.updateStrategy.onDelete")
STS_PVC_RETENTION = RuleId("sts.pvcRetention")
STS_COUNTS = RuleId("sts.counts")
STS_SERVICE_NAME_FORMAT = RuleId("sts.serviceName.format")
JOB_MANAGED_BY = RuleId("job.managedBy")
JOB_SELECTOR_TEMPLATE_LABELS = RuleId("job.selector.templateLabels")
WIRE_CRON_STARTING_DEADLINE_SMALL = RuleId("wire.cron.startingDeadline.small")
STS_VCT_PVC_NAME = RuleId("sts.vct.pvcName")

RETENTION = ("Retain", "Delete")
JOB_NAME_LABELS = ("batch.kubernetes.io/job-name", "job-name")
UID_LABELS = ("batch.kubernetes.io/controller-uid", "controller-uid")
MIN_STARTING_DEADLINE = 10




def _is_zero(value: Any) -> bool:
    return value in (0, "0%")


def _over_100(value: Any) -> bool:
    return isinstance(value, str) and value.endswith("%") and int(value[:-1]) > 100


def controllers(ctx: Context) -> Iterator[Finding]:
    """`ds.rollingUpdate`, `sts.*`, `job.managedBy`, `job.selector.templateLabels`,
    `wire.cron.startingDeadline.small`."""
    for res in ctx.targets("DaemonSet", "StatefulSet", "Job", "CronJob"):
        if res.kind == "DaemonSet":
            yield from _daemonset(ctx, res)
        elif res.kind == "StatefulSet":
            yield from _statefulset(ctx, res)
        elif res.kind == "Job":
            yield from _job(ctx, res, ("spec",), res.spec, res.name)
        else:
            job_spec = as_mapping(get_path(res.manifest, ("spec", "jobTemplate", "spec")))
            yield from _job(ctx, res, ("spec", "jobTemplate", "spec"), job_spec, None)
            deadline = as_int(res.spec.get("startingDeadlineSeconds"))
            if deadline is not None and 0 <= deadline < MIN_STARTING_DEADLINE:
                yield ctx.report(
                    WIRE_CRON_STARTING_DEADLINE_SMALL, res,
                    Text(f"startingDeadlineSeconds is {deadline}: the CronJob controller checks "
                         f"about every 10 seconds, so runs may be missed and never started; use "
                         f"{MIN_STARTING_DEADLINE} or more",
                         f"startingDeadlineSeconds가 {deadline}입니다. 크론잡 컨트롤러는 약 10초마다 "
                         f"확인하므로 실행을 놓치고 시작하지 못할 수 있습니다. "
                         f"{MIN_STARTING_DEADLINE} 이상을 써야 합니다"),
                    ("spec", "startingDeadlineSeconds"),
                    fix=set_field(res, ("spec", "startingDeadlineSeconds"),
                                  MIN_STARTING_DEADLINE,
                                  Text("set startingDeadlineSeconds to 10",
                                       "startingDeadlineSeconds를 10으로 설정합니다")))


def _int_or_percent(ctx: Context, res: Resource, rule: RuleId, path: FieldPath,
                    value: Any) -> list[Finding]:
    """A malformed int-or-percent value, or one above 100%, as findings (empty when valid)."""
    errors = p.int_or_percent(value)
    if not errors and _over_100(value):
        errors = ["must not be greater than 100%"]
    return [ctx.report(rule, res, Text(f"invalid value {value!r}: {errors[0]}",
                                       f"잘못된 값 {value!r}: {errors[0]}"), path)] if errors \
        else []


def _non_negative(value: Any) -> Text:
    return Text(f"invalid value {value}: must be greater than or equal to 0",
                f"잘못된 값 {value}: 0 이상이어야 합니다")


def _remove_label(res: Resource, lpath: FieldPath, key: str) -> Fix:
    return set_field(res, (*lpath, key), DELETE, Text(f"remove label {key}",
                                                      f"레이블 {key}{eul_reul(key)} 제거합니다"))


def _daemonset(ctx: Context, res: Resource) -> Iterator[Finding]:
    strategy = as_mapping(res.spec.get("updateStrategy"))
    if strategy.get("type", "RollingUpdate") != "RollingUpdate":
        return
    base: FieldPath = ("spec", "updateStrategy", "rollingUpdate")
    rolling = as_mapping(strategy.get("rollingUpdate"))
    unavailable = rolling.get("maxUnavailable", 1)  # the DaemonSet defaults
    surge = rolling.get("maxSurge", 0)
    bad = _int_or_percent(ctx, res, DS_ROLLING_UPDATE, (*base, "maxUnavailable"), unavailable)
    bad += _int_or_percent(ctx, res, DS_ROLLING_UPDATE, (*base, "maxSurge"), surge)
    if bad:
        yield from bad
        return
    if _is_zero(unavailable) and _is_zero(surge):
        yield ctx.report(DS_ROLLING_UPDATE, res, Text(
            "required value: maxUnavailable cannot be 0 when maxSurge is 0",
            "필수 값: maxSurge가 0이면 maxUnavailable은 0일 수 없습니다"), (*base, "maxUnavailable"))
    elif not _is_zero(unavailable) and not _is_zero(surge):
        written = "" if "maxUnavailable" in rolling else \
            " (maxUnavailable defaults to 1; set it to 0 to surge instead)"
        written_ko = "" if "maxUnavailable" in rolling else \
            "(maxUnavailable의 기본값은 1입니다. surge하려면 0으로 설정해야 합니다)"
        yield ctx.report(DS_ROLLING_UPDATE, res, Text(
            f"invalid value {surge!r}: maxSurge may not be set when maxUnavailable is "
            f"non-zero{written}",
            f"잘못된 값 {surge!r}: maxUnavailable이 0이 아니면 maxSurge를 설정할 수 "
            f"없습니다{written_ko}"), (*base, "maxSurge"),
            fix=set_field(res, (*base, "maxUnavailable"), 0,
                          Text("set maxUnavailable to 0", "maxUnavailable을 0으로 설정합니다")))


def _statefulset(ctx: Context, res: Resource) -> Iterator[Finding]:
    spec = res.spec
    strategy = as_mapping(spec.get("updateStrategy"))
    base: FieldPath = ("spec", "updateStrategy", "rollingUpdate")
    rolling = strategy.get("rollingUpdate")
    if strategy.get("type") == "OnDelete" and rolling is not None:
        yield ctx.report(STS_UPDATE_STRATEGY_ON_DELETE, res, Text(
            "invalid value: rollingUpdate is only allowed for updateStrategy 'RollingUpdate'",
            "잘못된 값: rollingUpdate는 updateStrategy가 'RollingUpdate'일 때만 쓸 수 있습니다"), base,
            fix=set_field(res, base, DELETE, Text("remove updateStrategy.rollingUpdate",
                                                  "updateStrategy.rollingUpdate를 제거합니다")))
    elif isinstance(rolling, Mapping):
        partition = as_int(rolling.get("partition"))
        if partition is not None and partition < 0:
            yield ctx.report(STS_ROLLING_UPDATE, res, _non_negative(partition),
                             (*base, "partition"))
        unavailable = rolling.get("maxUnavailable")
        # before 1.35 (MaxUnavailableStatefulSet alpha, off) the API server drops the field
        if unavailable is not None and version_tuple(ctx.kube_version) >= (1, 35):
            bad = _int_or_percent(ctx, res, STS_ROLLING_UPDATE, (*base, "maxUnavailable"),
                                  unavailable)
            yield from bad
            if not bad and _is_zero(unavailable):
                yield ctx.report(STS_ROLLING_UPDATE, res, Text(
                    f"invalid value {unavailable!r}: cannot be 0",
                    f"잘못된 값 {unavailable!r}: 0일 수 없습니다"), (*base, "maxUnavailable"))
    retention = as_mapping(spec.get("persistentVolumeClaimRetentionPolicy"))
    for key in ("whenDeleted", "whenScaled"):
        value = retention.get(key)
        if value is not None and value not in RETENTION:
            yield ctx.report(STS_PVC_RETENTION, res,
                             unsupported_value(value, '"Retain", "Delete"'),
                             ("spec", "persistentVolumeClaimRetentionPolicy", key))
    start = as_int(as_mapping(spec.get("ordinals")).get("start"))
    if start is not None and start < 0:
        yield ctx.report(STS_COUNTS, res, _non_negative(start), ("spec", "ordinals", "start"))
    yield from _claim_names(ctx, res)
    service = spec.get("serviceName")
    if isinstance(service, str) and service and p.dns1123_label(service):
        errors = "; ".join(p.dns1123_label(service))
        yield ctx.report(STS_SERVICE_NAME_FORMAT, res, Text(
            f'invalid value "{service}": {errors} (it becomes the pods\' spec.subdomain)',
            f'잘못된 값 "{service}": {errors}(파드의 spec.subdomain이 됩니다)'),
            ("spec", "serviceName"))


def _job(ctx: Context, res: Resource, base: FieldPath, spec: Mapping[str, Any],
         name: str | None) -> Iterator[Finding]:
    managed = spec.get("managedBy")
    if isinstance(managed, str) and not p.domain_prefixed_path(managed, limit=63):
        yield ctx.report(JOB_MANAGED_BY, res, Text(
            f'invalid value "{managed}": must be a domain-prefixed path (such as "acme.io/foo") '
            f'of at most 63 characters',
            f'잘못된 값 "{managed}": 63자 이하의 도메인 접두사가 붙은 경로(예: "acme.io/foo")여야 '
            f'합니다'),
                         (*base, "managedBy"))
    if spec.get("manualSelector") is True:
        return
    labels = as_mapping(get_path(spec, ("template", "metadata", "labels")))
    lpath = (*base, "template", "metadata", "labels")
    for key in JOB_NAME_LABELS:
        value = labels.get(key)
        if value is not None and name is not None and value != name:
            yield ctx.report(JOB_SELECTOR_TEMPLATE_LABELS, res, Text(
                f"invalid value \"{value}\": must be '{name}' (the Job's name; the label is "
                f"generated, remove it)",
                f"잘못된 값 \"{value}\": '{name}'(잡의 이름)이어야 합니다. 이 레이블은 생성되므로 "
                f"제거해야 합니다"), (*lpath, key), fix=_remove_label(res, lpath, key))
        elif value is not None and name is None:
            yield ctx.report(JOB_SELECTOR_TEMPLATE_LABELS, res, Text(
                f'invalid value "{value}": the CronJob names each Job itself; remove the '
                f"generated label {key}",
                f'잘못된 값 "{value}": 크론잡이 각 잡의 이름을 직접 짓습니다. 생성되는 레이블 '
                f"{key}{eul_reul(key)} 제거해야 합니다"), (*lpath, key), fix=_remove_label(res, lpath, key))
    for key in UID_LABELS:
        if key in labels:
            yield ctx.report(JOB_SELECTOR_TEMPLATE_LABELS, res, Text(
                f"invalid value {labels[key]!r}: {key} is generated from the Job's uid; remove it",
                f"잘못된 값 {labels[key]!r}: {key}{eun_neun(key)} 잡의 uid로 생성되므로 제거해야 합니다"),
                (*lpath, key), fix=_remove_label(res, lpath, key))


def _claim_names(ctx: Context, res: Resource) -> Iterator[Finding]:
    """The controller names each claim `<template>-<statefulset>-<ordinal>`; the longest one
    (the highest ordinal) must still be a DNS subdomain."""
    replicas = as_int(res.spec.get("replicas"))
    start = as_int(as_mapping(res.spec.get("ordinals")).get("start")) or 0
    last = start + max((1 if replicas is None else replicas) - 1, 0)
    templates = res.spec.get("volumeClaimTemplates")
    for i, template in enumerate(templates if isinstance(templates, list) else []):
        name = as_mapping(as_mapping(template).get("metadata")).get("name")
        if not isinstance(name, str) or not name:
            continue
        claim = f"{name}-{res.name}-{last}"
        if p.dns1123_subdomain(claim):
            why = p.dns1123_subdomain(claim)[0]
            yield ctx.report(STS_VCT_PVC_NAME, res, Text(
                f'the claim "{claim}" the controller creates is not a valid name: {why}; pods '
                f"stay Pending",
                f'컨트롤러가 만드는 클레임 "{claim}"{eun_neun(claim)} 유효한 이름이 아닙니다: {why}. 파드가 '
                f"Pending 상태에 머뭅니다"), ("spec", "volumeClaimTemplates", i, "metadata", "name"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(DS_ROLLING_UPDATE, E, "DaemonSet maxUnavailable/maxSurge malformed, above 100%, both "
         "zero or both non-zero (after defaults).", controllers),
    Rule(STS_ROLLING_UPDATE, E, "A StatefulSet partition below 0, or a maxUnavailable that is "
         "malformed, 0 or above 100%.", controllers),
    Rule(STS_UPDATE_STRATEGY_ON_DELETE, E, "rollingUpdate set with updateStrategy OnDelete.",
         controllers),
    Rule(STS_PVC_RETENTION, E, "persistentVolumeClaimRetentionPolicy whenDeleted/whenScaled is "
         "not Retain or Delete.", controllers),
    Rule(STS_COUNTS, E, "ordinals.start is negative.", controllers),
    Rule(STS_SERVICE_NAME_FORMAT, E, "A StatefulSet serviceName that is not a DNS-1123 label (it "
         "becomes the pods' subdomain).", controllers),
    Rule(JOB_MANAGED_BY, E, "A Job's managedBy is not a domain-prefixed path of at most 63 "
         "characters.", controllers),
    Rule(JOB_SELECTOR_TEMPLATE_LABELS, E, "A Job template sets the generated job-name or "
         "controller-uid labels to other values.", controllers),
    Rule(WIRE_CRON_STARTING_DEADLINE_SMALL, W, "startingDeadlineSeconds below 10: runs may be "
         "missed and never started.", controllers),
    Rule(STS_VCT_PVC_NAME, W, "A claim the StatefulSet creates (<template>-<name>-<ordinal>) "
         "would not be a valid name.", controllers),
)
