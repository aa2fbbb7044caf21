"""How the picture is looked at: claims per replica, the legend, semantic zoom, where a design opens.

Three View options, remembered in the settings like the theme: **Claims per Replica** (one card
per claim a StatefulSet creates instead of one per claim template, `canvas/stand_ins.py`),
**Legend** (a small overlay in the canvas's corner listing the wire types and colours in use,
the same entries `kubecanvas render --legend` draws under a picture) and **Overview When Zoomed
Out** (semantic zoom, `canvas/overview.py`: below the zoom where names are legible the view shows
one tile per application block and bundled wires between them). And the first view of a design:
one that does not fit legibly opens at a legible zoom on the block with the most severe finding
(`opening_focus`); zoom-to-fit (Ctrl+Shift+H) shows the whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QTimer
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QGraphicsView, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.layout.membership import BlockKey
from kubecanvas.ui.canvas.legend import LegendItem
from kubecanvas.ui.canvas.overview import SEMANTIC_BELOW, OverviewScene
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.stand_ins import set_claims_per_replica
from kubecanvas.ui.canvas.view import CanvasView
from kubecanvas.ui.commands.shell import EditorShell
from kubecanvas.ui.i18n import N_, tr
from kubecanvas.validation.findings import Finding

#: The zoom a design opens at when the whole does not fit legibly: 13 px names at 9-10 px.
LEGIBLE_ZOOM = 0.75
SETTINGS = {"claims_per_replica": "view/claimsPerReplica", "legend": "view/legend",
            "overview": "view/overview"}


def opening_focus(scene: CanvasScene, findings: Sequence[Finding]) -> QRectF | None:
    """The rectangle of the block with the most severe finding: worst severity first, then
    the most findings of it, then the block's namespace and application name (so the choice
    never depends on ids or file order); None when nothing is found."""
    score: dict[BlockKey, list[int]] = defaultdict(lambda: [-1, 0])
    for finding in findings:
        if finding.resource_id is None or finding.resource_id not in scene.nodes:
            continue
        entry = score[scene.stand_ins.block_of(finding.resource_id)]
        rank = finding.severity.rank
        if rank > entry[0]:
            entry[0], entry[1] = rank, 0
        if rank == entry[0]:
            entry[1] += 1
    if not score:
        return None
    best = min(score, key=lambda key: (-score[key][0], -score[key][1], key))
    rect = QRectF()
    for rid, node in scene.nodes.items():
        if not node.ghost and scene.stand_ins.block_of(rid) == best:
            rect = rect.united(node.sceneBoundingRect())
    return rect


class LegendOverlay(QWidget):
    """The legend drawn in the canvas's bottom-left corner, over the picture (a child of the
    view, not of its viewport, so scrolling leaves it in place)."""

    MARGIN = 12

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.item: LegendItem | None = None
        self.hide()
        view.installEventFilter(self)

    def refresh(self, scene: CanvasScene | None) -> None:
        """The entries for the wires `scene` draws now (hidden when it draws none)."""
        types = {i.edge.type for i in scene.edge_items.values()} if scene is not None else set()
        ghosts = {n.ghost for n in scene.nodes.values() if n.ghost} if scene is not None else set()
        self.item = LegendItem(types, ghosts) if types else None
        if self.item is not None:
            rect = self.item.boundingRect()
            self.resize(int(rect.width()) + 12, int(rect.height()) + 2)  # glyph slack
        self._place()
        self.update()

    def _place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.move(viewport.left() + self.MARGIN,
                  viewport.bottom() - self.height() - self.MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if self.item is None:
            return
        painter = QPainter(self)
        self.item.paint(painter, QStyleOptionGraphicsItem(), None)
        painter.end()


class PictureView:
    """The View options above and the opening zoom, for one window."""

    def __init__(self, window: EditorShell) -> None:
        self.window = window
        self.overview: OverviewScene | None = None
        self.legend = LegendOverlay(window.view)
        self.actions: dict[str, QAction] = {}
        for name, text, tip in (
                ("claims_per_replica", N_("&Claims per Replica"),
                 N_("One card per claim a StatefulSet creates, instead of one per claim "
                    "template")),
                ("legend", N_("&Legend"), N_("Show which wire colour means what")),
                ("overview", N_("&Overview When Zoomed Out"),
                 N_("Far out, draw each application as one tile and bundle its wires"))):
            action = QAction(window.qt_window(), checkable=True)
            action.setProperty("source_text", text)
            action.setProperty("source_tip", tip)
            action.setText(tr(text))
            action.setStatusTip(tr(tip))
            default = name == "overview"
            action.setChecked(str(window.settings.value(SETTINGS[name], default)).lower()
                              in ("true", "1"))
            action.toggled.connect(lambda on, n=name: self._toggled(n, on))
            self.actions[name] = action
        self._legend_timer = QTimer(window.qt_window())
        self._legend_timer.setSingleShot(True)
        self._legend_timer.setInterval(300)
        self._legend_timer.timeout.connect(self._after_edits)
        window.undo_stack.indexChanged.connect(lambda _: self._legend_timer.start())
        # the far wires follow the zoom from here, after the choice of scene: told first, the
        # canvas drew its wires in batches for the moment before the overview replaced it
        # (every wire walked, 140 ms at 15,000 resources, on each zoom out)
        window.view.zoom_changed.disconnect(window.view.follow_far_zoom)
        window.view.zoom_changed.connect(self.follow_zoom)

    # --- the options ------------------------------------------------------------------------
    def _toggled(self, name: str, on: bool) -> None:
        self.window.settings.setValue(SETTINGS[name], on)
        scene = self.window.scene
        if name == "claims_per_replica" and scene is not None:
            set_claims_per_replica(scene, on)
            self.legend.refresh(scene)
        elif name == "legend":
            self.legend.refresh(scene)
            self.legend.setVisible(on)
        elif name == "overview":
            self.follow_zoom(self.window.view.zoom())

    def session_shown(self) -> None:
        """A new scene: apply the options to it, then open it where it reads (see the module)."""
        scene = self.window.scene
        if scene is not None and self.overview is not None \
                and self.window.view.scene() is self.overview:
            _swap(self.window.view, scene)  # forgotten while shown, it stayed on screen at 75 %
        self.overview = None
        if scene is None:
            return
        if self.actions["claims_per_replica"].isChecked():
            set_claims_per_replica(scene, True)
        self.legend.refresh(scene)
        self.legend.setVisible(self.actions["legend"].isChecked())
        self.open_at_legible_zoom()

    def _after_edits(self) -> None:
        scene = self.window.scene
        if self.legend.isVisible():
            self.legend.refresh(scene)
        overview = self.overview
        if overview is not None and (self.window.view.scene() is overview
                                     or overview.refreshing):
            # shown, or being built ahead: follow the edit; hidden: refreshed when shown
            overview.refresh()

    # --- zoom -------------------------------------------------------------------------------
    def open_at_legible_zoom(self) -> None:
        """Zoom to fit when the whole design reads at that zoom; else a legible zoom centred on
        the block with the most severe finding (the design's top-left corner when none)."""
        view, scene, session = self.window.view, self.window.scene, self.window.session
        if scene is None:
            return
        self._show_canvas()
        # the zoom that fits, tried without telling the view's followers: told, the far wires
        # and the overview were made for a zoom the window never showed (0.6 s at 15,000)
        blocked = view.blockSignals(True)
        try:
            view.zoom_to_fit()
        finally:
            view.blockSignals(blocked)
        if view.zoom() >= LEGIBLE_ZOOM or not scene.nodes:
            view.zoom_changed.emit(view.zoom())
            return
        if view.zoom() < SEMANTIC_BELOW and self.actions["overview"].isChecked() and (
                self.overview is None or self.overview.source is not scene):
            # the design is shown as tiles when zoomed out to see it whole: its overview is
            # built ahead, in slices between events
            self.overview = OverviewScene(scene, at_once=False)
            self.overview.tile_opened.connect(self.open_tile)
        findings = session.validator.findings if session is not None else []
        focus = opening_focus(scene, findings)
        view.set_zoom(LEGIBLE_ZOOM)
        room = view.mapToScene(view.viewport().rect()).boundingRect()
        design = scene.bounds.content()  # (measured when the scene was filled: scene_bounds.py)
        if focus is None:
            focus = design
        if focus.width() <= room.width() and focus.height() <= room.height():
            centre = nearest_the_corner(focus, design, room)
        else:  # a block bigger than the window: its top-left corner, where it starts
            centre = within_design(focus.topLeft() + QPointF(room.width() / 2 - 30,
                                                             room.height() / 2 - 30),
                                   design, room)
        view.centerOn(centre)

    def follow_zoom(self, zoom: float) -> None:
        """Show the overview below `SEMANTIC_BELOW` (when the option is on), else the canvas."""
        far = zoom < SEMANTIC_BELOW and self.actions["overview"].isChecked()
        if far:
            self._show_overview()
        else:
            self._show_canvas()
            self.window.view.follow_far_zoom()

    def _show_overview(self) -> None:
        view, scene = self.window.view, self.window.scene
        if scene is None or view.scene() is self.overview and self.overview is not None:
            return
        if self.overview is None or self.overview.source is not scene:
            self.overview = OverviewScene(scene)
            self.overview.tile_opened.connect(self.open_tile)
        elif self.overview.stale_looks:
            self.overview.rebuild()
        elif not self.overview.refreshing:  # (one under way goes on: built ahead, say)
            # shown again after zooming in: the tiles follow the edits made meanwhile in
            # slices (rebuilt at once, each zoom out was a 0.5 s freeze at 15,000 resources)
            self.overview.refresh()
        _swap(view, self.overview)

    def follow_theme(self) -> None:
        """A new canvas theme: the overview on screen draws its tiles and its background in it
        (the canvas scene resets only its own views' cached background; a hidden overview is
        rebuilt when shown)."""
        view = self.window.view
        if self.overview is not None and view.scene() is self.overview:
            self.overview.rebuild()
            view.resetCachedContent()
        elif self.overview is not None:
            self.overview.stale_looks = True

    def open_tile(self, rect: QRectF) -> None:
        """A double-click on a tile: that block's cards at the legible zoom."""
        view = self.window.view
        self._show_canvas()
        view.set_zoom(LEGIBLE_ZOOM)
        view.centerOn(rect.center())

    def _show_canvas(self) -> None:
        view, scene = self.window.view, self.window.scene
        # only from the overview: a presentation may be showing a slide's own past scene
        if scene is not None and self.overview is not None and view.scene() is self.overview:
            _swap(view, scene)


def _swap(view: CanvasView, scene: CanvasScene | OverviewScene) -> None:
    """Show another scene in the same coordinates, keeping what is at the view's centre
    (`QGraphicsView.setScene` itself: the view's scroll room stays as it is)."""
    centre = view.mapToScene(view.viewport().rect().center())
    QGraphicsView.setScene(view, scene)
    view.centerOn(centre)
    view.follow_far_zoom()  # the canvas draws far wires in batches at this zoom, or not


FOCUS_MARGIN = 40.0  # scene units kept between the opening block and the view's edge


def nearest_the_corner(focus: QRectF, design: QRectF, room: QRectF) -> QPointF:
    """The centre for a view of `room`'s size that shows `focus` (which fits in it) scrolled as
    little as it can from the design's top-left corner, where reading starts. Centring on the
    block alone put a block at the top of its namespace under a band of empty grid, with the
    frame's title and the first column cut off (seen on aks-store-all-in-one)."""
    def along(low: float, high: float, f_low: float, f_high: float, size: float) -> float:
        if high - low <= size:
            return (low + high) / 2
        start = max(low, min(f_high + FOCUS_MARGIN, high) - size)
        start = min(start, f_low - min(FOCUS_MARGIN, (size - (f_high - f_low)) / 2))
        return max(low, start) + size / 2

    return QPointF(along(design.left(), design.right(), focus.left(), focus.right(), room.width()),
                   along(design.top(), design.bottom(), focus.top(), focus.bottom(),
                         room.height()))


def within_design(centre: QPointF, design: QRectF, room: QRectF) -> QPointF:
    """The centre for a view of `room`'s size near `centre` that shows no empty canvas past the
    design's edge where the design is larger than the view, and centres the design along a side
    where it is smaller. Centring on the opening block alone put a block at the top of its
    namespace under a band of empty grid, with the frame's title and left cards cut off (seen on
    aks-store-all-in-one); the block stays in view, as it fits in the room."""
    def along(at: float, low: float, high: float, size: float) -> float:
        if high - low <= size:
            return (low + high) / 2
        return min(max(at, low + size / 2), high - size / 2)

    return QPointF(along(centre.x(), design.left(), design.right(), room.width()),
                   along(centre.y(), design.top(), design.bottom(), room.height()))
