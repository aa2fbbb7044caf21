"""Designing from scratch as a new user does it, through real events on the viewport: five
kinds dropped on a new design, a rename by double click, a mount path chosen while wiring."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QDockWidget
from tests.ui.gestures import drag, snapshot, steps
from tests.ui.test_gestures import _centre, _drop, _handle

from kubecanvas.io.yaml_out import dump_resources
from kubecanvas.model.kinds import get_path
from kubecanvas.model.layout import NODE_WIDTH

FIVE = ("Deployment", "Service", "Ingress", "ConfigMap", "PersistentVolumeClaim")


def _drop_five(window, qtbot) -> dict[str, str]:
    """Drop the five kinds around the viewport; the first node must never move on screen."""
    for dock in window.findChildren(QDockWidget):  # the offscreen screen is 800 px wide:
        dock.hide()                                # room for the canvas as on a real screen
    qtbot.wait(20)
    view = window.view
    area = view.viewport().rect()
    assert area.width() > 700 and area.height() > 500, area
    points = [area.center() + QPoint(dx, dy) for dx, dy in
              ((-300, -200), (100, -200), (-300, 200), (100, 200), (300, 0))]
    ids: dict[str, str] = {}
    anchor = None
    for kind, point in zip(FIVE, points, strict=True):
        _drop(window, kind, view.mapToScene(point))
        qtbot.wait(10)
        ids[kind] = window.selected_ids()[0]
        if anchor is None:
            anchor = (ids[kind], view.mapFromScene(window.scene.nodes[ids[kind]].pos()))
        assert view.mapFromScene(window.scene.nodes[anchor[0]].pos()) == anchor[1], kind
    return ids


def test_five_new_kinds_export_alike_without_a_namespace(make_window, qtbot) -> None:
    window = make_window([])
    _drop_five(window, qtbot)
    # a sixth dropped inside the `default` frame drawn around the others
    frame = window.scene.frames_by_namespace["default"].frame_rect()
    _drop(window, "Secret", QPointF(frame.center()))
    exported = dump_resources(list(window.session.document))
    assert "namespace:" not in exported
    assert len(window.session.document) == 6


def test_double_click_rename_carries_generated_labels_in_one_step(make_window, qtbot) -> None:
    window = make_window([])
    ids = _drop_five(window, qtbot)
    dep, svc = ids["Deployment"], ids["Service"]
    doc = window.session.document
    window.editor.wire(svc, dep, QPoint(0, 0), choose=False)
    before = snapshot(doc)
    node = window.scene.nodes[dep]
    point = window.view.mapFromScene(node.pos() + QPointF(NODE_WIDTH / 2, 20))
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = window.rename_editor
    assert editor is not None and editor.text() == "deployment-1"
    editor.selectAll()
    qtbot.keyClicks(editor, "web")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    web = doc.get(dep).manifest
    assert get_path(web, ("spec", "template", "metadata", "labels", "app")) == "web"
    assert doc.get(svc).manifest["spec"]["selector"] == {"app": "web"}
    assert [e.target for e in window.session.graph.out_edges(svc, "selects")] == [dep]
    window.undo_stack.undo()
    assert snapshot(doc) == before


def test_undo_text_and_status_name_the_mount_path_chosen(make_window, qtbot) -> None:
    window = make_window([])
    ids = _drop_five(window, qtbot)
    window.editor.ask_params = lambda action: {"mount_path": "/var/lib/web"}
    viewport = window.view.viewport()
    drag(viewport, steps(_handle(window, ids["Deployment"]),
                         _centre(window, ids["PersistentVolumeClaim"])))
    assert "/var/lib/web" in window.undo_stack.undoText()
    assert "/data" not in window.undo_stack.undoText()
    assert "/var/lib/web" in window.statusBar().currentMessage()
