"""Format rules for metadata (names per kind, labels, annotations), label selectors, and the
workload kinds' own spec rules (sections 1, 2 and 4-9 of the validation catalogue).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kubecanvas.model.fields import FieldPath, as_mapping
from kubecanvas.model.kinds import get_path, kind_info, pod_template_path
from kubecanvas.model.korean import eun_neun
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.rule import INFO, E, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
META_NAME_REQUIRED = RuleId("meta.name.required")
META_NAME_FORMAT = RuleId("meta.name.format")
META_NAMESPACE_FORMAT = RuleId("meta.namespace.format")
META_NAMESPACE_CLUSTER_SCOPED = RuleId("meta.namespace.clusterScoped")
META_LABELS_KEY = RuleId("meta.labels.key")
META_LABELS_VALUE = RuleId("meta.labels.value")
META_ANNOTATIONS_KEY = RuleId("meta.annotations.key")
META_ANNOTATIONS_SIZE = RuleId("meta.annotations.size")
META_WORKLOAD_NAME_DNS_LABEL = RuleId("meta.workloadName.dnsLabel")
STS_NAME_LEN52 = RuleId("sts.name.len52")
CRON_NAME_LEN52 = RuleId("cron.name.len52")
JOB_NAME_LEN63 = RuleId("job.name.len63")
SEL_MATCH_LABELS_KEY = RuleId("sel.matchLabels.key")
SEL_MATCH_LABELS_VALUE = RuleId("sel.matchLabels.value")
SEL_EXPR_OPERATOR = RuleId("sel.expr.operator")
SEL_EXPR_VALUES_REQUIRED = RuleId("sel.expr.values.required")
SEL_EXPR_VALUES_FORBIDDEN = RuleId("sel.expr.values.forbidden")
SEL_EXPR_KEY = RuleId("sel.expr.key")
SVC_SELECTOR_FORMAT_KEY = RuleId("svc.selector.format.key")
SVC_SELECTOR_FORMAT_VALUE = RuleId("svc.selector.format.value")
WORKLOAD_SELECTOR_EMPTY = RuleId("workload.selector.empty")
SEL_EXPR_VALUE = RuleId("sel.expr.value")


LABEL_NAME_KINDS = frozenset({"Namespace", "StatefulSet"})
SUBDOMAIN_NAME_KINDS = frozenset({
    "Pod", "ReplicationController", "Job", "CronJob", "Deployment", "ReplicaSet", "DaemonSet",
    "ConfigMap", "Secret", "ServiceAccount", "PersistentVolume", "PersistentVolumeClaim",
    "Endpoints", "Ingress", "IngressClass", "NetworkPolicy", "StorageClass", "PriorityClass",
    "RuntimeClass", "Node", "LimitRange", "ResourceQuota", "HorizontalPodAutoscaler",
    "PodDisruptionBudget"})
POD_NAME_KINDS = frozenset({"Pod", "ReplicaSet", "Deployment", "Job", "CronJob",
                            "ReplicationController"})
ANNOTATION_LIMIT = 262144
SELECTOR_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")
APPS_SELECTOR_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")
#: The (key, value) rules a set of labels is checked under, by where the labels are.
LabelRules = tuple[RuleId, RuleId]
METADATA_LABELS: LabelRules = (META_LABELS_KEY, META_LABELS_VALUE)
MATCH_LABELS: LabelRules = (SEL_MATCH_LABELS_KEY, SEL_MATCH_LABELS_VALUE)
SERVICE_SELECTOR: LabelRules = (SVC_SELECTOR_FORMAT_KEY, SVC_SELECTOR_FORMAT_VALUE)



def name_rule(kind: str) -> tuple[str, p.Predicate] | None:
    """The name validator the API server uses for `kind` (catalogue 0.6)."""
    if kind == "Service":
        return "DNS-1035 label", p.dns1035_label
    if kind in LABEL_NAME_KINDS:
        return "DNS-1123 label", p.dns1123_label
    if kind in SUBDOMAIN_NAME_KINDS:
        return "DNS-1123 subdomain", p.dns1123_subdomain
    return None


def _path_segment(value: str) -> list[str]:
    if value in (".", ".."):
        return [f'may not be "{value}"']
    return [f"may not contain '{c}'" for c in "/%" if c in value]


def metadata(ctx: Context) -> Iterator[Finding]:
    """`meta.*`: names per kind, namespaces, labels and annotations of every target."""
    for res in ctx.targets():
        meta = res.metadata
        name = meta.get("name")
        if not name and not meta.get("generateName"):
            yield ctx.report(META_NAME_REQUIRED, res, Text(
                "metadata.name is required", "metadata.name은 필수입니다"), ("metadata", "name"))
        elif isinstance(name, str) and name:
            yield from _check_name(ctx, res, name)
        namespace = meta.get("namespace")
        if isinstance(namespace, str) and namespace:
            if not kind_info(res.kind).namespaced:
                yield ctx.report(META_NAMESPACE_CLUSTER_SCOPED, res, Text(
                    f"{res.kind} is cluster-scoped; metadata.namespace is ignored",
                    f"{kind_both(res.kind)}{eun_neun(kind_both(res.kind))} 클러스터 범위입니다. metadata.namespace는 "
                    f"무시됩니다"), ("metadata", "namespace"))
            elif p.dns1123_label(namespace):
                errors = "; ".join(p.dns1123_label(namespace))
                yield ctx.report(META_NAMESPACE_FORMAT, res, Text(
                    f'invalid value "{namespace}": {errors}',
                    f'잘못된 값 "{namespace}": {errors}'), ("metadata", "namespace"))
        yield from check_labels(ctx, res, ("metadata", "labels"), meta.get("labels"),
                                METADATA_LABELS)
        yield from _check_annotations(ctx, res, meta.get("annotations"))


#: Kinds whose names have a shorter limit, the rule that says so and why (made once: built
#: for each name checked, their texts were 150,000 objects at 50,000 resources).
_NAME_LIMITS: dict[str, tuple[int, RuleId, Text]] = {
    "StatefulSet": (52, STS_NAME_LEN52, Text(
        "the controller-revision-hash pod label exceeds 63 characters, so no pod is ever created",
        "controller-revision-hash 파드 레이블이 63자를 넘어 파드가 하나도 만들어지지 않습니다")),
    "CronJob": (52, CRON_NAME_LEN52, Text(
        "11 characters are appended for Job names", "잡 이름에 11자가 덧붙습니다")),
    "Job": (63, JOB_NAME_LEN63, Text(
        "the generated job-name pod label would be invalid",
        "생성되는 job-name 파드 레이블이 유효하지 않게 됩니다")),
}


def _check_name(ctx: Context, res: Resource, name: str) -> Iterator[Finding]:
    rule = name_rule(res.kind)
    errors = rule[1](name) if rule else _path_segment(name)
    if errors:
        what = f" ({res.kind} names must be a {rule[0]})" if rule else ""
        what_ko = f"({kind_both(res.kind)} 이름은 {rule[0]}이어야 합니다)" if rule else ""
        joined = "; ".join(errors)
        yield ctx.report(META_NAME_FORMAT, res, Text(
            f'invalid name "{name}"{what}: {joined}', f'잘못된 이름 "{name}"{what_ko}: {joined}'),
            ("metadata", "name"))
    elif res.kind in POD_NAME_KINDS and p.dns1123_label(name):
        yield ctx.report(META_WORKLOAD_NAME_DNS_LABEL, res, Text(
            f'"{name}" is used in pod names and hostnames; a DNS label (no dots, at most 63 '
            f"characters) is recommended",
            f'"{name}"{eun_neun(name)} 파드 이름과 호스트 이름에 쓰입니다. DNS 레이블(점 없이 63자 이하)을 '
            f"권장합니다"), ("metadata", "name"))
    if res.kind in _NAME_LIMITS and len(name) > _NAME_LIMITS[res.kind][0]:
        limit, rule_id, why = _NAME_LIMITS[res.kind]
        yield ctx.report(rule_id, res, Text(
            f"name is {len(name)} characters, more than {limit}: {why.en}",
            f"이름이 {len(name)}자로 {limit}자를 넘습니다: {why.ko}"), ("metadata", "name"))


def check_labels(ctx: Context, res: Resource, path: FieldPath, labels: Any,
                 rules: LabelRules) -> Iterator[Finding]:
    """Keys are qualified names, values label values (metadata, templates, selectors); `rules`
    are the (key, value) rule ids to report them under."""
    for key, value in as_mapping(labels).items():
        key_errors = p.qualified_name(str(key))
        if key_errors:
            joined = "; ".join(key_errors)
            yield ctx.report(rules[0], res, Text(
                f'invalid label key "{key}": {joined}', f'잘못된 레이블 키 "{key}": {joined}'),
                (*path, key))
        text = "" if value is None else value
        if not isinstance(text, str):
            continue  # the schema reports the type
        value_errors = p.label_value(text)
        if value_errors:
            joined = "; ".join(value_errors)
            yield ctx.report(rules[1], res, Text(
                f'invalid label value "{text}": {joined}', f'잘못된 레이블 값 "{text}": {joined}'),
                (*path, key))


def _check_annotations(ctx: Context, res: Resource, annotations: Any) -> Iterator[Finding]:
    total = 0
    for key, value in as_mapping(annotations).items():
        errors = p.qualified_name(str(key).lower())
        if errors:
            joined = "; ".join(errors)
            yield ctx.report(META_ANNOTATIONS_KEY, res, Text(
                f'invalid annotation key "{key}": {joined}',
                f'잘못된 어노테이션 키 "{key}": {joined}'), ("metadata", "annotations", key))
        total += len(str(key).encode()) + len(str(value if value is not None else "").encode())
    if total > ANNOTATION_LIMIT:
        yield ctx.report(META_ANNOTATIONS_SIZE, res, Text(
            f"annotations total {total} bytes, more than {ANNOTATION_LIMIT}: use server-side "
            f"apply or move data out of annotations",
            f"어노테이션이 모두 {total}바이트로 {ANNOTATION_LIMIT}바이트를 넘습니다. server-side "
            f"apply를 쓰거나 데이터를 어노테이션 밖으로 옮겨야 합니다"), ("metadata", "annotations"))


def label_selector(ctx: Context, res: Resource, path: FieldPath, raw: Any) -> Iterator[Finding]:
    """`sel.*`: a metav1.LabelSelector's syntax."""
    selector = as_mapping(raw)
    yield from check_labels(ctx, res, (*path, "matchLabels"), selector.get("matchLabels"),
                            MATCH_LABELS)
    expressions = selector.get("matchExpressions")
    for i, expr in enumerate(expressions if isinstance(expressions, list) else []):
        epath = (*path, "matchExpressions", i)
        expr = as_mapping(expr)
        operator, values = expr.get("operator"), expr.get("values")
        if operator not in SELECTOR_OPERATORS:
            yield ctx.report(SEL_EXPR_OPERATOR, res, Text(
                f'invalid value "{operator}": not a valid selector operator (In, NotIn, Exists, '
                f'DoesNotExist)',
                f'잘못된 값 "{operator}": 유효한 셀렉터 연산자가 아닙니다(In, NotIn, Exists, '
                f'DoesNotExist)'), (*epath, "operator"))
        elif operator in ("In", "NotIn") and not values:
            yield ctx.report(SEL_EXPR_VALUES_REQUIRED, res, Text(
                f"values must be specified when operator is {operator}",
                f"연산자가 {operator}이면 values를 지정해야 합니다"),
                             (*epath, "values"))
        elif operator in ("Exists", "DoesNotExist") and values:
            yield ctx.report(SEL_EXPR_VALUES_FORBIDDEN, res, Text(
                f"values may not be specified when operator is {operator}",
                f"연산자가 {operator}이면 values를 지정할 수 없습니다"),
                             (*epath, "values"))
        for j, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and p.label_value(value):
                why = p.label_value(value)[0]
                yield ctx.report(SEL_EXPR_VALUE, res, Text(
                    f'invalid value "{value}": {why}', f'잘못된 값 "{value}": {why}'),
                    (*epath, "values", j))
        key = expr.get("key")
        if isinstance(key, str) and p.qualified_name(key):
            joined = "; ".join(p.qualified_name(key))
            yield ctx.report(SEL_EXPR_KEY, res, Text(
                f'invalid key "{key}": {joined}', f'잘못된 키 "{key}": {joined}'),
                (*epath, "key"))


def selectors(ctx: Context) -> Iterator[Finding]:
    """Selector syntax of workloads, PDBs, NetworkPolicies, claims, and Service selectors."""
    for res in ctx.targets():
        info = kind_info(res.kind)
        if res.kind == "Service":
            yield from check_labels(ctx, res, ("spec", "selector"), res.spec.get("selector"),
                                    SERVICE_SELECTOR)
        elif res.kind == "ReplicationController":
            yield from check_labels(ctx, res, ("spec", "selector"), res.spec.get("selector"),
                                    MATCH_LABELS)
        elif info.selector is not None:
            yield from label_selector(ctx, res, info.selector, get_path(res.manifest,
                                                                        info.selector))
        if res.kind == "PersistentVolumeClaim" and res.spec.get("selector") is not None:
            yield from label_selector(ctx, res, ("spec", "selector"), res.spec["selector"])
        tpath = pod_template_path(res)
        if tpath:
            yield from check_labels(ctx, res, (*tpath, "metadata", "labels"),
                                    get_path(res.manifest, (*tpath, "metadata", "labels")),
                                    METADATA_LABELS)
        if res.kind in APPS_SELECTOR_KINDS and res.spec.get("selector") == {}:
            yield ctx.report(WORKLOAD_SELECTOR_EMPTY, res, Text(
                f"empty selector is invalid for {res.kind.lower()}: it would select every pod",
                f"빈 셀렉터는 {kind_both(res.kind)}에 유효하지 않습니다. 모든 파드를 선택하게 됩니다"),
                ("spec", "selector"))


_CRON_FIELD = re.compile(r"^(\*|\?|[0-9a-zA-Z]+(-[0-9a-zA-Z]+)?)(/[0-9]+)?$")
_CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_CRON_NAMES = {3: ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                   "nov", "dec"), 4: ("sun", "mon", "tue", "wed", "thu", "fri", "sat")}
_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")


def cron_errors(schedule: str) -> list[str]:
    """What robfig/cron's ParseStandard would reject (5 fields, ranges, descriptors)."""
    text = schedule.strip()
    if "TZ" in text:
        return ["cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
    if text.startswith("@"):
        if text in _DESCRIPTORS or re.match(r"^@every [0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)", text):
            return []
        return [f"unrecognized descriptor: {text}"]
    fields = text.split()
    if len(fields) != 5:
        return [f"expected exactly 5 fields, found {len(fields)}: [{' '.join(fields)}]"]
    errors = []
    for index, field in enumerate(fields):
        low, high = _CRON_RANGES[index]
        for part in field.split(","):
            if not _CRON_FIELD.match(part):
                errors.append(f"failed to parse {part!r}")
                continue
            for bound in re.split(r"[-/]", part.split("/")[0]):
                if bound in ("*", "?"):
                    continue
                names = _CRON_NAMES.get(index, ())
                number = names.index(bound.lower()) + (1 if index == 3 else 0) if \
                    bound.lower() in names else (int(bound) if bound.isdigit() else None)
                if number is None:
                    errors.append(f"failed to parse int from {bound}")
                elif not low <= number <= high:
                    errors.append(f"{bound} out of range [{low}, {high}]")
    return errors


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(META_NAME_REQUIRED, E, "metadata.name (or generateName) is missing.", metadata),
    Rule(META_NAME_FORMAT, E, "The name is not valid for its kind (DNS-1123 subdomain or label, "
         "DNS-1035 label for Services).", metadata),
    Rule(META_NAMESPACE_FORMAT, E, "metadata.namespace is not a DNS-1123 label.", metadata),
    Rule(META_NAMESPACE_CLUSTER_SCOPED, W, "A cluster-scoped kind carries a namespace.", metadata),
    Rule(META_LABELS_KEY, E, "A label key is not a qualified name.", metadata),
    Rule(META_LABELS_VALUE, E, "A label value is not valid (63 characters, alphanumerics, '-', "
         "'_', '.').", metadata),
    Rule(META_ANNOTATIONS_KEY, E, "An annotation key is not a qualified name.", metadata),
    Rule(META_ANNOTATIONS_SIZE, E, "Annotations exceed 256 KiB in total.", metadata),
    Rule(META_WORKLOAD_NAME_DNS_LABEL, INFO, "A workload's name is not a DNS label; it ends up "
         "in pod hostnames.", metadata),
    Rule(STS_NAME_LEN52, W, "A StatefulSet name longer than 52 characters: its pods are never "
         "created.", metadata),
    Rule(CRON_NAME_LEN52, E, "A CronJob name longer than 52 characters.", metadata),
    Rule(JOB_NAME_LEN63, E, "A Job name longer than 63 characters.", metadata),
    Rule(SEL_MATCH_LABELS_KEY, E, "A selector's matchLabels key is not a qualified name.",
         selectors),
    Rule(SEL_MATCH_LABELS_VALUE, E, "A selector's matchLabels value is not a valid label value.",
         selectors),
    Rule(SEL_EXPR_OPERATOR, E, "A matchExpressions operator is not In, NotIn, Exists or "
         "DoesNotExist.", selectors),
    Rule(SEL_EXPR_VALUES_REQUIRED, E, "In/NotIn expressions need values.", selectors),
    Rule(SEL_EXPR_VALUES_FORBIDDEN, E, "Exists/DoesNotExist expressions take no values.",
         selectors),
    Rule(SEL_EXPR_KEY, E, "A matchExpressions key is not a qualified name.", selectors),
    Rule(SVC_SELECTOR_FORMAT_KEY, E, "A Service selector key is not a qualified name.", selectors),
    Rule(SVC_SELECTOR_FORMAT_VALUE, E, "A Service selector value is not a valid label value.",
         selectors),
    Rule(WORKLOAD_SELECTOR_EMPTY, E, "An empty selector is invalid for Deployments, ReplicaSets, "
         "StatefulSets and DaemonSets.", selectors),
    Rule(SEL_EXPR_VALUE, E, "A matchExpressions value is not a valid label value.", selectors),
)
