"""Format rules of ConfigMaps and Secrets (catalogue sections 12 and 13): key names, the 1 MiB
size limit, base64 data, and the keys each Secret type requires. A Secret is Opaque when its type
is not written (the API server's default).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping

from kubecanvas.model.fields import as_mapping
from kubecanvas.model.korean import i_ga
from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import keys_in_cluster
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.rule import E, Rule, RuleId

# --- the rule ids this module reports ------------------------------------------------------------
CM_KEY_FORMAT = RuleId("cm.key.format")
CM_KEY_DUPLICATE = RuleId("cm.key.duplicate")
CM_SIZE = RuleId("cm.size")
SECRET_DATA_BASE64 = RuleId("secret.data.base64")
SECRET_KEY_FORMAT = RuleId("secret.key.format")
SECRET_SIZE = RuleId("secret.size")
SECRET_TYPE_REQUIRED_KEYS = RuleId("secret.type.required-keys")

SECRET_KEYS = {
    "kubernetes.io/dockercfg": (".dockercfg",),
    "kubernetes.io/dockerconfigjson": (".dockerconfigjson",),
    "kubernetes.io/ssh-auth": ("ssh-privatekey",),
    "kubernetes.io/tls": ("tls.crt", "tls.key"),
}


MAX_DATA = 1048576


def _data_keys(ctx: Context, res: Resource, field: str, rule: RuleId) -> Iterator[Finding]:
    for key in as_mapping(res.manifest.get(field)):
        errors = p.config_key(str(key))
        if errors:
            joined = "; ".join(errors)
            yield ctx.report(rule, res, Text(f'invalid key "{key}": {joined}',
                                             f'잘못된 키 "{key}": {joined}'), (field, key))


def config_maps(ctx: Context) -> Iterator[Finding]:
    """`cm.*`: keys, key clashes between data and binaryData, and total size."""
    for res in ctx.targets("ConfigMap"):
        data = as_mapping(res.manifest.get("data"))
        binary = as_mapping(res.manifest.get("binaryData"))
        for field in ("data", "binaryData"):
            yield from _data_keys(ctx, res, field, CM_KEY_FORMAT)
        for key in set(data) & set(binary):
            yield ctx.report(CM_KEY_DUPLICATE, res, Text(
                f'"{key}" is in both data and binaryData',
                f'"{key}"{i_ga(key)} data와 binaryData 모두에 있습니다'), ("data", key))
        size = sum(len(str(v).encode()) for v in data.values()) + sum(
            len(str(v)) * 3 // 4 for v in binary.values())
        if size > MAX_DATA:
            yield ctx.report(CM_SIZE, res, Text(
                f"data totals {size} bytes, more than {MAX_DATA}",
                f"데이터가 모두 {size}바이트로 {MAX_DATA}바이트를 넘습니다"), ("data",))


def secrets(ctx: Context) -> Iterator[Finding]:
    """`secret.*`: base64 data, keys, size and the keys each Secret type requires."""
    for res in ctx.targets("Secret"):
        data = as_mapping(res.manifest.get("data"))
        string_data = as_mapping(res.manifest.get("stringData"))
        merged: dict[str, bytes] = {}
        for key, value in data.items():
            try:
                merged[str(key)] = base64.b64decode(str(value or ""), validate=True)
            except (binascii.Error, ValueError):
                merged[str(key)] = str(value).encode()
                yield ctx.report(SECRET_DATA_BASE64, res, Text(
                    "illegal base64 data (plain text belongs in stringData)",
                    "잘못된 base64 데이터입니다(일반 텍스트는 stringData에 넣어야 합니다)"),
                    ("data", key))
        merged.update({str(k): str(v or "").encode() for k, v in string_data.items()})
        for field in ("data", "stringData"):
            yield from _data_keys(ctx, res, field, SECRET_KEY_FORMAT)
        if sum(len(v) for v in merged.values()) > MAX_DATA:
            yield ctx.report(SECRET_SIZE, res, Text(
                f"data is larger than {MAX_DATA} bytes", f"데이터가 {MAX_DATA}바이트보다 큽니다"),
                ("data",))
        yield from _secret_type(ctx, res, merged)


def _secret_type(ctx: Context, res: Resource, merged: Mapping[str, bytes]) -> Iterator[Finding]:
    kind = res.manifest.get("type") or "Opaque"
    in_cluster = keys_in_cluster(res)  # imported without values: the key is there, the value too
    for key in SECRET_KEYS.get(kind, ()):
        if key in in_cluster:
            continue
        if not merged.get(key) and not (kind == "kubernetes.io/tls" and key in merged):
            yield ctx.report(SECRET_TYPE_REQUIRED_KEYS, res, Text(
                f"a {kind} Secret needs the key {key} in data or stringData",
                f"{kind} 시크릿에는 data나 stringData에 키 {key}{i_ga(key)} 필요합니다"), ("data",))
        elif kind in ("kubernetes.io/dockercfg", "kubernetes.io/dockerconfigjson"):
            try:
                ok = isinstance(json.loads(merged[key]), dict)
            except ValueError:
                ok = False
            if not ok:
                yield ctx.report(SECRET_TYPE_REQUIRED_KEYS, res, Text(
                    f"{key} must hold a JSON object", f"{key}에는 JSON 오브젝트가 있어야 합니다"),
                    ("data", key))
    if kind == "kubernetes.io/basic-auth" and not ({"username", "password"} & set(merged)):
        yield ctx.report(SECRET_TYPE_REQUIRED_KEYS, res, Text(
            "a basic-auth Secret needs username or password",
            "basic-auth 시크릿에는 username이나 password가 필요합니다"), ("data",))
    if kind == "kubernetes.io/service-account-token" and not as_mapping(
            res.metadata.get("annotations")).get("kubernetes.io/service-account.name"):
        yield ctx.report(SECRET_TYPE_REQUIRED_KEYS, res, Text(
            "a service-account-token Secret needs the annotation "
            "kubernetes.io/service-account.name",
            "service-account-token 시크릿에는 kubernetes.io/service-account.name 어노테이션이 "
            "필요합니다"),
                         ("metadata", "annotations"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(CM_KEY_FORMAT, E, "A ConfigMap key is not a valid config key.", config_maps),
    Rule(CM_KEY_DUPLICATE, E, "A key is in both data and binaryData.", config_maps),
    Rule(CM_SIZE, E, "ConfigMap data exceeds 1 MiB.", config_maps),
    Rule(SECRET_DATA_BASE64, E, "A Secret data value is not base64 (use stringData for plain "
         "text).", secrets),
    Rule(SECRET_KEY_FORMAT, E, "A Secret key is not a valid config key.", secrets),
    Rule(SECRET_SIZE, E, "Secret data exceeds 1 MiB.", secrets),
    Rule(SECRET_TYPE_REQUIRED_KEYS, E, "The Secret type requires keys that are missing "
         "(tls.crt/tls.key, .dockerconfigjson, ...).", secrets),
)
