"""The findings that come straight from the wiring graph: references to resources that do not
exist, Services that select no pods, workloads whose selector misses their own template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from kubecanvas.model.graph import Edge, own_selector
from kubecanvas.model.kinds import effective_namespace, get_path, kind_info, template_labels
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import Selector, format_labels, selector_to_labels
from kubecanvas.validation.context import CUSTOM, PODS, Context
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.fixes import add_template_labels, closest, set_field

#: Kinds a cluster usually provides itself: a reference to one that is not in the document is
#: advice, not a defect.
CLUSTER_PROVIDED = frozenset({"StorageClass", "IngressClass", "PriorityClass", "RuntimeClass"})

_CONSEQUENCE = {
    (EdgeType.MOUNTS, "ConfigMap"): "its pods stay in ContainerCreating (FailedMount)",
    (EdgeType.MOUNTS, "Secret"): "its pods stay in ContainerCreating (FailedMount)",
    (EdgeType.MOUNTS, "PersistentVolumeClaim"): "its pods stay Pending "
                                                "(persistentvolumeclaim not found)",
    (EdgeType.ENV, "ConfigMap"): "its containers fail with CreateContainerConfigError",
    (EdgeType.ENV, "Secret"): "its containers fail with CreateContainerConfigError",
    (EdgeType.PULLS, "Secret"): "images are pulled without these credentials",
    (EdgeType.RUNS_AS, "ServiceAccount"): "the API server refuses to create its pods "
                                          "(service account not found)",
    (EdgeType.ROUTES, "Service"): "the ingress controller answers 503 for this backend",
    (EdgeType.TLS, "Secret"): "the ingress controller serves its default certificate",
    (EdgeType.GOVERNS, "Service"): "its pods get no stable DNS names",
    (EdgeType.BINDS, "PersistentVolume"): "the claim stays Pending",
    (EdgeType.RESERVES, "PersistentVolumeClaim"): "the volume stays reserved for a claim "
                                                  "that never comes",
    (EdgeType.OWNED_BY, ""): "the garbage collector deletes this object",
}

#: Workload kinds whose `spec.selector` the API server checks against the template labels.
SELECTOR_CHECKED_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet",
                          "ReplicationController", "Job")


def _consequence(edge: Edge, kind: str) -> str:
    text = _CONSEQUENCE.get((edge.type, kind)) or _CONSEQUENCE.get((edge.type, ""))
    if text is None and edge.type == EdgeType.SCALES:
        text = "the autoscaler cannot scale anything (FailedGetScale)"
    return f": {text}" if text else ""


def _did_you_mean(ctx: Context, res: Resource, edge: Edge, kind: str, namespace: str,
                  name: str) -> Fix | None:
    ctx.depend(res.id, kind, namespace)
    names = [r.name for r in ctx.of_kind(kind, namespace)]
    guess = closest(name, names)
    if guess is None or edge.reference is None:
        return None
    return set_field(res, edge.reference.path, guess, f"did you mean {kind} {guess}?")


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
            if edge.category != "ref" or not ctx.graph.is_missing(edge.target):
                continue
            if _replaced_by_claim_template(res, edge):
                continue
            data = ctx.graph.node_data(edge.target)
            kind, ns, name = data["kind"], data["namespace"], data["name"]
            where = f" in namespace {ns}" if ns else ""
            ref = edge.reference
            fix = _did_you_mean(ctx, res, edge, kind, ns, name)
            hint = f" Did you mean {kind} {fix.description.rsplit(' ', 1)[-1]}" if fix else ""
            if ref is not None and ref.optional:
                yield ctx.report("ref.missing.optional", res,
                                 f"{kind} {name} is marked optional and is not in the "
                                 f"document{where}; pods start without it.{hint}",
                                 edge.path, (edge.target,), fix)
            elif kind in CLUSTER_PROVIDED:
                yield ctx.report("ref.missing.cluster", res,
                                 f"{kind} {name} is not in the document; the cluster must "
                                 f"provide it.{hint}", edge.path, (edge.target,), fix)
            else:
                yield ctx.report("ref.missing", res,
                                 f"{kind} {name} does not exist{where}"
                                 f"{_consequence(edge, kind)}. Add it or fix the name.{hint}",
                                 edge.path, (edge.target,), fix)


def _selector_fix(ctx: Context, svc: Resource, selector: Selector) -> Fix | None:
    """Offer to label the most similar workload, or to re-aim the selector at it."""
    ns = effective_namespace(svc)
    ctx.depend(svc.id, PODS, ns)
    wanted = dict(selector.match_labels)
    best: tuple[int, int, str, Resource] | None = None
    for rid in ctx.graph.pod_owners_in(ns):
        res = ctx.resource(rid)
        if res is None:
            continue
        labels = template_labels(res)
        same = sum(1 for k, v in wanted.items() if labels.get(k) == v)
        shared = sum(1 for k in wanted if k in labels)
        if shared and (best is None or (same, shared) > best[:2]):
            best = (same, shared, res.name, res)
    if best is None:
        return None
    target = best[3]
    labels = template_labels(target)
    missing = {k: v for k, v in wanted.items() if k not in labels}
    if all(labels.get(k) == v for k, v in wanted.items() if k in labels):
        return add_template_labels(target, missing)
    aimed = {k: labels[k] for k in wanted if k in labels}
    return set_field(svc, ("spec", "selector"), aimed,
                     f"change the selector to {format_labels(aimed)} "
                     f"(the pod labels of {target.label()})")


def service_selects_nothing(ctx: Context) -> Iterator[Finding]:
    """`service.selector.no-match`: a Service whose selector matches no pod template in its
    namespace gets no endpoints; traffic to it is refused."""
    for svc in ctx.targets("Service"):
        info = ctx.graph.selector_info(svc.id)
        if info is None or ctx.out_edges(svc.id, EdgeType.SELECTS):
            continue
        ns = effective_namespace(svc)
        ctx.depend(svc.id, PODS, ns)
        operator = operator_pods(ctx, svc, info.selector)
        if operator is not None:
            yield ctx.report(
                "service.selector.operator-pods", svc,
                f"the selector {info.selector.describe()} matches no pod template in the "
                f"document, but {operator.label()} carries those labels: its operator probably "
                f"creates the pods.", info.path, (operator.id,))
            continue
        yield ctx.report(
            "service.selector.no-match", svc,
            f"the selector {info.selector.describe()} matches no pods in namespace {ns} in the "
            f"document: the Service gets no endpoints and connections to it fail.",
            info.path, fix=_selector_fix(ctx, svc, info.selector))


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
        yield ctx.report(
            "workload.selector.template-mismatch", res,
            f"the selector {selector.describe()} does not match the pod template labels "
            f"({shown}); the API server rejects it: `selector` does not match template `labels`.",
            path, fix=fix)
