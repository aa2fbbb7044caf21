"""Question and troubleshooting steps in the window: answers checked by the simulation, broken
designs added as one undoable edit.

The headless side decides everything (`kubecanvas.teaching.questions` runs the simulation and
compares the pick; `Lesson.broken_design` reads the broken resources); this object only keeps
which questions of the open lesson were answered right and which broken designs were added, shows
the choices of the current question, and records each answer as a try in the learner's progress.
It reaches the window through the few things it uses (a `PracticeHost`), never the window class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from kubecanvas.model.document import Document
from kubecanvas.model.edits import AddResource, Compound, Edit
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.teaching import Lesson, current_step
from kubecanvas.teaching.checks import LessonState
from kubecanvas.teaching.lessons import StepStatus
from kubecanvas.teaching.questions import answer_question, measure, question_choices
from kubecanvas.ui.i18n import in_languages
from kubecanvas.ui.teaching.i18n import tr
from kubecanvas.ui.teaching.learner import LearnerActions
from kubecanvas.ui.teaching.lessons_panel import LessonsPanel


class PracticeHost(Protocol):
    def push_edit(self, edit: Edit) -> None: ...

    def design(self) -> tuple[Document, WiringGraph] | None: ...

    def show_status(self, text: str) -> None: ...

    def reveal(self, ids: list[str]) -> None: ...


#: How far right of the design a troubleshooting step's broken resources are placed.
GAP = 260.0


class Practice:
    """Answers and broken designs of the open lesson."""

    def __init__(self, host: PracticeHost, panel: LessonsPanel, learner: LearnerActions,
                 lesson: Callable[[], Lesson | None], recheck: Callable[[], None]) -> None:
        self.host, self.panel, self.learner = host, panel, learner
        self.lesson, self.recheck = lesson, recheck
        self.answered: set[str] = set()
        self.broken_loaded: set[int] = set()
        #: The design as each step left it (by step index; -1: as the lesson started), for the
        #: slides of presentation mode.
        self.states: dict[int, list[Resource]] = {}
        panel.answer_chosen.connect(self.answer)
        panel.troubleshoot_requested.connect(self.add_broken_design)

    def reset(self) -> None:
        """A lesson was (re)opened: its design starts afresh, and so do its answers."""
        self.answered, self.broken_loaded, self.states = set(), set(), {}

    def record_states(self, statuses: list[StepStatus]) -> None:
        """Keep the design as it is when a step turns done (and as it started); a step that is
        no longer done forgets its state."""
        design = self.host.design()
        if design is None:
            return
        snapshot: list[Resource] | None = None
        for index in (-1, *range(len(statuses))):
            done = index == -1 or statuses[index].done
            if done and index not in self.states:
                snapshot = snapshot or [r.clone() for r in design[0]]
                self.states[index] = snapshot
            elif not done:
                self.states.pop(index, None)

    def show_choices(self, statuses: list[StepStatus]) -> None:
        """Offer the current question's choices, with the simulation's value among them."""
        index, lesson, design = current_step(statuses), self.lesson(), self.host.design()
        if index is None or lesson is None or design is None:
            return
        step = lesson.steps[index]
        if step.question is None or index >= len(self.panel.steps):
            return
        try:
            measured = measure(step.question, LessonState(*design))
        except (KeyError, ValueError):  # the learner deleted what the question is about
            measured = None
        self.panel.steps[index].set_choices(question_choices(step.question, measured))
        self.panel.steps[index].set_status("current")

    def answer(self, index: int, choice: str) -> None:
        lesson, design = self.lesson(), self.host.design()
        if lesson is None or design is None or not 0 <= index < len(lesson.steps):
            return
        step = lesson.steps[index]
        if step.question is None:
            return
        try:
            verdict = answer_question(step.question, choice, LessonState(*design))
        except (KeyError, ValueError) as exc:
            self.host.show_status(str(exc))
            return
        self.panel.steps[index].show_verdict(verdict.correct, verdict.measured.why)
        store = self.learner._store()
        if store is not None:
            store.record_try(self.learner.learner, lesson.id, step.id, verdict.correct)
        if verdict.correct:
            self.answered.add(step.id)
        self.recheck()

    def add_broken_design(self, index: int) -> None:
        """Add the step's broken resources beside the design, as one undoable edit."""
        lesson, design = self.lesson(), self.host.design()
        if lesson is None or design is None or index in self.broken_loaded:
            return
        doc = design[0]
        loaded = lesson.broken_design(lesson.steps[index])
        right = max((r.position[0] for r in doc), default=0.0) + GAP
        edits: list[Edit] = []
        for row, res in enumerate(loaded.resources):
            res.position = (right + (row % 2) * 220.0, 60.0 + (row // 2) * 150.0)
            edits.append(AddResource(res))
        self.broken_loaded.add(index)
        self.host.push_edit(Compound(edits, in_languages(lambda: tr("Add the broken design"))))
        self.host.reveal([r.id for r in loaded.resources])
