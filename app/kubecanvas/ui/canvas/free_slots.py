"""Where a stand-in node can go without hiding a real one: a grid of node boxes in plain Python.

While a design opens, hundreds of stand-ins (missing references, claims a StatefulSet will
create) each look for the first free slot beside their anchor. Asking the scene (`items(rect)`)
costs a spatial query through Qt per tried slot; at 5,000 resources that was a third of the
whole scene build. This index answers the same question from a dictionary of grid cells.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.model.layout import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP
from kubecanvas.ui.canvas.namespace_frame import HEADER, PADDING, NamespaceFrameItem
from kubecanvas.ui.canvas.node_item import NodeItem

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
        self._frames: dict[str, _Box] = {}  # namespaces' frames, by namespace

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

    def add_area(self, box: _Box, owner: str) -> None:
        """Mark `box` (left, top, right, bottom) as the frame of namespace `owner` (`is_free`)."""
        known = self._frames.get(owner)
        self._frames[owner] = box if known is None else _union(known, box)

    def is_free(self, x: float, y: float, owner: str = "", joins: bool = True) -> bool:
        """True when a node at (x, y), with the margin around it, overlaps no marked node and
        no frame but that of namespace `owner` ('': a cluster-scoped node); with `joins` (the
        node is drawn inside that frame, which grows around it), that frame grown would
        overlap no other either."""
        m = self.margin
        left, top, right, bottom = x - m, y - m, x + NODE_WIDTH + m, y + NODE_HEIGHT + m
        for cell in self._cells_of((left, top, right, bottom)):
            for b_left, b_top, b_right, b_bottom in self._cells.get(cell, ()):
                if left <= b_right and b_left <= right and top <= b_bottom and b_top <= bottom:
                    return False
        return not self._frames or self._frame_fits(x, y, owner, joins) is not None

    def _frame_fits(self, x: float, y: float, owner: str, joins: bool) -> _Box | None:
        """The frame of `owner` grown around a node at (x, y) (a node drawn in no frame: its
        own box), or None when that overlaps another namespace's frame."""
        own = self._frames.get(owner) if owner and joins else None
        grown = (x, y, x + NODE_WIDTH, y + NODE_HEIGHT) if own is None else _union(own, (
            x - PADDING, y - PADDING - HEADER, x + NODE_WIDTH + PADDING, y + NODE_HEIGHT + PADDING))
        left, top, right, bottom = grown
        for other, (b_left, b_top, b_right, b_bottom) in self._frames.items():
            if other != owner and left < b_right and b_left < right and top < b_bottom and \
                    b_top < bottom:
                return None
        return grown

    def first_free(self, x: float, y: float, taken: int, owner: str = "", joins: bool = True
                   ) -> tuple[float, float]:
        """The offset from an anchor at (x, y) of the first free slot (for a stand-in of
        namespace `owner`, inside its frame with `joins`: `is_free`): to the right, then below,
        column by column (`SEARCH` slots), then above and to the left; in the unlikely case
        all are taken, below the anchor's `taken` stand-ins.

        Where the stand-in's own frame, grown around it, would overlap another namespace's
        frame is not free: a class's card for an application at the foot of its frame went
        1,300 px down into the next frame's gaps, and its frame covered half of the other."""
        right, left = range(1, SEARCH_COLUMNS + 1), range(-1, -SEARCH_COLUMNS - 1, -1)
        down, up = range(0, SEARCH_ROWS), range(-1, -SEARCH_ROWS, -1)
        # then above, then to the left: beside a dense frame's edge, next to another frame
        for columns, rows in ((right, down), (right, up), (left, down), (left, up)):
            for column in columns:
                for row in rows:
                    dx, dy = column * (NODE_WIDTH + H_GAP), row * (NODE_HEIGHT + V_GAP)
                    if self.is_free(x + dx, y + dy, owner, joins):
                        if joins and owner in self._frames:  # it grows around the stand-in
                            self.add_area(self._frame_fits(x + dx, y + dy, owner, joins) or
                                          self._frames[owner], owner)
                        return dx, dy
        return NODE_WIDTH + H_GAP, taken * (NODE_HEIGHT + V_GAP)


def search_area(x: float, y: float, margin: float = 8.0) -> tuple[float, float, float, float]:
    """The canvas rectangle (left, top, width, height) `first_free` looks at for an anchor at
    (x, y): ask the scene once for the nodes in it, instead of once per slot."""
    reach_x = SEARCH_COLUMNS * (NODE_WIDTH + H_GAP) + margin + 32
    reach_y = SEARCH_ROWS * (NODE_HEIGHT + V_GAP) + margin + 32
    return x - reach_x, y - reach_y, 2 * reach_x + NODE_WIDTH, 2 * reach_y + NODE_HEIGHT


def _union(a: _Box, b: _Box) -> _Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def ghost_offset(anchor: NodeItem, slots: FreeSlots | None,
                 items_in: Callable[[QRectF, Qt.ItemSelectionMode], list[QGraphicsItem]],
                 joins: bool) -> tuple[float, float]:
    """Where a new stand-in goes relative to its anchor: the first free slot to the right, then
    below, so a stand-in never hides a real resource nor sits in another namespace's frame.
    `slots`: the index while the scene is populated; else the scene is asked once for the
    cards and frames around the anchor (`items_in`: `QGraphicsScene.items`). `joins`: the
    stand-in is drawn inside the anchor's namespace frame."""
    x, y = anchor.pos().x(), anchor.pos().y()
    if slots is None:
        box = NodeItem.BOX
        slots = FreeSlots((box.left(), box.top(), box.right(), box.bottom()))
        for item in items_in(QRectF(*search_area(x, y)),
                             Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if isinstance(item, NodeItem):
                slots.add(item.pos().x(), item.pos().y())
            elif isinstance(item, NamespaceFrameItem):
                slots.add_area(item.box(), item.namespace)
    return slots.first_free(x, y, len(anchor.ghosts), anchor.namespace, joins)
