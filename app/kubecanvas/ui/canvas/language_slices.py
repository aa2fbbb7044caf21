"""Another language on a big design: the cards and wires in view at once, the rest in slices.

Switching to Korean retranslated every card's summary and tooltip and every wire's label and
tooltip in the switch's own event-loop turn: the window stood still 1.5 s at 15,000 resources
(a real window under Xvfb, its event-loop gaps logged), most of it for the canvas; now
its longest pause is about 0.35 s (the docks' texts and the Problems rows, then the repaint).
Nobody reads 30,000 tooltips at once: a design of at most `AT_ONCE` items changes whole in
that turn, as before, and of a bigger one the items in view, so the window shows it in the
new language at once. The others follow in slices of `SLICE_SECONDS` of CPU, as routing after
a drop does (`route_slices.py`); a tooltip asked for before its item's turn says the old words
for a moment.

Items made meanwhile (an edit, an undo) are made in the new language; items removed meanwhile
are skipped; another switch starts again from the items in view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.canvas.node_item import NodeItem, ghost_line
from kubecanvas.ui.canvas.replicas import replica_lines
from kubecanvas.ui.canvas.summary import summary
from kubecanvas.ui.slices import run_slice, slice_timer

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.scene import CanvasScene

#: items retranslated in the switch's own turn at most (about 70 ms of it)
AT_ONCE = 1500
#: CPU time an event-loop turn spends on the rest (as routing's and the overview's slices)
SLICE_SECONDS = 0.006
#: items between two looks at the clock
_STEP = 25


class LanguageSlices(QObject):
    """The scene's items still in the language before the switch, and the slices that
    retranslate them."""

    def __init__(self, scene: CanvasScene) -> None:
        super().__init__(scene)
        self._scene = scene
        self._job: Iterator[None] | None = None
        self._timer = slice_timer(self, self._step)

    @property
    def waiting(self) -> bool:
        """Some items still show the language before the switch."""
        return self._job is not None

    def start(self) -> None:
        """The language changed: retranslate now a design of at most `AT_ONCE` items whole,
        and of a bigger one the items in view (up to `AT_ONCE`; none while the view shows the
        overview); the others in the slices that follow (any switch under way is dropped)."""
        shown, rest = _in_view_first(self._scene)
        items = shown + rest
        now = len(items) if len(items) <= AT_ONCE else min(len(shown), AT_ONCE)
        for item in items[:now]:
            _retranslate(self._scene, item)
        self._job = _steps(self._scene, items[now:]) if len(items) > now else None
        if self._job is not None:
            self._timer.start()
        else:
            self._timer.stop()

    def finish(self) -> None:
        """Retranslate what is left now (a picture of the scene is about to be taken)."""
        if self._job is not None:
            for _ in self._job:
                pass
            self._done()

    def _step(self) -> None:
        if self._job is not None and run_slice(self._job, SLICE_SECONDS):
            self._done()
        elif self._job is not None:
            self._timer.start()

    def _done(self) -> None:
        self._job = None
        self._timer.stop()


def _in_view_first(scene: CanvasScene) -> tuple[list[QGraphicsItem], list[QGraphicsItem]]:
    """Every item a switch retranslates: those in a view of the scene, and the others in the
    scene's own order (cards with their replica stacks, frames, wires)."""
    seen: set[QGraphicsItem] = set()
    shown: list[QGraphicsItem] = []
    for view in scene.views():
        if view.isVisible():
            for item in scene.items(view.mapToScene(view.viewport().rect()).boundingRect()):
                if item not in seen and isinstance(item, _KINDS):
                    seen.add(item)
                    shown.append(item)
    parts = (scene.nodes.values(), scene.frames_by_namespace.values(), scene.edge_items.values())
    rest: list[QGraphicsItem] = [item for part in parts for item in part if item not in seen]
    return shown, rest


_KINDS = (NodeItem, NamespaceFrameItem, EdgeItem)


def _steps(scene: CanvasScene, items: list[QGraphicsItem]) -> Iterator[None]:
    for number, item in enumerate(items, 1):
        _retranslate(scene, item)
        if number % _STEP == 0:
            yield


def _retranslate(scene: CanvasScene, item: QGraphicsItem) -> None:
    """One item's texts in the language now set (nothing for an item no longer shown)."""
    if item.scene() is not scene:
        return
    if isinstance(item, NodeItem):
        res = None if item.ghost else scene.document.find(item.rid)
        item.retranslate(summary(res) if res is not None
                         else ghost_line(item.ghost) if item.ghost else item.line)
        scene.stand_ins.retranslate((item,))
        stack = scene.replicas.get(item.rid)
        if stack is not None and res is not None:
            stack.lines = []  # forces the repaint and the new tooltip
            stack.set_lines(replica_lines(res))
    elif isinstance(item, (NamespaceFrameItem, EdgeItem)):
        item.retranslate()
