"""Wiring the core graph does not draw: RBAC bindings to roles and ServiceAccounts (anchors
catalogue row 17), NetworkPolicy peers (row 22), pull Secrets of the wrong type (row 28),
PriorityClasses and RuntimeClasses (validation catalogue 3.9) and the order `kubectl apply -f`
creates things in (section 16, `wire.order`).

Each verdict depends on resources that are not graph neighbours, so every check declares its
dependencies with `ctx.depend` for the incremental validator.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.kinds import (
    effective_namespace,
    get_path,
    kind_info,
    pod_template_path,
    template_labels,
)
from kubecanvas.model.korean import eul_reul, euro_ro, gwa_wa, i_ga
from kubecanvas.model.order import in_order
from kubecanvas.model.rbac import SYSTEM_NAMESPACES, is_builtin_role
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import parse_label_selector
from kubecanvas.model.text import Text
from kubecanvas.validation.context import ANY_KIND, PODS, Context
from kubecanvas.validation.findings import Finding, unsupported_value
from kubecanvas.validation.fixes import closest, ko_label, set_field
from kubecanvas.validation.rule import INFO, E, Rule, RuleId, W
from kubecanvas.validation.rules_graph import operator_pods

# --- the rule ids this module reports ------------------------------------------------------------
RBAC_ROLE_REF_KIND = RuleId("rbac.roleRef.kind")
RBAC_ROLE_REF_MISSING = RuleId("rbac.roleRef.missing")
RBAC_ROLE_REF_MISSING_CLUSTER = RuleId("rbac.roleRef.missing.cluster")
RBAC_SUBJECT_MISSING = RuleId("rbac.subject.missing")
NETWORKPOLICY_PEER_NO_MATCH = RuleId("networkpolicy.peer.no-match")
POD_PRIORITY_CLASS_MISSING = RuleId("pod.priorityClass.missing")
POD_RUNTIME_CLASS_MISSING = RuleId("pod.runtimeClass.missing")
POD_IMAGE_PULL_SECRET_TYPE = RuleId("pod.imagePullSecret.type")
APPLY_ORDER = RuleId("apply.order")
APPLY_CRD = RuleId("apply.crd")

#: PriorityClasses every cluster has.
BUILTIN_PRIORITY_CLASSES = frozenset({"system-cluster-critical", "system-node-critical"})
PULL_SECRET_TYPES = frozenset({"kubernetes.io/dockerconfigjson", "kubernetes.io/dockercfg"})
BINDINGS = ("RoleBinding", "ClusterRoleBinding")


def rbac(ctx: Context) -> Iterator[Finding]:
    """`rbac.*`: a binding's roleRef names a role in the document (or a built-in one), and its
    ServiceAccount subjects exist in the namespaces the document deploys to."""
    for res in ctx.targets(*BINDINGS):
        role = as_mapping(res.manifest.get("roleRef"))
        kind, name = str(role.get("kind") or ""), str(role.get("name") or "")
        ns = effective_namespace(res)
        if res.kind == "ClusterRoleBinding" and kind and kind != "ClusterRole":
            yield ctx.report(RBAC_ROLE_REF_KIND, res, unsupported_value(kind, '"ClusterRole"'),
                             ("roleRef", "kind"))
        elif kind in ("Role", "ClusterRole") and name:
            yield from _role_ref(ctx, res, kind, name, ns if kind == "Role" else "")
        for i, subject in enumerate(as_list(res.manifest.get("subjects"))):
            subject = as_mapping(subject)
            if subject.get("kind") != "ServiceAccount" or not subject.get("name"):
                continue
            sa_ns = str(subject.get("namespace") or (ns if res.kind == "RoleBinding" else ""))
            account = str(subject["name"])
            ctx.depend(res.id, "ServiceAccount", sa_ns)
            ctx.depend(res.id, ANY_KIND, sa_ns)
            ctx.depend(res.id, "Namespace")
            if account == "default" or not _deployed(ctx, sa_ns) or \
                    ctx.lookup("ServiceAccount", sa_ns, account):
                continue
            guess = closest(account, [r.name for r in ctx.of_kind("ServiceAccount", sa_ns)])
            fix = set_field(res, ("subjects", i, "name"), guess, Text(
                f"did you mean ServiceAccount {guess}?",
                f"서비스어카운트 {guess}{euro_ro(guess)} 고칩니다")) if guess else None
            yield ctx.report(RBAC_SUBJECT_MISSING, res, Text(
                f"subject ServiceAccount {sa_ns}/{account} is not in the document, which deploys "
                f"to namespace {sa_ns}: the binding grants its permissions to nobody.",
                f"주체 서비스어카운트(ServiceAccount) {sa_ns}/{account}{i_ga(account)} 네임스페이스 "
                f"{sa_ns}에 배포되는 문서에 없습니다. 바인딩이 누구에게도 권한을 주지 않습니다."),
                ("subjects", i, "name"), fix=fix)


def _deployed(ctx: Context, namespace: str) -> bool:
    """True when the document puts something in `namespace` or creates it."""
    return ctx.index.has_namespace(namespace) or bool(ctx.lookup("Namespace", "", namespace))


def _role_ref(ctx: Context, res: Resource, kind: str, name: str, ns: str) -> Iterator[Finding]:
    ctx.depend(res.id, kind, ns or "*")
    if ctx.lookup(kind, ns, name):
        return
    if is_builtin_role(kind, ns, name):
        return
    guess = closest(name, [r.name for r in ctx.of_kind(kind, ns or None)])
    fix = set_field(res, ("roleRef", "name"), guess, Text(
        f"did you mean {kind} {guess}?", f"{kind} {guess}{euro_ro(guess)} 고칩니다")) if guess else None
    if kind == "Role" and ns not in SYSTEM_NAMESPACES:
        yield ctx.report(RBAC_ROLE_REF_MISSING, res, Text(
            f"roleRef names Role {ns}/{name}, which is not in the document: the binding grants "
            f"nothing.",
            f"roleRef가 Role {ns}/{name}{eul_reul(name)} 가리키지만 문서에 없습니다. 바인딩이 아무 권한도 주지 "
            f"않습니다."), ("roleRef", "name"), fix=fix)
    else:
        where = f"Role {ns}/{name}" if kind == "Role" else f"ClusterRole {name}"
        yield ctx.report(RBAC_ROLE_REF_MISSING_CLUSTER, res, Text(
            f"roleRef names {where}, which is not in the document and not a built-in role; make "
            f"sure the cluster has it.",
            f"roleRef가 {where}{eul_reul(where)} 가리키지만 문서에 없고 기본 제공 롤도 아닙니다. 클러스터에 "
            f"있는지 확인해야 합니다."), ("roleRef", "name"), fix=fix)


def network_policy_peers(ctx: Context) -> Iterator[Finding]:
    """`networkpolicy.peer.no-match`: a same-namespace podSelector peer selects no pods."""
    for res in ctx.targets("NetworkPolicy"):
        ns = effective_namespace(res)
        for direction, key in (("ingress", "from"), ("egress", "to")):
            for i, rule in enumerate(as_list(res.spec.get(direction))):
                for j, peer in enumerate(as_list(as_mapping(rule).get(key))):
                    peer = as_mapping(peer)
                    if "namespaceSelector" in peer or not isinstance(peer.get("podSelector"),
                                                                      Mapping):
                        continue
                    selector = parse_label_selector(peer["podSelector"])
                    if selector is None or selector.is_empty:
                        continue
                    ctx.depend(res.id, PODS, ns)
                    if any(selector.matches(template_labels(owner))
                           for owner in _pod_owners(ctx, ns)) or \
                            operator_pods(ctx, res, selector) is not None:
                        continue
                    yield ctx.report(NETWORKPOLICY_PEER_NO_MATCH, res, Text(
                        f"the peer selector {selector.describe()} matches no pods in namespace "
                        f"{ns} in the document: unless another app deploys them there, this rule "
                        f"allows traffic from or to nothing.",
                        f"피어 셀렉터 {selector.describe()}{gwa_wa(selector.describe())} 일치하는 파드가 문서의 "
                        f"네임스페이스 {ns}에 없습니다. 다른 앱이 그곳에 파드를 배포하지 않는 한 이 "
                        f"규칙은 어떤 트래픽도 허용하지 않습니다."),
                                     ("spec", direction, i, key, j, "podSelector"))


def _pod_owners(ctx: Context, ns: str) -> list[Resource]:
    return [r for r in (ctx.resource(i) for i in ctx.graph.pod_owners_in(ns)) if r is not None]


def pod_classes(ctx: Context) -> Iterator[Finding]:
    """`pod.priorityClass.missing`, `pod.runtimeClass.missing` (admission rejects the pods when
    the cluster lacks them) and `pod.imagePullSecret.type` (a pull Secret kubelet cannot use)."""
    for res in ctx.targets():
        tpath = pod_template_path(res)
        if tpath is None:
            continue
        base = (*tpath, "spec")
        spec = as_mapping(get_path(res.manifest, base))
        for key, kind, rule, builtin in (
                ("priorityClassName", "PriorityClass", POD_PRIORITY_CLASS_MISSING,
                 BUILTIN_PRIORITY_CLASSES),
                ("runtimeClassName", "RuntimeClass", POD_RUNTIME_CLASS_MISSING, frozenset())):
            name = spec.get(key)
            if not isinstance(name, str) or not name or name in builtin:
                continue
            ctx.depend(res.id, kind)
            if not ctx.lookup(kind, "", name):
                yield ctx.report(rule, res, Text(
                    f"{kind} {name} is not in the document; unless the cluster has it, admission "
                    f"rejects the pods ({kind} not found).",
                    f"{kind} {name}{i_ga(name)} 문서에 없습니다. 클러스터에 없으면 어드미션이 파드를 "
                    f"거부합니다({kind} not found)."), (*base, key))
        for edge in ctx.out_edges(res.id, EdgeType.PULLS):
            secret = ctx.resource(edge.target)
            kind = str(secret.manifest.get("type") or "Opaque") if secret is not None else ""
            if secret is not None and secret.kind == "Secret" and kind not in PULL_SECRET_TYPES:
                yield ctx.report(POD_IMAGE_PULL_SECRET_TYPE, res, Text(
                    f"{secret.label()} has type {kind}; kubelet only reads pull credentials from "
                    f"kubernetes.io/dockerconfigjson (or dockercfg) Secrets, so private images "
                    f"fail to pull.",
                    f"{ko_label(secret)}의 type이 {kind}입니다. kubelet은 "
                    f"kubernetes.io/dockerconfigjson(또는 dockercfg) 시크릿에서만 풀 자격 증명을 "
                    f"읽으므로 비공개 이미지를 가져오지 못합니다."),
                                 edge.path, (secret.id,))


def apply_order(ctx: Context) -> Iterator[Finding]:
    """`apply.order` and `apply.crd`: what the first `kubectl apply -f` of the files fails on.

    kubectl creates objects in the order it reads them (files in lexical order, each from the top:
    the canonical order of `model.order`), so objects read before the Namespace they live in are
    rejected (namespace not found). The namespace exists from its first definition on, so that
    is the one compared. One finding per Namespace, on it, naming how many objects come first.
    A project (and the editor's design) is exempt: its export orders resources itself.

    kubectl also maps every object's kind to a REST resource before creating anything, so a custom
    resource whose CustomResourceDefinition is in the same apply fails whatever the order.
    """
    if ctx.document.ordered_by_export:
        return
    yield from _namespace_order(ctx)
    for res in ctx.targets():
        ctx.depend(res.id, "CustomResourceDefinition")
    crds = {_crd_kind(r): r for r in ctx.of_kind("CustomResourceDefinition")}
    if not crds:
        return
    for res in ctx.targets():
        definition = crds.get((res.group, res.kind))
        if definition is not None:
            yield ctx.report(APPLY_CRD, res, Text(
                f"{res.label()} is applied together with the definition of its kind "
                f"({definition.label()}); kubectl resolves every kind before creating anything, "
                f"so the first `kubectl apply -f` fails for it (ensure CRDs are installed first). "
                f"Apply the CRDs in a separate step, or apply twice.",
                f"{ko_label(res)}{i_ga(ko_label(res))} 자기 kind의 정의({ko_label(definition)})와 함께 apply됩니다. "
                f"kubectl은 무엇이든 만들기 전에 모든 kind를 확인하므로 처음 `kubectl apply -f`는 "
                f"이것에 대해 실패합니다(ensure CRDs are installed first). CRD를 따로 먼저 apply하거나 "
                f"두 번 apply해야 합니다."),
                             ("kind",), (definition.id,))


def _namespace_order(ctx: Context) -> Iterator[Finding]:
    for namespace in ctx.targets("Namespace"):
        ctx.depend(namespace.id, ANY_KIND, namespace.name)
        first = ctx.lookup("Namespace", "", namespace.name)[0]
        if first.id != namespace.id:
            continue  # the namespace is created by its first definition: reported there
        starts = ctx.order_of(first.id)  # (the run's keys, made once per resource)
        early = in_order(r for r in _living_in(ctx, namespace.name)
                         if ctx.order_of(r.id) < starts)
        if not early:
            continue
        count = len(early)
        them = "resource that lives" if count == 1 else f"{count} resources that live"
        them_ko = f"그 안에 사는 리소스 {count}개"
        yield ctx.report(APPLY_ORDER, first, Text(
            f"{first.label()} is defined after the {them} in it ({early[0].label()} first); "
            f"the first `kubectl apply -f` rejects them (namespace not found). Apply the "
            f"Namespace first (move it to the top, or into a file that sorts first), or export, "
            f"which orders it.",
            f"{ko_label(first)}보다 {them_ko}{i_ga(them_ko)} 먼저 나옵니다(첫째: {ko_label(early[0])}). 처음 "
            f"`kubectl apply -f`할 때 이것들은 거부됩니다(namespace not found). 네임스페이스를 먼저 "
            f"apply하거나(맨 앞으로, 또는 먼저 정렬되는 파일로 옮깁니다), 순서를 맞춰 주는 "
            f"내보내기를 쓰십시오."),
                         ("metadata", "name"), tuple(r.id for r in early))


def _living_in(ctx: Context, namespace: str) -> Iterator[Resource]:
    """Resources that name `namespace` in their metadata and need it to exist (namespaced kinds),
    from the index of the namespace (a walk over the whole document cost 10 ms per edit at
    5,000 resources)."""
    for rid in ctx.index.in_namespace(namespace):
        res = ctx.document.find(rid)
        if res is not None and res.namespace == namespace and res.kind != "Namespace" and \
                kind_info(res.kind).namespaced:
            yield res


def _crd_kind(res: Resource) -> tuple[str, str]:
    spec = res.spec
    return str(spec.get("group") or ""), str(as_mapping(spec.get("names")).get("kind") or "")


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(RBAC_ROLE_REF_KIND, E, "A ClusterRoleBinding's roleRef must be a ClusterRole.", rbac),
    Rule(RBAC_ROLE_REF_MISSING, W, "A RoleBinding's roleRef names a Role that is not in the "
         "document.", rbac),
    Rule(RBAC_ROLE_REF_MISSING_CLUSTER, INFO, "A binding names a ClusterRole that is neither in "
         "the document nor built in.", rbac),
    Rule(RBAC_SUBJECT_MISSING, W, "A binding's ServiceAccount subject is missing from a "
         "namespace the document deploys to.", rbac),
    Rule(NETWORKPOLICY_PEER_NO_MATCH, INFO, "A NetworkPolicy peer podSelector (same namespace) "
         "matches no pods in the document.", network_policy_peers),
    Rule(POD_PRIORITY_CLASS_MISSING, INFO, "priorityClassName names a PriorityClass that is "
         "neither in the document nor built in.", pod_classes),
    Rule(POD_RUNTIME_CLASS_MISSING, INFO, "runtimeClassName names a RuntimeClass that is not in "
         "the document.", pod_classes),
    Rule(POD_IMAGE_PULL_SECRET_TYPE, W, "An imagePullSecrets entry names a Secret that is not of "
         "type kubernetes.io/dockerconfigjson.", pod_classes),
    Rule(APPLY_ORDER, W, "A Namespace is defined after resources that live in it, so the first "
         "kubectl apply -f of the files rejects them (projects are exempt: export orders them).",
         apply_order),
    Rule(APPLY_CRD, W, "A custom resource applied together with its CustomResourceDefinition "
         "fails on the first kubectl apply.", apply_order),
)
