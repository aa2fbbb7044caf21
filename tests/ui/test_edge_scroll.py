"""Dragging to the canvas's edge scrolls it: a card goes beyond what the window showed in one move
(one undo step), and the rubber band reaches cards below the fold. Real events on the viewport."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from tests.model.factories import deployment
from tests.ui.gestures import send_mouse

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.edge_scroll import FASTEST, MARGIN, push

MOVE, PRESS, RELEASE = (QMouseEvent.Type.MouseMove, QMouseEvent.Type.MouseButtonPress,
                        QMouseEvent.Type.MouseButtonRelease)


def _centre(window, rid: str) -> QPoint:
    node = window.scene.nodes[rid]
    return window.view.mapFromScene(node.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2))


def _opened(make_window, qtbot, resources, select=None):
    """A window on `resources`, after its opening view (a zero timer) has placed the canvas,
    with `select` selected: the Inspector then filled its dock, which in this small test window
    narrows the canvas (a press on an unselected card would scroll the view under the pointer)."""
    window = make_window(resources)
    qtbot.wait(50)
    if select is not None:
        window.scene.select_ids([select])
        qtbot.wait(50)
    return window


def _move(viewport, pos: QPoint) -> None:
    send_mouse(viewport, MOVE, pos, Qt.MouseButton.NoButton)


def test_push_is_zero_in_the_middle_and_grows_toward_each_edge() -> None:
    assert push(QPointF(400, 300), 800, 600) == (0, 0)
    assert push(QPointF(MARGIN + 1, 600 - MARGIN - 1), 800, 600) == (0, 0)
    left, _ = push(QPointF(MARGIN - 4, 300), 800, 600)
    far_left, _ = push(QPointF(1, 300), 800, 600)
    assert 0 > left > far_left >= -FASTEST
    assert push(QPointF(900, 700), 800, 600) == (FASTEST, FASTEST)  # past the edge: fastest
    assert push(QPointF(-50, -50), 800, 600) == (-FASTEST, -FASTEST)
    assert push(QPointF(1, 1), 3 * MARGIN, 3 * MARGIN) == (0, 0)  # too small to scroll


def test_a_card_dragged_to_the_right_edge_scrolls_the_view_and_moves_as_one_step(make_window,
                                                                              qtbot) -> None:
    web, other = deployment("web"), deployment("other")
    web.position, other.position = (0.0, 0.0), (0.0, 300.0)
    window = _opened(make_window, qtbot, [web, other], select=web.id)
    view, viewport = window.view, window.view.viewport()
    hbar = view.horizontalScrollBar()
    start_scroll = hbar.value()
    edge = QPoint(viewport.width() - 4, _centre(window, web.id).y())
    send_mouse(viewport, PRESS, _centre(window, web.id))
    _move(viewport, _centre(window, web.id) + QPoint(40, 0))
    _move(viewport, edge)
    qtbot.waitUntil(lambda: hbar.value() > start_scroll + 3 * viewport.width() // 2,
                    timeout=10000)
    node = window.scene.nodes[web.id]
    under_pointer = view.mapToScene(edge)
    assert node.pos().x() > view.mapToScene(QPoint(viewport.width(), 0)).x() - 3 * viewport.width()
    assert abs(node.pos().x() + NODE_WIDTH / 2 - under_pointer.x()) < NODE_WIDTH  # it follows
    send_mouse(viewport, RELEASE, edge, buttons=Qt.MouseButton.NoButton)
    assert not view.edge_scroll.scrolling
    stopped = hbar.value()
    qtbot.wait(150)
    assert hbar.value() == stopped
    doc = window.session.document
    moved_to = doc.get(web.id).position
    assert moved_to[0] > viewport.width() and doc.get(other.id).position == (0.0, 300.0)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert doc.get(web.id).position == (0.0, 0.0)


def test_moves_away_from_the_edge_and_moves_without_a_drag_never_scroll(make_window,
                                                                        qtbot) -> None:
    web = deployment("web")
    web.position = (0.0, 0.0)
    window = _opened(make_window, qtbot, [web], select=web.id)
    view, viewport = window.view, window.view.viewport()
    bars = view.horizontalScrollBar(), view.verticalScrollBar()
    edge = QPoint(viewport.width() - 4, viewport.height() - 4)
    _move(viewport, edge)  # the button reported held, but nothing was pressed or grabbed
    assert not view.edge_scroll.scrolling
    send_mouse(viewport, MOVE, edge, Qt.MouseButton.NoButton, buttons=Qt.MouseButton.NoButton)
    assert not view.edge_scroll.scrolling
    send_mouse(viewport, PRESS, _centre(window, web.id))
    _move(viewport, edge)
    assert view.edge_scroll.scrolling
    _move(viewport, QPoint(viewport.width() // 2, viewport.height() // 2))  # back to the middle
    assert not view.edge_scroll.scrolling
    scrolled = [bar.value() for bar in bars]
    qtbot.wait(150)
    assert [bar.value() for bar in bars] == scrolled
    send_mouse(viewport, RELEASE, QPoint(viewport.width() // 2, viewport.height() // 2),
               buttons=Qt.MouseButton.NoButton)
    assert window.undo_stack.count() == 1


def test_the_rubber_band_scrolls_down_to_a_card_below_the_fold(make_window, qtbot) -> None:
    top, below = deployment("top"), deployment("below")
    top.position, below.position = (0.0, 0.0), (0.0, 2400.0)
    window = _opened(make_window, qtbot, [top, below])
    view, viewport = window.view, window.view.viewport()
    assert not view.mapToScene(viewport.rect()).boundingRect().contains(QPointF(0.0, 2400.0))
    corner = view.mapFromScene(QPointF(-60.0, -60.0))
    send_mouse(viewport, PRESS, corner)
    edge = QPoint(corner.x() + 400, viewport.height() - 2)
    _move(viewport, corner + QPoint(30, 30))
    _move(viewport, edge)
    qtbot.waitUntil(lambda: window.scene.nodes[below.id].isSelected(), timeout=15000)
    send_mouse(viewport, RELEASE, edge, buttons=Qt.MouseButton.NoButton)
    assert {top.id, below.id} <= set(window.selected_ids())
    assert not view.edge_scroll.scrolling
