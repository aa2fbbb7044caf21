"""Connecting: wiring as edits of manifest fields (disconnecting and renaming: `rewiring`).

There is no edge the YAML does not contain. Dragging a wire from one resource to another asks
`connect_actions` which field edits would make that edge real, each described in words ("Service
web selects pods app=web, port 80 -> 8080"); the chosen one is an ordinary reversible edit.
`why_not` says why nothing fits. Disconnecting removes exactly the field that makes an edge;
renaming can update every reference; removing reports (and can clean) what referred to a resource.

Actions are computed for the pair in either drag direction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.edits import Compound, Edit, SetField
from kubecanvas.model.fields import FieldPath
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import (
    as_list,
    as_mapping,
    effective_namespace,
    get_path,
    kind_info,
    pod_template,
    pod_template_path,
    template_labels,
)
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, gwa_wa, i_ga
from kubecanvas.model.record import field, record
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import format_labels, own_selector
from kubecanvas.model.text import Text, a_an, kind_both, kind_term, resource_ko


@record
class WiringAction:
    """One way of joining two resources, as a field edit described in words.

    `description` is a `Text` (English, with the Korean the editor shows in Korean mode).
    `params` holds the choices a user may change before applying (a mount path, a URL path);
    `edit(**params)` builds a fresh edit with them.
    """

    description: str
    build: Callable[..., Edit] = field(repr=False)
    params: dict[str, Any] = field(default_factory=dict)
    #: The description with `{param}` slots, filled with the values actually chosen, so the
    #: undo step says "/var/lib/web" when the user changed the offered "/data".
    wording: Text | None = None

    def described(self, **overrides: Any) -> str:
        if self.wording is None:
            return self.description
        values = {**self.params, **overrides}
        return Text(self.wording.en.format(**values), self.wording.ko.format(**values))

    def edit(self, **overrides: Any) -> Edit:
        values = {**self.params, **overrides}
        made = self.build(**values)
        made.description = self.described(**overrides)
        return made


def _containers(res: Resource) -> list[Mapping[str, Any]]:
    template = pod_template(res)
    spec = template.get("spec") if template else None
    items = spec.get("containers") if isinstance(spec, Mapping) else None
    return [c for c in items if isinstance(c, Mapping)] if isinstance(items, list) else []


def _spec_path(res: Resource) -> FieldPath:
    tpath = pod_template_path(res)
    assert tpath is not None
    return (*tpath, "spec")


def _first_container_port(res: Resource) -> tuple[Any, Any]:
    """(name or None, number or None) of the first declared container port."""
    for container in _containers(res):
        for port in container.get("ports") or []:
            if isinstance(port, Mapping) and port.get("containerPort"):
                return port.get("name"), port.get("containerPort")
    return None, None


def _list_len(res: Resource, path: FieldPath) -> int:
    value = get_path(res.manifest, path)
    return len(value) if isinstance(value, list) else 0


def _free_volume_name(res: Resource, base: str) -> str:
    spec = as_mapping(get_path(res.manifest, _spec_path(res)))
    taken = {v.get("name") for v in as_list(spec.get("volumes")) if isinstance(v, Mapping)}
    name = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in base.lower())[:50] or "vol"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate


# --- selecting pods --------------------------------------------------------------------------
def _pod_labels_for(workload: Resource) -> tuple[dict[str, str], list[Edit]]:
    """Labels that identify the workload's pods, and the edits needed if it has none."""
    selector = own_selector(workload)
    labels = template_labels(workload)
    if selector is not None and selector.match_labels:
        wanted = dict(selector.match_labels)
        if all(labels.get(k) == v for k, v in wanted.items()):
            return wanted, []
    if labels:
        return labels, []
    wanted = {"app": workload.name}
    tpath = pod_template_path(workload)
    assert tpath is not None
    edits: list[Edit] = [SetField(workload.id, (*tpath, "metadata", "labels", "app"), workload.name)]
    info = kind_info(workload.kind)
    if info.selector is not None and info.selector_style == "label" and workload.kind != "Job":
        edits.append(SetField(workload.id, (*info.selector, "matchLabels", "app"), workload.name))
    return wanted, edits


def _service_selects(service: Resource, workload: Resource) -> WiringAction:
    labels, prep = _pod_labels_for(workload)
    edits = list(prep)
    text = f"Service {service.name} selects pods {format_labels(labels)}"
    notes_ko = []
    if service.spec.get("selector"):
        old = format_labels(service.spec["selector"])
        text += f" (replaces {old})"
        notes_ko.append(f"기존 셀렉터 {old} 대체")
    edits.append(SetField(service.id, ("spec", "selector"), labels))
    port_name, port_number = _first_container_port(workload)
    ports = ""
    if not service.spec.get("ports") and port_number:
        target = port_name or port_number
        port = {"name": "http" if not port_name else str(port_name)[:15], "port": 80,
                "targetPort": target}
        edits.append(SetField(service.id, ("spec", "ports"), [port]))
        ports = f"80 -> {target}"
    elif port_number and isinstance(service.spec.get("ports"), list):
        first = service.spec["ports"][0] if service.spec["ports"] else {}
        if isinstance(first, Mapping):
            ports = f"{first.get('port')} -> {first.get('targetPort', first.get('port'))}"
    if ports:
        text += f", port {ports}"
        notes_ko.append(f"포트 {ports}")
    ko = f"서비스 {service.name}{i_ga(service.name)} 레이블이 {format_labels(labels)}인 파드를 선택합니다"
    ko += f" ({', '.join(notes_ko)})" if notes_ko else ""
    return WiringAction(Text(text, ko), lambda: Compound(edits))


def _policy_selects(policy: Resource, workload: Resource) -> WiringAction:
    labels, prep = _pod_labels_for(workload)
    path: FieldPath = ("spec", "podSelector") if policy.kind == "NetworkPolicy" else (
        "spec", "selector")
    noun = "applies to" if policy.kind == "NetworkPolicy" else "protects"
    verb_ko = "에 적용됩니다" if policy.kind == "NetworkPolicy" else "를 보호합니다"
    text = Text(f"{policy.kind} {policy.name} {noun} pods {format_labels(labels)}",
                f"{kind_term(policy.kind)} {policy.name}{i_ga(policy.name)} 레이블이 {format_labels(labels)}인 "
                f"파드{verb_ko}")
    edits = [*prep, SetField(policy.id, path, {"matchLabels": labels})]
    return WiringAction(text, lambda: Compound(edits))


# --- Ingress ---------------------------------------------------------------------------------
def _ingress_routes(ingress: Resource, service: Resource) -> list[WiringAction]:
    ports = [p for p in as_list(service.spec.get("ports")) if isinstance(p, Mapping)]
    rules = as_list(ingress.spec.get("rules"))
    has_paths = any(isinstance(r, Mapping) and get_path(r, ("http", "paths")) for r in rules)
    default_path = f"/{service.name}" if has_paths else "/"
    actions = []
    for port in ports or [{"port": 80}]:
        port_ref = {"name": port["name"]} if port.get("name") else {"number": port.get("port")}
        shown = port.get("name") or port.get("port")

        def build(path: str = default_path, port_ref: dict[str, Any] = port_ref) -> Edit:
            backend = {"service": {"name": service.name, "port": port_ref}}
            entry = {"path": path, "pathType": "Prefix", "backend": backend}
            if not rules:
                return SetField(ingress.id, ("spec", "rules"), [{"http": {"paths": [entry]}}])
            index = _list_len(ingress, ("spec", "rules", 0, "http", "paths"))
            return SetField(ingress.id, ("spec", "rules", 0, "http", "paths", index), entry)

        actions.append(WiringAction(Text(
            f"Ingress {ingress.name} routes {default_path} to Service {service.name}:{shown}",
            f"인그레스 {ingress.name}{i_ga(ingress.name)} {default_path} 요청을 서비스 {service.name}:{shown}"
            f"{euro_ro(shown)} 보냅니다"), build, {"path": default_path}))
    if not ingress.spec.get("defaultBackend") and ports:
        port = ports[0]
        port_ref = {"name": port["name"]} if port.get("name") else {"number": port.get("port")}
        backend = {"service": {"name": service.name, "port": port_ref}}
        actions.append(WiringAction(Text(
            f"Ingress {ingress.name} sends unmatched requests to Service {service.name}",
            f"인그레스 {ingress.name}{i_ga(ingress.name)} 어느 규칙에도 맞지 않는 요청을 서비스 {service.name}"
            f"{euro_ro(service.name)} 보냅니다 (defaultBackend)"),
            lambda: SetField(ingress.id, ("spec", "defaultBackend"), backend)))
    return actions


def _ingress_tls(ingress: Resource, secret: Resource) -> WiringAction:
    hosts = [r.get("host") for r in ingress.spec.get("rules") or []
             if isinstance(r, Mapping) and r.get("host")]
    entry: dict[str, Any] = {"secretName": secret.name}
    if hosts:
        entry["hosts"] = hosts
    index = _list_len(ingress, ("spec", "tls"))
    return WiringAction(Text(f"Ingress {ingress.name} terminates TLS with Secret {secret.name}",
                             f"인그레스 {ingress.name}{i_ga(ingress.name)} 시크릿 {secret.name}의 인증서로 TLS를 "
                             "종료합니다"),
                        lambda: SetField(ingress.id, ("spec", "tls", index), entry))


# --- pods using things -----------------------------------------------------------------------
def _mount(workload: Resource, volume_source: dict[str, Any], vol_base: str,
           text: Text, default_path: str, read_only: bool = False) -> WiringAction:
    spec_path = _spec_path(workload)
    volume_name = _free_volume_name(workload, vol_base)

    def build(mount_path: str = default_path) -> Edit:
        vindex = _list_len(workload, (*spec_path, "volumes"))
        mount: dict[str, Any] = {"name": volume_name, "mountPath": mount_path}
        if read_only:
            mount["readOnly"] = True
        edits: list[Edit] = [SetField(workload.id, (*spec_path, "volumes", vindex),
                                      {"name": volume_name, **volume_source})]
        if _containers(workload):
            mindex = _list_len(workload, (*spec_path, "containers", 0, "volumeMounts"))
            edits.append(SetField(workload.id,
                                  (*spec_path, "containers", 0, "volumeMounts", mindex), mount))
        return Compound(edits)

    wording = Text(text.en.replace("{path}", "{mount_path}"), text.ko.replace("{path}", "{mount_path}"))
    action = WiringAction("", build, {"mount_path": default_path}, wording)
    action.description = action.described()
    return action


def _env_from(workload: Resource, kind: str, name: str) -> WiringAction:
    spec_path = _spec_path(workload)
    key = "configMapRef" if kind == "ConfigMap" else "secretRef"
    index = _list_len(workload, (*spec_path, "containers", 0, "envFrom"))
    container = _containers(workload)[0].get("name") if _containers(workload) else "?"
    return WiringAction(Text(
        f"{workload.kind} {workload.name} loads every key of {kind} {name} as environment "
        f"variables (container {container})",
        f"{kind_term(workload.kind)} {workload.name}{i_ga(workload.name)} {kind_term(kind)} {name}의 모든 키를 환경 "
        f"변수로 읽습니다 (envFrom, 컨테이너 {container})"),
        lambda: SetField(workload.id, (*spec_path, "containers", 0, "envFrom", index),
                         {key: {"name": name}}))


def _governed_by(sts: Resource, service: Resource) -> WiringAction:
    """A StatefulSet's governing Service, which must be headless for the pods' DNS names."""
    name = service.name
    edits: list[Edit] = [SetField(sts.id, ("spec", "serviceName"), name)]
    text = f"StatefulSet {sts.name} is governed by headless Service {name}"
    ko = f"헤드리스 서비스 {name}{i_ga(name)} 스테이트풀셋 {sts.name}{eul_reul(sts.name)} 관리합니다 (serviceName)"
    if service.spec.get("clusterIP") != "None":
        edits.append(SetField(service.id, ("spec", "clusterIP"), "None"))
        text += " (makes the Service headless)"
        ko += ". 서비스를 헤드리스(clusterIP: None)로 바꿉니다"
    return WiringAction(Text(text, ko), lambda: Compound(edits))


def _workload_uses(workload: Resource, target: Resource) -> list[WiringAction]:
    kind, name = target.kind, target.name
    who = f"{workload.kind} {workload.name}"
    who_ko = f"{kind_term(workload.kind)} {workload.name}{i_ga(workload.name)}"
    spec_path = _spec_path(workload)
    if kind == "PersistentVolumeClaim":
        return [_mount(workload, {"persistentVolumeClaim": {"claimName": name}}, name,
                       Text(f"{who} mounts claim {name} at {{path}}",
                            f"{who_ko} 퍼시스턴트볼륨클레임 {name}{eul_reul(name)} {{path}}에 마운트합니다"),
                       "/data")]
    if kind == "ConfigMap":
        actions = [_mount(workload, {"configMap": {"name": name}}, name,
                          Text(f"{who} mounts ConfigMap {name} as files at {{path}}",
                               f"{who_ko} 컨피그맵 {name}{eul_reul(name)} {{path}}에 파일로 마운트합니다"),
                          f"/etc/{name}", read_only=True)]
        if _containers(workload):
            actions.append(_env_from(workload, kind, name))
        return actions
    if kind == "Secret":
        actions = []
        if target.manifest.get("type") == "kubernetes.io/dockerconfigjson":
            index = _list_len(workload, (*spec_path, "imagePullSecrets"))
            actions.append(WiringAction(
                Text(f"{who} pulls images with Secret {name}",
                     f"{who_ko} 시크릿 {name}{euro_ro(name)} 이미지를 풀(pull)합니다 (imagePullSecrets)"),
                lambda: SetField(workload.id, (*spec_path, "imagePullSecrets", index),
                                 {"name": name})))
        actions.append(_mount(workload, {"secret": {"secretName": name}}, name,
                              Text(f"{who} mounts Secret {name} as files at {{path}}",
                                   f"{who_ko} 시크릿 {name}{eul_reul(name)} {{path}}에 파일로 마운트합니다"),
                              f"/etc/secrets/{name}", read_only=True))
        if _containers(workload):
            actions.append(_env_from(workload, kind, name))
        return actions
    if kind == "ServiceAccount":
        return [WiringAction(Text(f"{who} runs as ServiceAccount {name}",
                                  f"{who_ko} 서비스어카운트 {name}{euro_ro(name)} 실행됩니다"),
                             lambda: SetField(workload.id, (*spec_path, "serviceAccountName"),
                                              name))]
    if kind == "Service" and workload.kind == "StatefulSet":
        return [_governed_by(workload, target)]
    return []


# --- storage, scaling ------------------------------------------------------------------------
def _claim_binds(claim: Resource, volume: Resource) -> WiringAction:
    ns = effective_namespace(claim)
    edits: list[Edit] = [
        SetField(claim.id, ("spec", "volumeName"), volume.name),
        SetField(volume.id, ("spec", "claimRef"), {"namespace": ns, "name": claim.name}),
    ]
    pv_class = volume.spec.get("storageClassName")
    if claim.spec.get("storageClassName") != (pv_class or ""):
        edits.append(SetField(claim.id, ("spec", "storageClassName"), pv_class or ""))
    return WiringAction(Text(f"PVC {claim.name} binds to PV {volume.name} "
                             "(volumeName and claimRef)",
                             f"퍼시스턴트볼륨클레임 {claim.name}{eul_reul(claim.name)} 퍼시스턴트볼륨 {volume.name}에 "
                             "바인딩합니다 (volumeName과 claimRef)"),
                        lambda: Compound(edits))


def _set_class(res: Resource, cls: Resource) -> WiringAction:
    return WiringAction(Text(f"{res.kind} {res.name} uses StorageClass {cls.name}",
                             f"{kind_term(res.kind)} {res.name}{i_ga(res.name)} 스토리지클래스 {cls.name}{eul_reul(cls.name)} "
                             "사용합니다"),
                        lambda: SetField(res.id, ("spec", "storageClassName"), cls.name))


def _hpa_scales(hpa: Resource, target: Resource) -> WiringAction:
    ref = {"apiVersion": target.api_version, "kind": target.kind, "name": target.name}
    return WiringAction(Text(f"HorizontalPodAutoscaler {hpa.name} scales {target.kind} "
                             f"{target.name}",
                             f"수평 파드 오토스케일러 {hpa.name}{i_ga(hpa.name)} {kind_term(target.kind)} "
                             f"{target.name}의 레플리카 수를 조정합니다 (scaleTargetRef)"),
                        lambda: SetField(hpa.id, ("spec", "scaleTargetRef"), ref))


SCALABLE = frozenset({"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"})


def _directed(doc: Document, graph: WiringGraph, a: Resource,
              b: Resource) -> list[WiringAction]:
    """Actions where `a` is the resource whose fields change (or the one that refers)."""
    ka, kb = a.kind, b.kind
    if kind_info(ka).namespaced and kind_info(kb).namespaced and (
            effective_namespace(a) != effective_namespace(b)):
        return []
    b_has_pods = pod_template(b) is not None
    already_selects = any(e.target == b.id for e in graph.out_edges(a.id, EdgeType.SELECTS))
    if ka == "Service" and b_has_pods:
        return [] if already_selects else [_service_selects(a, b)]
    if ka in ("NetworkPolicy", "PodDisruptionBudget") and b_has_pods:
        return [] if already_selects else [_policy_selects(a, b)]
    if ka == "Ingress" and kb == "Service":
        return _ingress_routes(a, b)
    if ka == "Ingress" and kb == "Secret":
        return [_ingress_tls(a, b)]
    if ka == "Ingress" and kb == "IngressClass":
        return [WiringAction(Text(f"Ingress {a.name} is served by IngressClass {b.name}",
                                  f"인그레스클래스(IngressClass) {b.name}{i_ga(b.name)} 인그레스 {a.name}{eul_reul(a.name)} "
                                  "처리합니다"),
                             lambda: SetField(a.id, ("spec", "ingressClassName"), b.name))]
    if pod_template(a) is not None:
        return _workload_uses(a, b)
    if ka == "PersistentVolumeClaim" and kb == "PersistentVolume":
        return [_claim_binds(a, b)]
    if ka in ("PersistentVolumeClaim", "PersistentVolume") and kb == "StorageClass":
        return [_set_class(a, b)]
    if ka == "HorizontalPodAutoscaler" and kb in SCALABLE:
        return [_hpa_scales(a, b)]
    return []


def connect_actions(doc: Document, graph: WiringGraph, source_id: str,
                    target_id: str) -> list[WiringAction]:
    """Every wiring action that would join the two resources, in either direction."""
    if source_id == target_id or source_id not in doc or target_id not in doc:
        return []
    a, b = doc.get(source_id), doc.get(target_id)
    return _directed(doc, graph, a, b) + _directed(doc, graph, b, a)


def why_not(doc: Document, graph: WiringGraph, source_id: str, target_id: str) -> Text:
    """Why no wiring action joins the two resources (for the hover hint), in both languages."""
    if source_id == target_id:
        return Text("A resource cannot be wired to itself.", "리소스를 자기 자신에 연결할 수 없습니다.")
    a, b = doc.get(source_id), doc.get(target_id)
    a_ko = resource_ko(a.kind, a.namespace, a.name)
    b_ko = resource_ko(b.kind, b.namespace, b.name)
    if kind_info(a.kind).namespaced and kind_info(b.kind).namespaced and (
            effective_namespace(a) != effective_namespace(b)):
        return Text(f"{a.label()} and {b.label()} are in different namespaces; Kubernetes "
                    "references between them never cross namespaces.",
                    f"{a_ko}{gwa_wa(a_ko)} {b_ko}{eun_neun(b_ko)} 서로 다른 네임스페이스에 있습니다. 쿠버네티스의 "
                    "참조는 네임스페이스를 넘지 못합니다.")
    if any(e.target in (a.id, b.id) for e in graph.out_edges(a.id) + graph.out_edges(b.id)
           if e.source != e.target):
        return Text(f"{a.label()} and {b.label()} are already connected.",
                    f"{a_ko}{gwa_wa(a_ko)} {b_ko}{eun_neun(b_ko)} 이미 연결되어 있습니다.")
    return Text(f"{a_an(a.kind).capitalize()} {a.kind} and {a_an(b.kind)} {b.kind} have no field "
                "that refers from one to the other.",
                f"{kind_both(a.kind)}{gwa_wa(kind_both(a.kind))} {kind_both(b.kind)} 사이에는 한쪽이 다른 쪽을 "
                "가리키는 필드가 없습니다.")


# Disconnecting, renaming and removing live in `rewiring`; re-exported for callers of this module.
from kubecanvas.model.rewiring import (  # noqa: E402
    disconnect_edit,
    referrers,
    remove_edit,
    rename_edit,
)

__all__ = ["SCALABLE", "WiringAction", "connect_actions", "disconnect_edit", "referrers",
           "remove_edit", "rename_edit", "why_not"]
