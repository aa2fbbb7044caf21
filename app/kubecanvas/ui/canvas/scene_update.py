"""How the canvas scene follows one change of the document: only the items it touched.

The session tells the scene of each change after the graph and the validator (`ui.session`).
Resources removed, added, changed or moved get their cards (or their Namespace's frame) updated;
the wires of the ids the graph rewired are refreshed; the frames of the namespaces involved
fit again; and only the wires of what moved or was rewired are routed again around the cards,
unless so much changed (a load, an auto layout) that routing everything is cheaper. A move's
wires are routed after the change, in slices (`route_slices.py`): they take plain shapes
among their end cards meanwhile (those of a drag already have them), and an undo gives them
back the routes they had before the move. A stand-in a move put on another card goes to a
free slot beside its card.
Kept apart from `scene.py`, which builds and removes the items: this module calls its item
bookkeeping (`_add_node`, `_remove_node`, `_refresh_edges`, `_fit_frames`) on its behalf.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt

from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layers import document_layers
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.replicas import replica_lines
from kubecanvas.ui.canvas.route_slices import Picture, Positions, picture_of
from kubecanvas.ui.canvas.router import look_ups_at_least, route_around_steps, route_dragged
from kubecanvas.ui.canvas.summary import summary
from kubecanvas.ui.session import Update

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.scene import CanvasScene

#: up to this many resources changed at once, only their wires are routed again
LOCAL_REROUTE = 200
#: more new wires than this are routed after the change, in slices (`route_slices.py`)
SLICED_WIRES = 40
#: routing steps (`router.route_around_steps`: a look-up of the scene's index, a stretch of a
#: search) an edit's own turn takes; a routing that needs more goes to slices, from the start
ROUTE_NOW_STEPS = 8


def follow(scene: CanvasScene, update: Update) -> None:
    """Follow one change of the document (`CanvasScene.apply`, which the session calls)."""
    change = update.change
    if change.settings:  # View > Layers (or its undo)
        scene.set_layers(document_layers(scene.document))
    namespaces: set[str] = set()
    for rid in change.removed:
        node = scene.nodes.get(rid)
        if node is not None:
            namespaces.add(node.namespace)
        if rid in scene.frames_by_resource:
            namespaces.add(scene.frames_by_resource[rid].namespace)
        scene._remove_node(rid)
    for rid in change.added:
        res = scene.document.find(rid)
        if res is not None and rid not in scene.nodes:
            namespaces.add(scene._add_node(res).namespace)
    for rid in change.changed:
        namespaces |= _update_node(scene, rid)
    only_moved = bool(change.moved) and not (change.added or change.removed or change.changed
                                             or change.settings)
    dropped = _before_move(scene, change.moved) if only_moved else None
    for rid in change.moved:
        if rid in scene.frames_by_resource:
            namespaces |= _update_node(scene, rid)
        res, node = scene.document.find(rid), scene.nodes.get(rid)
        if res is not None and node is not None:
            if (node.pos().x(), node.pos().y()) != res.position:
                node.setPos(QPointF(*res.position))
            namespaces.add(node.namespace)
    touched = set(change.moved) | set(change.added)
    wires = scene._refresh_edges(update.rewired | change.added | set(change.changed)) \
        if change.structural else []
    scene._fit_frames(namespaces)
    if len(touched) > LOCAL_REROUTE:
        scene.reroute()  # a load, an auto layout: everything
        return
    if len(wires) > SLICED_WIRES:
        # few cards but many wires: binding matched hundreds of claims anew after one volume
        # or StatefulSet changed (the volumes are taken in turn). Routing every wire of the
        # design for them held the window 2.5 s at 15,000 resources, and routing just them
        # (long wires to volumes across the design) 1 to 1.5 s: they go in slices.
        scene.route_slices.add([scene.nodes[rid] for rid in touched if rid in scene.nodes],
                               wires)
        return
    if dropped is not None:
        nodes = [scene.nodes[rid] for rid in sorted(change.moved) if rid in scene.nodes]
        if not scene.route_slices.moved(nodes, *dropped):  # (else given back: an undo)
            placed = _clear_stand_ins(scene, nodes)
            if placed or scene.drag.dropped is None:  # (a drag's wires have plain shapes)
                route_dragged(nodes)
        return
    if touched or wires:  # (a removal frees room: the other wires stay clear of cards)
        nodes = [scene.nodes[rid] for rid in touched if rid in scene.nodes]
        # (each look-up is a step, and one more follows them: a routing with as many look-ups
        # as the budget cannot end within it, so it is not started here)
        if look_ups_at_least(wires) >= ROUTE_NOW_STEPS or \
                not _route_now(route_around_steps(nodes, scene.items, wires)):
            # a few long wires: a StatefulSet's new claims, or the claims binding matched anew
            # after a volume changed, wired to volumes across the design; routing 20 of them
            # held the window 250-570 ms at 15,000 resources
            scene.route_slices.add(nodes, wires)
    if touched or wires or change.removed or change.settings:
        scene.route_slices.restart()  # waiting wires: from the cards as they are now
        # routes kept for a move's undo were clear of the cards as they were then: a card
        # added, removed or changed since may stand in their way (a hand move back is then
        # matched as an undo), so later moves are routed again
        scene.route_slices.history.clear()


def _route_now(steps: Iterator[None]) -> bool:
    """Run a routing until it ends or pauses a `ROUTE_NOW_STEPS + 1`th time; True when it
    ended. (A routing left unfinished gave at most some of its wires their routes; the slices
    route them all again from the start, to the same routes.)"""
    return all(number < ROUTE_NOW_STEPS for number, _ in enumerate(steps))


def _clear_stand_ins(scene: CanvasScene, nodes: list[NodeItem]) -> bool:
    """Move the stand-ins a move of `nodes` put on another card to the first free slot
    beside their card (they keep their place beside it otherwise); True when one moved."""
    placed = False
    for node in nodes:
        for ghost in node.ghosts:
            card = QRectF(ghost.pos(), QSizeF(NODE_WIDTH, NODE_HEIGHT))
            if any(isinstance(item, NodeItem) and item is not ghost and item.isVisible()
                   and card.intersects(QRectF(item.pos(), card.size()))
                   for item in scene.items(card, Qt.ItemSelectionMode.IntersectsItemBoundingRect)):
                joins = ghost.ghost != "missing" and ghost.namespace == node.namespace
                ghost.anchor_offset = scene._free_offset(node, joins)
                ghost.setPos(node.pos() + ghost.anchor_offset)
                placed = True
    return placed


def _before_move(scene: CanvasScene, moved: set[str]) -> tuple[Positions, Positions, Picture]:
    """Where the moved cards were and are going, and their wires' routes before the move: a
    drag's from its press (`DragGesture.dropped`), else from the cards before they move."""
    nodes = [scene.nodes[rid] for rid in moved if rid in scene.nodes]
    after = {rid: scene.document.get(rid).position for rid in moved if rid in scene.nodes}
    dropped = scene.drag.dropped
    if dropped is not None and set(dropped[0]) == set(after):
        return dropped[0], after, dropped[1]
    return {node.rid: (node.pos().x(), node.pos().y()) for node in nodes}, after, \
        picture_of(nodes)


def _update_node(scene: CanvasScene, rid: str) -> set[str]:
    """Give one changed resource's item its new content; returns the namespaces whose
    frames must fit again."""
    frame = scene.frames_by_resource.get(rid)
    if frame is not None:  # a renamed Namespace moves to the frame of its new name
        res = scene.document.find(rid)
        scene._remove_node(rid)
        if res is None:
            return {frame.namespace}
        return {frame.namespace, scene._add_node(res).namespace}
    res, node = scene.document.find(rid), scene.nodes.get(rid)
    if res is None or node is None:
        return set()
    ns = effective_namespace(res)
    touched = {node.namespace, ns} if ns != node.namespace else set()  # cards keep size
    if ns != node.namespace:
        old = scene.frames_by_namespace.get(node.namespace)
        if old is not None:
            old.members.discard(rid)
        if ns:
            scene._frame(ns).members.add(rid)
    node.set_content(res.kind, res.name, summary(res), ns, res.api_version)
    if rid in scene.replicas:
        scene.replicas[rid].set_lines(replica_lines(res))
    return touched
