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
from collections.abc import Generator, Iterator
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
from kubecanvas.ui.slices import run_slice, slice_timer

#: Below this zoom the view shows the overview (node_item paints no text below 0.3).
SEMANTIC_BELOW = 0.3
#: CPU time one event-loop turn of a refresh may take (a frame is 16 ms; painting the
#: refreshed picture and the events of the turn need the rest)
SLICE_SECONDS = 0.006
_RANKS = {"error": 2, "warning": 1, "info": 0}
_NONE_KEY = ("", "~none")


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
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltip in the language now set."""
        self.setToolTip(self.text() + (f"\n{self.finding_text()}" if self.tile.findings else ""))

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
        self.retranslate()
        self._bounds = QRectF(self.line.p1(), self.line.p2()).normalized().adjusted(
            -200, -200, 200, 200)

    def retranslate(self) -> None:
        """The tooltip in the language now set."""
        self.setToolTip(tr("%n wire(s) between these blocks", self.count))

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
    steps = _tile_steps(scene)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]


#: nodes or wires `_tile_steps` goes through between two chances to stop
_STEP = 100


def _tile_steps(scene: CanvasScene) -> Generator[
        None, None, tuple[list[Tile], dict[tuple[BlockKey, BlockKey], int]]]:
    """`tiles_of`, stopping after every `_STEP` nodes or wires so that a refresh can let
    events through. Blocks are counted under `(namespace, app)` tuples: the dataclass
    `BlockKey`'s own hash and equality are Python calls, 40 % of the whole pass at 5,000
    resources. Items are looked up by id at each step: an edit between two steps may have
    deleted some (the refresh that follows it starts again)."""
    block_of = scene.stand_ins.block_of
    keys: dict[tuple[str, str], BlockKey] = {}
    blocks: dict[str, tuple[str, str]] = {}
    rects: dict[tuple[str, str], QRectF] = {}
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, -1])
    rids = list(scene.nodes)
    for start in range(0, len(rids), _STEP):
        for rid in rids[start:start + _STEP]:
            node = scene.nodes.get(rid)
            if node is None:
                continue
            block = block_of(_anchor_of(node))
            key = blocks[rid] = (block.namespace, block.app)
            keys[key] = block
            entry = counts[key]
            if not node.ghost:  # a stand-in beside its anchor may lie in the next block's room
                body = node.body_rect().translated(node.pos())
                rects[key] = rects[key].united(body) if key in rects else body
                entry[0] += 1
            if node.badge is not None:
                entry[1] += node.badge[0]
                entry[2] = max(entry[2], _RANKS[node.badge[1]])
        yield
    pairs: dict[tuple[tuple[str, str], tuple[str, str]], int] = defaultdict(int)
    wires = list(scene.edge_items)
    for start in range(0, len(wires), _STEP):
        for wire in wires[start:start + _STEP]:
            item = scene.edge_items.get(wire)
            if item is None:
                continue
            a, b = blocks.get(item.source.rid, _NONE_KEY), blocks.get(item.target.rid, _NONE_KEY)
            if a in rects and b in rects and a != b:
                pairs[(min(a, b), max(a, b))] += 1
        yield
    # the tiles and the pairs by `BlockKey` in steps too: in one, 12 ms at 15,000 resources
    names = {rank: name for name, rank in _RANKS.items()}
    tiles: list[Tile] = []
    for number, key in enumerate(sorted(rects), 1):
        tiles.append(Tile(keys[key], rects[key], counts[key][0], counts[key][1],
                          names.get(counts[key][2], "")))
        if number % _STEP == 0:
            yield
    joined: dict[tuple[BlockKey, BlockKey], int] = {}
    for number, ((a, b), count) in enumerate(pairs.items(), 1):
        joined[(keys[a], keys[b])] = count
        if number % _STEP == 0:
            yield
    return tiles, joined


class OverviewScene(QGraphicsScene):
    """The far-out picture of one canvas scene (see the module docstring); a double-click on
    a tile asks for that block's cards (`tile_opened` with its rectangle).

    After an edit the picture follows with `refresh`, in slices between events: made whole
    in one go, it held the window 186 ms at 5,000 resources and 527 ms at 15,000, a freeze
    for someone typing in the Inspector. A refresh goes through the nodes and wires in steps
    of `_STEP`, as many steps per event-loop turn as fit in `SLICE_SECONDS` of CPU time, and
    then replaces only the tiles and bundles that differ from those shown (an edit changes a
    few), so the scene's index and the items' tooltips are not made again."""

    tile_opened = Signal(QRectF)
    layer: OverviewLayer
    #: a refresh finished: the tiles and bundles match the canvas scene
    refreshed = Signal()

    def __init__(self, scene: CanvasScene, at_once: bool = True) -> None:
        """The overview of `scene`, made at once, or (`at_once` false) begun empty and made
        by a refresh in slices: built ahead, before anyone zooms out."""
        super().__init__()
        self.source = scene
        self.tiles: dict[BlockKey, TileItem] = {}
        self.bundles: dict[tuple[BlockKey, BlockKey], BundleItem] = {}
        self._job: Iterator[None] | None = None
        self._timer = slice_timer(self, self._step)
        #: texts or colours went out of date while hidden (another language, another theme):
        #: shown again, it is rebuilt rather than refreshed
        self.stale_looks = False
        if at_once:
            self.rebuild()
        else:
            self._show([], {})
            self.refresh()
        notifier.changed.connect(self._language_changed)

    @property
    def theme(self) -> Theme:
        """The canvas scene's theme: the view paints the overview's background in it (without
        it the view fell back to the system's colours, dark under a light canvas)."""
        return self.source.theme

    def _language_changed(self) -> None:
        """Texts and tooltips in the new language. Shown: the tiles' and bundles' tooltips
        again, and the layer's cached picture painted again (it paints its counts in the
        language set); a rebuild, which walks the canvas for the tiles again, held the window
        about half a second at 15,000 resources. Hidden: rebuilt when shown (`stale_looks`)."""
        if self.views():
            for tile in self.tiles.values():
                tile.retranslate()
            for bundle in self.bundles.values():
                bundle.retranslate()
            self.layer.update()
        else:
            self.stale_looks = True

    @property
    def refreshing(self) -> bool:
        """A refresh is under way (the picture may still show the design before the edit)."""
        return self._job is not None

    def rebuild(self) -> None:
        """Tiles and bundles again from the canvas scene as it is now, at once (the picture
        the view is about to show: zooming out, another language)."""
        self._job = None
        self._timer.stop()
        self.stale_looks = False
        self.clear()
        self.tiles, self.bundles = {}, {}
        self._show(*tiles_of(self.source))

    def refresh(self) -> None:
        """Follow the canvas scene after an edit, in slices (see the class); a refresh under
        way starts again from the scene as it is now."""
        self._job = self._refresh_steps()
        self._timer.start()

    def _step(self) -> None:
        """One event-loop turn of a refresh: steps until its CPU time is spent."""
        job = self._job
        if job is None:
            return
        if not run_slice(job, SLICE_SECONDS):
            self._timer.start()
            return
        if self._job is job:
            self._job = None
            self.refreshed.emit()

    def _refresh_steps(self) -> Iterator[None]:
        tiles, bundles = yield from _tile_steps(self.source)
        dirty: list[QRectF] = []  # where the picture changed
        wanted = {tile.key: tile for tile in tiles}
        for number, (key, item) in enumerate(list(self.tiles.items()), 1):
            if wanted.get(key) != item.tile:
                dirty.append(item.boundingRect())
                self.removeItem(self.tiles.pop(key))
            if number % _STEP == 0:
                yield
        for number, tile in enumerate(tiles, 1):
            if tile.key not in self.tiles:
                self.tiles[tile.key] = TileItem(tile, self.source.theme)
                self.addItem(self.tiles[tile.key])
                dirty.append(self.tiles[tile.key].boundingRect())
            if number % _STEP == 0:
                yield
        self.tiles = {tile.key: self.tiles[tile.key] for tile in tiles}  # in key order
        lines = len(dirty)
        for number, (pair, bundle) in enumerate(list(self.bundles.items()), 1):
            if bundles.get(pair) != bundle.count or self._line(*pair) != bundle.line:
                dirty.append(bundle.boundingRect())
                self.removeItem(self.bundles.pop(pair))
            if number % _STEP == 0:
                yield
        # (a design opened: every bundle is new, 24 ms in one step at 5,000 resources)
        for number, pair in enumerate([pair for pair in bundles if pair not in self.bundles], 1):
            line = self._line(*pair)
            self.bundles[pair] = BundleItem(line.p1(), line.p2(), bundles[pair],
                                            self.source.theme)
            self.addItem(self.bundles[pair])
            dirty.append(self.bundles[pair].boundingRect())
            if number % _STEP == 0:
                yield
        rewired = len(dirty) > lines
        self.setSceneRect(self.source.sceneRect())
        frames = self._frames()
        if not dirty and frames == self.layer.frames:
            return  # the same picture: nothing to paint again
        if frames != self.layer.frames:
            dirty += [rect for rect, _ in (*frames, *self.layer.frames)]
        yield
        extent = self._extent(frames)
        if extent != self.layer.boundingRect():  # grown or shrunk: a new layer, all painted
            # (Qt's cached picture of an item whose bounds change kept stale strips)
            self.removeItem(self.layer)
            self.layer = OverviewLayer(frames, [(b.line, b.count) for b in self.bundles.values()],
                                       self.shown_in, self.source.theme, extent)
            self.addItem(self.layer)
            return
        self.layer.follow(frames, [(b.line, b.count) for b in self.bundles.values()]
                          if rewired else None)
        # only the parts that changed are painted again (the whole picture at 5 % zoom: 90 ms
        # on a loaded machine at 5,000 resources); texts and plates are sized on screen
        lod = min((view.transform().m11() for view in self.views()), default=SEMANTIC_BELOW)
        margin = 40 / max(lod, 1e-3)
        for rect in dirty:
            self.layer.update(rect.adjusted(-margin, -margin, margin, margin))

    def _line(self, a: BlockKey, b: BlockKey) -> QLineF:
        return QLineF(self.tiles[a].tile.rect.center(), self.tiles[b].tile.rect.center())

    def _frames(self) -> list[tuple[QRectF, str]]:
        return [(frame.sceneBoundingRect(), frame.namespace)
                for frame in self.source.frames_by_namespace.values()]

    def _extent(self, frames: list[tuple[QRectF, str]]) -> QRectF:
        """What the layer may paint: frames, tiles and bundles, with room for what is sized on
        screen (frame titles above frames, plates: 20 px at 5 %)."""
        bounds = QRectF()
        for rect in (*(r for r, _ in frames), *(i.boundingRect() for i in self.tiles.values()),
                     *(i.boundingRect() for i in self.bundles.values())):
            bounds = bounds.united(rect)
        return bounds.adjusted(-600, -600, 600, 600)

    def _show(self, tiles: list[Tile], bundles: dict[tuple[BlockKey, BlockKey], int]) -> None:
        """Items for `tiles` and `bundles`, and the layer that paints them all."""
        theme = self.source.theme
        for tile in tiles:
            item = TileItem(tile, theme)
            self.addItem(item)
            self.tiles[tile.key] = item
        for (a, b), count in sorted(bundles.items()):
            bundle = BundleItem(self.tiles[a].tile.rect.center(),
                                self.tiles[b].tile.rect.center(), count, theme)
            self.addItem(bundle)
            self.bundles[(a, b)] = bundle
        self.setSceneRect(self.source.sceneRect())
        frames = self._frames()
        self.layer = OverviewLayer(frames, [(b.line, b.count) for b in self.bundles.values()],
                                   self.shown_in, theme, self._extent(frames))
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
