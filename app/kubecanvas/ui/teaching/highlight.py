"""A highlight drawn over the canvas: halos around nodes and glows along edges.

A simulation's `Highlight` names resources and wiring-graph edges; the overlay draws a halo
around each node and a wide translucent stroke along each edge, beneath the nodes so nothing is
hidden. It never selects anything (the selection stays the user's) and it takes no mouse
clicks. The items belong to one scene; when the window switches scenes the old items die with
their scene and the overlay simply forgets them.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene

from kubecanvas.teaching import Highlight

PATH_COLOUR = "#f0a202"
BROKEN_COLOUR = "#d93025"
NODE_Z, EDGE_Z = 1.8, 0.9


class HighlightOverlay:
    """The items lighting up one `Highlight` on a scene.

    Attributes:
        highlight: what is shown now (empty when cleared).
        broken: resources drawn in the "request stops here" colour.
    """

    def __init__(self) -> None:
        self.highlight = Highlight()
        self.broken: tuple[str, ...] = ()
        self._scene: QGraphicsScene | None = None
        self._items: list[QGraphicsPathItem] = []

    @property
    def items(self) -> list[QGraphicsPathItem]:
        return list(self._items)

    def show(self, scene: QGraphicsScene, highlight: Highlight,
             broken: Iterable[str] = ()) -> None:
        """Light up `highlight` on `scene` (replacing what was shown)."""
        self.clear()
        self._scene = scene
        self.highlight = highlight
        self.broken = tuple(broken)
        nodes = getattr(scene, "nodes", {})
        frames = getattr(scene, "frames_by_resource", {})
        edges = getattr(scene, "edge_items", {})
        for key in highlight.edges:
            item = edges.get(key)
            if item is not None:
                path = item.sceneTransform().map(item.shape())
                self._add(scene, path, PATH_COLOUR, EDGE_Z, filled=True)
        for rid in dict.fromkeys((*highlight.resources, *self.broken)):
            node = nodes.get(rid) or frames.get(rid)
            if node is None:
                continue
            path = QPainterPath()
            rect = node.mapRectToScene(node.body_rect() if hasattr(node, "body_rect")
                                       else node.boundingRect())
            path.addRoundedRect(rect.adjusted(-7, -7, 7, 7), 12, 12)
            colour = BROKEN_COLOUR if rid in self.broken else PATH_COLOUR
            self._add(scene, path, colour, NODE_Z, filled=False)

    def _add(self, scene: QGraphicsScene, path: QPainterPath, colour: str, z: float,
             filled: bool) -> None:
        item = QGraphicsPathItem(path)
        pen = QPen(QColor(colour), 1.5 if filled else 5.0)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        item.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(110 if filled else 0)
        item.setBrush(QBrush(fill) if filled else QBrush(Qt.BrushStyle.NoBrush))
        item.setZValue(z)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        item.setAcceptHoverEvents(False)
        item.setData(0, "teaching-highlight")
        scene.addItem(item)
        self._items.append(item)

    def clear(self) -> None:
        """Remove the halos (items of a scene already thrown away are just forgotten)."""
        scene = self._scene
        for item in self._items:
            try:
                if scene is not None and item.scene() is scene:
                    scene.removeItem(item)
            except RuntimeError:  # the scene (and its items) were deleted with a session
                break
        self._items = []
        self._scene = None
        self.highlight = Highlight()
        self.broken = ()
