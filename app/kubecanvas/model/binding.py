"""PersistentVolume <-> PersistentVolumeClaim binding, simulated with the PV controller's rules.

Follows section 15 of the validation catalogue: a claim bound by name (`spec.volumeName`) or
reserved by a PV's `claimRef` takes that volume; every other claim takes the smallest Available
volume whose class (unset versus `""` included), access modes, capacity, volume mode and selector
fit, and that no other claim has taken. `mismatches` explains, in words, why a volume does not fit.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any, Literal

from kubecanvas.model.fields import as_mapping
from kubecanvas.model.kinds import get_path
from kubecanvas.model.quantity import format_bytes, try_quantity
from kubecanvas.model.record import record
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import parse_label_selector
from kubecanvas.model.text import Text

CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class"
DEFAULT_CLASS_ANNOTATIONS = ("storageclass.kubernetes.io/is-default-class",
                             "storageclass.beta.kubernetes.io/is-default-class")


@record(frozen=True)
class Claim:
    """What binding needs of a PVC (a real one, or one a StatefulSet will create)."""

    node: str
    namespace: str
    name: str
    storage_class: str | None  # None = unset (the default class applies)
    access_modes: frozenset[str]
    request: Fraction | None
    volume_mode: str
    selector: Any
    volume_name: str


@record(frozen=True)
class Volume:
    """What binding needs of a PV."""

    node: str
    name: str
    storage_class: str
    access_modes: frozenset[str]
    capacity: Fraction | None
    volume_mode: str
    labels: Mapping[str, str]
    claim_namespace: str
    claim_name: str
    phase: str


def _meta(manifest: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = manifest.get("metadata")
    return meta if isinstance(meta, Mapping) else {}


def _modes(value: Any) -> frozenset[str]:
    return frozenset(str(m) for m in value) if isinstance(value, list) else frozenset()


def claim_from_spec(node: str, namespace: str, name: str, meta: Mapping[str, Any],
                    spec: Mapping[str, Any]) -> Claim:
    """Read a Claim from a PVC's metadata and spec (or a claim template's)."""
    annotations = as_mapping(meta.get("annotations"))
    cls: str | None
    if CLASS_ANNOTATION in annotations:
        cls = str(annotations[CLASS_ANNOTATION])
    elif "storageClassName" in spec and spec["storageClassName"] is not None:
        cls = str(spec["storageClassName"])
    else:
        cls = None
    resources = as_mapping(spec.get("resources"))
    requests = as_mapping(resources.get("requests"))
    return Claim(node, namespace, name, cls, _modes(spec.get("accessModes")),
                 try_quantity(requests.get("storage")), str(spec.get("volumeMode") or "Filesystem"),
                 spec.get("selector"), str(spec.get("volumeName") or ""))


def volume_from_manifest(node: str, manifest: Mapping[str, Any]) -> Volume:
    meta = _meta(manifest)
    spec = as_mapping(manifest.get("spec"))
    annotations = as_mapping(meta.get("annotations"))
    cls = str(annotations.get(CLASS_ANNOTATION, spec.get("storageClassName") or ""))
    capacity = as_mapping(spec.get("capacity"))
    claim_ref = as_mapping(spec.get("claimRef"))
    labels = as_mapping(meta.get("labels"))
    status = as_mapping(manifest.get("status"))
    return Volume(node, str(meta.get("name") or ""), cls, _modes(spec.get("accessModes")),
                  try_quantity(capacity.get("storage")), str(spec.get("volumeMode") or "Filesystem"),
                  {str(k): str(v) for k, v in labels.items()},
                  # compared exactly, as the PV controller does: no namespace matches no claim
                  str(claim_ref.get("namespace") or "") if claim_ref else "",
                  str(claim_ref.get("name") or ""), str(status.get("phase") or "Available"))


def default_class(storage_classes: Iterable[Mapping[str, Any]]) -> str | None:
    """The name of the StorageClass marked default, if the document has one."""
    for manifest in storage_classes:
        annotations = _meta(manifest).get("annotations")
        if isinstance(annotations, Mapping) and any(
                str(annotations.get(a, "")).lower() == "true" for a in DEFAULT_CLASS_ANNOTATIONS):
            return str(_meta(manifest).get("name") or "")
    return None


def effective_class(claim: Claim, default: str | None) -> str:
    """class(PVC) after DefaultStorageClass admission: unset takes the default, else ''."""
    if claim.storage_class is None:
        return default or ""
    return claim.storage_class


def mismatches(claim: Claim, volume: Volume, default: str | None = None,
               check_selector: bool = True) -> list[Text]:
    """Why `volume` cannot satisfy `claim`, one plain sentence per rule (English and Korean);
    empty if it can."""
    reasons: list[Text] = []
    cls = effective_class(claim, default)
    if cls != volume.storage_class:
        shown = f'"{cls}"' if cls else '"" (no class)'
        shown_ko = f'"{cls}"' if cls else '""(클래스 없음)'
        if claim.storage_class is None and default:
            shown += " (the default class, since the claim leaves it unset)"
            shown_ko += "(클레임이 지정하지 않아 적용되는 기본 클래스)"
        pv_cls = f'"{volume.storage_class}"' if volume.storage_class else '"" (no class)'
        pv_ko = f'"{volume.storage_class}"' if volume.storage_class else '""(클래스 없음)'
        reasons.append(Text(f"class {shown} != {pv_cls}",
                            f"스토리지클래스(storageClassName)가 다릅니다: 클레임 {shown_ko}, "
                            f"PV {pv_ko}"))
    missing = claim.access_modes - volume.access_modes
    if missing:
        wanted, offered = ", ".join(sorted(missing)), ", ".join(sorted(volume.access_modes))
        reasons.append(Text(f"access modes {wanted} not offered (PV has {offered or 'none'})",
                            f"PV가 제공하지 않는 접근 모드(accessModes): {wanted} "
                            f"(PV의 접근 모드: {offered or '없음'})"))
    if claim.request is not None:
        if volume.capacity is None:
            reasons.append(Text("PV has no capacity.storage", "PV에 capacity.storage가 없습니다"))
        elif volume.capacity < claim.request:
            have, want = format_bytes(volume.capacity), format_bytes(claim.request)
            reasons.append(Text(f"capacity {have} < requested {want}",
                                f"용량 부족: PV {have} < 요청 {want}"))
    if claim.volume_mode != volume.volume_mode:
        reasons.append(Text(f"volumeMode {claim.volume_mode} != {volume.volume_mode}",
                            f"volumeMode가 다릅니다: 클레임 {claim.volume_mode}, "
                            f"PV {volume.volume_mode}"))
    if check_selector and claim.selector is not None:
        selector = parse_label_selector(claim.selector)
        if selector is None or not selector.matches(volume.labels):
            shown = selector.describe() if selector else "invalid"
            shown_ko = selector.describe() if selector else "잘못된 셀렉터"
            reasons.append(Text(f"PV labels do not match the claim's selector ({shown})",
                                f"PV의 레이블이 클레임의 셀렉터({shown_ko})와 일치하지 않습니다"))
    if volume.claim_name and (volume.claim_namespace, volume.claim_name) != (
            claim.namespace, claim.name):
        other = f"{volume.claim_namespace}/{volume.claim_name}"
        reasons.append(Text(f"reserved by claimRef for {other}",
                            f"claimRef로 다른 클레임({other})에 예약되어 있습니다"))
    if volume.phase not in ("Available", ""):
        reasons.append(Text(f"PV is {volume.phase}, not Available",
                            f"PV가 {volume.phase} 상태입니다(Available이 아님)"))
    return reasons


def fits(claim: Claim, volume: Volume, default: str | None = None, check_selector: bool = True,
         check_phase: bool = True) -> bool:
    """`not mismatches(...)`, without building the sentences (binding runs on every PV edit);
    `check_phase` false: as if the volume were Available."""
    if effective_class(claim, default) != volume.storage_class:
        return False
    if not claim.access_modes <= volume.access_modes:
        return False
    if claim.request is not None and (volume.capacity is None or volume.capacity < claim.request):
        return False
    if claim.volume_mode != volume.volume_mode:
        return False
    if volume.claim_name and (volume.claim_namespace, volume.claim_name) != (
            claim.namespace, claim.name):
        return False
    if check_phase and volume.phase not in ("Available", ""):
        return False
    if check_selector and claim.selector is not None:
        selector = parse_label_selector(claim.selector)
        return selector is not None and selector.matches(volume.labels)
    return True


@lru_cache(maxsize=1 << 16)
def spread(text: str) -> int:
    """A 64-bit number for `text` that is the same in every run (unlike `hash`), with its bits
    well mixed: CRC-32, then the SplitMix64 finaliser. Kept per name: each storage edit
    simulates its pool again, the same names each time."""
    z = (zlib.crc32(text.encode("utf-8")) * 0x9E3779B97F4A7C15) & _BITS64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _BITS64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _BITS64
    return z ^ (z >> 31)


_BITS64 = (1 << 64) - 1


#: What `fits` reads of a claim without a selector: class (as written), access modes, request,
#: volume mode, and the default class. Claims of one shape fit the same free volumes (one no
#: claimRef reserves) for the same reasons, whatever their names.
ClaimShape = tuple[str | None, frozenset[str], Fraction | None, str, str | None]


def claim_shape(claim: Claim, default: str | None) -> ClaimShape | None:
    """`claim`'s shape (see `ClaimShape`), or None for a claim with a selector (its labels are
    compared one volume at a time)."""
    if claim.selector is not None:
        return None
    return (claim.storage_class, claim.access_modes, claim.request, claim.volume_mode, default)


class _Group:
    """Free volumes that fit exactly the same claims (equal capacity, class, access modes,
    volume mode, labels and phase), sorted by `spread` of their names."""

    def __init__(self, sample: Volume) -> None:
        self.sample = sample
        self.keys: list[int] = []
        self.volumes: list[Volume] = []
        #: whether a claim of a shape (`claim_shape`) fits the sample
        self.fit: dict[ClaimShape, bool] = {}

    def closest(self, key: int) -> int:
        """The place of the volume whose key is nearest `key` by XOR (the first of equal
        keys): each step halves the keys left on their highest differing bit."""
        keys, low, high = self.keys, 0, len(self.keys)
        while high - low > 1 and keys[low] != keys[high - 1]:
            bit = (keys[low] ^ keys[high - 1]).bit_length() - 1
            split = bisect_left(keys, keys[high - 1] >> bit << bit, low, high)
            if key >> bit & 1:
                low = split
            else:
                high = split
        return low


class FreeVolumes:
    """The volumes no claim has yet, as the PV controller's match meets them: a claim takes
    the smallest that fits.

    Among fitting volumes of that smallest capacity Kubernetes takes whichever its cache lists
    first, an order it does not define. KubeCanvas takes the one whose name's `spread` is
    nearest the claim's by XOR, rather than the first by name: with names, resizing one of
    the 341 equal free volumes of the bench's 15,000 resources moved every claim matched after
    it along by one (up to 339 bindings, and 490 wires redrawn). With the XOR rule, 30 such
    edits moved a median of 8 bindings at 5,000 resources and 14 at 15,000; each claim still
    has a fixed preference among equal volumes, derived from the names alone."""

    def __init__(self, volumes: Iterable[Volume]) -> None:
        groups: dict[tuple[object, ...], _Group] = {}
        keyed = sorted(((spread(v.name), v) for v in volumes), key=lambda kv: kv[0])
        for key, volume in keyed:  # (a stable sort: volumes of one name stay in their order)
            kind = (volume.capacity, volume.storage_class, volume.access_modes,
                    volume.volume_mode, tuple(sorted(volume.labels.items())), volume.phase)
            group = groups.get(kind)
            if group is None:
                group = groups[kind] = _Group(volume)
            group.keys.append(key)
            group.volumes.append(volume)
        by_size: dict[Fraction, list[_Group]] = {}
        for group in groups.values():
            capacity = group.sample.capacity
            by_size.setdefault(capacity if capacity is not None else Fraction(0), []).append(group)
        #: groups by capacity, smallest first; a size whose volumes are all taken leaves
        self._sizes = [by_size[size] for size in sorted(by_size)]
        #: claim shapes no free volume fits any more
        self._hopeless: set[ClaimShape] = set()

    def take_for(self, claim: Claim, default: str | None) -> Volume | None:
        """The volume `claim` binds, taken out of the free ones; None if none fits.

        Whether a volume fits depends on the claim's shape only (`claim_shape`), so it is asked
        once per shape and group; and a shape nothing fitted never fits again, since volumes
        are only taken. At 15,000 resources half the claims of the generated design's class
        find no volume, and each of them asked every group of every size."""
        shape = claim_shape(claim, default)
        if shape is not None and shape in self._hopeless:
            return None
        key = spread(f"{claim.namespace}/{claim.name}")
        for place, groups in enumerate(self._sizes):
            best: tuple[int, int, int] | None = None  # (distance, group, place in it)
            for number, group in enumerate(groups):
                if group.keys and self._fits(claim, shape, group, default):
                    spot = group.closest(key)
                    found = (group.keys[spot] ^ key, number, spot)
                    best = found if best is None or found < best else best
            if best is None:
                continue
            group = groups[best[1]]
            volume = group.volumes.pop(best[2])
            del group.keys[best[2]]
            if not any(g.keys for g in groups):
                del self._sizes[place]
            return volume
        if shape is not None:
            self._hopeless.add(shape)
        return None

    @staticmethod
    def _fits(claim: Claim, shape: ClaimShape | None, group: _Group,
              default: str | None) -> bool:
        if shape is None:
            return fits(claim, group.sample, default)
        answer = group.fit.get(shape)
        if answer is None:
            answer = group.fit[shape] = fits(claim, group.sample, default)
        return answer


#: How a claim came to its volume: its own spec.volumeName, the volume's claimRef, or the PV
#: controller's match.
How = Literal["volumeName", "claimRef", "match"]


@record(frozen=True)
class Binding:
    """A claim bound to a volume, and how (see `How`)."""

    claim: str       # claim node id
    volume: str      # volume node id
    how: How


def simulate(claims: Sequence[Claim], volumes: Sequence[Volume],
             default: str | None = None) -> list[Binding]:
    """Which claim binds which volume, processing claims in a stable (namespace, name) order;
    `volumes` in a stable order too (it only decides between volumes of one name).

    Pre-bound pairs win first. A `volumeName` binds the named PV only when the PV satisfies
    the claim (class, capacity, volume mode, access modes; not the selector, and not reserved
    for another claim): otherwise the PV controller's `checkVolumeSatisfyClaim` fails, the
    claim stays Pending with a VolumeMismatch event and the volume stays free for others. A
    claim then skips volumes already taken. Every other claim takes the smallest free volume
    that fits it, among equals the one `FreeVolumes` picks.
    """
    by_name = {v.name: v for v in volumes}
    taken: set[str] = set()
    result: list[Binding] = []
    ordered = sorted(claims, key=lambda c: (c.namespace, c.name, c.node))
    pending: list[Claim] = []
    for claim in ordered:
        if claim.volume_name:
            volume = by_name.get(claim.volume_name)
            # bound both ways already: its phase (Bound) is no reason against
            both_ways = volume is not None and (volume.claim_namespace, volume.claim_name) == (
                claim.namespace, claim.name)
            if (volume is not None and volume.node not in taken
                    and fits(claim, volume, default, check_selector=False,
                             check_phase=not both_ways)):
                taken.add(volume.node)
                result.append(Binding(claim.node, volume.node, "volumeName"))
        else:
            pending.append(claim)
    reserved = {(v.claim_namespace, v.claim_name): v for v in volumes if v.claim_name}
    unbound: list[Claim] = []
    for claim in pending:
        volume = reserved.get((claim.namespace, claim.name))
        if volume is not None and volume.node not in taken:
            taken.add(volume.node)
            result.append(Binding(claim.node, volume.node, "claimRef"))
        else:
            unbound.append(claim)
    free = FreeVolumes(v for v in volumes if not v.claim_name and v.node not in taken)
    for claim in unbound:
        volume = free.take_for(claim, default)
        if volume is not None:
            result.append(Binding(claim.node, volume.node, "match"))
    return result


def template_claim(node: str, namespace: str, name: str, template: Any) -> Claim | None:
    """The claim a StatefulSet's `volumeClaimTemplates` entry will create (None when the entry
    is not a mapping)."""
    if not isinstance(template, Mapping):
        return None
    return claim_from_spec(node, namespace, name, as_mapping(template.get("metadata")),
                           as_mapping(template.get("spec")))


def bind_edges(claims: Sequence[Claim], volumes: Sequence[Volume],
               default: str | None) -> list[tuple[str, str, str, str]]:
    """(claim, volume, edge key, field) of each binding the wiring graph draws as an edge, in
    `simulate`'s order: a claim bound through its own spec.volumeName is left out, since that
    reference already draws the edge."""
    return edges_of(simulate(claims, volumes, default))


def edges_of(bindings: Iterable[Binding]) -> list[tuple[str, str, str, str]]:
    """`bind_edges` of a simulation's result."""
    return [(bound.claim, bound.volume, f"bind:{bound.volume}",
             "spec.claimRef" if bound.how == "claimRef" else "(PV controller match)")
            for bound in bindings if bound.how != "volumeName"]


class BindingInputs:
    """The claims and volumes of a document as binding reads them, each read again only when
    its manifest object changed (binding is re-simulated after every storage edit)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Mapping[str, Any], Claim | Volume]] = {}
        self._templates: dict[str, tuple[Mapping[str, Any], tuple[object, ...], Claim | None]] = {}

    def clear(self) -> None:
        self._cache.clear()
        self._templates.clear()

    def forget(self, rid: str) -> None:
        self._cache.pop(rid, None)
        self._templates.pop(rid, None)

    def claim(self, res: Resource, namespace: str) -> Claim:
        """The claim of a PersistentVolumeClaim (`namespace`: where it lands)."""
        cached = self._cache.get(res.id)
        if cached is None or cached[0] is not res.manifest or not isinstance(cached[1], Claim):
            cached = self._cache[res.id] = (res.manifest, claim_from_spec(
                res.id, namespace, res.name, res.metadata, res.spec))
        assert isinstance(cached[1], Claim)
        return cached[1]

    def template_claim(self, node: str, namespace: str, name: str, owner: Resource | None,
                       index: Any) -> Claim | None:
        """The claim generated node `node` stands for: entry `index` of `owner`'s (a
        StatefulSet's) volumeClaimTemplates (None when it is not a mapping), read again only
        when the StatefulSet's manifest object changed (716 claims at 15,000 resources)."""
        if owner is None:
            return None
        cached = self._templates.get(node)
        if cached is not None and cached[0] is owner.manifest and cached[1] == (namespace, name,
                                                                              index):
            return cached[2]
        template = get_path(owner.manifest, ("spec", "volumeClaimTemplates", index))
        claim = template_claim(node, namespace, name, template)
        self._templates[node] = (owner.manifest, (namespace, name, index), claim)
        return claim

    def volume(self, res: Resource) -> Volume:
        """The volume of a PersistentVolume."""
        cached = self._cache.get(res.id)
        if cached is None or cached[0] is not res.manifest or not isinstance(cached[1], Volume):
            cached = self._cache[res.id] = (res.manifest, volume_from_manifest(res.id,
                                                                              res.manifest))
        assert isinstance(cached[1], Volume)
        return cached[1]
