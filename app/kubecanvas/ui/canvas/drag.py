"""Dragging cards on the canvas: where a dragged card goes, its wires while it moves, one edit.

"Where does a press become a move edit": here. The scene owns one `DragGesture` (as it owns a
`WiringGesture`): a left press that grabs a real card starts it with the selected cards, each
move of a card snaps it to the grid and lets its wires follow in plain shapes (`route_dragged`:
routing them around every card near them at each mouse move cost a frame), and the release
reports every card that moved as one mapping, which the window turns into one undoable move
edit; its wires are then routed around the cards in slices (`route_slices.py`), from where
the cards are then: a drag holds any routing under way until its release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.model.layout import GRID
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.route_slices import Picture, Positions, RouteSlices, picture_of
from kubecanvas.ui.canvas.router import route_dragged

Moved = dict[str, tuple[float, float]]


class DragGesture:
    """One drag of the selected cards (or none), on one scene.

    Args:
        routes: the scene's routing in slices, held while a card is dragged.
        committed: called once at release with the new position of every card that moved;
            the move edit it makes routes their wires around the cards.
    """

    def __init__(self, routes: RouteSlices, committed: Callable[[Moved], None]) -> None:
        self._routes = routes
        self._committed = committed
        self.active = False
        self._start: dict[str, QPointF] = {}
        self._dragged: dict[str, NodeItem] = {}  # nodes whose wires took drag shapes
        self._before: Picture = ({}, {})  # the selected cards' wires and stand-ins at the press
        #: where the cards of the move being committed were, and their wires and stand-ins then
        self.dropped: tuple[Positions, Picture] | None = None

    def press(self, grabber: QGraphicsItem | None, selected: Iterable[QGraphicsItem]) -> None:
        """A left press: a drag starts when it grabbed a real card (not a stand-in)."""
        if isinstance(grabber, NodeItem) and not grabber.ghost:
            self.active = True
            nodes = [i for i in selected if isinstance(i, NodeItem) and not i.ghost]
            self._start = {node.rid: node.pos() for node in nodes}
            self._before = picture_of(nodes)
            self._routes.hold()

    def release(self, nodes: Mapping[str, NodeItem]) -> None:
        """The release: the moves leave as one edit, and wires go around the cards again.

        The move edit routes the wires of the cards it moves (`scene_update.follow`), so only
        cards dragged back to where they were are routed here: routing the moved ones before
        the edit as well did the release's work twice (a quarter of a second each on the bench's
        15,000-resource drag). Both in slices, after the release."""
        if not self.active:
            return
        self.active = False
        self._routes.release()
        moved = {}
        for rid, start in self._start.items():
            node = nodes.get(rid)
            if node is not None and node.pos() != start:
                moved[rid] = (node.pos().x(), node.pos().y())
        starts, self._start = self._start, {}
        dragged, self._dragged = self._dragged, {}
        if moved:
            self.dropped = ({rid: (starts[rid].x(), starts[rid].y()) for rid in moved},
                            self._before)
            self._committed(moved)
            self.dropped = None
        back = [node for rid, node in dragged.items() if rid not in moved]
        if back:  # the drag's plain shapes give way to routes around the cards
            self._routes.add(back)

    def snapped(self, pos: QPointF, snap: bool) -> QPointF:
        """Where a card dragged to `pos` goes: on the grid while dragging with `snap` on."""
        if self.active and snap:
            return QPointF(round(pos.x() / GRID) * GRID, round(pos.y() / GRID) * GRID)
        return pos

    def moved(self, node: NodeItem) -> None:
        """A card moved: while dragged (not a stand-in, whose wires follow its anchor's), its
        wires follow it in plain shapes until the release."""
        if self.active and not node.ghost:
            route_dragged([node])
            self._dragged[node.rid] = node
