"""Scrolling the canvas while a drag nears its edge, as every diagram editor does.

Without it a card could only be dragged as far as the window shows: to move it further the user
dropped it at the edge, scrolled, and dragged again, two undo steps for one move, and a card
dropped at the edge left its namespace frame's title outside the view. While the left button
drags a card, a wire from a handle or the rubber band, and the pointer is within `MARGIN`
pixels of the viewport's edge (or past it), a timer scrolls the view a step per tick, faster
the deeper the pointer is: what is dragged follows the pointer, which stays on the same spot of
the screen while the scene moves under it.

`QGraphicsView` replays the last mouse move after each scroll, which carries a grabbed card or
wire along; the rubber band is not part of that replay, so for it the tick sends the move.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsView

MARGIN = 24  # pixels from the viewport's edge where the scrolling starts
FASTEST = 24  # pixels a tick at the edge and beyond it
TICK_MS = 30


def push(pos: QPointF, width: int, height: int) -> tuple[int, int]:
    """How far to scroll per tick for a pointer at `pos` in a viewport of that size: zero in the
    middle, growing to `FASTEST` from `MARGIN` pixels inside an edge to the edge itself."""
    def along(at: float, length: int) -> int:
        if length <= 3 * MARGIN:  # a viewport too small to have a middle never scrolls
            return 0
        if at < MARGIN:
            return -_speed(MARGIN - at)
        if at > length - MARGIN:
            return _speed(at - (length - MARGIN))
        return 0
    return along(pos.x(), width), along(pos.y(), height)


def _speed(depth: float) -> int:
    return max(1, min(FASTEST, round(FASTEST * depth / MARGIN)))


class EdgeScroll(QObject):
    """The edge scrolling of one view; the view reports its mouse moves and releases."""

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self._view = view
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._pos = QPointF()
        self._step = (0, 0)

    @property
    def scrolling(self) -> bool:
        return self._timer.isActive()

    def follow(self, event: QMouseEvent) -> None:
        """A mouse move on the viewport: start, steer or stop the scrolling."""
        self._pos = event.position()
        self._step = (0, 0)
        if event.buttons() & Qt.MouseButton.LeftButton and self._dragging():
            viewport = self._view.viewport()
            self._step = push(self._pos, viewport.width(), viewport.height())
        if self._step == (0, 0):
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """The button was released (or the drag ended some other way)."""
        self._timer.stop()
        self._step = (0, 0)

    def _dragging(self) -> bool:
        scene = self._view.scene()
        grabbed = scene is not None and scene.mouseGrabberItem() is not None
        return grabbed or not self._view.rubberBandRect().isNull()

    def _tick(self) -> None:
        if not self._dragging():
            self.stop()
            return
        band = not self._view.rubberBandRect().isNull()
        hbar, vbar = self._view.horizontalScrollBar(), self._view.verticalScrollBar()
        before = (hbar.value(), vbar.value())
        hbar.setValue(hbar.value() + self._step[0])
        vbar.setValue(vbar.value() + self._step[1])
        if band and (hbar.value(), vbar.value()) != before:
            viewport = self._view.viewport()
            QApplication.sendEvent(viewport, QMouseEvent(
                QMouseEvent.Type.MouseMove, self._pos, viewport.mapToGlobal(self._pos),
                Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier))
