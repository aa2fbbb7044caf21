"""The canvas view: zoom around the cursor, pan, rubber band, edge scroll, nudges, grid, drops.

Gestures that change the document leave as signals (`nudge_requested`, `kind_dropped`,
`files_dropped`); the view itself only changes how the scene is looked at.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from kubecanvas.model.layout import GRID
from kubecanvas.ui.canvas.edge_scroll import EdgeScroll
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import Theme, current_theme

KIND_MIME = "application/x-kubecanvas-kind"
MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
#: how long the canvas must go unresized before a `hold_top_left` ends
HOLD_MS = 400


class CanvasView(QGraphicsView):
    """A QGraphicsView with the gestures of a diagram editor."""

    nudge_requested = Signal(float, float)
    kind_dropped = Signal(str, QPointF)
    files_dropped = Signal(list)
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self._hold = QTimer(self)  # `hold_top_left`
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(self._end_hold)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        # the fill and grid drawn once into a pixmap (Qt redraws it when the view zooms or
        # resizes, the scene its theme): each frame of a drag repainted them under the moved
        # card and its wires, 7.5 ms for a full 1262 x 719 canvas (profiled, loaded machine)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._space = False
        self._pan_from: QPointF | None = None
        self._room = QRectF()
        self.edge_scroll = EdgeScroll(self)
        self.zoom_changed.connect(self._make_room)
        self.zoom_changed.connect(self.follow_far_zoom)

    # --- room around the content -------------------------------------------------------------
    def setScene(self, scene: QGraphicsScene | None) -> None:  # noqa: N802 - Qt's name
        """Show `scene`; its scroll area is kept a viewport larger than the content."""
        super().setScene(scene)
        self._room = QRectF()
        if scene is not None:
            scene.sceneRectChanged.connect(self._make_room)
            self._make_room()
            self.follow_far_zoom()

    def follow_far_zoom(self, *_: object) -> None:
        """Far out, the canvas scene draws its wires in batches (`far_wires.py`)."""
        scene = self.scene()
        if isinstance(scene, CanvasScene):
            scene.set_far_zoom(self.zoom())

    def _make_room(self, *_: object) -> None:
        """Scroll room of one viewport around the content, only ever growing.

        With the scene's own rectangle, a scene smaller than the window is centred, so each
        resource dropped outside the content grew the rectangle and re-centred it: every node
        jumped. With a viewport of room on every side the content never fits inside the window,
        nothing is centred, and growing the room keeps what is on screen where it is.
        """
        scene = self.scene()
        if scene is None:
            return
        zoom = self.zoom() or 1.0
        dx, dy = self.viewport().width() / zoom, self.viewport().height() / zoom
        wanted = scene.sceneRect().adjusted(-dx, -dy, dx, dy)
        self._room = wanted if self._room.isNull() else self._room.united(wanted)
        if self._room != self.sceneRect():
            self.setSceneRect(self._room)

    def hold_top_left(self) -> None:
        """Keep the scene point at the top left through the relayout that is coming (a language
        switch): the palette is wider in Korean than in English, and the centre, which stays
        put when the canvas is resized otherwise, pushed the design's first column and its
        namespace title out of view. The main window animates its docks to their new sizes,
        a resize per frame: the hold ends once they have been still for `HOLD_MS`."""
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self._hold.start()

    def _end_hold(self) -> None:
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._hold.isActive():
            self._hold.start()  # still moving: hold on
        self._make_room()

    # --- zoom --------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        """Zoom to an absolute factor, keeping the view centre where it is."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor / self.zoom(), factor / self.zoom())
        self.setTransformationAnchor(anchor)
        self.zoom_changed.emit(self.zoom())

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom() * step)

    def zoom_to_fit(self, rect: QRectF | None = None) -> None:
        """Show `rect` (or everything) as large as fits, never above 100%."""
        scene = self.scene()
        if scene is None:
            return
        if rect is not None and not rect.isNull():
            target = rect
        elif isinstance(scene, CanvasScene):  # measured once per change (`scene_bounds.py`)
            target = scene.bounds.content()
        else:
            target = scene.itemsBoundingRect()
        if target.isNull():
            return
        self.fitInView(target.adjusted(-30, -30, 30, 30), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > 1.0:
            self.set_zoom(1.0)
            self.centerOn(target.center())
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        trackpad = not event.pixelDelta().isNull()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if trackpad and not ctrl:
            super().wheelEvent(event)  # two-finger scrolling pans
            return
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta == 0:
            return
        step = 1.0015 ** delta
        new = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom() * step))
        before = self.mapToScene(event.position().toPoint())
        self.scale(new / self.zoom(), new / self.zoom())
        after = self.mapToScene(event.position().toPoint())
        shift = after - before
        self.translate(shift.x(), shift.y())
        self.zoom_changed.emit(self.zoom())
        event.accept()

    # --- pan ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                  Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows:
            step = 1.0 if event.modifiers() & Qt.KeyboardModifier.AltModifier else (
                GRID * 5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else GRID)
            dx, dy = arrows[Qt.Key(key)]
            self.nudge_requested.emit(dx * step, dy * step)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
            hbar.setValue(hbar.value() - int(delta.x()))
            vbar.setValue(vbar.value() - int(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)
        self.edge_scroll.follow(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.edge_scroll.stop()
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- background --------------------------------------------------------------------------
    def _theme(self) -> Theme:
        theme = getattr(self.scene(), "theme", None)
        return theme if isinstance(theme, Theme) else current_theme()

    def drawBackground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        rect = QRectF(rect)
        theme = self._theme()
        painter.fillRect(rect, QColor(theme.background))
        grid = GRID * 5
        if self.zoom() < 0.25:
            return
        pen = QPen(QColor(theme.grid), 1)
        pen.setCosmetic(True)
        painter.setPen(pen)
        left = int(rect.left() // grid) * grid
        top = int(rect.top() // grid) * grid
        x = left
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += grid
        y = top
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += grid

    # --- drops -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(KIND_MIME) or mime.hasUrls():
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(KIND_MIME) or mime.hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(KIND_MIME):
            kind = bytes(mime.data(KIND_MIME).data()).decode("utf-8")
            self.kind_dropped.emit(kind, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
            return
        if mime.hasUrls():
            paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
            if paths:
                self.files_dropped.emit(paths)
                event.acceptProposedAction()
                return
        super().dropEvent(event)
