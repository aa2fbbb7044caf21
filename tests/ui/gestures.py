"""Real mouse gestures for GUI tests: events sent to a widget (the view's viewport), as a user's
hand makes them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tests.builders import snapshot

__all__ = ["drag", "routed", "send_mouse", "snapshot", "steps"]


def send_mouse(widget, kind, pos: QPoint, button=Qt.MouseButton.LeftButton,
               buttons=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Send one real mouse event to a widget (the view's viewport)."""
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, points: list[QPoint], modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at the first point, move through the rest, release at the last."""
    ev = QMouseEvent.Type
    send_mouse(widget, ev.MouseButtonPress, points[0], modifiers=modifiers)
    for point in points[1:]:
        send_mouse(widget, ev.MouseMove, point, Qt.MouseButton.NoButton, modifiers=modifiers)
    send_mouse(widget, ev.MouseButtonRelease, points[-1], buttons=Qt.MouseButton.NoButton,
               modifiers=modifiers)


def steps(start: QPoint, end: QPoint, count: int = 8) -> list[QPoint]:
    return [QPoint(int(start.x() + (end.x() - start.x()) * i / count),
                   int(start.y() + (end.y() - start.y()) * i / count)) for i in range(count + 1)]


def routed(scene, seconds: float = 30.0) -> int:
    """Let the event loop run until a drop's wires have their routes around the cards (they
    are routed in slices after the release: `route_slices.py`); the event-loop turns it took."""
    import time

    turns, until = 0, time.monotonic() + seconds
    while scene.route_slices.pending:
        assert time.monotonic() < until, "the routing in slices never ended"
        QApplication.processEvents()
        turns += 1
    return turns
