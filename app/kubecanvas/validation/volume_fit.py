"""Why no PersistentVolume fits a claim, in time that does not grow with the number of volumes.

`pvc.binding.no-match` names the three volumes that come closest (fewest reasons, then name) and
counts the rest. Comparing every unbound claim with every volume made that rule quadratic: at
15,000 generated resources it cost 17 s of a 100 s profile (8x its cost at 5,000). Volumes that
binding compares alike (class, access modes, capacity, volume mode, phase) give every claim the
same reasons, except the one a `claimRef` adds when it reserves the volume for another claim; so
the volumes are grouped once per check, and a claim is compared with one volume per group. A
claim with a label selector compares labels, which differ per volume: it takes the plain scan.

A claim can also stay Pending although volumes fit it: other claims bound them first. `fitting`
names those, so the message does not claim that nothing fits. Claims that differ only in name
(a StatefulSet's replicas, or every claim of a generated design) get the same answers unless a
volume reserves one of them, so `explained` keeps them per claim shape (`shape`). When volumes
change, `sync` works each kept answer out again and says which shapes' answers changed: a claim
whose verdict reads its shape's answer depends on that (`fit_key`), not on every volume. Before,
an edit of one PV re-checked every Pending claim, 182 StatefulSets' at 15,000 resources (13 ms
of a 20 ms edit), to find the same message for nearly all of them.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Mapping
from fractions import Fraction
from heapq import merge

from kubecanvas.model import binding
from kubecanvas.model.record import replace
from kubecanvas.model.text import Text

#: (number of reasons, volume name, reasons in English, in Korean), as the message sorts them.
Scored = tuple[int, str, str, str]
#: (the closest volumes that do not fit, how many do not), (the first volumes that fit, by
#: name, how many do)
Explained = tuple[tuple[list[Scored], int], tuple[list[str], int]]

_GroupKey = tuple[str, frozenset[str], Fraction | None, str, str]
Shape = binding.ClaimShape


def fit_key(shape: Shape) -> str:
    """The dependency 'kind' standing for the answer `explained` gives claims of `shape` (see
    `Context.depend`): the same string for the same shape in every run."""
    cls, modes, request, volume_mode, default = shape
    return f"*volume-fit:{cls}|{','.join(sorted(modes))}|{request}|{volume_mode}|{default}*"


class _Group:
    """Volumes that binding compares alike, and which of them are free or reserved
    (a plain class: nothing compares or prints it, and the methods of a dataclass cost every
    start 1 ms to compile on Python 3.11)."""

    __slots__ = ("free", "reserved", "sample", "by_claim")

    def __init__(self, sample: binding.Volume) -> None:
        self.sample = sample  # claimRef cleared: the reasons all share
        self.free: list[binding.Volume] = []  # no claimRef
        self.reserved: list[binding.Volume] = []  # a claimRef, to anyone
        #: the reserved volumes by the claim they name (namespace, name), sorted by name: a
        #: scan of `reserved` for each claim made a design's check grow with its square
        self.by_claim: dict[tuple[str, str], list[binding.Volume]] = {}


def _group_key(volume: binding.Volume) -> _GroupKey:
    return (volume.storage_class, volume.access_modes, volume.capacity, volume.volume_mode,
            volume.phase)


def _by_name(volume: binding.Volume) -> str:
    return volume.name


class VolumeFit:
    """The volumes of a design, grouped for `closest`, and kept grouped from one check to the
    next (`sync`): grouping 1,665 volumes again was a third of re-checking after an edit of
    one volume or one StatefulSet's claim template at 15,000 resources."""

    def __init__(self, volumes: Mapping[str, binding.Volume]) -> None:
        self._volumes: dict[str, binding.Volume] = {}
        self._groups: dict[_GroupKey, _Group] = {}
        self._reserving: dict[tuple[str, str], int] = {}  # claim -> volumes reserving it
        #: shape -> (a claim of it no volume reserves, its answer): see `explained`
        self._explained: dict[Shape, tuple[binding.Claim, Explained]] = {}
        #: while syncing, each claim whose reservations were counted: reserved before?
        self._reserved_before: dict[tuple[str, str], bool] = {}
        self.sync(volumes)

    @property
    def volumes(self) -> Iterable[binding.Volume]:
        return self._volumes.values()

    def sync(self, volumes: Mapping[str, binding.Volume]) -> set[Shape]:
        """Bring the groups in line with `volumes` (node -> volume), moving only those whose
        volume object changed; returns the shapes whose answer (`explained`) changed.

        Each kept answer is worked out again from its own claim (a few groups each). When a
        claim came to be reserved by a volume, or stopped being, a claim of some shape now
        takes another way through `explained` than its shape's: every kept answer is then
        dropped and reported changed."""
        moved = False
        self._reserved_before = {}
        for node in [n for n, v in self._volumes.items() if volumes.get(n) is not v]:
            self._take_out(self._volumes.pop(node))
            moved = True
        for node, volume in volumes.items():
            if node not in self._volumes:
                self._volumes[node] = volume
                self._put_in(volume)
                moved = True
        if not moved:
            return set()
        if any((claim in self._reserving) != before
               for claim, before in self._reserved_before.items()):
            changed = set(self._explained)
            self._explained.clear()
            return changed
        changed = set()
        for shape, (claim, answer) in list(self._explained.items()):
            now = self._explain(claim, shape[4])
            if now != answer:
                changed.add(shape)
                self._explained[shape] = (claim, now)
        return changed

    def _count_reservation(self, claim: tuple[str, str], step: int) -> None:
        self._reserved_before.setdefault(claim, claim in self._reserving)
        count = self._reserving.get(claim, 0) + step
        if count:
            self._reserving[claim] = count
        else:
            del self._reserving[claim]

    def _put_in(self, volume: binding.Volume) -> None:
        key = _group_key(volume)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _Group(replace(volume, claim_namespace="",
                                                       claim_name=""))
        insort(group.reserved if volume.claim_name else group.free, volume, key=_by_name)
        if volume.claim_name:
            claim = (volume.claim_namespace, volume.claim_name)
            insort(group.by_claim.setdefault(claim, []), volume, key=_by_name)
            self._count_reservation(claim, 1)

    def _take_out(self, volume: binding.Volume) -> None:
        key = _group_key(volume)
        group = self._groups[key]
        _remove(group.reserved if volume.claim_name else group.free, volume)
        if volume.claim_name:
            claim = (volume.claim_namespace, volume.claim_name)
            _remove(group.by_claim[claim], volume)
            if not group.by_claim[claim]:
                del group.by_claim[claim]
            self._count_reservation(claim, -1)
        if not group.free and not group.reserved:
            del self._groups[key]

    def closest(self, claim: binding.Claim, default: str | None,
                shown: int = 3) -> tuple[list[Scored], int]:
        """The `shown` volumes that come closest to fitting `claim`, sorted, and how many do
        not fit at all; the same as scoring every volume with `binding.mismatches`."""
        if claim.selector is not None:
            scored = sorted(_score(claim, v, default) for v in self.volumes)
            scored = [s for s in scored if s[0]]
            return scored[:shown], len(scored)
        candidates: list[binding.Volume] = []
        total = 0
        for group in self._groups.values():
            base = len(binding.mismatches(claim, group.sample, default))
            mine = group.by_claim.get((claim.namespace, claim.name), [])
            others = (v for v in group.reserved if not _reserved_for(v, claim))
            if base:
                total += len(group.free) + len(group.reserved)
                # both sorted by name: merged lazily, as `sorted` of the two would order them
                candidates += _first(merge(group.free, mine, key=lambda v: v.name), shown)
            else:
                total += len(group.reserved) - len(mine)
            candidates += _first(others, shown)
        scored = sorted(_score(claim, v, default) for v in candidates)
        return [s for s in scored if s[0]][:shown], total

    def fitting(self, claim: binding.Claim, default: str | None,
                shown: int = 3) -> tuple[list[str], int]:
        """The names of the first `shown` volumes (by name) that fit `claim`, and how many fit;
        the same as keeping every volume `binding.fits` allows."""
        if claim.selector is not None:
            names = sorted(v.name for v in self.volumes if binding.fits(claim, v, default))
            return names[:shown], len(names)
        found: list[binding.Volume] = []
        total = 0
        for group in self._groups.values():
            if binding.fits(claim, group.sample, default):
                mine = group.by_claim.get((claim.namespace, claim.name), [])
                total += len(group.free) + len(mine)
                found += _first(merge(group.free, mine, key=_by_name), shown)
        return sorted(v.name for v in found)[:shown], total

    def shape(self, claim: binding.Claim, default: str | None) -> Shape | None:
        """The shape `explained` keeps `claim`'s answer under (`binding.claim_shape`); None
        when the answer is the claim's own (a selector, or a volume reserving it by name)."""
        if (claim.namespace, claim.name) in self._reserving:
            return None
        return binding.claim_shape(claim, default)

    def explained(self, claim: binding.Claim, default: str | None) -> Explained:
        """`closest` and `fitting` of `claim`, kept per `shape` from one volume change to the
        next (`sync` works them out again)."""
        shape = self.shape(claim, default)
        if shape is None:
            return self._explain(claim, default)
        kept = self._explained.get(shape)
        if kept is None:
            kept = self._explained[shape] = (claim, self._explain(claim, default))
        return kept[1]

    def _explain(self, claim: binding.Claim, default: str | None) -> Explained:
        return self.closest(claim, default), self.fitting(claim, default)


def _remove(volumes: list[binding.Volume], volume: binding.Volume) -> None:
    """Take this very volume out of `volumes` (sorted by name)."""
    at = bisect_left(volumes, volume.name, key=_by_name)
    while volumes[at] is not volume:
        at += 1
    del volumes[at]


def _reserved_for(volume: binding.Volume, claim: binding.Claim) -> bool:
    return (volume.claim_namespace, volume.claim_name) == (claim.namespace, claim.name)


def _first(volumes: Iterable[binding.Volume], count: int) -> list[binding.Volume]:
    """The first `count` of volumes sorted by name, and any after them with the last one's name
    (their reasons, not their names, decide their order)."""
    taken: list[binding.Volume] = []
    for volume in volumes:
        if len(taken) >= count and volume.name != taken[-1].name:
            break
        taken.append(volume)
    return taken


def _score(claim: binding.Claim, volume: binding.Volume, default: str | None) -> Scored:
    reasons: list[Text] = binding.mismatches(claim, volume, default)
    return (len(reasons), volume.name, "; ".join(reasons), "; ".join(r.ko for r in reasons))
