"""Items the SVG writer draws from their numbers instead of through their `paint`.

`export_svg` lets each item paint itself into an `SvgPainter`, so a picture is what the canvas
shows. For a routed wire that meant making a `QPainterPath` of its rounded route and a
`QPolygonF` of its arrow head only for the writer to read the numbers back: at 5,000 resources
(6,754 wires) that was a third of the time the wires took to write. Here a wire is written from
the numbers `EdgeItem` itself draws (`wire_geometry.rounded_elements`, `arrow_points`, its label
plate and fitted label), with the same pens and in the same order as `EdgeItem.paint`, so the
SVG is byte for byte what `paint` writes (`tests/ui/test_svg_direct.py` holds the two equal
over the corpus). Anything else (a wire not routed, selected or emphasised) is painted.

A resource's card is written the same way: `NodeItem.paint` at 100 % made a pen, a brush, three
colours and five rectangles per card, the same for every card of a theme; here they are made
once. Stand-ins, selected, badged or hovered cards are painted.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.card_text import card_kind, detail_elided, name_lines
from kubecanvas.ui.canvas.edge_item import ARROW, EdgeItem, _plate_pens
from kubecanvas.ui.canvas.icons import paint_kind_icon
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.style import Theme
from kubecanvas.ui.canvas.svg_painter import SvgPainter
from kubecanvas.ui.canvas.wire_geometry import arrow_points, rounded_elements
from kubecanvas.ui.i18n import tr

_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
_CENTRE = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft
#: a card's body and icon, and its text width as `NodeItem._paint_text` has them
_BODY = QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT)
_ICON = QRectF(10, 14, 40, 40)
_TEXT_WIDTH = int(NODE_WIDTH - 66)
_FITS = _TEXT_WIDTH - 8
#: where the lines go: a name on two lines (first, second, kind, detail), or on one line
_TWO_LINES = tuple(QRectF(58, y, _TEXT_WIDTH, h) for y, h in ((3, 17), (19, 17), (36, 15),
                                                                (52, 15)))
_ONE_LINE = tuple(QRectF(58, y, _TEXT_WIDTH, h) for y, h in ((10, 18), (30, 15), (47, 15)))


@lru_cache(maxsize=8)
def _card_tools(border: str, fill: str, text: str, subtext: str
                ) -> tuple[QPen, QBrush, QColor, QColor]:
    """The body's pen and brush and the two text colours of a theme's cards."""
    return QPen(QColor(border), 1.2), QBrush(QColor(fill)), QColor(text), QColor(subtext)


def write_card(painter: SvgPainter, item: NodeItem, theme: Theme) -> bool:
    """Write a resource's card as `NodeItem.paint` draws it at 100 % in `theme`; False
    (nothing written) for a stand-in and a card selected, badged, hovered or being wired."""
    if type(item) is not NodeItem or item.ghost or item.badge is not None or item.wire_state \
            or item.isSelected() or item._hovered:
        return False
    pen, brush, text, subtext = _card_tools(theme.node_border, theme.node_fill, theme.text,
                                            theme.subtext)
    painter.setPen(pen)
    painter.setBrush(brush)
    painter.drawRoundedRect(_BODY, 8, 8)
    paint_kind_icon(painter, _ICON, item.kind, False, item.api_version)  # type: ignore[arg-type]
    painter.setPen(text)
    painter.setFont(fonts.font(13, True))
    first, second = name_lines(item.name or tr("(unnamed)"), _FITS)
    if first:
        painter.drawText(_TWO_LINES[0], _LEFT, first)
        painter.drawText(_TWO_LINES[1], _LEFT, second)
        places = _TWO_LINES[2:]
    else:
        painter.drawText(_ONE_LINE[0], _LEFT, second)
        places = _ONE_LINE[1:]
    metrics = fonts.metrics(11)
    painter.setFont(fonts.font(11))
    painter.setPen(subtext)
    kind = card_kind(item.kind, lambda k: metrics.horizontalAdvance(k) <= _FITS - 16,
                     item.api_version)
    painter.drawText(places[0], _LEFT, detail_elided(kind, _FITS))
    painter.drawText(places[1], _LEFT, detail_elided(item.line, _FITS))
    return True


def write_wire(painter: SvgPainter, item: EdgeItem, theme: Theme) -> bool:
    """Write the routed wire `item` as `EdgeItem.paint` draws it at 100 % in `theme`; False
    (nothing written) when it is not a plain routed wire, which `paint` then draws."""
    route = item.route
    if route is None or len(route.points) < 2 or item.isSelected() \
            or item.source.isSelected() or item.target.isSelected():
        return False
    points = route.points
    pen, colour = item._pens(theme, "", False)
    painter.setPen(pen)
    painter.setBrush(_NO_BRUSH)
    painter.draw_elements(rounded_elements(points))
    painter.setPen(_NO_PEN)
    painter.setBrush(colour)
    painter.draw_points(arrow_points(points[-2], points[-1], ARROW))
    if item.label and item.shown_label:
        plate_pen, fill, text = _plate_pens(colour.rgba(), theme.label_fill, theme.text)
        painter.setPen(plate_pen)
        painter.setBrush(fill)
        plate = item.label_rect()
        painter.drawRoundedRect(plate, 4, 4)
        painter.setFont(fonts.font(10))
        painter.setPen(text)
        painter.drawText(plate, _CENTRE, item.shown_label)
    return True
