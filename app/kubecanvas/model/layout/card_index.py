"""Cards in a uniform grid, for "which cards does this segment or rectangle touch": the index
the router (`routing.py`) and the wide search (`wide_search.py`) ask instead of every card.

A question looks only at the grid cells it covers, and stops at the first card that answers
it (`blocked`, `overlaps`), so it costs what lies near it, not the size of the design.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from kubecanvas.model.layout.grid_astar import Steps
from kubecanvas.model.layout.quality import Point, Rect, segment_hits_rect
from kubecanvas.model.layout.segment_index import CELL

#: cells of the card index looked at between two pauses of the routing in steps
NEAR_PAUSE = 2000


class CardIndex:
    """Cards in a uniform grid, for "which cards does this segment or rectangle touch"."""

    def __init__(self, cards: Mapping[str, Rect]) -> None:
        self.cards: dict[str, Rect] = {}
        self._grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for cid, rect in cards.items():
            self.add(cid, rect)

    def add(self, cid: str, rect: Rect) -> None:
        """File a card under each cell it touches (`_cells`, walked here without the generator
        and its min and max: the cards and labels of 5,000 resources are 11,000 adds)."""
        self.cards[cid] = rect
        x, y, w, h = rect
        x0, x1 = (x, x + w) if w >= 0 else (x + w, x)
        y0, y1 = (y, y + h) if h >= 0 else (y + h, y)
        grid = self._grid
        rows = range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1)
        for cx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for cy in rows:
                grid[(cx, cy)].append(cid)

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterable[tuple[int, int]]:
        for cx in range(math.floor(min(x0, x1) / CELL), math.floor(max(x0, x1) / CELL) + 1):
            for cy in range(math.floor(min(y0, y1) / CELL), math.floor(max(y0, y1) / CELL) + 1):
                yield cx, cy

    def near(self, x0: float, y0: float, x1: float, y1: float) -> set[str]:
        found: set[str] = set()
        for cell in self._cells(x0, y0, x1, y1):
            found.update(self._grid.get(cell, ()))
        return found

    def overlaps(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether a card overlaps the open box from (x0, y0) to (x1, y1) (`x0 <= x1`, `y0 <=
        y1`): `near` and `rects_overlap` in one walk of the cells, stopping at the first card
        found, without the set of every card near. A label plate asks it up to ten times."""
        grid, cards = self._grid, self.cards
        rows = range(math.floor(y0 / CELL), math.floor(y1 / CELL) + 1)
        for cx in range(math.floor(x0 / CELL), math.floor(x1 / CELL) + 1):
            for cy in rows:
                for cid in grid.get((cx, cy), ()):
                    x, y, w, h = cards[cid]
                    if x0 < x + w and x < x1 and y0 < y + h and y < y1:
                        return True
        return False

    def near_steps(self, x0: float, y0: float, x1: float, y1: float) -> Steps[set[str]]:
        """`near`, pausing every `NEAR_PAUSE` cells (a wire across a big design: 30 ms)."""
        found: set[str] = set()
        for number, cell in enumerate(self._cells(x0, y0, x1, y1), 1):
            found.update(self._grid.get(cell, ()))
            if number % NEAR_PAUSE == 0:
                yield
        return found

    def cell_cards(self, x0: float, y0: float, x1: float, y1: float) -> Iterable[list[str]]:
        """The cards filed under each cell the box covers, cell by cell (a card in several
        cells comes several times): for a reader that may stop early (`wide_search`)."""
        grid = self._grid
        for cell in self._cells(x0, y0, x1, y1):
            cards = grid.get(cell)
            if cards:
                yield cards

    def blocked(self, a: Point, b: Point, skip: Iterable[str], margin: float = 2.0) -> bool:
        """True when segment ab passes through a card (grown by `margin`) not in `skip`.

        An axis-parallel segment (every one the router makes) is walked cell by cell from `a`
        and the walk stops at the first card it hits: a long wire across a dense design is
        usually blocked a few cells from its start, so it costs those cells, not its length.
        """
        if a[0] != b[0] and a[1] != b[1]:
            return self._blocked_in(self.near(a[0] - margin, a[1] - margin, b[0] + margin,
                                              b[1] + margin), a, b, skip, margin)
        vertical = a[0] == b[0]
        u, lo, hi = (a[0], a[1], b[1]) if vertical else (a[1], a[0], b[0])
        across = range(math.floor((u - margin) / CELL), math.floor((u + margin) / CELL) + 1)
        first, last = math.floor((lo - margin) / CELL), math.floor((hi + margin) / CELL)
        if lo > hi:  # walk from `a` towards `b`
            first, last = math.floor((lo + margin) / CELL), math.floor((hi - margin) / CELL)
        step = 1 if last >= first else -1
        lo, hi = min(lo, hi), max(lo, hi)
        if lo == hi:  # a point: blocked when a card holds it, as `segment_hits_rect` says
            return self._blocked_in(self.near(a[0] - margin, a[1] - margin, a[0] + margin,
                                              a[1] + margin), a, b, skip, margin)
        grid, cards = self._grid, self.cards
        for along in range(first, last + step, step):
            for other in across:
                for cid in grid.get((other, along) if vertical else (along, other), ()):
                    x, y, w, h = cards[cid]
                    if vertical:
                        x, y, w, h = y, x, h, w
                    # the card grown by `margin`, as an open box: what `segment_hits_rect`
                    # answers for an axis-parallel segment, without its general clipping (the
                    # overlap of (lo, hi) and the card's span, lo < hi: without a min and a
                    # max per card, which were a fifth of routing 5,000 resources)
                    if y - margin < u < y + h + margin and \
                            lo < x + w + margin and x - margin < hi and cid not in skip:
                        return True
        return False

    def _blocked_in(self, cids: Iterable[str], a: Point, b: Point, skip: Iterable[str],
                    margin: float) -> bool:
        for cid in cids:
            if cid in skip:
                continue
            x, y, w, h = self.cards[cid]
            if segment_hits_rect(a, b, (x - margin, y - margin, w + 2 * margin, h + 2 * margin)):
                return True
        return False
