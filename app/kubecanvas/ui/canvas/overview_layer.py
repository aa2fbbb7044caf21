"""The overview's frames, tiles and bundles painted by one cached item.

Each tile, bundle and frame painted itself: at 5,000 resources a view at 5 % zoom held about 140
tiles and 180 bundles, each a Python `paint` with an antialiased rounded rectangle and text in a
font of 240 scene pixels scaled down to 12 (Qt draws such text as outlines, not from its glyph
cache), and panning repainted them all: 45 ms per frame on a quiet machine, 120-140 ms on the
loaded one. Now the tiles and bundles stay in the scene for hit tests, double-clicks and
tooltips but paint nothing (`ItemHasNoContents`), and `OverviewLayer` draws what lies in the
part to paint: the bundles' lines as one path per width, plates, borders, bodies and badges as
one filled path per colour, the texts in device pixels (fonts at their real size, from the glyph
cache). Its picture is cached in device pixels, so panning copies pixels and paints a strip.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.ui.canvas.style import SEVERITY_COLOURS, Theme
from kubecanvas.ui.i18n import tr

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.overview import Tile

#: a tile's padding around its cards, in scene pixels
PAD = 16.0
#: text sizes on screen, in pixels: a tile's title, its count line, a bundle's count
TITLE_PX, COUNT_PX, BUNDLE_PX = 12, 10, 11
#: below this width on screen a tile's badge is a dot, so the title keeps the room
_SMALL_TILE = 160
_Fill = tuple[QColor, "_Shapes"]


@lru_cache(maxsize=16)
def font(pixels: int, bold: bool) -> QFont:
    """One font object per size (a frame draws hundreds of texts in three sizes)."""
    made = QFont()
    made.setPixelSize(max(1, pixels))
    made.setBold(bold)
    return made


@lru_cache(maxsize=8192)
def elided(text: str, pixels: int, bold: bool, width: int) -> str:
    return QFontMetrics(font(pixels, bold)).elidedText(text, Qt.TextElideMode.ElideMiddle, width)


def _cosmetic(colour: QColor, width: float) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    return pen


def badge_text(findings: int) -> str:
    return str(findings) if findings < 100 else "99+"


#: what a layer finds in a rectangle of the scene: tiles, and bundles as (line, wire count)
Finder = Callable[[QRectF], tuple[list["Tile"], list[tuple[QLineF, int]]]]


class OverviewLayer(QGraphicsItem):
    """Draws the frames, tiles and bundles of an overview scene (see the module docstring).

    Its picture is cached in device pixels (`DeviceCoordinateCache`: for an item larger than
    the view Qt keeps what the viewport shows and, when the view scrolls, moves it and paints
    only the uncovered strip), so a frame while panning is mostly a copy of pixels; `find`
    (the scene's own index) gives what lies in the part to paint."""

    def __init__(self, frames: Sequence[tuple[QRectF, str]],
                 bundles: Sequence[tuple[QLineF, int]], find: Finder, theme: Theme,
                 bounds: QRectF) -> None:
        super().__init__()
        self.frames = list(frames)
        self.find = find
        self.theme = theme
        self._bounds = bounds
        self._lines = _bundle_lines(bundles, QColor(theme.subtext))
        self.setZValue(1)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def follow(self, frames: Sequence[tuple[QRectF, str]],
               bundles: Sequence[tuple[QLineF, int]] | None) -> None:
        """The frames and the bundles (None: the same) after an edit that kept the bounds;
        the caller updates the parts of the picture that changed (`OverviewScene.refresh`)."""
        self.frames = list(frames)
        if bundles is not None:
            self._lines = _bundle_lines(bundles, QColor(self.theme.subtext))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _fills(self, lod: float, tiles: list[Tile], bundles: list[tuple[QLineF, int]]
               ) -> tuple[list[_Fill], list[_Fill]]:
        """The count plates, and the tile bodies and badges, as fills of shapes per colour, in
        painting order. A border is a fill under the body's fill (an antialiased cosmetic pen
        2 or 2.5 pixels wide made Qt build the outline of every shape: 65 ms a frame for two
        such paths over the whole design)."""
        fill = QColor(self.theme.node_fill)
        outer, inner = _Shapes(), _Shapes()
        for box, count, _ in _plates(bundles, lod):
            _ring(outer, inner, box, box.height() / 2.8, (1.0 + math.log2(count)) / 2 / lod)
        plates = [(QColor(self.theme.subtext), outer), (fill, inner)]
        borders: dict[str, _Shapes] = {}
        bodies = _Shapes()
        badges: defaultdict[str, _Shapes] = defaultdict(_Shapes)
        for tile in tiles:
            rect = tile.rect.adjusted(-PAD, -PAD, PAD, PAD)
            radius = min(12 / lod, rect.height() / 4, rect.width() / 4)
            border = borders.setdefault(tile.worst, _Shapes())
            _ring(border, bodies, rect, radius, (2.5 if tile.worst else 1.2) / 2 / lod)
            if tile.worst:
                _badge_shape(badges[tile.worst], tile, rect, lod)
        shapes = [(QColor(SEVERITY_COLOURS[worst]) if worst else QColor(self.theme.node_border),
                   borders[worst]) for worst in sorted(borders, key=_RANKS.__getitem__)]
        shapes.append((fill, bodies))
        shapes += [(QColor(SEVERITY_COLOURS[worst]), badges[worst])
                   for worst in sorted(badges, key=_RANKS.__getitem__)]
        return plates, shapes

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        transform = painter.worldTransform()
        lod = max(transform.m11(), 1e-3)
        exposed = option.exposedRect  # type: ignore[attr-defined]
        inverse, invertible = transform.inverted()
        if invertible:  # filling the cache after a zoom, Qt exposes all of the item
            exposed = exposed.intersected(inverse.mapRect(QRectF(painter.viewport())))
        # what reaches into the exposed part: a count plate lies within 20 pixels of its
        # bundle's line, a tile's border within 2 of its rectangle
        margin = 20 / lod
        tiles, bundles = self.find(exposed.adjusted(-margin, -margin, margin, margin))
        plates, shapes = self._fills(lod, tiles, bundles)
        painter.save()
        self._paint_frames(painter, transform, exposed)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for pen, path in self._lines:  # plain lines: Qt's fast line drawer
            painter.setPen(pen)
            painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        _fill(painter, plates)
        painter.setTransform(QTransform())  # texts in device pixels
        self._paint_counts(painter, transform, bundles, lod)
        painter.setTransform(transform)  # the tiles over the bundles
        painter.setPen(Qt.PenStyle.NoPen)
        _fill(painter, shapes)
        painter.setTransform(QTransform())
        self._paint_titles(painter, transform, tiles)
        painter.restore()

    def _paint_frames(self, painter: QPainter, transform: QTransform, exposed: QRectF) -> None:
        """The namespace frames' outlines and titles, so the tiles keep their context."""
        lod = transform.m11()
        pen = _cosmetic(QColor(self.theme.frame_border), 1.2)
        pen.setStyle(Qt.PenStyle.DashLine)
        title_pen = QColor(self.theme.subtext)
        for rect, title in self.frames:
            if not rect.adjusted(-4, -4 - 24 / lod, 4, 4).intersects(exposed):  # title above
                continue
            painter.setTransform(transform)
            painter.setPen(pen)
            painter.setBrush(QColor(self.theme.frame_fill))
            painter.drawRoundedRect(rect, 14 / lod, 14 / lod)
            painter.setTransform(QTransform())
            shown = transform.mapRect(rect)
            painter.setFont(font(13, True))
            painter.setPen(title_pen)
            painter.drawText(QRectF(shown.left() + 10, shown.top() - 22, shown.width(), 20),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)
        painter.setTransform(transform)

    def _paint_counts(self, painter: QPainter, transform: QTransform,
                      bundles: list[tuple[QLineF, int]], lod: float) -> None:
        painter.setFont(font(BUNDLE_PX, True))
        painter.setPen(QColor(self.theme.text))
        for box, _, text in _plates(bundles, lod):
            painter.drawText(transform.mapRect(box), Qt.AlignmentFlag.AlignCenter, text)

    def _paint_titles(self, painter: QPainter, transform: QTransform, tiles: list[Tile]
                      ) -> None:
        """Each tile's name and count (a line that does not fit the tile's height is left
        out, the tooltip has it) and its badge's number."""
        text_pen, subtext_pen = QColor(self.theme.text), QColor(self.theme.subtext)
        for tile in tiles:
            shown = transform.mapRect(tile.rect.adjusted(-PAD, -PAD, PAD, PAD))
            room = shown.adjusted(6, 4, -6, -4)
            badge = _badge_width(tile, shown.width()) if tile.worst else 0.0
            lines = [(tile.key.title or tile.key.namespace or "-", True, 0.0, badge),
                     (tr("%n resource(s)", tile.resources), False, TITLE_PX * 1.35, 0.0)]
            for text, bold, dy, right in lines:
                if dy + TITLE_PX * 1.25 > room.height():
                    break
                pixels = TITLE_PX if bold else COUNT_PX
                painter.setFont(font(pixels, bold))
                painter.setPen(text_pen if bold else subtext_pen)
                width = room.width() - right
                painter.drawText(QRectF(room.left(), room.top() + dy, width, TITLE_PX * 1.3),
                                 Qt.AlignmentFlag.AlignLeft,
                                 elided(text, pixels, bold, int(width)))
            if tile.worst and shown.width() >= _SMALL_TILE:
                text = badge_text(tile.findings)
                height = TITLE_PX * 1.3
                width = height * (1 + 0.45 * len(text))
                painter.setFont(font(COUNT_PX, True))
                painter.setPen(QColor("#1d232b" if tile.worst == "warning" else "#ffffff"))
                painter.drawText(QRectF(shown.right() - width - 4, shown.top() + 4, width, height),
                                 Qt.AlignmentFlag.AlignCenter, text)


_RANKS = {"": 0, "info": 1, "warning": 2, "error": 3}


class _Shapes:
    """Rounded rectangles and ellipses filled in one colour, each drawn by itself.

    They were one path per colour, filled with the winding rule so overlaps fill as their
    union: for 1,500 tiles Qt's antialiasing rasteriser took 350 ms over such a path (it works
    through a path too big for its memory in ever narrower bands), the whole turn of a zoom out
    at 15,000 resources. Drawn one by one the same shapes take 13 ms; where two overlap, the
    colour is opaque and the same, so the picture is the union's."""

    __slots__ = ("rounded", "ellipses")

    def __init__(self) -> None:
        self.rounded: list[tuple[QRectF, float, float]] = []
        self.ellipses: list[tuple[QPointF, float, float]] = []

    def add_rounded(self, rect: QRectF, rx: float, ry: float) -> None:
        self.rounded.append((rect, rx, ry))

    def add_ellipse(self, centre: QPointF, rx: float, ry: float) -> None:
        self.ellipses.append((centre, rx, ry))

    def draw(self, painter: QPainter) -> None:
        rounded, ellipse = painter.drawRoundedRect, painter.drawEllipse
        for rect, rx, ry in self.rounded:
            rounded(rect, rx, ry)
        for centre, rx, ry in self.ellipses:
            ellipse(centre, rx, ry)


def _ring(outer: _Shapes, inner: _Shapes, rect: QRectF, radius: float, half: float) -> None:
    """A rounded rectangle with a border `2 * half` wide centred on its edge, as a cosmetic
    pen strokes it: the outer shape (filled in the border's colour) and the inner one."""
    outer.add_rounded(rect.adjusted(-half, -half, half, half), radius + half, radius + half)
    inner.add_rounded(rect.adjusted(half, half, -half, -half), max(radius - half, 0.0),
                      max(radius - half, 0.0))


def _fill(painter: QPainter, fills: list[_Fill]) -> None:
    for colour, shapes in fills:
        painter.setBrush(colour)
        shapes.draw(painter)


def _bundle_lines(bundles: Sequence[tuple[QLineF, int]], colour: QColor
                  ) -> list[tuple[QPen, QPainterPath]]:
    """The bundles' lines, one path per width (the log of the count): zoom-independent, and
    drawn whole (Qt clips plain lines at no cost worth finding them)."""
    paths: dict[float, QPainterPath] = {}
    for line, count in bundles:
        path = paths.setdefault(1.0 + math.log2(count), QPainterPath())
        path.moveTo(line.p1())
        path.lineTo(line.p2())
    return [(_cosmetic(colour, width), paths[width]) for width in sorted(paths)]


def _plates(bundles: list[tuple[QLineF, int]], lod: float
            ) -> Iterator[tuple[QRectF, int, str]]:
    """The count plates of the bundles of more than one wire: box in the scene, count, text."""
    size = BUNDLE_PX / lod
    for line, count in bundles:
        if count > 1:
            text = str(count)
            box = QRectF(0, 0, size * (0.8 + 0.6 * len(text)), size * 1.4)
            box.moveCenter(line.center())
            yield box, count, text


def _badge_width(tile: Tile, width: float) -> float:
    """Room the badge takes from the title, in pixels on screen."""
    if width < _SMALL_TILE:
        return 16.0
    return TITLE_PX * 1.3 * (1 + 0.45 * len(badge_text(tile.findings))) + 8


def _badge_shape(shapes: _Shapes, tile: Tile, rect: QRectF, lod: float) -> None:
    """The badge in the tile's corner: a dot on a small tile, else a plate for the number."""
    if rect.width() * lod < _SMALL_TILE:
        shapes.add_ellipse(QPointF(rect.right() - 9 / lod, rect.top() + 9 / lod), 5 / lod, 5 / lod)
        return
    height = TITLE_PX * 1.3 / lod
    width = height * (1 + 0.45 * len(badge_text(tile.findings)))
    shapes.add_rounded(QRectF(rect.right() - width - 4 / lod, rect.top() + 4 / lod, width,
                              height), height / 2, height / 2)
