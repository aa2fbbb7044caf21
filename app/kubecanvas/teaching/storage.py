"""What happens to a PersistentVolumeClaim: the volume it binds, or the one that gets provisioned.

Binding is the model's (`kubecanvas.model.binding`, the PV controller's rules); this module turns
its answer into a verdict per PersistentVolume, in words: the one that binds, and for every other
one why not (class, access modes, capacity, volume mode, selector, reserved, already taken). With
no fitting PV and a StorageClass, the class's provisioner creates a volume for the claim instead.

`binding.mismatches` gives the reasons in English and Korean (`Text`), one per rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model import binding
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.korean import eul_reul, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.teaching.cluster import Highlight
from kubecanvas.teaching.text import Text


@dataclass(frozen=True)
class VolumeVerdict:
    """One PersistentVolume judged against the claim; `reasons` are `Text` sentences."""

    volume: str
    name: str
    binds: bool
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ClaimSimulation:
    """The outcome for one claim.

    Attributes:
        claim: the claim's id (or generated node id, for a StatefulSet's claim).
        outcome: 'bound' (to an existing PV), 'provisioned' (a new PV from the StorageClass),
            'default-class' (the claim leaves its class to the cluster's default, which the
            design does not show) or 'pending' (nothing will satisfy it).
        volume: id of the PV it binds, when bound.
        how: 'volumeName', 'claimRef' or 'match' when bound.
        storage_class: the class after defaulting ('' = no class: static volumes only).
        provisioner: the StorageClass's provisioner, when provisioned.
        verdicts: every PV in the diagram, the binding one first.
        explanation: the outcome in one or two sentences (a `Text`).
        on_delete: what deleting the claim does to the bound volume and its data (a `Text`).
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
    on_delete: str | None = None


def verdict_reasons(claim: binding.Claim, volume: binding.Volume,
                    default: str | None) -> list[Text]:
    """Why `volume` cannot satisfy `claim`, in both languages (empty when it can)."""
    return binding.mismatches(claim, volume, default)


def _provisioning(doc: Document, graph: WiringGraph, cls: str,
                  unset: bool) -> tuple[str, str | None, Text, tuple[str, ...]]:
    """(outcome, provisioner, explanation, StorageClass ids) when no existing PV is taken.
    `unset`: the claim leaves storageClassName out (as against `""`, no class at all)."""
    found = graph.lookup("StorageClass", "", cls) if cls else []
    if not cls and unset:
        # the DefaultStorageClass admission plugin fills in the cluster's default class, which
        # the design does not show (none of its classes is marked default); most clusters have
        # one, and since 1.28 a claim left Pending gets the default class once one is made
        return ("default-class", None, Text(
            "No PersistentVolume fits, and the claim leaves storageClassName unset: the cluster "
            "fills in its default StorageClass, whose provisioner creates a volume. None of this "
            "design's classes is marked default, so that class is the cluster's (most clusters "
            "have one); in a cluster without one the claim stays Pending.",
            "맞는 퍼시스턴트볼륨(PersistentVolume)이 없고 클레임이 storageClassName을 비워 "
            "두었습니다. 클러스터가 기본 스토리지클래스(StorageClass)를 채워 넣고, 그 클래스의 "
            "프로비저너가 볼륨을 만듭니다. 이 디자인에는 기본으로 표시된 클래스가 없으므로 그 "
            "클래스는 클러스터의 것입니다(대부분의 클러스터에 있습니다). 기본 클래스가 없는 "
            "클러스터에서는 클레임이 Pending 상태로 남습니다."), ())
    if not cls:
        return ("pending", None, Text(
            "No PersistentVolume fits and the claim asks for no class (storageClassName \"\"), "
            "so nothing will be provisioned: it stays Pending.",
            "맞는 퍼시스턴트볼륨(PersistentVolume)이 없고 클레임이 클래스를 요청하지 않으므로"
            '(storageClassName ""), 아무것도 프로비저닝되지 않습니다: Pending 상태로 남습니다.'),
            ())
    if not found:
        return ("provisioned", None, Text(
            f"No PersistentVolume fits; StorageClass {cls} (not in the diagram, so the cluster "
            "must have it) provisions a new volume for the claim.",
            f"맞는 퍼시스턴트볼륨이 없으므로, 스토리지클래스(StorageClass) {cls}의 프로비저너가 "
            "클레임을 위한 새 볼륨을 만듭니다. 이 클래스는 다이어그램에 없으므로 클러스터에 있어야 "
            "합니다."), ())
    sc = doc.get(found[0]).manifest
    provisioner = str(sc.get("provisioner") or "")
    if provisioner == "kubernetes.io/no-provisioner":
        return ("pending", None, Text(
            f"No PersistentVolume fits, and StorageClass {cls} has no provisioner "
            "(kubernetes.io/no-provisioner): the claim stays Pending until a matching PV is "
            "created by hand.",
            f"맞는 퍼시스턴트볼륨이 없고, 스토리지클래스(StorageClass) {cls}에는 프로비저너가 없습니다"
            "(kubernetes.io/no-provisioner). 맞는 PV를 직접 만들 때까지 클레임은 Pending "
            "상태로 남습니다."), (found[0],))
    return "provisioned", provisioner, _provisioned(sc, cls, provisioner), (found[0],)


def _provisioned(sc: Mapping[str, Any], cls: str, provisioner: str) -> Text:
    reclaim = str(sc.get("reclaimPolicy") or "Delete")
    waits = str(sc.get("volumeBindingMode") or "Immediate") == "WaitForFirstConsumer"
    shown = provisioner or "(unset)"
    return Text(
        f"No PersistentVolume fits, so StorageClass {cls} asks its provisioner {shown} for a new "
        "volume" + (", once a pod using the claim is scheduled (WaitForFirstConsumer)" if waits
                    else " right away (Immediate)") + f". The new PV gets reclaimPolicy {reclaim}.",
        f"맞는 퍼시스턴트볼륨이 없으므로, 스토리지클래스(StorageClass) {cls}의 프로비저너"
        f"({provisioner or '설정 안 됨'})에 새 볼륨을 요청합니다"
        + ("(이 클레임을 쓰는 파드가 스케줄된 뒤에: WaitForFirstConsumer)" if waits
           else "(즉시: Immediate)") + f". 새 PV의 reclaimPolicy는 {reclaim}입니다.")


_HOW = {"volumeName": Text("its spec.volumeName names it", "spec.volumeName이 이 PV를 가리킵니다"),
        "claimRef": Text("the PV's claimRef reserves it for this claim",
                         "PV의 claimRef가 이 클레임을 위해 PV를 예약해 두었습니다"),
        "match": Text("it is the smallest Available PV whose class, access modes, capacity and "
                      "volume mode fit",
                      "클래스, 접근 모드, 용량, volumeMode가 맞는 Available PV 중 가장 "
                      "작습니다")}


def simulate_claim(doc: Document, graph: WiringGraph, claim_id: str) -> ClaimSimulation:
    """Which PV the claim binds and why every other PV does not; or dynamic provisioning."""
    # the graph keeps every claim and the whole design's binding current between edits: read
    # again here, each refresh of the panel after an edit of a selected claim at 15,000
    # resources read every claim and simulated every binding again (40 ms)
    claims = graph.binding_claims()
    claim = claims.get(claim_id)
    if claim is None:
        raise KeyError(f"{claim_id} is not a PersistentVolumeClaim of the diagram")
    default = graph.default_storage_class()
    cls = binding.effective_class(claim, default)
    volumes = graph.volumes()
    bindings = graph.bindings()
    mine = bindings.get(claim_id)
    taken = {b.volume: b.claim for b in bindings.values() if b.claim != claim_id}
    bound = next((v for v in volumes if mine is not None and v.node == mine.volume), None)
    verdicts = []
    for volume in volumes:
        if mine is not None and volume.node == mine.volume:
            continue
        reasons = verdict_reasons(claim, volume, default)
        if volume.node in taken and not reasons:
            holder = claims.get(taken[volume.node])
            other = f"{holder.namespace}/{holder.name}" if holder is not None else "?"
            reasons = [Text(f"already bound to claim {other}",
                            f"이미 다른 클레임({other})에 바인딩되어 있습니다")]
        if not reasons and mine is not None and bound is not None:
            reasons = [_passed_over(volume, bound, mine.how)]
        verdicts.append(VolumeVerdict(volume.node, volume.name, False, tuple(reasons)))
    related: tuple[str, ...] = ()
    if mine is not None and bound is not None:
        verdicts.insert(0, VolumeVerdict(bound.node, bound.name, True, ()))
        how = _HOW[mine.how]
        outcome, provisioner = "bound", None
        text = Text(f"Binds PersistentVolume {bound.name}: {how}.",
                    f"퍼시스턴트볼륨(PersistentVolume) {bound.name}에 바인딩됩니다: {how.ko}.")
    elif claim.volume_name:
        outcome, provisioner, text = "pending", None, _named_volume_pending(claim, volumes,
                                                                           default)
    else:
        outcome, provisioner, text, related = _provisioning(doc, graph, cls,
                                                            claim.storage_class is None)
    edges = [e for e in graph.out_edges(claim_id) if e.type in (EdgeType.BINDS, EdgeType.CLASS)]
    resources = tuple(dict.fromkeys((claim_id, *(e.target for e in edges), *related)))
    on_delete = reclaim_outcome(doc.get(mine.volume).manifest) if mine else None
    return ClaimSimulation(claim_id, claim.name, outcome, mine.volume if mine else None,
                           mine.how if mine else None, cls, provisioner, tuple(verdicts), text,
                           Highlight(resources, tuple((e.source, e.target, e.key) for e in edges)),
                           on_delete)


def _passed_over(volume: binding.Volume, bound: binding.Volume, how: binding.How) -> Text:
    """Why a free volume that fits the claim is not the one it binds."""
    name = bound.name
    if how == "volumeName":
        return Text(f"it fits too, but the claim's spec.volumeName names {name}",
                    f"이 볼륨도 맞지만, 클레임의 spec.volumeName이 {name} 볼륨을 가리킵니다")
    if how == "claimRef":
        return Text(f"it fits too, but {name}'s claimRef reserves that volume for this claim",
                    f"이 볼륨도 맞지만, {name} 볼륨의 claimRef가 그 볼륨을 이 클레임에 예약해 "
                    "두었습니다")
    if volume.capacity != bound.capacity:
        return Text(f"it fits too, but {name} is smaller and fits",
                    f"이 볼륨도 맞지만, 더 작은 {name} 볼륨도 맞아서 그 볼륨이 선택됩니다")
    return Text(f"it fits as well as {name}, which is the same size: among equal volumes the PV "
                "controller takes any one, and KubeCanvas shows one chosen by the names' hashes",
                f"이 볼륨도 {name} 볼륨만큼 맞고 크기도 같습니다. 크기가 같은 볼륨 중에서는 PV "
                "컨트롤러가 어느 것이든 고를 수 있으며, KubeCanvas는 이름의 해시로 고른 볼륨을 "
                "보여 줍니다")


def _named_volume_pending(claim: binding.Claim, volumes: list[binding.Volume],
                          default: str | None) -> Text:
    """A claim naming a PV in spec.volumeName is never matched elsewhere nor provisioned for:
    the PV controller only checks the named volume (`syncUnboundClaim`) and leaves the claim
    Pending when it is missing or does not satisfy the claim (event VolumeMismatch)."""
    named = next((v for v in volumes if v.name == claim.volume_name), None)
    if named is None:
        return Text(f"spec.volumeName names PersistentVolume {claim.volume_name}, which does not "
                    "exist: the claim stays Pending until it does (no other volume is matched "
                    "and nothing is provisioned).",
                    f"spec.volumeName이 가리키는 퍼시스턴트볼륨 {claim.volume_name}{i_ga(claim.volume_name)} "
                    "없으므로, 그 볼륨이 생길 때까지 클레임은 Pending 상태로 남습니다(다른 볼륨과 "
                    "바인딩되지도, 새로 프로비저닝되지도 않습니다).")
    reasons = binding.mismatches(claim, named, default, check_selector=False)
    return Text(f"spec.volumeName names PersistentVolume {named.name}, but it does not satisfy "
                f"the claim ({'; '.join(reasons)}): the claim stays Pending with event "
                "VolumeMismatch.",
                f"spec.volumeName이 퍼시스턴트볼륨 {named.name}{eul_reul(named.name)} 가리키지만 "
                f"그 볼륨이 클레임을 충족하지 못하므로({'; '.join(r.ko for r in reasons)}) "
                "클레임은 VolumeMismatch 이벤트와 함께 Pending 상태로 남습니다.")


def reclaim_outcome(volume: Mapping[str, Any]) -> Text:
    """What deleting the bound claim does to the volume and its data.

    Follows the PV controller (`reclaimVolume`) and the in-tree hostPath plugin: Retain leaves the
    PV Released with its data; Delete asks the volume's plugin to delete the storage, and the
    built-in hostPath deleter only deletes paths under /tmp (`host_path.go` newDeleter: "host_path
    deleter only supports /tmp/.+"), so any other hostPath PV goes Failed and its data stays.
    """
    spec = volume.get("spec") if isinstance(volume.get("spec"), Mapping) else {}
    assert isinstance(spec, Mapping)
    policy = str(spec.get("persistentVolumeReclaimPolicy") or "Retain")
    host = spec.get("hostPath") if isinstance(spec.get("hostPath"), Mapping) else None
    if policy == "Retain":
        return Text("Deleting the claim leaves the PV Released with its data, for an "
                    "administrator to recover; no other claim binds it until it is cleaned up.",
                    "클레임을 지우면 PV는 데이터를 그대로 둔 채 Released 상태가 되어 관리자가 "
                    "복구할 수 있습니다. 정리하기 전에는 다른 클레임이 바인딩하지 못합니다.")
    if policy == "Recycle":
        return Text("Recycle is deprecated: the data is scrubbed (rm -rf) and the PV becomes "
                    "Available again; use dynamic provisioning instead.",
                    "Recycle은 더 이상 권장되지 않습니다. 데이터를 지우고(rm -rf) PV를 다시 "
                    "Available로 만듭니다. 대신 동적 프로비저닝을 쓰십시오.")
    if host is not None:
        path = str(host.get("path") or "")
        if re.fullmatch(r"/tmp/.+", path):
            return Text(f"Deleting the claim deletes the PV and the directory {path} with its "
                        "data (the hostPath deleter handles paths under /tmp).",
                        f"클레임을 지우면 PV와 디렉터리 {path}, 그 안의 데이터가 함께 지워집니다"
                        "(hostPath 삭제기는 /tmp 아래의 경로를 지웁니다).")
        return Text(f"reclaimPolicy Delete, but the built-in hostPath deleter only deletes paths "
                    f"under /tmp: deleting the claim leaves the PV Failed and the data in {path} "
                    "stays on the node.",
                    f"reclaimPolicy가 Delete이지만 내장 hostPath 삭제기는 /tmp 아래의 경로만 "
                    f"지웁니다. 클레임을 지우면 PV는 Failed 상태가 되고 {path}의 데이터는 노드에 "
                    "남습니다.")
    return Text("Deleting the claim deletes the PV and the storage behind it, with its data "
                "(reclaimPolicy Delete).",
                "클레임을 지우면 PV와 그 뒤의 저장소가 데이터와 함께 지워집니다(reclaimPolicy "
                "Delete).")
