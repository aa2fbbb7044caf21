"""Dashed lines drawn piece by piece: each straight run as one line, each curve as a short path.

Qt strokes a dashed pen wider than one device pixel by building the outline of every dash and
filling it (`QPaintEngineEx::stroke`): 0.3 to 1.4 ms for one dashed wire in view at 100% zoom
(a dotted wire is hundreds of tiny outlines), against 0.02 ms for a solid one, and 1.4 ms for the
dashed border of a namespace frame, whose whole perimeter is walked when a corner of it is in
view. A straight line drawn with `QPainter.drawLine` goes to the raster engine's own dashed-line
rasterizer instead, which gives the same pixels (`tests/ui/test_dash_pieces.py` compares them)
at a fifth to a tenth of the cost. Each piece gets the pen's dash offset at the point where it
starts, so the pattern runs on across the pieces as in one stroke; the curves (a wire's rounded
corners, a frame's) keep Qt's stroker, and are short.

Only for painting on screen: an export draws the whole path (`EdgeItem.paint`), so SVG and PDF
keep one dashed path per wire.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QTransform

from kubecanvas.model.layout.quality import clip_segment
from kubecanvas.ui.canvas.wire_geometry import Element

#: a piece: its pen (dash offset set), its line or curve, its bounds (x0, y0, x1, y1), and the
#: length of one unit of the dash pattern
Piece = tuple[QPen, QLineF | QPainterPath, tuple[float, float, float, float], float]
Box = tuple[float, float, float, float]

_SOLID = (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen)


def worth_it(pen: QPen, scale: float) -> bool:
    """True when `pen` strokes dashes that Qt outlines one by one at zoom `scale`: dashed and
    wider than one device pixel (a thinner pen takes Qt's fast cosmetic line drawer anyway)."""
    if pen.style() in _SOLID:
        return False
    return (pen.widthF() if pen.isCosmetic() else pen.widthF() * scale) > 1.0


@lru_cache(maxsize=4096)
def _curve_length(numbers: tuple[float, ...], scale: float) -> float:
    """The length of a cubic (relative to its start) as Qt's dasher measures it: flattened to
    within half a device pixel. Cached: a route's corners repeat the same few shapes."""
    path = QPainterPath(QPointF(0.0, 0.0))
    path.cubicTo(*numbers)
    total = 0.0
    for polygon in path.toSubpathPolygons(QTransform.fromScale(scale, scale)):
        points = [(polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.size())]
        total += sum(math.dist(a, b) for a, b in zip(points, points[1:], strict=False))
    return total / scale


def pieces(elements: Sequence[Element], pen: QPen, scale: float = 1.0) -> list[Piece]:
    """The pieces of `pen`'s stroke along the path `elements` (one subpath).

    The dash pattern is in units of the pen's width: in scene pixels for a scaling pen, whose
    pieces then hold at every zoom (its curves are measured as at 100%: a few hundredths of a
    pixel off elsewhere, never visible), and in device pixels for a cosmetic pen, whose pieces
    are for zoom `scale` only."""
    if not pen.isCosmetic():
        scale = 1.0
    unit = max(pen.widthF(), 1e-9) / scale
    offset = pen.dashOffset()
    out: list[Piece] = []
    at = (0.0, 0.0)
    for letter, numbers in elements:
        if letter == "M":
            at = (numbers[0], numbers[1])
            continue
        piece = QPen(pen)
        piece.setDashOffset(offset)
        if letter == "L":
            length = math.dist(at, numbers)
            x, y = numbers[0], numbers[1]
            if length > 0.0:
                out.append((piece, QLineF(at[0], at[1], x, y),
                            (min(at[0], x), min(at[1], y), max(at[0], x), max(at[1], y)), unit))
            at = (x, y)
        else:
            path = QPainterPath(QPointF(*at))
            path.cubicTo(*numbers)
            xs, ys = (at[0], *numbers[0::2]), (at[1], *numbers[1::2])
            out.append((piece, path, (min(xs), min(ys), max(xs), max(ys)), unit))
            relative = tuple(round(v - at[i % 2], 6) for i, v in enumerate(numbers))
            length = _curve_length(relative, scale)
            at = (numbers[4], numbers[5])
        offset += length / unit
    return out


#: how far along a quarter circle's tangents Qt puts a cubic's control points
_KAPPA = 0.5522847498


def rounded_rect(rect: QRectF, radius: float) -> tuple[Element, ...]:
    """The outline `QPainter.drawRoundedRect(rect, radius, radius)` strokes, as Qt's paint
    engine builds it: clockwise from the top edge's left end (where the dash pattern starts)."""
    x1, y1, x2, y2 = rect.left(), rect.top(), rect.right(), rect.bottom()
    r = min(radius, rect.width() / 2, rect.height() / 2)
    k = (1 - _KAPPA) * r
    return (("M", (x1 + r, y1)), ("L", (x2 - r, y1)),
            ("C", (x2 - k, y1, x2, y1 + k, x2, y1 + r)), ("L", (x2, y2 - r)),
            ("C", (x2, y2 - k, x2 - k, y2, x2 - r, y2)), ("L", (x1 + r, y2)),
            ("C", (x1 + k, y2, x1, y2 - k, x1, y2 - r)), ("L", (x1, y1 + r)),
            ("C", (x1, y1 + k, x1 + k, y1, x1 + r, y1)))


def visible(painter: QPainter, pen: QPen) -> Box:
    """What the painter's device shows, in the painter's coordinates, grown by the reach of
    `pen`'s caps: the pieces outside it are not drawn, and a line across it is cut to it."""
    scale = painter.worldTransform().m11() or 1.0
    reach = 2.0 + (pen.widthF() if pen.isCosmetic() else pen.widthF() * scale)
    device = painter.device()
    inverse, _ = painter.worldTransform().inverted()
    shown = inverse.mapRect(QRectF(-reach, -reach, device.width() + 2 * reach,
                                   device.height() + 2 * reach))
    return (shown.left(), shown.top(), shown.right(), shown.bottom())


def _cut(line: QLineF, box: Box) -> tuple[QLineF, float] | None:
    """The part of `line` inside `box` and how far along the line it starts (None: none of
    it), clipped as the far-zoom canvas clips wires (`clip_segment`, the closed box)."""
    a = (line.x1(), line.y1())
    part = clip_segment(a, (line.x2(), line.y2()),
                        (box[0], box[1], box[2] - box[0], box[3] - box[1]), closed=True)
    if part is None:
        return None
    (x1, y1), (x2, y2) = part
    return QLineF(x1, y1, x2, y2), math.hypot(x1 - a[0], y1 - a[1])


def draw(painter: QPainter, drawn: Sequence[Piece], box: Box) -> None:
    """Draw the pieces that reach into `box` (from `visible`); the painter's brush must be none
    (a curve piece is a path). Qt's stroker leaves out dashes off the device by itself; the
    line rasterizer does not, and a wire to a shared card runs across the whole design."""
    left, top, right, bottom = box
    for pen, shape, (x0, y0, x1, y1), unit in drawn:
        if x1 < left or x0 > right or y1 < top or y0 > bottom:
            continue
        if isinstance(shape, QLineF):
            if x0 < left or x1 > right or y0 < top or y1 > bottom:
                cut = _cut(shape, box)
                if cut is None:
                    continue
                shape, skipped = cut
                if skipped:  # the pattern goes on from where the cut line starts
                    pen = QPen(pen)
                    pen.setDashOffset(pen.dashOffset() + skipped / unit)
            painter.setPen(pen)
            painter.drawLine(shape)
        else:
            painter.setPen(pen)
            painter.drawPath(shape)
