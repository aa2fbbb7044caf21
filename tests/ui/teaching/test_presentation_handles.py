"""A node the mouse rested on when presentation began shows no wiring-handle dot on the slide."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication
from tests.model.factories import deployment

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH


def _present(make_window, qtbot, hover: bool) -> QImage:
    web = deployment("web")
    window = make_window([web])
    node = window.scene.nodes[web.id]
    viewport = window.view.viewport()
    if hover:
        centre = window.view.mapFromScene(node.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2))
        QApplication.sendEvent(viewport, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(centre), QPointF(viewport.mapToGlobal(centre)),
            Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert window.teaching.presentation.active
    qtbot.wait(20)
    handle = window.view.mapFromScene(node.pos() + node.handle_center())
    return viewport.grab(QRect(handle - QPoint(12, 12), handle + QPoint(12, 12))).toImage()


def test_slide_shows_no_handle_dot_where_the_mouse_rested(make_window, qtbot) -> None:
    rested = _present(make_window, qtbot, hover=True)
    untouched = _present(make_window, qtbot, hover=False)
    assert rested == untouched
