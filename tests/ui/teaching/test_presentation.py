"""Presentation mode: enter, step through a lesson or saved views, leave exactly as before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QDockWidget
from tests.builders import snapshot

from kubecanvas.io import load_project, save_project
from kubecanvas.ui.teaching.views import VIEWS_KEY, saved_views
from teaching.test_lessons import LEARNER

from .helpers import do_step, rid


def visible_docks(window) -> list[str]:
    return sorted(d.objectName() for d in window.findChildren(QDockWidget) if d.isVisible())


def activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()


def test_presenting_a_lesson_step_by_step(teaching, qtbot) -> None:
    window, controller = teaching("services")
    activate(window, qtbot)
    window.scene.select_ids([rid(window, "Deployment", "web")])
    docks = visible_docks(window)
    assert "LessonsPanel" in docks and "WhatHappensPanel" in docks
    zoom, before = window.view.zoom(), snapshot(window.session.document)
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    show = controller.presentation
    assert show.active and controller.actions["present"].isChecked()
    assert window.selected_ids() == [] and not window.view.isInteractive()  # no handles
    assert visible_docks(window) == [] and not window.menuBar().isVisible()
    assert window.view.zoom() > zoom  # larger type: zoomed beyond the editor's fit
    assert [s.caption.split(":")[0] for s in show.slides] == [
        "Services and label selectors", *(f"Step {n}" for n in range(1, 8))]
    assert show.caption.isVisible() and show.caption.text().startswith("1/8")
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # steps forward, never nudges anything
    assert show.index == 1 and "selects nothing" in show.caption.text()
    assert show.slides[1].ids == (rid(window, "Service", "web"), rid(window, "Deployment", "web"))
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown)
    qtbot.keyClick(window.view, Qt.Key.Key_Left)
    assert show.index == 1
    assert snapshot(window.session.document) == before
    assert "✔ done" not in show.caption.text()
    session = window.session
    window.editor.push(LEARNER["services"][0](session.document, session.graph))
    assert "✔ done" in show.caption.text()  # the class sees the step turn done
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert not show.active and not controller.actions["present"].isChecked()
    assert visible_docks(window) == docks and window.menuBar().isVisible()
    assert abs(window.view.zoom() - zoom) < 1e-6 and not show.caption.isVisible()
    assert window.selected_ids() == [rid(window, "Deployment", "web")]  # the editor's, back
    assert window.view.isInteractive()


def test_saved_views_are_presented_and_saved_with_the_project(teaching, tmp_path: Path) -> None:
    window, controller = teaching("ingress")
    service = rid(window, "Service", "web")
    window.view.set_zoom(0.5)
    controller.save_view("Overview")
    window.view.set_zoom(1.5)
    window.view.centerOn(QPointF(400, 300))
    window.scene.select_ids([service])
    controller.save_view("The web Service")
    views = saved_views(window.session.document)
    assert [v.name for v in views] == ["Overview", "The web Service"]
    assert views[1].zoom == 1.5 and views[1].selection == (service,)
    assert not window.undo_stack.isClean()  # a saved view is an unsaved change
    path = tmp_path / "lesson.kcanvas"
    save_project(window.session.document, path)
    assert [v.name for v in saved_views(load_project(path))] == ["Overview", "The web Service"]
    window.scene.clearSelection()
    window.view.set_zoom(1.0)
    controller.presentation.enter()
    assert [s.caption for s in controller.presentation.slides] == ["Overview", "The web Service"]
    assert abs(window.view.zoom() - 0.5) < 1e-6
    controller.presentation.next()
    assert abs(window.view.zoom() - 1.5) < 1e-6
    assert window.selected_ids() == []  # a slide shows no selection handles
    seen = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert seen.contains(QPointF(*views[1].center))  # centred as far as the scene allows
    controller.presentation.leave()
    window.undo_stack.undo()
    assert [v.name for v in saved_views(window.session.document)] == ["Overview"]
    controller.clear_views()
    assert VIEWS_KEY not in window.session.document.settings.view


def test_each_step_slide_shows_the_design_as_that_step_left_it(teaching, qtbot) -> None:
    """Step 1 selects the pods, step 3 sets targetPort: the slide of step 1 shows the Service
    as step 1 left it (targetPort still 80), the live design is untouched and comes back."""
    window, controller = teaching("services")
    for index in range(4):  # select, predict, targetPort, predict
        do_step(window, "services", index)
    live = snapshot(window.session.document)
    activate(window, qtbot)
    controller.toggle_presentation()
    show = controller.presentation
    shown = window.view.scene()
    assert shown is not window.scene  # the title slide: the design as the lesson started
    start = next(r for r in shown.document if r.kind == "Service")
    assert start.manifest["spec"]["selector"] == {"app": "wbe"}
    show.next()  # step 1: the selector fixed, targetPort not yet
    service = next(r for r in window.view.scene().document if r.kind == "Service")
    assert service.manifest["spec"]["selector"] == {"app": "web"}
    assert service.manifest["spec"]["ports"][0]["targetPort"] == 80
    assert "✔ done" in show.caption.text()
    show.next()
    show.next()  # step 3: as it left it, which is the design now: the live canvas
    assert window.view.scene() is window.scene
    show.next()
    show.next()  # step 5 is not done yet: the live design
    assert window.view.scene() is window.scene and "✔ done" not in show.caption.text()
    show.previous()
    show.previous()
    show.previous()
    assert window.view.scene() is not window.scene
    controller.toggle_presentation()
    assert window.view.scene() is window.scene
    assert snapshot(window.session.document) == live
