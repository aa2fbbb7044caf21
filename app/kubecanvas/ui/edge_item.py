"""A wiring-graph edge on the canvas: a curve from one node to another in the style of its type.

The curve leaves the source's right side and enters the target's left side (or the reverse when
the target is to the left), so traffic reads left to right like the auto layout. Labels (`/api`,
`80 -> http`, `/data`) sit on a small plate at the middle of the curve.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.graph import Edge
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.edge_labels import localized_label, short_label
from kubecanvas.ui.i18n import language, tr
from kubecanvas.ui.node_item import NodeItem
from kubecanvas.ui.style import DEFAULT_EDGE_STYLE, EDGE_STYLES, Theme, current_theme

_LABEL_FONT = QFont()
_LABEL_FONT.setPixelSize(10)
_METRICS = QFontMetrics(_LABEL_FONT)
ARROW = 9.0


def fit_label(edge_type: str, label: str, room: int) -> str:
    """The longest meaningful short form of `label` whose plate fits `room` pixels."""
    limit = len(label)
    shown = label
    while limit > 3:
        shown = short_label(edge_type, label, limit)
        if _METRICS.horizontalAdvance(shown) <= room:
            return shown
        limit -= 1
    return shown


class EdgeItem(QGraphicsItem):
    """One edge between two node items; selectable so that Delete can disconnect it."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, lane: int = 0) -> None:
        super().__init__()
        self.edge = edge
        self.source = source
        self.target = target
        self.lane = lane
        self.style = EDGE_STYLES.get(edge.type, DEFAULT_EDGE_STYLE)
        self.label = ""
        self._path = QPainterPath()
        self._bounds = QRectF()
        self._label_rect = QRectF()
        self._shown_label = ""
        self._label_cache: dict[int, str] = {}
        self._arrow = QPolygonF()
        self._pen_cache: dict[tuple[str, str, bool], tuple[QPen, QColor]] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(1)
        self._retranslate()
        source.edges.add(self)
        target.edges.add(self)
        self.adjust()

    def retranslate(self) -> None:
        """Label and tooltip in the language now set, the plate resized to the new label."""
        self._retranslate()
        self.adjust()
        self.update()

    def _retranslate(self) -> None:
        """The model's own edge words ('pull', 'tls', 'owner'...) in the language now set;
        field paths and the manifest's words (paths, ports, names) stay as in YAML."""
        edge = self.edge
        label = localized_label(edge.label, language())
        # a label that only repeats the target's name (a generated claim) says nothing more
        self.label = "" if edge.label == self.target.name else label
        self._label_cache = {}
        title = tr(self.style.title) if self.style.title else str(edge.type)
        self.setToolTip(f"{title}: {edge.field}" + (f"\n{label}" if label else "")
                        + "\n" + tr("Select and press Delete to remove this wiring"))

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
        shift = self.lane * 14.0
        # fan the ends out by direction, so wires to a column of targets do not share one point
        spread = max(-NODE_HEIGHT / 3, min(NODE_HEIGHT / 3, (dst.y() - src.y()) * 0.12))
        if abs(dst.x() - src.x()) < NODE_WIDTH * 0.6 and abs(dst.y() - src.y()) > NODE_HEIGHT:
            path, room = self._vertical(src, dst, shift)
        else:
            path, room = self._horizontal(src, dst, shift, spread)
        self._path = path
        self._arrow = self._make_arrow()
        self._label_rect = QRectF()
        self._shown_label = ""
        if self.label:
            # parallel wires between one pair: spread their labels along the curve
            step = ((self.lane + 1) // 2) * (1 if self.lane % 2 else -1)
            mid = path.pointAtPercent(max(0.2, min(0.8, 0.5 + 0.22 * step)))
            room = min(room, 180)  # a long plate over a long wire reads no better than a short one
            shown = self._label_cache.get(room)
            if shown is None:  # adjust() runs per mouse move while an end is dragged
                if len(self._label_cache) > 64:
                    self._label_cache.clear()
                shown = self._label_cache[room] = fit_label(self.edge.type, self.label, room)
            self._shown_label = shown
            width = _METRICS.horizontalAdvance(self._shown_label) + 16
            self._label_rect = QRectF(mid.x() - width / 2, mid.y() - 8, width, 16)
        self._bounds = path.boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW).united(
            self._label_rect)

    @staticmethod
    def _horizontal(src: QPointF, dst: QPointF, shift: float,
                    spread: float) -> tuple[QPainterPath, int]:
        """Right side to left side (or the reverse), for nodes in different columns."""
        forward = dst.x() >= src.x()
        if forward:
            start = QPointF(src.x() + NODE_WIDTH, src.y() + NODE_HEIGHT / 2 + shift + spread)
            end = QPointF(dst.x(), dst.y() + NODE_HEIGHT / 2 + shift - spread)
        else:
            start = QPointF(src.x(), src.y() + NODE_HEIGHT / 2 + shift + spread)
            end = QPointF(dst.x() + NODE_WIDTH, dst.y() + NODE_HEIGHT / 2 + shift - spread)
        bend = max(40.0, abs(end.x() - start.x()) * 0.45) * (1 if forward else -1)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        return path, max(96, int(abs(end.x() - start.x()) - 12))

    @staticmethod
    def _vertical(src: QPointF, dst: QPointF, shift: float) -> tuple[QPainterPath, int]:
        """Bottom to top (or the reverse), for nodes stacked in one column."""
        down = dst.y() > src.y()
        x_start = src.x() + NODE_WIDTH / 2 + shift
        x_end = dst.x() + NODE_WIDTH / 2 + shift
        start = QPointF(x_start, src.y() + (NODE_HEIGHT if down else 0))
        end = QPointF(x_end, dst.y() + (0 if down else NODE_HEIGHT))
        bend = max(30.0, abs(end.y() - start.y()) * 0.4) * (1 if down else -1)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(0, bend), end - QPointF(0, bend), end)
        return path, int(NODE_WIDTH)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(self._path)
        if not self._label_rect.isNull():
            shape.addRect(self._label_rect)
        return shape

    def _pens(self, theme: Theme, state: str, cosmetic: bool) -> tuple[QPen, QColor]:
        """The line pen and colour, cached: painting runs for every visible edge per frame.

        `state` is 'selected' (the edge itself), 'emphasis' (an end node is selected) or ''.
        """
        key = (theme.name, state, cosmetic)
        cached = self._pen_cache.get(key)
        if cached is None:
            colour = QColor(self.style.colour)
            if state == "selected":
                colour = QColor(theme.selection)
            elif state == "emphasis":
                colour = colour.darker(125) if theme.name == "light" else colour.lighter(140)
            pen = QPen(colour, self.style.width + (1.6 if state else 0))
            pen.setStyle(self.style.dash)
            pen.setCosmetic(cosmetic)
            cached = self._pen_cache[key] = (pen, colour)
        return cached

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = getattr(self.scene(), "theme", None)
        theme = theme if isinstance(theme, Theme) else current_theme()
        scale = painter.worldTransform().m11()
        state = "selected" if self.isSelected() else (
            "emphasis" if self.source.isSelected() or self.target.isSelected() else "")
        pen, colour = self._pens(theme, state, scale < 0.3)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, scale > 0.3)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        if scale < 0.3:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self._arrow)
        if self._shown_label and scale >= 0.45:
            painter.setPen(QPen(colour, 1))
            painter.setBrush(QColor(theme.label_fill))
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(_LABEL_FONT)
            painter.setPen(QColor(theme.text))
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._shown_label)

    def _make_arrow(self) -> QPolygonF:
        end = self._path.pointAtPercent(1.0)
        before = self._path.pointAtPercent(0.97)
        angle = math.atan2(end.y() - before.y(), end.x() - before.x())
        left = end - QPointF(math.cos(angle - 0.45) * ARROW, math.sin(angle - 0.45) * ARROW)
        right = end - QPointF(math.cos(angle + 0.45) * ARROW, math.sin(angle + 0.45) * ARROW)
        return QPolygonF([end, left, right])
