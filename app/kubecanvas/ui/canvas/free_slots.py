"""Where a stand-in node can go without hiding a real one: a grid of node boxes in plain Python.

While a design opens, hundreds of stand-ins (missing references, claims a StatefulSet will
create) each look for the first free slot beside their anchor. Asking the scene (`items(rect)`)
costs a spatial query through Qt per tried slot; at 5,000 resources that was a third of the
whole scene build. This index answers the same question from a dictionary of grid cells.
"""

from __future__ import annotations

from collections import defaultdict

from kubecanvas.model.layout import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP

_CELL = 256.0
#: slots tried beside an anchor: a dense auto layout can fill the nearest dozens
SEARCH_COLUMNS = 6
SEARCH_ROWS = 24
_Box = tuple[float, float, float, float]  # left, top, right, bottom


class FreeSlots:
    """Node boxes bucketed by grid cell.

    Args:
        node_box: a node item's bounding box relative to its position (what it covers on the
            canvas, badge and handle included).
        margin: the clearance a new node's body must keep from every box.
    """

    def __init__(self, node_box: _Box, margin: float = 8.0) -> None:
        self.node_box = node_box
        self.margin = margin
        self._cells: dict[tuple[int, int], list[_Box]] = defaultdict(list)

    @staticmethod
    def _cells_of(box: _Box) -> list[tuple[int, int]]:
        left, top, right, bottom = box
        return [(cx, cy) for cx in range(int(left // _CELL), int(right // _CELL) + 1)
                for cy in range(int(top // _CELL), int(bottom // _CELL) + 1)]

    def add(self, x: float, y: float) -> None:
        """Mark a node whose top-left corner is at (x, y) as taking its box."""
        left, top, right, bottom = self.node_box
        box = (x + left, y + top, x + right, y + bottom)
        for cell in self._cells_of(box):
            self._cells[cell].append(box)

    def is_free(self, x: float, y: float) -> bool:
        """True when a node at (x, y), with the margin around it, overlaps no marked node."""
        m = self.margin
        left, top, right, bottom = x - m, y - m, x + NODE_WIDTH + m, y + NODE_HEIGHT + m
        for cell in self._cells_of((left, top, right, bottom)):
            for b_left, b_top, b_right, b_bottom in self._cells.get(cell, ()):
                if left <= b_right and b_left <= right and top <= b_bottom and b_top <= bottom:
                    return False
        return True

    def first_free(self, x: float, y: float, taken: int) -> tuple[float, float]:
        """The offset from an anchor at (x, y) of the first free slot: to the right, then
        below, column by column (`SEARCH` slots); in the unlikely case all are taken, below
        the anchor's `taken` stand-ins."""
        for column in range(1, SEARCH_COLUMNS + 1):
            for row in range(0, SEARCH_ROWS):
                dx, dy = column * (NODE_WIDTH + H_GAP), row * (NODE_HEIGHT + V_GAP)
                if self.is_free(x + dx, y + dy):
                    return dx, dy
        return NODE_WIDTH + H_GAP, taken * (NODE_HEIGHT + V_GAP)


def search_area(x: float, y: float, margin: float = 8.0) -> tuple[float, float, float, float]:
    """The canvas rectangle (left, top, width, height) `first_free` looks at for an anchor at
    (x, y): ask the scene once for the nodes in it, instead of once per slot."""
    width = (SEARCH_COLUMNS + 1) * (NODE_WIDTH + H_GAP) + 2 * margin + 64
    height = SEARCH_ROWS * (NODE_HEIGHT + V_GAP) + 2 * margin + 64
    return x - 32 - margin, y - 32 - margin, width, height
