"""The environment variables each container of a pod would see.

Order and precedence follow the kubelet: `envFrom` sources first, in order (a later source
overrides an earlier one), then `env` entries, which override anything from `envFrom`. A key that
is not a valid variable name is skipped (the kubelet records an event instead of failing). A
reference to a missing ConfigMap, Secret or key stops the container from starting unless the
reference is `optional: true`, in which case it is simply left out. `$(VAR)` in a `value` expands
to a variable defined earlier in the same container (`$$` escapes it). Secret values are masked
unless the caller reveals them, and then shown decoded: Secret `data` is only base64, anyone who
can read the Secret can read the value.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, pod_spec, pod_template
from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import SimCluster, SimPod, safe_hash
from kubecanvas.teaching.text import Text, kind_ko
from kubecanvas.validation.predicates import env_name
from kubecanvas.validation.versions import normalize_version, version_tuple

MASK = "••••••"
_VAR = re.compile(r"\$\$|\$\(([^)]*)\)")
_SUBSCRIPT = re.compile(r"^metadata\.(labels|annotations)\['([^']*)'\]$")


@dataclass(frozen=True)
class EnvVar:
    """One variable as the container sees it.

    Attributes:
        name: the variable name.
        value: its value; MASK for a masked Secret value; None when only the cluster knows it.
        source: where it comes from, in words (a `Text`: `ConfigMap app-config, key LOG_LEVEL`).
        resource: id of the ConfigMap or Secret it was read from, if any.
        masked: True while a Secret value is hidden.
    """

    name: str
    value: str | None
    source: str
    resource: str | None = None
    masked: bool = False


@dataclass(frozen=True)
class PodFacts:
    """What the Downward API can tell a pod about itself (simulated where the cluster decides)."""

    name: str
    namespace: str
    uid: str
    node: str
    ip: str
    host_ip: str
    service_account: str
    labels: Mapping[str, str]
    annotations: Mapping[str, str]


def pod_facts(res: Resource, cluster: SimCluster) -> PodFacts:
    """The facts of the workload's first simulated pod (a CronJob's is made up the same way)."""
    pods = cluster.pods_of(res.id)
    template = pod_template(res) or {}
    meta = as_mapping(template.get("metadata"))
    spec = pod_spec(res) or {}
    if pods:
        pod = pods[0]
    else:
        name = f"{res.name}-29000000-{safe_hash(res.name, 5)}"
        pod = SimPod(name, res.id, effective_namespace(res), "node-1", 1, "10.244.1.250", {})
    labels = dict(pod.labels) or {str(k): str(v) for k, v in
                                  as_mapping(meta.get("labels")).items()}
    annotations = {str(k): str(v) for k, v in as_mapping(meta.get("annotations")).items()}
    digest = safe_hash(pod.name, 32)
    uid = "-".join((digest[:8], digest[8:12], digest[12:16], digest[16:20], digest[20:32]))
    return PodFacts(pod.name, pod.namespace, uid, pod.node, pod.ip,
                    f"192.168.0.{pod.node_index + 10}",
                    str(spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"),
                    labels, annotations)


def labels_file(values: Mapping[str, str]) -> str:
    """How a downwardAPI volume writes labels or annotations: `key="value"` lines, sorted."""
    return "\n".join(f'{k}="{v}"' for k, v in sorted(values.items()))


def field_value(facts: PodFacts, path: str) -> str | None:
    """The value of a Downward API `fieldRef.fieldPath`; None for unsupported paths."""
    simple = {"metadata.name": facts.name, "metadata.namespace": facts.namespace,
              "metadata.uid": facts.uid, "spec.nodeName": facts.node,
              "spec.serviceAccountName": facts.service_account, "status.hostIP": facts.host_ip,
              "status.hostIPs": facts.host_ip, "status.podIP": facts.ip, "status.podIPs": facts.ip,
              "metadata.labels": labels_file(facts.labels),
              "metadata.annotations": labels_file(facts.annotations)}
    if path in simple:
        return simple[path]
    match = _SUBSCRIPT.match(path)
    if match:
        source = facts.labels if match.group(1) == "labels" else facts.annotations
        return source.get(match.group(2), "")
    return None


def resource_value(containers: list[Mapping[str, Any]], default_container: str,
                   ref: Mapping[str, Any]) -> tuple[str | None, Text]:
    """(value, note) of a `resourceFieldRef`: the quantity divided by `divisor`, rounded up.

    Unset limits fall back to the node's allocatable amount, which only the cluster knows.
    """
    cname = str(ref.get("containerName") or default_container)
    container = next((c for c in containers if c.get("name") == cname), None)
    resource = str(ref.get("resource") or "")
    if container is None:
        return None, Text(f"no container named {cname}", f"이름이 {cname}인 컨테이너가 없습니다")
    kind, _, what = resource.partition(".")
    res = as_mapping(container.get("resources"))
    amount = try_quantity(as_mapping(res.get(kind)).get(what))
    if amount is None and kind == "requests":
        amount = try_quantity(as_mapping(res.get("limits")).get(what))
    divisor = try_quantity(ref.get("divisor", "1")) or 1
    if amount is None:
        if kind == "requests":
            return "0", Text(f"{resource} is not set (0, rounded up to 1 for cpu)",
                             f"{resource} 설정 안 됨(0, cpu는 1로 올림)")
        return None, Text(f"{resource} is not set: the node's allocatable {what} is used",
                          f"{resource} 설정 안 됨: 노드의 할당 가능한(allocatable) {what} 값을 "
                          "씁니다")
    divided = ref.get("divisor", "1")
    return str(math.ceil(amount / divisor)), Text(f"{resource} of container {cname} / {divided}",
                                                  f"컨테이너 {cname}의 {resource} / {divided}")


def secret_text(raw: Any, from_string_data: bool) -> str:
    """A Secret value as the container sees it: `data` is base64-decoded, `stringData` is not.

    A value that is not base64 comes back as a `Text` saying so.
    """
    if from_string_data:
        return str(raw)
    try:
        return base64.b64decode(str(raw), validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError):
        return Text("(not valid base64: the API server rejects this Secret)",
                    "(올바른 base64가 아닙니다: API 서버가 이 시크릿을 거부합니다)")


def plain(raw: Any) -> str:
    """A ConfigMap value as text, keeping a `Text` placeholder (binary data) bilingual."""
    return raw if isinstance(raw, Text) else str(raw)


def source_data(doc: Document, graph: WiringGraph, kind: str, namespace: str,
                name: str) -> tuple[str | None, dict[str, tuple[Any, bool, bool]]]:
    """(id, key -> (raw value, is plain text, is binary)) of a ConfigMap or Secret; (None, {})
    if missing.

    For a Secret, `stringData` wins over `data` for the same key, as the API server merges them.
    """
    found = graph.lookup(kind, namespace, name)
    if not found:
        return None, {}
    manifest = doc.get(found[0]).manifest
    values: dict[str, tuple[Any, bool, bool]] = {}
    if kind == "ConfigMap":
        values.update({str(k): (v, True, False)
                       for k, v in as_mapping(manifest.get("data")).items()})
        values.update({str(k): (Text(f"(binary, {len(str(v)) * 3 // 4} bytes)",
                                     f"(바이너리, {len(str(v)) * 3 // 4}바이트)"), True, True)
                       for k, v in as_mapping(manifest.get("binaryData")).items()})
    else:
        values.update({str(k): (v, False, False)
                       for k, v in as_mapping(manifest.get("data")).items()})
        values.update({str(k): (v, True, False)
                       for k, v in as_mapping(manifest.get("stringData")).items()})
    return found[0], values


class _EnvBuilder:
    """Collects one container's variables in kubelet order."""

    def __init__(self, doc: Document, graph: WiringGraph, namespace: str, reveal: bool,
                 relaxed: bool) -> None:
        self.doc, self.graph, self.ns = doc, graph, namespace
        self.reveal, self.relaxed = reveal, relaxed
        self.vars: dict[str, EnvVar] = {}
        self.skipped: list[Text] = []
        self.problems: list[Text] = []

    def value(self, kind: str, raw: Any, from_string_data: bool) -> tuple[str, bool]:
        if kind == "ConfigMap":
            return plain(raw), False
        if not self.reveal:
            return MASK, True
        return secret_text(raw, from_string_data), False

    def env_from(self, entry: Mapping[str, Any]) -> None:
        for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = as_mapping(entry.get(key))
            if not ref:
                continue
            name, prefix = str(ref.get("name") or ""), str(entry.get("prefix") or "")
            rid, data = source_data(self.doc, self.graph, kind, self.ns, name)
            if rid is None:
                self._missing(kind, name, bool(ref.get("optional")), "envFrom")
                continue
            for data_key, (raw, plain, binary) in data.items():
                if binary:
                    continue  # envFrom reads only a ConfigMap's data, never binaryData
                var = prefix + data_key
                if env_name(var, self.relaxed):
                    self.skipped.append(Text(
                        f"{kind} {name} key {data_key!r}: {var!r} is not a valid variable name, "
                        "so the kubelet skips it",
                        f"{kind_ko(kind)} {name}의 키 {data_key!r}: {var!r}{eun_neun(repr(var))} 올바른 변수 "
                        "이름이 아니어서 kubelet이 건너뜁니다"))
                    continue
                value, masked = self.value(kind, raw, plain)
                self.vars[var] = EnvVar(var, value, Text(
                    f"{kind} {name} (envFrom), key {data_key}",
                    f"{kind_ko(kind)} {name} (envFrom), 키 {data_key}"), rid, masked)

    def env(self, entry: Mapping[str, Any], containers: list[Mapping[str, Any]],
            container: str, facts: PodFacts) -> None:
        name = str(entry.get("name") or "")
        source = as_mapping(entry.get("valueFrom"))
        if not source:
            value = self._expand(str(entry.get("value") or ""))
            self.vars[name] = EnvVar(name, value, Text("value", "value 필드에 쓴 값"))
            return
        for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
            ref = as_mapping(source.get(key))
            if ref:
                self._key_ref(name, kind, ref)
                return
        field = as_mapping(source.get("fieldRef"))
        if field:
            path = str(field.get("fieldPath") or "")
            self.vars[name] = EnvVar(name, field_value(facts, path),
                                     Text(f"Downward API fieldRef {path}",
                                          f"다운워드(Downward) API fieldRef {path}"))
            return
        resource = as_mapping(source.get("resourceFieldRef"))
        if resource:
            amount, note = resource_value(containers, container, resource)
            self.vars[name] = EnvVar(name, amount,
                                     Text(f"Downward API resourceFieldRef: {note}",
                                          f"다운워드(Downward) API resourceFieldRef: {note.ko}"))

    def _key_ref(self, name: str, kind: str, ref: Mapping[str, Any]) -> None:
        source_name, key = str(ref.get("name") or ""), str(ref.get("key") or "")
        optional = bool(ref.get("optional"))
        rid, data = source_data(self.doc, self.graph, kind, self.ns, source_name)
        if rid is None:
            self._missing(kind, source_name, optional, f"env {name}")
            return
        if key not in data:
            where_ko = f"{kind_ko(kind)} {source_name}"
            if optional:
                self.skipped.append(Text(
                    f"env {name}: optional key {key!r} is not in {kind} {source_name}, so the "
                    "variable is left out",
                    f"env {name}: {where_ko}에 선택적(optional) 키 {key!r}{i_ga(repr(key))} 없어서 이 변수는 "
                    "빠집니다"))
            else:
                self.problems.append(Text(
                    f"env {name}: key {key!r} is not in {kind} {source_name}; the container "
                    "does not start (CreateContainerConfigError)",
                    f"env {name}: {where_ko}에 키 {key!r}{i_ga(repr(key))} 없습니다. 컨테이너가 시작되지 "
                    "않습니다(CreateContainerConfigError)"))
            return
        raw, plain, _binary = data[key]
        value, masked = self.value(kind, raw, plain)
        self.vars[name] = EnvVar(name, value, Text(f"{kind} {source_name}, key {key}",
                                                   f"{kind_ko(kind)} {source_name}, 키 {key}"),
                                 rid, masked)

    def _missing(self, kind: str, name: str, optional: bool, where: str) -> None:
        if optional:
            self.skipped.append(Text(f"{where}: optional {kind} {name} does not exist, so it is "
                                     "skipped",
                                     f"{where}: 선택적(optional) {kind_ko(kind)} {name}{i_ga(name)} "
                                     "없어서 건너뜁니다"))
        else:
            self.problems.append(Text(f"{where}: {kind} {name} does not exist; the container "
                                      "does not start (CreateContainerConfigError)",
                                      f"{where}: {kind_ko(kind)} {name}{i_ga(name)} 없습니다. 컨테이너가 "
                                      "시작되지 않습니다(CreateContainerConfigError)"))

    def _expand(self, text: str) -> str:
        def repl(match: re.Match[str]) -> str:
            if match.group(0) == "$$":
                return "$"
            var = self.vars.get(match.group(1))
            if var is None or var.value is None or var.masked:
                return match.group(0)
            return var.value
        return _VAR.sub(repl, text)


def container_env(doc: Document, graph: WiringGraph, res: Resource, container: Mapping[str, Any],
                  facts: PodFacts, reveal: bool = False,
                  kube_version: str | None = None) -> tuple[list[EnvVar], list[Text], list[Text]]:
    """(variables, skipped, problems) for one container of the workload's pods."""
    version = normalize_version(kube_version or doc.settings.kube_version)
    builder = _EnvBuilder(doc, graph, effective_namespace(res), reveal,
                          version_tuple(version) >= (1, 32))
    spec = pod_spec(res) or {}
    containers = [c for g in ("initContainers", "containers") for c in as_list(spec.get(g))
                  if isinstance(c, Mapping)]
    for entry in as_list(container.get("envFrom")):
        if isinstance(entry, Mapping):
            builder.env_from(entry)
    for entry in as_list(container.get("env")):
        if isinstance(entry, Mapping) and entry.get("name"):
            builder.env(entry, containers, str(container.get("name") or ""), facts)
    return list(builder.vars.values()), builder.skipped, builder.problems
