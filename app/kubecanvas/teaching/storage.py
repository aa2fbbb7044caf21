"""What happens to a PersistentVolumeClaim: the volume it binds, or the one that gets provisioned.

Binding is the model's (`kubecanvas.model.binding`, the PV controller's rules); this module turns
its answer into a verdict per PersistentVolume, in words: the one that binds, and for every other
one why not (class, access modes, capacity, volume mode, selector, reserved, already taken). With
no fitting PV and a StorageClass, the class's provisioner creates a volume for the claim instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from kubecanvas.model import binding
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.references import EdgeType
from kubecanvas.teaching.cluster import Highlight


@dataclass(frozen=True)
class VolumeVerdict:
    """One PersistentVolume judged against the claim."""

    volume: str
    name: str
    binds: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ClaimSimulation:
    """The outcome for one claim.

    Attributes:
        claim: the claim's id (or generated node id, for a StatefulSet's claim).
        outcome: 'bound' (to an existing PV), 'provisioned' (a new PV from the StorageClass)
            or 'pending' (nothing will satisfy it).
        volume: id of the PV it binds, when bound.
        how: 'volumeName', 'claimRef' or 'match' when bound.
        storage_class: the class after defaulting ('' = no class: static volumes only).
        provisioner: the StorageClass's provisioner, when provisioned.
        verdicts: every PV in the diagram, the binding one first.
        explanation: the outcome in one or two sentences.
    """

    claim: str
    name: str
    outcome: str
    volume: str | None
    how: str | None
    storage_class: str
    provisioner: str | None
    verdicts: tuple[VolumeVerdict, ...]
    explanation: str
    highlight: Highlight


def _claim(graph: WiringGraph, claim_id: str) -> binding.Claim:
    for claim in graph.claims():
        if claim.node == claim_id:
            return claim
    raise KeyError(f"{claim_id} is not a PersistentVolumeClaim of the diagram")


def _provisioning(doc: Document, graph: WiringGraph,
                  cls: str) -> tuple[str, str | None, str, tuple[str, ...]]:
    """(outcome, provisioner, explanation, StorageClass ids) when no existing PV is taken."""
    found = graph.lookup("StorageClass", "", cls) if cls else []
    if not cls:
        return ("pending", None, "No PersistentVolume fits and the claim asks for no class "
                '(storageClassName ""), so nothing will be provisioned: it stays Pending.', ())
    if not found:
        return ("provisioned", None, f"No PersistentVolume fits; StorageClass {cls} (not in the "
                "diagram, so the cluster must have it) provisions a new volume for the claim.",
                ())
    sc = doc.get(found[0]).manifest
    provisioner = str(sc.get("provisioner") or "")
    reclaim = str(sc.get("reclaimPolicy") or "Delete")
    when = str(sc.get("volumeBindingMode") or "Immediate")
    text = (f"No PersistentVolume fits, so StorageClass {cls} asks its provisioner "
            f"{provisioner or '(unset)'} for a new volume")
    if provisioner == "kubernetes.io/no-provisioner":
        return ("pending", None, f"No PersistentVolume fits, and StorageClass {cls} has no "
                "provisioner (kubernetes.io/no-provisioner): the claim stays Pending until a "
                "matching PV is created by hand.", (found[0],))
    text += (", once a pod using the claim is scheduled (WaitForFirstConsumer)"
             if when == "WaitForFirstConsumer" else " right away (Immediate)")
    text += f". The new PV gets reclaimPolicy {reclaim}."
    return "provisioned", provisioner, text, (found[0],)


def simulate_claim(doc: Document, graph: WiringGraph, claim_id: str) -> ClaimSimulation:
    """Which PV the claim binds and why every other PV does not; or dynamic provisioning."""
    claim = _claim(graph, claim_id)
    default = graph.default_storage_class()
    cls = binding.effective_class(claim, default)
    volumes = graph.volumes()
    result = binding.simulate(graph.claims(), volumes, default)
    mine = next((b for b in result if b.claim == claim_id), None)
    taken = {b.volume: b.claim for b in result if b.claim != claim_id}
    claim_names = {c.node: f"{c.namespace}/{c.name}" for c in graph.claims()}
    verdicts = []
    for volume in volumes:
        if mine is not None and volume.node == mine.volume:
            continue
        reasons = binding.mismatches(claim, volume, default)
        if volume.node in taken and not reasons:
            reasons = [f"already bound to claim {claim_names.get(taken[volume.node], '?')}"]
        if not reasons and mine is not None:
            reasons = ["it fits too, but a smaller fitting volume was chosen first"]
        verdicts.append(VolumeVerdict(volume.node, volume.name, False, tuple(reasons)))
    related: tuple[str, ...] = ()
    if mine is not None:
        bound = next(v for v in volumes if v.node == mine.volume)
        verdicts.insert(0, VolumeVerdict(bound.node, bound.name, True, ()))
        how = {"volumeName": "its spec.volumeName names it",
               "claimRef": "the PV's claimRef reserves it for this claim",
               "match": "it is the smallest Available PV whose class, access modes, capacity "
                        "and volume mode fit"}[mine.how]
        outcome, provisioner, text = "bound", None, f"Binds PersistentVolume {bound.name}: {how}."
    else:
        outcome, provisioner, text, related = _provisioning(doc, graph, cls)
    edges = [e for e in graph.out_edges(claim_id) if e.type in (EdgeType.BINDS, EdgeType.CLASS)]
    resources = tuple(dict.fromkeys((claim_id, *(e.target for e in edges), *related)))
    return ClaimSimulation(claim_id, claim.name, outcome, mine.volume if mine else None,
                           mine.how if mine else None, cls, provisioner, tuple(verdicts), text,
                           Highlight(resources, tuple((e.source, e.target, e.key) for e in edges)))
