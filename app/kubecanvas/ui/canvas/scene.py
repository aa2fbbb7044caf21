"""The canvas scene: a live mirror of the document and its wiring graph.

The session tells it of each change first among the views (`ui.session.VIEWS`), after the graph
and the validator, and it updates only the items a change touched: the resources added, removed,
changed or moved, and the edges around the ids the graph touched. It never writes to the
document; finished gestures leave as signals (a drag as one `move_committed`, a wire as `wire_released`) that the window turns
into undoable edits.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from kubecanvas.model.document import Document
from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layers import document_layers, is_shown
from kubecanvas.model.layout.membership import BlockKey
from kubecanvas.model.order import in_order
from kubecanvas.model.resource import Resource
from kubecanvas.ui.canvas import replica_stacks
from kubecanvas.ui.canvas.custom_looks import apply_looks
from kubecanvas.ui.canvas.edge_item import FAR_ZOOM, EdgeItem
from kubecanvas.ui.canvas.far_wires import FarWires
from kubecanvas.ui.canvas.free_slots import FreeSlots, ghost_offset
from kubecanvas.ui.canvas.item_tiles import ItemTiles
from kubecanvas.ui.canvas.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.canvas.node_item import (
    NodeItem,
    card_type,
    node_badges,
    stand_in_kind,
)
from kubecanvas.ui.canvas.replica_item import ReplicaStackItem
from kubecanvas.ui.canvas.router import free_lane, ordered, route_whole, stale_wires
from kubecanvas.ui.canvas.scene_bounds import SceneBounds
from kubecanvas.ui.canvas.stand_ins import StandIns, in_draw_order
from kubecanvas.ui.canvas.style import Theme, current_theme
from kubecanvas.ui.canvas.summary import summary

if TYPE_CHECKING:  # (the validation package loads every rule: `render` needs none)
    from PySide6.QtWidgets import QGraphicsSceneMouseEvent  # (see render_cli.QT_FREE)

    from kubecanvas.ui.canvas.drag import DragGesture
    from kubecanvas.ui.canvas.language_slices import LanguageSlices
    from kubecanvas.ui.canvas.route_slices import RouteSlices
    from kubecanvas.ui.canvas.wiring import WiringGesture
    from kubecanvas.ui.session import Update
    from kubecanvas.validation.findings import Finding

EdgeKey = tuple[str, str, str]

#: depth of the scene's item index (see `CanvasScene.__init__`)
BSP_DEPTH = 10


class CanvasScene(QGraphicsScene):
    """Nodes, edges and namespace frames for one document.

    A `Namespace` resource is not drawn as a node: its frame is its node (selecting the frame's
    title selects the resource; its badge sits on the title). `nodes` holds the other resources
    and the ghosts; `frames_by_resource` maps a Namespace resource's id to its frame. The scene
    is every node's `NodeHost`; `wiring` is the wire gesture the nodes hand their mouse to.
    """

    move_committed = Signal(object)  # dict[str, tuple[float, float]]
    wire_released = Signal(str, str, QPoint)  # source id, target id, global position
    rename_requested = Signal(str)
    status_message = Signal(str)
    #: the editor's gestures, which a picture scene has none of (`gestures.py`)
    route_slices: RouteSlices
    drag: DragGesture
    wiring: WiringGesture

    def __init__(self, document: Document, graph: WiringGraph, *,
                 claims_per_replica: bool = False,
                 layers: Iterable[str] | None = None, picture: bool = False,
                 blocks: Mapping[str, BlockKey] | None = None) -> None:
        """`picture`: a scene made to be drawn once (`kubecanvas render`), whose cards and wires
        take no tooltip, hover, selection or item cache (`NodeItem`, `EdgeItem`): a tenth of
        building 5,000 resources' scene, for what no picture shows. `blocks`: each resource's
        block as the layout that placed them grouped them (`design_read.lay_out`), which the
        stand-ins would otherwise work out again (`StandIns`)."""
        super().__init__()
        self.interactive = not picture
        self.document = document
        self.graph = graph
        apply_looks(document.kind_mappings)
        #: the layers whose edges are drawn (`model.layers`): the project's, unless given
        self.layers: frozenset[str] = frozenset(
            document_layers(document) if layers is None else layers)
        self.theme: Theme = current_theme()
        self.snap = True
        self.edge_items: dict[EdgeKey, EdgeItem] = {}
        self.tiles = ItemTiles(self)  # cards and wires in containers (why: `item_tiles.py`)
        self.bounds = SceneBounds(self)  # its rectangle, grown in steps (`scene_bounds.py`)
        if self.interactive:  # (a picture is never dragged or wired: `gestures.py`)
            from kubecanvas.ui.canvas.gestures import editor_gestures

            self.route_slices, self.drag, self.wiring = editor_gestures(self)
        self.nodes: dict[str, NodeItem] = {}
        self.frames_by_namespace: dict[str, NamespaceFrameItem] = {}
        self.frames_by_resource: dict[str, NamespaceFrameItem] = {}
        self.replicas: dict[str, ReplicaStackItem] = {}
        self.all_replicas = False
        self.stand_ins = StandIns(document, graph, claims_per_replica,  # templates, classes
                                  interactive=self.interactive, blocks=blocks)
        self._badges: dict[str, tuple[int, str]] = {}
        self._populating = False  # frames are fitted once at the end of populating
        self._grown: set[str] = set()  # ... those that stand-ins joined while populating
        self._slots: FreeSlots | None = None  # the ghost-placement index while populating
        self._language: LanguageSlices | None = None  # made at the first language switch
        # Qt guesses the index depth from the item count: 14 levels for 12,000 items, where a
        # wire crossing the design is listed in thousands of leaves (51 MB, 125 ms to build
        # at 5,000 resources). 10 levels answer as fast here for 1/15 of that.
        self.setBspTreeDepth(BSP_DEPTH)
        self.far_wires = FarWires(self, self.edge_items.values())
        self._populate()

    # --- building ----------------------------------------------------------------------------
    def _populate(self) -> None:
        # A fixed scene rect while filling: with the automatic one every added item grows the
        # rect, and Qt then rebuilds its whole BSP index at each spatial query (the free-slot
        # search for ghosts), which made opening 5,000 resources take minutes.
        xs = [r.position[0] for r in self.document] or [0.0]
        ys = [r.position[1] for r in self.document] or [0.0]
        self.setSceneRect(QRectF(min(xs) - 4000, min(ys) - 4000, max(xs) - min(xs) + 8000,
                                 max(ys) - min(ys) + 8000))
        self.bounds.paused = True
        self._populating = True
        box = NodeItem.BOX
        self._slots = FreeSlots((box.left(), box.top(), box.right(), box.bottom()))
        # the canonical order (model.order), not the graph's, which follows the resources'
        # random ids: stand-ins and parallel wires then land in the same places every time
        for res in in_order(self.document):
            node = self._add_node(res)
            if isinstance(node, NodeItem):
                self._slots.add(*res.position)
        self._fit_frames(self.frames_by_namespace)  # the frames' areas: no other's stand-ins
        for namespace, frame in self.frames_by_namespace.items():
            self._slots.add_area(frame.box(), namespace)
        for edge in in_draw_order(self.document, self.graph.edges()):
            self._add_edge(edge)
        self._slots = None
        self._populating = False
        self._fit_frames(sorted(self._grown))  # (the others were fitted before the stand-ins)
        self.reroute()
        for item in self.edge_items.values():  # wires made unshaped while populating
            if item.route is None:  # and not routed (an end hidden, or no route found)
                item.adjust()
        self.bounds.fit()  # the content and room around it

    def _add_node(self, res: Resource) -> NodeItem | NamespaceFrameItem:
        if res.kind == "Namespace":
            frame = self._frame(res.name)
            frame.set_resource(res.id, res.position)
            self.frames_by_resource[res.id] = frame
            return frame
        ns = effective_namespace(res)
        node = card_type(self.interactive)(res.id, res.kind, res.name, summary(res), ns, "",
                                           res.api_version, interactive=self.interactive)
        self.tiles.place(node, *res.position)
        node.host = self
        self.bounds.cover(node.sceneBoundingRect())  # (a card dropped past the edge)
        self.nodes[res.id] = node
        if ns:
            self._frame(ns).members.add(res.id)
        if self.all_replicas:
            self.show_replicas(res.id, True)
        return node

    def _frame(self, namespace: str) -> NamespaceFrameItem:
        if namespace not in self.frames_by_namespace:
            self.frames_by_namespace[namespace] = NamespaceFrameItem(namespace)
            self.addItem(self.frames_by_namespace[namespace])
        return self.frames_by_namespace[namespace]

    def _fit_frames(self, namespaces: Iterable[str]) -> None:
        for ns in list(namespaces):
            frame = self.frames_by_namespace.get(ns)
            if frame is None:
                continue
            if not frame.members and frame.rid is None:
                self.removeItem(frame)
                del self.frames_by_namespace[ns]
                continue
            frame.fit((self.nodes[m].pos().x(), self.nodes[m].pos().y()) for m in frame.members)

    def _stand_in(self, node_id: str, anchor: NodeItem, drawn: str) -> NodeItem | None:
        """The ghost drawn as `drawn` (`stand_ins.py`) for graph node `node_id`, by `anchor`."""
        data = self.graph.node_data(node_id)
        if not data and drawn == node_id:
            return None
        ghost_kind = stand_in_kind(data) if data else "provided"  # else a class's proxy
        ghost = self.stand_ins.make(node_id, drawn, data, ghost_kind, anchor)
        joins = ghost_kind != "missing" and ghost.namespace == anchor.namespace
        ghost.anchor_offset = self._free_offset(anchor, joins)
        ghost.setPos(anchor.pos() + ghost.anchor_offset)
        if self._slots is not None:
            self._slots.add(ghost.pos().x(), ghost.pos().y())
        anchor.ghosts.append(ghost)
        ghost.setData(0, anchor.rid)
        self.tiles.add(ghost, ghost.pos().x(), ghost.pos().y())
        ghost.host = self
        self.nodes[ghost.rid] = ghost
        frame = self.frames_by_namespace.get(ghost.namespace) if joins else None
        if frame is not None:  # a claim a StatefulSet will create lives in its namespace
            if self._populating:
                frame.members.add(ghost.rid)
                self._grown.add(ghost.namespace)
            elif not frame.join(ghost.rid, ghost.pos().x(), ghost.pos().y()):
                self._fit_frames([ghost.namespace])
        return ghost

    def _free_offset(self, anchor: NodeItem, joins: bool = True) -> QPointF:
        """Where a new ghost goes relative to its anchor (`free_slots.ghost_offset`)."""
        return QPointF(*ghost_offset(anchor, self._slots, self.items, joins))

    def _add_edge(self, edge: Edge) -> EdgeItem | None:
        node = edge.target
        edge = self.stand_ins.drawn_edge(edge)
        key = (edge.source, edge.target, edge.key)
        if edge.source == edge.target or key in self.edge_items \
                or not is_shown(edge.type, self.layers):
            return None
        source = self.nodes.get(edge.source)
        target = self.nodes.get(edge.target)
        if source is None and target is not None \
                and self.graph.node_data(edge.source).get("external"):
            # traffic from a peer outside the design (`model.traffic`)
            source = self._stand_in(edge.source, target, edge.source)
        elif source is not None and target is None:
            target = self._stand_in(node, source, edge.target)
        if source is None or target is None:
            return None
        # while populating, every wire is routed at the end: no curve to throw away first
        item = EdgeItem(edge, source, target, free_lane(source, target),
                        shaped=not self._populating, interactive=self.interactive)
        self.tiles.add(item, source.pos().x(), source.pos().y())
        self.edge_items[key] = item
        self.far_wires.added(item)
        return item

    def set_layers(self, layers: Iterable[str]) -> None:
        """Draw the edges of `layers` only: hidden ones leave (with stand-ins left without
        wires), newly shown ones join in the canonical order, then every wire is routed."""
        layers = frozenset(layers)
        if layers == self.layers:
            return
        self.layers = layers
        for item in list(self.edge_items.values()):
            if not is_shown(item.edge.type, layers):
                self._remove_edge(item)
        for edge in in_draw_order(self.document, self.graph.edges()):
            self._add_edge(edge)
        self.reroute()

    def _remove_edge(self, item: EdgeItem) -> None:
        self.far_wires.removed(item)
        item.detach()
        self.edge_items.pop(item.key, None)
        self.removeItem(item)
        for end in (item.source, item.target):
            if end.ghost and not end.edges:
                self._remove_ghost(end)

    def _remove_ghost(self, ghost: NodeItem) -> None:
        anchor = self.nodes.get(str(ghost.data(0)))
        if anchor is not None and ghost in anchor.ghosts:
            anchor.ghosts.remove(ghost)
        self.nodes.pop(ghost.rid, None)
        frame = self.frames_by_namespace.get(ghost.namespace)
        if frame is not None and frame.leave(ghost.rid, ghost.pos().x(), ghost.pos().y()):
            self._fit_frames([ghost.namespace])
        self.removeItem(ghost)

    def _remove_node(self, rid: str) -> None:
        frame = self.frames_by_resource.pop(rid, None)
        if frame is not None:
            frame.set_resource(None, (0.0, 0.0))
            return
        node = self.nodes.pop(rid, None)
        self.replicas.pop(rid, None)  # a child of the node: removed with it
        if node is None:
            return
        # out of its frame first: a stand-in that goes with the node's wires refits the frame
        # from its members' nodes, and this one is no longer there (a KeyError that left the
        # document changed and the window not following it)
        frame = self.frames_by_namespace.get(node.namespace)
        if frame is not None:
            frame.members.discard(rid)
        for edge in list(node.edges):
            self._remove_edge(self.edge_items[edge.key])
        # others wired to a stand-in anchored here (a shared peer) get it back next to them
        others = {end.rid for ghost in node.ghosts for edge in ghost.edges
                  for end in (edge.source, edge.target) if end is not ghost}
        for ghost in list(node.ghosts):
            for edge in list(ghost.edges):
                self._remove_edge(self.edge_items[edge.key])
        self.removeItem(node)
        self._refresh_edges(others - {rid})

    def _refresh_edges(self, ids: Iterable[str]) -> list[EdgeItem]:
        """Give the nodes `ids` the graph's wires; returns the new wires (`stale_wires`)."""
        nodes = [self.nodes[i] for i in ids if i in self.nodes and not self.nodes[i].ghost]
        for item in stale_wires(nodes, self.graph, self.edge_items, self.stand_ins.drawn_edge):
            self._remove_edge(item)
        cards = len(self.nodes)
        edges = [edge for node in nodes
                 for edge in self.graph.out_edges(node.rid) + self.graph.in_edges(node.rid)]
        added = [self._add_edge(edge) for edge in edges]
        if len(self.nodes) > cards:  # a card its wires made (a claim template's) may be the
            # missing end of a wire met before it (its bind wire to a volume, met at the volume)
            added = [wire or self._add_edge(edge) for wire, edge in zip(added, edges, strict=True)]
        return [wire for wire in added if wire is not None]

    # --- following the document (`scene_update.py`) ------------------------------------------
    def apply(self, update: Update) -> None:
        """Follow one change of the document (the session calls it; see `ui.session`)."""
        from kubecanvas.ui.canvas.scene_update import follow  # (not a picture's: gestures.py)

        self.bounds.forget()
        follow(self, update)

    def addItem(self, item: QGraphicsItem) -> None:  # noqa: N802 (Qt's name)
        self.bounds.forget()  # (the content's rectangle, kept while nothing changes)
        super().addItem(item)

    def removeItem(self, item: QGraphicsItem) -> None:  # noqa: N802 (Qt's name)
        self.bounds.forget()
        super().removeItem(item)

    def retranslate(self) -> None:
        """Summaries, tooltips and titles of every item in the language now set: on a big
        design, those in view at once and the others in slices (`language_slices.py`)."""
        from kubecanvas.ui.canvas.language_slices import LanguageSlices

        if self._language is None:
            self._language = LanguageSlices(self)
        self._language.start()

    def finish_retranslating(self) -> None:
        """Every item in the language now set (a picture of the scene is about to be taken)."""
        if self._language is not None:
            self._language.finish()

    def set_findings(self, findings: Sequence[Finding], only: Collection[str] | None = None) -> None:
        """Show each node's finding count and worst severity; repaints only what changed. With
        `only`, `findings` are those of the resources `only` (the others keep their badges)."""
        badges = node_badges(findings)
        self.stand_ins.set_findings(findings, self.nodes, only)  # the claim templates' badges
        for rid in set(self._badges if only is None else only) | set(badges):
            if self._badges.get(rid) != badges.get(rid):
                item = self.nodes.get(rid) or self.frames_by_resource.get(rid)
                if item is not None:
                    item.set_badge(badges.get(rid))
                self._badges.pop(rid, None)
        self._badges.update(badges)

    # --- replicas (`replica_stacks.py`) -----------------------------------------------------
    def show_replicas(self, rid: str, shown: bool) -> bool:
        """Show (or hide) the pods a workload runs under its node; False when it runs none."""
        return replica_stacks.show(self, rid, shown)

    def show_all_replicas(self, shown: bool) -> None:
        """The View option: every workload shows (or hides) its replicas."""
        replica_stacks.show_all(self, shown)

    def set_far_zoom(self, zoom: float) -> None:
        """The view's zoom: far out, wires are drawn in batches (`far_wires.py`)."""
        self.far_wires.set_active(zoom < FAR_ZOOM)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for item in self.items():
            item.update()
        for view in self.views():  # their cached background (`CanvasView`) has the old colours
            view.resetCachedContent()
        self.update()

    # --- selection -------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The selected resources: nodes (not stand-ins) and Namespace resources' frames."""
        return [item.rid for item in self.selectedItems()
                if (isinstance(item, NamespaceFrameItem)
                    or isinstance(item, NodeItem) and not item.ghost) and item.rid]

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these resources."""
        self.clearSelection()
        for item in filter(None, map(self.item_for, set(ids))):
            item.setSelected(True)

    def items_rect(self, ids: Iterable[str] | None = None) -> QRectF:
        """The bounding rectangle of some nodes (all content when `ids` is None)."""
        if ids is None:
            return self.bounds.content()
        rect = QRectF()
        for item in filter(None, map(self.item_for, ids)):
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # --- dragging (`drag.py`) -----------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.wiring.source is None:
            self.drag.press(self.mouseGrabberItem(), self.selectedItems())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.drag.release(self.nodes)

    # --- what nodes ask of their host (see `NodeHost`) -------------------------------------
    def snapped(self, pos: QPointF) -> QPointF:
        """Where a node dragged to `pos` goes: on the grid while dragging with snap on."""
        return self.drag.snapped(pos, self.snap)

    def rename_requested_for(self, node: NodeItem) -> None:
        self.rename_requested.emit(node.rid)

    def reroute(self) -> None:
        """Route every wire around the cards (`router.route_whole`)."""
        route_whole(self.nodes.values(), ordered(self.edge_items.values()),
                    self.route_slices if self.interactive else None)

    def node_moved(self, node: NodeItem) -> None:
        """While a node is dragged: its wires follow it (`route_dragged`; routed around the cards
        at release) and its frame grows (the exact fit comes with the move edit). A node moved by
        a document change is routed by `apply`."""
        if self._populating:
            return
        self.bounds.cover(node.sceneBoundingRect())
        self.drag.moved(node)
        if node.ghost or not node.namespace:
            return
        frame = self.frames_by_namespace.get(node.namespace)
        if frame is not None:
            frame.grow_to(node.pos().x(), node.pos().y())

    def item_for(self, rid: str) -> QGraphicsItem | None:
        return self.nodes.get(rid) or self.frames_by_resource.get(rid)
