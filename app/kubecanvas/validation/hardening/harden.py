""""Harden this workload": every safe hardening fix to one pod owner, as one edit.

Safe means the fix cannot change what the program does when it already runs as it should:
seccomp RuntimeDefault, dropping ALL capabilities (kept: those the manifest adds), no privilege
escalation, running as non-root with a non-root UID. Fixes that could break a workload that
needs them on purpose (privileged, hostPath, hostNetwork, added capabilities) are left alone and
listed; so is readOnlyRootFilesystem, because whether the image writes to /tmp or elsewhere
cannot be known from the manifest (say so, don't guess). Requests and probes need values only
the user has: their findings' fixes ask for them.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from kubecanvas.model.edits import SetManifest
from kubecanvas.model.kinds import pod_template_path
from kubecanvas.model.korean import i_ga
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, resource_ko

#: The UID set when the manifest names none (or root); any non-zero UID satisfies the standard.
NON_ROOT_UID = 10001


@dataclass
class Hardening:
    """What hardening one workload changes and what it leaves to the user.

    Attributes:
        manifest: the hardened manifest.
        changes: one sentence per change made.
        notes: what was left alone, and why.
    """

    manifest: dict[str, Any]
    changes: list[Text] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)


def _child(node: MutableMapping[str, Any], key: str) -> MutableMapping[str, Any]:
    value = node.get(key)
    if not isinstance(value, MutableMapping):
        value = node[key] = {}
    return value


def _pod(manifest: dict[str, Any], res: Resource) -> MutableMapping[str, Any] | None:
    path = pod_template_path(res)
    if path is None:
        return None
    node: Any = manifest
    for step in path:
        node = node.get(step) if isinstance(node, MutableMapping) else None
    spec = node.get("spec") if isinstance(node, MutableMapping) else None
    return spec if isinstance(spec, MutableMapping) else None


def harden(res: Resource) -> Hardening | None:
    """The hardened manifest of a pod owner (None for other kinds)."""
    manifest = copy.deepcopy(res.manifest)
    spec = _pod(manifest, res)
    if spec is None:
        return None
    out = Hardening(manifest)
    _pod_level(spec, out)
    for section in ("initContainers", "containers"):
        for c in spec.get(section) or []:
            if isinstance(c, MutableMapping):
                _container(c, out)
    _left_alone(spec, out)
    return out


def _pod_level(spec: MutableMapping[str, Any], out: Hardening) -> None:
    sc = _child(spec, "securityContext")
    if sc.get("runAsNonRoot") is not True:
        sc["runAsNonRoot"] = True
        out.changes.append(Text("pod: runAsNonRoot: true", "파드: runAsNonRoot: true"))
    containers = [c for s in ("initContainers", "containers") for c in spec.get(s) or []
                  if isinstance(c, Mapping)]
    every_container_has_uid = containers and all(
        isinstance(c.get("securityContext"), Mapping) and
        c["securityContext"].get("runAsUser") not in (None, 0) for c in containers)
    if sc.get("runAsUser") in (None, 0) and not every_container_has_uid:
        before = sc.get("runAsUser")
        sc["runAsUser"] = NON_ROOT_UID
        out.changes.append(Text(f"pod: runAsUser: {NON_ROOT_UID}", f"파드: runAsUser: {NON_ROOT_UID}"))
        out.notes.append(Text(
            f"runAsUser {NON_ROOT_UID} was chosen{' instead of 0' if before == 0 else ''}: the "
            "image's own user cannot be known from the manifest; files the program reads or "
            f"writes must be accessible to UID {NON_ROOT_UID} (or set the UID the image uses).",
            f"runAsUser {NON_ROOT_UID} 값을 골랐다{'(0 대신)' if before == 0 else ''}. 이미지의 "
            f"사용자는 매니페스트로 알 수 없습니다. 프로그램이 읽고 쓰는 파일에 UID {NON_ROOT_UID}{i_ga(NON_ROOT_UID)} "
            "접근할 수 있어야 합니다(또는 이미지가 쓰는 UID를 적습니다)."))
    seccomp = sc.get("seccompProfile")
    if not (isinstance(seccomp, Mapping) and seccomp.get("type") in ("RuntimeDefault",
                                                                      "Localhost")):
        sc["seccompProfile"] = {"type": "RuntimeDefault"}
        out.changes.append(Text("pod: seccompProfile RuntimeDefault",
                                "파드: seccompProfile RuntimeDefault"))


def _container(c: MutableMapping[str, Any], out: Hardening) -> None:
    name = c.get("name") or "?"
    sc = _child(c, "securityContext")

    def change(en: str) -> None:
        out.changes.append(Text(f'container "{name}": {en}', f'컨테이너 "{name}": {en}'))

    if sc.get("allowPrivilegeEscalation") is not False:
        sc["allowPrivilegeEscalation"] = False
        change("allowPrivilegeEscalation: false")
    caps = _child(sc, "capabilities")
    drops = [str(d) for d in caps.get("drop") or []]
    if "ALL" not in {d.upper() for d in drops}:
        caps["drop"] = ["ALL"]
        change("capabilities.drop: [ALL]")
    if sc.get("runAsNonRoot") is False:
        sc["runAsNonRoot"] = True
        change("runAsNonRoot: true")
    if sc.get("runAsUser") == 0:
        sc["runAsUser"] = NON_ROOT_UID
        change(f"runAsUser: {NON_ROOT_UID}")
    seccomp = sc.get("seccompProfile")
    if isinstance(seccomp, Mapping) and seccomp.get("type") == "Unconfined":
        sc["seccompProfile"] = {"type": "RuntimeDefault"}
        change("seccompProfile RuntimeDefault")
    added = [str(a) for a in caps.get("add") or [] if str(a) != "NET_BIND_SERVICE"]
    if added:
        out.notes.append(Text(
            f'container "{name}" keeps the capabilities it adds ({", ".join(added)}); remove '
            "them by hand if the program does not need them.",
            f'컨테이너 "{name}": 추가하는 권한({", ".join(added)})은 그대로 둡니다. 프로그램에 필요 없으면 '
            "직접 지웁니다."))
    mounts = {str(m.get("mountPath")) for m in c.get("volumeMounts") or [] if isinstance(m, Mapping)}
    if sc.get("readOnlyRootFilesystem") is True and "/tmp" not in mounts:
        out.notes.append(Text(
            f'container "{name}" has a read-only root filesystem and nothing mounted at /tmp: '
            "whether the image writes there cannot be known from the manifest; if it does, "
            "mount an emptyDir at /tmp.",
            f'컨테이너 "{name}": 루트 파일 시스템이 읽기 전용이고 /tmp에 마운트된 것이 없습니다. 이미지가 '
            "그곳에 쓰는지는 매니페스트로 알 수 없습니다. 쓴다면 /tmp에 emptyDir 볼륨을 마운트합니다."))
    elif sc.get("readOnlyRootFilesystem") is not True:
        out.notes.append(Text(
            f'container "{name}": readOnlyRootFilesystem is left as is: whether the image writes '
            "to its filesystem (/tmp, caches) cannot be known from the manifest. Set it, and "
            "mount an emptyDir where the program writes.",
            f'컨테이너 "{name}": readOnlyRootFilesystem은 그대로 둡니다. 이미지가 파일 시스템(/tmp, 캐시)에 '
            "쓰는지는 매니페스트로 알 수 없습니다. 설정하고, 프로그램이 쓰는 곳에 emptyDir 볼륨을 마운트합니다."))


def _left_alone(spec: Mapping[str, Any], out: Hardening) -> None:
    risky = [key for key in ("hostNetwork", "hostPID", "hostIPC") if spec.get(key) is True]
    risky += [f'volume "{v.get("name")}" (hostPath)' for v in spec.get("volumes") or []
              if isinstance(v, Mapping) and "hostPath" in v]
    risky += [f'container "{c.get("name")}" (privileged)'
              for s in ("initContainers", "containers") for c in spec.get(s) or []
              if isinstance(c, Mapping) and isinstance(c.get("securityContext"), Mapping)
              and c["securityContext"].get("privileged") is True]
    if risky:
        out.notes.append(Text(
            f"left alone, because a workload may need them on purpose: {', '.join(risky)}.",
            f"워크로드가 일부러 필요로 할 수 있어 그대로 둡니다: {', '.join(risky)}."))


def harden_edit(res: Resource) -> tuple[SetManifest, Hardening] | None:
    """The one undoable edit that hardens `res`, and what it does (None when nothing to do)."""
    result = harden(res)
    if result is None or not result.changes:
        return None
    description = Text(f"Harden {res.label()}",
                       f"{resource_ko(res.kind, res.namespace, res.name)} 하드닝")
    return SetManifest(res.id, result.manifest, description), result
