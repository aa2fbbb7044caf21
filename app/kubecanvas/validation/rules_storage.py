"""Storage wiring (catalogue section 15): PVC <-> PV binding explained with the PV controller's
rules, pre-binding by volumeName and claimRef checked both ways, one PV claimed twice, and a
ReadWriteOnce claim mounted by several replicas.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from weakref import WeakKeyDictionary

from kubecanvas.model import binding
from kubecanvas.model.fields import as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, get_path, replicas
from kubecanvas.model.korean import eul_reul, euro_ro, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.context import ANY_NAMESPACE, Context, DependencyKey, name_key
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import ko_label, set_field
from kubecanvas.validation.rule import Rule, RuleId, W
from kubecanvas.validation.volume_fit import VolumeFit, fit_key

# --- the rule ids this module reports ------------------------------------------------------------
PVC_BINDING_NO_MATCH = RuleId("pvc.binding.no-match")
PVC_VOLUME_NAME_MISMATCH = RuleId("pvc.volumeName.mismatch")
PV_CLAIM_REF_MISMATCH = RuleId("pv.claimRef.mismatch")
PV_CLAIMED_TWICE = RuleId("pv.claimed-twice")
PV_CLAIM_REF_NAMESPACE = RuleId("pv.claimRef.namespace")
PVC_RWO_SHARED = RuleId("pvc.rwo.shared")

NO_PROVISIONER = "kubernetes.io/no-provisioner"



def _depend_on_storage(ctx: Context, rid: str, claim: binding.Claim) -> None:
    """A verdict that reads every StorageClass and what the PVs say of an unbound claim (which
    volumes fit it, which come closest): the answer for its shape (`VolumeFit.sync` says when
    that changed), or every PV for a claim with an answer of its own. Binding itself, which
    also depends on the other claims, reaches the claim through the graph's touched set."""
    ctx.depend(rid, "StorageClass")
    shape = _volume_fit(ctx).shape(claim, _default_class(ctx))
    ctx.depend(rid, "PersistentVolume" if shape is None else fit_key(shape))


def volume_fit_changes(graph: WiringGraph, versions: Iterable[Resource]
                       ) -> set[DependencyKey]:
    """The shapes' answers (`fit_key`) that changed with the PVs among `versions` (the
    resources an edit changed, as they were and are): the engine re-checks the verdicts that
    read them (`DERIVED_KEYS`)."""
    fit = _FITS.get(graph)
    if fit is None or not any(res.kind == "PersistentVolume" for res in versions):
        return set()
    return {(fit_key(shape), ANY_NAMESPACE) for shape in fit.sync(graph.binding_volumes())}


#: dependency keys an edit reaches through a value worked out from many resources (see
#: `registry.DERIVED_KEYS`)
DERIVED_KEYS = (volume_fit_changes,)


def _depend_on_classes(ctx: Context, rid: str) -> None:
    """A verdict that reads only the StorageClasses (the default class) besides the volume or
    claim at the other end of its own wire. Declaring every PV too made an edit of one PV's
    capacity re-check every claim, volume and StatefulSet of 15,000 resources (2,990 of
    them, 0.6 s)."""
    ctx.depend(rid, "StorageClass")


def _default_class(ctx: Context) -> str | None:
    if "default_class" not in ctx.cache:
        ctx.cache["default_class"] = binding.default_class(
            r.manifest for r in ctx.of_kind("StorageClass"))
    return ctx.cache["default_class"]  # type: ignore[no-any-return]


#: each graph's volumes grouped for `_explain`, kept from one check to the next
_FITS: WeakKeyDictionary[WiringGraph, VolumeFit] = WeakKeyDictionary()


def _volume_fit(ctx: Context) -> VolumeFit:
    """Every PV as the binding simulation sees it (the graph keeps them parsed between edits),
    grouped by what binding compares; once per check, brought up to date with the volumes that
    changed since the last (`VolumeFit.sync`)."""
    if "volume_fit" not in ctx.cache:
        volumes = ctx.graph.binding_volumes()
        fit = _FITS.get(ctx.graph)
        if fit is None:
            fit = _FITS[ctx.graph] = VolumeFit(volumes)
        else:
            fit.sync(volumes)
        ctx.cache["volume_fit"] = fit
    return ctx.cache["volume_fit"]  # type: ignore[no-any-return]


def _pv_classes(ctx: Context) -> set[str]:
    if "pv_classes" not in ctx.cache:
        classes = set()
        for res in ctx.of_kind("PersistentVolume"):
            annotations = res.metadata.get("annotations")
            value = (annotations.get(binding.CLASS_ANNOTATION) if isinstance(annotations, Mapping)
                     else None) or res.spec.get("storageClassName") or ""
            classes.add(str(value))
        ctx.cache["pv_classes"] = classes
    return ctx.cache["pv_classes"]  # type: ignore[no-any-return]


def _static_expected(ctx: Context, claim: binding.Claim, cls: str, rid: str) -> bool:
    """True when nothing will provision a volume for the claim, so a PV must fit. An unset class
    with no default StorageClass in the document is left to the cluster's default class.
    (`rid`: whose verdict this is, when it reads the volumes' classes.)"""
    if claim.storage_class is None and _default_class(ctx) is None:
        return False
    if cls == "":
        return True
    classes = [r for r in ctx.of_kind("StorageClass") if r.name == cls]
    if classes:
        return any(r.manifest.get("provisioner") == NO_PROVISIONER for r in classes)
    ctx.depend(rid, "PersistentVolume")
    return cls in _pv_classes(ctx)


def _is_bound(ctx: Context, node: str) -> bool:
    return any(e.type == EdgeType.BINDS for e in ctx.out_edges(node))


def _explain(ctx: Context, claim: binding.Claim) -> Text:
    """Why no volume is left for `claim`: the volumes that fit it went to other claims, and the
    reasons of `binding.mismatches` for those closest to fitting."""
    (scored, count), (fitting, fit_count) = _volume_fit(ctx).explained(claim, _default_class(ctx))
    if not scored and not fit_count:
        return Text("the document has no PersistentVolume it could use",
                    "문서에 쓸 수 있는 퍼시스턴트볼륨이 없습니다")
    shown = " | ".join(f"{name}: {why}" for _, name, why, _ in scored)
    shown_ko = " | ".join(f"{name}: {why}" for _, name, _, why in scored)
    more = f" (and {count - 3} more)" if count > 3 else ""
    more_ko = f" (외 {count - 3}개)" if count > 3 else ""
    if not fit_count:
        return Text(f"no PersistentVolume fits: {shown}{more}",
                    f"맞는 퍼시스턴트볼륨이 없습니다: {shown_ko}{more_ko}")
    names = ", ".join(fitting) + (", …" if fit_count > len(fitting) else "")
    if fit_count == 1:
        taken = Text(f"PersistentVolume {names} fits it, but another claim binds it",
                     f"퍼시스턴트볼륨 {names}{i_ga(names)} 맞지만, 다른 클레임이 그 볼륨에 "
                     "바인딩됩니다")
    else:
        taken = Text(f"the {fit_count} PersistentVolumes that fit it ({names}) are all bound to "
                     "other claims",
                     f"맞는 퍼시스턴트볼륨 {fit_count}개({names})가 모두 다른 클레임에 "
                     "바인딩됩니다")
    if not scored:
        return Text(f"{taken.en}; add a PersistentVolume for it",
                    f"{taken.ko}. 이 클레임을 위한 퍼시스턴트볼륨을 추가하세요")
    return Text(f"{taken.en}, and no other fits: {shown}{more}",
                f"{taken.ko}. 다른 볼륨은 맞지 않습니다: {shown_ko}{more_ko}")


def _claim_findings(ctx: Context, res: Resource, claim: binding.Claim, node: str,
                    path: tuple[str | int, ...]) -> Iterator[Finding]:
    _depend_on_classes(ctx, res.id)
    cls = binding.effective_class(claim, _default_class(ctx))
    if claim.volume_name:
        ctx.depend(res.id, name_key("PersistentVolume", claim.volume_name), "")
        named = ctx.lookup("PersistentVolume", "", claim.volume_name)
        if not named:
            return  # ref.missing reports it
        volume = binding.volume_from_manifest(named[0].id, named[0].manifest)
        reasons = binding.mismatches(claim, volume, _default_class(ctx), check_selector=False)
        if reasons:
            yield ctx.report(PVC_VOLUME_NAME_MISMATCH, res, Text(
                f"it names PersistentVolume {volume.name}, which cannot bind it: "
                f"{'; '.join(reasons)}; the claim stays Pending.",
                f"퍼시스턴트볼륨 {volume.name}{eul_reul(volume.name)} 지정하지만 그 볼륨에 바인딩될 수 없습니다: "
                f"{'; '.join(r.ko for r in reasons)}. 클레임이 Pending 상태에 머뭅니다."),
                (*path, "volumeName"), (volume.node,))
        return
    if _is_bound(ctx, node) or not _static_expected(ctx, claim, cls, res.id):
        return  # (a binding that changes touches the claim: see `claim_binding`)
    _depend_on_storage(ctx, res.id, claim)  # which volume could fit it
    shown = f'"{cls}"' if cls else '"" (no class, so nothing provisions one)'
    shown_ko = f'"{cls}"' if cls else '""(클래스가 없어 아무것도 프로비저닝하지 않습니다)'
    why = _explain(ctx, claim)
    yield ctx.report(PVC_BINDING_NO_MATCH, res, Text(
        f"the claim (class {shown}) cannot bind: {why.en}; it stays Pending.",
        f"클레임(클래스 {shown_ko})이 바인딩될 수 없습니다: {why.ko}. Pending 상태에 머뭅니다."), path)


def claim_binding(ctx: Context) -> Iterator[Finding]:
    """`pvc.binding.no-match`, `pvc.volumeName.mismatch`: claims that will stay Pending."""
    for res in ctx.targets("PersistentVolumeClaim"):
        claim = binding.claim_from_spec(res.id, effective_namespace(res), res.name,
                                        res.metadata, res.spec)
        yield from _claim_findings(ctx, res, claim, res.id, ("spec",))
    for sts in ctx.targets("StatefulSet"):
        reported: set[int] = set()
        for edge in ctx.out_edges(sts.id, EdgeType.CREATES):
            if not ctx.graph.is_generated(edge.target) or edge.reference is None:
                continue
            index = edge.reference.get("template")
            if index in reported:
                continue
            template = as_mapping(get_path(sts.manifest, ("spec", "volumeClaimTemplates", index)))
            claim = binding.claim_from_spec(edge.target, effective_namespace(sts),
                                            edge.reference.name,
                                            as_mapping(template.get("metadata")),
                                            as_mapping(template.get("spec")))
            # A binding change of a generated claim reaches the StatefulSet through the graph's
            # touched set (GraphBinding.recompute reports the claim's owner); PVs and
            # StorageClasses are declared by _claim_findings.
            found = list(_claim_findings(ctx, sts, claim, edge.target,
                                         ("spec", "volumeClaimTemplates", index, "spec")))
            if found:
                reported.add(index)  # one per template: every replica's claim is alike
                yield found[0]


def volume_claims(ctx: Context) -> Iterator[Finding]:
    """`pv.claimRef.mismatch`, `pv.claimed-twice`, `pv.claimRef.namespace`: pre-binding seen
    from the volume."""
    for res in ctx.targets("PersistentVolume"):
        found = _claim_ref_without_namespace(ctx, res)
        if found is not None:
            yield found
            continue
        claimers = [e for e in ctx.in_edges(res.id, EdgeType.BINDS) if e.field == "spec.volumeName"]
        if len(claimers) > 1:
            yield ctx.report(PV_CLAIMED_TWICE, res, Text(
                f"{len(claimers)} claims name this volume in spec.volumeName; only one can bind "
                f"it, the others stay Pending.",
                f"클레임 {len(claimers)}개가 spec.volumeName에 이 볼륨을 지정합니다. 하나만 바인딩되고 "
                f"나머지는 Pending 상태에 머뭅니다."), ("metadata", "name"),
                             tuple(e.source for e in claimers))
        for edge in ctx.out_edges(res.id, EdgeType.RESERVES):
            pvc = ctx.resource(edge.target)
            if pvc is None:
                continue
            volume_name = pvc.spec.get("volumeName")
            if volume_name and volume_name != res.name:
                yield ctx.report(PV_CLAIM_REF_MISMATCH, res, Text(
                    f"claimRef reserves this volume for {pvc.label()}, but that claim names "
                    f"PersistentVolume {volume_name}; both stay unbound.",
                    f"claimRef가 이 볼륨을 {ko_label(pvc)}에 예약하지만 그 클레임은 퍼시스턴트 "
                    f"볼륨 {volume_name}{eul_reul(volume_name)} 지정합니다. 둘 다 바인딩되지 않습니다."),
                    edge.path, (pvc.id,))
                continue
            _depend_on_classes(ctx, res.id)  # this volume against its claim, a neighbour
            claim = binding.claim_from_spec(pvc.id, effective_namespace(pvc), pvc.name,
                                            pvc.metadata, pvc.spec)
            volume = binding.volume_from_manifest(res.id, res.manifest)
            reasons = binding.mismatches(claim, volume, _default_class(ctx), check_selector=False)
            if reasons:
                yield ctx.report(PV_CLAIM_REF_MISMATCH, res, Text(
                    f"claimRef reserves this volume for {pvc.label()}, which it cannot "
                    f"satisfy: {'; '.join(reasons)}.",
                    f"claimRef가 이 볼륨을 {ko_label(pvc)}에 예약하지만 볼륨이 그 클레임을 "
                    f"충족하지 못합니다: {'; '.join(r.ko for r in reasons)}."), edge.path, (pvc.id,))


def _claim_ref_without_namespace(ctx: Context, res: Resource) -> Finding | None:
    """A claimRef with a name and no namespace reserves the volume for a claim that cannot
    exist: the PV controller compares `claimRef.namespace` with the claim's namespace exactly
    (`IsVolumeBoundToClaim`), and every claim has one."""
    claim_ref = res.spec.get("claimRef")
    if not isinstance(claim_ref, Mapping) or not claim_ref.get("name") or \
            claim_ref.get("namespace"):
        return None
    name = str(claim_ref["name"])
    # the fix names the namespace of the one claim with that name, when there is just one
    ctx.depend(res.id, "PersistentVolumeClaim")
    claims = [c for c in ctx.of_kind("PersistentVolumeClaim") if c.name == name]
    namespaces = sorted({effective_namespace(c) for c in claims})
    namespace = namespaces[0] if len(namespaces) == 1 else "default"
    fix = set_field(res, ("spec", "claimRef", "namespace"), namespace, Text(
        f"set claimRef.namespace to {namespace}", f"claimRef.namespace를 {namespace}{euro_ro(namespace)} 설정"))
    return ctx.report(PV_CLAIM_REF_NAMESPACE, res, Text(
        f"claimRef names claim {name} without a namespace; the PV controller matches the "
        f"namespace exactly, so no claim ever binds this volume and every other claim skips "
        f"it. Add namespace: {namespace}.",
        f"claimRef가 네임스페이스 없이 클레임 {name}{eul_reul(name)} 지정합니다. PV 컨트롤러는 네임스페이스를 "
        f"정확히 비교하므로 어떤 클레임도 이 볼륨에 바인딩되지 않고 다른 클레임도 모두 건너뜁니다. "
        f"namespace: {namespace}{eul_reul(namespace)} 추가해야 합니다."),
        ("spec", "claimRef"), tuple(c.id for c in claims), fix)


def shared_claims(ctx: Context) -> Iterator[Finding]:
    """`pvc.rwo.shared`: a ReadWriteOnce(Pod) claim mounted by more than one pod."""
    for res in ctx.targets("PersistentVolumeClaim"):
        modes = set(res.spec.get("accessModes") or ()) if isinstance(
            res.spec.get("accessModes"), list) else set()
        if not modes or modes - {"ReadWriteOnce", "ReadWriteOncePod"}:
            continue
        users = [u for u in (ctx.resource(e.source) for e in ctx.in_edges(res.id, EdgeType.MOUNTS))
                 if u is not None]
        pods = sum(2 if u.kind == "DaemonSet" else replicas(u) for u in users)
        if pods <= 1:
            continue
        names = ", ".join(u.label() for u in users)
        names_ko = ", ".join(ko_label(u) for u in users)
        effect = Text("the second pod cannot start (ReadWriteOncePod)",
                      "두 번째 파드가 시작하지 못합니다(ReadWriteOncePod)") \
            if "ReadWriteOncePod" in modes else \
            Text("pods on a second node fail with a Multi-Attach error",
                 "두 번째 노드의 파드가 Multi-Attach 오류로 실패합니다")
        daemon = users[0].kind == 'DaemonSet'
        count = pods if not daemon else 'several'
        count_ko = f"파드 {pods}개" if not daemon else "여러 파드"
        modes_shown = '/'.join(sorted(modes))
        yield ctx.report(PVC_RWO_SHARED, res, Text(
            f"{count} pods mount this {modes_shown} claim ({names}): {effect.en}; use "
            f"ReadWriteMany storage or a StatefulSet's volumeClaimTemplates.",
            f"{count_ko}{i_ga(count_ko)} 이 {modes_shown} 클레임을 마운트합니다({names_ko}): {effect.ko}. "
            f"ReadWriteMany 스토리지나 스테이트풀셋의 volumeClaimTemplates를 써야 합니다."),
            ("spec", "accessModes"), tuple(u.id for u in users))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(PVC_BINDING_NO_MATCH, W, "A claim that needs a static PersistentVolume finds none free "
         "that fits: those that fit are bound to other claims, and the others are explained per "
         "PV.", claim_binding),
    Rule(PVC_VOLUME_NAME_MISMATCH, W, "A claim's volumeName names a PersistentVolume that cannot "
         "satisfy it.", claim_binding),
    Rule(PV_CLAIM_REF_MISMATCH, W, "A PersistentVolume's claimRef reserves it for a claim that "
         "cannot or will not bind it.", volume_claims),
    Rule(PV_CLAIMED_TWICE, W, "Several claims name the same PersistentVolume.", volume_claims),
    Rule(PV_CLAIM_REF_NAMESPACE, W, "A PersistentVolume's claimRef has a name but no namespace, "
         "so no claim can ever bind it.", volume_claims),
    Rule(PVC_RWO_SHARED, W, "A ReadWriteOnce claim is mounted by more than one pod.",
         shared_claims),
)
