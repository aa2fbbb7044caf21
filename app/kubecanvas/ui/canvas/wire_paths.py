"""A routed wire's Qt shapes made from its plain numbers (`wire_geometry.py`), keeping the
numbers too: the SVG writer writes them as they are, without asking Qt for each element."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

from kubecanvas.ui.canvas.wire_geometry import Element, element_count, rounded_elements

_Point = tuple[float, float]


class RoutePath(QPainterPath):
    """A routed wire's painter path that also keeps its elements as plain numbers, which the
    SVG writer writes without asking Qt for them one by one (`wire_geometry.py`)."""

    def __init__(self, elements: tuple[Element, ...]) -> None:
        super().__init__()
        self.elements = elements
        self.count = element_count(elements)
        for letter, numbers in elements:
            if letter == "C":
                self.cubicTo(*numbers)
            elif letter == "L":
                self.lineTo(*numbers)
            else:
                self.moveTo(*numbers)


class ArrowHead(QPolygonF):
    """The arrow head's triangle, its corners also kept as plain numbers (for the SVG)."""

    def __init__(self, points: tuple[_Point, _Point, _Point]) -> None:
        super().__init__([QPointF(x, y) for x, y in points])
        self.points = points


def rounded_path(points: tuple[_Point, ...]) -> QPainterPath:
    """The polyline with each bend rounded (a quarter circle's quadratic), as one path."""
    return RoutePath(rounded_elements(points))
