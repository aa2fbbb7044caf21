"""A wire's elements as plain numbers are the ones Qt keeps for the same rounded polyline.

The SVG writer writes `rounded_elements` instead of reading the painter path back from Qt, so
they must be Qt's own: the same count (Qt drops a line to where the path is and a curve that goes
nowhere) and the same numbers (a quadratic stored as Qt's cubic).
"""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QPainterPath

from kubecanvas.ui.canvas.svg_painter import SvgPainter
from kubecanvas.ui.canvas.wire_geometry import (
    CORNER,
    arrow_points,
    element_count,
    rounded_elements,
)
from kubecanvas.ui.canvas.wire_paths import RoutePath


def _qt_rounded(points: tuple[tuple[float, float], ...]) -> QPainterPath:
    """The rounded polyline as the canvas drew it before, with Qt's own `quadTo`."""
    path = QPainterPath()
    path.moveTo(*points[0])
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        room = min(CORNER, math.dist(prev, corner) / 2, math.dist(corner, nxt) / 2)
        if room < 0.5:
            path.lineTo(*corner)
            continue
        a = [corner[i] + (prev[i] - corner[i]) * room / (math.dist(corner, prev) or 1.0)
             for i in (0, 1)]
        b = [corner[i] + (nxt[i] - corner[i]) * room / (math.dist(corner, nxt) or 1.0)
             for i in (0, 1)]
        path.lineTo(*a)
        path.quadTo(corner[0], corner[1], b[0], b[1])
    path.lineTo(*points[-1])
    return path


def _numbers(path: QPainterPath) -> list[float]:
    return [v for i in range(path.elementCount())
            for v in (path.elementAt(i).x, path.elementAt(i).y)]


_COORD = st.integers(-40, 40).map(lambda v: v * 4.0)  # on a grid: repeated points happen
_POLYLINE = st.lists(st.tuples(_COORD, _COORD), min_size=2, max_size=8).map(tuple)


@given(_POLYLINE)
def test_the_elements_are_qts_for_any_polyline(points: tuple[tuple[float, float], ...]) -> None:
    elements = rounded_elements(points)
    qt = _qt_rounded(points)
    assert element_count(elements) == qt.elementCount()
    ours = RoutePath(elements)
    assert ours.elementCount() == qt.elementCount()
    assert all(abs(a - b) <= 1e-9 for a, b in zip(_numbers(ours), _numbers(qt), strict=True))


def test_a_route_with_a_repeated_point_and_a_tight_bend() -> None:
    points = ((0.0, 0.0), (0.0, 0.0), (40.0, 0.0), (40.0, 0.6), (80.0, 0.6), (80.0, 40.0))
    elements = rounded_elements(points)
    assert element_count(elements) == _qt_rounded(points).elementCount()
    assert [letter for letter, _ in elements].count("M") == 1


def test_the_svg_path_data_is_the_same_read_from_qt_or_from_the_numbers() -> None:
    points = ((10.0, 10.0), (90.0, 10.0), (90.0, 70.0), (200.0, 70.0))
    painter = SvgPainter(300, 100)
    painter.offset(-5.0, 3.0)
    plain = QPainterPath(RoutePath(rounded_elements(points)))  # a copy keeps no numbers
    assert not hasattr(plain, "elements")
    assert painter.path_data(RoutePath(rounded_elements(points))) == painter.path_data(plain)


def test_the_arrow_head_points_back_along_the_wire() -> None:
    tip, left, right = arrow_points((0.0, 0.0), (100.0, 0.0), 9.0)
    assert tip == (100.0, 0.0)
    assert left[0] < 100.0 and right[0] < 100.0
    assert left[1] == -right[1]
