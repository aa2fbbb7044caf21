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
once (stand-ins too). Selected, badged or hovered cards are painted.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QPen

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.card_text import card_lines
from kubecanvas.ui.canvas.edge_item import ARROW, EdgeItem, plate_pens, wire_pens
from kubecanvas.ui.canvas.icons import reuse_kind_icon
from kubecanvas.ui.canvas.node_item import NodeItem, PictureNodeItem, card_pen
from kubecanvas.ui.canvas.stand_ins import PictureStandInItem, StandInItem
from kubecanvas.ui.canvas.style import EdgeStyle, Theme, solid
from kubecanvas.ui.canvas.svg_painter import SvgPainter
from kubecanvas.ui.canvas.svg_style import escape, fill_of, stroke_of
from kubecanvas.ui.canvas.wire_geometry import arrow_points, rounded_elements

#: the attributes `SvgPainter` gives a shape drawn with no brush, or with no pen
_NO_FILL = 'fill="none"'
_NO_STROKE = 'stroke="none"'
_CENTRE = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft
#: a card's icon, as `NodeItem.paint` places it at 100 % (`QRectF(10, 14, 40, 40)`): x, y,
#: width and height
_ICON = (10.0, 14.0, 40.0, 40.0)


#: the item types `write_card` writes (a claim template's or a class's card is a stand-in; a
#: picture's cards are of their own types: `PictureNodeItem`)
CARDS = (NodeItem, StandInItem, PictureNodeItem, PictureStandInItem)


@lru_cache(maxsize=32)
def _card_body(theme: Theme, ghost: str) -> str:
    """A theme's card body at rest as an SVG element (`card_pen`: a stand-in's dashed)."""
    pen, fill = card_pen(theme, ghost)
    return f'rect x="{{x:.7g}}" y="{{y:.7g}}" width="{NODE_WIDTH:.7g}" ' \
        f'height="{NODE_HEIGHT:.7g}" rx="8" ry="8" {fill_of(solid(fill))} {stroke_of(pen)}'


def write_card(painter: SvgPainter, item: NodeItem, theme: Theme) -> bool:
    """Write a card as `NodeItem.paint` draws it at 100 % in `theme`; False (nothing written)
    for a card selected, badged, hovered, being wired or lit as a selected card's sibling."""
    if type(item) not in CARDS or item.badge is not None or item.wire_state \
            or item.isSelected() or item.hovered or getattr(item, "sibling_lit", False):
        return False
    dx, dy = painter.origin()
    painter.parts.append(f"<{_card_body(theme, item.ghost).format(x=dx, y=dy)}/>")
    reuse_kind_icon(painter.reuse, *_ICON, item.kind, bool(item.ghost), item.api_version)
    write_card_text(painter, theme, item.name, item.kind, item.ghost, item.line,
                    item.api_version)
    return True


def write_card_text(painter: SvgPainter, theme: Theme, name: str, kind: str, ghost: str,
                    line: str, api_version: str = "") -> None:
    """A card's lines (`card_lines`) as `draw_card_text` writes them into an `SvgPainter`
    (top-left aligned, in the name's or the detail's font and colour), without a pen, a font
    and a rectangle per line: a fifth of the time the cards of 5,000 resources took to write."""
    name_style, name_ascent = painter.text_style(fonts.font(13, True), theme.text)
    detail_style, detail_ascent = painter.text_style(fonts.font(11), theme.subtext)
    dx, dy = painter.origin()
    append = painter.parts.append
    for small, x, y, _width, _height, words in card_lines(name, kind, ghost, line, api_version):
        if words:
            style, ascent = (detail_style, detail_ascent) if small else (name_style, name_ascent)
            append(f'<text x="{x + dx:.7g}" y="{y + ascent + dy:.7g}" {style} '
                   f'xml:space="preserve">{escape(words)}</text>')


@lru_cache(maxsize=256)
def _wire_look(style: EdgeStyle, theme: str, selection: str, label_fill: str, text: str
               ) -> tuple[str, str, str, str, QPen]:
    """The SVG attributes of a wire of `style` at rest in a theme, made once per style: the
    line's stroke, the arrow head's fill, the plate's fill and stroke; and the text pen. They
    are those `SvgPainter` makes from the pens and brushes `EdgeItem.paint` sets."""
    pen, colour = wire_pens(style, theme, selection, "", False)
    plate_pen, plate_fill, text_pen = plate_pens(colour.rgba(), label_fill, text)
    return (stroke_of(pen), fill_of(solid(colour)), fill_of(plate_fill), stroke_of(plate_pen),
            text_pen)


def write_wire(painter: SvgPainter, item: EdgeItem, theme: Theme) -> bool:
    """Write the routed wire `item` as `EdgeItem.paint` draws it at 100 % in `theme`; False
    (nothing written) when it is not a plain routed wire, which `paint` then draws."""
    route = item.route
    if route is None or len(route.points) < 2 or item.isSelected() \
            or item.source.isSelected() or item.target.isSelected():
        return False
    points = route.points
    line, head, plate_fill, plate_stroke, text = _wire_look(
        item.style, theme.name, theme.selection, theme.label_fill, theme.text)
    dx, dy = painter.origin()
    painter.styled(f'path d="{painter.element_data(rounded_elements(points))}" '
                   'fill-rule="evenodd"', _NO_FILL, line)
    corners = " ".join(f"{x + dx:.7g},{y + dy:.7g}"
                       for x, y in arrow_points(points[-2], points[-1], ARROW))
    painter.styled(f'polygon points="{corners}" fill-rule="evenodd"', head, _NO_STROKE)
    if item.label and item.shown_label:
        plate = item.label_rect()
        painter.styled(f'rect x="{plate.x() + dx:.7g}" y="{plate.y() + dy:.7g}" '
                       f'width="{plate.width():.7g}" height="{plate.height():.7g}" rx="4" '
                       'ry="4"', plate_fill, plate_stroke)
        painter.setFont(fonts.font(10))
        painter.setPen(text)
        painter.drawText(plate, _CENTRE, item.shown_label)
    return True
