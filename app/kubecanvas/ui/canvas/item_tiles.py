"""The editor's cards and wires, held in one container per square of the scene and layer.

Why: whenever anything on the canvas changes (a card moved by a pixel, a wire lit), Qt walks
every top-level item of the scene to find the changed ones (`_q_processDirtyItems` in
qgraphicsscene.cpp), reading each item's private flags. At 15,000 resources that is 39,000
items, two cache misses each: 5 ms whenever the walk has been pushed out of the processor's
cache, which is the first move of a drag and one move in five to ten after it (perf: a third of
the first move's samples sat on that one load). Held by 900 containers, the walk reads the
containers and the children of the changed ones only: the first move at 15,000 went from
11-16 to 6-9 ms, the drag's p95 from 10-17 to 7-10 ms, and panning did not get slower.

A container draws nothing, has no shape and takes no event (`ItemHasNoContents`, an empty
rectangle): Qt still indexes, draws and hit-tests each child by itself. It sits at the scene's
origin untransformed, so a child's position is its scene position. Its z value is its layer's
(wires 1, cards 2), so every wire is still drawn under every card; within a layer the
containers are made in a fixed order, so the drawing order depends only on the design. An item
stays in the container it was added to when it moves: the square only spreads the items out.
A picture (`kubecanvas render`) is grouped the same way, so it draws in the editor's order and
an SVG of the window is the picture of the same design.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene

#: the side of a square in scene units: at 15,000 resources 900 containers of 40 items
#: (at most 160); the walk then reads about as many containers as a changed one has items
SQUARE = 1500.0


class ItemTiles:
    """Adds the scene's cards and wires to it, in containers."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self._boxes: dict[tuple[float, int, int], QGraphicsRectItem] = {}

    def add(self, item: QGraphicsItem, x: float, y: float) -> None:
        """Put `item` on the scene, in the container of its layer at scene point (x, y)."""
        key = (item.zValue(), math.floor(x / SQUARE), math.floor(y / SQUARE))
        box = self._boxes.get(key)
        if box is None:
            box = self._boxes[key] = _container(key)
            self.scene.addItem(box)
        item.setParentItem(box)

    def place(self, item: QGraphicsItem, x: float, y: float) -> None:
        """Move `item` to (x, y) and put it on the scene there."""
        item.setPos(x, y)
        self.add(item, x, y)

    def set_z(self, item: QGraphicsItem, z: float) -> None:
        """Give an item on the scene a layer of its own (a card showing its replicas is drawn
        over the other cards): it moves to a container of that layer."""
        if item.zValue() != z:
            item.setZValue(z)
            self.add(item, item.pos().x(), item.pos().y())

    def __len__(self) -> int:
        return len(self._boxes)


def _container(key: tuple[float, int, int]) -> QGraphicsRectItem:
    """An item that is only a parent: no contents, no outline, no events. Its rectangle is an
    empty one at the middle of its square, where Qt's index files it: at the origin, all 900
    sat in the index leaf there, and any query reaching that leaf (a paint or a wire's route
    near the design's top left) walked every child of every container, 75 ms at 15,000
    resources. Empty, it counts in no `itemsBoundingRect`."""
    z, column, row = key
    box = QGraphicsRectItem((column + 0.5) * SQUARE, (row + 0.5) * SQUARE, 0.0, 0.0)
    box.setPen(QPen(Qt.PenStyle.NoPen))
    box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
    box.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    box.setAcceptHoverEvents(False)
    box.setZValue(z)
    return box
