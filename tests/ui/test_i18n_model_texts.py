"""The model's words on screen in Korean: the wiring menu, the hover hint, the undo step names in
the Edit menu, and the edge labels on the canvas (and back to English after switching)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from tests.model.factories import deployment, pv, pvc, service, simple
from tests.ui.gestures import drag, steps

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.templates import new_resource
from kubecanvas.model.text import kind_term
from kubecanvas.ui import i18n
from kubecanvas.ui.i18n import has_hangul
from kubecanvas.ui.window.main_window import MainWindow


@pytest.fixture
def korean(make_window) -> Iterator[Callable[..., MainWindow]]:
    """Make a window on the given resources, shown in Korean; English again afterwards."""
    def make(resources) -> MainWindow:
        window = make_window(resources)
        window.set_language("ko")
        return window

    yield make
    i18n.set_language("en")
    i18n.MISSING.clear()


def _handle(window: MainWindow, rid: str) -> QPoint:
    node = window.scene.nodes[rid]
    return window.view.mapFromScene(node.pos() + node.handle_center())


def _centre(window: MainWindow, rid: str) -> QPoint:
    node = window.scene.nodes[rid]
    return window.view.mapFromScene(node.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2))


def test_wiring_menu_and_undo_step_are_korean(korean):
    ingress = new_resource("Ingress", [])
    svc = service("web", {"app": "web"})
    svc.manifest["spec"]["ports"].append({"name": "admin", "port": 9090, "targetPort": 9090})
    ingress.position, svc.position = (0.0, 0.0), (400.0, 0.0)
    window = korean([ingress, svc])
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions())
        next(a for a in menu.actions() if "web:admin" in a.text()).trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    drag(window.view.viewport(), steps(_handle(window, ingress.id), _centre(window, svc.id)))
    assert len(seen) >= 2
    assert all(text.startswith("인그레스 ingress-1") and has_hangul(text) for text in seen), seen
    assert any("서비스 web:admin" in text for text in seen)
    undo = window.actions_by_name["undo"].text()
    assert undo.startswith("인그레스 ingress-1") and "web:admin" in undo, undo
    assert undo.endswith("실행 취소(&U)")


def test_hover_hints_are_korean(korean):
    a, b, svc = deployment("a"), deployment("b"), service("front", selector=None)
    a.position, b.position, svc.position = (0.0, 0.0), (400.0, 0.0), (0.0, 300.0)
    window = korean([a, b, svc])
    scene = window.scene
    messages: list[str] = []
    scene.status_message.connect(messages.append)
    node = scene.nodes[a.id]
    scene.wiring.begin(node, node.pos() + node.handle_center())
    scene.wiring.follow(scene.nodes[b.id].center())
    assert scene.nodes[b.id].wire_state == "no"
    assert "필드가 없습니다" in messages[-1] and "디플로이먼트(Deployment)" in messages[-1]
    scene.wiring.follow(scene.nodes[svc.id].center())
    assert scene.nodes[svc.id].wire_state == "ok"
    assert messages[-1].startswith("놓으면: 서비스 front가"), messages[-1]
    scene.wiring.finish(scene.nodes[b.id].center(), QPoint(0, 0))
    assert window.undo_stack.count() == 0


def test_refused_wiring_says_why_in_korean_in_the_status_bar(korean):
    a, b = deployment("a"), deployment("b")
    window = korean([a, b])
    shown: list[str] = []
    window.editor.status = shown.append
    assert not window.editor.wire(a.id, b.id, QPoint(0, 0))
    assert shown and "필드가 없습니다" in shown[-1]


def test_undo_text_after_a_rename_follows_the_language(korean):
    web = deployment("web")
    window = korean([web])
    window.commit_rename(web.id, "shop")
    undo = window.actions_by_name["undo"]
    assert undo.text() == "디플로이먼트 web의 이름을 shop으로 바꾸기 실행 취소(&U)"
    window.set_language("en")
    assert undo.text() == "&Undo Rename Deployment web to shop"
    window.undo_stack.undo()
    redo = window.actions_by_name["redo"]
    assert redo.text() == "&Redo Rename Deployment web to shop"
    window.set_language("ko")
    assert redo.text() == "디플로이먼트 web의 이름을 shop으로 바꾸기 다시 실행(&R)"
    assert window.undo_stack.undoText() == ""


def _labels(window: MainWindow) -> dict[str, str]:
    return {item.edge.label: item.label for item in window.scene.edge_items.values()}


def test_edge_labels_on_the_canvas_are_korean_and_switch_back(korean):
    web = deployment("web")
    web.manifest["spec"]["template"]["spec"]["imagePullSecrets"] = [{"name": "registry"}]
    web.manifest["spec"]["template"]["spec"]["containers"][0]["envFrom"] = [
        {"configMapRef": {"name": "cfg"}}]
    ingress = simple("Ingress", "in", defaultBackend={"service": {"name": "front", "port": {
        "number": 80}}}, tls=[{"secretName": "cert"}])
    resources = [web, ingress, service("front", {"app": "web"}), simple("Secret", "registry"),
                 simple("Secret", "cert"), simple("ConfigMap", "cfg"),
                 simple("StatefulSet", "db", serviceName="front"),
                 simple("HorizontalPodAutoscaler", "h", scaleTargetRef={
                     "apiVersion": "apps/v1", "kind": "Deployment", "name": "web"}),
                 pvc("data", cls="slow"), pv("vol", cls="slow")]
    for i, res in enumerate(resources):
        res.position = (float(i % 4) * 300.0, float(i // 4) * 250.0)
    window = korean(resources)
    labels = _labels(window)
    expected = {"pull": "이미지 풀", "envFrom": "환경 변수 (envFrom)", "tls": "TLS 인증서",
                "default -> 80": "기본 백엔드 -> 80", "governs": "관리", "scales": "스케일링",
                "binds": "바인딩"}
    for english, ko in expected.items():
        assert labels[english] == ko, (english, labels)
    pull = next(i for i in window.scene.edge_items.values() if i.edge.label == "pull")
    assert "이미지 풀" in pull.toolTip()
    assert pull.shown_label and has_hangul(pull.shown_label)
    window.set_language("en")
    labels = _labels(window)
    for english in expected:
        assert labels[english] == english
    assert "pull" in pull.toolTip() and pull.shown_label == "pull"


def test_explanation_of_an_edge_leads_with_its_korean_label(korean):
    web = deployment("web")
    web.manifest["spec"]["template"]["spec"]["imagePullSecrets"] = [{"name": "registry"}]
    window = korean([web, simple("Secret", "registry")])
    [edge] = window.session.graph.out_edges(web.id, "pulls")
    panel = window.teaching.explain_panel
    panel.show_edge(edge)
    assert "이미지 풀" in panel.browser.toPlainText()
    window.set_language("en")
    assert "pull" in panel.browser.toPlainText().split("\n")[0]


def test_the_models_korean_kind_names_are_the_editors(korean):
    window = korean([])
    assert window is not None and i18n.language() == "ko"
    for kind in i18n.KINDS:
        assert kind_term(kind) == i18n.tr(kind), kind


def test_undo_steps_the_editor_names_follow_a_later_language_switch(make_window):
    """A drag, a field set in the Inspector and a delete, made in English, read in Korean after
    the switch (and back): the step keeps both wordings, not the one current when it was made."""
    web, api = deployment("web"), deployment("api")
    window = make_window([web, api])
    try:
        start = _centre(window, web.id)
        drag(window.view.viewport(), steps(start, start + QPoint(120, 80)))
        assert window.undo_stack.undoText() == "Move 1 resource"
        window.scene.select_ids([api.id])
        field = window.inspector.field_widget("Replicas")
        assert field is not None
        field.setText("4")
        field.editingFinished.emit()
        window.editor.delete([api.id], [], ask=False)
        english = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
        window.set_language("ko")
        korean = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
        assert korean[0] == "리소스 1개 이동"
        assert all(has_hangul(text) for text in korean), korean
        window.set_language("en")
        assert [window.undo_stack.text(i) for i in range(window.undo_stack.count())] == english
    finally:
        i18n.set_language("en")
        i18n.MISSING.clear()
