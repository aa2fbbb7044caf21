"""Format rules for the volumes of a pod spec and the containers' mounts of them: names, one
source per volume, configMap/secret names, file modes and item paths, hostPath, and mounts that
name a declared volume at a unique path (the API server's checks beyond the schema).

The volume sources' own fields (NFS, CSI, projected, ephemeral...) are `rules_volumes`'.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.korean import eun_neun
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, duplicate_value, invalid_value
from kubecanvas.validation.pod_check import CONTAINER_GROUPS, VOLUME_SOURCES, PodCheck, pod_checks
from kubecanvas.validation.rule import E, Rule, RuleId

# --- the rule ids this module reports ------------------------------------------------------------
POD_VOLUME_NAME_FORMAT = RuleId("pod.volume.name.format")
POD_VOLUME_NAME_UNIQUE = RuleId("pod.volume.name.unique")
POD_VOLUME_SOURCE_EXACTLY_ONE = RuleId("pod.volume.source.exactlyOne")
POD_VOLUME_CONFIG_MAP_NAME = RuleId("pod.volume.configMap.name")
POD_VOLUME_SECRET_SECRET_NAME = RuleId("pod.volume.secret.secretName")
POD_VOLUME_HOST_PATH = RuleId("pod.volume.hostPath")
POD_VOLUME_MODE = RuleId("pod.volume.mode")
POD_VOLUME_ITEMS = RuleId("pod.volume.items")
POD_MOUNT_NAME_EXISTS = RuleId("pod.mount.name.exists")
POD_MOUNT_PATH_UNIQUE = RuleId("pod.mount.path.unique")
POD_MOUNT_SUB_PATH = RuleId("pod.mount.subPath")

HOST_PATH_TYPES = ("", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket",
                   "CharDevice", "BlockDevice")


def pod_volume_specs(ctx: Context) -> Iterator[Finding]:
    """`pod.volume.*`, `pod.mount.*`: the volumes of every pod spec and the mounts of them."""
    for c in pod_checks(ctx):
        volumes = check_volumes(c)
        for group in CONTAINER_GROUPS:
            for i, container in enumerate(as_list(c.spec.get(group))):
                if isinstance(container, Mapping):
                    check_mounts(c, (group, i), container, volumes)
        yield from c.out


def check_volumes(c: PodCheck) -> set[str]:
    """Volume names, formats and sources; returns the declared names (mount targets)."""
    names: set[str] = set()
    for i, volume in enumerate(as_list(c.spec.get("volumes"))):
        if not isinstance(volume, Mapping):
            continue
        vpath = ("volumes", i)
        name = volume.get("name")
        if isinstance(name, str) and name:
            c.name(POD_VOLUME_NAME_FORMAT, (*vpath, "name"), name, p.dns1123_label)
            if name in names:
                c.report(POD_VOLUME_NAME_UNIQUE, (*vpath, "name"), duplicate_value(name))
            names.add(name)
        sources = [k for k in volume if k in VOLUME_SOURCES and volume[k] is not None]
        if len(sources) > 1:
            c.report(POD_VOLUME_SOURCE_EXACTLY_ONE, (*vpath, sources[1]),
                     Text(f"may not specify more than 1 volume type (has {', '.join(sources)})",
                          f"볼륨 유형은 하나만 지정할 수 있습니다(지정된 유형: {', '.join(sources)})"))
        check_volume_source(c, vpath, volume)
    return names


def check_volume_source(c: PodCheck, vpath: FieldPath, volume: Mapping[str, Any]) -> None:
    for key, field, rule in (("configMap", "name", POD_VOLUME_CONFIG_MAP_NAME),
                             ("secret", "secretName", POD_VOLUME_SECRET_SECRET_NAME)):
        source = volume.get(key)
        if isinstance(source, Mapping) and not source.get(field):
            c.report(rule, (*vpath, key, field), Text("required value", "필수 값입니다"))
        if isinstance(source, Mapping):
            _check_modes_and_items(c, (*vpath, key), source)
    for key in ("downwardAPI", "projected"):
        source = volume.get(key)
        if isinstance(source, Mapping):
            _check_modes_and_items(c, (*vpath, key), source)
    host = volume.get("hostPath")
    if isinstance(host, Mapping):
        check_host_path(c, (*vpath, "hostPath"), host)


def check_host_path(c: PodCheck, path: FieldPath, host: Mapping[str, Any],
                    rule: RuleId = POD_VOLUME_HOST_PATH) -> None:
    """A hostPath needs a path without '..' and a known type ("" by default)."""
    target = host.get("path")
    if not target:
        c.report(rule, (*path, "path"), Text("required value: the path on the node",
                                             "필수 값: 노드의 경로"))
    elif isinstance(target, str) and ".." in target.split("/"):
        c.report(rule, (*path, "path"), Text("must not contain '..'", "'..'을 포함할 수 없습니다"))
    kind = host.get("type")
    if kind is not None and kind not in HOST_PATH_TYPES:
        shown = ", ".join(f'"{t}"' for t in HOST_PATH_TYPES)
        c.report(rule, (*path, "type"), Text(
            f'unsupported value "{kind}": supported values: {shown}',
            f'지원하지 않는 값 "{kind}"입니다. 지원하는 값: {shown}'))


def _check_modes_and_items(c: PodCheck, path: FieldPath, source: Mapping[str, Any]) -> None:
    mode = source.get("defaultMode")
    if isinstance(mode, int) and not 0 <= mode <= 0o777:
        c.report(POD_VOLUME_MODE, (*path, "defaultMode"),
                 Text(f"invalid value {mode}: must be a number between 0 and 0777 (octal), both "
                      f"inclusive (write 0644 in YAML or 420 in JSON)",
                      f"잘못된 값 {mode}: 0부터 0777(8진수)까지의 수여야 합니다(YAML에서는 0644, "
                      f"JSON에서는 420으로 씁니다)"))
    for j, item in enumerate(as_list(source.get("items"))):
        target = as_mapping(item).get("path")
        if isinstance(target, str) and target:
            errors = p.local_path(target)
            if errors:
                c.report(POD_VOLUME_ITEMS, (*path, "items", j, "path"),
                         invalid_value(target, errors[0]))


def check_mounts(c: PodCheck, path: FieldPath, container: Mapping[str, Any],
                 volumes: set[str]) -> None:
    paths: set[str] = set()
    for i, mount in enumerate(as_list(container.get("volumeMounts"))):
        if not isinstance(mount, Mapping):
            continue
        mpath = (*path, "volumeMounts", i)
        name = mount.get("name")
        if isinstance(name, str) and name and name not in volumes and \
                name not in c.claim_templates:
            declared = ", ".join(sorted(volumes | c.claim_templates)) or "none"
            c.report(POD_MOUNT_NAME_EXISTS, (*mpath, "name"),
                     Text(f'not found: "{name}" names no volume of the pod (declared: '
                          f'{declared})',
                          f'찾을 수 없습니다: "{name}"{eun_neun(name)} 파드의 볼륨 이름이 아닙니다(선언된 볼륨: '
                          f'{declared})'))
        target = mount.get("mountPath")
        if isinstance(target, str) and target:
            if target in paths:
                c.report(POD_MOUNT_PATH_UNIQUE, (*mpath, "mountPath"),
                         Text(f'invalid value "{target}": must be unique',
                              f'잘못된 값 "{target}": 고유해야 합니다'))
            paths.add(target)
        sub = mount.get("subPath")
        if isinstance(sub, str) and sub and p.local_path(sub):
            c.report(POD_MOUNT_SUB_PATH, (*mpath, "subPath"),
                     invalid_value(sub, p.local_path(sub)[0]))
        expr = mount.get("subPathExpr")
        if isinstance(expr, str) and expr and p.local_path(expr):
            c.report(POD_MOUNT_SUB_PATH, (*mpath, "subPathExpr"),
                     invalid_value(expr, p.local_path(expr)[0]))
        if mount.get("subPath") and mount.get("subPathExpr"):
            c.report(POD_MOUNT_SUB_PATH, (*mpath, "subPathExpr"),
                     Text("subPathExpr and subPath are mutually exclusive",
                          "subPathExpr와 subPath는 함께 쓸 수 없습니다"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(POD_VOLUME_NAME_FORMAT, E, "A volume name is not a DNS-1123 label.", pod_volume_specs),
    Rule(POD_VOLUME_NAME_UNIQUE, E, "Two volumes share a name.", pod_volume_specs),
    Rule(POD_VOLUME_SOURCE_EXACTLY_ONE, E, "A volume specifies more than one source.", pod_volume_specs),
    Rule(POD_VOLUME_CONFIG_MAP_NAME, E, "A configMap volume without a name.", pod_volume_specs),
    Rule(POD_VOLUME_SECRET_SECRET_NAME, E, "A secret volume without a secretName.", pod_volume_specs),
    Rule(POD_VOLUME_HOST_PATH, E, "A hostPath contains '..'.", pod_volume_specs),
    Rule(POD_VOLUME_MODE, E, "defaultMode is outside 0-0777.", pod_volume_specs),
    Rule(POD_VOLUME_ITEMS, E, "A volume item path is not relative or contains '..'.", pod_volume_specs),
    Rule(POD_MOUNT_NAME_EXISTS, E, "A volumeMount names no declared volume (or claim template).",
         pod_volume_specs),
    Rule(POD_MOUNT_PATH_UNIQUE, E, "A container mounts two volumes at the same path.", pod_volume_specs),
    Rule(POD_MOUNT_SUB_PATH, E, "subPath is absolute, contains '..', or is set with subPathExpr.",
         pod_volume_specs),
)
