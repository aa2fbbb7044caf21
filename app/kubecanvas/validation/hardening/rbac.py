"""RBAC hygiene (hardening profile): grants broader than any app needs.

Checked on the Roles and ClusterRoles of the design (each rule of `rules[]`) and on the
bindings: wildcards, cluster-admin, exec/attach into pods, reading every Secret of a namespace,
and the verbs that hand out more rights than the holder has (escalate, bind, impersonate).
Wildcard resources are reported once, as a wildcard, not again as secrets or pods/exec.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.hardening.declare import DOCS, Declared, W
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
RBAC_WILDCARD = RuleId("rbac.wildcard")
RBAC_CLUSTER_ADMIN = RuleId("rbac.clusterAdmin")
RBAC_PODS_EXEC = RuleId("rbac.podsExec")
RBAC_SECRETS_READ = RuleId("rbac.secretsRead")
RBAC_ESCALATION = RuleId("rbac.escalation")

RBAC_URL = DOCS + "concepts/security/rbac-good-practices/"
READ = {"get", "list", "watch", "*"}
EXEC = {"pods/exec", "pods/attach", "pods/*"}
ESCALATING = ("escalate", "bind", "impersonate")


def _words(rule: Mapping[str, Any], key: str) -> set[str]:
    return {str(v) for v in as_list(rule.get(key))}


def roles(ctx: Context) -> Iterator[Finding]:
    """`rbac.wildcard`, `rbac.podsExec`, `rbac.secretsRead`, `rbac.escalation`."""
    for res in ctx.targets("Role", "ClusterRole"):
        scope = Text("in every namespace it is bound for", "바인딩된 모든 네임스페이스에서") \
            if res.kind == "ClusterRole" else Text("in its namespace", "자기 네임스페이스에서")
        for i, rule in enumerate(as_list(res.manifest.get("rules"))):
            rule = as_mapping(rule)
            verbs, resources = _words(rule, "verbs"), _words(rule, "resources")
            path = ("rules", i)
            if "*" in verbs or "*" in resources:
                what = ", ".join(sorted(k for k, v in (("verbs", verbs), ("resources",
                                                                           resources))
                                        if "*" in v))
                yield ctx.report(RBAC_WILDCARD, res, Text(
                    f"rule {i} grants '*' in {what}: it allows every current and future "
                    "verb or resource, including ones added by later versions. List what the "
                    "app needs.",
                    f"규칙 {i}: {what}에 '*'를 줍니다. 나중 버전에 추가될 것까지 모든 동사나 리소스를 "
                    "허용합니다. 앱에 필요한 것만 나열합니다."), path)
                continue
            granted = verbs & {"create", "get", "*"}
            sub = sorted(resources & EXEC)
            if sub and granted:
                yield ctx.report(RBAC_PODS_EXEC, res, Text(
                    f"rule {i} grants {', '.join(sub)} {scope.en}: whoever holds it can run "
                    "commands inside the pods, with their Secrets and service account tokens.",
                    f"규칙 {i}: {scope.ko} {', '.join(sub)} 권한을 줍니다. 이 권한이 있으면 파드 안에서 "
                    "명령을 실행해 그 시크릿과 서비스어카운트 토큰을 쓸 수 있습니다."), path)
            if "secrets" in resources and verbs & READ and not as_list(rule.get("resourceNames")):
                yield ctx.report(RBAC_SECRETS_READ, res, Text(
                    f"rule {i} lets the holder {'/'.join(sorted(verbs & READ))} every Secret "
                    f"{scope.en} (list and watch return the values too). Name the Secrets "
                    "it needs in resourceNames.",
                    f"규칙 {i}: {scope.ko} 모든 시크릿에 {'/'.join(sorted(verbs & READ))} 권한을 "
                    "줍니다(list와 watch도 값을 돌려줍니다). 필요한 시크릿만 resourceNames에 적습니다."),
                    path)
            for verb in ESCALATING:
                if verb in verbs:
                    yield ctx.report(RBAC_ESCALATION, res, Text(
                        f"rule {i} grants the verb {verb}: the holder can give itself rights it "
                        "does not have (escalate, bind) or act as another user (impersonate).",
                        f"규칙 {i}: {verb} 동사를 줍니다. 가진 적 없는 권한을 스스로에게 주거나(escalate, "
                        "bind) 다른 사용자로 행동할 수 있습니다(impersonate)."), (*path, "verbs"))


def bindings(ctx: Context) -> Iterator[Finding]:
    """`rbac.clusterAdmin`."""
    for res in ctx.targets("RoleBinding", "ClusterRoleBinding"):
        ref = as_mapping(res.manifest.get("roleRef"))
        if ref.get("kind") == "ClusterRole" and ref.get("name") == "cluster-admin":
            reach = Text("the whole cluster", "클러스터 전체") if res.kind == \
                "ClusterRoleBinding" else Text("everything in the namespace", "네임스페이스 전체")
            yield ctx.report(RBAC_CLUSTER_ADMIN, res, Text(
                f"binds cluster-admin: its subjects control {reach.en}. Bind a role with "
                "only the rights they use.",
                f"cluster-admin을 바인딩합니다. 주체가 {reach.ko}{eul_reul(reach.ko)} 제어합니다. 쓰는 권한만 가진 롤을 "
                "바인딩합니다."), ("roleRef", "name"))


DECLARED: tuple[Declared, ...] = (
    Declared(RBAC_WILDCARD, W, "A Role or ClusterRole grants '*' verbs or resources.",
             "롤이나 클러스터롤이 '*' 동사나 리소스를 줍니다.",
             "Wildcards grant every verb and resource, including those added later.",
             "와일드카드는 나중에 추가되는 것까지 모든 동사와 리소스를 줍니다.",
             RBAC_URL + "#least-privilege", roles),
    Declared(RBAC_CLUSTER_ADMIN, W, "A binding to the cluster-admin ClusterRole.",
             "cluster-admin 클러스터롤에 대한 바인딩입니다.",
             "cluster-admin can do anything; a compromised subject compromises the cluster.",
             "cluster-admin은 무엇이든 할 수 있습니다. 주체가 뚫리면 클러스터가 뚫립니다.",
             RBAC_URL + "#least-privilege", bindings),
    Declared(RBAC_PODS_EXEC, W, "A role grants pods/exec or pods/attach.",
             "롤이 pods/exec나 pods/attach 권한을 줍니다.",
             "Exec into a pod gives its environment, mounted Secrets and service account token.",
             "파드에 exec하면 그 환경, 마운트된 시크릿, 서비스어카운트 토큰을 얻습니다.",
             RBAC_URL + "#workload-creation", roles),
    Declared(RBAC_SECRETS_READ, W, "A role reads every Secret of a namespace (get, list or "
             "watch without resourceNames).",
             "롤이 네임스페이스의 모든 시크릿을 읽습니다(resourceNames 없는 get, list, watch).",
             "list and watch return Secret values too; reading all Secrets is reading every "
             "credential stored there.",
             "list와 watch도 시크릿 값을 돌려줍니다. 모든 시크릿을 읽는 것은 거기 있는 모든 자격 증명을 "
             "읽는 것입니다.", RBAC_URL + "#listing-secrets", roles),
    Declared(RBAC_ESCALATION, W, "A role grants escalate, bind or impersonate.",
             "롤이 escalate, bind, impersonate 동사를 줍니다.",
             "These verbs let the holder exceed its own rights.",
             "이 동사들은 주체가 자기 권한을 넘어서게 합니다.",
             RBAC_URL + "#escalate-verb", roles),
)
