"""The way around the cards for the wires that would otherwise be drawn through one.

A wire whose Z shapes (`routing._simple`) all meet a card is searched by A* among the cards
near it (`routing._search`), which tests each grid step against every one of them and so gives
up beyond a few dozen cards. In a dense design that is where the hard wires are: a volume
dragged 4,000 px from its claim, past blocks whose columns do not line up, has hundreds of
cards along its box; a claim's wire down to its volume under the namespace frame passes every
application block below it. Such a wire tries, in turn:

1. `beside`: run beside the wire of its bundle that went around already (a claim's wire to its
   volume and the volume's back to the claim);
2. `channel`: one straight gap beside a column of cards, from one end's row to the other's;
3. `wide_search`: A* over the lines just outside the cards near the wire (their Hanan grid),
   each step tested against tables of the steps that cards block, built once per wire; it is
   bounded by the number of grid points, so a wire that cannot be found cheaply keeps its Z
   shape rather than stalling the release of a drag or a big picture.

With these, the generated 5,000-resource design renders with no wire through a card (13,039
wire-card pairs before) for 8.7 % more instructions (tests/bench/README.md, session 12).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Protocol

from kubecanvas.model.layout.grid_astar import Steps, astar_steps, drain
from kubecanvas.model.layout.quality import Point, Rect

#: grid points (lines across x lines along) beyond which the wide search is not tried
MAX_POINTS = 10_000
#: grid points A* may settle before it gives up (2,000 left two of the 15,000-resource
#: design's 20,273 wires through cards; A* pauses every few dozen, so the editor stays live)
MAX_SETTLED = 5_000
#: a grid step nearer a card than this passes through it (as `CardIndex.blocked`)
MARGIN = 2.0
#: grid lines nearer each other than this are one line, halfway (the line just below one card
#: and the one just above the next, in a column of cards 24 px apart, are 4 px apart): a long
#: wire's search settles half the points, and every step is still tested against the cards
THIN = 8.0
#: how far to either side of a wire `channel` looks for a straight gap
CHANNEL_REACH = 400.0
#: ... and how many gaps it tries, nearest first
CHANNELS = 12
#: cells of the card index read between two pauses
PAUSE_CELLS = 500


class Around:
    """How one routing draws the wires whose every plain shape meets a card.

    Attributes:
        search: search for them around the cards now (`wide_search`); else each is drawn in
            its plain shape and counted in `left`, for the editor to search in slices after a
            big design opened (thousands of searches, seconds, before the first paint).
        twins: per pair of cards, the first such wire searched, as (its ends, its path): the
            later wires of a bundle run beside it (`beside`).
        left: how many were left in their plain shapes (with `search` off).
    """

    def __init__(self, search: bool = True) -> None:
        self.search = search
        self.twins: dict[tuple[str, str], tuple[tuple[str, str], list[Point]]] = {}
        self.left = 0


class _Cards(Protocol):
    cards: dict[str, Rect]

    def cell_cards(self, x0: float, y0: float, x1: float, y1: float
                   ) -> Iterable[list[str]]: ...

    def blocked(self, a: Point, b: Point, skip: Iterable[str], margin: float = 2.0) -> bool: ...


def channel(a: Point, b: Point, vertical: bool, cards: _Cards, clearance: float,
            ends: tuple[str, str]) -> list[Point] | None:
    """A path from `a` to `b` with its long run in one straight gap between cards, or None.

    The gaps tried are the lines just beside the cards around `a`'s row (for a wire that runs
    down or up; its column for one that runs across), within `CHANNEL_REACH` of the wire,
    nearest its middle first: a claim's wire down to its volume under the namespace frame
    mostly finds the gap beside its own column clear to the bottom, at the price of a few
    tests along three segments, where a search settles a hundred grid points. Each tested
    segment stops at the first card it meets (`CardIndex.blocked`).
    """
    u0, u1 = (a[0], b[0]) if vertical else (a[1], b[1])
    lo, hi = min(u0, u1) - CHANNEL_REACH, max(u0, u1) + CHANNEL_REACH
    band = (lo, a[1] - 1, hi, a[1] + 1) if vertical else (a[0] - 1, lo, a[0] + 1, hi)
    gaps: set[float] = set()
    for cids in cards.cell_cards(*band):
        for cid in cids:
            x, y, w, h = cards.cards[cid]
            gaps.update((x - clearance, x + w + clearance) if vertical else
                        (y - clearance, y + h + clearance))
    middle = (u0 + u1) / 2
    for gap in sorted(gaps, key=lambda v: (abs(v - middle), v))[:CHANNELS]:
        path = [a, (gap, a[1]), (gap, b[1]), b] if vertical else [a, (a[0], gap), (b[0], gap), b]
        if not any(cards.blocked(p, q, ends) for p, q in zip(path, path[1:], strict=False)):
            return path
    return None


def wide_search(a: Point, b: Point, cards: _Cards, spacing: tuple[float, float, float],
                ends: Iterable[str] = ()) -> list[Point] | None:
    """A shortest path with few bends from `a` to `b` over the Hanan grid of the cards within
    `reach` of the wire's box, around every card but `ends`; None when there is none within
    the bounds. `spacing`: (reach, clearance from cards, cost of a bend)."""
    return drain(wide_search_steps(a, b, cards, spacing, ends))


def wide_search_steps(a: Point, b: Point, cards: _Cards, spacing: tuple[float, float, float],
                      ends: Iterable[str] = ()) -> Steps[list[Point] | None]:
    """`wide_search` in steps (`grid_astar.astar_steps`).

    Which grid steps pass through a card is worked out once, from the cards near the wire, as
    two sets of (line, step) pairs: a step then costs two dictionary look-ups instead of a
    walk of the card index (which was half of routing a 5,000-resource design's hard wires).
    Reading the cards stops as soon as the grid would pass `MAX_POINTS`: the wires across a
    whole big design are not tried, at the price of reading the cards of only part of their box.
    """
    reach, clearance, bend = spacing
    x0, x1 = min(a[0], b[0]) - reach, max(a[0], b[0]) + reach
    y0, y1 = min(a[1], b[1]) - reach, max(a[1], b[1]) + reach
    xs, ys = {a[0], b[0]}, {a[1], b[1]}
    skip = set(ends)
    near: dict[str, Rect] = {}
    for number, cids in enumerate(cards.cell_cards(x0, y0, x1, y1), 1):
        if number % PAUSE_CELLS == 0:
            yield
            if len(xs) * len(ys) > MAX_POINTS:
                return None
        for cid in cids:
            if cid in near or cid in skip:
                continue
            x, y, w, h = near[cid] = cards.cards[cid]
            for v in (x - clearance, x + w + clearance):
                if x0 <= v <= x1:
                    xs.add(v)
            for v in (y - clearance, y + h + clearance):
                if y0 <= v <= y1:
                    ys.add(v)
    if len(xs) * len(ys) > MAX_POINTS:
        return None
    gx, gy = _thinned(xs, a[0], b[0]), _thinned(ys, a[1], b[1])
    across, along = _blocked_steps(gx, gy, near.values())
    column = {v: i for i, v in enumerate(gx)}
    row = {v: j for j, v in enumerate(gy)}

    def step_cost(here: Point, there: Point) -> float | None:
        """Free, or None through a card."""
        if here[0] == there[0]:
            j = row[here[1]]
            return None if (column[here[0]], min(j, row[there[1]])) in along else 0.0
        i = column[here[0]]
        return None if (min(i, column[there[0]]), row[here[1]]) in across else 0.0

    return (yield from astar_steps(gx, gy, a, b, bend, step_cost, MAX_SETTLED))


def _thinned(values: set[float], *keep: float) -> list[float]:
    """`values` in order, each run of values less than `THIN` apart merged into its middle,
    but for the wire's own ends (`keep`), which stay as they are."""
    out: list[float] = []
    fixed: list[bool] = []
    for v in sorted(values):
        pinned = v in keep
        if out and v - out[-1] < THIN and not (pinned and fixed[-1]):
            if fixed[-1]:
                continue
            out[-1], fixed[-1] = (v, True) if pinned else ((out[-1] + v) / 2, False)
            continue
        out.append(v)
        fixed.append(pinned)
    return out


def _blocked_steps(gx: list[float], gy: list[float], near: Iterable[Rect]
                   ) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(the steps along x lines (i, j): from (gx[i], gy[j]) to (gx[i + 1], gy[j]), the steps
    along y lines (i, j): from (gx[i], gy[j]) to (gx[i], gy[j + 1])) that pass through a card
    grown by `MARGIN`, as open boxes."""
    across: set[tuple[int, int]] = set()
    along: set[tuple[int, int]] = set()
    last_x, last_y = len(gx) - 2, len(gy) - 2
    for x, y, w, h in near:
        left, right, top, bottom = x - MARGIN, x + w + MARGIN, y - MARGIN, y + h + MARGIN
        # the lines strictly inside the box, and the steps overlapping its span
        lines_x = range(bisect_right(gx, left), bisect_left(gx, right))
        lines_y = range(bisect_right(gy, top), bisect_left(gy, bottom))
        steps_x = range(max(0, bisect_right(gx, left) - 1), min(last_x, bisect_left(gx, right) - 1) + 1)
        steps_y = range(max(0, bisect_right(gy, top) - 1), min(last_y, bisect_left(gy, bottom) - 1) + 1)
        along.update((i, j) for i in lines_x for j in steps_y)
        across.update((i, j) for j in lines_y for i in steps_x)
    return across, along


def beside(twin: Sequence[Point], a: Point, b: Point) -> list[Point] | None:
    """`twin` (a wire's path from port a0 to port b0) moved sideways to run from `a` to `b`
    (ports a few pixels along the same sides), each run the
    same distance to the same side, so it bends around the twin's corners without crossing it;
    None when `a` and `b` are not the twin's ends moved that way (or a run would turn back).

    A bundle's wires (a claim's to its volume and the volume's back) have ports a few pixels
    apart: the second runs beside the first instead of searching again and landing on the same
    grid lines, on top of it. `twin` is as `routing.simplify` leaves a path: no point repeated,
    none in the middle of a straight run. Ports the same as the twin's take its path.
    """
    points = twin
    if len(points) < 2:
        return None
    normals = []  # each run's left-hand normal (y down), as a unit vector
    for p, q in zip(points, points[1:], strict=False):
        if p[0] != q[0] and p[1] != q[1]:
            return None
        normals.append((0.0, math.copysign(1.0, q[0] - p[0])) if p[1] == q[1]
                       else (-math.copysign(1.0, q[1] - p[1]), 0.0))
    shift = (a[0] - points[0][0], a[1] - points[0][1])
    if shift == (0.0, 0.0) and tuple(b) == tuple(points[-1]):
        # the same ports (wires routed in separate batches each have the middle of their
        # sides): the twin's path is the one a search would find; 993 searches at 15,000
        return list(points)
    first = normals[0]
    distance = shift[0] * first[0] + shift[1] * first[1]  # signed: the side is its sign
    if abs(distance) < 0.01 or abs(shift[0] - distance * first[0]) > 0.01 or \
            abs(shift[1] - distance * first[1]) > 0.01:
        return None
    out = [a]
    for n in range(1, len(points) - 1):
        (ux, uy), (vx, vy) = normals[n - 1], normals[n]
        out.append((points[n][0] + distance * (ux + vx), points[n][1] + distance * (uy + vy)))
    last = normals[-1]
    out.append((points[-1][0] + distance * last[0], points[-1][1] + distance * last[1]))
    if math.dist(out[-1], b) > 0.01:
        return None
    out[-1] = b
    for (p, q), (p0, q0) in zip(zip(out, out[1:], strict=False),
                                zip(points, points[1:], strict=False), strict=True):
        if (q[0] - p[0]) * (q0[0] - p0[0]) + (q[1] - p[1]) * (q0[1] - p0[1]) <= 0:
            return None  # a run shorter than the shift would turn back on itself
    return out
