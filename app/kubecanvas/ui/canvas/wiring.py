"""Wiring by mouse drag on the canvas: the rubber wire, the target's verdict, the release.

"Where does a drag become a wire": here. The scene owns one `WiringGesture`; a node hands it the
press on its round handle (or an Alt+press), the moves and the release. While a wire is dragged
the node under the cursor shows (green or red border, status line, tooltip) whether releasing
there would wire the two, from the core's `connect_actions`; a release on a node reports the two
ids, which the window turns into an undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QToolTip

from kubecanvas.model.connect import connect_actions, why_not
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.style import Theme
from kubecanvas.ui.i18n import local_text, tr


class WiringGesture:
    """One wire being dragged out of a node (or none), on one scene.

    Attributes:
        source: the node the wire starts at, None between gestures.
    """

    def __init__(self, scene: QGraphicsScene, document: Document, graph: WiringGraph,
                 theme: Callable[[], Theme], status: Callable[[str], None],
                 released: Callable[[str, str, QPoint], None]) -> None:
        self.scene = scene
        self.document = document
        self.graph = graph
        self._theme = theme
        self._status = status
        self._released = released
        self.source: NodeItem | None = None
        self._line: QGraphicsPathItem | None = None
        self._target: NodeItem | None = None
        self._cache: dict[str, tuple[bool, str]] = {}

    def begin(self, node: NodeItem, pos: QPointF) -> None:
        """Start dragging a wire out of `node`."""
        self.source = node
        self._cache = {}
        self._target = None
        line = QGraphicsPathItem()
        line.setPen(QPen(QColor(self._theme().selection), 2, Qt.PenStyle.DashLine))
        line.setZValue(50)
        self.scene.addItem(line)
        self._line = line
        self.follow(pos)

    def _target_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.scene.items(pos):
            if isinstance(item, NodeItem) and item is not self.source and not item.ghost:
                return item
        return None

    def verdict(self, source: str, target: str) -> tuple[bool, str]:
        """(possible, what releasing would do or why not), cached for one gesture."""
        if target not in self._cache:
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
            self._cache[target] = verdict
        return self._cache[target]

    def follow(self, pos: QPointF, screen: QPoint | None = None) -> None:
        """Follow the cursor and show whether the node under it can be wired."""
        source = self.source
        if source is None or self._line is None:
            return
        start = source.pos() + source.handle_center()
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(60, 0), pos - QPointF(60, 0), pos)
        self._line.setPath(path)
        target = self._target_at(pos)
        if target is self._target:
            return
        if self._target is not None:
            self._target.set_wire_state("")
        self._target = target
        if target is None:
            self._status(tr("Drop on a resource to wire it"))
            return
        possible, message = self.verdict(source.rid, target.rid)
        target.set_wire_state("ok" if possible else "no")
        self._status(message)
        if screen is not None:
            QToolTip.showText(screen, message)

    def finish(self, pos: QPointF, screen: QPoint) -> None:
        """End the gesture; reports (source, target, where) when dropped on a resource."""
        source = self.source
        self.follow(pos)
        target = self._target
        if target is not None:
            target.set_wire_state("")
        if self._line is not None:
            self.scene.removeItem(self._line)
        self._line = None
        self.source = None
        self._target = None
        QToolTip.hideText()
        if source is not None and target is not None:
            self._released(source.rid, target.rid, screen)
