"""The one update order of the editor: graph, validator, then the views in `VIEWS` order, each
told once; and a language switch or another design refreshes each part once."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from tests.model.factories import deployment, service

from kubecanvas.model.document import Document
from kubecanvas.model.edits import AddResource
from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.session import VIEWS, Session, Update
from kubecanvas.ui.window import main_window
from kubecanvas.validation.engine import validate_document


def test_views_hear_each_change_once_in_the_stated_order_after_graph_and_validator() -> None:
    svc = service("web", {"app": "web"})
    session = Session.create(Document([svc]))
    heard: list[tuple[str, Update, bool, list[str]]] = []

    def view(name: str):
        def hear(update: Update) -> None:
            wired = any(e.target == web.id for e in session.graph.out_edges(svc.id))
            heard.append((name, update, wired, [f.rule for f in session.validator.findings]))
        return hear

    for name in reversed(VIEWS):  # the order of listening does not matter; VIEWS does
        session.listen(name, view(name))
    assert session.listeners == VIEWS
    web = deployment("web")
    AddResource(web).apply(session.document)
    assert [h[0] for h in heard] == list(VIEWS)
    assert all(h[1] is heard[0][1] for h in heard)  # one Update for all of them
    update = heard[0][1]
    assert update.change.added == {web.id}
    assert {web.id, svc.id} <= update.touched  # the new resource and the one now wired to it
    assert all(h[2] for h in heard)  # the graph had caught up before the first view
    full = [f.rule for f in validate_document(session.document)]
    assert all(h[3] == full for h in heard)  # so had the validator


def test_a_move_touches_no_wiring_and_a_view_that_left_hears_nothing() -> None:
    web = deployment("web")
    session = Session.create(Document([web]))
    heard: list[Update] = []
    session.listen("scene", heard.append)
    session.document.move(web.id, (40.0, 60.0))
    assert heard[-1].change.moved == {web.id} and heard[-1].touched == frozenset()
    session.unlisten("scene")
    session.document.move(web.id, (80.0, 60.0))
    assert len(heard) == 1 and session.listeners == ()


def test_the_window_listens_to_its_session_only(make_window) -> None:
    window = make_window([deployment("web")])
    first = window.session
    assert first.listeners == VIEWS  # scene, inspector, window, teaching, cluster, autosave
    window.files.new()
    assert first.listeners == () and window.session.listeners == VIEWS


def _count(monkeypatch, owner: object, name: str) -> list[int]:
    calls = [0]
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_a_language_switch_retranslates_each_part_once(make_window, monkeypatch) -> None:
    web = deployment("web")
    window = make_window([web, service("web", {"app": "web"}), service("api", {"app": "web"})])
    edges = len(window.scene.edge_items)
    assert edges == 2
    menus = [0]
    retranslate_menus = main_window.retranslate

    def count_menus(of) -> None:
        menus[0] += of is window  # windows of earlier tests may still be listening
        retranslate_menus(of)

    monkeypatch.setattr(main_window, "retranslate", count_menus)
    teaching = _count(monkeypatch, window.teaching, "retranslate")
    cluster = _count(monkeypatch, window.cluster, "retranslate")
    palette = _count(monkeypatch, window.palette_panel, "retranslate")
    scene = _count(monkeypatch, window.scene, "retranslate")
    wires = [0]
    retranslate_wire = EdgeItem.retranslate
    ours = set(window.scene.edge_items.values())

    def count_wire(edge: EdgeItem) -> None:
        wires[0] += edge in ours  # not the wires of windows of earlier tests
        retranslate_wire(edge)

    monkeypatch.setattr(EdgeItem, "retranslate", count_wire)
    findings = _count(monkeypatch, window.problems, "set_findings")
    try:
        for switch in (lambda: window.set_language("ko"),  # View → Language
                       lambda: window.teaching.set_language("en")):  # Teaching → Language
            before = [c[0] for c in (menus, teaching, cluster, palette, scene, findings)]
            wires_before = wires[0]
            switch()
            after = [c[0] for c in (menus, teaching, cluster, palette, scene, findings)]
            assert [a - b for a, b in zip(after, before, strict=True)] == [1] * 6
            assert wires[0] - wires_before == edges
        assert window.language_actions["en"].isChecked()
        assert window.teaching.language_actions["en"].isChecked()
    finally:
        i18n.set_language("en")


def test_showing_another_design_refreshes_the_views_once(make_window, monkeypatch) -> None:
    window = make_window([deployment("web")])
    findings = _count(monkeypatch, window.problems, "set_findings")
    window.set_session(Session.create(Document([service("web", {"app": "web"})])))
    assert findings[0] == 1
    window.editor.add_kind("Deployment", QPointF(0, 0))  # a structural change: once more
    assert findings[0] == 2
