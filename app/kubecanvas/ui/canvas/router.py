"""Routes for the scene's wires: around cards, labels where nothing else is.

The geometry is `model/layout/routing.py` (pure, tested without Qt); this module feeds it the
cards the scene draws and hands each `EdgeItem` its route. The whole scene is routed once when
it is built, and around what a document change moved or rewired (`route_around`). While a node
is dragged, each mouse move gives only its own wires (and its stand-ins') the router's plain
shapes among their end cards (`route_dragged`): routing them around every card near them cost
5 to 100 ms per move in a 15,000-resource design (a wire to a far-away StorageClass made the
neighbourhood the whole design), and the wires whose boxes held the card were rerouted too.
When the drag ends, `route_around` routes them around the cards, so no wire stays through one:
in steps (`route_around_steps`), which `route_slices.py` spreads over event-loop turns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.layout.card_index import CardIndex
from kubecanvas.model.layout.grid_astar import Steps, drain
from kubecanvas.model.layout.quality import Rect, segment_hits_rect
from kubecanvas.model.layout.routing import THOROUGH_LIMIT, Route, route_all_steps
from kubecanvas.model.layout.wide_search import Around
from kubecanvas.ui.canvas.edge_item import EdgeItem, label_width
from kubecanvas.ui.canvas.node_item import NodeItem

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.route_slices import RouteSlices

EdgeKey = tuple[str, str, str]

#: while a node is dragged, its wires avoid the cards this far around them (all at release)
DRAG_REACH = 400.0
#: wires that take their routes between two pauses of `route_items_steps`
APPLY_PAUSE = 100
#: the side of the squares the scene's index is asked for cards in, one per step
TILE = 2400.0


def _card(node: NodeItem) -> Rect:
    pos = node.pos()
    return (pos.x(), pos.y(), NODE_WIDTH, NODE_HEIGHT)


def route_items(nodes: Iterable[NodeItem], items: Sequence[EdgeItem], quick: bool = False,
                left: list[EdgeItem] | None = None) -> None:
    """Route `items` among the visible `nodes` (every card is an obstacle but a wire's ends);
    `quick`: plain Z shapes only; `left`: given, the wires whose plain shapes all meet a card
    keep one and are put here, to be searched around the cards later (`route_all`)."""
    drain(route_items_steps(nodes, items, quick, left))


def visible_cards_steps(nodes: Iterable[NodeItem]) -> Steps[dict[str, Rect]]:
    """The boxes of the visible `nodes` by id, in steps (thousands, for a wire across a big
    design)."""
    cards: dict[str, Rect] = {}
    for number, node in enumerate(nodes, 1):
        if node.isVisible():
            cards[node.rid] = _card(node)
        if number % 250 == 0:
            yield
    return cards


def route_items_steps(nodes: Iterable[NodeItem], items: Sequence[EdgeItem], quick: bool = False,
                      left: list[EdgeItem] | None = None, thorough: bool | None = None,
                      index: CardIndex | None = None, around: Around | None = None
                      ) -> Steps[None]:
    """`route_items` in steps: the wires take their routes after the routing's last step
    (`APPLY_PAUSE` at a time); `thorough`: as `route_all` has it; `index`: the cards already
    indexed (batches of wires among the same cards), in place of `nodes`; `around`: as
    `route_all_steps` has it."""
    cards = index.cards if index is not None else (yield from visible_cards_steps(nodes))
    wanted = [item for item in items if item.source.rid in cards and item.target.rid in cards]
    yield
    plain: list[int] | None = [] if left is not None else None
    routes = yield from route_all_steps(
        cards, [(item.source.rid, item.target.rid) for item in wanted],
        [label_width(item.edge.type, item.label) for item in wanted], quick, plain, thorough,
        index, around)
    if left is not None and plain:
        left += (wanted[i] for i in plain)
    for number, (item, route) in enumerate(zip(wanted, routes, strict=True), 1):
        item.set_route(route if route.points else None)
        if number % APPLY_PAUSE == 0:  # a few hundred wires taking their routes: 25 ms
            yield


def route_whole(nodes: Collection[NodeItem], wires: Sequence[EdgeItem],
                slices: RouteSlices | None = None) -> None:
    """Route all the `wires` of a scene among its `nodes`. In the editor (`slices`, which is
    then told to forget the wires waiting there), a big design's wires that no plain shape
    takes past the cards keep one and are searched around the cards in slices after this
    (`route_slices.py`): at 15,000 resources the searches take 3 s, which the first paint
    would wait for. A picture (no `slices`) searches them at once."""
    if slices is None:
        route_items(nodes, wires)
        return
    slices.drop()
    left: list[EdgeItem] | None = [] if len(wires) > THOROUGH_LIMIT else None
    route_items(nodes, wires, left=left)
    if left:
        slices.add_hard(left, nodes)


def stale_wires(nodes: Iterable[NodeItem], graph: WiringGraph, items: Mapping[EdgeKey, EdgeItem],
                drawn: Callable[[Edge], Edge]) -> list[EdgeItem]:
    """The wires drawn at `nodes` that are no longer the graph's. The others keep their items
    and routes: most edits (a value, replicas) change no wire, and one that does (a selector)
    changes a few; removing every wire of the edited resources and routing them again among
    the cards around them took 100 ms at 5,000 resources (a StatefulSet's wire to a shared
    StorageClass spans half the design). Only new wires are routed (`route_around`)."""
    stale: dict[EdgeKey, EdgeItem] = {}
    for node in nodes:
        wanted = {(e.source, e.target, e.key): e for e in map(
            drawn, graph.out_edges(node.rid) + graph.in_edges(node.rid))}  # as `drawn` shows it
        for wire in node.edges:
            if wanted.get(wire.key) != items[wire.key].edge:
                stale[wire.key] = items[wire.key]
    return list(stale.values())


def free_lane(source: NodeItem, target: NodeItem) -> int:
    """The first lane no wire between the two cards uses (a wire between them may have gone)."""
    taken = {e.lane for e in source.edges if isinstance(e, EdgeItem)
             and (e.target is target or e.source is target)}
    return next(lane for lane in range(len(taken) + 1) if lane not in taken)


def ordered(items: Iterable[EdgeItem]) -> list[EdgeItem]:
    """Wires in a fixed order (by what they join, never by ids): the same design always routes
    the same way. A key that holds the far end's id is compared without it: a claim
    template's card binds each replica's volume by a `bind:<volume id>` edge, and those wires
    were routed in a different order, to swapped ports, from one run to the next."""
    def key(item: EdgeItem) -> tuple[str, ...]:
        s, t, edge = item.source, item.target, item.edge
        return (s.namespace, s.kind, s.name, edge.key.replace(edge.target, ""), t.namespace,
                t.kind, t.name, edge.key)

    return sorted(items, key=key)


def wires_of(nodes: Iterable[NodeItem]) -> list[EdgeItem]:
    """The wires of `nodes` and of their stand-ins (which move with them)."""
    return [w for node in nodes
            for w in set(node.edges).union(*(ghost.edges for ghost in node.ghosts))
            if isinstance(w, EdgeItem)]


def _runs_through(wire: EdgeItem, rect: QRectF) -> bool:
    """True when the wire's route passes through `rect` (a wire without a route: its box)."""
    if wire.route is None or len(wire.route.points) < 2:
        return True
    box = (rect.x(), rect.y(), rect.width(), rect.height())
    points = wire.route.points
    return any(segment_hits_rect(a, b, box) for a, b in zip(points, points[1:], strict=False))


def route_dragged(nodes: Sequence[NodeItem]) -> None:
    """While `nodes` are dragged: their wires take the router's plain shapes among their own end
    cards only, at a cost per wire whatever the design's size (they may cross other cards until
    the drag ends and `route_around` routes them). Plain: the crossing count, A* detours and
    uncrossing that a few wires otherwise get cost a Deployment's dozen wires 9 ms at a grid
    step, and far more where A* searched (98 ms under the profiler on the bench's drag),
    against 2 ms: a frame missed every few moves."""
    wires = ordered(set(wires_of(nodes)))
    route_items({end for w in wires for end in (w.source, w.target)}, wires, quick=True)


def route_around(nodes: Sequence[NodeItem], items_in: Callable[..., list[QGraphicsItem]],
                 new: Iterable[EdgeItem] = ()) -> None:
    """Route again the wires of `nodes` (and of their stand-ins) and the `new` wires, with
    those they run beside (the same two cards: a bundle is routed together), among the cards
    near them; `items_in` is the scene's spatial index (`QGraphicsScene.items(rect)`). A full
    routing after each edit would cost 2 s in a 5,000-resource design."""
    drain(route_around_steps(nodes, items_in, new))


def route_around_steps(nodes: Sequence[NodeItem],
                       items_in: Callable[..., list[QGraphicsItem]],
                       new: Iterable[EdgeItem] = (),
                       before: dict[EdgeKey, tuple[EdgeItem, Route | None]] | None = None,
                       thorough: bool | None = None) -> Steps[None]:
    """`route_around` in steps (a pause after each look-up of the scene's index, and in the
    routing's searches); the wires take their routes after the last step. `before` gets
    each wire routed, with the route it had; `thorough`: as `route_all` has it."""
    wires = wires_of(nodes)
    # and the wires that now run through a moved card (not every wire whose box holds it:
    # the box of a wire to a shared StorageClass covers much of the design)
    for node in nodes:
        rect = node.sceneBoundingRect()
        wires += [i for i in items_in(rect) if isinstance(i, EdgeItem) and _runs_through(i, rect)]
        yield
    for wire in new:
        wires += [e for e in wire.source.edges if isinstance(e, EdgeItem)
                  and (e.target is wire.target or e.source is wire.target)]
    if not wires:
        return
    wires = ordered(set(wires))
    areas = [_reach(w.source.pos(), w.target.pos()) for w in wires]
    union = areas[0]
    for area in areas[1:]:
        union = union.united(area)
    # wires far apart (the pods a Service selected, all over the design) are looked around
    # one by one: the box around all of them held a thousand cards (100 ms to route)
    if sum(a.width() * a.height() for a in areas) >= union.width() * union.height():
        areas = [union]
    near: dict[NodeItem, None] = {}
    for tile in (tile for area in areas for tile in _tiles(area)):
        yield  # (a card's shape is its box: Qt then asks no wire for its shape)
        near.update((i, None) for i in items_in(tile, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
                    if isinstance(i, NodeItem))
    yield
    if before is not None:
        before.update((w.key, (w, w.route)) for w in wires)
    yield from route_items_steps(near, wires, thorough=thorough)


def look_ups_at_least(wires: Iterable[EdgeItem]) -> int:
    """How many look-ups of the scene's index `route_around_steps` makes at the least for the
    new `wires`, one per step, known before it makes any: the squares of the widest new wire's
    reach (any box it looks in holds that reach)."""
    counts = [_tile_count(_reach(w.source.pos(), w.target.pos())) for w in wires]
    return max(counts, default=0)


def _tile_count(area: QRectF) -> int:
    return math.ceil(area.width() / TILE) * math.ceil(area.height() / TILE)


def _tiles(area: QRectF) -> Iterable[QRectF]:
    """`area` in squares of at most `TILE` px: one look-up of a 30,000 px box in a big design
    (Qt asks each of thousands of items for its box) held the event loop 20 ms."""
    y = area.top()
    while y < area.bottom():
        x = area.left()
        while x < area.right():
            yield QRectF(x, y, min(TILE, area.right() - x), min(TILE, area.bottom() - y))
            x += TILE
        y += TILE


def _reach(a: QPointF, b: QPointF) -> QRectF:
    """The box around a wire's ends, grown by `DRAG_REACH`: the cards it is routed among."""
    return QRectF(min(a.x(), b.x()) - DRAG_REACH, min(a.y(), b.y()) - DRAG_REACH,
                  abs(a.x() - b.x()) + 2 * DRAG_REACH, abs(a.y() - b.y()) + 2 * DRAG_REACH)
