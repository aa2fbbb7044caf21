"""How readable a drawn diagram is, measured on the geometry that was actually drawn.

`kubecanvas render --stats` and the layout benchmark (tests/bench/bench_layout.py) both hand the
cards, the wires (as polylines: curves are flattened by whoever drew them) and the label plates
to `measure`, so KubeCanvas's own picture and Graphviz `dot`'s picture of the same graph are
judged by one ruler:

- `crossings`: points where two wires cross (wires that share a card are not counted where they
  meet inside that card, since that is where they start or end);
- `wires_through_cards`: (wire, card) pairs where a wire passes through a card it does not join;
  such a line reads as a relation that does not exist;
- `label_overlaps`: pairs of label plates that overlap, plus (label, card) pairs;
- `wire_length`, `area` (of the bounding box of everything drawn) and `aspect` (width / height).

Pairs are found through a uniform grid (bucket size about one card), so measuring a
5,000-resource picture compares each segment only with its neighbours, never all pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from kubecanvas.model.record import record

Point = tuple[float, float]
#: x, y (top-left), width, height
Rect = tuple[float, float, float, float]
#: A card's interior is shrunk by this much before a wire counts as passing through it: a wire
#: that grazes an edge or enters at its own port is not "through".
INSET = 3.0
CELL = 160.0


@record(frozen=True)
class Wire:
    """One drawn wire: its polyline from source to target and the cards it joins."""

    points: tuple[Point, ...]
    source: str
    target: str


@record(frozen=True)
class Quality:
    crossings: int
    wires_through_cards: int
    label_overlaps: int
    wire_length: float
    area: float
    aspect: float

    def as_dict(self) -> dict[str, float | int]:
        return {"crossings": self.crossings, "wires_through_cards": self.wires_through_cards,
                "label_overlaps": self.label_overlaps, "wire_length": round(self.wire_length),
                "area": round(self.area), "aspect": round(self.aspect, 3)}


def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
    for cx in range(math.floor(min(x0, x1) / CELL), math.floor(max(x0, x1) / CELL) + 1):
        for cy in range(math.floor(min(y0, y1) / CELL), math.floor(max(y0, y1) / CELL) + 1):
            yield cx, cy


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """The point where segments ab and cd properly cross (touching or collinear: None)."""
    d1, d2 = _orient(c, d, a), _orient(c, d, b)
    d3, d4 = _orient(a, b, c), _orient(a, b, d)
    if ((d1 > 0) == (d2 > 0)) or ((d3 > 0) == (d4 > 0)) or 0.0 in (d1, d2, d3, d4):
        return None
    t = d1 / (d1 - d2)
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def clip_segment(a: Point, b: Point, rect: Rect, *, closed: bool
                 ) -> tuple[Point, Point] | None:
    """The part of segment ab inside `rect` (Liang-Barsky clipping), or None.

    One loop for the two questions the code asks: is a wire *through* a card (`closed=False`:
    the open box, so a wire along an edge or touching a corner is outside, as a wire that
    grazes a card does not read as passing through it), and which part of a wire to draw in
    one square of the far-zoom canvas (`closed=True`: the closed box, so a wire on the border
    of two squares is drawn by both rather than by neither).
    """
    x, y, w, h = rect
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x), (dx, x + w - a[0]), (-dy, a[1] - y), (dy, y + h - a[1])):
        if p == 0:
            if q < 0 or (q == 0 and not closed):
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1 or (t0 == t1 and not closed):
            return None
    return (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)


def segment_hits_rect(a: Point, b: Point, rect: Rect) -> bool:
    """True when segment ab passes through the open rectangle `rect`."""
    return rect[2] > 0 and rect[3] > 0 and clip_segment(a, b, rect, closed=False) is not None


def rects_overlap(r: Rect, s: Rect) -> bool:
    return (r[0] < s[0] + s[2] and s[0] < r[0] + r[2]
            and r[1] < s[1] + s[3] and s[1] < r[1] + r[3])


def _inside(point: Point, rect: Rect) -> bool:
    return rect[0] <= point[0] <= rect[0] + rect[2] and rect[1] <= point[1] <= rect[1] + rect[3]


def _crossings(wires: Sequence[Wire], cards: dict[str, Rect]) -> int:
    grid: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for wi, wire in enumerate(wires):
        for si, (a, b) in enumerate(zip(wire.points, wire.points[1:], strict=False)):
            for cell in _cells(a[0], a[1], b[0], b[1]):
                grid[cell].append((wi, si))
    seen: set[tuple[int, int, int, int]] = set()
    count = 0
    for bucket in grid.values():
        for i, (wi, si) in enumerate(bucket):
            for wj, sj in bucket[i + 1:]:
                if wi == wj:
                    continue
                key = (wi, si, wj, sj) if wi < wj else (wj, sj, wi, si)
                if key in seen:
                    continue
                seen.add(key)
                u, v = wires[wi], wires[wj]
                hit = segments_cross(u.points[si], u.points[si + 1], v.points[sj], v.points[sj + 1])
                if hit is None:
                    continue
                shared = {u.source, u.target} & {v.source, v.target}
                if any(s in cards and _inside(hit, cards[s]) for s in shared):
                    continue
                count += 1
    return count


def _through(wires: Sequence[Wire], cards: dict[str, Rect]) -> int:
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    inner: dict[str, Rect] = {}
    for cid, (x, y, w, h) in cards.items():
        inner[cid] = (x + INSET, y + INSET, w - 2 * INSET, h - 2 * INSET)
        for cell in _cells(x, y, x + w, y + h):
            grid[cell].append(cid)
    count = 0
    for wire in wires:
        hit: set[str] = set()
        for a, b in zip(wire.points, wire.points[1:], strict=False):
            for cell in _cells(a[0], a[1], b[0], b[1]):
                for cid in grid.get(cell, ()):
                    if cid in hit or cid in (wire.source, wire.target):
                        continue
                    if segment_hits_rect(a, b, inner[cid]):
                        hit.add(cid)
        count += len(hit)
    return count


def _label_overlaps(labels: Sequence[Rect], cards: dict[str, Rect]) -> int:
    grid: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)
    for cid, (x, y, w, h) in cards.items():
        for cell in _cells(x, y, x + w, y + h):
            grid[cell].append(("card", cid))
    rects: dict[tuple[str, str], Rect] = {("card", c): r for c, r in cards.items()}
    pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for li, (x, y, w, h) in enumerate(labels):
        me = ("label", str(li))
        rects[me] = (x, y, w, h)
        for cell in _cells(x, y, x + w, y + h):
            for other in grid[cell]:
                if rects_overlap(rects[me], rects[other]):
                    pairs.add((other, me))
            grid[cell].append(me)
    return len(pairs)


def _bounds(cards: Iterable[Rect], wires: Sequence[Wire], labels: Iterable[Rect]) -> Rect:
    xs: list[float] = []
    ys: list[float] = []
    for x, y, w, h in (*cards, *labels):
        xs += [x, x + w]
        ys += [y, y + h]
    for wire in wires:
        xs += [p[0] for p in wire.points]
        ys += [p[1] for p in wire.points]
    if not xs:
        return (0.0, 0.0, 0.0, 0.0)
    return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def measure(cards: dict[str, Rect], wires: Sequence[Wire], labels: Sequence[Rect]) -> Quality:
    """The quality figures of one drawn picture.

    Args:
        cards: each card's rectangle by its id (the ids the wires' `source`/`target` use).
        wires: the wires as drawn (curves flattened into polylines).
        labels: the label plates as drawn (only those actually shown).
    """
    length = sum(math.dist(a, b) for w in wires for a, b in zip(w.points, w.points[1:],
                                                               strict=False))
    _, _, width, height = _bounds(cards.values(), wires, labels)
    return Quality(crossings=_crossings(wires, cards), wires_through_cards=_through(wires, cards),
                   label_overlaps=_label_overlaps(labels, cards), wire_length=length,
                   area=width * height, aspect=width / height if height else 0.0)
