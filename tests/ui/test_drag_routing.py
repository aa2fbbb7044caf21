"""Wires while a card is dragged: cheap shapes during the drag, routes around the cards after it.

Dragged with real mouse events on the viewport. During the drag only the dragged card's own
wires follow it (plain shapes among their end cards); after the drag ends, every wire it moved
and every wire that now runs through it is routed around the cards (in slices: `routed`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tests import builders
from tests.model.factories import deployment, service
from tests.ui.gestures import routed, send_mouse, steps

from kubecanvas.model.layout import NODE_HEIGHT
from kubecanvas.ui.canvas.drawn_geometry import scene_quality

configmap = builders.resources(builders.configmap)
MOVE = QMouseEvent.Type.MouseMove


def _placed(res, x, y):
    res.position = (float(x), float(y))
    return res


def _press_and_move(view, start_scene: QPointF, end_scene: QPointF) -> QPoint:
    """Press on `start_scene` and move to `end_scene` without releasing; the last point.
    The moves are placed after the press has been handled: selecting the card fills the
    Inspector, which may resize the docks and so shift the view."""
    view.set_zoom(0.5)  # both points in view: a move past the viewport's edge would scroll it
    view.centerOn((start_scene + end_scene) / 2)
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonPress, view.mapFromScene(start_scene))
    QApplication.processEvents()
    points = steps(view.mapFromScene(start_scene), view.mapFromScene(end_scene))
    for point in points[1:]:
        send_mouse(view.viewport(), MOVE, point, Qt.MouseButton.NoButton)
    return points[-1]


def _release(view, point: QPoint) -> None:
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonRelease, point,
               buttons=Qt.MouseButton.NoButton)


def test_a_card_dragged_across_a_wire_leaves_it_alone_until_released(make_window) -> None:
    web = _placed(deployment("web"), 800, 0)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    lone = _placed(configmap("lone"), 400, 400)
    window = make_window([web, svc, lone])
    scene, view = window.scene, window.view
    wire = next(e for e in scene.edge_items.values() if e.edge.type == "selects")
    before = wire.route
    assert scene_quality(scene).wires_through_cards == 0
    last = _press_and_move(view, QPointF(460, 400 + NODE_HEIGHT / 2),
                           QPointF(460, NODE_HEIGHT / 2))
    assert scene.nodes[lone.id].pos() == QPointF(400, 0)  # on the wire now
    assert wire.route is before  # not rerouted at each mouse move
    _release(view, last)
    assert window.session.document.get(lone.id).position == (400.0, 0.0)
    routed(scene)
    assert wire.route is not before
    assert scene_quality(scene).wires_through_cards == 0
    assert window.undo_stack.count() == 1


def test_a_dragged_cards_wires_follow_it_and_go_around_cards_once_released(make_window) -> None:
    web = _placed(deployment("web"), 800, 400)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    lone = _placed(configmap("lone"), 400, 0)
    window = make_window([web, svc, lone])
    scene, view = window.scene, window.view
    wire = next(e for e in scene.edge_items.values() if e.edge.type == "selects")
    last = _press_and_move(view, QPointF(860, 400 + NODE_HEIGHT / 2),
                           QPointF(860, NODE_HEIGHT / 2))
    assert scene.nodes[web.id].pos() == QPointF(800, 0)
    # the wire follows the card while it moves: it ends on the card's left side
    assert wire.route is not None and wire.route.points[-1][0] == 800
    _release(view, last)
    routed(scene)
    assert scene_quality(scene).wires_through_cards == 0
    assert wire.route is not None and wire.route.points[-1][0] == 800


def test_a_drag_that_ends_where_it_began_still_routes_around_cards(make_window) -> None:
    web = _placed(deployment("web"), 800, 400)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    lone = _placed(configmap("lone"), 400, 0)
    window = make_window([web, svc, lone])
    scene, view = window.scene, window.view
    start = QPointF(860, 400 + NODE_HEIGHT / 2)
    _press_and_move(view, start, QPointF(860, NODE_HEIGHT / 2))
    back = view.mapFromScene(start)
    send_mouse(view.viewport(), MOVE, back, Qt.MouseButton.NoButton)
    _release(view, back)
    assert window.undo_stack.count() == 0  # nothing moved
    routed(scene)
    assert scene_quality(scene).wires_through_cards == 0


def test_the_moves_route_quickly_and_the_release_routes_once(make_window, monkeypatch) -> None:
    from kubecanvas.ui.canvas import router

    web = _placed(deployment("web"), 800, 400)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    lone = _placed(configmap("lone"), 400, 0)
    window = make_window([web, svc, lone])
    calls: list[bool] = []
    route_all = router.route_all_steps

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(bool(args[3] if len(args) > 3 else kwargs.get("quick", False)))
        return route_all(*args, **kwargs)

    monkeypatch.setattr(router, "route_all_steps", counted)
    last = _press_and_move(window.view, QPointF(860, 400 + NODE_HEIGHT / 2),
                           QPointF(860, NODE_HEIGHT / 2))
    assert calls and all(calls)  # each grid step: the quick routes only
    calls.clear()
    _release(window.view, last)
    assert calls == []  # not in the release's turn: after it, in slices
    routed(window.scene)
    assert calls == [False]  # once, thoroughly, for the move edit
    assert scene_quality(window.scene).wires_through_cards == 0
    window.undo_stack.undo()
    assert window.session.document.get(web.id).position == (800.0, 400.0)
    assert window.scene.nodes[web.id].pos() == QPointF(800, 400)
