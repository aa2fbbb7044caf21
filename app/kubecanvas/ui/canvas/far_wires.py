"""Far out, the wires in a few strokes: one path per wire style and square of the design.

Below `FAR_ZOOM` a wire is a hairline without label or arrow, and a design of thousands of wires
cost one Python `paint` call and one stroke with a pen 1 to 2.4 pixels wide per wire and frame:
35 to 70 ms per frame while panning 5,000 resources at 5% zoom (2,400 wires in view), 0.26 s
for a full repaint; Qt strokes a pen wider than one pixel by building its outline, dash by dash.
Here the scene is cut into squares (`CELL`); each square is one item that draws the wires
crossing it as one path per style with a one-pixel cosmetic pen (Qt's fast line drawer),
clipped to the square, and keeps those paths until a wire in it changes. The wires themselves
paint nothing meanwhile (`ItemHasNoContents`: Qt does not call into Python for them) but stay
in the scene for hit tests, selection and tooltips; a wire that is selected, or whose card is,
paints itself on top, emphasised as before.

The view turns this on and off as its zoom crosses `FAR_ZOOM` (`CanvasScene.set_far_zoom`);
squares exist only while it is on. Painted closer than that (an image export while the view is
far out), a square has each of its wires paint itself, so exports look as they always did.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.layout.quality import clip_segment
from kubecanvas.ui.canvas.edge_item import FAR_ZOOM, EdgeItem
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.router import ordered
from kubecanvas.ui.canvas.style import EdgeStyle

#: side of a square, in scene pixels: at 5% zoom a 1600 x 1000 window shows about 8 x 5 squares
CELL = 4096.0
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
Key = tuple[int, int]


def _pen(style: EdgeStyle) -> QPen:
    pen = QPen(QColor(style.colour), 1)
    pen.setStyle(style.dash)
    pen.setCosmetic(True)  # one device pixel whatever the zoom: Qt's fast line drawer
    return pen


def _span(lo: float, hi: float) -> range:
    return range(math.floor(min(lo, hi) / CELL), math.floor(max(lo, hi) / CELL) + 1)


def _squares(wire: EdgeItem) -> tuple[Key, ...]:
    """The squares the wire's route runs through (a wire without a route: the square of its
    start, which then draws all of it)."""
    points = wire.route.points if wire.route is not None else ()
    if len(points) < 2:
        box = wire.sceneBoundingRect()
        return ((math.floor(box.left() / CELL), math.floor(box.top() / CELL)),)
    keys: dict[Key, None] = {}
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        for x in _span(ax, bx):
            for y in _span(ay, by):
                keys[(x, y)] = None
    return tuple(keys)


class FarWireCell(QGraphicsItem):
    """The wires running through one square of the scene, drawn in one stroke per style: the
    parts of their routes inside the square (a wire without a route: all of it, from the square
    of its start), so no stroke is drawn twice and no clipping is needed."""

    def __init__(self, key: Key) -> None:
        super().__init__()
        self.square = QRectF(key[0] * CELL, key[1] * CELL, CELL, CELL)
        self.wires: set[EdgeItem] = set()
        self._strokes: list[tuple[QPen, QPainterPath]] | None = None
        self._bounds = QRectF()
        self._stale = True
        self.setZValue(0.5)  # under the wires that paint themselves, above frames
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def changed(self) -> None:
        """A wire of this square came, went or moved: paths and bounds are made again."""
        if not self._stale:
            self.prepareGeometryChange()
            self._stale = True
        self._strokes = None
        self.update()

    def boundingRect(self) -> QRectF:
        # within the wires' own bounds, so the scene's content bounds stay the wires'
        if self._stale:
            bounds = QRectF()
            for wire in self.wires:
                box = wire.sceneBoundingRect()
                bounds = bounds.united(box.intersected(self.square) if wire.route is not None
                                       and len(wire.route.points) >= 2 else box)
            self._bounds = bounds
            self._stale = False
        return self._bounds

    def _make_strokes(self) -> list[tuple[QPen, QPainterPath]]:
        x0, y0 = self.square.left(), self.square.top()
        paths: dict[EdgeStyle, QPainterPath] = {}
        for wire in self.wires:  # one colour per path: the order does not show
            if not wire.isVisible():
                continue
            path = paths.get(wire.style)
            if path is None:
                path = paths[wire.style] = QPainterPath()
            points = wire.route.points if wire.route is not None else ()
            if len(points) < 2:
                path.addPath(wire.path())
                continue
            last = None
            for a, b in zip(points, points[1:], strict=False):
                part = clip_segment(a, b, (x0, y0, CELL, CELL), closed=True)
                if part is None:
                    continue
                if part[0] != last:
                    path.moveTo(*part[0])
                path.lineTo(*part[1])
                last = part[1]
        return [(_pen(style), paths[style]) for style in sorted(paths, key=repr)]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if widget is None or painter.worldTransform().m11() >= FAR_ZOOM:
            # not the view (an export): each wire as it draws itself, once
            painter.save()
            painter.setClipRect(self.square, Qt.ClipOperation.IntersectClip)
            for wire in ordered(self.wires):
                if wire.isVisible() and wire.flags() & _NO_CONTENTS:
                    wire.paint(painter, option, widget)
            painter.restore()
            return
        if self._strokes is None:
            self._strokes = self._make_strokes()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self._strokes:
            painter.setPen(pen)
            painter.drawPath(path)


class FarWires:
    """The squares of one scene and which wires cross each; on only while the view is far out.

    The scene tells it of every wire added or removed; each wire tells it when it changes
    shape (`EdgeItem.far`)."""

    def __init__(self, scene: QGraphicsScene, wires: Iterable[EdgeItem]) -> None:
        self.scene = scene
        self.active = False
        self._all = wires
        self._cells: dict[Key, FarWireCell] = {}
        self._where: dict[EdgeItem, tuple[Key, ...]] = {}
        self._emphasised: set[EdgeItem] = set()
        self._selection_pending = False
        scene.selectionChanged.connect(self._selection_changed)

    def set_active(self, active: bool) -> None:
        """Draw the wires in squares (True) or each by itself (False)."""
        if active == self.active:
            return
        self.active = active
        wires = list(self._all)
        if active:
            self._emphasised = self._selected_wires()
            for wire in wires:
                wire.far = self
                wire.setFlag(_NO_CONTENTS, wire not in self._emphasised)
                self.moved(wire)
            return
        for wire in wires:
            wire.far = None
            wire.setFlag(_NO_CONTENTS, False)
        for cell in self._cells.values():
            self.scene.removeItem(cell)
        self._cells, self._where, self._emphasised = {}, {}, set()

    def added(self, wire: EdgeItem) -> None:
        if self.active:
            wire.far = self
            wire.setFlag(_NO_CONTENTS, True)
            self.moved(wire)

    def removed(self, wire: EdgeItem) -> None:
        wire.far = None
        for key in self._where.pop(wire, ()):
            self._leave(key, wire)
        self._emphasised.discard(wire)

    def moved(self, wire: EdgeItem) -> None:
        """The wire changed shape: the squares it left and the ones it crosses now."""
        if not self.active:
            return
        keys = _squares(wire)
        old = self._where.get(wire, ())
        for key in old:
            if key not in keys:
                self._leave(key, wire)
        for key in keys:
            cell = self._cells.get(key)
            if cell is None:
                cell = self._cells[key] = FarWireCell(key)
                self.scene.addItem(cell)
            cell.wires.add(wire)
            cell.changed()
        self._where[wire] = keys

    def _leave(self, key: Key, wire: EdgeItem) -> None:
        cell = self._cells.get(key)
        if cell is None:
            return
        cell.wires.discard(wire)
        if cell.wires:
            cell.changed()
        else:
            del self._cells[key]
            self.scene.removeItem(cell)

    def _selected_wires(self) -> set[EdgeItem]:
        """The wires drawn emphasised: selected ones and those of selected cards."""
        out: set[EdgeItem] = set()
        for item in self.scene.selectedItems():
            if isinstance(item, EdgeItem):
                out.add(item)
            elif isinstance(item, NodeItem):
                out.update(w for w in item.edges if isinstance(w, EdgeItem))
        return out

    def _selection_changed(self) -> None:
        # selecting many cards emits once per card: followed once, when the events are handled
        if self.active and not self._selection_pending:
            self._selection_pending = True
            QTimer.singleShot(0, self._follow_selection)

    def _follow_selection(self) -> None:
        """Emphasised wires paint themselves over their squares' strokes."""
        self._selection_pending = False
        if not self.active:
            return
        now = self._selected_wires()
        for wire in now ^ self._emphasised:
            wire.setFlag(_NO_CONTENTS, wire not in now)
            wire.update()
        self._emphasised = now
