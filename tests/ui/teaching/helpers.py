"""Small helpers shared by the teaching UI tests."""

from __future__ import annotations

from kubecanvas.teaching import load_lessons
from kubecanvas.ui.window.main_window import MainWindow

LESSONS = {lesson.id: lesson for lesson in load_lessons()}


def rid(window: MainWindow, kind: str, name: str) -> str:
    """The id of the resource `kind/name` in the window's design."""
    assert window.session is not None
    return next(r.id for r in window.session.document.by_kind(kind) if r.name == name)


def select(window: MainWindow, kind: str, name: str) -> str:
    assert window.scene is not None
    ident = rid(window, kind, name)
    window.scene.select_ids([ident])
    return ident


def do_step(window: MainWindow, lesson_id: str, index: int) -> None:
    """Do step `index` of the open lesson as a learner would in the window: pick the answer the
    simulation gives for a question (from the buttons shown), add the broken design of a
    troubleshooting step and repair it, or make the step's edit."""
    from teaching.test_lessons import ANSWER, LEARNER

    controller = window.teaching
    act = LEARNER[lesson_id][index]
    widget = controller.lessons_panel.steps[index]
    if act is ANSWER:
        session = window.session
        from kubecanvas.teaching.checks import LessonState
        from kubecanvas.teaching.questions import measure

        value = measure(widget.step.question, LessonState(session.document, session.graph)).value
        button = next(b for b in widget.choice_buttons if b.property("choice") == value)
        assert not button.isHidden()  # offered to the learner (the dock itself may be tabbed)
        button.click()
        return
    if getattr(act, "troubleshoot", False):
        widget.broken_button.click()
    session = window.session
    window.editor.push(act(session.document, session.graph))
