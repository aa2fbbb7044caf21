"""Format rules for a pod's volume sources, mounts and devices beyond the basics in `rules_pod`
(catalogue sections 3.4 and 3.5): projected, NFS, CSI and ephemeral sources, emptyDir size
limits, deprecated in-tree sources, mount propagation, recursive read-only mounts and raw block
devices.

Defaults first (catalogue 0.4): a volume with no source is an emptyDir, `hostPath.type` is "",
and an absent `mountPropagation` is None, so none of these is reported missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eul_reul, eun_neun
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    invalid_value,
    unsupported_value,
)
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.pod_check import CONTAINER_GROUPS, PodCheck, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
POD_VOLUME_PROJECTED_SOURCES = RuleId("pod.volume.projected.sources")
POD_VOLUME_PROJECTED_SA_TOKEN = RuleId("pod.volume.projected.saToken")
POD_VOLUME_NFS = RuleId("pod.volume.nfs")
POD_VOLUME_CSI_DRIVER = RuleId("pod.volume.csi.driver")
POD_VOLUME_EPHEMERAL = RuleId("pod.volume.ephemeral")
POD_VOLUME_EMPTY_DIR_SIZE_LIMIT = RuleId("pod.volume.emptyDir.sizeLimit")
POD_VOLUME_DEPRECATED = RuleId("pod.volume.deprecated")
POD_MOUNT_PROPAGATION = RuleId("pod.mount.propagation")
POD_MOUNT_RECURSIVE_READ_ONLY = RuleId("pod.mount.recursiveReadOnly")
POD_DEVICE = RuleId("pod.device")

PROJECTION_TYPES = ("secret", "configMap", "downwardAPI", "serviceAccountToken",
                    "clusterTrustBundle", "podCertificate")
#: In-tree sources the API still accepts but current releases no longer run (the API server
#: warns about them); the value is what to use instead.
_CSI = Text("a CSI driver", "CSI 드라이버")
DEPRECATED_SOURCES = {
    "gitRepo": Text("an init container that clones the repository into an emptyDir",
                    "저장소를 emptyDir에 복제하는 init 컨테이너"),
    "cephfs": Text("the CephFS CSI driver", "CephFS CSI 드라이버"),
    "rbd": Text("the Ceph RBD CSI driver", "Ceph RBD CSI 드라이버"),
    "glusterfs": _CSI, "flocker": _CSI, "quobyte": _CSI, "storageos": _CSI, "scaleIO": _CSI,
    "photonPersistentDisk": _CSI,
}
PROPAGATION = ("None", "HostToContainer", "Bidirectional")
RECURSIVE_READ_ONLY = ("Disabled", "IfPossible", "Enabled")
BLOCK_SOURCES = ("persistentVolumeClaim", "ephemeral")
MIN_TOKEN_SECONDS, MAX_TOKEN_SECONDS = 600, 2**32


def report_fix(c: PodCheck, rule: RuleId, path: FieldPath, message: Text, value: Any,
               description: Text, fix_path: FieldPath | None = None) -> None:
    """Report a finding whose mechanical fix sets the field at `fix_path` (default: the
    finding's own `path`) to `value`."""
    full = (*c.base, *path)
    target = full if fix_path is None else (*c.base, *fix_path)
    c.out.append(c.ctx.report(rule, c.res, message, full,
                              fix=set_field(c.res, target, value, description)))


def pod_volumes(ctx: Context) -> Iterator[Finding]:
    """`pod.volume.*` sources, `pod.mount.propagation`/`recursiveReadOnly`, `pod.device`."""
    for c in pod_checks(ctx):
        spec = c.spec
        volumes: dict[str, Mapping[str, Any]] = {}
        for i, volume in enumerate(as_list(spec.get("volumes"))):
            if isinstance(volume, Mapping):
                volumes.setdefault(str(volume.get("name")), volume)
                _volume(c, ("volumes", i), volume)
        if not c.template:
            _ephemeral_names(c)
        for group in CONTAINER_GROUPS:
            for i, container in enumerate(as_list(spec.get(group))):
                if isinstance(container, Mapping):
                    _mounts(c, (group, i), container)
                    _devices(c, (group, i), container, volumes)
        yield from c.out


def _volume(c: PodCheck, path: FieldPath, volume: Mapping[str, Any]) -> None:
    projected = volume.get("projected")
    if isinstance(projected, Mapping):
        _projected(c, (*path, "projected"), projected)
    nfs = volume.get("nfs")
    if isinstance(nfs, Mapping):
        check_nfs(c, (*path, "nfs"), nfs, POD_VOLUME_NFS)
    csi = volume.get("csi")
    if isinstance(csi, Mapping):
        check_csi_driver(c, (*path, "csi", "driver"), csi.get("driver"), POD_VOLUME_CSI_DRIVER)
    if "ephemeral" in volume and volume["ephemeral"] is not None:
        _ephemeral(c, (*path, "ephemeral"), as_mapping(volume["ephemeral"]))
    empty = volume.get("emptyDir")
    if isinstance(empty, Mapping) and empty.get("sizeLimit") is not None:
        limit = try_quantity(empty["sizeLimit"])
        if limit is None or limit < 0:
            c.report(POD_VOLUME_EMPTY_DIR_SIZE_LIMIT, (*path, "emptyDir", "sizeLimit"),
                     Text(f'forbidden: {empty["sizeLimit"]!r}: SizeLimit field must be a valid, '
                          f"non-negative resource quantity (for example 1Gi)",
                          f'금지됨: {empty["sizeLimit"]!r}: SizeLimit 필드는 음수가 아닌 유효한 '
                          f"리소스 수량이어야 합니다(예: 1Gi)"))
    for key, instead in DEPRECATED_SOURCES.items():
        if volume.get(key) is not None:
            c.report(POD_VOLUME_DEPRECATED, (*path, key),
                     Text(f"the {key} volume type is deprecated and no longer works in current "
                          f"Kubernetes releases; use {instead.en}",
                          f"{key} 볼륨 유형은 더 이상 사용되지 않으며(deprecated) 현재 쿠버네티스 "
                          f"릴리스에서는 동작하지 않습니다. {instead.ko}{eul_reul(instead.ko)} 써야 합니다"))


def check_nfs(c: PodCheck, path: FieldPath, nfs: Mapping[str, Any], rule: RuleId) -> None:
    """An NFS source needs a server and an absolute path (pods and PersistentVolumes)."""
    if not nfs.get("server"):
        c.report(rule, (*path, "server"), Text("required value: the NFS server",
                                               "필수 값: NFS 서버"))
    target = nfs.get("path")
    if not target:
        c.report(rule, (*path, "path"), Text("required value: the exported path",
                                             "필수 값: 내보낸(export) 경로"))
    elif isinstance(target, str) and not target.startswith("/"):
        c.report(rule, (*path, "path"), Text(f'invalid value "{target}": must be an absolute path',
                                             f'잘못된 값 "{target}": 절대 경로여야 합니다'))


def csi_driver_errors(driver: Any) -> list[Text]:
    """`ValidateCSIDriverName`: required, at most 63 bytes, a DNS subdomain once lower-cased."""
    if not isinstance(driver, str) or not driver:
        return [Text("required value: the CSI driver name (for example ebs.csi.aws.com)",
                     "필수 값: CSI 드라이버 이름(예: ebs.csi.aws.com)")]
    errors = []
    if len(driver) > 63:
        errors.append(Text("too long: must have at most 63 bytes",
                           "너무 깁니다: 63바이트 이하여야 합니다"))
    errors += [invalid_value(driver, e) for e in p.dns1123_subdomain(driver.lower())]
    return errors


def check_csi_driver(c: PodCheck, path: FieldPath, driver: Any, rule: RuleId) -> None:
    for error in csi_driver_errors(driver):
        c.report(rule, path, error)


def _projected(c: PodCheck, path: FieldPath, projected: Mapping[str, Any]) -> None:
    seen_paths: set[str] = set()
    for j, source in enumerate(as_list(projected.get("sources"))):
        if not isinstance(source, Mapping):
            continue
        spath = (*path, "sources", j)
        kinds = [k for k in PROJECTION_TYPES if source.get(k) is not None]
        if len(kinds) > 1:
            c.report(POD_VOLUME_PROJECTED_SOURCES, spath,
                     Text(f"forbidden: may not specify more than 1 volume type per source "
                          f"(has {', '.join(kinds)})",
                          f"금지됨: 소스마다 볼륨 유형은 하나만 지정할 수 있습니다(지정된 유형: "
                          f"{', '.join(kinds)})"))
        for key in ("configMap", "secret"):
            ref = source.get(key)
            if isinstance(ref, Mapping) and not ref.get("name"):
                c.report(POD_VOLUME_PROJECTED_SOURCES, (*spath, key, "name"),
                         Text("required value: the name of the " + key,
                              f"필수 값: {key}의 이름"))
        for target, tpath in _projected_paths(source, spath):
            if target in seen_paths:
                c.report(POD_VOLUME_PROJECTED_SOURCES, tpath,
                         Text(f'invalid value "{target}": conflicting duplicate paths',
                              f'잘못된 값 "{target}": 경로가 중복되어 충돌합니다'))
            seen_paths.add(target)
        token = source.get("serviceAccountToken")
        if isinstance(token, Mapping):
            _sa_token(c, (*spath, "serviceAccountToken"), token)


def _projected_paths(source: Mapping[str, Any],
                     spath: FieldPath) -> Iterator[tuple[str, FieldPath]]:
    for key in ("configMap", "secret", "downwardAPI"):
        for k, item in enumerate(as_list(as_mapping(source.get(key)).get("items"))):
            target = as_mapping(item).get("path")
            if isinstance(target, str) and target:
                yield target, (*spath, key, "items", k, "path")
    for key in ("serviceAccountToken", "clusterTrustBundle"):
        target = as_mapping(source.get(key)).get("path")
        if isinstance(target, str) and target:
            yield target, (*spath, key, "path")


def _sa_token(c: PodCheck, path: FieldPath, token: Mapping[str, Any]) -> None:
    if not token.get("path"):
        c.report(POD_VOLUME_PROJECTED_SA_TOKEN, (*path, "path"),
                 Text("required value: the file the token is written to",
                      "필수 값: 토큰을 쓸 파일"))
    seconds = token.get("expirationSeconds")
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        if seconds < MIN_TOKEN_SECONDS:
            report_fix(c, POD_VOLUME_PROJECTED_SA_TOKEN, (*path, "expirationSeconds"),
                       Text(f"invalid value {seconds}: may not specify a duration less than 10 "
                            f"minutes (600 seconds)",
                            f"잘못된 값 {seconds}: 10분(600초)보다 짧은 기간은 지정할 수 없습니다"),
                       MIN_TOKEN_SECONDS,
                       Text("set expirationSeconds to 600", "expirationSeconds를 600으로 설정합니다"))
        elif seconds > MAX_TOKEN_SECONDS:
            c.report(POD_VOLUME_PROJECTED_SA_TOKEN, (*path, "expirationSeconds"),
                     Text(f"invalid value {seconds}: may not specify a duration larger than "
                          f"2^32 seconds",
                          f"잘못된 값 {seconds}: 2^32초보다 긴 기간은 지정할 수 없습니다"))


def _ephemeral(c: PodCheck, path: FieldPath, ephemeral: Mapping[str, Any]) -> None:
    template = ephemeral.get("volumeClaimTemplate")
    if not isinstance(template, Mapping):
        c.report(POD_VOLUME_EPHEMERAL, (*path, "volumeClaimTemplate"),
                 Text("required value: an ephemeral volume needs a volumeClaimTemplate",
                      "필수 값: ephemeral 볼륨에는 volumeClaimTemplate이 필요합니다"))
        return
    tpath = (*path, "volumeClaimTemplate")
    for key in sorted(as_mapping(template.get("metadata"))):
        if key not in ("labels", "annotations"):
            c.report(POD_VOLUME_EPHEMERAL, (*tpath, "metadata", key),
                     Text(f"forbidden: metadata.{key} cannot be set in a volumeClaimTemplate "
                          f"(only labels and annotations; the claim is named <pod>-<volume>)",
                          f"금지됨: volumeClaimTemplate에는 metadata.{key}{eul_reul(key)} 설정할 수 없습니다"
                          f"(레이블과 어노테이션만 가능합니다. 클레임 이름은 <pod>-<volume>입니다)"))
    spec = as_mapping(template.get("spec"))
    if not as_list(spec.get("accessModes")):
        c.report(POD_VOLUME_EPHEMERAL, (*tpath, "spec", "accessModes"),
                 Text("required value: at least 1 access mode is required",
                      "필수 값: 접근 모드가 하나 이상 필요합니다"))
    if "storage" not in as_mapping(as_mapping(spec.get("resources")).get("requests")):
        c.report(POD_VOLUME_EPHEMERAL, (*tpath, "spec", "resources", "requests"),
                 Text("required value: resources.requests.storage",
                      "필수 값: resources.requests.storage"))


def _ephemeral_names(c: PodCheck) -> None:
    """In a Pod the generated claim names are known: `<pod>-<volume>`."""
    generated: dict[str, str] = {}
    for volume in as_list(c.spec.get("volumes")):
        if isinstance(volume, Mapping) and volume.get("ephemeral") is not None:
            generated[f"{c.res.name}-{volume.get('name')}"] = str(volume.get("name"))
    for i, volume in enumerate(as_list(c.spec.get("volumes"))):
        vpath: FieldPath = ("volumes", i)
        name = f"{c.res.name}-{as_mapping(volume).get('name')}"
        if as_mapping(volume).get("ephemeral") is not None and p.dns1123_subdomain(name):
            c.report(POD_VOLUME_EPHEMERAL, (*vpath, "name"),
                     Text(f'invalid value "{name}": the generated claim name is not a DNS '
                          f"subdomain: {p.dns1123_subdomain(name)[0]}",
                          f'잘못된 값 "{name}": 생성되는 클레임 이름이 DNS 서브도메인이 아닙니다: '
                          f"{p.dns1123_subdomain(name)[0]}"))
        claim = as_mapping(as_mapping(volume).get("persistentVolumeClaim")).get("claimName")
        if isinstance(claim, str) and claim in generated:
            c.report(POD_VOLUME_EPHEMERAL, (*vpath, "persistentVolumeClaim", "claimName"),
                     Text(f'invalid value "{claim}": must not reference a PVC that gets created '
                          f'for the ephemeral volume "{generated[claim]}"',
                          f'잘못된 값 "{claim}": ephemeral 볼륨 "{generated[claim]}"{eul_reul(generated[claim])} 위해 '
                          f'만들어지는 퍼시스턴트볼륨클레임을 참조할 수 없습니다'))


def _mounts(c: PodCheck, path: FieldPath, container: Mapping[str, Any]) -> None:
    privileged = as_mapping(container.get("securityContext")).get("privileged") is True
    for i, mount in enumerate(as_list(container.get("volumeMounts"))):
        if not isinstance(mount, Mapping):
            continue
        mpath = (*path, "volumeMounts", i)
        propagation = mount.get("mountPropagation")
        if propagation is not None and propagation not in PROPAGATION:
            c.report(POD_MOUNT_PROPAGATION, (*mpath, "mountPropagation"),
                     unsupported_value(propagation,
                                       '"None", "HostToContainer", "Bidirectional"'))
        elif propagation == "Bidirectional" and not privileged:
            c.report(POD_MOUNT_PROPAGATION, (*mpath, "mountPropagation"),
                     Text("forbidden: Bidirectional mount propagation is available only to "
                          "privileged containers (securityContext.privileged: true)",
                          "금지됨: Bidirectional 마운트 전파는 특권 컨테이너"
                          "(securityContext.privileged: true)만 쓸 수 있습니다"))
        recursive = mount.get("recursiveReadOnly")
        if recursive is None:
            continue
        if recursive not in RECURSIVE_READ_ONLY:
            c.report(POD_MOUNT_RECURSIVE_READ_ONLY, (*mpath, "recursiveReadOnly"),
                     unsupported_value(recursive, '"Disabled", "IfPossible", "Enabled"'))
        elif recursive != "Disabled" and mount.get("readOnly") is not True:
            report_fix(c, POD_MOUNT_RECURSIVE_READ_ONLY, (*mpath, "recursiveReadOnly"),
                       Text("forbidden: may only be specified when readOnly is true",
                            "금지됨: readOnly가 true일 때만 지정할 수 있습니다"), True,
                       Text("set readOnly: true on the mount",
                            "마운트에 readOnly: true를 설정합니다"), (*mpath, "readOnly"))
        elif recursive != "Disabled" and propagation not in (None, "None"):
            c.report(POD_MOUNT_RECURSIVE_READ_ONLY, (*mpath, "recursiveReadOnly"),
                     Text("forbidden: may only be specified when mountPropagation is None or "
                          "not specified",
                          "금지됨: mountPropagation이 None이거나 지정되지 않았을 때만 지정할 수 "
                          "있습니다"))


def _devices(c: PodCheck, path: FieldPath, container: Mapping[str, Any],
             volumes: Mapping[str, Mapping[str, Any]]) -> None:
    mounts = [as_mapping(m) for m in as_list(container.get("volumeMounts"))]
    mount_names = {str(m.get("name")) for m in mounts}
    mount_paths = {str(m.get("mountPath")) for m in mounts}
    seen: set[str] = set()
    for i, device in enumerate(as_list(container.get("volumeDevices"))):
        if not isinstance(device, Mapping):
            continue
        dpath = (*path, "volumeDevices", i)
        name, target = str(device.get("name") or ""), device.get("devicePath")
        volume = volumes.get(name)
        if volume is None and name not in c.claim_templates:
            c.report(POD_DEVICE, (*dpath, "name"),
                     Text(f'not found: "{name}" names no volume of the pod',
                          f'찾을 수 없습니다: "{name}"{eun_neun(name)} 파드의 볼륨 이름이 아닙니다'))
        elif volume is not None and not any(volume.get(k) is not None for k in BLOCK_SOURCES):
            c.report(POD_DEVICE, (*dpath, "name"),
                     Text(f'invalid value "{name}": can only use volume source type of '
                          f"PersistentVolumeClaim or Ephemeral for block mode",
                          f'잘못된 값 "{name}": 블록 모드에는 PersistentVolumeClaim이나 '
                          f"Ephemeral 볼륨 소스만 쓸 수 있습니다"))
        if name in mount_names:
            c.report(POD_DEVICE, (*dpath, "name"),
                     Text(f'invalid value "{name}": must not already exist in volumeMounts',
                          f'잘못된 값 "{name}": volumeMounts에 이미 있으면 안 됩니다'))
        if not isinstance(target, str) or not target:
            continue
        if target in seen:
            c.report(POD_DEVICE, (*dpath, "devicePath"),
                     Text(f'invalid value "{target}": must be unique',
                          f'잘못된 값 "{target}": 고유해야 합니다'))
        seen.add(target)
        if ".." in target.split("/"):
            c.report(POD_DEVICE, (*dpath, "devicePath"),
                     Text(f'invalid value "{target}": must not contain \'..\'',
                          f'잘못된 값 "{target}": \'..\'을 포함할 수 없습니다'))
        if target in mount_paths:
            c.report(POD_DEVICE, (*dpath, "devicePath"),
                     Text(f'invalid value "{target}": must not already exist as a path in '
                          f"volumeMounts",
                          f'잘못된 값 "{target}": volumeMounts에 이미 있는 경로이면 안 됩니다'))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(POD_VOLUME_PROJECTED_SOURCES, E, "A projected source with more than one type, a "
         "configMap/secret without a name, or a path used twice.", pod_volumes),
    Rule(POD_VOLUME_PROJECTED_SA_TOKEN, E, "A serviceAccountToken projection without a path, or "
         "expiring in under 10 minutes or over 2^32 seconds.", pod_volumes),
    Rule(POD_VOLUME_NFS, E, "An nfs volume without a server or an absolute path.", pod_volumes),
    Rule(POD_VOLUME_CSI_DRIVER, E, "A csi volume's driver is empty, longer than 63 characters or "
         "not a DNS subdomain.", pod_volumes),
    Rule(POD_VOLUME_EPHEMERAL, E, "An ephemeral volume without a valid volumeClaimTemplate, with "
         "a bad generated claim name, or claimed directly.", pod_volumes),
    Rule(POD_VOLUME_EMPTY_DIR_SIZE_LIMIT, E, "An emptyDir sizeLimit that is negative or not a "
         "quantity.", pod_volumes),
    Rule(POD_VOLUME_DEPRECATED, W, "A deprecated in-tree volume type (gitRepo, cephfs, rbd, "
         "glusterfs...) that current releases no longer run.", pod_volumes),
    Rule(POD_MOUNT_PROPAGATION, E, "mountPropagation is unknown, or Bidirectional in a container "
         "that is not privileged.", pod_volumes),
    Rule(POD_MOUNT_RECURSIVE_READ_ONLY, E, "recursiveReadOnly is unknown, or set without "
         "readOnly: true or with a mount propagation.", pod_volumes),
    Rule(POD_DEVICE, E, "A volumeDevices entry that is not a claim or ephemeral volume, is also "
         "mounted, or has a duplicate or '..' devicePath.", pod_volumes),
)
