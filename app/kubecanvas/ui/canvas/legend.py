"""The legend: which wire colour and dash means what, for the wire types the picture uses.

`kubecanvas render` adds it under the picture (on by default for SVG, PDF and PNG, `--no-legend`
to leave it out), so a diagram pasted into a document explains itself. Stand-ins are listed
too when the picture has any (missing: red dashed; created by a controller or provided by the
cluster: grey dashed). The entries follow the order of `EDGE_STYLES`, never the scene's.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import EDGE_STYLES, SEVERITY_COLOURS, EdgeStyle, current_theme
from kubecanvas.ui.i18n import tr

_FONT = QFont()
_FONT.setPixelSize(12)
ROW = 20.0
SWATCH = 36.0
PAD = 10.0
MAX_WIDTH = 620.0


class LegendItem(QGraphicsItem):
    """A framed list of wire types (swatch and name), in rows at most `MAX_WIDTH` wide."""

    def __init__(self, edge_types: Iterable[str], ghosts: Iterable[str] = ()) -> None:
        super().__init__()
        used = set(edge_types)
        self.entries: list[tuple[EdgeStyle | None, str, str]] = [
            (style, tr(style.title), "") for kind, style in EDGE_STYLES.items() if kind in used]
        shown = set(ghosts)
        if "missing" in shown:
            self.entries.append((None, tr("not defined"), SEVERITY_COLOURS["error"]))
        if shown & {"generated", "provided"}:
            self.entries.append((None, tr("created per replica or provided by the cluster"),
                                 "#9aa3ad"))
        if "external" in shown:
            self.entries.append((None, tr("network peer outside the design"), "#9aa3ad"))
        metrics = QFontMetrics(_FONT)
        # entries flow left to right, each as wide as its text, rows no wider than MAX_WIDTH
        self.places: list[tuple[float, float, float]] = []
        x, row, widest = 0.0, 1, 0.0
        for _, text, _ in self.entries:
            width = SWATCH + 8 + metrics.horizontalAdvance(text) + 22
            if x > 0 and x + width > MAX_WIDTH:
                x, row = 0.0, row + 1
            self.places.append((PAD + x, PAD + row * ROW, width))
            x += width
            widest = max(widest, x)
        self._rect = QRectF(0, 0, 2 * PAD + widest, 2 * PAD + (row + 1) * ROW)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = current_theme()
        scene_theme = getattr(self.scene(), "theme", None)
        if scene_theme is not None:
            theme = scene_theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(theme.node_border), 1))
        painter.setBrush(QColor(theme.node_fill))
        painter.drawRoundedRect(self._rect, 6, 6)
        painter.setFont(_FONT)
        painter.setPen(QColor(theme.text))
        painter.drawText(QRectF(PAD, PAD, self._rect.width(), ROW),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tr("Wires"))
        for (style, text, colour), (x, y, width) in zip(self.entries, self.places, strict=True):
            if style is not None:
                pen = QPen(QColor(style.colour), style.width)
                pen.setStyle(style.dash)
            else:
                pen = QPen(QColor(colour), 1.4)
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QLineF(x, y + ROW / 2, x + SWATCH, y + ROW / 2))
            painter.setPen(QColor(theme.text))
            painter.drawText(QRectF(x + SWATCH + 8, y, width - SWATCH - 8, ROW),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def add_legend(scene: CanvasScene) -> LegendItem | None:
    """Put a legend of the wires `scene` draws under its content (None when it has no wire)."""
    types = {item.edge.type for item in scene.edge_items.values() if item.isVisible()}
    if not types:
        return None
    ghosts = {node.ghost for node in scene.nodes.values() if node.ghost and node.isVisible()}
    bounds = scene.itemsBoundingRect()
    legend = LegendItem(types, ghosts)
    scene.addItem(legend)
    legend.setPos(bounds.left(), bounds.bottom() + 24)
    return legend
