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

from kubecanvas.model.edits import DELETE
from kubecanvas.model.kinds import get_path
from kubecanvas.model.resource import Resource
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.versions import version_tuple

Path = tuple[str | int, ...]
RETENTION = ("Retain", "Delete")
JOB_NAME_LABELS = ("batch.kubernetes.io/job-name", "job-name")
UID_LABELS = ("batch.kubernetes.io/controller-uid", "controller-uid")
MIN_STARTING_DEADLINE = 10


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


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
            job_spec = _map(get_path(res.manifest, ("spec", "jobTemplate", "spec")))
            yield from _job(ctx, res, ("spec", "jobTemplate", "spec"), job_spec, None)
            deadline = _int(res.spec.get("startingDeadlineSeconds"))
            if deadline is not None and 0 <= deadline < MIN_STARTING_DEADLINE:
                yield ctx.report(
                    "wire.cron.startingDeadline.small", res,
                    f"startingDeadlineSeconds is {deadline}: the CronJob controller checks "
                    f"about every 10 seconds, so runs may be missed and never started; use "
                    f"{MIN_STARTING_DEADLINE} or more", ("spec", "startingDeadlineSeconds"),
                    fix=set_field(res, ("spec", "startingDeadlineSeconds"),
                                  MIN_STARTING_DEADLINE, "set startingDeadlineSeconds to 10"))


def _int_or_percent(ctx: Context, res: Resource, rule: str, path: Path,
                    value: Any) -> list[Finding]:
    """A malformed int-or-percent value, or one above 100%, as findings (empty when valid)."""
    errors = p.int_or_percent(value)
    if not errors and _over_100(value):
        errors = ["must not be greater than 100%"]
    return [ctx.report(rule, res, f"invalid value {value!r}: {errors[0]}", path)] if errors \
        else []


def _daemonset(ctx: Context, res: Resource) -> Iterator[Finding]:
    strategy = _map(res.spec.get("updateStrategy"))
    if strategy.get("type", "RollingUpdate") != "RollingUpdate":
        return
    base: Path = ("spec", "updateStrategy", "rollingUpdate")
    rolling = _map(strategy.get("rollingUpdate"))
    unavailable = rolling.get("maxUnavailable", 1)  # the DaemonSet defaults
    surge = rolling.get("maxSurge", 0)
    bad = _int_or_percent(ctx, res, "ds.rollingUpdate", (*base, "maxUnavailable"), unavailable)
    bad += _int_or_percent(ctx, res, "ds.rollingUpdate", (*base, "maxSurge"), surge)
    if bad:
        yield from bad
        return
    if _is_zero(unavailable) and _is_zero(surge):
        yield ctx.report("ds.rollingUpdate", res, "required value: maxUnavailable cannot be 0 "
                         "when maxSurge is 0", (*base, "maxUnavailable"))
    elif not _is_zero(unavailable) and not _is_zero(surge):
        written = "" if "maxUnavailable" in rolling else \
            " (maxUnavailable defaults to 1; set it to 0 to surge instead)"
        yield ctx.report("ds.rollingUpdate", res, f"invalid value {surge!r}: maxSurge may not "
                         f"be set when maxUnavailable is non-zero{written}", (*base, "maxSurge"),
                         fix=set_field(res, (*base, "maxUnavailable"), 0,
                                       "set maxUnavailable to 0"))


def _statefulset(ctx: Context, res: Resource) -> Iterator[Finding]:
    spec = res.spec
    strategy = _map(spec.get("updateStrategy"))
    base: Path = ("spec", "updateStrategy", "rollingUpdate")
    rolling = strategy.get("rollingUpdate")
    if strategy.get("type") == "OnDelete" and rolling is not None:
        yield ctx.report("sts.updateStrategy.onDelete", res, "invalid value: rollingUpdate is "
                         "only allowed for updateStrategy 'RollingUpdate'", base,
                         fix=set_field(res, base, DELETE, "remove updateStrategy.rollingUpdate"))
    elif isinstance(rolling, Mapping):
        partition = _int(rolling.get("partition"))
        if partition is not None and partition < 0:
            yield ctx.report("sts.rollingUpdate", res, f"invalid value {partition}: must be "
                             f"greater than or equal to 0", (*base, "partition"))
        unavailable = rolling.get("maxUnavailable")
        # before 1.35 (MaxUnavailableStatefulSet alpha, off) the API server drops the field
        if unavailable is not None and version_tuple(ctx.kube_version) >= (1, 35):
            bad = _int_or_percent(ctx, res, "sts.rollingUpdate", (*base, "maxUnavailable"),
                                  unavailable)
            yield from bad
            if not bad and _is_zero(unavailable):
                yield ctx.report("sts.rollingUpdate", res, f"invalid value {unavailable!r}: "
                                 f"cannot be 0", (*base, "maxUnavailable"))
    retention = _map(spec.get("persistentVolumeClaimRetentionPolicy"))
    for key in ("whenDeleted", "whenScaled"):
        value = retention.get(key)
        if value is not None and value not in RETENTION:
            yield ctx.report("sts.pvcRetention", res, f'unsupported value "{value}": supported '
                             f'values: "Retain", "Delete"',
                             ("spec", "persistentVolumeClaimRetentionPolicy", key))
    start = _int(_map(spec.get("ordinals")).get("start"))
    if start is not None and start < 0:
        yield ctx.report("sts.counts", res, f"invalid value {start}: must be greater than or "
                         f"equal to 0", ("spec", "ordinals", "start"))
    yield from _claim_names(ctx, res)
    service = spec.get("serviceName")
    if isinstance(service, str) and service and p.dns1123_label(service):
        yield ctx.report("sts.serviceName.format", res, f'invalid value "{service}": '
                         f'{"; ".join(p.dns1123_label(service))} (it becomes the pods\' '
                         f"spec.subdomain)", ("spec", "serviceName"))


def _job(ctx: Context, res: Resource, base: Path, spec: Mapping[str, Any],
         name: str | None) -> Iterator[Finding]:
    managed = spec.get("managedBy")
    if isinstance(managed, str) and not p.domain_prefixed_path(managed, limit=63):
        yield ctx.report("job.managedBy", res, f'invalid value "{managed}": must be a '
                         f'domain-prefixed path (such as "acme.io/foo") of at most 63 characters',
                         (*base, "managedBy"))
    if spec.get("manualSelector") is True:
        return
    labels = _map(get_path(spec, ("template", "metadata", "labels")))
    lpath = (*base, "template", "metadata", "labels")
    for key in JOB_NAME_LABELS:
        value = labels.get(key)
        if value is not None and name is not None and value != name:
            yield ctx.report("job.selector.templateLabels", res, f'invalid value "{value}": '
                             f"must be '{name}' (the Job's name; the label is generated, "
                             f"remove it)", (*lpath, key),
                             fix=set_field(res, (*lpath, key), DELETE, f"remove label {key}"))
        elif value is not None and name is None:
            yield ctx.report("job.selector.templateLabels", res, f'invalid value "{value}": '
                             f"the CronJob names each Job itself; remove the generated label "
                             f"{key}", (*lpath, key),
                             fix=set_field(res, (*lpath, key), DELETE, f"remove label {key}"))
    for key in UID_LABELS:
        if key in labels:
            yield ctx.report("job.selector.templateLabels", res, f"invalid value "
                             f"{labels[key]!r}: {key} is generated from the Job's uid; remove "
                             f"it", (*lpath, key),
                             fix=set_field(res, (*lpath, key), DELETE, f"remove label {key}"))


def _claim_names(ctx: Context, res: Resource) -> Iterator[Finding]:
    """The controller names each claim `<template>-<statefulset>-<ordinal>`; the longest one
    (the highest ordinal) must still be a DNS subdomain."""
    replicas = _int(res.spec.get("replicas"))
    start = _int(_map(res.spec.get("ordinals")).get("start")) or 0
    last = start + max((1 if replicas is None else replicas) - 1, 0)
    templates = res.spec.get("volumeClaimTemplates")
    for i, template in enumerate(templates if isinstance(templates, list) else []):
        name = _map(_map(template).get("metadata")).get("name")
        if not isinstance(name, str) or not name:
            continue
        claim = f"{name}-{res.name}-{last}"
        if p.dns1123_subdomain(claim):
            yield ctx.report("sts.vct.pvcName", res, f'the claim "{claim}" the controller '
                             f"creates is not a valid name: {p.dns1123_subdomain(claim)[0]}; "
                             f"pods stay Pending", ("spec", "volumeClaimTemplates", i,
                                                    "metadata", "name"))
