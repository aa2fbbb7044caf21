"""Wiring rules about what ConfigMaps and Secrets hold and who names them (anchors.md rows 27
and 28): keys that no consumer reads, and Secrets a ServiceAccount lists that do not exist.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.graph import EdgeCategory
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.korean import eul_reul, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation.context import CUSTOM, PODS, Context, name_key
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import closest, ko_label
from kubecanvas.validation.rule import INFO, Rule, RuleId, W
from kubecanvas.validation.rules_usage import mentioned_names

# --- the rule ids this module reports ------------------------------------------------------------
REF_KEY_UNUSED = RuleId("ref.key.unused")
REF_SA_SECRET_MISSING = RuleId("ref.sa.secret.missing")

KEY_FIELDS = {"ConfigMap": ("data", "binaryData"), "Secret": ("data", "stringData")}
SA_SECRET_FIELDS = ("secrets", "imagePullSecrets")
#: What `mentioned_names` reads (None: the resource's own namespace), to declare as dependencies.
MENTION_SOURCES: tuple[tuple[str, str | None], ...] = (
    (PODS, None), (CUSTOM, None), (CUSTOM, ""), ("ServiceAccount", None), ("Ingress", None),
    ("Service", None))


def _keys(res: Resource) -> dict[str, str]:
    """Each key of a ConfigMap or Secret, with the field it is written in."""
    out: dict[str, str] = {}
    for field in KEY_FIELDS.get(res.kind, ()):
        values = res.manifest.get(field)
        if isinstance(values, Mapping):
            for key in values:
                out.setdefault(str(key), field)
    return out


def unused_keys(ctx: Context) -> Iterator[Finding]:
    """`ref.key.unused`: every consumer picks keys (env key refs, volume `items`) and none picks
    this one, so it is never read. Consumers that take everything (envFrom, a volume without
    items), pull-secret and TLS uses, and free-text mentions (operators, args) count as using
    every key. A key that a reader's missing key is a near miss of is left to `ref.key.missing`,
    which already suggests it."""
    for res in ctx.targets("ConfigMap", "Secret"):
        edges = [e for e in ctx.in_edges(res.id) if e.category == EdgeCategory.REF]
        if not edges or any(e.type not in (EdgeType.ENV, EdgeType.MOUNTS) or e.reference is None
                            or not e.reference.get("keys") for e in edges):
            continue
        used: set[str] = set()
        for edge in edges:
            used.update(str(k) for k in edge.reference.get("keys") or ())  # type: ignore[union-attr]
        keys = _keys(res)
        # a key a reader mistyped is reported once, as ref.key.missing with "did you mean"
        misspelt = {closest(k, keys) for k in used if k not in keys}
        unused = [(k, f) for k, f in keys.items() if k not in used and k not in misspelt]
        if not unused:
            continue
        ns = effective_namespace(res)
        for kind, where in MENTION_SOURCES:
            ctx.depend(res.id, kind, ns if where is None else where)
        if res.name in mentioned_names(ctx, ns):
            continue
        readers = sorted({e.source for e in edges})
        names = ", ".join(r.label() for r in (ctx.resource(i) for i in readers) if r)
        names_ko = ", ".join(ko_label(r) for r in (ctx.resource(i) for i in readers) if r)
        for key, field in unused:
            yield ctx.report(
                REF_KEY_UNUSED, res,
                Text(f"key {key!r} is never read: every user of this {res.kind} ({names}) picks "
                     f"keys by name and none picks it; remove the key or use it",
                     f"키 {key!r}{eul_reul(repr(key))} 읽는 곳이 없습니다. 이 {kind_both(res.kind)}{eul_reul(kind_both(res.kind))} 쓰는 모든 "
                     f"곳({names_ko})이 키를 이름으로 고르는데 아무도 이 키를 고르지 않습니다. 키를 "
                     f"제거하거나 사용해야 합니다"),
                (field, key), tuple(readers))


def _names(value: Any) -> Iterator[tuple[int, str]]:
    for i, item in enumerate(value if isinstance(value, list) else []):
        name = item.get("name") if isinstance(item, Mapping) else None
        if isinstance(name, str) and name:
            yield i, name


def service_account_secrets(ctx: Context) -> Iterator[Finding]:
    """`ref.sa.secret.missing`: a ServiceAccount's `secrets` and `imagePullSecrets` name Secrets
    that are not in the document (pods running as it fail to pull, or get no token)."""
    for res in ctx.targets("ServiceAccount"):
        ns = effective_namespace(res)
        for field in SA_SECRET_FIELDS:
            for i, name in _names(res.manifest.get(field)):
                ctx.depend(res.id, name_key("Secret", name), ns)
                if ctx.lookup("Secret", ns, name):
                    continue
                effect = Text("pods that run as it cannot pull private images (ImagePullBackOff)",
                              "이 어카운트로 실행되는 파드가 비공개 이미지를 가져오지 못합니다"
                              "(ImagePullBackOff)") if field == "imagePullSecrets" else \
                    Text("the token or credentials it lists are not there",
                         "나열된 토큰이나 자격 증명이 없습니다")
                yield ctx.report(REF_SA_SECRET_MISSING, res, Text(
                    f"{field}[{i}] names Secret {name!r}, which is not in namespace "
                    f"{ns or 'default'} in the document; {effect.en}",
                    f"{field}[{i}]{i_ga(i)} 시크릿 {name!r}{eul_reul(repr(name))} 가리키지만 문서의 네임스페이스 "
                    f"{ns or 'default'}에 없습니다. {effect.ko}"),
                                 (field, i, "name"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(REF_KEY_UNUSED, INFO, "A ConfigMap or Secret key that no consumer reads (every consumer "
         "picks keys by name).", unused_keys),
    Rule(REF_SA_SECRET_MISSING, W, "A ServiceAccount's secrets or imagePullSecrets name a Secret "
         "that is not in the document.", service_account_secrets),
)
