"""`resource.unused`: ConfigMaps, Secrets, claims and ServiceAccounts that nothing in the document
uses (info: they may be used by something outside it).

"Used" means a reference edge in the wiring graph, or the name appearing in the namespace where
tools read names from free text: pod containers' args, commands and env values
(`--configmap=ns/name`), annotations of pod owners, Services and Ingresses (ingress controllers read
Secret names there), custom resources (operators), ServiceAccounts' secret lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.graph import EdgeCategory
from kubecanvas.model.kinds import effective_namespace, is_known, pod_spec
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, kind_both
from kubecanvas.validation.context import CUSTOM, PODS, Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.rule import INFO, Rule, RuleId

# --- the rule ids this module reports ------------------------------------------------------------
RESOURCE_UNUSED = RuleId("resource.unused")

CANDIDATES = ("ConfigMap", "Secret", "PersistentVolumeClaim", "ServiceAccount")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SKIP_SECRET_TYPES = frozenset({"kubernetes.io/service-account-token", "bootstrap.kubernetes.io/token"})


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _container_text(spec: Mapping[str, Any]) -> Iterator[str]:
    for group in ("initContainers", "containers"):
        containers = spec.get(group)
        for container in containers if isinstance(containers, list) else []:
            if not isinstance(container, Mapping):
                continue
            yield from _strings(container.get("args"))
            yield from _strings(container.get("command"))
            for env in container.get("env") or []:
                if isinstance(env, Mapping) and isinstance(env.get("value"), str):
                    yield env["value"]


#: resource id -> (the manifest the tokens were read from, its tokens): re-read only when the
#: manifest object changes (edits replace manifests), so a re-check after one edit does not
#: re-scan every container of the namespace
_TOKENS: dict[str, tuple[Any, frozenset[str]]] = {}
_TOKENS_LIMIT = 200_000


def _tokens_of(res: Resource) -> frozenset[str]:
    cached = _TOKENS.get(res.id)
    if cached is not None and cached[0] is res.manifest:
        return cached[1]
    texts: list[str] = list(_strings(res.metadata.get("annotations")))
    spec = pod_spec(res)
    if spec is not None:
        texts += list(_container_text(spec))
    if not is_known(res.kind) or res.kind == "ServiceAccount":
        texts += list(_strings({k: v for k, v in res.manifest.items() if k != "metadata"}))
    tokens = frozenset(t for text in texts for t in _TOKEN.findall(text))
    if len(_TOKENS) >= _TOKENS_LIMIT:
        _TOKENS.clear()
    _TOKENS[res.id] = (res.manifest, tokens)
    return tokens


def mentioned_names(ctx: Context, namespace: str) -> set[str]:
    """Every name-like token the namespace's free text mentions (cached per run)."""
    key = f"mentioned:{namespace}"
    if key not in ctx.cache:
        tokens: set[str] = set()
        owners = [r for r in (ctx.resource(i) for i in ctx.graph.pod_owners_in(namespace)) if r]
        sources = (owners + ctx.of_kind(CUSTOM, namespace) + ctx.of_kind(CUSTOM, "")
                   + ctx.of_kind("ServiceAccount", namespace) + ctx.of_kind("Ingress", namespace)
                   + ctx.of_kind("Service", namespace))
        for res in sources:
            tokens |= _tokens_of(res)
        ctx.cache[key] = tokens
    return ctx.cache[key]  # type: ignore[no-any-return]


def unused(ctx: Context) -> Iterator[Finding]:
    for res in ctx.targets(*CANDIDATES):
        if any(e.category == EdgeCategory.REF for e in ctx.in_edges(res.id)):
            continue
        if res.kind == "Secret" and res.manifest.get("type") in _SKIP_SECRET_TYPES:
            continue
        if res.kind == "ServiceAccount" and res.name == "default":
            continue
        ns = effective_namespace(res)
        for kind, where in ((PODS, ns), (CUSTOM, ns), (CUSTOM, ""), ("ServiceAccount", ns),
                            ("Ingress", ns), ("Service", ns)):
            ctx.depend(res.id, kind, where)
        if res.name in mentioned_names(ctx, ns):
            continue
        yield ctx.report(RESOURCE_UNUSED, res, Text(
            f"nothing in the document uses this {res.kind} (no pod mounts, env, reference or "
            f"mention); remove it or wire it up.",
            f"문서에서 이 {kind_both(res.kind)}{eul_reul(kind_both(res.kind))} 쓰는 것이 없습니다(파드 마운트, env, 참조, 언급 "
            f"모두 없음). 제거하거나 연결해야 합니다."), ("metadata", "name"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(RESOURCE_UNUSED, INFO, "A ConfigMap, Secret, claim or ServiceAccount nothing in the "
         "document uses.", unused),
)
