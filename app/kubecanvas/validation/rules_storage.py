"""Storage wiring (catalogue section 15): PVC <-> PV binding explained with the PV controller's
rules, pre-binding by volumeName and claimRef checked both ways, one PV claimed twice, and a
ReadWriteOnce claim mounted by several replicas.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model import binding
from kubecanvas.model.kinds import effective_namespace, get_path, replicas
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding

NO_PROVISIONER = "kubernetes.io/no-provisioner"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _depend_on_storage(ctx: Context, rid: str) -> None:
    """A claim's verdict reads every PV and StorageClass (binding itself, which also depends on
    the other claims, reaches the claim through the graph's touched set)."""
    for kind in ("PersistentVolume", "StorageClass"):
        ctx.depend(rid, kind)


def _default_class(ctx: Context) -> str | None:
    if "default_class" not in ctx.cache:
        ctx.cache["default_class"] = binding.default_class(
            r.manifest for r in ctx.of_kind("StorageClass"))
    return ctx.cache["default_class"]  # type: ignore[no-any-return]


def _volumes(ctx: Context) -> list[binding.Volume]:
    """Every PV as the binding simulation sees it (the graph keeps them parsed between edits)."""
    if "volumes" not in ctx.cache:
        ctx.cache["volumes"] = ctx.graph.volumes()
    return ctx.cache["volumes"]  # type: ignore[no-any-return]


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


def _static_expected(ctx: Context, claim: binding.Claim, cls: str) -> bool:
    """True when nothing will provision a volume for the claim, so a PV must fit. An unset class
    with no default StorageClass in the document is left to the cluster's default class."""
    if claim.storage_class is None and _default_class(ctx) is None:
        return False
    if cls == "":
        return True
    classes = [r for r in ctx.of_kind("StorageClass") if r.name == cls]
    if classes:
        return any(r.manifest.get("provisioner") == NO_PROVISIONER for r in classes)
    return cls in _pv_classes(ctx)


def _is_bound(ctx: Context, node: str) -> bool:
    return any(e.type == EdgeType.BINDS for e in ctx.out_edges(node))


def _explain(ctx: Context, claim: binding.Claim) -> str:
    default = _default_class(ctx)
    scored = []
    for volume in _volumes(ctx):
        reasons = binding.mismatches(claim, volume, default)
        if reasons:
            scored.append((len(reasons), volume.name, "; ".join(reasons)))
    scored.sort()
    if not scored:
        return "the document has no PersistentVolume it could use"
    shown = " | ".join(f"{name}: {why}" for _, name, why in scored[:3])
    more = f" (and {len(scored) - 3} more)" if len(scored) > 3 else ""
    return f"no PersistentVolume fits: {shown}{more}"


def _claim_findings(ctx: Context, res: Resource, claim: binding.Claim, node: str,
                    path: tuple[str | int, ...]) -> Iterator[Finding]:
    _depend_on_storage(ctx, res.id)
    cls = binding.effective_class(claim, _default_class(ctx))
    if claim.volume_name:
        named = ctx.lookup("PersistentVolume", "", claim.volume_name)
        if not named:
            return  # ref.missing reports it
        volume = binding.volume_from_manifest(named[0].id, named[0].manifest)
        reasons = binding.mismatches(claim, volume, _default_class(ctx), check_selector=False)
        if reasons:
            yield ctx.report("pvc.volumeName.mismatch", res,
                             f"it names PersistentVolume {volume.name}, which cannot bind it: "
                             f"{'; '.join(reasons)}; the claim stays Pending.",
                             (*path, "volumeName"), (volume.node,))
        return
    if _is_bound(ctx, node) or not _static_expected(ctx, claim, cls):
        return
    shown = f'"{cls}"' if cls else '"" (no class, so nothing provisions one)'
    yield ctx.report("pvc.binding.no-match", res,
                     f"the claim (class {shown}) cannot bind: {_explain(ctx, claim)}; it stays "
                     f"Pending.", path)


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
            template = _map(get_path(sts.manifest, ("spec", "volumeClaimTemplates", index)))
            claim = binding.claim_from_spec(edge.target, effective_namespace(sts),
                                            edge.reference.name, _map(template.get("metadata")),
                                            _map(template.get("spec")))
            # A binding change of a generated claim reaches the StatefulSet through the graph's
            # touched set (WiringGraph._recompute_binding reports the claim's owner); PVs and
            # StorageClasses are declared by _claim_findings.
            found = list(_claim_findings(ctx, sts, claim, edge.target,
                                         ("spec", "volumeClaimTemplates", index, "spec")))
            if found:
                reported.add(index)  # one per template: every replica's claim is alike
                yield found[0]


def volume_claims(ctx: Context) -> Iterator[Finding]:
    """`pv.claimRef.mismatch`, `pv.claimed-twice`: pre-binding seen from the volume."""
    for res in ctx.targets("PersistentVolume"):
        claimers = [e for e in ctx.in_edges(res.id, EdgeType.BINDS) if e.field == "spec.volumeName"]
        if len(claimers) > 1:
            yield ctx.report("pv.claimed-twice", res,
                             f"{len(claimers)} claims name this volume in spec.volumeName; only "
                             f"one can bind it, the others stay Pending.", ("metadata", "name"),
                             tuple(e.source for e in claimers))
        for edge in ctx.out_edges(res.id, EdgeType.RESERVES):
            pvc = ctx.resource(edge.target)
            if pvc is None:
                continue
            volume_name = pvc.spec.get("volumeName")
            if volume_name and volume_name != res.name:
                yield ctx.report("pv.claimRef.mismatch", res,
                                 f"claimRef reserves this volume for {pvc.label()}, but that "
                                 f"claim names PersistentVolume {volume_name}; both stay "
                                 f"unbound.", edge.path, (pvc.id,))
                continue
            _depend_on_storage(ctx, res.id)
            claim = binding.claim_from_spec(pvc.id, effective_namespace(pvc), pvc.name,
                                            pvc.metadata, pvc.spec)
            volume = binding.volume_from_manifest(res.id, res.manifest)
            reasons = binding.mismatches(claim, volume, _default_class(ctx), check_selector=False)
            if reasons:
                yield ctx.report("pv.claimRef.mismatch", res,
                                 f"claimRef reserves this volume for {pvc.label()}, which it "
                                 f"cannot satisfy: {'; '.join(reasons)}.", edge.path, (pvc.id,))


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
        effect = ("the second pod cannot start (ReadWriteOncePod)" if "ReadWriteOncePod" in modes
                  else "pods on a second node fail with a Multi-Attach error")
        yield ctx.report("pvc.rwo.shared", res,
                         f"{pods if users[0].kind != 'DaemonSet' else 'several'} pods mount "
                         f"this {'/'.join(sorted(modes))} claim ({names}): {effect}; use "
                         f"ReadWriteMany storage or a StatefulSet's volumeClaimTemplates.",
                         ("spec", "accessModes"), tuple(u.id for u in users))
