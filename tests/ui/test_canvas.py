"""The canvas follows the document, and mouse gestures become single undoable edits."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from tests.model.factories import deployment, pvc, service
from tests.ui.gestures import drag, routed, snapshot, steps

from kubecanvas.model.edits import SetField
from kubecanvas.model.layout import NODE_HEIGHT
from kubecanvas.ui.commands.undo import push_edit


def _placed(res, x, y):
    res.position = (float(x), float(y))
    return res


def test_scene_mirrors_document_and_follows_label_edits(make_window):
    web, svc = _placed(deployment("web"), 400, 0), _placed(service("web", {"app": "web"}), 0, 0)
    window = make_window([web, svc])
    scene = window.scene
    assert set(scene.nodes) == {web.id, svc.id}
    assert any(e.edge.type == "selects" for e in scene.edge_items.values())
    before = snapshot(window.session.document)
    path = ("spec", "template", "metadata", "labels", "app")
    push_edit(window.undo_stack, window.session.document, SetField(web.id, path, "other"))
    assert not any(e.edge.type == "selects" for e in scene.edge_items.values())
    assert scene.nodes[svc.id].badge is not None  # the Service now selects nothing
    window.undo_stack.undo()
    assert any(e.edge.type == "selects" for e in scene.edge_items.values())
    assert snapshot(window.session.document) == before


def test_missing_reference_is_a_dashed_ghost_named_after_it(make_window):
    web = deployment("web", volumes=[{"name": "data",
                                      "persistentVolumeClaim": {"claimName": "gone"}}])
    window = make_window([web])
    ghosts = [n for n in window.scene.nodes.values() if n.ghost]
    assert [(g.ghost, g.kind, g.name) for g in ghosts] == [
        ("missing", "PersistentVolumeClaim", "gone")]
    claim = pvc("gone")
    claim.position = (400, 0)
    from kubecanvas.model.edits import AddResource
    window.editor.push(AddResource(claim))
    assert not [n for n in window.scene.nodes.values() if n.ghost]
    window.undo_stack.undo()
    assert [n.name for n in window.scene.nodes.values() if n.ghost] == ["gone"]


def test_drag_moves_selection_as_one_undo_step(make_window, qtbot):
    a, b = _placed(deployment("a"), 0, 0), _placed(deployment("b"), 0, 200)
    window = make_window([a, b])
    view, doc = window.view, window.session.document
    before = snapshot(doc)
    window.scene.select_ids([a.id, b.id])
    start = view.mapFromScene(QPointF(60, NODE_HEIGHT / 2))
    end = start + view.mapFromScene(QPointF(200, 100)) - view.mapFromScene(QPointF(0, 0))
    drag(view.viewport(), steps(start, end))
    assert window.undo_stack.count() == 1
    assert doc.get(a.id).position == (200.0, 100.0)  # snapped to the 20 px grid
    assert doc.get(b.id).position == (200.0, 300.0)
    assert doc.get(a.id).pinned
    window.undo_stack.undo()
    assert snapshot(doc) == before
    window.undo_stack.redo()
    assert window.scene.nodes[a.id].pos() == QPointF(200, 100)


def test_arrow_nudges_merge_into_one_step(make_window, qtbot):
    a = _placed(deployment("a"), 0, 0)
    window = make_window([a])
    window.scene.select_ids([a.id])
    window.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.session.document.get(a.id).position == (60.0, 0.0)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert window.session.document.get(a.id).position == (0.0, 0.0)


def test_rubber_band_selects_nodes_inside(make_window):
    a, b, c = (_placed(deployment(n), x, 0) for n, x in (("a", 0), ("b", 300), ("c", 900)))
    window = make_window([a, b, c])
    view = window.view
    start = view.mapFromScene(QPointF(-20, -30))
    end = view.mapFromScene(QPointF(520, 120))
    drag(view.viewport(), steps(start, end))
    assert sorted(window.selected_ids()) == sorted([a.id, b.id])
    assert window.undo_stack.count() == 0


def test_delete_edge_disconnects_and_undo_restores(make_window):
    web, svc = _placed(deployment("web"), 400, 0), _placed(service("web", {"app": "web"}), 0, 0)
    window = make_window([web, svc])
    before = snapshot(window.session.document)
    edge = next(e for e in window.scene.edge_items.values() if e.edge.type == "selects")
    window.scene.clearSelection()
    edge.setSelected(True)
    window.delete_selection()
    assert "selector" not in window.session.document.get(svc.id).spec
    assert not any(e.edge.type == "selects" for e in window.scene.edge_items.values())
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_delete_resource_and_undo(make_window):
    web = _placed(deployment("web"), 0, 0)
    window = make_window([web])
    before = snapshot(window.session.document)
    window.scene.select_ids([web.id])
    window.actions_by_name["delete"].trigger()
    assert len(window.session.document) == 0 and not window.scene.nodes
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before
    assert web.id in window.scene.nodes


def test_double_click_renames_in_place(make_window, qtbot):
    web, svc = _placed(deployment("web"), 0, 0), _placed(service("front", {"app": "web"}), 0, 200)
    user = _placed(deployment("user", env_from=[{"configMapRef": {"name": "web"}}]), 400, 0)
    window = make_window([web, svc, user])
    view = window.view
    point = view.mapFromScene(QPointF(100, 20))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = window.rename_editor
    assert editor is not None and editor.text() == "web" and editor.isVisible()
    editor.setText("shop")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.document.get(web.id).name == "shop"
    assert window.scene.nodes[web.id].name == "shop"
    assert window.undo_stack.count() == 1


def test_cards_show_short_kinds_in_english_and_the_glossary_term_in_korean(qtbot) -> None:
    from kubecanvas.ui import i18n
    from kubecanvas.ui.canvas.card_text import CARD_KINDS, card_kind

    def always(_: str) -> bool:
        return True

    assert card_kind("HorizontalPodAutoscaler", always) == "HPA"
    assert card_kind("PersistentVolumeClaim", always) == "PVC"
    assert card_kind("Deployment", always) == "Deployment"
    assert set(CARD_KINDS.values()) == {"HPA", "PVC", "PV", "PDB", "SA", "CM"}
    i18n.set_language("ko")
    try:
        assert card_kind("PersistentVolumeClaim", always) == \
            "퍼시스턴트볼륨클레임 (PersistentVolumeClaim)"
        assert card_kind("PersistentVolumeClaim", lambda k: len(k) < 12) == "퍼시스턴트볼륨클레임"
    finally:
        i18n.set_language("en")


def test_a_class_the_cluster_provides_is_a_muted_stand_in_not_a_missing_one(qtbot) -> None:
    from kubecanvas.io.yaml_in import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.scene import CanvasScene

    text = """\
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: shop}
spec:
  storageClassName: fast
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, envFrom: [{configMapRef: {name: nowhere}}]}]
"""
    document = Document(load_text(text, "app.yaml").resources)
    scene = CanvasScene(document, WiringGraph(document))
    ghosts = {node.kind: node.ghost for node in scene.nodes.values() if node.ghost}
    assert ghosts == {"StorageClass": "provided", "ConfigMap": "missing"}
    provided = next(n for n in scene.nodes.values() if n.ghost == "provided")
    assert "the cluster provides it" in provided.toolTip()


def test_moving_a_card_onto_a_wire_routes_that_wire_around_it(qtbot) -> None:
    from tests.model.factories import deployment, service

    from kubecanvas.model.document import Document
    from kubecanvas.ui.canvas.drawn_geometry import scene_quality
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.session import Session

    session = Session.create(Document([service("web", {"app": "web"}),
                                       deployment("web", {"app": "web"}),
                                       service("other", {"app": "nothing"})]))
    document = session.document
    by_name = {(r.kind, r.name): r.id for r in document}
    document.move(by_name[("Service", "web")], (0.0, 0.0))
    document.move(by_name[("Deployment", "web")], (800.0, 0.0))
    document.move(by_name[("Service", "other")], (400.0, 400.0))
    scene = CanvasScene(document, session.graph)
    session.listen("scene", scene.apply)
    before = scene_quality(scene)
    assert before.wires_through_cards == 0
    document.move(by_name[("Service", "other")], (400.0, 0.0))  # right across the wire
    routed(scene)  # (after the move, in slices)
    after = scene_quality(scene)
    assert after.wires_through_cards == 0 and after.wire_length > before.wire_length
