"""The lessons panel on a real window: open a lesson, do its steps as a learner, see them done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from kubecanvas.model.edits import SetField
from teaching.test_lessons import ANSWER, LEARNER

from .helpers import LESSONS, do_step, rid


def test_the_eleven_lessons_are_listed_in_teaching_order(teaching) -> None:
    window, controller = teaching()
    panel = controller.lessons_panel
    assert panel.list.count() == 11
    assert panel.list.item(0).text() == "1. From kubectl apply to running pods"
    assert panel.list.item(2).text() == "3. Services and label selectors"
    assert panel.title.text() == "No lesson open" and panel.steps == []
    assert not panel.about.isVisible()


def test_opening_a_lesson_makes_a_new_untitled_design(teaching, qtbot) -> None:
    window, controller = teaching()
    panel = controller.lessons_panel
    diagram = LESSONS["services"].diagram
    before = diagram.read_bytes()
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session is not None and controller.lesson.id == "services"
    assert session.path is None and session.sources == [] and session.title == "Untitled"
    assert {r.kind for r in session.document} == {"Service", "Deployment"}
    assert len({r.position for r in session.document}) == 2  # laid out, not piled up
    assert window.undo_stack.isClean()
    assert panel.title.text() == "Services and label selectors"
    assert "stable name" in panel.explanation.text()
    assert "concepts/services-networking/service" in panel.docs.text()
    assert [s.state for s in panel.steps] == ["current"] + ["todo"] * 6
    assert panel.banner.text() == "0 of 7 steps done"
    window.editor.push(SetField(rid(window, "Service", "web"), ("spec", "type"), "NodePort"))
    assert diagram.read_bytes() == before  # the lesson file is never written


def test_the_hint_button_shows_and_hides_the_hint(teaching, qtbot) -> None:
    window, controller = teaching("services")
    step = controller.lessons_panel.steps[0]
    qtbot.waitUntil(step.hint_button.isVisible)
    assert step.hint.isHidden()
    qtbot.mouseClick(step.hint_button, Qt.MouseButton.LeftButton)
    assert step.hint.isVisible() and "spec.selector" in step.hint.text()
    assert step.hint_button.text() == "Hide hint"
    step.hint_button.click()
    assert step.hint.isHidden() and step.hint_button.text() == "Hint"


@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_every_lesson_done_step_by_step_through_the_editor(teaching, lesson_id) -> None:
    window, controller = teaching(lesson_id)
    panel = controller.lessons_panel
    session = window.session
    for index, act in enumerate(LEARNER[lesson_id]):
        assert panel.steps[index].state == "current"
        assert all(s.state == "done" for s in panel.steps[:index])
        do_step(window, lesson_id, index)
        assert panel.steps[index].state == "done", panel.steps[index].toolTip()
        if act is ANSWER:
            assert panel.steps[index].verdict.text()  # the simulation's explanation is shown
            continue
        window.undo_stack.undo()  # undo: the step is the learner's again
        assert panel.steps[index].state == "current"
        window.undo_stack.redo()
        assert panel.steps[index].state == "done"
    assert panel.done and panel.banner.text().startswith("✔ Lesson complete")
    assert lesson_id in panel.completed
    assert panel.list.item(list(LESSONS).index(lesson_id)).text().startswith("✔ ")
    assert session.validator.findings == []


def test_a_step_undone_by_a_later_edit_is_no_longer_done(teaching) -> None:
    """Professor Lee changes a pod label: the selection breaks and step 1 is open again."""
    window, controller = teaching("services")
    session = window.session
    window.editor.push(LEARNER["services"][0](session.document, session.graph))
    assert controller.lessons_panel.steps[0].state == "done"
    path = ("spec", "template", "metadata", "labels", "app")
    window.editor.push(SetField(rid(window, "Deployment", "web"), path, "web2"))
    assert controller.lessons_panel.steps[0].state == "current"
    assert controller.lessons_panel.banner.text() == "0 of 7 steps done"


def test_another_design_closes_the_lesson_and_reopening_works(teaching) -> None:
    window, controller = teaching("jobs")
    window.files.new()
    assert controller.lesson is None
    assert controller.lessons_panel.title.text() == "No lesson open"
    window.editor.add_kind("Deployment", QPointF(0, 0))
    assert controller.lessons_panel.steps == []  # edits of another design check nothing
    window.undo_stack.setClean()
    assert controller.open_lesson(LESSONS["deployments"])
    assert controller.lessons_panel.steps[0].state == "current"


def test_opening_a_file_rebinds_everything_to_the_new_design(teaching, tmp_path) -> None:
    window, controller = teaching("services")
    old = window.session
    copy = tmp_path / "shop.yaml"
    copy.write_bytes(LESSONS["ingress"].diagram.read_bytes())
    assert window.open_paths([copy])
    assert window.session is not old and controller.lesson is None
    assert controller.happens_panel.document is window.session.document
    assert "teaching" not in old.listeners and "teaching" in window.session.listeners
    window.scene.select_ids([rid(window, "Ingress", "shop")])
    assert controller.happens_panel.heading.text() == "Ingress shop"


def test_an_open_lesson_gets_most_of_the_left_column(teaching, qtbot) -> None:
    window, controller = teaching()
    window.show()
    qtbot.waitExposed(window)
    palette, panel = window.palette_panel, controller.lessons_panel
    window.resizeDocks([palette, panel], [600, 300], Qt.Orientation.Vertical)  # a first start
    qtbot.wait(20)
    before, column = panel.height(), palette.height() + panel.height()
    assert before < column * 2 // 3 - 2
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    # two thirds of the column, or all the Palette can give (the test screen is small)
    qtbot.waitUntil(lambda: panel.height() > before and (
        panel.height() >= column * 2 // 3 - 2
        or palette.height() <= palette.minimumSizeHint().height() + 2), timeout=2000)
