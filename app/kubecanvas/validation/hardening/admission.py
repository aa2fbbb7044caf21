"""Pod Security Admission, wired (default profile): a Namespace's `pod-security.kubernetes.io/*`
labels against the pods that land in it.

A Namespace labelled `pod-security.kubernetes.io/enforce: baseline|restricted` makes the API
server refuse pods that break that level of the Pod Security Standards. That is wiring between
two resources of the design, so it is checked by default, not only in the hardening profile: a
Pod that breaks the enforced level is an error (kubectl apply is refused); a workload whose pod
template breaks it is a warning (the workload is accepted, its pods are refused, the rollout
stalls). The `warn` and `audit` modes only print a warning or write an audit event: warnings.
Each violation is reported once, under the strictest mode whose level forbids it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kubecanvas.model.fields import as_mapping
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.text import Text, concat
from kubecanvas.validation.context import Context, name_key
from kubecanvas.validation.findings import Finding, Severity
from kubecanvas.validation.hardening import pss
from kubecanvas.validation.hardening.declare import (
    DOCS,
    Declared,
    E,
    W,
    pod_views,
)
from kubecanvas.validation.hardening.security import LEVEL_TEXT, fix_for, pod_violations
from kubecanvas.validation.profiles import DEFAULT
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
PSA_ENFORCE = RuleId("psa.enforce")
PSA_WARN = RuleId("psa.warn")
PSA_AUDIT = RuleId("psa.audit")

LABEL = "pod-security.kubernetes.io/"
MODES = ("enforce", "warn", "audit")
#: The rule each mode's violations are reported under.
PSA_RULES = {"enforce": PSA_ENFORCE, "warn": PSA_WARN, "audit": PSA_AUDIT}
RANK = {"privileged": 0, pss.BASELINE: 1, pss.RESTRICTED: 2}
PSA_URL = DOCS + "concepts/security/pod-security-admission/"

_EFFECT = {
    ("enforce", True): Text("the API server refuses this Pod", "API 서버가 이 파드를 거부합니다"),
    ("enforce", False): Text("the API server will refuse its pods, so the rollout stalls",
                             "API 서버가 이 워크로드의 파드를 거부해 롤아웃이 멈춥니다"),
    ("warn", True): Text("kubectl apply prints a warning", "kubectl apply가 경고를 출력합니다"),
    ("warn", False): Text("kubectl apply prints a warning", "kubectl apply가 경고를 출력합니다"),
    ("audit", True): Text("the API server records an audit event",
                          "API 서버가 감사 이벤트를 기록합니다"),
    ("audit", False): Text("the API server records an audit event for its pods",
                           "API 서버가 이 워크로드의 파드에 대해 감사 이벤트를 기록합니다"),
}


def namespace_levels(labels: Mapping[str, object]) -> dict[str, str]:
    """mode -> level ('baseline'/'restricted') of a Namespace's PSA labels; 'privileged',
    missing and unknown levels left out (the API server rejects unknown ones itself)."""
    out = {}
    for mode in MODES:
        level = str(labels.get(LABEL + mode) or "")
        if level in (pss.BASELINE, pss.RESTRICTED):
            out[mode] = level
    return out


def _levels_by_namespace(ctx: Context) -> dict[str, dict[str, str]]:
    """The Pod Security levels of each Namespace the design defines. A Namespace defined twice
    has the levels of its last definition in the canonical order (the one `kubectl apply`
    keeps, as NetworkPolicy traffic reads its labels), even when that definition has none."""
    found: dict[str, dict[str, str]] | None = ctx.cache.get("admission.levels")
    if found is None:
        last = {ns.name: ns for ns in ctx.of_kind("Namespace")}  # canonical order: last wins
        found = {}
        for name, ns in last.items():
            levels = namespace_levels(as_mapping(ns.manifest.get("metadata", {}).get("labels")))
            if levels:
                found[name] = levels
        ctx.cache["admission.levels"] = found
    return found


def _mode_for(level: str, levels: dict[str, str]) -> str | None:
    """The strictest mode whose level forbids a violation first forbidden at `level`."""
    for mode in MODES:
        if mode in levels and RANK[levels[mode]] >= RANK[level]:
            return mode
    return None


def admission(ctx: Context) -> Iterator[Finding]:
    """`psa.enforce`, `psa.warn`, `psa.audit`."""
    by_ns = _levels_by_namespace(ctx)
    for view in pod_views(ctx):
        ns = effective_namespace(view.res)
        ctx.depend(view.res.id, name_key("Namespace", ns), "")
        levels = by_ns.get(ns)
        if not levels:
            continue
        is_pod = view.res.kind == "Pod"
        for v in pod_violations(ctx, view):
            mode = _mode_for(v.level, levels)
            if mode is None:
                continue
            level = levels[mode]
            label = f"{LABEL}{mode}: {level}"
            effect = _EFFECT[(mode, is_pod)]
            message = concat(Text(
                f'namespace "{ns}" is labelled {label}, and {effect.en}: ',
                f'네임스페이스 "{ns}"에 {label} 레이블이 있어 {effect.ko}. '), v.message,
                Text(f" ({LEVEL_TEXT[v.level].en}).", f" ({LEVEL_TEXT[v.level].ko})."))
            severity = E if mode == "enforce" and is_pod else W
            yield ctx.report(PSA_RULES[mode], view.res, message, v.path,
                             fix=fix_for(view.res, v.fix), severity=severity)


def _d(mode: str, severity: Severity, summary: str, summary_ko: str, why: str,
       why_ko: str) -> Declared:
    return Declared(PSA_RULES[mode], severity, summary, summary_ko, why, why_ko, PSA_URL,
                    admission, DEFAULT)


DECLARED: tuple[Declared, ...] = (
    _d("enforce", E, "A pod breaks the Pod Security Standards level its namespace enforces "
       "(error on a Pod, warning on a workload).",
       "파드가 네임스페이스가 강제하는 파드 시큐리티 스탠다드 수준을 어깁니다(파드는 오류, 워크로드는 "
       "경고).",
       "Pod Security Admission refuses such pods: a Pod is rejected by kubectl apply, a "
       "workload is accepted but none of its pods is created.",
       "파드 시큐리티 어드미션이 이런 파드를 거부합니다. 파드는 kubectl apply에서 거부되고, 워크로드는 "
       "받아들여지지만 파드가 하나도 만들어지지 않습니다."),
    _d("warn", W, "A pod breaks the level its namespace's warn label names.",
       "파드가 네임스페이스의 warn 레이블이 정한 수준을 어깁니다.",
       "kubectl apply prints a warning; the namespace is usually on its way to enforcing it.",
       "kubectl apply가 경고를 출력합니다. 보통 그 네임스페이스는 곧 이 수준을 강제하려는 중입니다."),
    _d("audit", W, "A pod breaks the level its namespace's audit label names.",
       "파드가 네임스페이스의 audit 레이블이 정한 수준을 어깁니다.",
       "The API server records an audit event for each such pod.",
       "API 서버가 이런 파드마다 감사 이벤트를 기록합니다."),
)
