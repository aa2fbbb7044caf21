"""Renaming a node in place: a line edit over the node's name, opened by a double-click.

Enter (or clicking elsewhere) commits through `rename_edit`, which also updates every by-name
reference, as one undoable step; Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.i18n import tr


class RenameEditor(QLineEdit):
    """A one-shot editor placed over a node's name."""

    def __init__(self, view: QGraphicsView, node: NodeItem,
                 commit: Callable[[str, str], None]) -> None:
        super().__init__(node.name, view.viewport())
        self.node_id = node.rid
        self._commit = commit
        self._done = False
        rect = QRectF(node.pos() + QPointF(54, 6), node.pos() + QPointF(176, 30))
        shown = view.mapFromScene(rect).boundingRect()
        self.setGeometry(shown.adjusted(0, 0, 0, 4))
        self.setToolTip(tr("Enter to rename (references are updated too), Escape to cancel"))
        self.editingFinished.connect(self.finish)
        self.installEventFilter(self)
        self.show()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return super().eventFilter(watched, event)

    def finish(self) -> None:
        if self._done:
            return
        self._done = True
        name = self.text().strip()
        self.hide()
        self.deleteLater()
        if name:
            self._commit(self.node_id, name)

    def cancel(self) -> None:
        self._done = True
        self.hide()
        self.deleteLater()
