"""A* over a grid of lines just outside cards (their Hanan grid): the one search both routers
use, `routing._search` among the few dozen cards near a wire and `wide_search` through the card
index for the hard wires. A state is a grid point and the heading it was reached with, so a
bend costs `bend`; the estimate is the Manhattan distance, which never overestimates.

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
    goal = (gx.index(end[0]), gy.index(end[1]))
    begin = (gx.index(start[0]), gy.index(start[1]))
    frontier: list[tuple[float, float, Cell, int]] = [(0.0, 0.0, begin, -1)]
    came: dict[State, State | None] = {(begin, -1): None}
    best: dict[State, float] = {(begin, -1): 0.0}
    settled = 0
    while frontier:
        _, cost, node, heading = heapq.heappop(frontier)
        if node == goal:
            return _unwind(came, (node, heading), gx, gy)
        if cost > best.get((node, heading), math.inf):
            continue
        settled += 1
        if max_settled is not None and settled > max_settled:
            return None
        if settled % PAUSE_EVERY == 0:
            yield
        here = (gx[node[0]], gy[node[1]])
        for direction, (dx, dy) in enumerate(_STEPS):
            i, j = node[0] + dx, node[1] + dy
            if not (0 <= i < len(gx) and 0 <= j < len(gy)):
                continue
            there = (gx[i], gy[j])
            step = math.dist(here, there) + (bend if heading not in (-1, direction) else 0.0)
            key = ((i, j), direction)
            if cost + step >= best.get(key, math.inf):
                continue
            extra = step_cost(here, there)
            if extra is None:
                continue
            step += extra
            if cost + step < best.get(key, math.inf):
                best[key] = cost + step
                came[key] = (node, heading)
                guess = abs(there[0] - end[0]) + abs(there[1] - end[1])
                heapq.heappush(frontier, (cost + step + guess, cost + step, (i, j), direction))
    return None


def _unwind(came: Mapping[State, State | None], key: State, gx: list[float],
            gy: list[float]) -> list[Point]:
    cells = []
    step: State | None = key
    while step is not None:
        cells.append(step[0])
        step = came[step]
    return [(gx[i], gy[j]) for i, j in reversed(cells)]
