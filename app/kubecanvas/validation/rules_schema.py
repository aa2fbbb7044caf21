"""Schema rules: the OpenAPI schema of the target version, and API versions the server no longer
serves (with the one that replaced them).
"""

from __future__ import annotations

from collections.abc import Iterator

from kubecanvas.model.fields import DELETE
from kubecanvas.model.kinds import get_path
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, i_ga
from kubecanvas.model.resource import Resource, api_group
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.fixes import closest, set_field, set_fields
from kubecanvas.validation.rule import E, Rule, RuleId
from kubecanvas.validation.schema import (
    SCHEMA_INVALID,
    SCHEMA_REQUIRED,
    SCHEMA_TYPE,
    SCHEMA_UNKNOWN_FIELD,
    SchemaError,
    schemas_for,
)
from kubecanvas.validation.versions import version_tuple

# --- the rule ids this module reports ------------------------------------------------------------
API_REMOVED = RuleId("api.removed")
API_UNKNOWN_VERSION = RuleId("api.unknown-version")
API_UNKNOWN_KIND = RuleId("api.unknown-kind")

#: (apiVersion, kind) -> (replacement apiVersion or '', Kubernetes version that stopped serving
#: it). '' kind means every kind of that apiVersion.
REMOVED: dict[tuple[str, str], tuple[str, str]] = {
    ("extensions/v1beta1", "Ingress"): ("networking.k8s.io/v1", "1.22"),
    ("extensions/v1beta1", "Deployment"): ("apps/v1", "1.16"),
    ("extensions/v1beta1", "DaemonSet"): ("apps/v1", "1.16"),
    ("extensions/v1beta1", "ReplicaSet"): ("apps/v1", "1.16"),
    ("extensions/v1beta1", "NetworkPolicy"): ("networking.k8s.io/v1", "1.16"),
    ("extensions/v1beta1", "PodSecurityPolicy"): ("", "1.16"),
    ("apps/v1beta1", ""): ("apps/v1", "1.16"),
    ("apps/v1beta2", ""): ("apps/v1", "1.16"),
    ("networking.k8s.io/v1beta1", ""): ("networking.k8s.io/v1", "1.22"),
    ("batch/v1beta1", "CronJob"): ("batch/v1", "1.25"),
    ("batch/v2alpha1", "CronJob"): ("batch/v1", "1.21"),
    ("autoscaling/v2beta1", ""): ("autoscaling/v2", "1.25"),
    ("autoscaling/v2beta2", ""): ("autoscaling/v2", "1.26"),
    ("policy/v1beta1", "PodDisruptionBudget"): ("policy/v1", "1.25"),
    ("policy/v1beta1", "PodSecurityPolicy"): ("", "1.25"),
    ("rbac.authorization.k8s.io/v1beta1", ""): ("rbac.authorization.k8s.io/v1", "1.22"),
    ("rbac.authorization.k8s.io/v1alpha1", ""): ("rbac.authorization.k8s.io/v1", "1.22"),
    ("apiextensions.k8s.io/v1beta1", ""): ("apiextensions.k8s.io/v1", "1.22"),
    ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"): (
        "admissionregistration.k8s.io/v1", "1.22"),
    ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"): (
        "admissionregistration.k8s.io/v1", "1.22"),
    ("apiregistration.k8s.io/v1beta1", ""): ("apiregistration.k8s.io/v1", "1.22"),
    ("storage.k8s.io/v1beta1", "StorageClass"): ("storage.k8s.io/v1", "1.22"),
    ("storage.k8s.io/v1beta1", "CSIDriver"): ("storage.k8s.io/v1", "1.22"),
    ("storage.k8s.io/v1beta1", "CSINode"): ("storage.k8s.io/v1", "1.22"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"): ("storage.k8s.io/v1", "1.22"),
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity"): ("storage.k8s.io/v1", "1.27"),
    ("scheduling.k8s.io/v1beta1", "PriorityClass"): ("scheduling.k8s.io/v1", "1.22"),
    ("scheduling.k8s.io/v1alpha1", "PriorityClass"): ("scheduling.k8s.io/v1", "1.17"),
    ("coordination.k8s.io/v1beta1", "Lease"): ("coordination.k8s.io/v1", "1.22"),
    ("certificates.k8s.io/v1beta1", ""): ("certificates.k8s.io/v1", "1.22"),
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): ("discovery.k8s.io/v1", "1.25"),
    ("events.k8s.io/v1beta1", "Event"): ("events.k8s.io/v1", "1.25"),
    ("node.k8s.io/v1beta1", "RuntimeClass"): ("node.k8s.io/v1", "1.25"),
    ("flowcontrol.apiserver.k8s.io/v1beta1", ""): ("flowcontrol.apiserver.k8s.io/v1", "1.26"),
    ("flowcontrol.apiserver.k8s.io/v1beta2", ""): ("flowcontrol.apiserver.k8s.io/v1", "1.29"),
    ("flowcontrol.apiserver.k8s.io/v1beta3", ""): ("flowcontrol.apiserver.k8s.io/v1", "1.32"),
}


def removed_api(api_version: str, kind: str, kube_version: str) -> tuple[str, str] | None:
    """(replacement, removed in) if `kube_version` no longer serves `kind` at `api_version`."""
    entry = REMOVED.get((api_version, kind)) or REMOVED.get((api_version, ""))
    if entry is None or version_tuple(kube_version) < version_tuple(entry[1]):
        return None
    return entry


def _removed(ctx: Context, res: Resource) -> Finding | None:
    entry = removed_api(res.api_version, res.kind, ctx.kube_version)
    if entry is None:
        return None
    replacement, since = entry
    if not replacement:
        return ctx.report(API_REMOVED, res, Text(
            f"{res.kind} {res.api_version} was removed in Kubernetes {since} and has no "
            f"replacement (PodSecurityPolicy gave way to Pod Security Admission labels on the "
            f"Namespace).",
            f"{res.kind} {res.api_version}{eun_neun(res.api_version)} 쿠버네티스 {since}에서 제거되었고 대체 API가 "
            f"없습니다(PodSecurityPolicy는 네임스페이스의 Pod Security Admission 레이블로 "
            f"바뀌었습니다)."), ("apiVersion",))
    fix = set_field(res, ("apiVersion",), replacement, Text(
        f"change apiVersion to {replacement} (check the fields that changed)",
        f"apiVersion을 {replacement}{euro_ro(replacement)} 바꿉니다(바뀐 필드를 확인해야 합니다)"))
    return ctx.report(API_REMOVED, res, Text(
        f"{res.api_version} {res.kind} is no longer served since Kubernetes {since}; use "
        f"apiVersion {replacement}.",
        f"{res.api_version} {kind_both(res.kind)}{eun_neun(kind_both(res.kind))} 쿠버네티스 {since}부터 제공되지 않습니다. "
        f"apiVersion {replacement}{eul_reul(replacement)} 써야 합니다."), ("apiVersion",), fix=fix)


def _unknown_api(ctx: Context, res: Resource) -> Finding | None:
    """A built-in group with a kind or version this Kubernetes does not serve."""
    schemas = schemas_for(ctx.kube_version)
    group = api_group(res.api_version)
    builtin = schemas.builtin()
    version = res.api_version.rsplit("/", 1)[-1]
    served = builtin.get((group, res.kind))
    if served is not None:
        if version in served:
            return None
        versions = ", ".join(sorted(f"{group}/{v}" if group else v for v in served))
        return ctx.report(API_UNKNOWN_VERSION, res, Text(
            f"Kubernetes {ctx.kube_version} does not serve {res.kind} as {res.api_version}; it "
            f"serves {versions}.",
            f"쿠버네티스 {ctx.kube_version}{eun_neun(ctx.kube_version)} {kind_both(res.kind)}{eul_reul(kind_both(res.kind))} "
            f"{res.api_version}{euro_ro(res.api_version)} 제공하지 않습니다. 제공하는 버전: {versions}."),
            ("apiVersion",))
    if not schemas.is_builtin_group(group):
        return None  # a custom resource: its CRD decides
    kinds = [k for g, k in builtin if g == group]
    guess = closest(res.kind, kinds)
    fix = set_field(res, ("kind",), guess, Text(f"did you mean kind {guess}?",
                                                f"kind를 {guess}{euro_ro(guess)} 고칩니다")) \
        if guess else None
    return ctx.report(API_UNKNOWN_KIND, res, Text(
        f"the API group {group or 'core (v1)'} has no kind {res.kind!r}"
        + (f"; did you mean {guess}?" if guess else "."),
        f"API 그룹 {group or 'core (v1)'}에는 kind {res.kind!r}{i_ga(repr(res.kind))} 없습니다."
        + (f" 혹시 {guess}입니까?" if guess else "")), ("kind",), fix=fix)


def api_versions(ctx: Context) -> Iterator[Finding]:
    """`api.removed`, `api.unknown-version`, `api.unknown-kind`, `schema.required` (no kind or
    apiVersion)."""
    # what is served depends on the apiVersion and kind alone: a pair found served is not
    # looked up again (a design repeats a few dozen pairs over all its resources)
    served: set[tuple[str, str]] = set()
    for res in ctx.targets():
        if (res.api_version, res.kind) in served:
            continue
        if not res.api_version or not res.kind:
            field = "apiVersion" if not res.api_version else "kind"
            yield ctx.report(SCHEMA_REQUIRED, res, Text(
                f"{field} is not set; kubectl cannot apply an object without it.",
                f"{field}{i_ga(field)} 설정되지 않았습니다. kubectl은 이것 없는 오브젝트를 apply할 수 없습니다."),
                (field,))
            continue
        finding = _removed(ctx, res) or _unknown_api(ctx, res)
        if finding is not None:
            yield finding
        else:
            served.add((res.api_version, res.kind))


def schema_violations(ctx: Context) -> Iterator[Finding]:
    """`schema.*`: every violation of the target version's OpenAPI schema, with its path."""
    schemas = schemas_for(ctx.kube_version)
    for res in ctx.targets():
        errors = schemas.validate(res.manifest)
        if not errors:
            continue
        for error in errors:
            yield ctx.report(error.rule, res, error.message, error.path,
                             fix=_rename_fix(res, error))


def _rename_fix(res: Resource, error: SchemaError) -> Fix | None:
    """'rename containerport to containerPort' for an unknown field that is a likely typo."""
    if error.suggestion is None or not error.path:
        return None
    parent = error.path[:-1]
    container = get_path(res.manifest, parent) if parent else res.manifest
    if not isinstance(container, dict) or error.suggestion in container:
        return None
    value = container.get(str(error.path[-1]))
    return set_fields(res, [((*parent, error.suggestion), value), (error.path, DELETE)], Text(
        f"rename {error.path[-1]} to {error.suggestion}",
        f"{error.path[-1]}의 이름을 {error.suggestion}{euro_ro(error.suggestion)} 바꿉니다"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(API_REMOVED, E, "The apiVersion is no longer served by the target Kubernetes version; "
         "the finding names the replacement.", api_versions),
    Rule(API_UNKNOWN_VERSION, E, "A built-in kind is written with an apiVersion the target "
         "Kubernetes version does not serve.", api_versions),
    Rule(API_UNKNOWN_KIND, E, "A built-in API group has no such kind (a typo?).", api_versions),
    Rule(SCHEMA_REQUIRED, E, "A field the OpenAPI schema requires is missing.", api_versions),
    Rule(SCHEMA_UNKNOWN_FIELD, E, "A field the OpenAPI schema does not know; strict field "
         "validation rejects it.", schema_violations),
    Rule(SCHEMA_TYPE, E, "A field has the wrong JSON type (for example a string where an integer "
         "is expected).", schema_violations),
    Rule(SCHEMA_INVALID, E, "A value violates another OpenAPI schema constraint.",
         schema_violations),
)
