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
keep working on it. Painting is a few paths and the texts in view, whatever the design's size
(`overview_layer.py`: one item paints every tile and bundle).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kubecanvas.model.layout.membership import BlockKey
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.overview_layer import PAD, OverviewLayer
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import Theme
from kubecanvas.ui.i18n import notifier, tr

#: Below this zoom the view shows the overview (node_item paints no text below 0.3).
SEMANTIC_BELOW = 0.3
_RANKS = {"error": 2, "warning": 1, "info": 0}
_NONE = BlockKey("", "~none")


@dataclass
class Tile:
    """One block as the overview draws it."""

    key: BlockKey
    rect: QRectF
    resources: int
    findings: int = 0
    worst: str = ""


class TileItem(QGraphicsItem):
    """A block's tile: its rectangle for hit tests, double-clicks and its tooltip (name, count,
    worst finding); `OverviewLayer` paints it."""

    def __init__(self, tile: Tile, theme: Theme) -> None:
        super().__init__()
        self.tile = tile
        self.theme = theme
        self._rect = tile.rect.adjusted(-PAD, -PAD, PAD, PAD)
        self.setZValue(2)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
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
        """Nothing: the layer draws all tiles at once."""


class BundleItem(QGraphicsItem):
    """The wires between two blocks as one line, as thick as the log of their count (drawn by
    `OverviewLayer`; the item is there for its tooltip)."""

    def __init__(self, a: QPointF, b: QPointF, count: int, theme: Theme) -> None:
        super().__init__()
        self.line = QLineF(a, b)
        self.count = count
        self.theme = theme
        self.setZValue(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setToolTip(tr("%n wire(s) between these blocks", count))
        self._bounds = QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(
            -200, -200, 200, 200)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        """Nothing: the layer draws all bundles at once."""


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
        notifier.changed.connect(self._language_changed)

    @property
    def theme(self) -> Theme:
        """The canvas scene's theme: the view paints the overview's background in it (without
        it the view fell back to the system's colours, dark under a light canvas)."""
        return self.source.theme

    def _language_changed(self) -> None:
        """Texts and tooltips in the new language (the layer's picture is cached); hidden,
        it is rebuilt when shown."""
        if self.views():
            self.rebuild()

    def rebuild(self) -> None:
        """Tiles and bundles again from the canvas scene as it is now."""
        self.clear()
        self.tiles, self.bundles = {}, {}
        theme = self.source.theme
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
        frames = [(frame.sceneBoundingRect(), frame.namespace)
                  for frame in self.source.frames_by_namespace.values()]
        bounds = QRectF()
        for rect in (*(r for r, _ in frames), *(i.boundingRect() for i in self.items())):
            bounds = bounds.united(rect)
        # room for what is sized on screen: frame titles above frames, plates (20 px at 5 %)
        self.layer = OverviewLayer(frames, [(b.line, b.count) for b in self.bundles.values()],
                                   self.shown_in, theme, bounds.adjusted(-600, -600, 600, 600))
        self.addItem(self.layer)

    def shown_in(self, rect: QRectF) -> tuple[list[Tile], list[tuple[QLineF, int]]]:
        """The tiles and bundles whose items reach into `rect`, bottom first (from the
        scene's index: a frame painted while panning needs the few in a strip)."""
        tiles, bundles = [], []
        for item in self.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect,
                               Qt.SortOrder.AscendingOrder):
            if isinstance(item, TileItem):
                tiles.append(item.tile)
            elif isinstance(item, BundleItem):
                bundles.append((item.line, item.count))
        return tiles, bundles

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        tile = next((i for i in self.items(event.scenePos()) if isinstance(i, TileItem)), None)
        if tile is not None:
            self.tile_opened.emit(tile.tile.rect)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)
