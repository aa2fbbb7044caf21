"""The SVG attributes of Qt's pens, brushes and fonts, for `svg_painter.SvgPainter`.

A picture sets a few dozen distinct pens and brushes tens of thousands of times, so their
attribute text is made once each and looked up after (by colour, then Qt's own `==`); the
painter's `_State` makes it only when a shape is drawn, as paint code often sets a pen only to
replace it before drawing.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
_SOLID = Qt.BrushStyle.SolidPattern
_CAPS = {Qt.PenCapStyle.FlatCap: "butt", Qt.PenCapStyle.SquareCap: "square",
         Qt.PenCapStyle.RoundCap: "round"}
_JOINS = {Qt.PenJoinStyle.MiterJoin: "miter", Qt.PenJoinStyle.BevelJoin: "bevel",
          Qt.PenJoinStyle.RoundJoin: "round", Qt.PenJoinStyle.SvgMiterJoin: "miter"}


def number(value: float) -> str:
    """A coordinate as SVG text: seven significant digits (hundredths up to 99,999)."""
    return f"{value:.7g}"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;")


def colour_attributes(colour: QColor) -> tuple[str, str]:
    """(#rrggbb, opacity attribute text or '')."""
    alpha = colour.alphaF()
    return colour.name(), ("" if alpha >= 1.0 else number(alpha))


_PENS: dict[tuple[int, float], list[tuple[QPen, str]]] = {}


def _pen_attributes(pen: QPen) -> str:
    """The stroke attributes of a pen, cached: a picture uses a few dozen pens, set tens of
    thousands of times. Looked up by colour and width, then told apart by Qt's own `==` (style,
    caps, joins, dashes, cosmetic), which is cheaper than reading those as Python enums."""
    known = _PENS.setdefault((pen.color().rgba(), pen.widthF()), [])
    for other, found in known:
        if other == pen:
            return found
    found = 'stroke="none"' if pen.style() == _NO_PEN else _stroke(pen)
    known.append((QPen(pen), found))
    return found


def stroke_of(pen: QPen) -> str:
    """The stroke attributes a shape drawn with `pen` gets."""
    return _pen_attributes(pen)


def fill_of(brush: QBrush) -> str:
    """The fill attributes a shape drawn with `brush` gets."""
    return _brush_attributes(brush)


def _stroke(pen: QPen) -> str:
    name, opacity = colour_attributes(pen.color())
    width = pen.widthF() if pen.widthF() > 0 else 1.0
    parts = [f'stroke="{name}" stroke-width="{number(width)}"']
    if opacity:
        parts.append(f'stroke-opacity="{opacity}"')
    if pen.style() != Qt.PenStyle.SolidLine:  # Qt's dash lengths are in pen widths
        unit = max(width, 1.0)
        parts.append('stroke-dasharray="' + ",".join(number(d * unit) for d in pen.dashPattern())
                     + '"')
    parts.append(f'stroke-linecap="{_CAPS.get(pen.capStyle(), "square")}" '
                 f'stroke-linejoin="{_JOINS.get(pen.joinStyle(), "bevel")}"')
    if pen.isCosmetic():
        parts.append('vector-effect="non-scaling-stroke"')
    return " ".join(parts)


_BRUSHES: dict[int, list[tuple[QBrush, str]]] = {}


def _brush_attributes(brush: QBrush) -> str:
    """The fill attributes of a brush, cached as pens are (`_pen_attributes`)."""
    known = _BRUSHES.setdefault(brush.color().rgba(), [])
    for other, found in known:
        if other == brush:
            return found
    style = brush.style()
    if style == _NO_BRUSH:
        found = 'fill="none"'
    elif style != _SOLID:
        raise AttributeError(f"SvgPainter draws solid brushes only, not {style}")
    else:
        name, opacity = colour_attributes(brush.color())
        found = f'fill="{name}"' + (f' fill-opacity="{opacity}"' if opacity else "")
    known.append((QBrush(brush), found))
    return found


@lru_cache(maxsize=64)
def font_attributes(family: str, pixels: int, weight: int, italic: bool) -> str:
    """The font attributes of a text element: the family Qt resolved, then a generic one."""
    attributes = f'font-family="{escape(family)}, sans-serif" font-size="{pixels}"'
    if weight != 400:
        attributes += f' font-weight="{weight}"'
    if italic:
        attributes += ' font-style="italic"'
    return attributes


class PaintState:
    """Pen, brush and font; their SVG attributes are made when a shape is drawn (paint code
    often sets a pen only to replace it before drawing)."""

    __slots__ = ("_fill", "_stroke", "brush", "font", "pen")

    def __init__(self) -> None:
        self.pen = QPen(QColor("#000000"))
        self.brush = QBrush()
        self.font = QFont()
        self._stroke: str | None = None
        self._fill: str | None = 'fill="none"'

    def set_pen(self, pen: QPen) -> None:
        self.pen, self._stroke = pen, None

    def set_brush(self, brush: QBrush) -> None:
        self.brush, self._fill = brush, None

    @property
    def stroke(self) -> str:
        if self._stroke is None:
            self._stroke = _pen_attributes(self.pen)
        return self._stroke

    @property
    def fill(self) -> str:
        if self._fill is None:
            self._fill = _brush_attributes(self.brush)
        return self._fill

    def copy(self) -> PaintState:
        other = PaintState.__new__(PaintState)
        other.pen, other.brush, other.font = self.pen, self.brush, self.font
        other._stroke, other._fill = self._stroke, self._fill
        return other
