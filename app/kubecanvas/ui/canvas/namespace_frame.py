"""A namespace drawn as a frame around its resources.

The frame is derived from its members' positions: recomputed exactly when the document says
something moved, and only grown (constant work) while a node is being dragged, so a drag among
hundreds of siblings costs nothing per mouse move.

When the document holds the `Namespace` resource itself, the frame is that resource's node: its
title bar (only the title bar, so rubber-band selection inside the frame still works) selects it,
for the inspector and the YAML view, and carries its findings badge. A Namespace with no members
is drawn as an empty frame at the resource's own position.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import dash_pieces, fonts
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS, Theme, current_theme, solid
from kubecanvas.ui.i18n import tr

PADDING = 20.0
HEADER = 30.0


class NamespaceFrameItem(QGraphicsItem):
    """The frame of one namespace, drawn below nodes and edges.

    Attributes:
        rid: the id of the `Namespace` resource the frame stands for, or None when the document
            has no such resource (then the frame is decoration and cannot be selected).
    """

    def __init__(self, namespace: str) -> None:
        super().__init__()
        self.namespace = namespace
        self.members: set[str] = set()
        self.rid: str | None = None
        self.badge: tuple[int, str] | None = None
        self._own_position = (0.0, 0.0)
        self._rect = QRectF()
        self._border: tuple[tuple[object, ...], list[dash_pieces.Piece]] | None = None
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.retranslate()  # (a frame of no resource tells so, as after its Namespace is deleted)

    def set_resource(self, rid: str | None, position: tuple[float, float]) -> None:
        """Make the frame the node of a Namespace resource (None: of no resource)."""
        self.rid = rid
        self._own_position = position
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, rid is not None)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton if rid is not None
                                     else Qt.MouseButton.NoButton)
        self.retranslate()
        if not rid and self.isSelected():
            self.setSelected(False)
        self.update()

    def retranslate(self) -> None:
        """The tooltip and title in the language now set."""
        self.setToolTip(
            tr("Namespace {name}: click the title to edit it").format(name=self.namespace)
            if self.rid else tr("namespace {name} (no Namespace resource in the design)").format(
                name=self.namespace))
        self.update()

    def set_badge(self, badge: tuple[int, str] | None) -> None:
        if badge != self.badge:
            self.badge = badge
            self.update()

    def frame_rect(self) -> QRectF:
        return QRectF(self._rect)

    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the frame on the canvas (`FreeSlots.add_area`)."""
        rect = self.mapRectToScene(self._rect)
        return rect.left(), rect.top(), rect.right(), rect.bottom()

    def title_rect(self) -> QRectF:
        """The clickable title bar."""
        return QRectF(self._rect.x(), self._rect.y(), self._rect.width(), HEADER)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        if self.rid is not None:
            path.addRect(self.title_rect())
        return path

    def fit(self, positions: Iterable[tuple[float, float]]) -> None:
        """Fit the frame exactly around nodes at these positions (an empty Namespace: around
        its own position)."""
        xs: list[float] = []
        ys: list[float] = []
        for x, y in positions:
            xs.append(x)
            ys.append(y)
        if not xs and self.rid is not None:
            xs, ys = [self._own_position[0]], [self._own_position[1] + HEADER]
        if not xs:
            rect = QRectF()
        else:
            rect = QRectF(min(xs) - PADDING, min(ys) - PADDING - HEADER,
                          max(xs) - min(xs) + NODE_WIDTH + 2 * PADDING,
                          max(ys) - min(ys) + NODE_HEIGHT + 2 * PADDING + HEADER)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def join(self, rid: str, x: float, y: float) -> bool:
        """Take a member at (x, y); False when the frame must be fitted (its first member).
        A new member can only grow a fitted frame: fitting again walked every card of the
        namespace (2,800 at 15,000 resources) for each claim card a StatefulSet edit added."""
        had = bool(self.members) and not self._rect.isNull()
        self.members.add(rid)
        if had:
            self.grow_to(x, y)
        return had

    def leave(self, rid: str, x: float, y: float) -> bool:
        """Let a member at (x, y) go; True when the frame must be fitted again: the member was
        its last or touched its border (so the frame may shrink)."""
        if rid not in self.members:
            return False
        self.members.discard(rid)
        rect = self._rect
        gaps = (x - PADDING - rect.left(), y - PADDING - HEADER - rect.top(),
                rect.right() - (x + NODE_WIDTH + PADDING), rect.bottom() - (y + NODE_HEIGHT + PADDING))
        return not self.members or min(gaps) < 0.5

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
        selected = self.isSelected()
        pen = QPen(QColor(theme.selection if selected else theme.frame_border),
                   2.5 if selected else 1.5)
        pen.setStyle(Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        scale = painter.worldTransform().m11()
        if widget is not None and dash_pieces.worth_it(pen, scale):
            # on screen, the dashed border in pieces (`dash_pieces`): Qt walked the whole
            # outline of a frame around thousands of cards, 1.4 ms a frame for a corner of it
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(solid(QColor(theme.frame_fill)))
            painter.drawRoundedRect(self._rect, 12, 12)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            dash_pieces.draw(painter, self._border_pieces(pen, scale),
                             dash_pieces.visible(painter, pen))
        else:
            painter.setPen(pen)
            painter.setBrush(solid(QColor(theme.frame_fill)))
            painter.drawRoundedRect(self._rect, 12, 12)
        painter.setFont(fonts.font(14, True))
        painter.setPen(QColor(theme.selection if selected else theme.subtext))
        title = QRectF(self._rect.x() + 14, self._rect.y() + 8, self._rect.width() - 28, 20)
        text = tr("namespace {name}").format(name=self.namespace)
        painter.drawText(title, Qt.AlignmentFlag.AlignLeft, text)
        if self.badge is not None:
            self._paint_badge(painter, title.x() + fonts.metrics(14, True).horizontalAdvance(
                text) + 10, title.y())

    def _border_pieces(self, pen: QPen, scale: float) -> list[dash_pieces.Piece]:
        key = (self._rect.getRect(), scale, pen.color().rgba(), pen.widthF())
        if self._border is None or self._border[0] != key:
            self._border = (key, dash_pieces.pieces(dash_pieces.rounded_rect(self._rect, 12),
                                                    pen, scale))
        return self._border[1]

    def _paint_badge(self, painter: QPainter, x: float, y: float) -> None:
        assert self.badge is not None
        count, severity = self.badge
        rect = QRectF(x, y, 22 + 7 * len(str(count)), 18)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(solid(QColor(SEVERITY_COLOURS.get(severity, "#888888"))))
        painter.drawRoundedRect(rect, 9, 9)
        painter.setFont(fonts.font(10, True))
        painter.setPen(QColor("#1d232b" if severity == "warning" else "#ffffff"))
        mark = {"error": "✕", "warning": "!", "info": "i"}.get(severity, "")
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{mark}{count}")
