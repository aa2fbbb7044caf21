"""The Pod Security Standards, control by control, as pure functions of a pod spec.

Each control of the Kubernetes documentation's Pod Security Standards page
(concepts/security/pod-security-standards) is one function that returns the spec's violations
with the field path, a bilingual sentence and, where the fix is a field value, that value. The
hardening profile reports them as `pss.*` findings; the default profile's Pod Security Admission
check (`admission.py`) reports the same violations for pods in a namespace whose
`pod-security.kubernetes.io/*` labels ask for a level. Containers include init and ephemeral
containers, as the standard's `spec.containers[*]`, `spec.initContainers[*]`,
`spec.ephemeralContainers[*]` fields do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import DELETE, FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.record import record
from kubecanvas.model.text import Text
from kubecanvas.validation.hardening.declare import (
    PodView,
    container_label,
)
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
PSS_HOST_PROCESS = RuleId("pss.hostProcess")
PSS_HOST_NAMESPACES = RuleId("pss.hostNamespaces")
PSS_PRIVILEGED = RuleId("pss.privileged")
PSS_CAPABILITIES_ADD = RuleId("pss.capabilities.add")
PSS_CAPABILITIES_DROP_ALL = RuleId("pss.capabilities.dropAll")
PSS_HOST_PATH = RuleId("pss.hostPath")
PSS_HOST_PORT = RuleId("pss.hostPort")
PSS_APP_ARMOR = RuleId("pss.appArmor")
PSS_SE_LINUX = RuleId("pss.seLinux")
PSS_PROC_MOUNT = RuleId("pss.procMount")
PSS_SECCOMP_PROFILE = RuleId("pss.seccompProfile")
PSS_SYSCTLS = RuleId("pss.sysctls")
PSS_VOLUME_TYPES = RuleId("pss.volumeTypes")
PSS_ALLOW_PRIVILEGE_ESCALATION = RuleId("pss.allowPrivilegeEscalation")
PSS_RUN_AS_NON_ROOT = RuleId("pss.runAsNonRoot")
PSS_RUN_AS_USER = RuleId("pss.runAsUser")

BASELINE, RESTRICTED = "baseline", "restricted"
LEVELS = (BASELINE, RESTRICTED)

#: Capabilities the baseline level lets a container add (the container runtimes' defaults).
BASELINE_CAPABILITIES = frozenset({
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"})
#: Sysctls the baseline level allows (namespaced, isolated from other pods on the node).
SAFE_SYSCTLS = frozenset({
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes"})
SELINUX_TYPES = frozenset({"", "container_t", "container_init_t", "container_kvm_t",
                           "container_engine_t"})
#: Volume sources the restricted level allows.
RESTRICTED_VOLUMES = frozenset({"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
                                "persistentVolumeClaim", "projected", "secret"})
#: hostPath paths worth naming, and what a pod gets from each.
SENSITIVE_HOST_PATHS: dict[str, tuple[str, str]] = {
    "/": ("the node's whole filesystem", "노드의 파일 시스템 전체"),
    "/etc": ("the node's configuration, including its credentials",
             "자격 증명을 포함한 노드의 설정"),
    "/proc": ("every process on the node", "노드의 모든 프로세스"),
    "/var/run": ("the node's runtime sockets", "노드 런타임의 소켓"),
    "/run": ("the node's runtime sockets", "노드 런타임의 소켓"),
    "/var/run/docker.sock": ("control of the container runtime, which is root on the node",
                             "컨테이너 런타임 제어권, 곧 노드의 루트 권한"),
    "/run/containerd/containerd.sock": (
        "control of the container runtime, which is root on the node",
        "컨테이너 런타임 제어권, 곧 노드의 루트 권한"),
}
SECCOMP_OK = ("RuntimeDefault", "Localhost")


@record(frozen=True)
class Violation:
    """One field that breaks a control.

    Attributes:
        rule: the hardening rule id of the control ('pss.privileged').
        level: the lowest level that forbids it ('baseline' or 'restricted').
        path: the field, from the manifest root.
        message: what is wrong, in both languages (the level is added by the reporter).
        fix: (path, value) when setting one field fixes it, else None.
    """

    rule: RuleId
    level: str
    path: FieldPath
    message: Text
    fix: tuple[FieldPath, Any] | None = None


def _sc(node: Mapping[str, Any]) -> Mapping[str, Any]:
    return as_mapping(node.get("securityContext"))


def host_process(view: PodView) -> Iterator[Violation]:
    places = [(view.spec, view.path, Text("the pod", "파드"))]
    places += [(c, p, container_label(c, s)) for c, p, s in view.containers()]
    for node, path, who in places:
        if as_mapping(_sc(node).get("windowsOptions")).get("hostProcess") is True:
            yield Violation(PSS_HOST_PROCESS, BASELINE,
                            (*path, "securityContext", "windowsOptions", "hostProcess"),
                            Text(f"{who} runs as a Windows HostProcess container, with "
                                 "administrator access to the node",
                                 f"{who.ko}: Windows HostProcess 컨테이너로 실행되어 노드의 관리자 "
                                 "권한을 가집니다"),
                            ((*path, "securityContext", "windowsOptions", "hostProcess"), False))


def host_namespaces(view: PodView) -> Iterator[Violation]:
    what = {"hostNetwork": ("the node's network (every port and interface)",
                            "노드의 네트워크(모든 포트와 인터페이스)"),
            "hostPID": ("the node's processes", "노드의 프로세스"),
            "hostIPC": ("the node's shared memory", "노드의 공유 메모리")}
    for key, (en, ko) in what.items():
        if view.spec.get(key) is True:
            yield Violation(PSS_HOST_NAMESPACES, BASELINE, (*view.path, key),
                            Text(f"{key}: true shares {en} with the pod",
                                 f"{key}: true이면 파드가 {ko}{eul_reul(ko)} 공유합니다"),
                            ((*view.path, key), DELETE))


def privileged(view: PodView) -> Iterator[Violation]:
    for c, path, section in view.containers():
        if _sc(c).get("privileged") is True:
            where = (*path, "securityContext", "privileged")
            yield Violation(PSS_PRIVILEGED, BASELINE, where, Text(
                f"{container_label(c, section)} is privileged: it gets every capability and "
                "the node's devices, so a compromise of it is a compromise of the node",
                f"{container_label(c, section).ko}: 특권 모드라 모든 권한과 노드의 장치를 "
                "가지므로, 이 컨테이너가 뚫리면 노드가 뚫립니다"), (where, False))


def capabilities(view: PodView) -> Iterator[Violation]:
    for c, path, section in view.containers():
        caps = as_mapping(_sc(c).get("capabilities"))
        who = container_label(c, section)
        for i, cap in enumerate(as_list(caps.get("add"))):
            name = str(cap).upper().removeprefix("CAP_")
            where = (*path, "securityContext", "capabilities", "add", i)
            if name not in BASELINE_CAPABILITIES:
                yield Violation(PSS_CAPABILITIES_ADD, BASELINE, where, Text(
                    f"{who} adds capability {cap}, beyond the runtime's default set",
                    f"{who.ko}: 런타임 기본 집합에 없는 {cap} 권한을 추가합니다"))
            elif name != "NET_BIND_SERVICE" and section != "ephemeralContainers":
                yield Violation(PSS_CAPABILITIES_ADD, RESTRICTED, where, Text(
                    f"{who} adds capability {cap}; the restricted level allows only "
                    "NET_BIND_SERVICE",
                    f"{who.ko}: {cap} 권한을 추가합니다. restricted 수준은 NET_BIND_SERVICE만 "
                    "허용합니다"))
        drops = {str(d).upper() for d in as_list(caps.get("drop"))}
        if "ALL" not in drops and as_mapping(view.spec.get("os")).get("name") != "windows":
            where = (*path, "securityContext", "capabilities", "drop")
            yield Violation(PSS_CAPABILITIES_DROP_ALL, RESTRICTED, where, Text(
                f"{who} does not drop ALL capabilities, so it keeps the runtime's defaults "
                "(CHOWN, SETUID, NET_RAW on some runtimes...)",
                f"{who.ko}: 권한을 ALL로 버리지 않아 런타임 기본 권한(CHOWN, SETUID, 일부 런타임의 "
                "NET_RAW 등)을 그대로 가집니다"),
                (where, sorted({*(str(d) for d in as_list(caps.get("drop"))), "ALL"})))


def host_path(view: PodView) -> Iterator[Violation]:
    for i, volume in enumerate(as_list(view.spec.get("volumes"))):
        source = as_mapping(volume).get("hostPath") if isinstance(volume, Mapping) else None
        if source is None:
            continue
        raw = str(as_mapping(source).get("path") or "")
        target = raw.rstrip("/") or "/"
        en, ko = SENSITIVE_HOST_PATHS.get(target, ("files of the node", "노드의 파일"))
        yield Violation(PSS_HOST_PATH, BASELINE, (*view.path, "volumes", i, "hostPath"), Text(
            f'volume "{volume.get("name")}" mounts hostPath {raw or "?"}: the pod reaches {en}',
            f'볼륨 "{volume.get("name")}": hostPath {raw or "?"} 경로를 마운트해 파드가 {ko}에 '
            "접근합니다"))


def host_ports(view: PodView) -> Iterator[Violation]:
    for c, path, section in view.containers():
        for i, port in enumerate(as_list(c.get("ports"))):
            host = as_mapping(port).get("hostPort")
            if host not in (None, 0):
                where = (*path, "ports", i, "hostPort")
                yield Violation(PSS_HOST_PORT, BASELINE, where, Text(
                    f"{container_label(c, section)} binds hostPort {host} on the node, "
                    "bypassing NetworkPolicy and limiting one such pod per node",
                    f"{container_label(c, section).ko}: hostPort로 노드의 {host}번 포트를 점유해 "
                    "네트워크폴리시를 우회하고 노드마다 이런 파드를 하나만 둘 수 있습니다"),
                    (where, DELETE))


def _profile_types(view: PodView, key: str) -> Iterator[tuple[FieldPath, Any]]:
    """(path of `key`.type, value) at pod level and for every container."""
    yield (*view.path, "securityContext", key, "type"), as_mapping(
        _sc(view.spec).get(key)).get("type")
    for c, path, _section in view.containers():
        yield (*path, "securityContext", key, "type"), as_mapping(_sc(c).get(key)).get("type")


def app_armor(view: PodView) -> Iterator[Violation]:
    for where, kind in _profile_types(view, "appArmorProfile"):
        if kind not in (None, "RuntimeDefault", "Localhost"):
            yield Violation(PSS_APP_ARMOR, BASELINE, where, Text(
                f"AppArmor profile {kind} turns the runtime's default confinement off",
                f"{kind} AppArmor 프로파일은 런타임의 기본 격리를 끕니다"), (where, "RuntimeDefault"))
    prefix = "container.apparmor.security.beta.kubernetes.io/"
    for key, value in sorted(view.annotations.items()):
        if str(key).startswith(prefix) and value != "runtime/default" and \
                not str(value).startswith("localhost/"):
            where = (*view.path[:-1], "metadata", "annotations", key)
            yield Violation(PSS_APP_ARMOR, BASELINE, where, Text(
                f"annotation {key}: {value} turns the runtime's default AppArmor confinement off",
                f"어노테이션 {key}: {value} 설정은 런타임의 기본 AppArmor 격리를 끕니다"),
                (where, "runtime/default"))


def se_linux(view: PodView) -> Iterator[Violation]:
    places = [(view.spec, view.path)] + [(c, p) for c, p, _s in view.containers()]
    for node, path in places:
        options = as_mapping(_sc(node).get("seLinuxOptions"))
        base = (*path, "securityContext", "seLinuxOptions")
        if str(options.get("type") or "") not in SELINUX_TYPES:
            yield Violation(PSS_SE_LINUX, BASELINE, (*base, "type"), Text(
                f"SELinux type {options['type']} is not a container type the standard allows "
                f"({', '.join(sorted(t for t in SELINUX_TYPES if t))})",
                f"{options['type']} SELinux 타입은 표준이 허용하는 컨테이너 타입"
                f"({', '.join(sorted(t for t in SELINUX_TYPES if t))})이 아닙니다"))
        for key in ("user", "role"):
            if options.get(key):
                yield Violation(PSS_SE_LINUX, BASELINE, (*base, key), Text(
                    f"SELinux {key} {options[key]} is set; custom users and roles can escape "
                    "the container's label",
                    f"SELinux {key} 값이 설정되어 있습니다({options[key]}). 사용자 지정 user와 role은 "
                    "컨테이너 레이블을 벗어날 수 있습니다"), ((*base, key), DELETE))


def proc_mount(view: PodView) -> Iterator[Violation]:
    for c, path, section in view.containers():
        mount = _sc(c).get("procMount")
        if mount not in (None, "Default"):
            where = (*path, "securityContext", "procMount")
            yield Violation(PSS_PROC_MOUNT, BASELINE, where, Text(
                f"{container_label(c, section)} mounts /proc {mount}, exposing the paths the "
                "runtime masks",
                f"{container_label(c, section).ko}: /proc 파일 시스템을 {mount} 방식으로 마운트해 런타임이 가리는 "
                "경로를 드러냅니다"), (where, "Default"))


def seccomp(view: PodView) -> Iterator[Violation]:
    pod_type = as_mapping(_sc(view.spec).get("seccompProfile")).get("type")
    pod_path = (*view.path, "securityContext", "seccompProfile", "type")
    for where, kind in _profile_types(view, "seccompProfile"):
        if kind == "Unconfined":
            yield Violation(PSS_SECCOMP_PROFILE, BASELINE, where, Text(
                "seccomp profile Unconfined lets the container make every system call",
                "Unconfined seccomp 프로파일은 컨테이너가 모든 시스템 콜을 하게 둡니다"),
                (where, "RuntimeDefault"))
    if pod_type in SECCOMP_OK or as_mapping(view.spec.get("os")).get("name") == "windows":
        return
    unset = [(c, p, s) for c, p, s in view.containers()
             if s != "ephemeralContainers" and
             as_mapping(_sc(c).get("seccompProfile")).get("type") is None]
    if unset and pod_type is None:
        names = ", ".join(str(c.get("name") or "?") for c, _p, _s in unset)
        yield Violation(PSS_SECCOMP_PROFILE, RESTRICTED, pod_path, Text(
            f"no seccomp profile for {names}: without RuntimeDefault the container may make "
            "every system call",
            f"{names}에 seccomp 프로파일이 없습니다. RuntimeDefault가 없으면 컨테이너가 모든 시스템 콜을 "
            "할 수 있습니다"), (pod_path, "RuntimeDefault"))


def sysctls(view: PodView) -> Iterator[Violation]:
    for i, item in enumerate(as_list(_sc(view.spec).get("sysctls"))):
        name = str(as_mapping(item).get("name") or "")
        if name not in SAFE_SYSCTLS:
            yield Violation(PSS_SYSCTLS, BASELINE,
                            (*view.path, "securityContext", "sysctls", i, "name"), Text(
                                f"sysctl {name} is not in the safe set: it is not isolated "
                                "from other pods on the node",
                                f"sysctl {name}: 안전한 집합에 없어 같은 노드의 다른 파드와 "
                                "격리되지 않습니다"))


def volume_types(view: PodView) -> Iterator[Violation]:
    for i, volume in enumerate(as_list(view.spec.get("volumes"))):
        kinds = [k for k in as_mapping(volume) if k != "name"]
        for kind in kinds:
            if kind not in RESTRICTED_VOLUMES and kind != "hostPath":  # hostPath: baseline
                name = as_mapping(volume).get("name")
                yield Violation(PSS_VOLUME_TYPES, RESTRICTED, (*view.path, "volumes", i, kind),
                                Text(f'volume "{name}" uses {kind}; the '
                                     "restricted level allows only configMap, csi, downwardAPI, "
                                     "emptyDir, ephemeral, persistentVolumeClaim, projected and "
                                     "secret volumes",
                                     f'볼륨 "{name}": {kind} 볼륨을 씁니다. '
                                     "restricted 수준은 configMap, csi, downwardAPI, emptyDir, "
                                     "ephemeral, persistentVolumeClaim, projected, secret 볼륨만 "
                                     "허용합니다"))


def privilege_escalation(view: PodView) -> Iterator[Violation]:
    if as_mapping(view.spec.get("os")).get("name") == "windows":
        return
    for c, path, section in view.containers():
        if _sc(c).get("allowPrivilegeEscalation") is not False:
            where = (*path, "securityContext", "allowPrivilegeEscalation")
            yield Violation(PSS_ALLOW_PRIVILEGE_ESCALATION, RESTRICTED, where, Text(
                f"{container_label(c, section)} does not set allowPrivilegeEscalation: false, "
                "so a setuid binary can make its process root",
                f"{container_label(c, section).ko}: allowPrivilegeEscalation: false가 없어 "
                "setuid 바이너리로 프로세스가 루트가 될 수 있습니다"), (where, False))


def run_as_non_root(view: PodView) -> Iterator[Violation]:
    pod_value = _sc(view.spec).get("runAsNonRoot")
    pod_path = (*view.path, "securityContext", "runAsNonRoot")
    missing = []
    for c, path, section in view.containers():
        value = _sc(c).get("runAsNonRoot")
        if value is False:
            where = (*path, "securityContext", "runAsNonRoot")
            yield Violation(PSS_RUN_AS_NON_ROOT, RESTRICTED, where, Text(
                f"{container_label(c, section)} sets runAsNonRoot: false",
                f"{container_label(c, section).ko}: runAsNonRoot: false로 설정되어 있습니다"),
                (where, True))
        elif value is None and pod_value is not True:
            missing.append(str(c.get("name") or "?"))
    if missing:
        yield Violation(PSS_RUN_AS_NON_ROOT, RESTRICTED, pod_path, Text(
            f"runAsNonRoot is not true for {', '.join(missing)}: if the image's user is root, "
            "the container runs as root",
            f"{', '.join(missing)}에 runAsNonRoot: true가 없습니다. 이미지의 사용자가 루트이면 "
            "컨테이너가 루트로 실행됩니다"), (pod_path, True))


def run_as_user(view: PodView) -> Iterator[Violation]:
    places = [(view.spec, view.path, Text("the pod", "파드"))]
    places += [(c, p, container_label(c, s)) for c, p, s in view.containers()]
    for node, path, who in places:
        if _sc(node).get("runAsUser") == 0:
            yield Violation(PSS_RUN_AS_USER, RESTRICTED, (*path, "securityContext", "runAsUser"),
                            Text(f"{who} runs as user 0 (root)",
                                 f"{who.ko}: 사용자 0(루트)으로 실행됩니다"))


CONTROLS: tuple[Callable[[PodView], Iterator[Violation]], ...] = (
    host_process, host_namespaces, privileged, capabilities, host_path, host_ports, app_armor,
    se_linux, proc_mount, seccomp, sysctls, volume_types, privilege_escalation,
    run_as_non_root, run_as_user)


def violations(view: PodView, level: str = RESTRICTED) -> list[Violation]:
    """Every violation of `level` (restricted includes baseline) in one pod spec."""
    out = [v for control in CONTROLS for v in control(view)]
    return out if level == RESTRICTED else [v for v in out if v.level == BASELINE]
