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


def test_opening_measures_the_content_once(make_window, monkeypatch) -> None:
    """Filling the scene, zooming to fit and opening at a legible zoom all want the content's
    rectangle; each measure asks every item for its bounds (90 ms at 15,000 resources)."""
    from PySide6.QtWidgets import QGraphicsScene

    from kubecanvas.model.document import Document
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.session import Session

    window = make_window([])
    measured: list[object] = []

    def counted(scene: QGraphicsScene):  # type: ignore[no-untyped-def]
        measured.append(scene)
        return QGraphicsScene.itemsBoundingRect(scene)

    monkeypatch.setattr(CanvasScene, "itemsBoundingRect", counted)
    web = deployment("web")
    window.set_session(Session.create(Document([web, service("web", {"app": "web"})])))
    assert len(measured) == 1
    assert window.view.mapToScene(window.view.viewport().rect()).boundingRect().contains(
        window.scene.nodes[web.id].sceneBoundingRect())


def test_the_content_is_measured_again_after_a_change(make_window, qapp) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtWidgets import QGraphicsRectItem

    web = deployment("web")
    window = make_window([web, simple("ConfigMap", "settings")])
    scene = window.scene
    first = scene.bounds.content()
    node = scene.nodes[web.id]
    node.setPos(QPointF(first.right() + 500, first.top()))  # a card dragged: it says so
    assert scene.bounds.content().contains(node.sceneBoundingRect())
    box = QGraphicsRectItem(QRectF(first.left() - 900, first.top(), 10, 10))
    scene.addItem(box)
    assert scene.bounds.content().contains(box.sceneBoundingRect())
    scene.removeItem(box)
    assert not scene.bounds.content().intersects(box.sceneBoundingRect())
    scene.addItem(box)
    scene.bounds.content()
    box.setRect(QRectF(first.left() - 2000, first.top(), 10, 10))  # changed with no word
    qapp.processEvents()  # kept no longer than until the event loop runs
    assert scene.bounds.content().contains(box.sceneBoundingRect())
