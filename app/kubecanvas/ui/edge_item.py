"""A wiring-graph edge on the canvas: a curve from one node to another in the style of its type.

The curve leaves the source's right side and enters the target's left side (or the reverse when
the target is to the left), so traffic reads left to right like the auto layout. Labels (`/api`,
`80 -> http`, `/data`) sit on a small plate at the middle of the curve.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.graph import Edge
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.node_item import NodeItem
from kubecanvas.ui.style import DEFAULT_EDGE_STYLE, EDGE_STYLES, Theme, current_theme

_LABEL_FONT = QFont()
_LABEL_FONT.setPixelSize(10)
_METRICS = QFontMetrics(_LABEL_FONT)
ARROW = 9.0


class EdgeItem(QGraphicsItem):
    """One edge between two node items; selectable so that Delete can disconnect it."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, lane: int = 0) -> None:
        super().__init__()
        self.edge = edge
        self.source = source
        self.target = target
        self.lane = lane
        self.style = EDGE_STYLES.get(edge.type, DEFAULT_EDGE_STYLE)
        self.label = edge.label if len(edge.label) <= 28 else edge.label[:27] + "…"
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._label_rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(1)
        self.setToolTip(f"{self.style.title or edge.type}: {edge.field}"
                        + (f"\n{edge.label}" if edge.label else "")
                        + "\nSelect and press Delete to remove this wiring")
        source.edges.add(self)
        target.edges.add(self)
        self.adjust()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.edge.source, self.edge.target, self.edge.key)

    def detach(self) -> None:
        """Forget the end nodes (before the item is removed from the scene)."""
        self.source.edges.discard(self)
        self.target.edges.discard(self)

    def adjust(self) -> None:
        """Recompute the curve after an end node moved."""
        self.prepareGeometryChange()
        src, dst = self.source.pos(), self.target.pos()
        shift = self.lane * 8.0
        forward = dst.x() + NODE_WIDTH / 2 >= src.x() + NODE_WIDTH / 2
        if forward:
            start = QPointF(src.x() + NODE_WIDTH, src.y() + NODE_HEIGHT / 2 + shift)
            end = QPointF(dst.x(), dst.y() + NODE_HEIGHT / 2 + shift)
        else:
            start = QPointF(src.x(), src.y() + NODE_HEIGHT / 2 + shift)
            end = QPointF(dst.x() + NODE_WIDTH, dst.y() + NODE_HEIGHT / 2 + shift)
        bend = max(40.0, abs(end.x() - start.x()) * 0.45) * (1 if forward else -1)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        self._path = path
        self._label_rect = QRectF()
        if self.label:
            mid = path.pointAtPercent(0.5)
            width = _METRICS.horizontalAdvance(self.label) + 10
            self._label_rect = QRectF(mid.x() - width / 2, mid.y() - 8, width, 16)
        self._bounds = path.boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW).united(
            self._label_rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self._path)
        if not self._label_rect.isNull():
            shape.addRect(self._label_rect)
        return shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        scene = self.scene()
        theme = getattr(scene, "theme", None)
        theme = theme if isinstance(theme, Theme) else current_theme()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.3)
        colour = QColor(theme.selection if self.isSelected() else self.style.colour)
        pen = QPen(colour, self.style.width + (1.5 if self.isSelected() else 0))
        pen.setStyle(self.style.dash)
        pen.setCosmetic(lod < 0.3)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if lod < 0.3:
            return
        self._paint_arrow(painter, colour)
        if self.label and lod >= 0.45:
            painter.setPen(QPen(colour, 1))
            painter.setBrush(QBrush(QColor(theme.label_fill)))
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(_LABEL_FONT)
            painter.setPen(QColor(theme.text))
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)

    def _paint_arrow(self, painter: QPainter, colour: QColor) -> None:
        end = self._path.pointAtPercent(1.0)
        before = self._path.pointAtPercent(0.97)
        angle = math.atan2(end.y() - before.y(), end.x() - before.x())
        left = end - QPointF(math.cos(angle - 0.45) * ARROW, math.sin(angle - 0.45) * ARROW)
        right = end - QPointF(math.cos(angle + 0.45) * ARROW, math.sin(angle + 0.45) * ARROW)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawPolygon(QPolygonF([end, left, right]))
