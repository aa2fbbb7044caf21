"""A resource on the canvas: kind icon, name, a compact line and a findings badge.

Nodes are light QGraphicsItems with a fixed size (the layout assumes 180 x 72). Painting is
cheap and simplified when zoomed far out, so thousands of nodes stay fluid. A node never writes
to the document: the scene turns a finished drag into one move edit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Protocol

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from kubecanvas.model.kinds import CLUSTER_PROVIDED_KINDS
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.card_text import draw_card_text
from kubecanvas.ui.canvas.icons import paint_kind_icon
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS, Theme, current_theme, kind_colour, solid
from kubecanvas.ui.i18n import kind_label, tr

if TYPE_CHECKING:  # (the validation package loads every rule: `render` needs none; nor
    # the event types, which only annotate: see render_cli.QT_FREE)
    from PySide6.QtWidgets import QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent

    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.scene_bounds import SceneBounds
    from kubecanvas.validation.findings import Finding

#: A stand-in node: '' for a resource, else a missing or generated object drawn dashed.
Ghost = Literal["", "missing", "generated", "provided", "external"]
#: While a wire hovers over a node: '' (none), 'ok' (releasing wires the two) or 'no'.
WireState = Literal["", "ok", "no"]


class AttachedEdge(Protocol):
    """A wire as its end nodes see it (`EdgeItem` is the one): redrawn when an end moves."""

    @property
    def key(self) -> tuple[str, str, str]: ...
    @property
    def source(self) -> NodeItem: ...
    @property
    def target(self) -> NodeItem: ...
    def adjust(self) -> None: ...
    def update(self) -> None: ...


class WireGesture(Protocol):
    """The wiring gesture a node hands its mouse to (the scene owns one, `CanvasScene.wiring`):
    the press on the handle, the moves, the release over another node."""

    @property
    def source(self) -> NodeItem | None: ...
    def begin(self, node: NodeItem, pos: QPointF) -> None: ...
    def follow(self, pos: QPointF, screen: QPoint | None = None) -> None: ...
    def finish(self, pos: QPointF, screen: QPoint) -> None: ...


class NodeHost(Protocol):
    """What a node asks of the canvas it is drawn on. The scene sets itself as `host` of every
    node once it is added; a node without a host (a test, a picture) paints and nothing more."""

    @property
    def theme(self) -> Theme: ...
    @property
    def wiring(self) -> WireGesture: ...
    @property
    def document(self) -> Document: ...
    @property
    def graph(self) -> WiringGraph: ...
    @property
    def bounds(self) -> SceneBounds: ...

    def snapped(self, pos: QPointF) -> QPointF:
        """Where a node moved to `pos` goes (on the grid while a drag snaps)."""
        ...

    def node_moved(self, node: NodeItem) -> None:
        """`node` has moved (its namespace frame may grow)."""
        ...

    def rename_requested_for(self, node: NodeItem) -> None:
        """The user asked to rename `node` (a double-click)."""
        ...


HANDLE_RADIUS = 7.0
#: below this zoom a node is painted as a plain tile (`_paint_far`)
_FAR = 0.08
_POSITION_CHANGE = QGraphicsItem.GraphicsItemChange.ItemPositionChange
_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged
_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
_NODE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
               | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
_GHOST_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges


def stand_in_kind(data: Mapping[str, Any]) -> Ghost:
    """What a graph node no resource defines is drawn as (its graph data: kind, `missing`)."""
    if data.get("external"):  # a NetworkPolicy peer outside the design (model.traffic)
        return "external"
    if not data.get("missing"):
        return "generated"
    return "provided" if data.get("kind") in CLUSTER_PROVIDED_KINDS or data.get("provided") \
        else "missing"


def ghost_line(ghost: Ghost) -> str:
    """The second line of a stand-in node: a missing resource, one a controller creates, or a
    class the cluster provides."""
    return {"missing": tr("not defined"), "provided": tr("provided by the cluster"),
            "external": tr("outside the design")}.get(ghost, tr("per replica"))


def node_badges(findings: Iterable[Finding]) -> dict[str, tuple[int, str]]:
    """Each resource's badge: how many findings it has and the worst one's severity."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, -1])
    for finding in findings:
        if finding.resource_id is not None:
            entry = counts[finding.resource_id]
            entry[0] += 1
            entry[1] = max(entry[1], finding.severity.rank)
    names = {2: "error", 1: "warning", 0: "info"}
    return {rid: (count, names[rank]) for rid, (count, rank) in counts.items()}


def card_pen(theme: Theme, ghost: str, selected: bool = False, wire_state: str = ""
             ) -> tuple[QPen, QColor]:
    """A card body's border and fill: a stand-in's dashed on the background (red when the
    object is missing), the selection's colour, green or red while a wire is drawn to it.
    The canvas and the SVG writer (`svg_direct`) draw cards with these."""
    border, width = QColor(theme.node_border), 1.2
    if selected:
        border, width = QColor(theme.selection), 2.6
    if wire_state:
        border, width = QColor("#1f9d55" if wire_state == "ok" else "#d93025"), 3.0
    pen = QPen(border, width)
    fill = QColor(theme.node_fill)
    if ghost:
        pen.setStyle(Qt.PenStyle.DashLine)
        fill = QColor(theme.background)
        if ghost == "missing":
            pen.setColor(QColor(SEVERITY_COLOURS["error"] if not selected else theme.selection))
    return pen, fill


class NodeItem(QGraphicsItem):
    """One resource (or, with `ghost`, a missing or generated stand-in) on the canvas.

    Attributes:
        rid: the resource id (or the graph's stand-in node id for ghosts).
        edges: the edge items attached to this node, updated when it moves.
        ghosts: stand-in nodes placed relative to this one, moved along with it.
    """

    def __init__(self, rid: str, kind: str, name: str, line: str, namespace: str,
                 ghost: Ghost = "", api_version: str = "", *, interactive: bool = True) -> None:
        """`interactive=False`: a card only drawn into a picture (`CanvasScene(picture=True)`):
        no tooltip, hover, selection, dragging or item cache."""
        super().__init__()
        self.interactive = interactive
        self.host: NodeHost | None = None  # set by the scene once the node is on it
        self.rid = rid
        self.kind = kind
        #: picks a mapped custom kind's look by its API group ('' for stand-ins: any group)
        self.api_version = api_version
        self.name = name
        self.line = line
        self.namespace = namespace
        self.ghost: Ghost = ghost
        self.badge: tuple[int, str] | None = None
        self.edges: set[AttachedEdge] = set()
        self.ghosts: list[NodeItem] = []
        self.anchor_offset = QPointF(0, 0)
        self.wire_state: WireState = ""
        self._hovered = False
        if interactive:
            # one call: each flag change is a round trip through itemChange, thousands per
            # design
            self.setFlags(_GHOST_FLAGS if ghost else _NODE_FLAGS)
            self.setAcceptHoverEvents(True)
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(2)
        self._update_tooltip()

    # --- content ---------------------------------------------------------------------------
    def set_content(self, kind: str, name: str, line: str, namespace: str,
                    api_version: str | None = None) -> None:
        """Show new text (and look: `api_version`) after the resource's manifest changed."""
        api_version = self.api_version if api_version is None else api_version
        if (kind, name, line, namespace, api_version) == (
                self.kind, self.name, self.line, self.namespace, self.api_version):
            return
        self.kind, self.name, self.line, self.namespace = kind, name, line, namespace
        self.api_version = api_version
        self._update_tooltip()
        self.update()

    def set_badge(self, badge: tuple[int, str] | None) -> None:
        """Show `(count, worst severity)` of the node's findings, or nothing."""
        if badge != self.badge:
            self.badge = badge
            self.update()

    def set_wire_state(self, state: WireState) -> None:
        if state != self.wire_state:
            self.wire_state = state
            self.update()

    def retranslate(self, line: str) -> None:
        """Tooltip and painted texts in the language now set (`line`: the summary, translated)."""
        self.line = line
        self._update_tooltip()
        self.update()

    def _update_tooltip(self) -> None:
        if not self.interactive:
            return
        kind = kind_label(self.kind)
        if self.ghost == "missing":
            self.setToolTip(tr("Missing: {kind} {name} is referred to but not defined").format(
                kind=kind, name=self.name))
        elif self.ghost == "generated":
            self.setToolTip(tr("{kind} {name}, created by a controller").format(
                kind=kind, name=self.name))
        elif self.ghost == "external":
            self.setToolTip(tr("{kind} {name}: a network peer outside these files").format(
                kind=kind, name=self.name))
        elif self.ghost == "provided":
            self.setToolTip(tr("{kind} {name}: the cluster provides it; it is not defined in "
                               "these files").format(kind=kind, name=self.name))
        else:
            where = f"{self.namespace}/" if self.namespace else ""
            self.setToolTip(f"{kind} {where}{self.name}\n{self.line}\n" + tr(
                "Drag the round handle (or Alt+drag) to wire it to another resource"))

    # --- geometry --------------------------------------------------------------------------
    #: what a node covers relative to its position: body, badge above, handle to the right
    BOX = QRectF(-4, -10, NODE_WIDTH + 8 + HANDLE_RADIUS, NODE_HEIGHT + 14)

    def boundingRect(self) -> QRectF:
        return self.BOX

    def body_rect(self) -> QRectF:
        return QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT)

    def handle_center(self) -> QPointF:
        return QPointF(NODE_WIDTH, NODE_HEIGHT / 2)

    def on_handle(self, pos: QPointF) -> bool:
        """True when an item-local position is on the wiring handle."""
        if self.ghost:
            return False
        delta = pos - self.handle_center()
        return (delta.x() ** 2 + delta.y() ** 2) <= (HANDLE_RADIUS + 3) ** 2

    def center(self) -> QPointF:
        return self.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2)

    # --- painting --------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = self.scene_theme()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())  # type: ignore[attr-defined]
        selected = self.isSelected()
        if lod < _FAR:
            self._paint_far(painter, theme, selected)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod > 0.3)
        self._paint_body(painter, theme, selected)
        icon = QRectF(10, 14, 40, 40) if lod >= 0.3 else QRectF(8, 8, NODE_HEIGHT - 16,
                                                                 NODE_HEIGHT - 16)
        paint_kind_icon(painter, icon, self.kind, bool(self.ghost), self.api_version)
        if lod >= 0.3:
            self._paint_text(painter, theme)
        if self.badge is not None and lod >= 0.15:
            self._paint_badge(painter)
        if (self._hovered or selected) and not self.ghost and lod >= 0.3:
            self._paint_handle(painter, theme)

    def _paint_far(self, painter: QPainter, theme: Theme, selected: bool) -> None:
        """Zoomed far out (a whole platform fitted in the window) a node is a few pixels: a
        tile in its kind's colour, framed when selected, the worst finding as a dot. Glyphs and
        rounded corners would not show, and painting them for thousands of nodes made the
        first frame of a large design a third slower."""
        colour = kind_colour(self.kind, self.api_version)
        if self.ghost:
            colour = QColor(SEVERITY_COLOURS["error"]) if self.ghost == "missing" else \
                QColor(theme.background)
        if selected:  # two screen pixels whatever the zoom, or a selection would vanish
            frame = QPen(QColor(theme.selection), 2)
            frame.setCosmetic(True)
            painter.setPen(frame)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(self.body_rect())
        if self.badge is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(SEVERITY_COLOURS.get(self.badge[1], "#888888")))
            painter.drawRect(QRectF(NODE_WIDTH - 40, -10, 44, 44))

    def scene_theme(self) -> Theme:
        return self.host.theme if self.host is not None else current_theme()

    def _paint_body(self, painter: QPainter, theme: Theme, selected: bool) -> None:
        pen, fill = card_pen(theme, self.ghost, selected, self.wire_state)
        painter.setPen(pen)
        painter.setBrush(solid(fill))
        painter.drawRoundedRect(self.body_rect(), 8, 8)

    @property
    def hovered(self) -> bool:
        """The pointer is over the card (its wiring handle shows)."""
        return self._hovered

    def _paint_text(self, painter: QPainter, theme: Theme) -> None:
        draw_card_text(painter, theme.text, theme.subtext, self.name, self.kind, self.ghost,
                       self.line, self.api_version)

    def _paint_badge(self, painter: QPainter) -> None:
        assert self.badge is not None
        count, severity = self.badge
        text = str(count) if count < 100 else "99+"
        width = 14 + 7 * len(text)
        rect = QRectF(NODE_WIDTH - width + 6, -8, width, 18)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(solid(QColor(SEVERITY_COLOURS.get(severity, "#888888"))))
        painter.drawRoundedRect(rect, 9, 9)
        painter.setFont(fonts.font(10, True))
        painter.setPen(QColor("#ffffff" if severity != "warning" else "#1d232b"))
        mark = {"error": "✕", "warning": "!", "info": "i"}.get(severity, "")
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{mark}{text}" if count > 1 else mark)

    def _paint_handle(self, painter: QPainter, theme: Theme) -> None:
        painter.setPen(QPen(QColor(theme.node_fill), 2))
        painter.setBrush(solid(QColor(theme.selection)))
        painter.drawEllipse(self.handle_center(), HANDLE_RADIUS, HANDLE_RADIUS)

    # --- interaction -----------------------------------------------------------------------
    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        shape = Qt.CursorShape.CrossCursor if self.on_handle(event.pos()) else \
            Qt.CursorShape.ArrowCursor
        self.setCursor(shape)
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        wiring = event.button() == Qt.MouseButton.LeftButton and (
            self.on_handle(event.pos())
            or event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if self.host is not None and wiring and not self.ghost:
            self.host.wiring.begin(self, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None and self.host.wiring.source is self:
            self.host.wiring.follow(event.scenePos(), event.screenPos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None and self.host.wiring.source is self:
            self.host.wiring.finish(event.scenePos(), event.screenPos())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.host is not None and not self.ghost:
            self.host.rename_requested_for(self)
            return
        super().mouseDoubleClickEvent(event)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        # called for every flag and state change of thousands of items: compare cheaply first
        if change == _POSITION_CHANGE:
            if self.host is not None:
                return self.host.snapped(value)
        elif change == _SELECTED_CHANGED:
            for edge in self.edges:  # a selected node's wires are drawn emphasised
                edge.update()
        elif change == _POSITION_CHANGED:
            for edge in self.edges:
                edge.adjust()
            for ghost in self.ghosts:
                ghost.setPos(self.pos() + ghost.anchor_offset)
            if self.host is not None:
                self.host.node_moved(self)
        return value


class PictureNodeItem(NodeItem):
    """A card only drawn into a picture (`interactive=False`: `CanvasScene(picture=True)`)
    that leaves Qt's `itemChange` as it is. Qt hands every change of an item to a Python
    override (a card's z value and its scene as it is added: four round trips through PySide
    per card), and a picture's card moves, is selected and follows nothing, the only changes
    `NodeItem.itemChange` acts on (without `ItemSendsGeometryChanges` Qt reports no move):
    the cards of 5,000 resources were built in 0.085 instead of 0.117 s CPU."""

    itemChange = QGraphicsItem.itemChange  # type: ignore[assignment]


def card_type(interactive: bool) -> type[NodeItem]:
    """The class of a resource's card in an editor's scene, or in a picture's."""
    return NodeItem if interactive else PictureNodeItem
