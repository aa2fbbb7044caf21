"""A routed wire's outline and arrow head as plain numbers, the one geometry both drawers use.

`EdgeItem` builds its `QPainterPath` from these elements, and the SVG writer writes the same
elements as path data. Before, the SVG writer read the painter path back from Qt element by
element (`QPainterPath.elementAt`, a Python object and an enum conversion per element: 65,000
calls, a third of the time the 6,754 wires of a 5,000-resource design took to draw into the
SVG). No Qt here: the numbers are those Qt stores, computed as Qt computes them.
"""

from __future__ import annotations

import math

Point = tuple[float, float]
#: one painter-path step: "M" (x, y), "L" (x, y) or "C" (x1, y1, x2, y2, x, y)
Element = tuple[str, tuple[float, ...]]

#: Corner radius of a routed wire's bends.
CORNER = 8.0
#: Qt's `QPointF ==` is fuzzy: coordinates this close are the same point
_FUZZ = 1e-12


def _same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) <= _FUZZ and abs(a[1] - b[1]) <= _FUZZ


def rounded_elements(points: tuple[Point, ...]) -> tuple[Element, ...]:
    """The polyline with each bend rounded (a quarter circle's quadratic) as painter-path
    elements, exactly as `QPainterPath` keeps them: a quadratic as the cubic Qt turns it into,
    and no line to the point the path is at, nor a curve that goes nowhere (Qt drops both)."""
    out: list[Element] = [("M", points[0])]
    at = points[0]
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        room = min(CORNER, math.dist(prev, corner) / 2, math.dist(corner, nxt) / 2)
        if room < 0.5:
            if not _same(corner, at):
                out.append(("L", corner))
                at = corner
            continue
        a = _towards(corner, prev, room)
        b = _towards(corner, nxt, room)
        if not _same(a, at):
            out.append(("L", a))
            at = a
        if _same(at, corner) and _same(corner, b):
            continue
        # QPainterPath.quadTo(c, e) from p is cubicTo((p + 2c) / 3, (e + 2c) / 3, e)
        out.append(("C", ((at[0] + 2 * corner[0]) / 3, (at[1] + 2 * corner[1]) / 3,
                          (b[0] + 2 * corner[0]) / 3, (b[1] + 2 * corner[1]) / 3, b[0], b[1])))
        at = b
    if not _same(points[-1], at):
        out.append(("L", points[-1]))
    return tuple(out)


def element_count(elements: tuple[Element, ...]) -> int:
    """How many elements Qt counts for these (a cubic is three)."""
    return sum(3 if letter == "C" else 1 for letter, _ in elements)


def _towards(origin: Point, to: Point, length: float) -> Point:
    d = math.dist(origin, to) or 1.0
    return (origin[0] + (to[0] - origin[0]) * length / d,
            origin[1] + (to[1] - origin[1]) * length / d)


def arrow_points(before: Point, end: Point, size: float) -> tuple[Point, Point, Point]:
    """The arrow head at `end`, along the direction from `before`: tip, left and right."""
    (bx, by), (ex, ey) = before, end
    angle = math.atan2(ey - by, ex - bx)
    return ((ex, ey),
            (ex - math.cos(angle - 0.45) * size, ey - math.sin(angle - 0.45) * size),
            (ex - math.cos(angle + 0.45) * size, ey - math.sin(angle + 0.45) * size))
