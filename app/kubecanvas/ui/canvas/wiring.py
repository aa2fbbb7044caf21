"""Wiring by mouse drag on the canvas: the rubber wire, the target's verdict, the release.

A mixin of `CanvasScene`, kept apart so the scene module stays about mirroring the document.
While a wire is dragged the node under the cursor shows (green or red border, status line,
tooltip) whether releasing there would wire the two, from the core's `connect_actions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QToolTip

from kubecanvas.model.connect import connect_actions, why_not
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.i18n import local_text, tr

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.style import Theme


# The type checker sees the scene the mixin is mixed into; at run time it is a plain class.
_Base = QGraphicsScene if TYPE_CHECKING else object


class WiringMixin(_Base):  # type: ignore[misc,valid-type]
    """The wire gesture; expects the attributes and signals `CanvasScene` defines."""

    if TYPE_CHECKING:
        document: Document
        graph: WiringGraph
        theme: Theme
        wiring_from: NodeItem | None
        _wire_line: QGraphicsPathItem | None
        _wire_target: NodeItem | None
        _wire_cache: dict[str, tuple[bool, str]]
        wire_released: SignalInstance
        status_message: SignalInstance

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
                verdict = (False, local_text(why_not(self.document, self.graph, source, target)))
            elif len(actions) == 1:
                verdict = (True, tr("Release: {action}").format(
                    action=local_text(actions[0].description)))
            else:
                verdict = (True, tr("Release to choose one of {count} ways: {actions}").format(
                    count=len(actions),
                    actions="; ".join(local_text(a.description) for a in actions[:3])))
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
            self.status_message.emit(tr("Drop on a resource to wire it"))
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
