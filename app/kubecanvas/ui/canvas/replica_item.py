"""A workload's replicas drawn under its node: `web-0 · data-web-0`, `3 × web-<hash>-xxxxx`.

A child of the node, so it moves with it for free; shown on demand (per node from the context
menu, or for every workload from View > Show Replicas) because it covers what lies below.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import fonts
from kubecanvas.ui.canvas.replicas import Replica
from kubecanvas.ui.canvas.style import Theme, current_theme, kind_colour, solid
from kubecanvas.ui.i18n import tr

ROW = 18.0
WIDTH = NODE_WIDTH - 20


class ReplicaStackItem(QGraphicsItem):
    """The list of replica chips below a node."""

    def __init__(self, parent: QGraphicsItem, lines: list[Replica]) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setPos(10, NODE_HEIGHT + 4)
        self.setToolTip("\n".join(self.full_texts()))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_lines(self, lines: list[Replica]) -> None:
        if lines != self.lines:
            self.prepareGeometryChange()
            self.lines = lines
            self.setToolTip("\n".join(self.full_texts()))
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, WIDTH + 2, len(self.lines) * (ROW + 3) + 2)

    def texts(self) -> list[str]:
        """The chips' text, as painted: the pod and its claims by template name (`web-0 ·
        data`); the full claim names (`data-web-0`) are in the tooltip."""
        return [line.name + ("  ·  " + ", ".join(c.removesuffix(f"-{line.name}")
                                                for c in line.claims) if line.claims else "")
                for line in self.lines]

    def full_texts(self) -> list[str]:
        return [tr("{pod} with {claims}").format(pod=line.name, claims=", ".join(line.claims))
                if line.claims else line.name for line in self.lines]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = getattr(self.scene(), "theme", None)
        theme = theme if isinstance(theme, Theme) else current_theme()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        accent = kind_colour("Pod")
        metrics = fonts.metrics(11)
        for row, text in enumerate(self.texts()):
            rect = QRectF(0, row * (ROW + 3), WIDTH, ROW)
            painter.setPen(QPen(accent, 1))
            painter.setBrush(solid(QColor(theme.node_fill)))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(solid(accent))
            painter.drawEllipse(QPointF(9, rect.center().y()), 3.5, 3.5)
            painter.setFont(fonts.font(11))
            painter.setPen(QColor(theme.text))
            painter.drawText(rect.adjusted(16, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                int(rect.width() - 20)))
