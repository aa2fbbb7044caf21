"""The references one manifest makes to other resources, read from its own fields.

Everything here looks at a single resource; resolving a reference (or a selector) against the rest
of the document is the wiring graph's job. Each reference names the field path that makes it, so an
edge in the editor, a finding in the validator and a disconnect edit all point at the same field.
Labels are the manifest's own words (paths, ports, variable names); where the model supplies a
word of its own ('pull', 'tls', 'owner'...) the label is a `Text` from `EDGE_WORDS`, so the canvas
can draw it in Korean while every English comparison stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list
from kubecanvas.model.kinds import (
    as_mapping,
    effective_namespace,
    get_path,
    kind_info,
    pod_template_path,
    replicas,
)
from kubecanvas.model.record import field, record
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text


class EdgeType:
    """Edge types of the wiring graph: what the editor draws and the validator checks."""

    SELECTS = "selects"        # Service/NetworkPolicy/PDB/generic selector -> pods of a workload
    TEMPLATE = "template"      # a workload's selector matches its own pod template (self loop)
    ROUTES = "routes"          # Ingress rule or default backend -> Service (and port)
    TLS = "tls"                # Ingress TLS -> Secret
    CLASS = "class"            # Ingress -> IngressClass, PVC/PV -> StorageClass
    MOUNTS = "mounts"          # workload -> PVC/ConfigMap/Secret through a volume
    ENV = "env"                # workload -> ConfigMap/Secret through env or envFrom
    PULLS = "pulls"            # workload -> Secret through imagePullSecrets
    RUNS_AS = "runs-as"        # workload -> ServiceAccount
    GOVERNS = "governs"        # StatefulSet -> its governing (headless) Service
    CREATES = "creates"        # StatefulSet -> per-replica claims; CronJob -> its Job template
    BINDS = "binds"            # PVC -> PV
    RESERVES = "reserves"      # PV claimRef -> PVC
    SCALES = "scales"          # HPA -> scale target
    OWNED_BY = "owned-by"      # ownerReferences -> owner
    # drawn only on their layers (`model.layers`)
    ROLE_REF = "role-ref"      # RoleBinding/ClusterRoleBinding roleRef -> Role/ClusterRole
    SUBJECT = "subject"        # RoleBinding/ClusterRoleBinding subject -> ServiceAccount
    TRAFFIC = "traffic"        # NetworkPolicy: an allowed peer -> the pods it may reach
    REFERS = "refers"          # a custom resource's mapped field -> what it names (`custom_kinds`)

    ALL = (SELECTS, TEMPLATE, ROUTES, TLS, CLASS, MOUNTS, ENV, PULLS, RUNS_AS, GOVERNS, CREATES,
           BINDS, RESERVES, SCALES, OWNED_BY, ROLE_REF, SUBJECT, TRAFFIC, REFERS)


@record(frozen=True)
class Reference:
    """A reference by name from one resource to another.

    Attributes:
        type: an EdgeType.
        path: field path of the name inside the manifest (the value that makes the edge).
        kind: the kind referred to.
        name: the name referred to.
        namespace: the namespace it is looked up in ('' for cluster-scoped targets).
        label: short text for the edge ('/data', '80', '/api -> 8080').
        optional: True when the API allows the target to be missing (`optional: true`).
        detail: extra facts the validator needs (keys used, port, container name...).
    """

    type: str
    path: FieldPath
    kind: str
    name: str
    namespace: str
    label: str = ""
    optional: bool = False
    detail: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def field(self) -> str:
        return format_path(self.path)

    def get(self, key: str, default: Any = None) -> Any:
        for k, v in self.detail:
            if k == key:
                return v
        return default


def format_path(path: FieldPath) -> str:
    """`('spec', 'containers', 0, 'image')` -> `spec.containers[0].image`."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


#: The edge labels that are the model's own words, by their English text. The graph's own
#: "binds" (the PV controller's match) is here too, so the editor can look up plain labels.
EDGE_WORDS: dict[str, Text] = {word.en: word for word in (
    Text("binds", "바인딩"), Text("governs", "관리"), Text("scales", "스케일링"),
    Text("envFrom", "환경 변수 (envFrom)"), Text("pull", "이미지 풀"), Text("tls", "TLS 인증서"),
    Text("owner", "소유자"), Text("default", "기본 백엔드"),
    Text("volumeName", "바인딩 (volumeName)"), Text("claimRef", "예약 (claimRef)"),
    Text("jobTemplate", "잡 템플릿 (jobTemplate)"))}


def edge_word(english: str) -> Text:
    """The bilingual label for one of the model's own edge words (`EDGE_WORDS`)."""
    return EDGE_WORDS[english]


def _route_label(label: str, port_value: Any) -> str:
    """'<path label> -> <port>', in both languages when the path label is a `Text`."""
    if not label or port_value is None:
        return label or _str(port_value)
    if isinstance(label, Text):
        return Text(f"{label.en} -> {port_value}", f"{label.ko} -> {port_value}")
    return f"{label} -> {port_value}"


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))



def _keys_of(items: Any) -> tuple[str, ...]:
    return tuple(_str(i.get("key")) for i in as_list(items) if isinstance(i, Mapping))


def _mount_paths(spec: Mapping[str, Any], volume: str) -> list[str]:
    paths = []
    for group in ("initContainers", "containers"):
        for container in as_list(spec.get(group)):
            if not isinstance(container, Mapping):
                continue
            for mount in as_list(container.get("volumeMounts")):
                if isinstance(mount, Mapping) and mount.get("name") == volume:
                    paths.append(_str(mount.get("mountPath")))
    return paths


def _volume_refs(spec: Mapping[str, Any], base: FieldPath, ns: str) -> Iterator[Reference]:
    for i, vol in enumerate(as_list(spec.get("volumes"))):
        if not isinstance(vol, Mapping):
            continue
        vbase = (*base, "volumes", i)
        label = ", ".join(p for p in _mount_paths(spec, _str(vol.get("name"))) if p)
        pvc = vol.get("persistentVolumeClaim")
        if isinstance(pvc, Mapping) and pvc.get("claimName"):
            yield Reference(EdgeType.MOUNTS, (*vbase, "persistentVolumeClaim", "claimName"),
                            "PersistentVolumeClaim", _str(pvc["claimName"]), ns, label,
                            detail=(("volume", _str(vol.get("name"))),
                                    ("readOnly", bool(pvc.get("readOnly")))))
        cm = vol.get("configMap")
        if isinstance(cm, Mapping) and cm.get("name"):
            yield Reference(EdgeType.MOUNTS, (*vbase, "configMap", "name"), "ConfigMap",
                            _str(cm["name"]), ns, label, bool(cm.get("optional")),
                            (("volume", _str(vol.get("name"))), ("keys", _keys_of(cm.get("items")))))
        secret = vol.get("secret")
        if isinstance(secret, Mapping) and secret.get("secretName"):
            yield Reference(EdgeType.MOUNTS, (*vbase, "secret", "secretName"), "Secret",
                            _str(secret["secretName"]), ns, label, bool(secret.get("optional")),
                            (("volume", _str(vol.get("name"))),
                             ("keys", _keys_of(secret.get("items")))))
        projected = vol.get("projected")
        if isinstance(projected, Mapping):
            for j, source in enumerate(as_list(projected.get("sources"))):
                if not isinstance(source, Mapping):
                    continue
                for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                    ref = source.get(key)
                    if isinstance(ref, Mapping) and ref.get("name"):
                        yield Reference(
                            EdgeType.MOUNTS, (*vbase, "projected", "sources", j, key, "name"),
                            kind, _str(ref["name"]), ns, label, bool(ref.get("optional")),
                            (("volume", _str(vol.get("name"))),
                             ("keys", _keys_of(ref.get("items")))))


def _env_refs(spec: Mapping[str, Any], base: FieldPath, ns: str) -> Iterator[Reference]:
    for group in ("initContainers", "containers", "ephemeralContainers"):
        for c, container in enumerate(as_list(spec.get(group))):
            if not isinstance(container, Mapping):
                continue
            cbase = (*base, group, c)
            cname = _str(container.get("name"))
            for e, env in enumerate(as_list(container.get("env"))):
                value_from = env.get("valueFrom") if isinstance(env, Mapping) else None
                if not isinstance(value_from, Mapping):
                    continue
                for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    ref = value_from.get(key)
                    if isinstance(ref, Mapping) and ref.get("name"):
                        yield Reference(
                            EdgeType.ENV, (*cbase, "env", e, "valueFrom", key, "name"), kind,
                            _str(ref["name"]), ns, _str(env.get("name")), bool(ref.get("optional")),
                            (("keys", (_str(ref.get("key")),)), ("container", cname)))
            for e, env_from in enumerate(as_list(container.get("envFrom"))):
                if not isinstance(env_from, Mapping):
                    continue
                for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                    ref = env_from.get(key)
                    if isinstance(ref, Mapping) and ref.get("name"):
                        yield Reference(
                            EdgeType.ENV, (*cbase, "envFrom", e, key, "name"), kind,
                            _str(ref["name"]), ns, edge_word("envFrom"),
                            bool(ref.get("optional")),
                            (("keys", ()), ("container", cname)))


def pod_spec_references(spec: Mapping[str, Any], base: FieldPath, ns: str) -> Iterator[Reference]:
    """References made by a pod spec found at `base` (volumes, env, pull secrets, account)."""
    yield from _volume_refs(spec, base, ns)
    yield from _env_refs(spec, base, ns)
    for i, secret in enumerate(as_list(spec.get("imagePullSecrets"))):
        if isinstance(secret, Mapping) and secret.get("name"):
            yield Reference(EdgeType.PULLS, (*base, "imagePullSecrets", i, "name"), "Secret",
                            _str(secret["name"]), ns, edge_word("pull"))
    for key in ("serviceAccountName", "serviceAccount"):
        account = spec.get(key)
        if account and account != "default":
            yield Reference(EdgeType.RUNS_AS, (*base, key), "ServiceAccount", _str(account), ns)
            break


def _backend_ref(backend: Any, path: FieldPath, ns: str, label: str) -> Reference | None:
    if not isinstance(backend, Mapping):
        return None
    service = backend.get("service")
    if isinstance(service, Mapping) and service.get("name"):
        port = as_mapping(service.get("port"))
        port_value = port.get("number", port.get("name"))
        text = _route_label(label, port_value)
        return Reference(EdgeType.ROUTES, (*path, "service", "name"), "Service",
                         _str(service["name"]), ns, text,
                         detail=(("port", port_value), ("path_label", label)))
    if backend.get("serviceName"):  # extensions/v1beta1 and networking.k8s.io/v1beta1
        port_value = backend.get("servicePort")
        return Reference(EdgeType.ROUTES, (*path, "serviceName"), "Service",
                         _str(backend["serviceName"]), ns,
                         _route_label(label, port_value) if label else _str(port_value),
                         detail=(("port", port_value), ("path_label", label)))
    return None


def _ingress_refs(res: Resource, ns: str) -> Iterator[Reference]:
    spec = res.spec
    cls = spec.get("ingressClassName")
    if cls:
        yield Reference(EdgeType.CLASS, ("spec", "ingressClassName"), "IngressClass", _str(cls), "")
    for key in ("defaultBackend", "backend"):
        ref = _backend_ref(spec.get(key), ("spec", key), ns, edge_word("default"))
        if ref:
            yield ref
    for r, rule in enumerate(as_list(spec.get("rules"))):
        if not isinstance(rule, Mapping) or not isinstance(rule.get("http"), Mapping):
            continue
        host = _str(rule.get("host"))
        for p, path in enumerate(as_list(rule["http"].get("paths"))):
            if not isinstance(path, Mapping):
                continue
            label = f"{host}{_str(path.get('path')) or '/'}"
            ref = _backend_ref(path.get("backend"),
                               ("spec", "rules", r, "http", "paths", p, "backend"), ns, label)
            if ref:
                yield ref
    for t, tls in enumerate(as_list(spec.get("tls"))):
        if isinstance(tls, Mapping) and tls.get("secretName"):
            yield Reference(EdgeType.TLS, ("spec", "tls", t, "secretName"), "Secret",
                            _str(tls["secretName"]), ns, edge_word("tls"))


def _claim_class(claim_spec: Mapping[str, Any], path: FieldPath) -> Iterator[Reference]:
    cls = claim_spec.get("storageClassName")
    if cls:
        yield Reference(EdgeType.CLASS, (*path, "storageClassName"), "StorageClass", _str(cls), "")


def statefulset_claim_names(res: Resource) -> list[tuple[int, str, str]]:
    """(template index, template name, claim name) of every claim a StatefulSet creates:
    `<template>-<statefulset>-<ordinal>` for each replica."""
    names = []
    for t, tpl in enumerate(as_list(get_path(res.manifest, ("spec", "volumeClaimTemplates")))):
        tname = _str(get_path(tpl, ("metadata", "name")))
        if not tname:
            continue
        for ordinal in range(replicas(res)):
            names.append((t, tname, f"{tname}-{res.name}-{ordinal}"))
    return names


def references(res: Resource) -> list[Reference]:
    """Every by-name reference the resource makes, in manifest order."""
    ns = effective_namespace(res)
    kind = res.kind
    out: list[Reference] = []
    tpath = pod_template_path(res)
    if tpath is not None:
        spec = get_path(res.manifest, (*tpath, "spec"))
        if isinstance(spec, Mapping):
            refs = pod_spec_references(spec, (*tpath, "spec"), ns)
            if kind == "StatefulSet":
                # a template volume named like a volumeClaimTemplate is replaced by that claim
                claimed = {t for _, t, _ in statefulset_claim_names(res)}
                refs = (r for r in refs if r.get("volume") not in claimed)
            out.extend(refs)
    if kind == "StatefulSet":
        service = res.spec.get("serviceName")
        if service:
            out.append(Reference(EdgeType.GOVERNS, ("spec", "serviceName"), "Service",
                                 _str(service), ns, edge_word("governs")))
        for t, tpl in enumerate(as_list(res.spec.get("volumeClaimTemplates"))):
            spec = get_path(tpl, ("spec",))
            if isinstance(spec, Mapping):
                out.extend(_claim_class(spec, ("spec", "volumeClaimTemplates", t, "spec")))
        for t, _tname, claim in statefulset_claim_names(res):
            out.append(Reference(EdgeType.CREATES,
                                 ("spec", "volumeClaimTemplates", t, "metadata", "name"),
                                 "PersistentVolumeClaim", claim, ns, claim,
                                 detail=(("generated", True), ("template", t))))
    elif kind == "CronJob":
        if isinstance(res.spec.get("jobTemplate"), Mapping):
            label = _str(res.spec.get("schedule")) or edge_word("jobTemplate")
            out.append(Reference(EdgeType.CREATES, ("spec", "jobTemplate"), "Job",
                                 f"{res.name}-<scheduled>", ns, label,
                                 detail=(("generated", True),)))
    elif kind == "Ingress":
        out.extend(_ingress_refs(res, ns))
    elif kind == "PersistentVolumeClaim":
        out.extend(_claim_class(res.spec, ("spec",)))
        volume = res.spec.get("volumeName")
        if volume:
            out.append(Reference(EdgeType.BINDS, ("spec", "volumeName"), "PersistentVolume",
                                 _str(volume), "", edge_word("volumeName")))
    elif kind == "PersistentVolume":
        out.extend(_claim_class(res.spec, ("spec",)))
        claim_ref = res.spec.get("claimRef")
        if isinstance(claim_ref, Mapping) and claim_ref.get("name"):
            out.append(Reference(EdgeType.RESERVES, ("spec", "claimRef", "name"),
                                 "PersistentVolumeClaim", _str(claim_ref["name"]),
                                 # drawn to the claim it was meant for; without a namespace
                                 # it binds nothing (binding.py, pv.claimRef.namespace)
                                 _str(claim_ref.get("namespace")) or "default",
                                 edge_word("claimRef")))
    elif kind == "HorizontalPodAutoscaler":
        target = res.spec.get("scaleTargetRef")
        if isinstance(target, Mapping) and target.get("name") and target.get("kind"):
            out.append(Reference(EdgeType.SCALES, ("spec", "scaleTargetRef", "name"),
                                 _str(target["kind"]), _str(target["name"]), ns,
                                 edge_word("scales")))
    for i, owner in enumerate(as_list(res.metadata.get("ownerReferences"))):
        if isinstance(owner, Mapping) and owner.get("kind") and owner.get("name"):
            owner_kind = _str(owner["kind"])
            owner_ns = ns if kind_info(owner_kind).namespaced else ""
            out.append(Reference(EdgeType.OWNED_BY, ("metadata", "ownerReferences", i, "name"),
                                 owner_kind, _str(owner["name"]), owner_ns, edge_word("owner")))
    return out
