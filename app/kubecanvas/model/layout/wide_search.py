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

from collections.abc import Callable
from typing import Protocol

from kubecanvas.model.layout.grid_astar import Steps, astar_steps, drain
from kubecanvas.model.layout.quality import Point, Rect

#: grid points (lines across x lines along) beyond which the wide search is not tried
MAX_POINTS = 10_000
#: grid points A* may settle before it gives up
MAX_SETTLED = 2_000


class _Cards(Protocol):
    cards: dict[str, Rect]

    def near_steps(self, x0: float, y0: float, x1: float, y1: float) -> Steps[set[str]]: ...


def wide_search(a: Point, b: Point, cards: _Cards, spacing: tuple[float, float, float],
                blocked: Callable[[Point, Point], bool]) -> list[Point] | None:
    """A shortest path with few bends from `a` to `b` over the Hanan grid of the cards within
    `reach` of the wire's box, each step tested by `blocked`; None when there is none within
    the bounds. `spacing`: (reach, clearance from cards, cost of a bend)."""
    return drain(wide_search_steps(a, b, cards, spacing, blocked))


def wide_search_steps(a: Point, b: Point, cards: _Cards, spacing: tuple[float, float, float],
                      blocked: Callable[[Point, Point], bool]) -> Steps[list[Point] | None]:
    """`wide_search` in steps (`grid_astar.astar_steps`)."""
    reach, clearance, bend = spacing
    x0, x1 = min(a[0], b[0]) - reach, max(a[0], b[0]) + reach
    y0, y1 = min(a[1], b[1]) - reach, max(a[1], b[1]) + reach
    xs, ys = {a[0], b[0]}, {a[1], b[1]}
    for number, cid in enumerate((yield from cards.near_steps(x0, y0, x1, y1)), 1):
        if number % 500 == 0:
            yield
        x, y, w, h = cards.cards[cid]
        xs.update(v for v in (x - clearance, x + w + clearance) if x0 <= v <= x1)
        ys.update(v for v in (y - clearance, y + h + clearance) if y0 <= v <= y1)
    gx, gy = sorted(xs), sorted(ys)
    if len(gx) * len(gy) > MAX_POINTS:
        return None
    known: dict[tuple[Point, Point], float | None] = {}

    def step_cost(here: Point, there: Point) -> float | None:
        """Free, or None through a card; once per grid step (reached from four headings)."""
        key = (here, there) if here <= there else (there, here)
        if key not in known:
            known[key] = None if blocked(here, there) else 0.0
        return known[key]

    return (yield from astar_steps(gx, gy, a, b, bend, step_cost, MAX_SETTLED))
