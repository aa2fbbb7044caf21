"""The canvas scene's rectangle: set by hand, with room around the content, grown in steps.

Why: left to Qt, a scene's rectangle grows with its content, and each time it grows Qt throws
its item index away (`QGraphicsSceneBspTreeIndex::updateSceneRect` resets it) and builds it
again at the next paint, asking every item for its bounds. Dragging a card past the edge of a
15,000-resource design grew the rectangle at most mouse moves: moves of 100-140 ms; at 5,000,
the first routed wire that detoured past the edge after opening made a 40 ms turn. Here the
rectangle is the content with `ROOM` on every side, and it grows (the index is rebuilt) only
when something reaches past that room, by `ROOM` again: once for a card dragged a screen's
width past the edge.

It never shrinks, as Qt's growing rectangle never did. What it misses (an item that moved
with no word to `cover`) is still drawn and found: items outside the index's rectangle are
indexed at its edge; only the view's scroll room would not reach them.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer
from PySide6.QtWidgets import QGraphicsScene

#: room around the content, in scene units (about a window's width at 100 %)
ROOM = 1600.0


class SceneBounds:
    """Keeps `scene`'s rectangle around its content (see the module text)."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.paused = False  # while a scene is filled: `fit` once at the end
        self._measured: QRectF | None = None  # the content's, while nothing changed

    def fit(self) -> None:
        """The rectangle of everything on the scene now, with room around it."""
        self.paused = False
        rect = self.content()
        self.scene.setSceneRect(rect.adjusted(-ROOM, -ROOM, ROOM, ROOM))

    def content(self) -> QRectF:
        """The rectangle of everything on the scene (`itemsBoundingRect`), measured again only
        after a change (`forget`) or once the event loop has run."""
        if self._measured is None:
            self._measured = self.scene.itemsBoundingRect()
            QTimer.singleShot(0, self.forget)
        return QRectF(self._measured)

    def forget(self) -> None:
        """Something on the scene was added, removed, moved or reshaped."""
        self._measured = None

    def cover(self, rect: QRectF) -> None:
        """`rect` (scene coordinates) changed: grow the rectangle if it reaches past it."""
        self.forget()
        if self.paused:
            return
        current = self.scene.sceneRect()
        if current.contains(rect):
            return
        self.scene.setSceneRect(current.united(rect.adjusted(-ROOM, -ROOM, ROOM, ROOM)))
