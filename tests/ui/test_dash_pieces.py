"""Dashed wires and frame borders drawn in pieces on screen look as Qt's whole dashed stroke.

`ui/canvas/dash_pieces.py` draws a dashed line as its straight runs and curves, each with the
dash offset where it starts, because Qt outlines the dashes of a whole path one by one (slow).
These tests paint the same item both ways into images and compare them pixel by pixel: the
whole stroke is what an export still draws (no widget), the pieces what the view draws.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QTransform
from PySide6.QtWidgets import QWidget

from kubecanvas.model.edge import Edge, EdgeCategory
from kubecanvas.model.layout.routing import Route
from kubecanvas.ui.canvas import dash_pieces
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.canvas.style import EDGE_STYLES

DASHED = sorted(t for t, s in EDGE_STYLES.items() if s.dash != Qt.PenStyle.SolidLine)
#: a route with bends of every direction, long and short runs, and a bend too tight to round
ROUTE = ((10.0, 20.0), (200.0, 20.0), (200.0, 100.0), (390.0, 100.0), (390.0, 40.0),
         (600.0, 40.0), (600.0, 46.0), (700.0, 46.0), (700.0, 300.0), (520.0, 300.0))


def _alpha(image: QImage) -> bytes:
    """The alpha byte of each pixel (premultiplied ARGB32 keeps it in every fourth byte)."""
    data = bytes(image.constBits())
    return data[3::4] if QImage.Format.Format_ARGB32_Premultiplied == image.format() else b""


def _draw(paint, size=(760, 340), zoom=1.0, shift=(0.0, 0.0)) -> bytes:
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setTransform(QTransform.fromScale(zoom, zoom).translate(*shift))
    paint(painter)
    painter.end()
    return _alpha(image)


def _assert_alike(whole: bytes, pieces: bytes) -> None:
    """As the eye sees it: the same ink (within 1.5%), and no dash moved or missing: the
    pixels differ only in their antialiasing (Qt's line rasterizer against its path filler),
    by less than a third of full cover, but for a handful where caps meet at a corner."""
    ink_whole, ink_pieces = sum(whole), sum(pieces)
    assert ink_whole > 0
    assert abs(ink_pieces - ink_whole) <= 0.015 * ink_whole
    inked = sum(1 for a in whole if a)
    moved = sum(1 for a, b in zip(whole, pieces, strict=True) if abs(a - b) > 85)
    assert moved <= 0.002 * inked


class _Ends:
    """The two cards a wire joins, reduced to what `EdgeItem` asks of them."""

    def __init__(self, name: str) -> None:
        self.name, self.rid, self.host, self.edges = name, name, None, set()

    def isSelected(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.mark.parametrize("edge_type", DASHED)
@pytest.mark.parametrize("zoom", [1.0, 1.5, 0.8])
def test_a_dashed_wire_in_pieces_looks_as_its_whole_stroke(qapp, edge_type, zoom):
    item = EdgeItem(Edge("a", "b", "k", edge_type, "spec", "", EdgeCategory.DERIVED), _Ends("a"), _Ends("b"), shaped=False)
    item.set_route(Route(ROUTE))
    widget = QWidget()
    whole = _draw(lambda p: item.paint(p, None, None), zoom=zoom)
    pieces = _draw(lambda p: item.paint(p, None, widget), zoom=zoom)
    _assert_alike(whole, pieces)


def test_lines_across_the_edge_of_the_view_are_cut_where_the_pattern_goes_on(qapp):
    """A view onto the middle of a long wire: its runs are cut to what the view shows, and
    the dashes stay where the whole wire has them. (Qt's own stroke does not: its dasher
    measures a curve outside the view differently, so its dashes shift as the view pans.)"""
    item = EdgeItem(Edge("a", "b", "k", "reserves", "spec", "", EdgeCategory.DERIVED),
                    _Ends("a"), _Ends("b"), shaped=False)
    item.set_route(Route(ROUTE))
    whole = QImage(760, 340, QImage.Format.Format_ARGB32_Premultiplied)
    whole.fill(0)
    painter = QPainter(whole)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    item.paint(painter, None, None)
    painter.end()
    widget = QWidget()
    for x, y in ((150, 10), (420, 30), (560, 150), (640, 260)):
        pieces = _draw(lambda p: item.paint(p, None, widget), (180, 90), 1.0, (-x, -y))
        _assert_alike(_alpha(whole.copy(x, y, 180, 90)), pieces)


@pytest.mark.parametrize("style", [Qt.PenStyle.DashLine, Qt.PenStyle.DotLine,
                                   Qt.PenStyle.DashDotLine, Qt.PenStyle.DashDotDotLine])
@pytest.mark.parametrize("width", [1.2, 2.0, 3.6])
def test_the_pattern_runs_on_across_the_pieces(qapp, style, width):
    pen = QPen(QColor("#8a5cc7"), width)
    pen.setStyle(style)
    from kubecanvas.ui.canvas.wire_paths import rounded_path

    path = rounded_path(ROUTE)
    drawn = dash_pieces.pieces(path.elements, pen)
    assert len(drawn) > len(ROUTE)  # runs and corners, each its own piece

    def whole(painter):
        painter.setPen(pen)
        painter.drawPath(path)

    _assert_alike(_draw(whole), _draw(lambda p: dash_pieces.draw(p, drawn, dash_pieces.visible(p, pen))))


@pytest.mark.parametrize("zoom", [1.0, 0.5, 2.0])
def test_a_frame_border_in_pieces_looks_as_qt_draws_it(qapp, zoom):
    frame = NamespaceFrameItem("shop")
    frame.grow_to(40, 60)
    frame.grow_to(500, 200)
    widget = QWidget()
    size = (int(700 * zoom) + 20, int(400 * zoom) + 20)
    whole = _draw(lambda p: frame.paint(p, None, None), size, zoom)
    pieces = _draw(lambda p: frame.paint(p, None, widget), size, zoom)
    _assert_alike(whole, pieces)


def test_solid_and_thin_pens_are_drawn_whole(qapp):
    solid = QPen(QColor("#000000"), 2.0)
    dashed = QPen(QColor("#000000"), 1.6)
    dashed.setStyle(Qt.PenStyle.DashLine)
    assert not dash_pieces.worth_it(solid, 1.0)
    assert dash_pieces.worth_it(dashed, 1.0)
    assert not dash_pieces.worth_it(dashed, 0.5)  # 0.8 device pixels: Qt's fast line drawer
    dashed.setCosmetic(True)
    assert dash_pieces.worth_it(dashed, 0.1)


def test_a_rounded_rect_outline_is_qts(qapp):
    """The outline in pieces starts where Qt's does, so the dashes fall in the same places."""
    rect = QRectF(10.5, 10.5, 300, 120)
    pen = QPen(QColor("#000000"), 1.5)
    pen.setStyle(Qt.PenStyle.DashLine)

    def whole(painter):
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 12, 12)

    drawn = dash_pieces.pieces(dash_pieces.rounded_rect(rect, 12), pen)
    _assert_alike(_draw(whole, (330, 150)), _draw(lambda p: dash_pieces.draw(p, drawn, dash_pieces.visible(p, pen)), (330, 150)))
