"""Security hygiene (hardening profile): the Pod Security Standards field by field, a read-only
root filesystem, service-account tokens nobody uses, and secrets written in plain sight.

The PSS controls themselves live in `pss.py` (pure, shared with the Pod Security Admission
check); this module turns their violations into `pss.*` findings with the level named and the
fix attached, and adds the checks the standard does not cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from kubecanvas.model.fields import DELETE, FieldPath, as_list, as_mapping
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.references import format_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.hardening import pss
from kubecanvas.validation.hardening.declare import (
    DOCS,
    INFO,
    Declared,
    PodView,
    W,
    container_label,
    pod_views,
)
from kubecanvas.validation.hardening.pss import (
    PSS_ALLOW_PRIVILEGE_ESCALATION,
    PSS_APP_ARMOR,
    PSS_CAPABILITIES_ADD,
    PSS_CAPABILITIES_DROP_ALL,
    PSS_HOST_NAMESPACES,
    PSS_HOST_PATH,
    PSS_HOST_PORT,
    PSS_HOST_PROCESS,
    PSS_PRIVILEGED,
    PSS_PROC_MOUNT,
    PSS_RUN_AS_NON_ROOT,
    PSS_RUN_AS_USER,
    PSS_SE_LINUX,
    PSS_SECCOMP_PROFILE,
    PSS_SYSCTLS,
    PSS_VOLUME_TYPES,
)
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
SECURITY_READ_ONLY_ROOT_FILESYSTEM = RuleId("security.readOnlyRootFilesystem")
SECURITY_SERVICE_ACCOUNT_TOKEN = RuleId("security.serviceAccountToken")
SECURITY_ENV_SECRET_LITERAL = RuleId("security.env.secretLiteral")
SECURITY_CONFIG_MAP_SENSITIVE = RuleId("security.configMap.sensitive")

PSS_URL = DOCS + "concepts/security/pod-security-standards/"
LEVEL_TEXT = {pss.BASELINE: Text("Pod Security Standards, baseline level",
                                 "파드 시큐리티 스탠다드 baseline 수준"),
              pss.RESTRICTED: Text("Pod Security Standards, restricted level",
                                   "파드 시큐리티 스탠다드 restricted 수준")}
#: Why a DaemonSet may legitimately need a hostPath (said on the finding, not hidden).
NODE_AGENT = Text(" A DaemonSet runs one pod per node; a node agent (log shipper, metrics "
                  "exporter, CNI or CSI plugin) needs hostPath to do its work. If this is one, "
                  "keep it and ignore this finding for this resource.",
                  " 데몬셋은 노드마다 파드를 하나씩 실행합니다. 로그 수집기, 지표 익스포터, CNI나 CSI "
                  "플러그인 같은 노드 에이전트는 일하려면 hostPath가 필요합니다. 이런 에이전트라면 그대로 "
                  "두고 이 리소스에서 이 발견 사항을 무시합니다.")


def pod_violations(ctx: Context, view: PodView) -> list[pss.Violation]:
    """The restricted-level violations of one pod owner, computed once per validation run."""
    cache: dict[str, list[pss.Violation]] = ctx.target_cache.setdefault("hardening.pss", {})
    found = cache.get(view.res.id)
    if found is None:
        found = cache[view.res.id] = pss.violations(view)
    return found


def fix_for(res: Resource, fix: tuple[FieldPath, Any] | None) -> Fix | None:
    """The one-field fix of a violation, described in both languages."""
    if fix is None:
        return None
    path, value = fix
    where = format_path(path)
    if value is DELETE:
        return set_field(res, path, value, Text(f"remove {where}", f"{where} 필드를 제거합니다"))
    shown = str(value).lower() if isinstance(value, bool) else \
        f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)
    return set_field(res, path, value, Text(f"set {where} to {shown}",
                                            f"{where} 필드를 {shown} 값으로 설정합니다"))


def standards(ctx: Context) -> Iterator[Finding]:
    """Every `pss.*` rule: one finding per violating field, its level named."""
    for view in pod_views(ctx):
        for v in pod_violations(ctx, view):
            agent = v.rule == PSS_HOST_PATH and view.res.kind == "DaemonSet"
            level = LEVEL_TEXT[v.level]
            message = Text(f"{v.message.en} ({level.en}).{NODE_AGENT.en if agent else ''}",
                           f"{v.message.ko} ({level.ko}).{NODE_AGENT.ko if agent else ''}")
            yield ctx.report(v.rule, view.res, message, v.path, fix=fix_for(view.res, v.fix))


def read_only_root(ctx: Context) -> Iterator[Finding]:
    """`security.readOnlyRootFilesystem`: regular and init containers only (an ephemeral
    debugging container is added by hand, later)."""
    for view in pod_views(ctx):
        for c, path, section in view.containers():
            if section == "ephemeralContainers":
                continue
            if as_mapping(c.get("securityContext")).get("readOnlyRootFilesystem") is True:
                continue
            where = (*path, "securityContext", "readOnlyRootFilesystem")
            who = container_label(c, section)
            yield ctx.report(SECURITY_READ_ONLY_ROOT_FILESYSTEM, view.res, Text(
                f"{who} can write to its root filesystem: an intruder can drop tools or change "
                "the program. Set readOnlyRootFilesystem: true, and mount an emptyDir where the "
                "program must write (/tmp, caches): which paths those are depends on the image.",
                f"{who.ko}: 루트 파일 시스템에 쓸 수 있어 침입자가 도구를 내려받거나 프로그램을 바꿀 수 "
                "있습니다. readOnlyRootFilesystem: true로 설정하고, 프로그램이 써야 하는 곳(/tmp, 캐시)에는 "
                "emptyDir 볼륨을 마운트합니다. 어떤 경로인지는 이미지에 달렸습니다."), where,
                fix=fix_for(view.res, (where, True)))


def _bound_accounts(ctx: Context) -> set[tuple[str, str]]:
    """(namespace, name) of every ServiceAccount a RoleBinding or ClusterRoleBinding in the
    document grants something to: such pods do talk to the API server."""
    found = ctx.cache.get("hardening.bound")
    if found is None:
        found = set()
        for binding in (*ctx.of_kind("RoleBinding"), *ctx.of_kind("ClusterRoleBinding")):
            for subject in as_list(binding.manifest.get("subjects")):
                subject = as_mapping(subject)
                if subject.get("kind") == "ServiceAccount":
                    ns = subject.get("namespace") or effective_namespace(binding) or "default"
                    found.add((str(ns), str(subject.get("name") or "")))
        ctx.cache["hardening.bound"] = found
    return set(found)


def service_account_token(ctx: Context) -> Iterator[Finding]:
    """`security.serviceAccountToken`: a token mounted into pods whose account no binding in
    the document grants anything (so, as far as the design says, they never call the API)."""
    for view in pod_views(ctx):
        res, spec = view.res, view.spec
        ctx.depend(res.id, "RoleBinding")
        ctx.depend(res.id, "ClusterRoleBinding")
        ctx.depend(res.id, "ServiceAccount")
        if spec.get("automountServiceAccountToken") is False:
            continue
        ns = effective_namespace(res)
        name = str(spec.get("serviceAccountName") or spec.get("serviceAccount") or "default")
        accounts = ctx.lookup("ServiceAccount", ns, name)
        if spec.get("automountServiceAccountToken") is None and any(
                a.manifest.get("automountServiceAccountToken") is False for a in accounts):
            continue
        if (ns, name) in _bound_accounts(ctx):
            continue
        where = (*view.path, "automountServiceAccountToken")
        yield ctx.report(SECURITY_SERVICE_ACCOUNT_TOKEN, res, Text(
            f'the pods mount a token of ServiceAccount "{name}", yet no RoleBinding or '
            "ClusterRoleBinding in the design grants it anything: a stolen token is a free "
            "foothold on the API server. Set automountServiceAccountToken: false.",
            f'파드가 서비스어카운트 "{name}"의 토큰을 마운트하지만 설계 안의 어떤 롤바인딩이나 '
            "클러스터롤바인딩도 권한을 주지 않습니다. 토큰을 훔치면 API 서버에 발판이 생깁니다. "
            "automountServiceAccountToken: false로 설정합니다."), where,
            fix=fix_for(res, (where, False)))


_SECRET_WORDS = re.compile(r"(^|[_.-])(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|API_KEY|"
                           r"ACCESS_KEY|SECRET_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH_KEY)"
                           r"($|[_.-])", re.IGNORECASE)
#: Names that mention a secret but hold something else (a path, a switch, a length...).
_NOT_SECRET = re.compile(r"(FILE|PATH|DIR|URL|URI|ENDPOINT|NAME|HEADER|TTL|TIMEOUT|EXPIRY|"
                         r"EXPIRATION|LENGTH|SIZE|ENABLED?|DISABLED?|TYPE|MODE|KEY_ID|"
                         r"USERNAME|USER|ID)$", re.IGNORECASE)
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")


def looks_secret(name: str, value: object) -> bool:
    """True when `name` says it holds a secret and `value` looks like one (not empty, not a
    switch, a number, a path, a URL or a `$(VAR)` reference)."""
    text = "" if value is None else str(value).strip()
    if _PRIVATE_KEY.search(text):
        return True
    if not _SECRET_WORDS.search(name) or _NOT_SECRET.search(name):
        return False
    if not text or text.lower() in ("true", "false", "yes", "no", "none", "null", "changeme"):
        return False
    return not (text.isdigit() or text.startswith(("/", "$(", "${", "http://", "https://"))
                or text.startswith("<") or len(text) < 4)


def literal_secrets(ctx: Context) -> Iterator[Finding]:
    """`security.env.secretLiteral` on pod owners, `security.configMap.sensitive` on
    ConfigMaps."""
    for view in pod_views(ctx):
        for c, path, section in view.containers():
            for i, env in enumerate(as_list(c.get("env"))):
                env = as_mapping(env)
                name = str(env.get("name") or "")
                if "value" in env and looks_secret(name, env.get("value")):
                    who = container_label(c, section)
                    yield ctx.report(SECURITY_ENV_SECRET_LITERAL, view.res, Text(
                        f"{who} has {name} written in the manifest: anyone who can read the "
                        "manifest, the repository or `kubectl get -o yaml` reads it. Keep it in "
                        "a Secret and use valueFrom.secretKeyRef.",
                        f"{who.ko}: {name} 값이 매니페스트에 그대로 적혀 있습니다. 매니페스트, 저장소, "
                        "`kubectl get -o yaml`을 읽을 수 있는 누구나 읽습니다. 시크릿에 두고 "
                        "valueFrom.secretKeyRef로 읽습니다."), (*path, "env", i, "value"))
    for res in ctx.targets("ConfigMap"):
        for key, value in sorted(as_mapping(res.manifest.get("data")).items()):
            if looks_secret(str(key), value):
                yield ctx.report(SECURITY_CONFIG_MAP_SENSITIVE, res, Text(
                    f"key {key} looks like a secret: ConfigMaps are not protected like Secrets "
                    "(readable with the namespace's view role, never encrypted at rest). Move it "
                    "to a Secret.",
                    f"키 {key}: 비밀 값으로 보입니다. 컨피그맵은 시크릿처럼 보호되지 않습니다(네임스페이스 "
                    "view 롤로 읽을 수 있고 저장 시 암호화되지 않습니다). 시크릿으로 옮깁니다."),
                    ("data", key))


def _pss(rule: RuleId, summary: str, summary_ko: str, why: str, why_ko: str) -> Declared:
    return Declared(rule, W, summary, summary_ko, why, why_ko, PSS_URL, standards)


DECLARED: tuple[Declared, ...] = (
    _pss(PSS_HOST_PROCESS, "A Windows HostProcess container (PSS baseline).",
         "Windows HostProcess 컨테이너입니다(PSS baseline).",
         "A HostProcess container has administrator access to the Windows node.",
         "HostProcess 컨테이너는 Windows 노드의 관리자 권한을 가집니다."),
    _pss(PSS_HOST_NAMESPACES, "hostNetwork, hostPID or hostIPC is true (PSS baseline).",
         "hostNetwork, hostPID, hostIPC 중 하나가 true다(PSS baseline).",
         "Sharing the node's namespaces lets the pod see and reach the node's network, "
         "processes or shared memory.",
         "노드의 네임스페이스를 공유하면 파드가 노드의 네트워크, 프로세스, 공유 메모리를 보고 건드립니다."),
    _pss(PSS_PRIVILEGED, "A privileged container (PSS baseline).",
         "특권 컨테이너입니다(PSS baseline).",
         "A privileged container disables most isolation: escaping it means owning the node.",
         "특권 컨테이너는 격리를 대부분 끕니다. 빠져나가면 노드를 장악합니다."),
    _pss(PSS_CAPABILITIES_ADD, "A container adds capabilities beyond the baseline set, or "
         "beyond NET_BIND_SERVICE (restricted).",
         "컨테이너가 baseline 집합을 넘는 권한을, 또는 NET_BIND_SERVICE 외의 권한을(restricted) "
         "추가합니다.",
         "Each added capability is a slice of root (SYS_ADMIN is almost all of it).",
         "추가한 권한 하나하나가 루트 권한의 일부입니다(SYS_ADMIN은 거의 전부입니다)."),
    _pss(PSS_CAPABILITIES_DROP_ALL, "A container does not drop ALL capabilities (PSS "
         "restricted).", "컨테이너가 권한을 ALL로 버리지 않습니다(PSS restricted).",
         "Without drop: [ALL] the container keeps the runtime's default capabilities.",
         "drop: [ALL]이 없으면 컨테이너가 런타임의 기본 권한을 그대로 가집니다."),
    _pss(PSS_HOST_PATH, "A hostPath volume (PSS baseline); sensitive paths are named.",
         "hostPath 볼륨입니다(PSS baseline). 민감한 경로는 이름을 밝힙니다.",
         "A hostPath volume reaches into the node's filesystem; /var/run/docker.sock or / "
         "hands the node over.",
         "hostPath 볼륨은 노드의 파일 시스템에 닿습니다. /var/run/docker.sock이나 / 경로면 노드를 넘겨줍니다."),
    _pss(PSS_HOST_PORT, "A container binds a hostPort (PSS baseline).",
         "컨테이너가 hostPort를 점유합니다(PSS baseline).",
         "A hostPort bypasses NetworkPolicy and Services and pins one pod per node.",
         "hostPort는 네트워크폴리시와 서비스를 우회하고 노드마다 파드를 하나로 묶습니다."),
    _pss(PSS_APP_ARMOR, "An AppArmor profile other than RuntimeDefault or Localhost (PSS "
         "baseline).", "AppArmor 프로파일이 RuntimeDefault나 Localhost가 아닙니다(PSS baseline).",
         "Unconfined AppArmor removes the runtime's mandatory access control.",
         "Unconfined AppArmor는 런타임의 강제 접근 제어를 없앱니다."),
    _pss(PSS_SE_LINUX, "SELinux options the baseline level forbids (a custom type, user or "
         "role).", "baseline 수준이 금지하는 SELinux 옵션입니다(사용자 지정 type, user, role).",
         "Custom SELinux labels can give the container access outside its own files.",
         "사용자 지정 SELinux 레이블은 컨테이너가 자기 파일 밖에 접근하게 합니다."),
    _pss(PSS_PROC_MOUNT, "procMount Unmasked (PSS baseline).",
         "procMount가 Unmasked다(PSS baseline).",
         "An unmasked /proc exposes kernel interfaces the runtime normally hides.",
         "가리지 않은 /proc는 런타임이 보통 숨기는 커널 인터페이스를 드러냅니다."),
    _pss(PSS_SECCOMP_PROFILE, "seccomp Unconfined (baseline), or no RuntimeDefault/Localhost "
         "profile (restricted).",
         "seccomp가 Unconfined이거나(baseline) RuntimeDefault/Localhost 프로파일이 없습니다(restricted).",
         "Without a seccomp profile every system call is open, including the rarely used ones "
         "most kernel exploits need.",
         "seccomp 프로파일이 없으면 커널 공격에 흔히 쓰이는 드문 시스템 콜까지 모두 열립니다."),
    _pss(PSS_SYSCTLS, "A sysctl outside the safe set (PSS baseline).",
         "안전한 집합 밖의 sysctl입니다(PSS baseline).",
         "Unsafe sysctls are not isolated between pods and can affect the whole node.",
         "안전하지 않은 sysctl은 파드 사이에 격리되지 않아 노드 전체에 영향을 줍니다."),
    _pss(PSS_VOLUME_TYPES, "A volume type the restricted level does not allow.",
         "restricted 수준이 허용하지 않는 볼륨 타입입니다.",
         "Non-core volume types mount storage outside the claims and projections the cluster "
         "administrator controls.",
         "핵심 외 볼륨 타입은 클러스터 관리자가 통제하는 클레임과 프로젝션 밖의 스토리지를 마운트합니다."),
    _pss(PSS_ALLOW_PRIVILEGE_ESCALATION, "allowPrivilegeEscalation is not false (PSS "
         "restricted).", "allowPrivilegeEscalation이 false가 아닙니다(PSS restricted).",
         "A process can gain more privileges than its parent (setuid binaries).",
         "프로세스가 부모보다 많은 권한을 얻을 수 있습니다(setuid 바이너리)."),
    _pss(PSS_RUN_AS_NON_ROOT, "runAsNonRoot is not true for every container (PSS restricted).",
         "모든 컨테이너에 runAsNonRoot: true가 있지는 않습니다(PSS restricted).",
         "A container running as root is one kernel bug away from root on the node.",
         "루트로 실행되는 컨테이너는 커널 버그 하나면 노드의 루트가 됩니다."),
    _pss(PSS_RUN_AS_USER, "runAsUser 0 (PSS restricted).",
         "runAsUser가 0입니다(PSS restricted).",
         "User 0 is root inside the container.", "사용자 0은 컨테이너 안의 루트입니다."),
    Declared(SECURITY_READ_ONLY_ROOT_FILESYSTEM, W,
             "A container's root filesystem is writable.",
             "컨테이너의 루트 파일 시스템에 쓸 수 있습니다.",
             "A read-only root filesystem stops an intruder from changing the program or "
             "dropping tools; writable paths become explicit emptyDir mounts.",
             "읽기 전용 루트 파일 시스템은 침입자가 프로그램을 바꾸거나 도구를 내려받지 못하게 합니다. "
             "써야 하는 경로는 emptyDir 마운트로 드러납니다.",
             DOCS + "tasks/configure-pod-container/security-context/", read_only_root),
    Declared(SECURITY_SERVICE_ACCOUNT_TOKEN, INFO,
             "Pods mount a ServiceAccount token that no binding in the design uses.",
             "설계 안의 어떤 바인딩도 쓰지 않는 서비스어카운트 토큰을 파드가 마운트합니다.",
             "The token authenticates to the API server; a pod that never calls the API gives "
             "an intruder that credential for nothing.",
             "토큰은 API 서버 인증에 쓰입니다. API를 부르지 않는 파드는 침입자에게 공짜로 자격 증명을 줍니다.",
             DOCS + "tasks/configure-pod-container/configure-service-account/"
                    "#opt-out-of-api-credential-automounting", service_account_token),
    Declared(SECURITY_ENV_SECRET_LITERAL, W,
             "A password, token or key written as a literal env value.",
             "비밀번호, 토큰, 키가 env 값으로 그대로 적혀 있습니다.",
             "Literal values are visible to anyone who reads the manifest, the repository or the "
             "object; Secrets can be access-controlled and encrypted at rest.",
             "그대로 적은 값은 매니페스트, 저장소, 오브젝트를 읽는 누구에게나 보입니다. 시크릿은 접근 제어와 "
             "저장 시 암호화를 할 수 있습니다.",
             DOCS + "concepts/configuration/secret/", literal_secrets),
    Declared(SECURITY_CONFIG_MAP_SENSITIVE, W,
             "A ConfigMap key that looks like a password, token or private key.",
             "컨피그맵 키가 비밀번호, 토큰, 개인 키로 보입니다.",
             "ConfigMaps are meant for non-confidential data and are not protected like Secrets.",
             "컨피그맵은 기밀이 아닌 데이터를 위한 것이라 시크릿처럼 보호되지 않습니다.",
             DOCS + "concepts/configuration/configmap/", literal_secrets),
)
