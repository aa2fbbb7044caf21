"""Wires that go around cards, and label plates that sit where nothing else is.

Orthogonal routing in the manner of Wybrow, Marriott and Stuckey ("Orthogonal connector routing",
GD 2009, the method behind libavoid/Adaptagrams): a wire leaves its source card's side and enters
its target's, and when the plain one-bend (Z) shape would cross a card, it is routed by A* over the
sparse grid of lines just outside the cards near it (their Hanan grid), shortest with a penalty per
bend. Wires sharing one side of a card get ports spread along that side in the order of their
other ends (so they do not cross there), and parallel wires between the same two cards run as a
bundle a few pixels apart. Labels are placed after all wires: on a wire's longest straight run,
at the first of a few places along it where the plate overlaps no card and no label placed
before; a label that fits nowhere is left to the tooltip rather than drawn over something.

Pure Python over rectangles and points: the canvas draws what this computes, `render --stats`
measures it, and tests check it without Qt. Lookups go through uniform grids (cards in
`card_index.py`, routed segments in `segment_index.py`) that look only at the cells a segment
runs through, and stop at the first card found; the wires already routed are counted through a
bounded number of tests.
So a wire costs work proportional to what is near it, not to the whole design: a 15,000-resource
design, whose thousands of long wires meet at a few shared stand-in cards, routes in 3.4 times
the time of a 5,000-resource one (tests/bench/README.md), where a scan of every routed segment
near the shared cards made the thorough routing quadratic.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from kubecanvas.model.layout.card_index import CardIndex
from kubecanvas.model.layout.grid_astar import Steps, astar_steps, drain
from kubecanvas.model.layout.quality import Point, Rect
from kubecanvas.model.layout.segment_index import CELL, SegmentIndex
from kubecanvas.model.layout.uncross import uncross
from kubecanvas.model.layout.wide_search import Around, beside, channel, wide_search_steps
from kubecanvas.model.record import record

#: distance kept from cards by a routed wire
CLEARANCE = 10.0
#: straight run out of a port before the first bend
STUB = 14.0
#: cost of one bend, in pixels of length
BEND = 60.0
#: between the wires of one bundle
LANE = 5.0
#: A* searches among at most this many cards (a grid of about (2n)^2 points).
MAX_SEARCH_CARDS = 40
#: ... and over at most this many grid cells of the card index.
MAX_SEARCH_CELLS = 150
#: Up to this many wires, each is routed thoroughly (fewest crossings, A* around blocks);
#: beyond, a wire takes the first of its Z shapes clear of cards. A wire with none goes around
#: the cards either way (`wide_search.py`).
THOROUGH_LIMIT = 1500
LABEL_HEIGHT = 16.0
#: cost of crossing a wire already routed, in pixels of length, for the A* detour: a crossing
#: reads worse than a few bends
CROSSING = 200.0
#: Up to this many wires, a wire whose Z shapes all cross others looks for a detour that
#: crosses fewer (A*), and `uncross` works on the whole routing (see there for the costs).
#: It grows much faster than the wires: 121, 256 and 538 wires built their scene in 1.4, 3.6
#: and 29 s with it, 0.3, 0.8 and 2.1 s without. The largest corpus app has 47 wires.
DETOUR_LIMIT = 150
#: besides its three usual places, a Z shape's bend may go in this many gaps between cards
MORE_MIDDLES = 12


@record(frozen=True)
class Route:
    """One wire as drawn: its polyline and the centre of its label plate (None: no label)."""

    points: tuple[Point, ...]
    label_at: Point | None = None


def _side(source: Rect, target: Rect) -> str:
    """Which way a wire leaves its source: 'right', 'left', 'down' or 'up'."""
    if target[0] >= source[0] + source[2] + 2 * STUB:
        return "right"
    if target[0] + target[2] <= source[0] - 2 * STUB:
        return "left"
    return "down" if target[1] >= source[1] + source[3] else "up"


_OPPOSITE = {"right": "left", "left": "right", "down": "up", "up": "down"}


def _ports(cards: Mapping[str, Rect], edges: Sequence[tuple[str, str]]) -> list[tuple[Point, Point, str]]:
    """(start, end, side) of each wire: ports spread along each card side in the order of the
    wires' other ends, so wires do not cross where they meet a card; a bundle shares a slot."""
    sides = [_side(cards[s], cards[t]) for s, t in edges]
    slots: dict[tuple[str, str], list[tuple[float, int, tuple[str, str], int]]] = defaultdict(list)
    for index, ((s, t), side) in enumerate(zip(edges, sides, strict=True)):
        pair = (min(s, t), max(s, t))
        for end, (card, other, where) in enumerate(((s, t, side), (t, s, _OPPOSITE[side]))):
            ox, oy, ow, oh = cards[other]
            along = oy + oh / 2 if where in ("right", "left") else ox + ow / 2
            slots[(card, where)].append((along, index, pair, end))
    # each wire's offset along its source's side and along its target's: lists by the wire's
    # index, not a dict keyed by (card, index) (40,000 keys made and hashed at 15,000 resources)
    offsets = ([0.0] * len(edges), [0.0] * len(edges))
    for (card, where), entries in slots.items():
        # ties by the wires' own (deterministic) order, never by the ids in `pair` (a wire's
        # index is in one entry of a side: the tuples' own order, without a key per entry)
        entries.sort()
        pairs = {pair: n for n, pair in enumerate(dict.fromkeys(e[2] for e in entries))}
        x, y, w, h = cards[card]
        length = h if where in ("right", "left") else w
        lanes: dict[tuple[str, str], int] = defaultdict(int)
        for _, index, pair, end in entries:
            slot = (pairs[pair] + 1) / (len(pairs) + 1)
            lane = lanes[pair]
            lanes[pair] += 1
            offsets[end][index] = length * slot + lane * LANE
    at_source, at_target = offsets
    return [(_port(cards[s], side, at_source[index]),
             _port(cards[t], _OPPOSITE[side], at_target[index]), side)
            for index, ((s, t), side) in enumerate(zip(edges, sides, strict=True))]


def _port(rect: Rect, side: str, along: float) -> Point:
    x, y, w, h = rect
    along = min(max(along, 4.0), (h if side in ("right", "left") else w) - 4.0)
    if side == "right":
        return (x + w, y + along)
    if side == "left":
        return (x, y + along)
    return (x + along, y + h) if side == "down" else (x + along, y)


def _stub(point: Point, side: str, length: float = STUB) -> Point:
    dx, dy = {"right": (1, 0), "left": (-1, 0), "down": (0, 1), "up": (0, -1)}[side]
    return (point[0] + dx * length, point[1] + dy * length)


def _simple(start: Point, end: Point, side: str, middle: float) -> list[Point]:
    """The one-bend-pair Z shape (or a straight line when the ports line up)."""
    if side in ("right", "left"):
        if abs(start[1] - end[1]) < 0.5:
            return [start, end]
        return [start, (middle, start[1]), (middle, end[1]), end]
    if abs(start[0] - end[0]) < 0.5:
        return [start, end]
    return [start, (start[0], middle), (end[0], middle), end]


def _clear(points: Sequence[Point], index: CardIndex, skip: tuple[str, str]) -> bool:
    return not any(index.blocked(a, b, skip) for a, b in zip(points, points[1:], strict=False))


def _search(start: Point, end: Point, index: CardIndex, skip: tuple[str, str],
            reach: float, drawn: SegmentIndex | None = None) -> Steps[list[Point] | None]:
    """A* over the Hanan grid of the cards within `reach` of the wire's box; with `drawn`,
    each wire crossed costs `CROSSING`."""
    x0, x1 = min(start[0], end[0]) - reach, max(start[0], end[0]) + reach
    y0, y1 = min(start[1], end[1]) - reach, max(start[1], end[1]) + reach
    if (x1 - x0) * (y1 - y0) > MAX_SEARCH_CELLS * CELL * CELL:
        return None  # a wire across a big design: searching it would cost more than it shows
    xs, ys = {start[0], end[0]}, {start[1], end[1]}
    for cid in index.near(x0, y0, x1, y1):
        x, y, w, h = index.cards[cid]
        xs.update((x - CLEARANCE, x + w + CLEARANCE))
        ys.update((y - CLEARANCE, y + h + CLEARANCE))
    gx = sorted(v for v in xs if x0 <= v <= x1)
    gy = sorted(v for v in ys if y0 <= v <= y1)
    # the cards in reach, grown by the margin `blocked` uses; grid steps are axis-parallel, so
    # each test is two interval comparisons
    boxes = [(x - 2.0, y - 2.0, x + w + 2.0, y + h + 2.0)
             for cid in index.near(x0, y0, x1, y1) if cid not in skip
             for x, y, w, h in (index.cards[cid],)]
    if len(boxes) > MAX_SEARCH_CARDS:
        return None  # a long wire across a big design: its Z shape is drawn rather than
        # searching a grid of millions of points

    known: dict[tuple[Point, Point], float | None] = {}

    def step_cost(a: Point, b: Point) -> float | None:
        """What a step costs besides its length (None: through a card), once per grid step:
        a point is reached from up to four headings."""
        key = (a, b) if a <= b else (b, a)
        if key in known:
            return known[key]
        lx, hx = min(a[0], b[0]), max(a[0], b[0])
        ly, hy = min(a[1], b[1]), max(a[1], b[1])
        cost: float | None = None
        if not any(lx < bx1 and hx > bx0 and ly < by1 and hy > by0
                   for bx0, by0, bx1, by1 in boxes):
            cost = CROSSING * drawn.crossings((a, b)) if drawn is not None else 0.0
        known[key] = cost
        return cost

    return (yield from astar_steps(gx, gy, start, end, BEND, step_cost))


def simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """Drop repeated points and the middle of three points on one line."""
    out: list[Point] = []
    for p in points:
        if out and math.dist(out[-1], p) < 0.01:
            continue
        if len(out) >= 2:
            a, b = out[-2], out[-1]
            if (abs(a[0] - b[0]) < 0.01 and abs(b[0] - p[0]) < 0.01) or \
                    (abs(a[1] - b[1]) < 0.01 and abs(b[1] - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _middles(lo: float, hi: float, sign: int, horizontal: bool,
             box: tuple[float, float, float, float], index: CardIndex,
             more: bool) -> Iterable[float | None]:
    """Where a Z shape's cross run may go: just before the target, just after the source,
    halfway; then the gaps beside the cards near the wire (their sides plus the clearance),
    nearest the middle first. None: a pause (`near_steps`), no place."""
    yield from (hi - sign * STUB, lo + sign * STUB, (lo + hi) / 2)
    if not more:  # the quick routing of a big design: the cards along a long wire cost time
        return
    low, high = min(lo, hi) + STUB, max(lo, hi) - STUB
    gaps: set[float] = set()
    for number, cid in enumerate((yield from index.near_steps(*box)), 1):
        x, y, w, h = index.cards[cid]
        near, far = (x, x + w) if horizontal else (y, y + h)
        gaps.update(v for v in (near - CLEARANCE, far + CLEARANCE) if low < v < high)
        if number % 500 == 0:
            yield None
    yield from sorted(gaps, key=lambda v: (abs(v - (lo + hi) / 2), v))[:MORE_MIDDLES]


def route_wire(start: Point, end: Point, side: str, index: CardIndex,
               ends: tuple[str, str], drawn: SegmentIndex | None = None,
               lane: int = 0, search: bool = True, detour: bool = True,
               around: Around | None = None) -> tuple[Point, ...]:
    """One wire from port `start` to port `end` (`route_wire_steps`, at once)."""
    return drain(route_wire_steps(start, end, side, index, ends, drawn, lane, search, detour,
                                  around))


def route_wire_steps(start: Point, end: Point, side: str, index: CardIndex,
                     ends: tuple[str, str], drawn: SegmentIndex | None = None, lane: int = 0,
                     search: bool = True, detour: bool = True, around: Around | None = None
                     ) -> Steps[tuple[Point, ...]]:
    """One wire from port `start` to port `end`, around every card but its own two, in steps
    (its searches pause: `grid_astar.astar_steps`).

    The bend goes in the gap just before the target (wires into one card then merge into one
    run), just after the source, or halfway, whichever is clear of cards and crosses the fewest
    wires already routed; the `lane`-th wire of a bundle bends a few pixels earlier or later, on
    the side that keeps the bundle from crossing itself. When each of these crosses a wire (or
    a card), the bend tries the other gaps between cards, and then (with `search` and
    `detour`) A* looks for a detour that crosses fewer wires (each costs `CROSSING`). A wire
    whose every shape meets a card is searched for around the cards as `around` says
    (`wide_search.Around`; None: at once): a claim's wire down to its volume under the
    namespace frame passes the blocks below it, and drawn straight it ran through twenty cards.
    """
    a, b = _stub(start, side), _stub(end, _OPPOSITE[side])
    horizontal = side in ("right", "left")
    lo, hi = (a[0], b[0]) if horizontal else (a[1], b[1])
    sign = 1 if hi >= lo else -1
    across = (b[1] - a[1]) if horizontal else (b[0] - a[0])
    shift = -lane * LANE * sign * (1 if across >= 0 else -1)
    box = (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
    best: tuple[int, int, list[Point]] | None = None
    rank = -1
    for middle in _middles(lo, hi, sign, horizontal, box, index, drawn is not None):
        if middle is None:
            yield
            continue
        rank += 1
        path = [start, *_simple(a, b, side, middle + shift), end]
        if not _clear(path[1:-1], index, ends):
            continue
        crossed = drawn.crossings(path) if drawn is not None else 0
        if best is None or (crossed, rank) < best[:2]:
            best = (crossed, rank, path)
        if crossed == 0:
            break
    if best is not None and (best[0] == 0 or drawn is None or not detour):
        return simplify(best[2])
    for reach in (CELL, 3 * CELL) if search else ():
        found = yield from _search(a, b, index, ends, reach, drawn)
        if found is not None:
            detour_path = [start, *found, end]
            if best is None or (drawn is not None and drawn.crossings(detour_path) < best[0]):
                return simplify(detour_path)
            break
    if best is not None:
        return simplify(best[2])
    around = around if around is not None else Around()
    if not around.search:
        around.left += 1
        return simplify([start, *_simple(a, b, side, (lo + hi) / 2), end])
    return simplify((yield from _around_cards(start, end, side, index, ends, around.twins)))


def _around_cards(start: Point, end: Point, side: str, index: CardIndex, ends: tuple[str, str],
                  twins: dict[tuple[str, str], tuple[tuple[str, str], list[Point]]]
                  ) -> Steps[list[Point]]:
    """From port `start` to port `end` around the cards (`wide_search.py`): beside an earlier
    wire between the same two cards that went around them (`twins`, by the ends in order),
    or through one straight gap, or searched; the plain Z shape when no path is found within
    the bounds. The first wire of a pair that goes around is kept in `twins`."""
    pair = (min(ends), max(ends))
    twin = twins.get(pair)
    if twin is not None:
        path = beside(twin[1] if twin[0] == ends else twin[1][::-1], start, end)
        if path is not None and _clear(path, index, ends):
            return path
    a, b = _stub(start, side), _stub(end, _OPPOSITE[side])
    vertical = side in ("down", "up")
    found = channel(a, b, vertical, index, CLEARANCE, ends)
    yield  # (a run of wires through gaps held one turn of the editor 34 ms at 15,000)
    if found is None:
        found = yield from wide_search_steps(a, b, index, (CELL, CLEARANCE, BEND), ends)
    if found is None:
        return [start, *_simple(a, b, side, ((a[1] + b[1]) if vertical else (a[0] + b[0])) / 2),
                end]
    path = [start, *found, end]
    if twin is None:
        twins[pair] = (ends, list(simplify(path)))
    return path


def route_all(cards: Mapping[str, Rect], edges: Sequence[tuple[str, str]],
              label_widths: Sequence[float] | None = None, quick: bool = False,
              left: list[int] | None = None, thorough: bool | None = None,
              index: CardIndex | None = None) -> list[Route]:
    """Routes for `edges` ((source, target) card ids, in a deterministic order) among `cards`.

    Args:
        cards: every card drawn, by id (wires avoid all but their own two ends).
        edges: the wires; a self loop gets an empty route.
        label_widths: the plate width of each wire's label (0: no label).
        quick: the cheap routes whatever the number of wires (a card being dragged).
        left: given, the wires whose plain shapes all meet a card are not searched around the
            cards but drawn plain, and their indices put here (`wide_search.Around`).
        index: `cards` already indexed (`card_index_steps`), for wires routed in batches.
        thorough: whether to route thoroughly; None: up to `THOROUGH_LIMIT` wires (the wires
            of a big design left for later are routed a few hundred at a time, not thoroughly).
    """
    return drain(route_all_steps(cards, edges, label_widths, quick, left, thorough, index))


def card_index_steps(cards: Mapping[str, Rect]) -> Steps[CardIndex]:
    """The index of `cards`, in steps (thousands of cards near a long wire). Wires routed in
    batches share one: at 15,000 resources, indexing every card again for each batch of the
    wires left after opening was a fifth of their routing, and grew with the square of the
    design's size (ten batches of 18,700 cards)."""
    index = CardIndex({})
    for number, (cid, rect) in enumerate(cards.items(), 1):
        index.add(cid, rect)
        if number % 500 == 0:
            yield
    return index


def route_all_steps(cards: Mapping[str, Rect], edges: Sequence[tuple[str, str]], label_widths:
                    Sequence[float] | None = None, quick: bool = False,
                    left: list[int] | None = None, thorough: bool | None = None,
                    index: CardIndex | None = None, around: Around | None = None
                    ) -> Steps[list[Route]]:
    """`route_all` in steps, for the editor's routing in slices (`ui/canvas/route_slices.py`);
    `index`: the `cards` already indexed (`card_index_steps`), and `around`: the wires searched
    around the cards so far (`Around.twins`), for routing in batches."""
    if index is None:
        index = yield from card_index_steps(cards)
    # a big design (thousands of wires) gets the cheap routes only: Z shapes that avoid cards
    # where one exists, without the crossing count and the A* detours, which cost seconds there
    thorough = (len(edges) <= THOROUGH_LIMIT if thorough is None else thorough) and not quick
    drawn = SegmentIndex() if thorough else None
    detour = len(edges) <= DETOUR_LIMIT
    routes: list[tuple[Point, ...]] = []
    usable = [i for i, (s, t) in enumerate(edges) if s != t and s in cards and t in cards]
    ports = dict(zip(usable, _ports(cards, [edges[i] for i in usable]), strict=True))
    yield
    bundles: dict[tuple[str, str], int] = defaultdict(int)
    lanes: dict[int, int] = {}
    around = around if around is not None else Around(search=left is None and not quick)
    for i, (s, t) in enumerate(edges):
        if i not in ports:
            routes.append(())
            continue
        start, end, side = ports[i]
        pair = (min(s, t), max(s, t))
        lanes[i] = bundles[pair]
        plain = around.left
        route = yield from route_wire_steps(start, end, side, index, (s, t), drawn,
                                            bundles[pair], thorough, detour, around)
        if left is not None and around.left > plain:
            left.append(i)
        bundles[pair] += 1
        if drawn is not None:
            drawn.add(route, i)
        routes.append(route)
    if drawn is not None and detour:
        yield from uncross(routes, ports, edges, drawn, lambda i: route_wire_steps(
            *ports[i], index, edges[i], drawn, lanes[i], around=around))
    widths = list(label_widths) if label_widths is not None else [0.0] * len(edges)
    labels = yield from _label_steps(routes, widths, index)
    return [Route(points, at) for points, at in zip(routes, labels, strict=True)]


def place_labels(routes: Sequence[tuple[Point, ...]], widths: Sequence[float],
                 index: CardIndex) -> list[Point | None]:
    """The centre of each label plate, or None when it fits nowhere along its wire."""
    return drain(_label_steps(routes, widths, index))


def _label_steps(routes: Sequence[tuple[Point, ...]], widths: Sequence[float],
                 index: CardIndex) -> Steps[list[Point | None]]:  # (a pause per label)
    placed = CardIndex({})
    out: list[Point | None] = []
    for number, (points, width) in enumerate(zip(routes, widths, strict=True)):
        yield
        spot = None
        if width > 0 and len(points) >= 2:
            spot = _label_spot(points, width, index, placed)
        if spot is not None:
            placed.add(str(number), (spot[0] - width / 2, spot[1] - LABEL_HEIGHT / 2, width,
                                     LABEL_HEIGHT))
        out.append(spot)
    return out


def _label_spot(points: Sequence[Point], width: float, cards: CardIndex,
                labels: CardIndex) -> Point | None:
    runs = sorted(zip(points, points[1:], strict=False),
                  key=lambda ab: (-(abs(ab[0][1] - ab[1][1]) < 0.01), -math.dist(*ab)))
    for a, b in runs:
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            centre = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
            x0, y0 = centre[0] - width / 2, centre[1] - LABEL_HEIGHT / 2
            x1, y1 = x0 + width, y0 + LABEL_HEIGHT  # (the plate overlapping no card or label)
            if not cards.overlaps(x0, y0, x1, y1) and not labels.overlaps(x0, y0, x1, y1):
                return centre
    return None
