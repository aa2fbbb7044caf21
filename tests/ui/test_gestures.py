"""Palette drops and wiring by mouse drag, through real events on the viewport."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu
from tests.model.factories import deployment, pvc, service
from tests.ui.gestures import drag, snapshot, steps

from kubecanvas.model.connect import connect_actions
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.templates import new_resource
from kubecanvas.ui.panels.palette import kind_mime


def _drop(window, kind: str, scene_pos: QPointF) -> None:
    viewport = window.view.viewport()
    pos = QPointF(window.view.mapFromScene(scene_pos))
    mime = kind_mime(kind)
    actions = Qt.DropAction.CopyAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(pos.toPoint(), actions, mime, left, none),
                  QDragMoveEvent(pos.toPoint(), actions, mime, left, none),
                  QDropEvent(pos, actions, mime, left, none)):
        QApplication.sendEvent(viewport, event)


def test_palette_offers_kinds_and_drop_creates_a_valid_resource(make_window):
    window = make_window([])
    assert {"Deployment", "Service", "Ingress", "PersistentVolumeClaim"} <= set(
        window.palette_panel.kinds())
    _drop(window, "Deployment", QPointF(300, 200))
    doc = window.session.document
    [res] = list(doc)
    assert (res.kind, res.name) == ("Deployment", "deployment-1")
    assert res.id in window.scene.nodes and window.selected_ids() == [res.id]
    assert not window.session.validator.findings_for(res.id)
    _drop(window, "Deployment", QPointF(300, 400))
    assert sorted(r.name for r in doc) == ["deployment-1", "deployment-2"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert len(doc) == 0 and not window.scene.nodes


def test_drop_inside_a_namespace_frame_creates_the_resource_there(make_window):
    web = deployment("web", ns="shop")
    window = make_window([web])
    frame = window.scene.frames_by_namespace["shop"].frame_rect()
    _drop(window, "ConfigMap", QPointF(frame.right() - 5, frame.bottom() - 5))
    made = next(r for r in window.session.document if r.kind == "ConfigMap")
    assert made.namespace == "shop"


def _handle(window, rid: str) -> QPoint:
    node = window.scene.nodes[rid]
    return window.view.mapFromScene(node.pos() + node.handle_center())


def _centre(window, rid: str) -> QPoint:
    node = window.scene.nodes[rid]
    return window.view.mapFromScene(node.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2))


def test_wire_service_to_deployment_by_mouse_drag_and_undo(make_window):
    svc, web = service("front", selector=None), deployment("web")
    svc.position, web.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([svc, web])
    doc, graph = window.session.document, window.session.graph
    assert len(connect_actions(doc, graph, svc.id, web.id)) == 1
    before = snapshot(doc)
    viewport = window.view.viewport()
    drag(viewport, steps(_handle(window, svc.id), _centre(window, web.id)))
    assert [e.target for e in graph.out_edges(svc.id, "selects")] == [web.id]
    assert any(e.edge.type == "selects" for e in window.scene.edge_items.values())
    assert window.undo_stack.count() == 1
    assert doc.get(svc.id).position == (0.0, 0.0)  # wiring is not a move
    window.undo_stack.undo()
    assert snapshot(doc) == before
    window.undo_stack.redo()
    assert graph.out_edges(svc.id, "selects")


def test_alt_drag_from_the_body_wires_too(make_window):
    web, claim = deployment("web"), pvc("data")
    web.position, claim.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([web, claim])
    actions = connect_actions(window.session.document, window.session.graph, web.id, claim.id)
    assert len(actions) == 1
    drag(window.view.viewport(), steps(_centre(window, web.id), _centre(window, claim.id)),
         modifiers=Qt.KeyboardModifier.AltModifier)
    assert window.session.graph.out_edges(web.id, "mounts")


def test_hover_shows_why_wiring_is_impossible(make_window):
    a, b = deployment("a"), deployment("b")
    a.position, b.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([a, b])
    scene = window.scene
    messages: list[str] = []
    scene.status_message.connect(messages.append)
    node = scene.nodes[a.id]
    scene.wiring.begin(node, node.pos() + node.handle_center())
    scene.wiring.follow(scene.nodes[b.id].center())
    assert scene.nodes[b.id].wire_state == "no"
    assert "no field" in messages[-1]
    scene.wiring.finish(scene.nodes[b.id].center(), QPoint(0, 0))
    assert scene.nodes[b.id].wire_state == ""
    assert window.undo_stack.count() == 0


def test_several_actions_offer_a_menu_in_words_and_apply_the_chosen_one(make_window, qtbot):
    ingress = new_resource("Ingress", [])
    svc = service("web", {"app": "web"})
    svc.manifest["spec"]["ports"].append({"name": "admin", "port": 9090, "targetPort": 9090})
    ingress.position, svc.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([ingress, svc])
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        chosen = next(a for a in menu.actions() if "web:admin" in a.text())
        chosen.trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    before = snapshot(window.session.document)
    drag(window.view.viewport(), steps(_handle(window, ingress.id), _centre(window, svc.id)))
    assert len(seen) >= 2 and all("Ingress" in text for text in seen)
    [edge] = window.session.graph.out_edges(ingress.id, "routes")
    assert edge.target == svc.id and "admin" in edge.label
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_wiring_asks_for_the_mount_path(make_window, monkeypatch):
    web, claim = deployment("web"), pvc("data")
    web.position, claim.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([web, claim])
    asked = []
    window.editor.ask_params = lambda action: asked.append(action.params) or {
        "mount_path": "/var/lib/data"}
    drag(window.view.viewport(), steps(_handle(window, web.id), _centre(window, claim.id)))
    assert asked == [{"mount_path": "/data"}]
    [edge] = window.session.graph.out_edges(web.id, "mounts")
    assert edge.label == "/var/lib/data"


def test_hover_says_what_releasing_would_do(make_window):
    svc, web = service("front", selector=None), deployment("web")
    svc.position, web.position = (0.0, 0.0), (400.0, 0.0)
    window = make_window([svc, web])
    scene = window.scene
    messages: list[str] = []
    scene.status_message.connect(messages.append)
    node = scene.nodes[svc.id]
    scene.wiring.begin(node, node.pos() + node.handle_center())
    scene.wiring.follow(scene.nodes[web.id].center())
    assert scene.nodes[web.id].wire_state == "ok"
    assert messages[-1].startswith("Release: Service front")
    scene.wiring.finish(scene.nodes[web.id].center(), QPoint(0, 0))
