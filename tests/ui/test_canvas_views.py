"""Readable edge labels, Namespace frames as nodes, replica lists and selection pictures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from tests.model.factories import deployment, service
from tests.ui.gestures import send_mouse, snapshot

from kubecanvas.model.edits import AddResource, SetField
from kubecanvas.model.resource import Resource
from kubecanvas.ui.canvas.edge_item import fit_label
from kubecanvas.ui.canvas.edge_labels import short_label
from kubecanvas.ui.canvas.replicas import replica_lines
from kubecanvas.ui.commands.undo import push_edit


@pytest.mark.parametrize(("kind", "label", "limit", "shown"), [
    ("routes", "shop.example.com/ -> http", 16, "/ -> http"),
    ("routes", "shop.example.com/api/v1/orders -> 8080", 14, "…/orders→8080"),
    ("mounts", "/var/lib/shop/uploads", 14, "…/uploads"),
    ("mounts", "/data, /etc/conf", 10, "/data +1"),
    ("env", "DB_PASSWORD", 16, "DB_PASSWORD"),
    ("env", "DB_PASSWORD, DB_USER, DB_HOST", 16, "DB_PASSWORD +2"),
    ("selects", "app.kubernetes.io/name=kube-state-metrics", 24, "name=kube-state-metrics"),
    ("selects", "app.kubernetes.io/name=kube-state-metrics, x=y", 22, "kube-state-metrics +1"),
    ("env", "short", 16, "short"),
    ("env", "WORDPRESS_DB_PASSWORD", 14, "…DB_PASSWORD"),
    ("env", "MYSQL_ROOT_PASSWORD, X", 17, "…ROOT_PASSWORD +1"),
    ("envFrom", "환경 변수 (envFrom)", 12, "환경 변수"),
    ("binds", "바인딩 (volumeName)", 6, "바인딩"),
])
def test_short_labels_keep_their_meaning(kind: str, label: str, limit: int, shown: str) -> None:
    assert short_label(kind, label, limit) == shown
    assert len(shown) <= limit


def test_fitted_label_never_cuts_a_word_it_could_shorten_by_meaning(qtbot) -> None:
    assert fit_label("routes", "shop.example.com/ -> http", 70) == "/ -> http"
    assert fit_label("env", "DB_PASSWORD", 200) == "DB_PASSWORD"


def _ingress() -> Resource:
    return Resource({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                     "metadata": {"name": "shop"}, "spec": {"rules": [{
                         "host": "shop.example.com", "http": {"paths": [{
                             "path": "/", "pathType": "Prefix", "backend": {"service": {
                                 "name": "web", "port": {"name": "http"}}}}]}}]}},
                    position=(0.0, 0.0))


def test_edge_shows_a_readable_label_and_the_full_text_in_its_tooltip(make_window):
    svc = service("web", {"app": "web"})
    svc.manifest["spec"]["ports"] = [{"name": "http", "port": 80}]
    svc.position = (290.0, 0.0)
    window = make_window([_ingress(), svc])
    edge = next(e for e in window.scene.edge_items.values() if e.edge.type == "routes")
    assert edge.shown_label == "/ -> http"
    assert "shop.example.com/ -> http" in edge.toolTip()


def _namespaced_app() -> list[Resource]:
    namespace = Resource({"apiVersion": "v1", "kind": "Namespace",
                          "metadata": {"name": "shop"}}, position=(0.0, 0.0))
    web = deployment("web", ns="shop")
    web.position = (20.0, 60.0)
    return [namespace, web]


def test_namespace_resource_is_its_frame_and_the_title_selects_it(make_window):
    namespace, web = _namespaced_app()
    window = make_window([namespace, web])
    scene = window.scene
    assert namespace.id not in scene.nodes  # no separate node
    frame = scene.frames_by_namespace["shop"]
    assert scene.frames_by_resource[namespace.id] is frame and frame.rid == namespace.id
    title = frame.title_rect().center()
    viewport = window.view.viewport()
    at = window.view.mapFromScene(title)
    send_mouse(viewport, send_mouse.__globals__["QMouseEvent"].Type.MouseButtonPress, at)
    send_mouse(viewport, send_mouse.__globals__["QMouseEvent"].Type.MouseButtonRelease, at,
               buttons=Qt.MouseButton.NoButton)
    assert window.selected_ids() == [namespace.id]
    assert "shop" in window.inspector.title.text()
    # the frame's inside is not the node: a click there selects nothing
    inside = window.view.mapFromScene(frame.frame_rect().center()) + QPoint(0, 40)
    scene.clearSelection()
    assert window.view.itemAt(inside) is None or window.view.itemAt(inside) is not frame


def test_namespace_frame_follows_label_edits_rename_and_undo(make_window):
    namespace, web = _namespaced_app()
    window = make_window([namespace, web])
    before = snapshot(window.session.document)
    push_edit(window.undo_stack, window.session.document,
              SetField(namespace.id, ("metadata", "name"), "other"))
    assert window.scene.frames_by_resource[namespace.id].namespace == "other"
    assert window.scene.frames_by_namespace["shop"].rid is None  # web still lives in 'shop'
    window.undo_stack.undo()
    assert window.scene.frames_by_resource[namespace.id] is window.scene.frames_by_namespace["shop"]
    assert snapshot(window.session.document) == before


def _statefulset(replicas: int = 2) -> Resource:
    return Resource({"apiVersion": "apps/v1", "kind": "StatefulSet",
                     "metadata": {"name": "web"}, "spec": {
                         "replicas": replicas, "serviceName": "web",
                         "selector": {"matchLabels": {"app": "web"}},
                         "template": {"metadata": {"labels": {"app": "web"}}, "spec": {
                             "containers": [{"name": "c", "image": "nginx"}]}},
                         "volumeClaimTemplates": [{"metadata": {"name": "data"}}]}})


def test_replica_names_follow_the_controllers() -> None:
    assert [(r.name, r.claims) for r in replica_lines(_statefulset())] == [
        ("web-0", ("data-web-0",)), ("web-1", ("data-web-1",))]
    assert replica_lines(_statefulset(9))[-1].name == "+4 more, up to web-8"
    dep = deployment("web")
    dep.manifest["spec"]["replicas"] = 3
    assert [r.name for r in replica_lines(dep)] == ["3 × web-<hash>-xxxxx"]
    assert replica_lines(service("web")) == []


def test_replicas_toggle_per_node_and_for_all_and_follow_edits(make_window):
    sts, dep = _statefulset(), deployment("api")
    dep.position = (0.0, 300.0)
    window = make_window([sts, dep])
    scene = window.scene
    assert scene.show_replicas(sts.id, True)
    assert scene.replicas[sts.id].texts() == ["web-0  ·  data", "web-1  ·  data"]
    assert "web-1 with data-web-1" in scene.replicas[sts.id].toolTip()
    push_edit(window.undo_stack, window.session.document,
              SetField(sts.id, ("spec", "replicas"), 3))
    assert scene.replicas[sts.id].texts()[-1] == "web-2  ·  data"
    scene.show_replicas(sts.id, False)
    assert sts.id not in scene.replicas
    window.actions_by_name["replicas"].setChecked(True)
    assert set(scene.replicas) == {sts.id, dep.id}
    window.actions_by_name["replicas"].setChecked(False)
    assert not scene.replicas


def test_context_menu_toggles_the_replicas_of_the_selection(make_window):
    from kubecanvas.ui.commands.actions import canvas_menu

    sts = _statefulset()
    window = make_window([sts])
    window.scene.select_ids([sts.id])
    menu = canvas_menu(window, True)
    show = next(a for a in menu.actions() if a.text() == "Show Replicas")
    show.trigger()
    assert sts.id in window.scene.replicas
    assert any(a.text() == "Hide Replicas" for a in canvas_menu(window, True).actions())


def test_export_selection_draws_only_the_selection(make_window, tmp_path: Path):
    from kubecanvas.ui.canvas.export_image import export_image

    web, svc = deployment("web"), service("web", {"app": "web"})
    svc.position = (0.0, 0.0)
    web.position = (300.0, 0.0)
    svc.position = (150.0, 0.0)  # overlaps the selection's rectangle
    window = make_window([web, svc])
    scene = window.scene
    seen: list[tuple[bool, bool]] = []
    render = scene.render

    def spy(*args: Any) -> None:
        seen.append((scene.nodes[web.id].isVisible(), scene.nodes[svc.id].isVisible()))
        render(*args)

    scene.render = spy  # type: ignore[method-assign]
    assert export_image(scene, tmp_path / "sel.png", [web.id]).stat().st_size > 0
    assert seen == [(True, False)]  # only the selection is drawn
    assert all(n.isVisible() for n in scene.nodes.values())  # and all is back afterwards


def test_diagram_exports_are_offered_when_the_io_layer_has_them(make_window, monkeypatch,
                                                                tmp_path: Path):
    from kubecanvas.ui.commands.diagram_formats import diagram_writer

    window = make_window([deployment("web")])
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for suffix, title in ((".drawio", "draw.io"), (".mmd", "Mermaid")):
        assert (diagram_writer(suffix) is not None) == any(title in t for t in texts)
    if diagram_writer(".mmd") is None:
        pytest.skip("io.mermaid is not there yet")
    target = tmp_path / "d.mmd"
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    window.files.export_diagram(".mmd")
    assert target.read_text("utf-8").startswith(("flowchart", "%%", "---"))



def test_long_names_break_after_a_dash_into_two_lines() -> None:
    from kubecanvas.ui.canvas.card_text import split_name

    def fits(text: str) -> bool:
        return len(text) <= 14

    assert split_name("nginx-configuration-snippet", fits) == ("nginx-", "configuration-snippet")
    assert split_name("kube-state-metrics-rules", fits) == ("kube-state-", "metrics-rules")
    assert split_name("averyveryverylongname", fits) == ("", "averyveryverylongname")
    assert split_name("persistentvolumeclaim-1", fits) == ("", "persistentvolumeclaim-1")


def test_a_name_no_dash_can_break_is_elided_in_the_middle_never_cut_in_a_word(make_window):
    from PySide6.QtGui import QImage, QPainter

    from kubecanvas.model.templates import new_resource

    claim = new_resource("PersistentVolumeClaim", [])
    window = make_window([claim])
    node = window.scene.nodes[claim.id]
    drawn: list[str] = []

    class Recorder(QPainter):
        def drawText(self, *args):  # noqa: N802 (Qt's name)
            drawn.append(str(args[-1]))
            return super().drawText(*args)

    image = QImage(400, 200, QImage.Format.Format_ARGB32)
    painter = Recorder(image)
    node._paint_text(painter, window.scene.theme)
    painter.end()
    title = drawn[0]
    assert claim.name == "persistentvolumeclaim-1"
    head, _, tail = title.partition("…")  # one line: the name's start and end, its middle elided
    assert head and tail and claim.name.startswith(head) and claim.name.endswith(tail), drawn
    assert drawn[1] == "PVC"  # no second line carrying the rest of a cut word
    assert claim.name in node.toolTip()


def test_scene_rect_grows_with_the_content_after_opening(make_window):
    # filling uses a fixed rect (fast spatial queries); afterwards it must follow the content
    web = deployment("web")
    window = make_window([web])
    scene = window.scene
    far = deployment("far")
    far.position = (90000.0, 90000.0)
    window.editor.push(AddResource(far))
    assert scene.sceneRect().contains(scene.nodes[far.id].sceneBoundingRect())
