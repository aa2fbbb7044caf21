"""The lessons panel: pick a lesson, read it, and do its steps with live feedback.

The list shows the ten lessons in teaching order. The open lesson shows its explanation, its
documentation links and its steps; each step says whether it is done (checked against the model
and the validator after every edit by the controller), the first one not done is the current
one, and "Hint" reveals how to do it. Opening a lesson leaves as `open_requested`; the panel
never touches the document.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.teaching import Lesson, Step, StepStatus, current_step
from kubecanvas.teaching.architecture import COMPONENTS
from kubecanvas.teaching.text import Text, local
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.ui.tones import follow_theme, tone

#: a step's mark, the tone (`ui.tones`) of the mark and frame, and the frame's style
STATE_STYLE = {
    "done": ("✔", "ok", "QFrame#Step {{ border: 1px solid {colour}; border-radius: 6px; }}"),
    "current": ("▶", "current", "QFrame#Step {{ border: 2px solid {colour}; border-radius: 6px;"
                " background: rgba(26, 115, 232, 28); }}"),
    "todo": ("○", "muted", "QFrame#Step {{ border: 1px solid rgba(128, 128, 128, 90);"
             " border-radius: 6px; }}"),
}


CHOICE_WORDS = {"allowed": ("allowed", "허용됨"), "denied": ("denied", "거부됨"),
                "none": ("none", "없음"), "unset": ("not set", "설정 안 됨"),
                "pending": ("stays Pending", "Pending으로 남음"),
                "provisioned": ("a new PV is provisioned", "새 PV가 프로비저닝됨"),
                "default-class": ("the cluster's default class provisions one",
                                  "클러스터의 기본 클래스가 프로비저닝함")}


def choice_label(choice: str) -> str:
    """A choice as the learner reads it: component and outcome words in the UI's language."""
    lang = language()
    if choice in COMPONENTS:
        return COMPONENTS[choice] if lang == "ko" else choice
    words = CHOICE_WORDS.get(choice)
    return (words[1] if lang == "ko" else words[0]) if words else choice


class StepWidget(QFrame):
    """One step: its state mark, its prompt, and a hint shown on request. A question step also
    shows its choices (`answer_chosen`) and the simulation's verdict; a troubleshooting step a
    button that adds its broken design (`troubleshoot_requested`) and no hint."""

    answer_chosen = Signal(int, str)  # step index, choice
    troubleshoot_requested = Signal(int)  # step index

    def __init__(self, index: int, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Step")
        self.index, self.step = index, step
        self.state = "todo"
        self.status: StepStatus | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.mark = QLabel(self)
        self.mark.setStyleSheet("font-size: 18px")
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold")
        self.hint_button = QPushButton(self)
        self.hint_button.setCheckable(True)
        self.hint_button.toggled.connect(self._toggle_hint)
        top.addWidget(self.mark)
        top.addWidget(self.title, 1)
        top.addWidget(self.hint_button)
        self.prompt = QLabel(self)
        self.prompt.setWordWrap(True)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {tone('hint')}; font-style: italic")
        self.hint.setVisible(False)
        layout.addLayout(top)
        layout.addWidget(self.prompt)
        layout.addWidget(self.hint)
        self.choices_box = QGridLayout()  # two a row: long answers wrap, never widen the dock
        self.choices_box.setSpacing(4)
        self.choice_buttons: list[QPushButton] = []
        layout.addLayout(self.choices_box)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setVisible(False)
        layout.addWidget(self.verdict)
        self.verdict_text: tuple[bool, Text] | None = None
        self.broken_button = QPushButton(self)
        self.broken_button.clicked.connect(lambda: self.troubleshoot_requested.emit(self.index))
        self.broken_button.setVisible(False)
        layout.addWidget(self.broken_button)
        self.hint_button.setVisible(bool(step.hint))
        self.retranslate()
        follow_theme(self, self._recolour)

    def _recolour(self) -> None:
        self.hint.setStyleSheet(f"color: {tone('hint')}; font-style: italic")
        self._show_verdict()
        self._show_state()

    def retranslate(self) -> None:
        lang = language()
        self.hint_button.setText(tr("Hide hint") if self.hint_button.isChecked() else tr("Hint"))
        self.prompt.setText(self.step.text("prompt", lang))
        self.hint.setText(self.step.text("hint", lang))
        self.broken_button.setText(tr("Add the broken design"))
        self._show_verdict()
        self._show_checks()
        self._show_state()

    def set_choices(self, choices: Sequence[str]) -> None:
        """The answers to pick from (question steps; the simulation's value is among them)."""
        if [b.property("choice") for b in self.choice_buttons] == list(choices):
            return
        for button in self.choice_buttons:
            self.choices_box.removeWidget(button)
            button.deleteLater()
        self.choice_buttons = []
        for number, choice in enumerate(choices):
            button = QPushButton(choice_label(choice), self)
            button.setProperty("choice", choice)
            button.setMinimumWidth(40)
            button.clicked.connect(lambda _=False, c=choice: self.answer_chosen.emit(self.index, c))
            self.choices_box.addWidget(button, number // 2, number % 2)
            self.choice_buttons.append(button)

    def show_verdict(self, correct: bool, why: Text) -> None:
        """After a pick: right or not, and what the simulation showed (the explanation)."""
        self.verdict_text = (correct, why)
        self._show_verdict()

    def _show_verdict(self) -> None:
        if self.verdict_text is None:
            self.verdict.setVisible(False)
            return
        correct, why = self.verdict_text
        head = tr("Right: the simulation agrees.") if correct else tr(
            "Not quite. Try again; the simulation shows:")
        self.verdict.setText(f"{head} {local(why, language())}")
        self.verdict.setStyleSheet(f"color: {tone('ok' if correct else 'error')}")
        self.verdict.setVisible(True)

    def _toggle_hint(self, shown: bool) -> None:
        self.hint.setVisible(shown)
        self.hint_button.setText(tr("Hide hint") if shown else tr("Hint"))

    def set_status(self, state: str, status: StepStatus | None = None) -> None:
        self.state = state
        if status is not None:
            self.status = status
            self._show_checks()
        for button in self.choice_buttons:
            button.setVisible(self.step.question is not None and state == "current")
        self._show_state()

    def _show_checks(self) -> None:
        """What the check looked at, for the curious, as the tooltip in the current language."""
        if self.status is not None:
            self.setToolTip("\n".join(("✔ " if r.ok else "✘ ") + local(r.text, language())
                                      for r in self.status.results))

    def _show_state(self) -> None:
        mark, name, style = STATE_STYLE[self.state]
        colour = tone(name)
        self.mark.setText(mark)
        self.mark.setStyleSheet(f"font-size: 18px; color: {colour}")
        self.setStyleSheet(style.format(colour=colour))
        words = {"done": tr("done"), "current": tr("your turn"), "todo": tr("to do")}[self.state]
        self.title.setText(tr("Step {number}").format(number=self.index + 1) + f" · {words}")


class LessonsPanel(QDockWidget):
    """Dock with the lesson list and the open lesson."""

    open_requested = Signal(object)  # Lesson
    answer_chosen = Signal(int, str)  # step index, choice
    troubleshoot_requested = Signal(int)  # step index

    def __init__(self, lessons: Sequence[Lesson], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LessonsPanel")
        self.lessons = list(lessons)
        self.lesson: Lesson | None = None
        self.steps: list[StepWidget] = []
        self.statuses: list[StepStatus] = []
        self.completed: set[str] = set()
        self._build()
        self.retranslate()
        follow_theme(self, self._show_banner)

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(4, 4, 4, 4)
        self.list = QListWidget(top)
        self.list.itemActivated.connect(lambda _item: self._open_current())
        self.open_button = QPushButton(top)
        self.open_button.clicked.connect(self._open_current)
        top_layout.addWidget(self.list)
        top_layout.addWidget(self.open_button)
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.title = QLabel(content)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 17px; font-weight: bold")
        self.explanation = QLabel(content)
        self.explanation.setWordWrap(True)
        self.docs = QLabel(content)
        self.docs.setOpenExternalLinks(True)
        self.docs.setWordWrap(True)
        self.banner = QLabel(content)
        self.banner.setWordWrap(True)
        self.about = QPushButton(content)
        self.about.setCheckable(True)
        self.about.setChecked(True)
        self.about.setFlat(True)
        self.about.setStyleSheet("text-align: left; font-weight: bold")
        self.about.toggled.connect(self._toggle_about)
        self.steps_box = QVBoxLayout()
        self.content_layout.addWidget(self.title)
        self.content_layout.addWidget(self.banner)
        self.content_layout.addLayout(self.steps_box)
        for part in (self.about, self.explanation, self.docs):
            self.content_layout.addWidget(part)
        self.content_layout.addStretch(1)
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # the lesson's text scrolls; a small least height leaves a laptop's left column room
        # for the Palette above (Qt's 70 px kept the Palette to two kinds at 1366x768)
        scroll.setMinimumHeight(44)
        splitter.addWidget(top)
        splitter.addWidget(scroll)
        splitter.setSizes([170, 700])
        self.setWidget(splitter)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Lessons"))
        self.open_button.setText(tr("Open Lesson"))
        self.open_button.setToolTip(tr("Open the lesson's diagram as a new untitled design"))
        row = self.list.currentRow()
        self.list.clear()
        for lesson in self.lessons:
            mark = "✔ " if lesson.id in self.completed else ""
            item = QListWidgetItem(f"{mark}{lesson.order}. {lesson.text('title', language())}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.id)
            self.list.addItem(item)
        self.list.setCurrentRow(max(row, 0))
        for step in self.steps:
            step.retranslate()
        self._toggle_about(self.about.isChecked())
        self._show_lesson_text()
        self._show_banner()

    def _toggle_about(self, shown: bool) -> None:
        self.explanation.setVisible(shown)
        self.docs.setVisible(shown)
        self.about.setText(("▾ " if shown else "▸ ") + tr("About this lesson"))

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        lesson = next(x for x in self.lessons if x.id == item.data(Qt.ItemDataRole.UserRole))
        self.open_requested.emit(lesson)

    def set_lesson(self, lesson: Lesson | None) -> None:
        """Show `lesson` (None: no lesson is open in the window)."""
        self.lesson = lesson
        for widget in self.steps:
            self.steps_box.removeWidget(widget)
            widget.deleteLater()
        self.steps, self.statuses = [], []
        if lesson is not None:
            self.steps = [StepWidget(i, s) for i, s in enumerate(lesson.steps)]
            for widget in self.steps:
                self.steps_box.addWidget(widget)
                widget.answer_chosen.connect(self.answer_chosen)
                widget.troubleshoot_requested.connect(self.troubleshoot_requested)
            self.list.setCurrentRow(self.lessons.index(lesson) if lesson in self.lessons else 0)
        self._show_lesson_text()
        self._show_banner()

    def _show_lesson_text(self) -> None:
        lesson, lang = self.lesson, language()
        self.about.setVisible(lesson is not None)
        if lesson is None:
            self.title.setText(tr("No lesson open"))
            self.explanation.setText(tr("Choose a lesson above and open it: its diagram opens "
                                        "as a new design and its steps appear here."))
            self.docs.setText("")
            return
        self.title.setText(lesson.text("title", lang))
        self.explanation.setText(" ".join(lesson.text("explanation", lang).split()))
        links = " · ".join(f"<a href='{escape(u)}'>{escape(u.split('/docs/')[-1].strip('/'))}</a>"
                           for u in lesson.docs)
        self.docs.setText(f"{escape(tr('Documentation'))}: {links}")

    def set_statuses(self, statuses: Sequence[StepStatus],
                     broken_loaded: Collection[int] = ()) -> None:
        """Mark every step done, current or still to do; offer the broken design of a current
        troubleshooting step until it is added (`broken_loaded` lists those added)."""
        self.statuses = list(statuses)
        current = current_step(self.statuses)
        for i, (widget, status) in enumerate(zip(self.steps, self.statuses, strict=False)):
            state = "done" if status.done else ("current" if i == current else "todo")
            widget.set_status(state, status)
            widget.broken_button.setVisible(widget.step.kind == "troubleshoot" and state
                                            == "current" and i not in broken_loaded)
        if self.lesson is not None and self.statuses and current is None \
                and self.lesson.id not in self.completed:
            self.completed.add(self.lesson.id)
            item = self.list.item(self.lessons.index(self.lesson))
            if item is not None:
                item.setText("✔ " + item.text())
        self._show_banner()

    @property
    def done(self) -> bool:
        return bool(self.statuses) and current_step(self.statuses) is None

    def _show_banner(self) -> None:
        if self.lesson is None or not self.statuses:
            self.banner.setVisible(False)
            return
        self.banner.setVisible(True)
        count = sum(s.done for s in self.statuses)
        if self.done:
            self.banner.setText("✔ " + tr("Lesson complete: every step is done."))
            self.banner.setStyleSheet(f"font-size: 15px; font-weight: bold; color: {tone('ok')}")
        else:
            self.banner.setText(tr("{done} of {total} steps done").format(
                done=count, total=len(self.statuses)))
            self.banner.setStyleSheet("font-size: 13px; font-weight: bold")
