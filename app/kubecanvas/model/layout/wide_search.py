"""A wider search for the wires that would otherwise be drawn through a card.

A wire whose Z shapes (`routing._simple`) all meet a card is searched by A* among the cards
near it (`routing._search`), which tests each grid step against every one of them and so gives
up beyond a few dozen cards. In a dense design that is where the hard wires are: a volume
dragged 4,000 px from its claim, past blocks whose columns do not line up, has hundreds of
cards along its box and no straight channel; it was drawn through six of them. Here A* runs
over the same kind of grid (the lines just outside the cards near the wire, their Hanan
grid) but tests each step through the card index, which looks only at the cells the step
crosses; it is bounded by the number of grid points, so a wire that cannot be found cheaply
keeps its Z shape rather than stalling the release of a drag.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from typing import Protocol

from kubecanvas.model.layout.quality import Point, Rect

#: grid points (lines across x lines along) beyond which the wide search is not tried
MAX_POINTS = 10_000
#: grid points A* may settle before it gives up
MAX_SETTLED = 2_000


class _Cards(Protocol):
    cards: dict[str, Rect]

    def near(self, x0: float, y0: float, x1: float, y1: float) -> set[str]: ...


def wide_search(a: Point, b: Point, cards: _Cards, spacing: tuple[float, float, float],
                blocked: Callable[[Point, Point], bool]) -> list[Point] | None:
    """A shortest path with few bends from `a` to `b` over the Hanan grid of the cards within
    `reach` of the wire's box, each step tested by `blocked`; None when there is none within
    the bounds. `spacing`: (reach, clearance from cards, cost of a bend)."""
    reach, clearance, bend = spacing
    x0, x1 = min(a[0], b[0]) - reach, max(a[0], b[0]) + reach
    y0, y1 = min(a[1], b[1]) - reach, max(a[1], b[1]) + reach
    xs, ys = {a[0], b[0]}, {a[1], b[1]}
    for cid in cards.near(x0, y0, x1, y1):
        x, y, w, h = cards.cards[cid]
        xs.update(v for v in (x - clearance, x + w + clearance) if x0 <= v <= x1)
        ys.update(v for v in (y - clearance, y + h + clearance) if y0 <= v <= y1)
    gx, gy = sorted(xs), sorted(ys)
    if len(gx) * len(gy) > MAX_POINTS:
        return None
    return _astar(gx, gy, a, b, bend, blocked)


def _astar(gx: list[float], gy: list[float], a: Point, b: Point, bend: float,
           blocked: Callable[[Point, Point], bool]) -> list[Point] | None:
    goal, begin = (gx.index(b[0]), gy.index(b[1])), (gx.index(a[0]), gy.index(a[1]))
    Key = tuple[tuple[int, int], int]
    best: dict[Key, float] = {(begin, -1): 0.0}
    came: dict[Key, Key | None] = {(begin, -1): None}
    frontier: list[tuple[float, float, tuple[int, int], int]] = [(0.0, 0.0, begin, -1)]
    known: dict[tuple[tuple[int, int], tuple[int, int]], bool] = {}
    settled = 0
    steps = ((1, 0), (-1, 0), (0, 1), (0, -1))
    while frontier and settled < MAX_SETTLED:
        _, cost, node, heading = heapq.heappop(frontier)
        if cost > best.get((node, heading), math.inf):
            continue
        if node == goal:
            return _unwind(came, (node, heading), gx, gy)
        settled += 1
        here = (gx[node[0]], gy[node[1]])
        for direction, (dx, dy) in enumerate(steps):
            i, j = node[0] + dx, node[1] + dy
            if not (0 <= i < len(gx) and 0 <= j < len(gy)):
                continue
            there = (gx[i], gy[j])
            step = math.dist(here, there) + (bend if heading not in (-1, direction) else 0.0)
            key = ((i, j), direction)
            if cost + step >= best.get(key, math.inf):
                continue
            pair = (node, (i, j)) if node <= (i, j) else ((i, j), node)
            if pair not in known:
                known[pair] = blocked(here, there)
            if known[pair]:
                continue
            best[key] = cost + step
            came[key] = (node, heading)
            guess = abs(there[0] - b[0]) + abs(there[1] - b[1])
            heapq.heappush(frontier, (cost + step + guess, cost + step, (i, j), direction))
    return None


def _unwind(came: dict[tuple[tuple[int, int], int], tuple[tuple[int, int], int] | None],
            key: tuple[tuple[int, int], int], gx: list[float], gy: list[float]) -> list[Point]:
    cells: list[tuple[int, int]] = []
    step: tuple[tuple[int, int], int] | None = key
    while step is not None:
        cells.append(step[0])
        step = came[step]
    return [(gx[i], gy[j]) for i, j in reversed(cells)]


