"""A dropped card's wires routed around the cards after the release, in slices between events.

Routing the wires of a moved card around every card near it (`router.route_around_steps`)
took the release's own event-loop turn 112 ms at 5,000 resources and 259 ms at 15,000 (a
drag's wire to a far claim searched by A* over thousands of grid points): a visible freeze
each time a card is dropped. Now the release keeps the plain shapes the drag drew and the
routing runs in slices of at most `SLICE_SECONDS` of CPU each, as the overview's refresh does
(`overview.py`); the wires take their routes together after the last slice, so the final
picture is the one the release drew before.

Routes are computed from the cards as they are when the routing starts, so anything that
moves or changes cards while it runs (a document change, another drag) restarts it with
every card still waiting: no wire ends up routed around where a card used to be. A drag
holds it until its release (the dragged wires take plain shapes meanwhile).

Undo of a move gives back the routes from before it exactly (`RouteHistory`), and where its
stand-ins were beside it: routing the wires again at the old place would draw them otherwise
(the design was routed whole when opened, a moved card's wires among the cards near it), and
a stand-in the move put on a free slot (`CanvasScene.clear_stand_ins`) would stay there.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.io.heap import hold_full_passes, release_full_passes
from kubecanvas.model.layout.routing import Route, card_index_steps
from kubecanvas.model.layout.wide_search import Around
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.router import (
    EdgeKey,
    route_around_steps,
    route_items_steps,
    visible_cards_steps,
    wires_of,
)
from kubecanvas.ui.slices import run_slice, slice_timer

#: CPU time one event-loop turn spends routing (the overview's slices take 6 ms too)
SLICE_SECONDS = 0.006
#: new wires routed together (`RouteSlices._steps`)
BATCH = 400
#: moves whose routes undo gives back (older ones are routed again)
HISTORY = 100

Positions = dict[str, tuple[float, float]]
Routes = dict[EdgeKey, Route | None]
#: the routes of some wires and where some stand-ins sit beside their cards (offsets, by id)
Picture = tuple[Routes, Positions]


def picture_of(nodes: Iterable[NodeItem]) -> Picture:
    """The routes the wires of `nodes` (and of their stand-ins) have now, and where the
    stand-ins sit beside them."""
    nodes = list(nodes)
    return ({wire.key: wire.route for wire in wires_of(nodes)},
            {ghost.rid: (ghost.anchor_offset.x(), ghost.anchor_offset.y())
             for node in nodes for ghost in node.ghosts})


class RouteSlices(QObject):
    """The wires still to be routed around the cards, and the slices that route them.

    Args:
        items_in: the scene's spatial index (`QGraphicsScene.items`).
        wires: the scene's wires by key (for routes given back by undo).
        parent: the scene: its slices end with it (a slice of a closed window's scene would
            route wires Qt has deleted).
    """

    #: every waiting wire has its route (also when undo gave routes back at once)
    finished = Signal()

    def __init__(self, items_in: Callable[[QRectF], list[QGraphicsItem]],
                 wires: Mapping[EdgeKey, EdgeItem], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items_in = items_in
        self._wires = wires
        self.history = RouteHistory()
        self._nodes: dict[str, NodeItem] = {}  # the cards whose wires wait, by id
        self._new: dict[EdgeKey, EdgeItem] = {}  # and wires new since
        self._hard: dict[EdgeKey, EdgeItem] = {}  # and a big design's, left when it opened
        self._cards: Collection[NodeItem] = ()  # ... which are routed among these
        self._holding = False  # full passes of the collector held for them (io/heap.py)
        self._moves = 0  # moves whose wires wait (one: its routes are remembered for undo)
        self._job: Iterator[None] | None = None
        self._held = False
        self._timer = slice_timer(self, self._step)

    @property
    def pending(self) -> bool:
        """Wires wait for their routes (they show the plain shapes of a drag meanwhile)."""
        return bool(self._nodes or self._new or self._hard)

    def moved(self, nodes: list[NodeItem], before: Positions, after: Positions,
              picture: Picture) -> bool:
        """`nodes` moved from `before` to `after`; `picture`: their wires' routes and their
        stand-ins' places before. An undo (or redo) of the latest move gives them back at once
        (True); any other move's wires are routed in slices (False)."""
        given = self.history.moved(before, after, picture)
        if given is not None and set(self._nodes) <= set(after) and not self._new:
            self._forget()
            give_back(given, self._wires, nodes)
            self.finished.emit()
            return True
        if given is not None or self.pending:  # routed together with another move's wires:
            self.history.clear()  # no routes of its own to give back
        self._moves += 1
        self.add(nodes)
        return False

    def add(self, nodes: Iterable[NodeItem], new: Iterable[EdgeItem] = ()) -> None:
        """Route the wires of `nodes` and the `new` wires in slices, with those waiting."""
        self._nodes.update((node.rid, node) for node in nodes)
        self._new.update((wire.key, wire) for wire in new)
        self.restart()

    def add_hard(self, wires: Iterable[EdgeItem], cards: Collection[NodeItem]) -> None:
        """Route in slices the wires a big design's routing left in plain shapes through cards
        when it opened (`router.route_whole`): after the other waiting wires, among all the
        `cards` (a live view of the scene's), not thoroughly (as a big design is routed),
        `BATCH` at a time. (Not among the cards near each, as a drop's: asking the scene for
        the cards along thousands of long wires cost 5 s at 5,000 resources.)"""
        self._hard.update((wire.key, wire) for wire in wires)
        self._cards = cards
        if self._hard and not self._holding:
            self._holding = True  # (released when they are routed, or dropped: `_forget`)
            hold_full_passes()
        self.restart()

    def restart(self) -> None:
        """The cards changed: route every waiting wire again from the cards as they are now."""
        self._job = None
        self._timer.stop()
        if self.pending and not self._held:
            self._timer.start()

    def hold(self) -> None:
        """A drag started: no routing until `release` (the cards are moving)."""
        self._held = True
        self.restart()

    def release(self) -> None:
        self._held = False
        self.restart()

    def drop(self) -> None:
        """Forget every waiting wire (the whole design was routed again)."""
        self._forget()
        self.history.clear()
        self.restart()

    def _forget(self) -> None:
        if self._holding:
            self._holding = False
            release_full_passes()
        self._nodes, self._new, self._hard, self._moves = {}, {}, {}, 0

    def finish(self) -> None:
        """Route every waiting wire now (an export, a test: the picture as it will be)."""
        if self._held or not self.pending:
            return
        job = self._job or self._steps()
        self._job = job
        for _ in job:
            pass
        self._done(job)

    def _step(self) -> None:
        """One event-loop turn: routing steps until `SLICE_SECONDS` of CPU are spent."""
        if self._held or not self.pending:
            return
        if self._job is None:
            self._job = self._steps()
        job = self._job
        if not run_slice(job, SLICE_SECONDS):
            self._timer.start()
            return
        self._done(job)

    def _done(self, job: Iterator[None]) -> None:
        if self._job is job:
            self._job = None
            self._forget()
            self.finished.emit()

    def _steps(self) -> Iterator[None]:
        """The moved cards' wires with the first `BATCH` new wires, then the other new wires
        and the hard ones (`add_hard`) a batch at a time: each batch's wires take their routes
        when it ends, and leave the waiting ones, so a change that restarts the routing (an
        edit while a big design's hard wires are routed after it opened) costs one batch, not
        all of them again."""
        nodes = [node for node in self._nodes.values() if node.scene() is not None]
        new = [wire for wire in self._new.values() if wire.scene() is not None]
        before: dict[EdgeKey, tuple[EdgeItem, Route | None]] = {}
        yield from route_around_steps(nodes, self._items_in, new[:BATCH], before)
        if self._moves == 1 and not new:
            self.history.routed({key: route for key, (_, route) in before.items()},
                                ({key: wire.route for key, (wire, _) in before.items()},
                                 picture_of(nodes)[1]))
        for start in range(BATCH, len(new), BATCH):
            self._nodes, self._moves = {}, 0
            for wire in new[start - BATCH:start]:
                self._new.pop(wire.key, None)
            yield from route_around_steps([], self._items_in, new[start:start + BATCH])
        self._nodes, self._new, self._moves = {}, {}, 0
        hard = [wire for wire in self._hard.values() if wire.scene() is not None]
        if not hard:
            return
        index = yield from card_index_steps((yield from visible_cards_steps(self._cards)))
        # one record of the wires searched around the cards for all batches: a claim's wire
        # to its volume and the volume's back (volumeName, claimRef) then search once, even
        # when a batch ends between them (183 of 635 such pairs searched twice at 15,000)
        around = Around()
        for start in range(0, len(hard), BATCH):
            yield from route_items_steps((), hard[start:start + BATCH], thorough=False,
                                         index=index, around=around)
            for wire in hard[start:start + BATCH]:
                self._hard.pop(wire.key, None)


class RouteHistory:
    """The routes each move replaced, so its undo gives them back (and its redo the new ones).

    Only the latest move is matched (undo goes back in order): a card moved back by hand is
    routed again, since other cards may have moved since. A move is matched by its cards'
    positions before and after."""

    def __init__(self) -> None:
        self._done: list[tuple[Positions, Positions, Picture, Picture | None]] = []
        self._undone: list[tuple[Positions, Positions, Picture, Picture | None]] = []

    def clear(self) -> None:
        self._done, self._undone = [], []

    def moved(self, before: Positions, after: Positions, picture: Picture) -> Picture | None:
        """A move from `before` to `after`; `picture`: the moved cards' wires and stand-ins
        before it. What to give them at once (an undo or a redo), or None: route them. Routes
        of wires the move's routing changed later are added by `routed`."""
        if self._done and self._done[-1][:2] == (after, before):  # an undo
            entry = self._done.pop()
            self._undone.append(entry)
            return entry[2]
        if self._undone and self._undone[-1][:2] == (before, after) and \
                self._undone[-1][3] is not None:  # a redo of a move whose routing finished
            entry = self._undone.pop()
            self._done.append(entry)
            return entry[3]
        self._undone = []
        self._done = [*self._done[-HISTORY + 1:], (before, after, picture, None)]
        return None

    def routed(self, before: Routes, after: Picture) -> None:
        """The latest move's routing finished: `before`, the routes of every wire it routed
        before it did; `after`, those routes and the moved cards' stand-ins after."""
        if not self._done:
            return
        moved_from, moved_to, (routes, offsets), _ = self._done[-1]
        for key, route in before.items():
            routes.setdefault(key, route)
        self._done[-1] = (moved_from, moved_to, (routes, offsets), after)


def give_back(picture: Picture, wires: Mapping[EdgeKey, EdgeItem],
              nodes: Iterable[NodeItem]) -> None:
    """Give the stand-ins of `nodes` their places and the wires their routes (those still
    drawn)."""
    routes, offsets = picture
    for node in nodes:
        for ghost in node.ghosts:
            if ghost.rid in offsets:
                ghost.anchor_offset = QPointF(*offsets[ghost.rid])
                ghost.setPos(node.pos() + ghost.anchor_offset)
    for key, route in routes.items():
        wire = wires.get(key)
        if wire is not None:
            wire.set_route(route)
