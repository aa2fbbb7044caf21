"""A wiring-graph edge on the canvas: a wire from one node to another in the style of its type.

The scene's router (`ui/canvas/router.py`, over `model/layout/routing.py`) gives each wire an
orthogonal route around the cards and a place for its label plate where no card or other label
is; the wire is drawn along it with rounded corners. Until it has a route (and for a wire whose
label fits nowhere: no plate, the label stays in the tooltip) the older curve is used: it leaves
the source's right side and enters the target's left side, so traffic reads left to right.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.graph import Edge
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.layout.routing import Route
from kubecanvas.ui.canvas import dash_pieces, fonts
from kubecanvas.ui.canvas.edge_labels import localized_label, short_label
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.rbac_tips import RBAC_WIRES, rights_text
from kubecanvas.ui.canvas.style import (
    DEFAULT_EDGE_STYLE,
    EDGE_STYLES,
    EdgeStyle,
    Theme,
    current_theme,
    solid,
)
from kubecanvas.ui.canvas.wire_geometry import arrow_points
from kubecanvas.ui.canvas.wire_paths import ArrowHead, RoutePath, rounded_path
from kubecanvas.ui.i18n import language, tr

if TYPE_CHECKING:  # (event types only annotate: see render_cli.QT_FREE)
    from PySide6.QtWidgets import QGraphicsSceneHoverEvent

    from kubecanvas.ui.canvas.far_wires import FarWires

ARROW = 9.0
#: below this zoom a wire is a hairline (no label, no arrow); the view then has the scene draw
#: them in batches (`far_wires.py`)
FAR_ZOOM = 0.3

_Point = tuple[float, float]
_Curve = tuple[_Point, _Point, _Point, _Point]


@lru_cache(maxsize=8192)
def fit_label(edge_type: str, label: str, room: int) -> str:
    """The longest meaningful short form of `label` whose plate fits `room` pixels.

    Cached: the same labels ("app=web", "/data") recur on many wires, and a drag re-fits the
    label of every wire of the dragged node at each mouse move.
    """
    limit = len(label)
    shown = label
    while limit > 3:
        shown = short_label(edge_type, label, limit)
        if _text_width(shown) <= room:
            return shown
        limit -= 1
    return shown


@lru_cache(maxsize=256)
def wire_pens(style: EdgeStyle, theme: str, selection: str, state: str,
          cosmetic: bool) -> tuple[QPen, QColor]:
    """The pen and colour of a wire, shared by every wire of the same type and state: painting
    runs for every visible wire per frame, and one pen per wire cost time and memory."""
    colour = QColor(style.colour)
    if state == "selected":
        colour = QColor(selection)
    elif state == "emphasis":
        colour = colour.darker(125) if theme == "light" else colour.lighter(140)
    pen = QPen(colour, style.width + (1.6 if state else 0))
    pen.setStyle(style.dash)
    pen.setCosmetic(cosmetic)
    return pen, colour


@lru_cache(maxsize=256)
def plate_pens(rgba: int, fill: str, text: str) -> tuple[QPen, QBrush, QPen]:
    """The label plate's outline (the wire's colour), fill and text pens, made once per
    colour: a picture of 5,000 resources draws 5,000 plates."""
    return QPen(QColor.fromRgba(rgba), 1), solid(QColor(fill)), QPen(QColor(text))


_ANTIALIAS = QPainter.RenderHint.Antialiasing


@lru_cache(maxsize=8192)
def _text_width(text: str) -> int:
    return fonts.metrics(10).horizontalAdvance(text)


def _cubic_point(p0: _Point, p1: _Point, p2: _Point, p3: _Point, t: float) -> _Point:
    """The point at parameter `t` of a cubic Bézier curve (what QPainterPath.pointAtPercent
    gives for a one-segment path, without the Qt call per wire)."""
    u = 1.0 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
            a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1])


class EdgeItem(QGraphicsItem):
    """One edge between two node items; selectable so that Delete can disconnect it."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem, lane: int = 0, *,
                 shaped: bool = True, interactive: bool = True) -> None:
        """`shaped=False`: no curve yet, the caller routes the wire next (`set_route`).
        `interactive=False`: a wire only drawn into a picture (`CanvasScene(picture=True)`):
        no tooltip, hover or selection."""
        super().__init__()
        self.interactive = interactive
        self.edge = edge
        self.source = source
        self.target = target
        self.lane = lane
        self.style = EDGE_STYLES.get(edge.type, DEFAULT_EDGE_STYLE)
        self.label = ""
        self._curve: _Curve = ((0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (0.0, 0.0))
        self._path: QPainterPath | None = None
        self._dashes: tuple[QPen, list[dash_pieces.Piece]] | None = None  # pen, its pieces
        self._shape: QPainterPath | None = None
        self._arrow: QPolygonF | None = None
        self._bounds = QRectF()
        self._label_mid = (0.0, 0.0)
        self._label_room = 0
        self._label_rect: QRectF | None = None
        self._shown_label: str | None = None
        self.route: Route | None = None
        self._end_tangent: tuple[_Point, _Point] = ((0.0, 0.0), (0.0, 0.0))
        self.far: FarWires | None = None  # told of each change of shape while it draws the wire
        if interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(1)
        self._retranslate()
        if edge.type in RBAC_WIRES and interactive:  # the rights it lists are read again as
            self.setAcceptHoverEvents(True)  # the pointer comes
        source.edges.add(self)
        target.edges.add(self)
        if shaped:
            self.adjust()

    def retranslate(self) -> None:
        """Label and tooltip in the language now set, the plate resized to the new label."""
        self._retranslate()
        self.adjust()
        self.update()

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        # only RBAC wires take hover events: the tooltip Qt shows once the pointer rests after
        # its last move lists the role's rules as they are then (an edit may have come since)
        self._retranslate()
        super().hoverMoveEvent(event)

    def _retranslate(self) -> None:
        """The model's own edge words ('pull', 'tls', 'owner'...) in the language now set;
        field paths and the manifest's words (paths, ports, names) stay as in YAML."""
        edge = self.edge
        label = localized_label(edge.label, language())
        # a label that only repeats the target's name (a generated claim) says nothing more
        self.label = "" if edge.label == self.target.name else label
        if not self.interactive:
            return
        title = tr(self.style.title) if self.style.title else str(edge.type)
        host = self.source.host
        rights = rights_text(edge, host.document, host.graph) \
            if edge.type in RBAC_WIRES and host is not None else ""
        self.setToolTip(f"{title}: {edge.field}" + (f"\n{label}" if label else "")
                        + (f"\n{rights}" if rights else "")
                        + "\n" + tr("Select and press Delete to remove this wiring"))

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.edge.source, self.edge.target, self.edge.key)

    def detach(self) -> None:
        """Forget the end nodes (before the item is removed from the scene)."""
        self.source.edges.discard(self)
        self.target.edges.discard(self)

    def adjust(self) -> None:
        """Recompute the curve after an end node moved.

        Only the four control points and the bounds are computed here, in plain floats: this
        runs for every wire when a design opens and for each wire of a dragged node at every
        mouse move. The painter path, the arrow head and the fitted label are made when first
        painted (or hit-tested), and most wires of a large design are never shown up close.
        """
        self.prepareGeometryChange()
        if self.route is not None and len(self.route.points) >= 2:
            self._adjust_route(self.route)
            if self.far is not None:
                self.far.moved(self)
            self._cover()
            return
        src, dst = self.source.pos(), self.target.pos()
        sx, sy, dx, dy = src.x(), src.y(), dst.x(), dst.y()
        shift = self.lane * 14.0
        if abs(dx - sx) < NODE_WIDTH * 0.6 and abs(dy - sy) > NODE_HEIGHT:
            curve, room = _vertical(sx, sy, dx, dy, shift)
        else:
            # fan the ends out by direction, so wires to a column of targets do not share one
            spread = max(-NODE_HEIGHT / 3, min(NODE_HEIGHT / 3, (dy - sy) * 0.12))
            curve, room = _horizontal(sx, sy, dx, dy, shift, spread)
        self._curve = curve
        self._end_tangent = (curve[2], curve[3])
        self._path = self._dashes = None
        self._shape = None
        self._arrow = None
        self._label_rect = None
        self._shown_label = None
        xs = [p[0] for p in curve]
        ys = [p[1] for p in curve]
        # the control points' hull contains the curve: a cheap, safe bound
        bounds = QRectF(min(xs) - ARROW, min(ys) - ARROW, max(xs) - min(xs) + 2 * ARROW,
                        max(ys) - min(ys) + 2 * ARROW)
        if self.label:
            # parallel wires between one pair: spread their labels along the curve
            step = ((self.lane + 1) // 2) * (1 if self.lane % 2 else -1)
            self._label_mid = _cubic_point(*curve, max(0.2, min(0.8, 0.5 + 0.22 * step)))
            # a long plate over a long wire reads no better than a short one
            self._label_room = min(room, 180)
            # the widest plate the fitted label can need: never wider than the room or the
            # whole label
            widest = min(_text_width(self.label), self._label_room) + 16
            mx, my = self._label_mid
            bounds = bounds.united(QRectF(mx - widest / 2, my - 8, widest, 16))
        self._bounds = bounds
        if self.far is not None:
            self.far.moved(self)
        self._cover()

    def _cover(self) -> None:
        """The scene's rectangle reaches past the wire (a detour past the design's edge)."""
        host = self.source.host
        if host is not None:
            host.bounds.cover(self._bounds)

    def set_route(self, route: Route | None) -> None:
        """Follow `route` (from the scene's router); None: back to the plain curve."""
        self.route = route
        self.adjust()

    def _adjust_route(self, route: Route) -> None:
        points = route.points
        self._path = self._dashes = None
        self._shape = None
        self._arrow = None
        self._label_rect = None
        self._shown_label = None
        self._end_tangent = (points[-2], points[-1])
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        bounds = QRectF(min(xs) - ARROW, min(ys) - ARROW, max(xs) - min(xs) + 2 * ARROW,
                        max(ys) - min(ys) + 2 * ARROW)
        self._label_room = LABEL_ROOM if route.label_at is not None else 0
        if self.label and route.label_at is not None:
            self._label_mid = route.label_at
            widest = label_width(self.edge.type, self.label)
            mx, my = route.label_at
            bounds = bounds.united(QRectF(mx - widest / 2, my - 8, widest, 16))
        self._bounds = bounds

    @property
    def shown_label(self) -> str:
        """The label as it fits on the plate (empty when the edge has no label)."""
        if self._shown_label is None and self.route is not None and self.route.label_at is None:
            self._shown_label = ""  # no room anywhere along the wire: the tooltip has it
        if self._shown_label is None:
            self._shown_label = fit_label(self.edge.type, self.label, self._label_room) \
                if self.label else ""
        return self._shown_label

    def label_rect(self) -> QRectF:
        """The plate under the label, centred on the curve (null when there is no label)."""
        if self._label_rect is None:
            shown = self.shown_label
            if shown and self.route is not None:
                width = label_width(self.edge.type, self.label)
                mx, my = self._label_mid
                self._label_rect = QRectF(mx - width / 2, my - 8, width, 16)
            elif shown:
                width = min(_text_width(shown), self._label_room) + 16
                mx, my = self._label_mid
                self._label_rect = QRectF(mx - width / 2, my - 8, width, 16)
            else:
                self._label_rect = QRectF()
        return self._label_rect

    def path(self) -> QPainterPath:
        """The curve as a painter path (made on first use after each adjust)."""
        if self._path is None and self.route is not None and len(self.route.points) >= 2:
            self._path = rounded_path(self.route.points)
        if self._path is None:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self._curve
            path = QPainterPath()
            path.moveTo(x0, y0)
            path.cubicTo(x1, y1, x2, y2, x3, y3)
            self._path = path
        return self._path

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """The wire widened to 10 pixels, and its label plate: what a click or hover hits.

        Kept until the curve changes: every mouse move over the canvas asks each wire whose
        bounds hold the pointer, and long wires' bounds hold much of the canvas."""
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            shape = stroker.createStroke(self.path())
            plate = self.label_rect()
            if not plate.isNull():
                shape.addRect(plate)
            self._shape = shape
        return self._shape

    def _pens(self, theme: Theme, state: str, cosmetic: bool) -> tuple[QPen, QColor]:
        """The line pen and colour (`state`: 'selected' for the edge itself, 'emphasis' when
        an end node is selected, or '')."""
        return wire_pens(self.style, theme.name, theme.selection, state, cosmetic)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = getattr(self.scene(), "theme", None)
        theme = theme if isinstance(theme, Theme) else current_theme()
        scale = painter.worldTransform().m11()
        state = "selected" if self.isSelected() else (
            "emphasis" if self.source.isSelected() or self.target.isSelected() else "")
        if scale < FAR_ZOOM:  # zoomed out: a thin line only (runs for thousands of wires a frame)
            painter.setRenderHint(_ANTIALIAS, False)
            painter.setPen(wire_pens(self.style, theme.name, theme.selection, state, True)[0])
            painter.drawPath(self.path())
            return
        pen, colour = self._pens(theme, state, False)
        painter.setRenderHint(_ANTIALIAS, True)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if widget is not None and dash_pieces.worth_it(pen, scale):  # on screen: `dash_pieces`
            dash_pieces.draw(painter, self._dash_pieces(pen), dash_pieces.visible(painter, pen))
        else:
            painter.setPen(pen)
            painter.drawPath(self.path())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(self.arrow())
        if self.label and scale >= 0.45 and self.shown_label:
            plate_pen, fill, text = plate_pens(colour.rgba(), theme.label_fill, theme.text)
            painter.setPen(plate_pen)
            painter.setBrush(fill)
            plate = self.label_rect()
            painter.drawRoundedRect(plate, 4, 4)
            painter.setFont(fonts.font(10))
            painter.setPen(text)
            painter.drawText(plate, Qt.AlignmentFlag.AlignCenter, self.shown_label)

    def _dash_pieces(self, pen: QPen) -> list[dash_pieces.Piece]:
        """The dashed line in pieces, kept until the wire or its pen (state, theme) changes."""
        if self._dashes is None or self._dashes[0] is not pen:
            path = self.path()
            elements = path.elements if isinstance(path, RoutePath) else (
                ("M", self._curve[0]), ("C", (*self._curve[1], *self._curve[2], *self._curve[3])))
            self._dashes = (pen, dash_pieces.pieces(elements, pen))
        return self._dashes[1]

    def arrow(self) -> QPolygonF:
        """The arrow head at the target end, along the wire's last direction."""
        if self._arrow is None:
            self._arrow = ArrowHead(arrow_points(*self._end_tangent, ARROW))
        return self._arrow


#: The widest label plate a routed wire gets (its text is fitted into it, the rest in the
#: tooltip): wide enough for "/api -> 8080" or "DB_PASSWORD +2", and with its margins (100 px)
#: narrow enough to fit in the 110-pixel gap between
#: two columns of cards.
LABEL_ROOM = 84


def label_width(edge_type: str, label: str) -> float:
    """The width of the plate under `label` as a routed wire draws it (0: no label)."""
    if not label:
        return 0.0
    return float(min(_text_width(fit_label(edge_type, label, LABEL_ROOM)), LABEL_ROOM) + 16)


def _horizontal(sx: float, sy: float, dx: float, dy: float, shift: float,
                spread: float) -> tuple[_Curve, int]:
    """Right side to left side (or the reverse), for nodes in different columns: the four
    control points and the room for a label along the wire."""
    forward = dx >= sx
    mid_s, mid_d = sy + NODE_HEIGHT / 2 + shift + spread, dy + NODE_HEIGHT / 2 + shift - spread
    if forward:
        start, end = (sx + NODE_WIDTH, mid_s), (dx, mid_d)
    else:
        start, end = (sx, mid_s), (dx + NODE_WIDTH, mid_d)
    bend = max(40.0, abs(end[0] - start[0]) * 0.45) * (1 if forward else -1)
    curve = (start, (start[0] + bend, start[1]), (end[0] - bend, end[1]), end)
    return curve, max(96, int(abs(end[0] - start[0]) - 12))


def _vertical(sx: float, sy: float, dx: float, dy: float, shift: float) -> tuple[_Curve, int]:
    """Bottom to top (or the reverse), for nodes stacked in one column."""
    down = dy > sy
    start = (sx + NODE_WIDTH / 2 + shift, sy + (NODE_HEIGHT if down else 0))
    end = (dx + NODE_WIDTH / 2 + shift, dy + (0 if down else NODE_HEIGHT))
    bend = max(30.0, abs(end[1] - start[1]) * 0.4) * (1 if down else -1)
    return (start, (start[0], start[1] + bend), (end[0], end[1] - bend), end), int(NODE_WIDTH)
