"""Semantic zoom: far out, each application block is one labelled tile, wires between blocks one
bundle with a count.

Below the zoom where a card's name can be read (`SEMANTIC_BELOW`, where cards stop drawing
text), thousands of cards and wires are noise. The view then shows an `OverviewScene` instead of
the canvas scene: a tile per block (`model.layout.membership`: an application, or the
cluster-scoped row under a namespace frame) over the rectangle its cards cover, titled with the
application's name and how many resources it holds, its border and badge in the colour of its
worst finding; one line between two tiles per pair of blocks that have wires between them,
labelled with their number; and the namespace frames. It is built from the canvas scene's items
when the view crosses the threshold (one pass over nodes and wires), never painted at the same
time as the cards, and the canvas scene itself is not touched: exports, selection and editing
keep working on it. Painting is a few hundred rectangles and lines, whatever the design's size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kubecanvas.model.layout.membership import BlockKey
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS, Theme
from kubecanvas.ui.i18n import tr

#: Below this zoom the view shows the overview (node_item paints no text below 0.3).
SEMANTIC_BELOW = 0.3
_RANKS = {"error": 2, "warning": 1, "info": 0}
_PAD = 16.0
_NONE = BlockKey("", "~none")


@dataclass
class Tile:
    """One block as the overview draws it."""

    key: BlockKey
    rect: QRectF
    resources: int
    findings: int = 0
    worst: str = ""


def _lod(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    return max(option.levelOfDetailFromTransform(painter.worldTransform()), 1e-3)  # type: ignore[attr-defined]


@lru_cache(maxsize=256)
def _sized_font(pixels: int, bold: bool) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _font(pixels: float, bold: bool = False) -> QFont:
    """One font object per size: a frame paints hundreds of tiles at the same two sizes."""
    return _sized_font(max(1, round(pixels)), bold)


@lru_cache(maxsize=8192)
def _elided(text: str, pixels: int, bold: bool, width: int) -> str:
    return QFontMetrics(_sized_font(pixels, bold)).elidedText(
        text, Qt.TextElideMode.ElideMiddle, width)


class TileItem(QGraphicsItem):
    """A block's tile: its name and count at a fixed size on screen, its worst finding."""

    def __init__(self, tile: Tile, theme: Theme) -> None:
        super().__init__()
        self.tile = tile
        self.theme = theme
        self._rect = tile.rect.adjusted(-_PAD, -_PAD, _PAD, _PAD)
        self.setZValue(2)
        self.setToolTip(self.text() + (f"\n{self.finding_text()}" if tile.findings else ""))

    def text(self) -> str:
        return tr("{name} · %n resource(s)", self.tile.resources).format(
            name=self.tile.key.title or self.tile.key.namespace or "-")

    def finding_text(self) -> str:
        count = self.tile.findings
        return {"error": tr("%n finding(s), the worst an error", count),
                "warning": tr("%n finding(s), the worst a warning", count)}.get(
            self.tile.worst, tr("%n finding(s), all advice", count))

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = _lod(painter, option)
        theme = self.theme
        worst = self.tile.worst
        border = QColor(SEVERITY_COLOURS[worst]) if worst else QColor(theme.node_border)
        pen = QPen(border, 2.5 if worst else 1.2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(theme.node_fill))
        radius = min(12 / lod, self._rect.height() / 4, self._rect.width() / 4)
        painter.drawRoundedRect(self._rect, radius, radius)
        # one text size on screen for every tile (as the cards have one name size); a line
        # that does not fit the tile's height is left out, the tooltip has it
        room = self._rect.adjusted(6 / lod, 4 / lod, -6 / lod, -4 / lod)
        size = 12 / lod
        badge = self._badge_width(lod) if worst else 0.0
        lines = [(self.tile.key.title or self.tile.key.namespace or "-", True, 0.0, badge),
                 (tr("%n resource(s)", self.tile.resources), False, size * 1.35, 0.0)]
        for text, bold, dy, right in lines:
            if dy + size * 1.25 > room.height():
                break
            pixels = max(1, round(size if bold else size * 0.85))
            painter.setFont(_sized_font(pixels, bold))
            painter.setPen(QColor(theme.text if bold else theme.subtext))
            width = room.width() - right
            painter.drawText(QRectF(room.left(), room.top() + dy, width, size * 1.3),
                             Qt.AlignmentFlag.AlignLeft, _elided(text, pixels, bold, int(width)))
        if worst:
            self._paint_badge(painter, lod, size)

    def _badge_width(self, lod: float) -> float:
        if self._rect.width() * lod < 160:  # a small tile: a dot, the title keeps the room
            return 16 / lod
        text = str(self.tile.findings) if self.tile.findings < 100 else "99+"
        return 12 / lod * 1.3 * (1 + 0.45 * len(text)) + 8 / lod

    def _paint_badge(self, painter: QPainter, lod: float, size: float) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SEVERITY_COLOURS[self.tile.worst]))
        if self._rect.width() * lod < 160:
            radius = 5 / lod
            painter.drawEllipse(QPointF(self._rect.right() - 9 / lod, self._rect.top() + 9 / lod),
                                radius, radius)
            return
        text = str(self.tile.findings) if self.tile.findings < 100 else "99+"
        height = size * 1.3
        width = height * (1 + 0.45 * len(text))
        rect = QRectF(self._rect.right() - width - 4 / lod, self._rect.top() + 4 / lod,
                      width, height)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setFont(_font(size * 0.85, bold=True))
        painter.setPen(QColor("#1d232b" if self.tile.worst == "warning" else "#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


class BundleItem(QGraphicsItem):
    """The wires between two blocks as one line, as thick as the log of their count."""

    def __init__(self, a: QPointF, b: QPointF, count: int, theme: Theme) -> None:
        super().__init__()
        self.line = QLineF(a, b)
        self.count = count
        self.theme = theme
        self.setZValue(1)
        self.setToolTip(tr("%n wire(s) between these blocks", count))
        self._bounds = QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(
            -200, -200, 200, 200)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = _lod(painter, option)
        pen = QPen(QColor(self.theme.subtext), 1.0 + math.log2(self.count))
        pen.setCosmetic(True)
        painter.setPen(pen)
        # plain lines: a frame of 500 bundles and 560 tiles at 5,000 resources paints in
        # about 0.1 s (the canvas scene at the same zoom: 1.2 s)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawLine(self.line)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if self.count > 1:
            size = 11 / lod
            painter.setFont(_font(size, bold=True))
            text = str(self.count)
            box = QRectF(0, 0, size * (0.8 + 0.6 * len(text)), size * 1.4)
            box.moveCenter(self.line.center())
            painter.setBrush(QColor(self.theme.node_fill))
            painter.drawRoundedRect(box, size * 0.5, size * 0.5)
            painter.setPen(QColor(self.theme.text))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class FrameOutlineItem(QGraphicsItem):
    """A namespace frame's outline and title, so the tiles keep their context."""

    def __init__(self, rect: QRectF, title: str, theme: Theme) -> None:
        super().__init__()
        self._rect = rect
        self.title = title
        self.theme = theme
        self.setZValue(0)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = _lod(painter, option)
        pen = QPen(QColor(self.theme.frame_border), 1.2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor(self.theme.frame_fill))
        painter.drawRoundedRect(self._rect, 14 / lod, 14 / lod)
        painter.setFont(_font(13 / lod, bold=True))
        painter.setPen(QColor(self.theme.subtext))
        painter.drawText(QRectF(self._rect.left() + 10 / lod, self._rect.top() - 22 / lod,
                                self._rect.width(), 20 / lod),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.title)


def _anchor_of(node: NodeItem) -> str:
    """The resource a node belongs to: itself, or the anchor a stand-in is drawn beside."""
    return str(node.data(0)) if node.ghost else node.rid


def tiles_of(scene: CanvasScene) -> tuple[list[Tile], dict[tuple[BlockKey, BlockKey], int]]:
    """The blocks of `scene` (tiles sorted by key) and the number of wires between each pair."""
    block_of = scene.stand_ins.block_of
    blocks: dict[str, BlockKey] = {}
    rects: dict[BlockKey, QRectF] = {}
    counts: dict[BlockKey, list[int]] = defaultdict(lambda: [0, 0, -1])
    for rid, node in scene.nodes.items():
        key = blocks[rid] = block_of(_anchor_of(node))
        entry = counts[key]
        if not node.ghost:  # a stand-in beside its anchor may lie in the next block's room
            body = node.body_rect().translated(node.pos())
            rects[key] = rects[key].united(body) if key in rects else body
            entry[0] += 1
        if node.badge is not None:
            entry[1] += node.badge[0]
            entry[2] = max(entry[2], _RANKS[node.badge[1]])
    bundles: dict[tuple[BlockKey, BlockKey], int] = defaultdict(int)
    for item in scene.edge_items.values():
        a, b = blocks.get(item.source.rid, _NONE), blocks.get(item.target.rid, _NONE)
        if a in rects and b in rects and a != b:
            bundles[(min(a, b), max(a, b))] += 1
    names = {rank: name for name, rank in _RANKS.items()}
    tiles = [Tile(key, rects[key], counts[key][0], counts[key][1],
                  names.get(counts[key][2], "")) for key in sorted(rects)]
    return tiles, dict(bundles)


class OverviewScene(QGraphicsScene):
    """The far-out picture of one canvas scene (see the module docstring); a double-click on
    a tile asks for that block's cards (`tile_opened` with its rectangle)."""

    tile_opened = Signal(QRectF)

    def __init__(self, scene: CanvasScene) -> None:
        super().__init__()
        self.source = scene
        self.tiles: dict[BlockKey, TileItem] = {}
        self.bundles: dict[tuple[BlockKey, BlockKey], BundleItem] = {}
        self.rebuild()

    def rebuild(self) -> None:
        """Tiles and bundles again from the canvas scene as it is now."""
        self.clear()
        self.tiles, self.bundles = {}, {}
        theme = self.source.theme
        for frame in self.source.frames_by_namespace.values():
            self.addItem(FrameOutlineItem(frame.sceneBoundingRect(), frame.namespace, theme))
        tiles, bundles = tiles_of(self.source)
        for tile in tiles:
            item = TileItem(tile, theme)
            self.addItem(item)
            self.tiles[tile.key] = item
        for (a, b), count in sorted(bundles.items()):
            bundle = BundleItem(self.tiles[a].tile.rect.center(), self.tiles[b].tile.rect.center(),
                                count, theme)
            self.addItem(bundle)
            self.bundles[(a, b)] = bundle
        self.setSceneRect(self.source.sceneRect())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        tile = next((i for i in self.items(event.scenePos()) if isinstance(i, TileItem)), None)
        if tile is not None:
            self.tile_opened.emit(tile.tile.rect)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
