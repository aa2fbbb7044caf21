"""The findings that come straight from the wiring graph: references to resources that do not
exist, Services that select no pods, workloads whose selector misses their own template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kubecanvas.model.graph import Edge, EdgeCategory
from kubecanvas.model.kinds import (
    CLUSTER_PROVIDED_KINDS,
    effective_namespace,
    get_path,
    kind_info,
    template_labels,
)
from kubecanvas.model.korean import eun_neun, euro_ro, gwa_wa, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import Selector, format_labels, own_selector, selector_to_labels
from kubecanvas.model.text import Text, kind_both, kind_term
from kubecanvas.validation.context import CUSTOM, POD_LABELS, Context
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.fixes import add_template_labels, closest, ko_label, set_field
from kubecanvas.validation.rule import INFO, E, Rule, RuleId, W

# --- the rule ids this module reports ------------------------------------------------------------
REF_MISSING = RuleId("ref.missing")
REF_MISSING_OPTIONAL = RuleId("ref.missing.optional")
REF_MISSING_CLUSTER = RuleId("ref.missing.cluster")
#: a binding's role and subjects: `rbac.*` (rules_access) knows built-in roles and namespaces
RBAC_EDGES = frozenset({EdgeType.ROLE_REF, EdgeType.SUBJECT})
SERVICE_SELECTOR_NO_MATCH = RuleId("service.selector.no-match")
SERVICE_SELECTOR_OPERATOR_PODS = RuleId("service.selector.operator-pods")
WORKLOAD_SELECTOR_TEMPLATE_MISMATCH = RuleId("workload.selector.template-mismatch")

_MOUNT_FAILS = Text("its pods stay in ContainerCreating (FailedMount)",
                    "파드가 ContainerCreating 상태에 머뭅니다(FailedMount)")
_ENV_FAILS = Text("its containers fail with CreateContainerConfigError",
                  "컨테이너가 CreateContainerConfigError로 실패합니다")
_CONSEQUENCE = {
    (EdgeType.MOUNTS, "ConfigMap"): _MOUNT_FAILS,
    (EdgeType.MOUNTS, "Secret"): _MOUNT_FAILS,
    (EdgeType.MOUNTS, "PersistentVolumeClaim"): Text(
        "its pods stay Pending (persistentvolumeclaim not found)",
        "파드가 Pending 상태에 머뭅니다(persistentvolumeclaim not found)"),
    (EdgeType.ENV, "ConfigMap"): _ENV_FAILS,
    (EdgeType.ENV, "Secret"): _ENV_FAILS,
    (EdgeType.PULLS, "Secret"): Text("images are pulled without these credentials",
                                     "이 자격 증명 없이 이미지를 가져옵니다"),
    (EdgeType.RUNS_AS, "ServiceAccount"): Text(
        "the API server refuses to create its pods (service account not found)",
        "API 서버가 파드 생성을 거부합니다(service account not found)"),
    (EdgeType.ROUTES, "Service"): Text("the ingress controller answers 503 for this backend",
                                       "인그레스 컨트롤러가 이 백엔드에 503으로 응답합니다"),
    (EdgeType.TLS, "Secret"): Text("the ingress controller serves its default certificate",
                                   "인그레스 컨트롤러가 기본 인증서를 내보냅니다"),
    (EdgeType.GOVERNS, "Service"): Text("its pods get no stable DNS names",
                                        "파드가 안정적인 DNS 이름을 얻지 못합니다"),
    (EdgeType.BINDS, "PersistentVolume"): Text("the claim stays Pending",
                                               "클레임이 Pending 상태에 머뭅니다"),
    (EdgeType.RESERVES, "PersistentVolumeClaim"): Text(
        "the volume stays reserved for a claim that never comes",
        "오지 않을 클레임을 위해 볼륨이 예약된 채로 남습니다"),
    (EdgeType.OWNED_BY, ""): Text("the garbage collector deletes this object",
                                  "가비지 컬렉터가 이 오브젝트를 삭제합니다"),
}

#: Workload kinds whose `spec.selector` the API server checks against the template labels.
SELECTOR_CHECKED_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
                          "ReplicationController", "Job")


def _consequence(edge: Edge, kind: str) -> Text:
    text = _CONSEQUENCE.get((edge.type, kind)) or _CONSEQUENCE.get((edge.type, ""))
    if text is None and edge.type == EdgeType.SCALES:
        text = Text("the autoscaler cannot scale anything (FailedGetScale)",
                    "오토스케일러가 아무것도 스케일할 수 없습니다(FailedGetScale)")
    return Text(f": {text.en}", f": {text.ko}") if text else Text("", "")


def _did_you_mean(ctx: Context, res: Resource, edge: Edge, kind: str, namespace: str,
                  name: str) -> tuple[Fix, str] | None:
    """The fix that renames the reference to the closest name of its kind, and that name."""
    ctx.depend(res.id, kind, namespace)
    by_length = _names_by_length(ctx, kind, namespace)
    # `closest` takes no name more than 3 characters longer or shorter
    guess = closest(name, [n for size in range(len(name) - 3, len(name) + 4)
                           for n in by_length.get(size, ())])
    if guess is None or edge.reference is None:
        return None
    return set_field(res, edge.reference.path, guess, Text(
        f"did you mean {kind} {guess}?",
        f"{kind_term(kind)} {guess}{euro_ro(guess)} 고칩니다")), guess


def _names_by_length(ctx: Context, kind: str, namespace: str) -> dict[int, list[str]]:
    """The names of the resources of `kind` in `namespace`, by length, once per run: each
    missing reference looked for its closest name among all of them (460 ConfigMaps in each
    namespace of the generated 50,000 resources), and most are too long or too short to be a
    typo of it."""
    found: dict[tuple[str, str], dict[int, list[str]]] = ctx.cache.setdefault(
        "rules_graph.names", {})
    by_length = found.get((kind, namespace))
    if by_length is None:
        by_length = found[kind, namespace] = {}
        for rid in ctx.index.ids(kind, namespace):
            res = ctx.resource(rid)
            if res is not None:
                by_length.setdefault(len(res.name), []).append(res.name)
    return by_length


def _replaced_by_claim_template(res: Resource, edge: Edge) -> bool:
    """A StatefulSet pod volume named like one of its volumeClaimTemplates is replaced by the
    per-replica claim; its own claimName never matters."""
    if res.kind != "StatefulSet" or edge.reference is None or edge.type != EdgeType.MOUNTS:
        return False
    templates = res.spec.get("volumeClaimTemplates")
    names = {get_path(t, ("metadata", "name")) for t in templates or () if isinstance(t, Mapping)}
    return edge.reference.get("volume") in names


def missing_references(ctx: Context) -> Iterator[Finding]:
    """`ref.missing`: a by-name reference whose target is neither in the document nor created
    by a controller. `optional: true` references and cluster-provided kinds only give info."""
    for res in ctx.targets():
        for edge in ctx.out_edges(res.id):
            if edge.category != EdgeCategory.REF or not ctx.graph.is_missing(edge.target) \
                    or edge.type in RBAC_EDGES:
                continue
            if _replaced_by_claim_template(res, edge):
                continue
            data = ctx.graph.node_data(edge.target)
            kind, ns, name = data["kind"], data["namespace"], data["name"]
            where = f" in namespace {ns}" if ns else ""
            where_ko = f"네임스페이스 {ns}에 " if ns else ""
            ref = edge.reference
            fix, guess = _did_you_mean(ctx, res, edge, kind, ns, name) or (None, "")
            hint = f" Did you mean {kind} {guess}?" if fix else ""
            hint_ko = f" 혹시 {kind_term(kind)} {guess}입니까?" if fix else ""
            what = kind_both(kind)
            if ref is not None and ref.optional:
                yield ctx.report(REF_MISSING_OPTIONAL, res, Text(
                    f"{kind} {name} is marked optional and is not in the document{where}; pods "
                    f"start without it.{hint}",
                    f"{what} {name}{eun_neun(name)} optional로 표시되어 있고 문서의 {where_ko}없습니다. 파드는 "
                    f"그것 없이 시작합니다.{hint_ko}"), edge.path, (edge.target,), fix)
            elif kind in CLUSTER_PROVIDED_KINDS or ref is not None and ref.get("provided"):
                yield ctx.report(REF_MISSING_CLUSTER, res, Text(
                    f"{kind} {name} is not in the document; the cluster must provide it.{hint}",
                    f"{what} {name}{i_ga(name)} 문서에 없습니다. 클러스터가 제공해야 합니다.{hint_ko}"),
                    edge.path, (edge.target,), fix)
            else:
                cons = _consequence(edge, kind)
                yield ctx.report(REF_MISSING, res, Text(
                    f"{kind} {name} does not exist{where}{cons.en}. Add it or fix the name.{hint}",
                    f"{what} {name}{i_ga(name)} {where_ko}없습니다{cons.ko}. 추가하거나 이름을 고쳐야 "
                    f"합니다.{hint_ko}"), edge.path, (edge.target,), fix)


def _selector_fix(ctx: Context, svc: Resource, selector: Selector) -> Fix | None:
    """Offer to label the most similar workload, or to re-aim the selector at it."""
    ns = effective_namespace(svc)
    ctx.depend(svc.id, POD_LABELS, ns)
    wanted = dict(selector.match_labels)
    # the most similar workload (most labels alike, then most keys shared); of equals, the
    # first in the canonical order (never by id), which is the order the owners are listed in
    found: tuple[tuple[int, int], Resource, Mapping[str, str]] | None = None
    for res, labels in _pod_owner_labels(ctx, ns):
        shared = len(wanted.keys() & labels.keys())
        if shared:
            score = (len(wanted.items() & labels.items()), shared)
            if found is None or score > found[0]:
                found = score, res, labels
    if found is None:
        return None
    _, target, labels = found
    missing = {k: v for k, v in wanted.items() if k not in labels}
    if all(labels.get(k) == v for k, v in wanted.items() if k in labels):
        return add_template_labels(target, missing)
    aimed = {k: labels[k] for k in wanted if k in labels}
    return set_field(svc, ("spec", "selector"), aimed, Text(
        f"change the selector to {format_labels(aimed)} (the pod labels of {target.label()})",
        f"셀렉터를 {format_labels(aimed)}{euro_ro(format_labels(aimed))} 바꿉니다({ko_label(target)}의 파드 레이블)"))


def service_selects_nothing(ctx: Context) -> Iterator[Finding]:
    """`service.selector.no-match`: a Service whose selector matches no pod template in its
    namespace gets no endpoints; traffic to it is refused."""
    for svc in ctx.targets("Service"):
        info = ctx.graph.selector_info(svc.id)
        if info is None or ctx.out_edges(svc.id, EdgeType.SELECTS):
            continue
        ns = effective_namespace(svc)
        ctx.depend(svc.id, POD_LABELS, ns)
        operator = operator_pods(ctx, svc, info.selector)
        if operator is not None:
            yield ctx.report(SERVICE_SELECTOR_OPERATOR_PODS, svc, Text(
                f"the selector {info.selector.describe()} matches no pod template in the "
                f"document, but {operator.label()} carries those labels: its operator probably "
                f"creates the pods.",
                f"셀렉터 {info.selector.describe()}{gwa_wa(info.selector.describe())} 일치하는 파드 템플릿이 문서에 없지만 "
                f"{ko_label(operator)}{i_ga(ko_label(operator))} 그 레이블을 가지고 있습니다. 아마 그 오퍼레이터가 파드를 "
                f"만듭니다."), info.path, (operator.id,))
            continue
        yield ctx.report(SERVICE_SELECTOR_NO_MATCH, svc, Text(
            f"the selector {info.selector.describe()} matches no pods in namespace {ns} in the "
            f"document: the Service gets no endpoints and connections to it fail.",
            f"셀렉터 {info.selector.describe()}{gwa_wa(info.selector.describe())} 일치하는 파드가 문서의 네임스페이스 {ns}에 "
            f"없습니다. 서비스에 엔드포인트가 생기지 않아 연결이 실패합니다."),
            info.path, fix=_selector_fix(ctx, svc, info.selector))


def _pod_owner_labels(ctx: Context, ns: str) -> list[tuple[Resource, Mapping[str, str]]]:
    """The pod owners of namespace `ns` with their pod labels (`template_labels`, as the wiring
    graph's index holds them), in the canonical order, once per run: each Service that selects
    nothing scores every pod owner of its namespace, and reading their templates again from
    the manifests, then ordering the best, cost 5 ms per such Service at 50,000 resources
    (0.45 s profiled for the 97 of the generated design)."""
    found: dict[str, list[tuple[Resource, Mapping[str, str]]]] = ctx.cache.setdefault(
        "rules_graph.pod_owner_labels", {})
    owners = found.get(ns)
    if owners is None:
        owners = [(res, ctx.graph.pod_labels(rid)) for rid in ctx.graph.pod_owners_in(ns)
                  if (res := ctx.resource(rid)) is not None]
        # (a stable sort of owners listed by id: two in one place stay in the order of ids)
        owners.sort(key=lambda owner: ctx.order_of(owner[0].id))
        found[ns] = owners
    return owners


_OPERATOR_LABEL_PATHS = (("metadata", "labels"), ("spec", "podMetadata", "labels"),
                         ("spec", "template", "metadata", "labels"))


def operator_pods(ctx: Context, res: Resource, selector: Selector) -> Resource | None:
    """A custom resource in the namespace whose labels the selector matches: an operator (the
    Prometheus operator, for example) creates pods for it that the document does not show."""
    ns = effective_namespace(res)
    ctx.depend(res.id, CUSTOM, ns)
    for custom in ctx.of_kind(CUSTOM, ns):
        for path in _OPERATOR_LABEL_PATHS:
            labels = get_path(custom.manifest, path)
            if isinstance(labels, Mapping) and labels and selector.matches(
                    {str(k): str(v) for k, v in labels.items()}):
                return custom
    return None


def workload_selector_mismatch(ctx: Context) -> Iterator[Finding]:
    """`workload.selector.template-mismatch`: the API server rejects a workload whose selector
    does not match its own pod template labels."""
    for res in ctx.targets(*SELECTOR_CHECKED_KINDS):
        if res.kind == "Job" and res.spec.get("manualSelector") is not True:
            continue  # the Job controller generates its selector and labels
        selector = own_selector(res)
        if selector is None or selector.is_empty:
            continue
        labels = template_labels(res)
        if selector.matches(labels):
            continue
        wanted = selector_to_labels(selector)
        needed = {k: v for k, v in wanted.items() if labels.get(k) != v}
        fix = add_template_labels(res, needed) if selector.matches({**labels, **needed}) else None
        path = kind_info(res.kind).selector or ("spec", "selector")
        shown = format_labels(labels) or "none"
        yield ctx.report(WORKLOAD_SELECTOR_TEMPLATE_MISMATCH, res, Text(
            f"the selector {selector.describe()} does not match the pod template labels "
            f"({shown}); the API server rejects it: `selector` does not match template `labels`.",
            f"셀렉터 {selector.describe()}{i_ga(selector.describe())} 파드 템플릿 레이블({shown})과 일치하지 않습니다. "
            f"API 서버가 거부합니다: `selector` does not match template `labels`."),
            path, fix=fix)


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(REF_MISSING, W, "A reference names a resource that is not in the document.",
         missing_references),
    Rule(REF_MISSING_OPTIONAL, INFO, "An optional reference names a resource that is not in the "
         "document.", missing_references),
    Rule(REF_MISSING_CLUSTER, INFO, "A StorageClass, IngressClass or similar cluster-provided "
         "resource is not in the document.", missing_references),
    Rule(SERVICE_SELECTOR_NO_MATCH, W, "A Service's selector matches no pods in its namespace.",
         service_selects_nothing),
    Rule(SERVICE_SELECTOR_OPERATOR_PODS, INFO, "A Service selects no pod template in the "
         "document, but a custom resource carries its labels (an operator creates the pods).",
         service_selects_nothing),
    Rule(WORKLOAD_SELECTOR_TEMPLATE_MISMATCH, E, "A workload's selector does not match its own "
         "pod template labels.", workload_selector_mismatch),
)
