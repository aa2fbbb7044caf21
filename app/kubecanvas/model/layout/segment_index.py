"""The wires routed so far, in a grid, for "how many of them would this route cross".

Split from `routing.py` (which asks it while choosing each wire's bends) to keep both small.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence

from kubecanvas.model.layout.quality import Point, segments_cross

#: the grid's cell size, the same as the router's card index
CELL = 200.0
#: a candidate route is compared with at most this many routed segments (see `SegmentIndex`)
MAX_CROSSING_TESTS = 4000

Segment = tuple[Point, Point]
#: which wire added a segment, and that wire's version when it did
Entry = tuple[int, int]


def grid_cells(x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
    """The cells of the box with corners (x0, y0) and (x1, y1)."""
    for cx in range(math.floor(min(x0, x1) / CELL), math.floor(max(x0, x1) / CELL) + 1):
        for cy in range(math.floor(min(y0, y1) / CELL), math.floor(max(y0, y1) / CELL) + 1):
            yield cx, cy


class SegmentIndex:
    """The wires routed so far, by grid cell, to count what a candidate route would cross.

    Horizontal and vertical segments are kept apart in each cell, sorted by their fixed
    coordinate, so a horizontal candidate looks only at the vertical segments whose x lies
    within its span (and the other way round): where thousands of wires converge on a shared
    card (a StorageClass the whole design uses) the cells next to it hold thousands of
    parallel runs that cannot cross a candidate running alongside them. A candidate route
    compares with at most `MAX_CROSSING_TESTS` segments; beyond that it is crowded anyway and
    its count stays what was found so far, so a wire costs bounded work.
    """

    def __init__(self) -> None:
        # per cell and orientation: sorted fixed coordinates, and (lo, hi, segment, entry)
        # alongside; `entry` is (owner, version): a wire taken out (`remove`) bumps its
        # version, so its old segments are skipped where they lie rather than searched out
        self._keys: dict[tuple[int, int, bool], list[float]] = defaultdict(list)
        self._spans: dict[tuple[int, int, bool], list[tuple[float, float, Segment, Entry]]] = \
            defaultdict(list)
        self._slanted: dict[tuple[int, int], list[tuple[Segment, Entry]]] = defaultdict(list)
        self._added: dict[int, set[Segment]] = defaultdict(set)
        self._version: dict[int, int] = defaultdict(int)

    def add(self, points: Sequence[Point], owner: int = -1) -> None:
        """Add a wire's segments (`owner`: its number, so `remove` can take it out again)."""
        entry = (owner, self._version[owner])
        added = self._added[owner]
        for a, b in zip(points, points[1:], strict=False):
            if (a, b) in added:
                continue  # the same segment twice crosses what it crosses once
            added.add((a, b))
            vertical = a[0] == b[0]
            if not vertical and a[1] != b[1]:
                for cell in grid_cells(a[0], a[1], b[0], b[1]):
                    self._slanted[cell].append(((a, b), entry))
                continue
            fixed, lo, hi = (a[0], a[1], b[1]) if vertical else (a[1], a[0], b[0])
            lo, hi = min(lo, hi), max(lo, hi)
            for cx, cy in grid_cells(a[0], a[1], b[0], b[1]):
                keys = self._keys[(cx, cy, vertical)]
                at = bisect.bisect_right(keys, fixed)
                keys.insert(at, fixed)
                self._spans[(cx, cy, vertical)].insert(at, (lo, hi, (a, b), entry))

    def remove(self, owner: int) -> None:
        """Take out every segment added for `owner` (a wire about to be routed again)."""
        self._version[owner] += 1
        self._added.pop(owner, None)

    def _live(self, entry: Entry) -> bool:
        return entry[0] < 0 or self._version[entry[0]] == entry[1]

    def crossings(self, points: Sequence[Point]) -> int:
        """How many of the routed segments `points` properly cross (each counted once)."""
        crossed: set[Segment] = set()
        budget = MAX_CROSSING_TESTS
        for a, b in zip(points, points[1:], strict=False):
            vertical = a[0] == b[0]
            for cell in grid_cells(a[0], a[1], b[0], b[1]):
                for segment, entry in self._slanted.get(cell, ()):
                    budget -= 1
                    if segments_cross(a, b, *segment) is not None and self._live(entry):
                        crossed.add(segment)
                if not vertical and a[1] != b[1]:
                    for other in (True, False):
                        for _, _, segment, entry in self._spans.get((*cell, other), ()):
                            budget -= 1
                            if segments_cross(a, b, *segment) is not None and \
                                    self._live(entry):
                                crossed.add(segment)
                else:
                    budget = self._cross_perpendicular(a, b, vertical, cell, crossed, budget)
                if budget <= 0:
                    return len(crossed)
        return len(crossed)

    def _cross_perpendicular(self, a: Point, b: Point, vertical: bool, cell: tuple[int, int],
                             crossed: set[Segment], budget: int) -> int:
        """Add to `crossed` the segments of `cell` across axis-parallel ab; the budget left."""
        keys = self._keys.get((*cell, not vertical))
        if not keys:
            return budget
        fixed, lo, hi = (a[0], a[1], b[1]) if vertical else (a[1], a[0], b[0])
        lo, hi = min(lo, hi), max(lo, hi)
        spans = self._spans[(*cell, not vertical)]
        # a proper crossing lies strictly inside both segments (touching is no crossing)
        for at in range(bisect.bisect_right(keys, lo), bisect.bisect_left(keys, hi)):
            budget -= 1
            other_lo, other_hi, segment, entry = spans[at]
            if other_lo < fixed < other_hi and self._live(entry):
                crossed.add(segment)
            if budget <= 0:
                break
        return budget
