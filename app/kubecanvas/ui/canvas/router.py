"""Routes for the scene's wires: around cards, labels where nothing else is.

The geometry is `model/layout/routing.py` (pure, tested without Qt); this module feeds it the
cards the scene draws and hands each `EdgeItem` its route. The whole scene is routed once when
it is built and after each document change that moves or rewires something; while a node is
dragged only its own wires are routed again, against the cards as they stand, which costs a few
milliseconds for a node with a dozen wires (measured with tests/bench/bench_canvas.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.layout.quality import Rect
from kubecanvas.model.layout.routing import route_all
from kubecanvas.ui.canvas.edge_item import EdgeItem, label_width
from kubecanvas.ui.canvas.node_item import NodeItem

EdgeKey = tuple[str, str, str]

#: while a node is dragged, its wires avoid the cards this far around them (all at release)
DRAG_REACH = 400.0


def _card(node: NodeItem) -> Rect:
    pos = node.pos()
    return (pos.x(), pos.y(), NODE_WIDTH, NODE_HEIGHT)


def route_items(nodes: Iterable[NodeItem], items: Sequence[EdgeItem]) -> None:
    """Route `items` among the visible `nodes` (every card is an obstacle but a wire's ends)."""
    cards = {node.rid: _card(node) for node in nodes if node.isVisible()}
    wanted = [item for item in items if item.source.rid in cards and item.target.rid in cards]
    routes = route_all(cards, [(item.source.rid, item.target.rid) for item in wanted],
                       [label_width(item.edge.type, item.label) for item in wanted])
    for item, route in zip(wanted, routes, strict=True):
        item.set_route(route if route.points else None)


def wires_differ(node: NodeItem, graph: WiringGraph, items: Mapping[EdgeKey, EdgeItem]) -> bool:
    """True when the wires drawn at `node` are not the graph's: most edits (a value, replicas)
    change no wire, and a node whose wires stay keeps their items and routes (removing and
    routing them again around the edited resource's neighbours took 100 ms at 5,000)."""
    drawn = {i.key: items[i.key].edge for i in node.edges}
    wanted = [e for e in graph.out_edges(node.rid) + graph.in_edges(node.rid)
              if e.source != e.target]
    return len(wanted) != len(drawn) or any(
        drawn.get((e.source, e.target, e.key)) != e for e in wanted)


def ordered(items: Iterable[EdgeItem]) -> list[EdgeItem]:
    """Wires in a fixed order (by what they join, never by ids): the same design always routes
    the same way."""
    def key(item: EdgeItem) -> tuple[str, ...]:
        s, t = item.source, item.target
        return (s.namespace, s.kind, s.name, item.edge.key, t.namespace, t.kind, t.name)

    return sorted(items, key=key)


def route_around(nodes: Sequence[NodeItem], items_in: Callable[[QRectF], list[QGraphicsItem]]
                 ) -> None:
    """Route again the wires of `nodes` (and of their stand-ins) among the cards near them;
    `items_in` is the scene's spatial index (`QGraphicsScene.items(rect)`). Indexing every card
    at each mouse move of a drag would cost more than a frame in a 5,000-resource design, and
    a full routing after each edit 2 s."""
    wires = [w for node in nodes
             for w in set(node.edges).union(*(ghost.edges for ghost in node.ghosts))
             if isinstance(w, EdgeItem)]
    # and the wires that now run where a moved card is
    wires += [i for node in nodes for i in items_in(node.sceneBoundingRect())
              if isinstance(i, EdgeItem)]
    if not wires:
        return
    ends = [end.pos() for w in wires for end in (w.source, w.target)]
    xs, ys = [p.x() for p in ends], [p.y() for p in ends]
    area = QRectF(min(xs) - DRAG_REACH, min(ys) - DRAG_REACH,
                  max(xs) - min(xs) + 2 * DRAG_REACH, max(ys) - min(ys) + 2 * DRAG_REACH)
    near = [i for i in items_in(area) if isinstance(i, NodeItem)]
    route_items(near, ordered(set(wires)))
