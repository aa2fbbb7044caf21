"""The grid search finds a cheapest path: its estimate (distance plus an unavoidable bend) never
overestimates, so the paths it returns cost what an exhaustive search's cheapest path costs."""

from __future__ import annotations

import heapq
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model.layout.grid_astar import grid_astar

BEND = 60.0
STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))


def _cost(path: list[tuple[float, float]]) -> float:
    total, heading = 0.0, None
    for p, q in zip(path, path[1:], strict=False):
        total += math.dist(p, q)
        now = (q[0] > p[0]) - (q[0] < p[0]), (q[1] > p[1]) - (q[1] < p[1])
        if heading is not None and now != heading:
            total += BEND
        heading = now
    return total


def _cheapest(gx, gy, start, end, closed) -> float | None:
    """Dijkstra over (point, heading): the same costs, no estimate."""
    begin, goal = (gx.index(start[0]), gy.index(start[1])), (gx.index(end[0]), gy.index(end[1]))
    best = {(begin, -1): 0.0}
    frontier = [(0.0, begin, -1)]
    while frontier:
        cost, node, heading = heapq.heappop(frontier)
        if node == goal:
            return cost
        if cost > best[(node, heading)]:
            continue
        for direction, (dx, dy) in enumerate(STEPS):
            i, j = node[0] + dx, node[1] + dy
            if not (0 <= i < len(gx) and 0 <= j < len(gy)) or \
                    frozenset((node, (i, j))) in closed:
                continue
            step = abs(gx[i] - gx[node[0]]) + abs(gy[j] - gy[node[1]])
            step += BEND if heading not in (-1, direction) else 0.0
            if cost + step < best.get(((i, j), direction), math.inf):
                best[((i, j), direction)] = cost + step
                heapq.heappush(frontier, (cost + step, (i, j), direction))
    return None


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 120), min_size=2, max_size=7),
       st.lists(st.integers(1, 120), min_size=2, max_size=7),
       st.sets(st.tuples(st.integers(0, 6), st.integers(0, 6), st.booleans()), max_size=25),
       st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 6), st.integers(0, 6)))
def test_the_path_found_costs_what_the_cheapest_path_costs(xs, ys, walls, ends) -> None:
    gx = [float(sum(xs[:n + 1])) for n in range(len(xs))]
    gy = [float(sum(ys[:n + 1])) for n in range(len(ys))]
    i0, j0, i1, j1 = (ends[0] % len(gx), ends[1] % len(gy), ends[2] % len(gx),
                      ends[3] % len(gy))
    start, end = (gx[i0], gy[j0]), (gx[i1], gy[j1])
    # closed steps: from a point to its right (or lower) neighbour
    closed = {frozenset(((i, j), (i + 1, j) if across else (i, j + 1)))
              for i, j, across in walls}
    where = {(x, y): (i, j) for i, x in enumerate(gx) for j, y in enumerate(gy)}

    def step_cost(p, q):
        return None if frozenset((where[p], where[q])) in closed else 0.0

    path = grid_astar(gx, gy, start, end, BEND, step_cost)
    cheapest = _cheapest(gx, gy, start, end, closed)
    if cheapest is None:
        assert path is None
        return
    assert path is not None and path[0] == start and path[-1] == end
    assert math.isclose(_cost(path), cheapest)
