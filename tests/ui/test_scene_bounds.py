"""The canvas scene's rectangle has room around the content and grows in steps
(`scene_bounds.py`): each growth makes Qt rebuild its whole item index, which cost 100-140 ms
per mouse move at 15,000 resources while a card was dragged past the design's edge."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from tests.model.factories import deployment, service, simple

from kubecanvas.model.layout.routing import Route
from kubecanvas.ui.canvas.scene_bounds import ROOM


def _changes(scene) -> list[object]:  # type: ignore[no-untyped-def]
    seen: list[object] = []
    scene.sceneRectChanged.connect(seen.append)
    return seen


def test_the_rectangle_is_the_content_with_room_around_it(make_window) -> None:
    window = make_window([deployment("web"), service("web", {"app": "web"})])
    scene = window.scene
    content = scene.itemsBoundingRect()
    rect = scene.sceneRect()
    assert rect.contains(content.adjusted(-ROOM + 1, -ROOM + 1, ROOM - 1, ROOM - 1))


def test_a_card_dragged_past_the_edge_grows_the_rectangle_once_per_room(make_window) -> None:
    web = deployment("web")
    web.position = (0.0, 0.0)
    window = make_window([web, simple("ConfigMap", "settings")])
    scene = window.scene
    node = scene.nodes[web.id]
    bottom = scene.sceneRect().bottom()
    changes = _changes(scene)
    y = node.pos().y()
    while y < bottom + 2 * ROOM:  # a drag, move by move, well past the room below
        y += 40.0
        node.setPos(QPointF(node.pos().x(), y))
    assert scene.sceneRect().contains(node.sceneBoundingRect())
    assert 1 <= len(changes) <= 3  # not one per move


def test_a_wire_routed_past_the_edge_is_covered(make_window) -> None:
    web = deployment("web")
    svc = service("web", {"app": "web"})
    window = make_window([web, svc])
    scene = window.scene
    wire = next(iter(scene.edge_items.values()))
    far = scene.sceneRect().right() + 3 * ROOM
    start, end = wire.source.pos(), wire.target.pos()
    wire.set_route(Route(((start.x(), start.y()), (far, start.y()), (far, end.y()),
                          (end.x(), end.y()))))
    assert scene.sceneRect().right() >= far


def test_the_view_can_scroll_to_what_the_rectangle_grew_to(make_window, qtbot) -> None:
    web = deployment("web")
    window = make_window([web])
    node = window.scene.nodes[web.id]
    node.setPos(QPointF(node.pos().x() + 4 * ROOM, node.pos().y()))
    qtbot.wait(10)
    assert window.view.sceneRect().contains(node.sceneBoundingRect())
