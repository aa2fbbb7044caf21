"""A* over a grid of lines just outside cards (their Hanan grid): the one search both routers
use, `routing._search` among the few dozen cards near a wire and `wide_search` through the card
index for the hard wires. A state is a grid point and the heading it was reached with, so a
bend costs `bend`. The estimate is the Manhattan distance plus one bend wherever one is still
unavoidable (the goal is off both axes of the point, or on the axis the wire is not heading
along), which never overestimates; among states of equal estimate the one reached by the
longer path is taken first, so a search runs down one free line instead of widening over every
tie. Both together halve the states the searches settle: routing the generated
5,000-resource design settles 11,300 where the plain estimate settled 24,500.

The search comes as steps too (`astar_steps`, a generator that pauses every `PAUSE_EVERY`
states settled), so the editor can spread a drag's routing over event-loop turns
(`ui/canvas/route_slices.py`): one wide search took 30 ms and more, a stall for one turn.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Generator, Mapping
from typing import TypeVar

from kubecanvas.model.layout.quality import Point

Cell = tuple[int, int]
State = tuple[Cell, int]  # a grid point and the heading it was reached with (-1: the start)
#: what a step costs besides its length, None when it may not be taken
StepCost = Callable[[Point, Point], float | None]
_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
#: states settled between two pauses of `astar_steps` (about a millisecond of a wide search)
PAUSE_EVERY = 32
T = TypeVar("T")
#: work in steps: a generator that yields None at each pause and returns its result
Steps = Generator[None, None, T]


def drain(steps: Steps[T]) -> T:
    """Run `steps` to the end at once; their result."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


def grid_astar(gx: list[float], gy: list[float], start: Point, end: Point, bend: float,
               step_cost: StepCost, max_settled: int | None = None) -> list[Point] | None:
    """The cheapest path from `start` to `end` (both on the grid) along grid lines: length,
    plus `bend` per bend, plus each step's `step_cost`; None when there is none, or when
    `max_settled` states were expanded without reaching `end`."""
    return drain(astar_steps(gx, gy, start, end, bend, step_cost, max_settled))


def astar_steps(gx: list[float], gy: list[float], start: Point, end: Point, bend: float,
                step_cost: StepCost, max_settled: int | None = None
                ) -> Steps[list[Point] | None]:
    """`grid_astar` in steps: pauses every `PAUSE_EVERY` states settled."""
    ex, ey = end
    goal = (gx.index(ex), gy.index(ey))
    begin = (gx.index(start[0]), gy.index(start[1]))
    # (estimate, minus the cost so far: deeper first among ties, point, heading)
    frontier: list[tuple[float, float, Cell, int]] = [(0.0, 0.0, begin, -1)]
    came: dict[State, State | None] = {(begin, -1): None}
    best: dict[State, float] = {(begin, -1): 0.0}
    settled = 0
    columns, rows = len(gx), len(gy)
    while frontier:
        _, behind, node, heading = heapq.heappop(frontier)
        cost = -behind
        if node == goal:
            return _unwind(came, (node, heading), gx, gy)
        if cost > best.get((node, heading), math.inf):
            continue
        settled += 1
        if max_settled is not None and settled > max_settled:
            return None
        if settled % PAUSE_EVERY == 0:
            yield
        hx, hy = gx[node[0]], gy[node[1]]
        for direction, (dx, dy) in enumerate(_STEPS):
            i, j = node[0] + dx, node[1] + dy
            if not (0 <= i < columns and 0 <= j < rows):
                continue
            tx, ty = gx[i], gy[j]
            step = abs(tx - hx) + abs(ty - hy) + (bend if heading not in (-1, direction) else 0.0)
            key = ((i, j), direction)
            known = best.get(key, math.inf)
            if cost + step >= known:
                continue
            extra = step_cost((hx, hy), (tx, ty))
            if extra is None:
                continue
            total = cost + step + extra
            if total < known:
                best[key] = total
                came[key] = (node, heading)
                heapq.heappush(frontier, (total + _estimate(tx, ty, ex, ey, direction, bend),
                                          -total, (i, j), direction))
    return None


def _estimate(x: float, y: float, ex: float, ey: float, heading: int, bend: float) -> float:
    """What reaching (ex, ey) from (x, y), heading along `heading` (an index of `_STEPS`: 0
    and 1 along x), costs at least: the Manhattan distance, and a bend when the goal is off
    both axes or on the axis across the heading."""
    guess = abs(x - ex) + abs(y - ey)
    if x != ex and y != ey:
        return guess + bend
    if x == ex and y == ey:
        return guess
    return guess + bend if (x == ex) == (heading < 2) else guess


def _unwind(came: Mapping[State, State | None], key: State, gx: list[float],
            gy: list[float]) -> list[Point]:
    cells = []
    step: State | None = key
    while step is not None:
        cells.append(step[0])
        step = came[step]
    return [(gx[i], gy[j]) for i, j in reversed(cells)]
