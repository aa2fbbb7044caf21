"""The files each container would see through its volume mounts, and the whole pod's view.

A configMap or secret volume becomes one file per key (or per listed item, at the item's path)
with mode `items[].mode`, else `defaultMode`, else 0644; a downwardAPI volume writes one file per
item (labels and annotations as `key="value"` lines); a projected volume merges several such
sources into one directory. Other volumes (emptyDir, persistentVolumeClaim, hostPath, ...) are
directories whose content the application writes. A `subPath` mount shows just that entry, and
(unlike a whole-volume mount) never sees later updates of the ConfigMap or Secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, pod_spec
from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import Highlight, SimCluster
from kubecanvas.teaching.env import (
    MASK,
    EnvVar,
    PodFacts,
    container_env,
    field_value,
    plain,
    pod_facts,
    resource_value,
    secret_text,
    source_data,
)
from kubecanvas.teaching.text import Text, concat, kind_ko


@dataclass(frozen=True)
class MountedFile:
    """A file (or directory) a container sees.

    Attributes:
        path: absolute path inside the container.
        kind: 'file' or 'directory'.
        source: where it comes from, in words (a `Text`).
        content: the file's content; MASK while a Secret is hidden; None for directories and
            content only the cluster knows.
        mode: permission bits in octal ('0644'), for files.
        resource: id of the ConfigMap, Secret or claim behind it, if any.
        masked: True while a Secret value is hidden.
        read_only: True when mounted read-only.
    """

    path: str
    kind: str
    source: str
    content: str | None = None
    mode: str = ""
    resource: str | None = None
    masked: bool = False
    read_only: bool = False


@dataclass(frozen=True)
class ContainerView:
    container: str
    init: bool
    env: tuple[EnvVar, ...]
    files: tuple[MountedFile, ...]
    skipped: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class PodEnvironment:
    """What every container of one (simulated) pod of a workload sees."""

    workload: str
    pod: str
    facts: PodFacts
    containers: tuple[ContainerView, ...]
    highlight: Highlight


class _Files:
    """Builds the files of one volume mount."""

    def __init__(self, doc: Document, graph: WiringGraph, res: Resource, facts: PodFacts,
                 reveal: bool) -> None:
        self.doc, self.graph, self.res, self.facts = doc, graph, res, facts
        self.reveal = reveal
        self.ns = effective_namespace(res)
        self.problems: list[Text] = []
        self.skipped: list[Text] = []

    def keyed(self, base: str, kind: str, ref: Mapping[str, Any], default_mode: Any,
              read_only: bool) -> list[MountedFile]:
        name = str(ref.get("name") or ref.get("secretName") or "")
        rid, data = source_data(self.doc, self.graph, kind, self.ns, name)
        if rid is None:
            if ref.get("optional"):
                self.skipped.append(Text(f"optional {kind} {name} does not exist: {base} is empty",
                                         f"선택적(optional) {kind_ko(kind)} {name}{i_ga(name)} 없어서 "
                                         f"{base}{eun_neun(base)} 비어 있습니다"))
            else:
                self.problems.append(Text(f"{kind} {name} does not exist: the pod stays in "
                                          "ContainerCreating until it does",
                                          f"{kind_ko(kind)} {name}{i_ga(name)} 없습니다. 생길 때까지 "
                                          "파드는 ContainerCreating 상태에 머뭅니다"))
            return []
        items = [i for i in as_list(ref.get("items")) if isinstance(i, Mapping)]
        chosen = [(str(i.get("key")), str(i.get("path") or i.get("key")), i.get("mode"))
                  for i in items] if items else [(k, k, None) for k in data]
        mode_default = ref.get("defaultMode", default_mode)
        out = []
        for key, rel, mode in chosen:
            if key not in data:
                if not ref.get("optional"):
                    self.problems.append(Text(
                        f"key {key!r} is not in {kind} {name}: the volume cannot be set up and "
                        "the pod does not start",
                        f"{kind_ko(kind)} {name}에 키 {key!r}{i_ga(repr(key))} 없습니다. 볼륨을 준비할 수 없어 "
                        "파드가 시작되지 않습니다"))
                continue
            raw, string_data, _binary = data[key]
            masked = kind == "Secret" and not self.reveal
            content = MASK if masked else (secret_text(raw, string_data) if kind == "Secret"
                                           else plain(raw))
            source = Text(f"{kind} {name}, key {key}", f"{kind_ko(kind)} {name}, 키 {key}")
            out.append(MountedFile(f"{base}/{rel}", "file", source,
                                   content, _mode(mode if mode is not None else mode_default),
                                   rid, masked, read_only))
        return out

    def downward(self, base: str, source: Mapping[str, Any], default_mode: Any,
                 read_only: bool) -> list[MountedFile]:
        spec = pod_spec(self.res) or {}
        containers = [c for c in as_list(spec.get("containers")) if isinstance(c, Mapping)]
        out = []
        for item in as_list(source.get("items")):
            if not isinstance(item, Mapping):
                continue
            path = f"{base}/{item.get('path')}"
            mode = _mode(item.get("mode", source.get("defaultMode", default_mode)))
            field = as_mapping(item.get("fieldRef"))
            if field:
                fpath = str(field.get("fieldPath") or "")
                out.append(MountedFile(path, "file",
                                       Text(f"Downward API fieldRef {fpath}",
                                            f"다운워드(Downward) API fieldRef {fpath}"),
                                       field_value(self.facts, fpath), mode,
                                       read_only=read_only))
                continue
            ref = as_mapping(item.get("resourceFieldRef"))
            if ref:
                value, note = resource_value(containers, "", ref)
                out.append(MountedFile(path, "file",
                                       Text(f"Downward API resourceFieldRef: {note}",
                                            f"다운워드(Downward) API resourceFieldRef: {note.ko}"),
                                       value, mode, read_only=read_only))
        return out

    def volume(self, base: str, volume: Mapping[str, Any], read_only: bool) -> list[MountedFile]:
        for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
            if isinstance(volume.get(key), Mapping):
                return self.keyed(base, kind, volume[key], 0o644, read_only)
        if isinstance(volume.get("downwardAPI"), Mapping):
            return self.downward(base, volume["downwardAPI"], 0o644, read_only)
        projected = as_mapping(volume.get("projected"))
        if projected:
            return self.projected(base, projected, read_only)
        return [MountedFile(base, "directory", _describe(volume, self.res), None, "", None,
                            False, read_only)]

    def projected(self, base: str, projected: Mapping[str, Any],
                  read_only: bool) -> list[MountedFile]:
        mode = projected.get("defaultMode", 0o644)
        out: list[MountedFile] = []
        for source in as_list(projected.get("sources")):
            if not isinstance(source, Mapping):
                continue
            for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                if isinstance(source.get(key), Mapping):
                    out += self.keyed(base, kind, source[key], mode, read_only)
            if isinstance(source.get("downwardAPI"), Mapping):
                out += self.downward(base, source["downwardAPI"], mode, read_only)
            token = as_mapping(source.get("serviceAccountToken"))
            if token:
                audience = token.get("audience")
                account = self.facts.service_account
                out.append(MountedFile(f"{base}/{token.get('path')}", "file", Text(
                    f"a token of ServiceAccount {account} for {audience or 'the API server'}, "
                    "rotated by the kubelet",
                    f"서비스어카운트(ServiceAccount) {account}의 토큰(대상: "
                    f"{audience or 'API 서버'}), kubelet이 주기적으로 교체합니다"), None,
                                       _mode(mode), read_only=read_only))
        return out


    def check_claim(self, volume: Mapping[str, Any]) -> None:
        """A claim that does not exist keeps the pod Pending: the scheduler's VolumeBinding
        plugin marks it unschedulable (`persistentvolumeclaim "x" not found`), so the pod never
        reaches a node, unlike a missing ConfigMap or Secret (ContainerCreating on the node)."""
        name = str(as_mapping(volume.get("persistentVolumeClaim")).get("claimName") or "")
        if name and not self.graph.lookup("PersistentVolumeClaim", self.ns, name):
            problem = Text(f"PersistentVolumeClaim {name} does not exist: the pod stays Pending, "
                           f"unschedulable (persistentvolumeclaim \"{name}\" not found)",
                           f"퍼시스턴트볼륨클레임 {name}{i_ga(name)} 없으므로 파드는 스케줄되지 "
                           f"못하고 Pending 상태로 남습니다(persistentvolumeclaim \"{name}\" "
                           "not found)")
            if problem not in self.problems:
                self.problems.append(problem)


def _mode(value: Any) -> str:
    return f"{value:04o}" if isinstance(value, int) and not isinstance(value, bool) else "0644"


def _describe(volume: Mapping[str, Any], res: Resource) -> Text:
    if isinstance(volume.get("emptyDir"), Mapping):
        memory = as_mapping(volume["emptyDir"]).get("medium") == "Memory"
        where = "in memory (tmpfs)" if memory else "on the node's disk"
        return Text(f"emptyDir: an empty directory {where}, shared by the pod's containers and "
                    "deleted with the pod",
                    "emptyDir: " + ("메모리(tmpfs)" if memory else "노드 디스크") + "에 만든 빈 "
                    "디렉터리로, 파드의 컨테이너들이 함께 쓰며 파드와 함께 삭제됩니다")
    claim = as_mapping(volume.get("persistentVolumeClaim"))
    if claim:
        name = claim.get("claimName")
        return Text(f"persistentVolumeClaim {name}: the bound volume's data, which outlives the "
                    "pod",
                    f"persistentVolumeClaim {name}: 바인딩된 볼륨의 데이터로, 파드가 사라져도 "
                    "남습니다")
    host = as_mapping(volume.get("hostPath"))
    if host:
        return Text(f"hostPath {host.get('path')}: a directory of whichever node the pod runs on",
                    f"hostPath {host.get('path')}: 파드가 실행되는 노드의 디렉터리")
    for key in volume:
        if key != "name":
            return Text(f"{key} volume", f"{key} 볼륨")
    return Text("a volume without a source", "소스가 없는 볼륨")


def _mount_files(files: _Files, spec: Mapping[str, Any], container: Mapping[str, Any],
                 templates: set[str]) -> list[MountedFile]:
    volumes = {str(v.get("name")): v for v in as_list(spec.get("volumes")) if isinstance(v, Mapping)}
    out: list[MountedFile] = []
    for mount in as_list(container.get("volumeMounts")):
        if not isinstance(mount, Mapping):
            continue
        name, base = str(mount.get("name")), str(mount.get("mountPath") or "").rstrip("/")
        read_only = bool(mount.get("readOnly"))
        if name in templates:
            claim = f"{name}-{files.facts.name}"
            out.append(MountedFile(base, "directory", Text(
                f"claim {claim} (volumeClaimTemplate {name}): this pod's own volume",
                f"클레임 {claim} (volumeClaimTemplate {name}): 이 파드만의 볼륨"), None, "", None,
                False, read_only))
            continue
        volume = volumes.get(name)
        if volume is None:
            files.problems.append(Text(f"volumeMount {name} names no volume: the pod is rejected",
                                       f"volumeMount {name}: 그런 이름의 볼륨이 없어 파드가 "
                                       "거부됩니다"))
            continue
        files.check_claim(volume)
        sub = str(mount.get("subPath") or "")
        entries = files.volume("" if sub else base, volume, read_only)
        if sub:  # the volume's entry at subPath, placed at mountPath
            prefix = f"/{sub.strip('/')}"
            entries = [MountedFile(base + e.path[len(prefix):], e.kind,
                                   concat(e.source, Text(
                                       " (subPath: not updated when the source changes)",
                                       " (subPath: 원본이 바뀌어도 갱신되지 않음)")),
                                   e.content, e.mode, e.resource, e.masked, e.read_only)
                       for e in entries if e.path == prefix or e.path.startswith(prefix + "/")]
            if not entries:
                entries = [MountedFile(base, "directory", Text(
                    f"subPath {sub} of volume {name}", f"볼륨 {name}의 subPath {sub}"))]
        out += entries
    return out


def simulate_environment(doc: Document, graph: WiringGraph, workload_id: str,
                         reveal: bool = False, cluster: SimCluster | None = None,
                         kube_version: str | None = None) -> PodEnvironment:
    """Environment variables and files of every container of one pod of the workload.

    Secret values are masked unless `reveal` is True (then shown base64-decoded).
    """
    res = doc.get(workload_id)
    cluster = cluster or SimCluster(doc)
    facts = pod_facts(res, cluster)
    spec = pod_spec(res) or {}
    templates = {str(as_mapping(t.get("metadata")).get("name"))
                 for t in as_list(res.spec.get("volumeClaimTemplates")) if isinstance(t, Mapping)}
    views = []
    for group in ("initContainers", "containers"):
        for container in as_list(spec.get(group)):
            if not isinstance(container, Mapping):
                continue
            env, skipped, problems = container_env(doc, graph, res, container, facts, reveal,
                                                   kube_version)
            files = _Files(doc, graph, res, facts, reveal)
            mounted = _mount_files(files, spec, container, templates)
            if spec.get("automountServiceAccountToken") is not False:
                account = facts.service_account
                mounted.append(MountedFile(
                    "/var/run/secrets/kubernetes.io/serviceaccount", "directory", Text(
                        f"token, ca.crt and namespace of ServiceAccount {account}, mounted "
                        "automatically",
                        f"서비스어카운트(ServiceAccount) {account}의 token, ca.crt, namespace "
                        "파일로, 자동으로 마운트됩니다"), None, "", None, False, True))
            views.append(ContainerView(str(container.get("name") or "?"),
                                       group == "initContainers", tuple(env), tuple(mounted),
                                       tuple(skipped + files.skipped),
                                       tuple(problems + files.problems)))
    edges = [e for e in graph.out_edges(workload_id) if e.type in (EdgeType.ENV, EdgeType.MOUNTS)]
    return PodEnvironment(workload_id, facts.name, facts, tuple(views),
                          Highlight(tuple(dict.fromkeys(
                              (workload_id, *(e.target for e in edges if e.target in doc)))),
                              tuple((e.source, e.target, e.key) for e in edges)))
