"""A namespace drawn as a frame around its resources.

The frame is derived from its members' positions: recomputed exactly when the document says
something moved, and only grown (constant work) while a node is being dragged, so a drag among
hundreds of siblings costs nothing per mouse move.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.style import Theme, current_theme

PADDING = 20.0
HEADER = 30.0
_TITLE_FONT = QFont()
_TITLE_FONT.setPixelSize(14)
_TITLE_FONT.setBold(True)


class NamespaceFrameItem(QGraphicsItem):
    """The frame of one namespace; not selectable, drawn below nodes and edges."""

    def __init__(self, namespace: str) -> None:
        super().__init__()
        self.namespace = namespace
        self.members: set[str] = set()
        self._rect = QRectF()
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def frame_rect(self) -> QRectF:
        return QRectF(self._rect)

    def fit(self, positions: Iterable[tuple[float, float]]) -> None:
        """Fit the frame exactly around nodes at these positions."""
        xs: list[float] = []
        ys: list[float] = []
        for x, y in positions:
            xs.append(x)
            ys.append(y)
        if not xs:
            rect = QRectF()
        else:
            rect = QRectF(min(xs) - PADDING, min(ys) - PADDING - HEADER,
                          max(xs) - min(xs) + NODE_WIDTH + 2 * PADDING,
                          max(ys) - min(ys) + NODE_HEIGHT + 2 * PADDING + HEADER)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def grow_to(self, x: float, y: float) -> None:
        """Grow (never shrink) to hold a node at (x, y): the cheap update during a drag."""
        node = QRectF(x - PADDING, y - PADDING - HEADER, NODE_WIDTH + 2 * PADDING,
                      NODE_HEIGHT + 2 * PADDING + HEADER)
        if not self._rect.contains(node):
            self.prepareGeometryChange()
            self._rect = self._rect.united(node)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self._rect.isNull():
            return
        scene = self.scene()
        theme = getattr(scene, "theme", None)
        theme = theme if isinstance(theme, Theme) else current_theme()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        pen = QPen(QColor(theme.frame_border), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(theme.frame_fill)))
        painter.drawRoundedRect(self._rect, 12, 12)
        painter.setFont(_TITLE_FONT)
        painter.setPen(QColor(theme.subtext))
        title = QRectF(self._rect.x() + 14, self._rect.y() + 8, self._rect.width() - 28, 20)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft, f"namespace {self.namespace}")
