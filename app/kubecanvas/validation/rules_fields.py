"""The remaining single-object format rules of catalogue sections 1 and 10-13: generateName,
finalizers and ownerReferences of every object; Service fields the API server ignores with a
warning, and Services that manage no endpoints; Ingress paths, backend names, resource backends
and TLS secret names; ConfigMap binaryData; TLS Secrets whose content is not PEM.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import DELETE, FieldPath, as_list, as_mapping
from kubecanvas.model.kinds import effective_namespace, is_known
from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, invalid_value
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.rule import INFO, E, Rule, RuleId, W
from kubecanvas.validation.rules_meta import name_rule

# --- the rule ids this module reports ------------------------------------------------------------
META_GENERATE_NAME_FORMAT = RuleId("meta.generateName.format")
META_FINALIZERS = RuleId("meta.finalizers")
META_OWNER_REFERENCES = RuleId("meta.ownerReferences")
SVC_EXTERNAL_NAME_IGNORED = RuleId("svc.externalName.ignored")
ING_RULE_HTTP_PATHS = RuleId("ing.rule.http.paths")
ING_BACKEND_SERVICE_NAME = RuleId("ing.backend.service.name")
ING_BACKEND_RESOURCE = RuleId("ing.backend.resource")
ING_TLS_SECRET_NAME = RuleId("ing.tls.secretName")
CM_BINARY_DATA_BASE64 = RuleId("cm.binaryData.base64")
WIRE_SVC_SELECTOR_NONE = RuleId("wire.svc.selector.none")
WIRE_SECRET_TLS_PEM = RuleId("wire.secret.tls.pem")

STANDARD_FINALIZERS = frozenset({"kubernetes", "orphan", "foregroundDeletion"})
OWNER_FIELDS = ("apiVersion", "kind", "name", "uid")
SERVICE_NAME_LABEL = "kubernetes.io/service-name"




def object_meta(ctx: Context) -> Iterator[Finding]:
    """`meta.generateName.format`, `meta.finalizers`, `meta.ownerReferences`."""
    for res in ctx.targets():
        meta = res.metadata
        generate = meta.get("generateName")
        rule = name_rule(res.kind)
        if isinstance(generate, str) and generate and rule:
            # the API server masks a trailing dash ("web-" is checked as "wea")
            masked = generate[:-2] + "a" if len(generate) > 1 and generate.endswith("-") \
                else generate
            errors = rule[1](masked)
            if errors:
                yield ctx.report(META_GENERATE_NAME_FORMAT, res, Text(
                    f'invalid value "{generate}": {res.kind} names must be a {rule[0]}: '
                    f"{errors[0]}",
                    f'잘못된 값 "{generate}": {kind_both(res.kind)} 이름은 {rule[0]}이어야 합니다: '
                    f"{errors[0]}"),
                                 ("metadata", "generateName"))
        yield from _finalizers(ctx, res, as_list(meta.get("finalizers")))
        yield from _owners(ctx, res, as_list(meta.get("ownerReferences")))


def _finalizers(ctx: Context, res: Resource, finalizers: list[Any]) -> Iterator[Finding]:
    for i, name in enumerate(finalizers):
        if not isinstance(name, str):
            continue
        errors = p.qualified_name(name)
        if not errors and "/" not in name and is_known(res.kind) and \
                name not in STANDARD_FINALIZERS:
            errors = ["name is neither a standard finalizer name nor is it fully qualified "
                      "(use example.com/" + name + ")"]
        if errors:
            yield ctx.report(META_FINALIZERS, res, invalid_value(name, errors[0]),
                             ("metadata", "finalizers", i))
    if {"orphan", "foregroundDeletion"} <= set(finalizers):
        yield ctx.report(META_FINALIZERS, res, Text(
            "finalizers orphan and foregroundDeletion cannot be both set",
            "파이널라이저 orphan과 foregroundDeletion은 함께 설정할 수 없습니다"),
            ("metadata", "finalizers"))


def _owners(ctx: Context, res: Resource, owners: list[Any]) -> Iterator[Finding]:
    controllers = 0
    for i, owner in enumerate(owners):
        owner = as_mapping(owner)
        for field in OWNER_FIELDS:
            if not owner.get(field):
                yield ctx.report(META_OWNER_REFERENCES, res, Text(
                    f"required value: {field} must not be empty",
                    f"필수 값: {field}{eun_neun(field)} 비어 있으면 안 됩니다"),
                    ("metadata", "ownerReferences", i, field))
        controllers += owner.get("controller") is True
    if controllers > 1:
        yield ctx.report(META_OWNER_REFERENCES, res, Text(
            "Only one reference can have Controller set to true",
            "Controller가 true인 참조는 하나만 있을 수 있습니다"), ("metadata", "ownerReferences"))


def services(ctx: Context) -> Iterator[Finding]:
    """`svc.externalName.ignored` and `wire.svc.selector.none`."""
    for res in ctx.targets("Service"):
        spec = res.spec
        kind = spec.get("type") or "ClusterIP"
        if kind != "ExternalName" and spec.get("externalName"):
            yield ctx.report(SVC_EXTERNAL_NAME_IGNORED, res, Text(
                'spec.externalName is ignored when spec.type is not "ExternalName"',
                'spec.type이 "ExternalName"이 아니면 spec.externalName은 무시됩니다'),
                ("spec", "externalName"),
                fix=set_field(res, ("spec", "externalName"), DELETE, Text(
                    "remove spec.externalName", "spec.externalName을 제거합니다")))
        if kind == "ExternalName":
            if spec.get("externalIPs"):
                yield ctx.report(SVC_EXTERNAL_NAME_IGNORED, res, Text(
                    'spec.externalIPs is ignored when spec.type is "ExternalName"',
                    'spec.type이 "ExternalName"이면 spec.externalIPs는 무시됩니다'),
                    ("spec", "externalIPs"))
            continue
        if as_mapping(spec.get("selector")):
            continue
        ns = effective_namespace(res)
        ctx.depend(res.id, "Endpoints", ns)
        ctx.depend(res.id, "EndpointSlice", ns)
        if ctx.lookup("Endpoints", ns, res.name) or any(
                as_mapping(s.metadata.get("labels")).get(SERVICE_NAME_LABEL) == res.name
                for s in ctx.of_kind("EndpointSlice", ns)):
            continue
        yield ctx.report(WIRE_SVC_SELECTOR_NONE, res, Text(
            "the Service has no selector, so no endpoints are managed for it, and the document "
            "holds no Endpoints or EndpointSlice for it: connections go nowhere unless they are "
            "created outside the document",
            "서비스에 셀렉터가 없어 엔드포인트가 관리되지 않고, 문서에 그 서비스의 Endpoints나 "
            "EndpointSlice도 없습니다. 문서 밖에서 만들지 않는 한 연결이 아무 데도 가지 않습니다"),
            ("spec", "selector"))


def ingresses(ctx: Context) -> Iterator[Finding]:
    """`ing.rule.http.paths`, `ing.backend.service.name`, `ing.backend.resource`,
    `ing.tls.secretName` (networking.k8s.io/v1)."""
    for res in ctx.targets("Ingress"):
        if res.api_version != "networking.k8s.io/v1":
            continue
        spec = res.spec
        backends: list[tuple[FieldPath, Mapping[str, Any]]] = []
        if isinstance(spec.get("defaultBackend"), Mapping):
            backends.append((("spec", "defaultBackend"), spec["defaultBackend"]))
        for r, rule in enumerate(as_list(spec.get("rules"))):
            http = as_mapping(rule).get("http")
            if isinstance(http, Mapping) and "paths" in http and not as_list(http.get("paths")):
                yield ctx.report(ING_RULE_HTTP_PATHS, res, Text(
                    "required value: an http rule needs at least one path",
                    "필수 값: http 규칙에는 경로가 하나 이상 있어야 합니다"),
                    ("spec", "rules", r, "http", "paths"))
            for i, entry in enumerate(as_list(as_mapping(http).get("paths"))):
                base = ("spec", "rules", r, "http", "paths", i, "backend")
                backends.append((base, as_mapping(as_mapping(entry).get("backend"))))
        for path, backend in backends:
            yield from _backend(ctx, res, path, backend)
        for t, tls in enumerate(as_list(spec.get("tls"))):
            secret = as_mapping(tls).get("secretName")
            if isinstance(secret, str) and secret and p.dns1123_subdomain(secret):
                yield ctx.report(ING_TLS_SECRET_NAME, res,
                                 invalid_value(secret, p.dns1123_subdomain(secret)[0]),
                                 ("spec", "tls", t, "secretName"))


def _backend(ctx: Context, res: Resource, path: FieldPath,
             backend: Mapping[str, Any]) -> Iterator[Finding]:
    name = as_mapping(backend.get("service")).get("name")
    if isinstance(name, str) and name and p.dns1035_label(name):
        yield ctx.report(ING_BACKEND_SERVICE_NAME, res,
                         invalid_value(name, p.dns1035_label(name)[0]), (*path, "service", "name"))
    ref = backend.get("resource")
    if not isinstance(ref, Mapping):
        return
    group = ref.get("apiGroup")
    if isinstance(group, str) and group and p.dns1123_subdomain(group):
        yield ctx.report(ING_BACKEND_RESOURCE, res,
                         invalid_value(group, p.dns1123_subdomain(group)[0]),
                         (*path, "resource", "apiGroup"))
    for field in ("kind", "name"):
        value = ref.get(field)
        if not value:
            yield ctx.report(ING_BACKEND_RESOURCE, res, Text(
                f"required value: {field} is required", f"필수 값: {field}{eun_neun(field)} 필수입니다"),
                (*path, "resource", field))
        elif isinstance(value, str) and _segment_errors(value):
            yield ctx.report(ING_BACKEND_RESOURCE, res,
                             invalid_value(value, _segment_errors(value)[0]),
                             (*path, "resource", field))


def _segment_errors(value: str) -> list[str]:
    if value in (".", ".."):
        return [f'may not be "{value}"']
    return [f"may not contain '{c}'" for c in "/%" if c in value]


def config_data(ctx: Context) -> Iterator[Finding]:
    """`cm.binaryData.base64` and `wire.secret.tls.pem`."""
    for res in ctx.targets("ConfigMap", "Secret"):
        if res.kind == "ConfigMap":
            for key, value in as_mapping(res.manifest.get("binaryData")).items():
                try:
                    base64.b64decode(str(value or ""), validate=True)
                except (binascii.Error, ValueError):
                    yield ctx.report(CM_BINARY_DATA_BASE64, res, Text(
                        "illegal base64 data (plain text belongs in data)",
                        "잘못된 base64 데이터입니다(일반 텍스트는 data에 넣어야 합니다)"),
                        ("binaryData", key))
        elif res.manifest.get("type") == "kubernetes.io/tls":
            yield from _tls_pem(ctx, res)


def _decoded(res: Resource, key: str) -> tuple[FieldPath, str] | None:
    string_data = as_mapping(res.manifest.get("stringData"))
    data = as_mapping(res.manifest.get("data"))
    if isinstance(string_data.get(key), str):
        return ("stringData", key), string_data[key]
    if isinstance(data.get(key), str):
        try:
            return ("data", key), base64.b64decode(data[key], validate=True).decode("latin-1")
        except (binascii.Error, ValueError):
            return None  # reported by secret.data.base64
    return None


def _tls_pem(ctx: Context, res: Resource) -> Iterator[Finding]:
    for key, marker in (("tls.crt", "-----BEGIN CERTIFICATE-----"),
                        ("tls.key", "PRIVATE KEY-----")):
        found = _decoded(res, key)
        if found is None or not found[1].strip():
            continue
        path, text = found
        if marker not in text:
            what = Text("certificate", "인증서") if key == "tls.crt" else Text("private key",
                                                                               "개인 키")
            yield ctx.report(WIRE_SECRET_TLS_PEM, res, Text(
                f"{key} is not a PEM {what.en} (no {marker.strip('-')} block): Ingress "
                f"controllers ignore the Secret and serve their default certificate",
                f"{key}{eun_neun(key)} PEM {what.ko}{i_ga(what.ko)} 아닙니다({marker.strip('-')} 블록 없음). 인그레스 "
                f"컨트롤러가 이 시크릿을 무시하고 기본 인증서를 내보냅니다"), path)


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(META_GENERATE_NAME_FORMAT, E, "generateName (with its trailing '-') is not valid for "
         "the kind's names.", object_meta),
    Rule(META_FINALIZERS, E, "A finalizer that is not a qualified name, a bare name that is not "
         "standard, or orphan with foregroundDeletion.", object_meta),
    Rule(META_OWNER_REFERENCES, E, "An owner reference without apiVersion, kind, name or uid, or "
         "more than one controller.", object_meta),
    Rule(SVC_EXTERNAL_NAME_IGNORED, W, "externalName on a non-ExternalName Service, or "
         "externalIPs on an ExternalName one (ignored).", services),
    Rule(ING_RULE_HTTP_PATHS, E, "An Ingress http rule with an empty paths list.", ingresses),
    Rule(ING_BACKEND_SERVICE_NAME, E, "An Ingress backend's service name is not a DNS-1035 label.",
         ingresses),
    Rule(ING_BACKEND_RESOURCE, E, "A resource backend with a bad apiGroup, or a kind or name "
         "that is missing, '.', '..' or contains '/' or '%'.", ingresses),
    Rule(ING_TLS_SECRET_NAME, E, "An Ingress TLS secretName that is not a DNS subdomain.",
         ingresses),
    Rule(CM_BINARY_DATA_BASE64, E, "A ConfigMap binaryData value is not base64.", config_data),
    Rule(WIRE_SVC_SELECTOR_NONE, INFO, "A Service without a selector and without Endpoints or "
         "EndpointSlices in the document.", services),
    Rule(WIRE_SECRET_TLS_PEM, W, "A kubernetes.io/tls Secret whose tls.crt or tls.key is not PEM.",
         config_data),
)
