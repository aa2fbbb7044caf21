"""The learner's side of teaching mode: progress kept per learner, and a teacher's own lessons.

`LearnerActions` owns the Teaching menu entries "Learner Name…", "Export Progress…", "Reset My
Progress on This Lesson" and "Open Lesson Folder…". It records one try of the current step each
time the open lesson's design changes (the headless store is `kubecanvas.teaching.progress_store`),
and checks a teacher's lesson folder with `lesson_check` before adding it to the lessons list,
showing every problem with its file and line instead.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from kubecanvas.teaching import Lesson, LessonError, StepStatus, current_step
from kubecanvas.teaching.lesson_check import check_path, lesson_folders
from kubecanvas.teaching.lessons import load_lesson
from kubecanvas.teaching.progress_store import ProgressError, ProgressStore
from kubecanvas.ui.teaching.i18n import tr

if TYPE_CHECKING:
    from kubecanvas.ui.commands.shell import EditorShell
    from kubecanvas.ui.teaching.lessons_panel import LessonsPanel

LEARNER_KEY = "teaching/learner"
#: (name, English text) of the actions, in menu order.
ACTIONS = (("learner", "Learner Name…"), ("export_progress", "Export Progress…"),
           ("reset_progress", "Reset My Progress on This Lesson"),
           ("open_lessons", "Open Lesson Folder…"))


def progress_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".kubecanvas") / "progress.json"


class LearnerActions(QObject):
    """Progress recording and the learner/teacher actions of one window."""

    def __init__(self, window: EditorShell, panel: LessonsPanel,
                 lesson: Callable[[], Lesson | None], store: ProgressStore | None = None) -> None:
        super().__init__(window.qt_window())
        self.window, self.panel, self.lesson = window, panel, lesson
        self.parent_widget = window.qt_window()  # the dialogs' parent
        self.store = store
        self._current: int | None = None
        self.actions: dict[str, QAction] = {}
        slots = {"learner": self.ask_learner, "export_progress": self.ask_export,
                 "reset_progress": self.reset, "open_lessons": self.ask_lesson_folder}
        for name, _text in ACTIONS:
            action = QAction(self.parent_widget)
            action.triggered.connect(slots[name])
            self.actions[name] = action

    def _store(self) -> ProgressStore | None:
        if self.store is None:
            try:
                self.store = ProgressStore(progress_path())
            except ProgressError as exc:
                self.window.show_status(str(exc))
        return self.store

    @property
    def learner(self) -> str:
        stored = str(self.window.settings.value(LEARNER_KEY, "") or "")
        return stored or getpass.getuser()

    def add_to(self, menu: QMenu) -> None:
        menu.addSeparator()
        for name, _text in ACTIONS:
            menu.addAction(self.actions[name])

    def retranslate(self) -> None:
        for name, text in ACTIONS:
            self.actions[name].setText(tr(text))

    # --- progress ----------------------------------------------------------------------------
    def lesson_opened(self, statuses: Sequence[StepStatus]) -> None:
        self._current = current_step(statuses)

    def record(self, statuses: Sequence[StepStatus]) -> None:
        """One try of the step that was current before this change of the design."""
        lesson, store, index = self.lesson(), self._store(), self._current
        if lesson is not None and store is not None and index is not None \
                and index < len(statuses):
            try:
                store.record_try(self.learner, lesson.id, lesson.steps[index].id,
                                 statuses[index].done)
            except ProgressError as exc:
                self.window.show_status(str(exc))
        self._current = current_step(statuses)

    def ask_learner(self) -> None:
        name, ok = QInputDialog.getText(self.parent_widget, tr("Learner Name…"),
                                        tr("Name kept with your progress:"), text=self.learner)
        if ok and name.strip():
            self.window.settings.setValue(LEARNER_KEY, name.strip())

    def ask_export(self) -> None:
        store = self._store()
        if store is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, tr("Export Progress…"),
                                              f"progress-{self.learner}.csv",
                                              tr("Progress as CSV (*.csv);;Progress as JSON (*.json)"))
        if path:
            try:
                store.export(Path(path))
                self.window.show_status(tr("Progress exported to {path}").format(path=path))
            except ProgressError as exc:
                QMessageBox.warning(self.parent_widget, tr("Export Progress…"), str(exc))

    def reset(self) -> None:
        lesson, store = self.lesson(), self._store()
        if lesson is not None and store is not None:
            store.reset(self.learner, lesson.id)
            self.window.show_status(tr("Progress on this lesson was reset"))

    # --- a teacher's lessons ---------------------------------------------------------------
    def ask_lesson_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parent_widget, tr("Open Lesson Folder…"))
        if folder:
            self.add_lessons(Path(folder))

    def add_lessons(self, path: Path) -> list[Lesson]:
        """Check the lessons under `path` and add them to the list; on problems, show them
        (file:line: message) and add nothing."""
        problems = check_path(path)
        if problems:
            shown = "\n".join(str(p) for p in problems[:20])
            QMessageBox.warning(self.parent_widget, tr("Open Lesson Folder…"),
                                tr("The lessons have problems:") + "\n\n" + shown)
            return []
        try:
            added = [load_lesson(folder) for folder in lesson_folders(path)]
        except LessonError as exc:
            QMessageBox.warning(self.parent_widget, tr("Open Lesson Folder…"), str(exc))
            return []
        known = {lesson.id for lesson in added}
        self.panel.lessons = [x for x in self.panel.lessons if x.id not in known] + added
        self.panel.lessons.sort(key=lambda x: (x.order, x.id))
        self.panel.retranslate()
        return added
