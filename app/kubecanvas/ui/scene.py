"""The canvas scene: a live mirror of the document and its wiring graph.

It subscribes to the document (order 100, after the graph and the validator) and updates only
the items a change touched: the resources added, removed, changed or moved, and the edges around
the ids the graph reports in `last_touched`. It never writes to the document; finished gestures
leave as signals (a drag as one `move_committed`, a wire as `wire_released`) that the window turns
into undoable edits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QToolTip,
)

from kubecanvas.model.connect import connect_actions, why_not
from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.resource import Resource
from kubecanvas.ui.edge_item import EdgeItem
from kubecanvas.ui.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.node_item import NodeItem
from kubecanvas.ui.style import Theme, current_theme
from kubecanvas.ui.summary import summary
from kubecanvas.validation.findings import Finding

EdgeKey = tuple[str, str, str]


class CanvasScene(QGraphicsScene):
    """Nodes, edges and namespace frames for one document."""

    move_committed = Signal(object)  # dict[str, tuple[float, float]]
    wire_released = Signal(str, str, QPoint)  # source id, target id, global position
    rename_requested = Signal(str)
    status_message = Signal(str)

    def __init__(self, document: Document, graph: WiringGraph) -> None:
        super().__init__()
        self.document = document
        self.graph = graph
        self.theme: Theme = current_theme()
        self.snap = True
        self.grid = 20.0
        self.dragging = False
        self.wiring_from: NodeItem | None = None
        self.nodes: dict[str, NodeItem] = {}
        self.edge_items: dict[EdgeKey, EdgeItem] = {}
        self.frames: dict[str, NamespaceFrameItem] = {}
        self._badges: dict[str, tuple[int, str]] = {}
        self._drag_start: dict[str, QPointF] = {}
        self._wire_line: QGraphicsPathItem | None = None
        self._wire_target: NodeItem | None = None
        self._wire_cache: dict[str, tuple[bool, str]] = {}
        self._populate()
        document.subscribe(self._on_change, order=100)

    def detach(self) -> None:
        """Stop following the document (before the scene is thrown away)."""
        self.document.unsubscribe(self._on_change)

    # --- building ----------------------------------------------------------------------------
    def _populate(self) -> None:
        for res in self.document:
            self._add_node(res)
        for edge in self.graph.edges():
            self._add_edge(edge)
        self._fit_frames(self.frames)

    def _add_node(self, res: Resource) -> NodeItem:
        ns = effective_namespace(res)
        node = NodeItem(res.id, res.kind, res.name, summary(res), ns)
        node.setPos(QPointF(*res.position))
        self.addItem(node)
        self.nodes[res.id] = node
        if ns:
            self._frame(ns).members.add(res.id)
        return node

    def _frame(self, namespace: str) -> NamespaceFrameItem:
        frame = self.frames.get(namespace)
        if frame is None:
            frame = NamespaceFrameItem(namespace)
            self.addItem(frame)
            self.frames[namespace] = frame
        return frame

    def _fit_frames(self, namespaces: Iterable[str]) -> None:
        for ns in list(namespaces):
            frame = self.frames.get(ns)
            if frame is None:
                continue
            if not frame.members:
                self.removeItem(frame)
                del self.frames[ns]
                continue
            frame.fit((self.nodes[m].pos().x(), self.nodes[m].pos().y()) for m in frame.members)

    def _stand_in(self, node_id: str, anchor: NodeItem) -> NodeItem | None:
        """The ghost item for a missing or generated graph node, created next to `anchor`."""
        data = self.graph.node_data(node_id)
        if not data:
            return None
        ghost_kind = "missing" if data.get("missing") else "generated"
        ghost = NodeItem(node_id, str(data.get("kind", "")), str(data.get("name", "")),
                         "not defined" if ghost_kind == "missing" else "per replica",
                         str(data.get("namespace", "")), ghost=ghost_kind)
        ghost.anchor_offset = self._free_offset(anchor)
        ghost.setPos(anchor.pos() + ghost.anchor_offset)
        anchor.ghosts.append(ghost)
        ghost.setData(0, anchor.rid)
        self.addItem(ghost)
        self.nodes[node_id] = ghost
        return ghost

    def _free_offset(self, anchor: NodeItem) -> QPointF:
        """Where a new ghost goes relative to its anchor: the first free slot to the right,
        then below, so a stand-in never hides a real resource."""
        for column in range(1, 4):
            for row in range(0, 12):
                offset = QPointF(NODE_WIDTH + 70 + (column - 1) * (NODE_WIDTH + 40),
                                 row * (NODE_HEIGHT + 18))
                spot = QRectF(anchor.pos() + offset, QSizeF(NODE_WIDTH, NODE_HEIGHT))
                if not any(isinstance(i, NodeItem) for i in self.items(spot.adjusted(-8, -8, 8, 8))):
                    return offset
        return QPointF(NODE_WIDTH + 70, len(anchor.ghosts) * (NODE_HEIGHT + 18))

    def _add_edge(self, edge: Edge) -> None:
        key = (edge.source, edge.target, edge.key)
        if edge.source == edge.target or key in self.edge_items:
            return
        source = self.nodes.get(edge.source)
        if source is None:
            return
        target = self.nodes.get(edge.target) or self._stand_in(edge.target, source)
        if target is None:
            return
        lane = sum(1 for e in source.edges if e.target is target or e.source is target)
        item = EdgeItem(edge, source, target, lane)
        self.addItem(item)
        self.edge_items[key] = item

    def _remove_edge(self, item: EdgeItem) -> None:
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
        self.removeItem(ghost)

    def _remove_node(self, rid: str) -> None:
        node = self.nodes.pop(rid, None)
        if node is None:
            return
        for edge in list(node.edges):
            self._remove_edge(edge)
        for ghost in list(node.ghosts):
            for edge in list(ghost.edges):
                self._remove_edge(edge)
        frame = self.frames.get(node.namespace)
        if frame is not None:
            frame.members.discard(rid)
        self.removeItem(node)

    def _refresh_edges(self, ids: Iterable[str]) -> None:
        ids = [i for i in ids if i in self.nodes and not self.nodes[i].ghost]
        for rid in ids:
            for item in list(self.nodes[rid].edges):
                self._remove_edge(item)
        for rid in ids:
            for edge in self.graph.out_edges(rid) + self.graph.in_edges(rid):
                self._add_edge(edge)

    # --- following the document --------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        namespaces: set[str] = set()
        for rid in change.removed:
            node = self.nodes.get(rid)
            if node is not None:
                namespaces.add(node.namespace)
            self._remove_node(rid)
        for rid in change.added:
            res = self.document.find(rid)
            if res is not None and rid not in self.nodes:
                namespaces.add(self._add_node(res).namespace)
        for rid in change.changed:
            namespaces |= self._update_node(rid)
        for rid in change.moved:
            res, node = self.document.find(rid), self.nodes.get(rid)
            if res is not None and node is not None:
                if (node.pos().x(), node.pos().y()) != res.position:
                    node.setPos(QPointF(*res.position))
                namespaces.add(node.namespace)
        if change.structural:
            self._refresh_edges(set(self.graph.last_touched) | change.added | set(change.changed))
        self._fit_frames(namespaces)

    def _update_node(self, rid: str) -> set[str]:
        res, node = self.document.find(rid), self.nodes.get(rid)
        if res is None or node is None:
            return set()
        ns = effective_namespace(res)
        touched = {node.namespace, ns}
        if ns != node.namespace:
            old = self.frames.get(node.namespace)
            if old is not None:
                old.members.discard(rid)
            if ns:
                self._frame(ns).members.add(rid)
        node.set_content(res.kind, res.name, summary(res), ns)
        return touched

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show each node's finding count and worst severity; repaints only what changed."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, -1])
        for finding in findings:
            if finding.resource_id is None:
                continue
            entry = counts[finding.resource_id]
            entry[0] += 1
            entry[1] = max(entry[1], finding.severity.rank)
        names = {2: "error", 1: "warning", 0: "info"}
        badges = {rid: (c, names[r]) for rid, (c, r) in counts.items()}
        for rid in set(self._badges) | set(badges):
            if self._badges.get(rid) != badges.get(rid) and rid in self.nodes:
                self.nodes[rid].set_badge(badges.get(rid))
        self._badges = badges

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        for item in self.items():
            item.update()
        self.update()

    # --- selection -------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [i.rid for i in self.selectedItems() if isinstance(i, NodeItem) and not i.ghost]

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_ids(self, ids: Iterable[str]) -> None:
        """Select exactly these resources."""
        wanted = set(ids)
        self.clearSelection()
        for rid in wanted:
            node = self.nodes.get(rid)
            if node is not None:
                node.setSelected(True)

    def items_rect(self, ids: Iterable[str] | None = None) -> QRectF:
        """The bounding rectangle of some nodes (all content when `ids` is None)."""
        if ids is None:
            return self.itemsBoundingRect()
        rect = QRectF()
        for rid in ids:
            node = self.nodes.get(rid)
            if node is not None:
                rect = rect.united(node.sceneBoundingRect())
        return rect

    # --- dragging ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.wiring_from is not None:
            return
        grabber = self.mouseGrabberItem()
        if isinstance(grabber, NodeItem) and not grabber.ghost:
            self.dragging = True
            self._drag_start = {i.rid: i.pos() for i in self.selectedItems()
                                if isinstance(i, NodeItem) and not i.ghost}

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if not self.dragging:
            return
        self.dragging = False
        moved = {}
        for rid, start in self._drag_start.items():
            node = self.nodes.get(rid)
            if node is not None and node.pos() != start:
                moved[rid] = (node.pos().x(), node.pos().y())
        self._drag_start = {}
        if moved:
            self.move_committed.emit(moved)

    def node_moved(self, node: NodeItem) -> None:
        """Grow the node's frame while it is dragged (exact fit comes with the move edit)."""
        if node.ghost or not node.namespace:
            return
        frame = self.frames.get(node.namespace)
        if frame is not None:
            frame.grow_to(node.pos().x(), node.pos().y())

    # --- wiring ------------------------------------------------------------------------------
    def begin_wire(self, node: NodeItem, pos: QPointF) -> None:
        """Start dragging a wire out of `node`."""
        self.wiring_from = node
        self._wire_cache = {}
        self._wire_target = None
        line = QGraphicsPathItem()
        pen = QPen(QColor(self.theme.selection), 2, Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setZValue(50)
        self.addItem(line)
        self._wire_line = line
        self.update_wire(pos)

    def _target_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item is not self.wiring_from and not item.ghost:
                return item
        return None

    def wire_verdict(self, source: str, target: str) -> tuple[bool, str]:
        """(possible, what releasing would do or why not), cached for one gesture."""
        if target not in self._wire_cache:
            actions = connect_actions(self.document, self.graph, source, target)
            if not actions:
                verdict = (False, why_not(self.document, self.graph, source, target))
            elif len(actions) == 1:
                verdict = (True, f"Release: {actions[0].description}")
            else:
                verdict = (True, f"Release to choose one of {len(actions)} ways: "
                           + "; ".join(a.description for a in actions[:3]))
            self._wire_cache[target] = verdict
        return self._wire_cache[target]

    def update_wire(self, pos: QPointF, screen: QPoint | None = None) -> None:
        """Follow the cursor and show whether the node under it can be wired."""
        source = self.wiring_from
        if source is None or self._wire_line is None:
            return
        start = source.pos() + source.handle_center()
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(60, 0), pos - QPointF(60, 0), pos)
        self._wire_line.setPath(path)
        target = self._target_at(pos)
        if target is self._wire_target:
            return
        if self._wire_target is not None:
            self._wire_target.set_wire_state("")
        self._wire_target = target
        if target is None:
            self.status_message.emit("Drop on a resource to wire it")
            return
        possible, message = self.wire_verdict(source.rid, target.rid)
        target.set_wire_state("ok" if possible else "no")
        self.status_message.emit(message)
        if screen is not None:
            QToolTip.showText(screen, message)

    def finish_wire(self, pos: QPointF, screen: QPoint) -> None:
        """End the wire gesture; emits `wire_released` when dropped on a resource."""
        source = self.wiring_from
        self.update_wire(pos)
        target = self._wire_target
        if target is not None:
            target.set_wire_state("")
        if self._wire_line is not None:
            self.removeItem(self._wire_line)
        self._wire_line = None
        self.wiring_from = None
        self._wire_target = None
        QToolTip.hideText()
        if source is not None and target is not None:
            self.wire_released.emit(source.rid, target.rid, screen)

    def item_for(self, rid: str) -> QGraphicsItem | None:
        return self.nodes.get(rid)
