"""Teaching mode wired into the main window: docks, menus, and following the open design.

`install_teaching(window)` is the one call the window needs. The controller listens to the
current session after the graph, the validator and the window's own panels (`ui.session.VIEWS`),
so lesson steps are checked against fresh findings after every change, whatever caused it (an
edit, undo, a fix). When the window switches designs (New, Open, a lesson) it rebinds to the new
session; a lesson stays open only while its own design is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenu

from kubecanvas.model.document import Document
from kubecanvas.model.edits import Edit
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching import Highlight, Lesson, LessonError, load_lessons, progress
from kubecanvas.ui.commands.design_files import lay_out
from kubecanvas.ui.session import Session, Update
from kubecanvas.ui.teaching import i18n
from kubecanvas.ui.teaching.control_plane import ControlPlanePanel
from kubecanvas.ui.teaching.explain_panel import ExplainPanel
from kubecanvas.ui.teaching.happens_panel import WhatHappensPanel
from kubecanvas.ui.teaching.highlight import HighlightOverlay
from kubecanvas.ui.teaching.i18n import tr
from kubecanvas.ui.teaching.learner import LearnerActions
from kubecanvas.ui.teaching.lessons_panel import LessonsPanel
from kubecanvas.ui.teaching.practice import Practice
from kubecanvas.ui.teaching.presentation import Presentation
from kubecanvas.ui.teaching.views import NamedView, SetViewsEdit, saved_views
from kubecanvas.validation.findings import Finding

if TYPE_CHECKING:
    from kubecanvas.ui.commands.shell import EditorShell

#: (action name, English text, shortcut) of the teaching actions, in menu order.
ACTIONS = (
    ("present", "&Presentation Mode", "F5"),
    ("leave", "Leave Presentation", "Esc"),
    ("next_slide", "Next Slide", "PgDown"),
    ("previous_slide", "Previous Slide", "PgUp"),
    ("save_view", "Save View for Presentation…", "Ctrl+Alt+S"),
    ("clear_views", "Clear Saved Views", None),
    ("explain", "&Explain Selection", "Shift+F1"),  # Qt's What's This key; F1 is Help
)


#: the lesson whose subject is the control plane: opening it brings the Control Plane tab forward
ARCHITECTURE_LESSON = "architecture"

class TeachingController(QObject):
    """Lessons, "what happens", explanations, presentation and language for one window.

    Attributes:
        lesson: the open lesson (None when the window shows another design).
        actions: the teaching actions by name (also used by tests).
    """

    def __init__(self, window: EditorShell) -> None:
        super().__init__(window.qt_window())
        self.window = window
        self.parent_widget = window.qt_window()  # the docks' and the dialogs' window
        i18n.set_language(i18n.stored_language(window.settings))
        try:
            lessons = load_lessons()
        except LessonError as exc:
            lessons = []
            window.show_status(str(exc))
        self.lesson: Lesson | None = None
        self._lesson_session: Session | None = None
        self._session: Session | None = None
        self.overlay = HighlightOverlay()
        self.lessons_panel = LessonsPanel(lessons, self.parent_widget)
        self.learner = LearnerActions(window, self.lessons_panel, lambda: self.lesson)
        self.happens_panel = WhatHappensPanel(self.parent_widget)
        self.explain_panel = ExplainPanel(self.parent_widget)
        self.control_plane = ControlPlanePanel(self.parent_widget)
        self.presentation = Presentation(window, lambda: self.lesson, self._step_done,
                                         lambda index: self.practice.states.get(index))
        self.practice = Practice(self, self.lessons_panel, self.learner, lambda: self.lesson,
                                 self._check_lesson)
        self.actions: dict[str, QAction] = {}
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self.lessons_panel.open_requested.connect(self.open_lesson)
        self.happens_panel.highlight_requested.connect(self.show_highlight)
        self.control_plane.highlight_requested.connect(self.show_highlight)
        window.problems.finding_activated.connect(self.explain_finding)
        self._follow_sessions()
        self.bind(window.session)

    # --- building ----------------------------------------------------------------------------
    def _build_docks(self) -> None:
        window, shell = self.parent_widget, self.window
        area = Qt.DockWidgetArea
        window.addDockWidget(area.LeftDockWidgetArea, self.lessons_panel)
        window.splitDockWidget(shell.palette_panel, self.lessons_panel, Qt.Orientation.Vertical)
        window.addDockWidget(area.RightDockWidgetArea, self.happens_panel)
        window.splitDockWidget(shell.inspector, self.happens_panel, Qt.Orientation.Vertical)
        window.tabifyDockWidget(self.happens_panel, self.explain_panel)
        # a tab beside the YAML, not a fourth column at the bottom: beside Problems, YAML and
        # the right column it made the window wider than a 1600-pixel screen
        window.addDockWidget(area.BottomDockWidgetArea, self.control_plane)
        window.tabifyDockWidget(shell.yaml_panel, self.control_plane)
        shell.yaml_panel.raise_()
        self.happens_panel.raise_()
        window.resizeDocks([self.lessons_panel], [340], Qt.Orientation.Horizontal)
        window.resizeDocks([shell.palette_panel, self.lessons_panel], [260, 640],
                           Qt.Orientation.Vertical)

    def _build_actions(self) -> None:
        window = self.parent_widget
        slots: dict[str, Callable[[], Any]] = {
            "present": self.toggle_presentation, "leave": self.presentation.leave,
            "next_slide": self.presentation.next, "previous_slide": self.presentation.previous,
            "save_view": self.ask_view_name, "clear_views": self.clear_views,
            "explain": self.explain_selection}
        for name, _text, keys in ACTIONS:
            action = QAction(window)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slots[name])
            window.addAction(action)  # shortcuts keep working while the menu bar is hidden
            self.actions[name] = action
        self.actions["present"].setCheckable(True)
        self.presentation.toggled.connect(self._presentation_toggled)
        self._presentation_toggled(False)

    def _build_menus(self) -> None:
        window = self.parent_widget
        view = next((a.menu() for a in window.menuBar().actions()
                     if a.text().replace("&", "") == "View" and a.menu() is not None), None)
        if isinstance(view, QMenu):
            view.addSeparator()
            for name in ("present", "save_view", "clear_views"):
                view.addAction(self.actions[name])
        self.menu = window.menuBar().addMenu("")
        for dock in (self.lessons_panel, self.happens_panel, self.explain_panel,
                     self.control_plane):
            self.menu.addAction(dock.toggleViewAction())
        self.menu.addAction(self.actions["explain"])
        self.learner.add_to(self.menu)
        self.menu.addSeparator()
        self.language_menu = self.menu.addMenu("")
        group = QActionGroup(self.language_menu)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self.language_menu, checkable=True,
                             checked=code == i18n.language())
            action.triggered.connect(partial(self.set_language, code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the teaching UI in the current language (the window calls it once
        when the language changes)."""
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.language())
        for name, text, _keys in ACTIONS:
            self.actions[name].setText(tr(text))
        self.menu.setTitle(tr("&Teaching"))
        self.language_menu.setTitle(tr("&Language"))
        self.learner.retranslate()
        for panel in (self.lessons_panel, self.happens_panel, self.explain_panel,
                      self.control_plane):
            panel.retranslate()
        if self.presentation.active:
            self.presentation.show_slide()

    def set_language(self, code: str) -> None:
        """Switch the teaching UI and lessons to English ('en') or Korean ('ko'), remembered."""
        i18n.set_language(code, self.window.settings)  # the window retranslates, once

    # --- following the window's design -------------------------------------------------------
    def _follow_sessions(self) -> None:
        """Rebind whenever the window shows another session."""
        self.window.session_changed.connect(lambda session: self.bind(session))

    def bind(self, session: Session | None) -> None:
        """Follow `session`: its document's changes, its scene's selection."""
        if self._session is not None:
            self._session.unlisten("teaching")
        self.overlay.clear()
        self._session = session
        if session is None:
            return
        if session is not self._lesson_session:
            self.lesson, self._lesson_session = None, None
        session.listen("teaching", self._on_change)
        scene = self.window.scene
        if scene is not None:
            scene.selectionChanged.connect(self._selection_changed)
        self.lessons_panel.set_lesson(self.lesson)
        self.happens_panel.set_document(session.document, session.graph,
                                        session.validator.findings_for)
        self.control_plane.set_document(session.document, session.graph,
                                        session.validator.findings_for,
                                        lambda: self.happens_panel.memo)
        self.explain_panel.show_explanation(None)
        self._check_lesson()

    def _on_change(self, update: Update) -> None:
        change = update.change
        self.happens_panel.follow(change)
        self.control_plane.follow(change, update.touched)
        if change.structural or change.settings:
            self._check_lesson()
            self.learner.record(self.lessons_panel.statuses)
            self.presentation.refresh_caption()
            self.happens_panel.refresh()
            self.control_plane.refresh()
            if self.overlay.items:
                self.show_highlight(self.happens_panel.highlight, self.happens_panel.broken)
        elif change.moved and self.overlay.items:  # halos follow the nodes
            self.show_highlight(self.overlay.highlight, self.overlay.broken)

    def _check_lesson(self) -> None:
        session = self._session
        if self.lesson is None or session is None:
            return
        statuses = progress(self.lesson, session.document, session.graph,
                            session.validator.findings, self.practice.answered)
        self.practice.record_states(statuses)
        self.lessons_panel.set_statuses(statuses, self.practice.broken_loaded)
        self.practice.show_choices(statuses)

    def _step_done(self, index: int) -> bool:
        statuses = self.lessons_panel.statuses
        return 0 <= index < len(statuses) and statuses[index].done

    def _selection_changed(self) -> None:
        scene, session = self.window.scene, self._session
        if scene is None or session is None:
            return
        self.overlay.clear()
        ids, edges = scene.selected_ids(), scene.selected_edges()
        self.happens_panel.show_resource(ids[0] if len(ids) == 1 else None)
        self.control_plane.show_resource(ids[0] if len(ids) == 1 else None)
        if ids:
            self.explain_panel.show_node(session.graph, ids[0])
        elif edges:
            self.explain_panel.show_edge(edges[0])
        else:
            self.explain_panel.show_explanation(None)

    # --- lessons -----------------------------------------------------------------------------
    def open_lesson(self, lesson: Lesson) -> bool:
        """Open the lesson's diagram as a new untitled design (never over a file)."""
        if not self.window.confirm_discard():
            return False
        document = lesson.document()
        blocks = lay_out(document)
        session = Session.create(document)
        session.layout_blocks = blocks
        self.lesson, self._lesson_session = lesson, session
        self.practice.reset()
        self.window.set_session(session)  # binds to it through `session_changed`
        self.learner.lesson_opened(self.lessons_panel.statuses)
        self.lessons_panel.raise_()
        self._make_room()
        if lesson.id == ARCHITECTURE_LESSON:  # the lesson about the control plane shows it
            self.control_plane.raise_()
        self.window.show_status(tr("Lesson opened: {title}").format(
            title=lesson.text("title", i18n.language())))
        return True

    def _make_room(self) -> None:
        """Give an open lesson's steps two thirds of the column it shares with the Palette
        (a first start gives the Palette more, for drawing; the steps then needed scrolling
        from the first one). Never shrinks a Lessons dock the user made taller."""
        window, panel = self.window.qt_window(), self.lessons_panel
        palette = window.findChild(QDockWidget, "PalettePanel")
        if not isinstance(palette, QDockWidget) or palette.isFloating() or panel.isFloating() \
                or not palette.isVisible() or not panel.isVisible() \
                or window.dockWidgetArea(palette) != window.dockWidgetArea(panel):
            return
        column = palette.height() + panel.height()
        if panel.height() < column * 2 // 3:
            window.resizeDocks([palette, panel], [column // 3, column - column // 3],
                               Qt.Orientation.Vertical)

    # --- what Practice needs of the window (PracticeHost) -----------------------------------
    def push_edit(self, edit: Edit) -> None:
        self.window.editor.push(edit)

    def design(self) -> tuple[Document, WiringGraph] | None:
        session = self._session
        return None if session is None else (session.document, session.graph)

    def show_status(self, text: str) -> None:
        self.window.show_status(text)

    def reveal(self, ids: list[str]) -> None:
        """Show the whole design with the resources just added (they sit to its right)."""
        if self.window.scene is not None:
            self.window.view.zoom_to_fit(self.window.scene.items_rect())

    # --- highlight and explanations ----------------------------------------------------------
    def show_highlight(self, highlight: Highlight, broken: tuple[str, ...] = ()) -> None:
        if self.window.scene is not None:
            self.overlay.show(self.window.scene, highlight, broken)

    def explain_finding(self, finding: Finding) -> None:
        self.explain_panel.show_finding(finding)
        self.explain_panel.show()
        self.explain_panel.raise_()

    def explain_selection(self) -> None:
        """Shift+F1: explain what is selected (or the problem chosen in the problems list)."""
        finding = self.window.problems.finding_at(self.window.problems.tree.currentItem())
        scene = self.window.scene
        if finding is not None and (scene is None or not scene.selectedItems()):
            self.explain_panel.show_finding(finding)
        else:
            self._selection_changed()
        self.explain_panel.show()
        self.explain_panel.raise_()

    # --- presenting --------------------------------------------------------------------------
    def toggle_presentation(self) -> None:
        if self.presentation.active:
            self.presentation.leave()
        else:
            self.presentation.enter()
        self._presentation_toggled(self.presentation.active)

    def _presentation_toggled(self, active: bool) -> None:
        self.actions["present"].setChecked(active)
        for name in ("leave", "next_slide", "previous_slide"):
            self.actions[name].setEnabled(active)

    def current_view(self, name: str) -> NamedView:
        view, scene = self.window.view, self.window.scene
        center = view.mapToScene(view.viewport().rect().center())
        selection = tuple(scene.selected_ids()) if scene is not None else ()
        return NamedView(name, round(view.zoom(), 4), (round(center.x(), 1),
                                                       round(center.y(), 1)), selection)

    def save_view(self, name: str) -> None:
        """Add the current zoom, centre and selection as a named view of the design."""
        if self._session is None or not name.strip():
            return
        views = [*saved_views(self._session.document), self.current_view(name.strip())]
        self.window.editor.push(SetViewsEdit(views, f"Save view {name.strip()}"))

    def ask_view_name(self) -> None:
        count = len(saved_views(self._session.document)) + 1 if self._session else 1
        name, ok = QInputDialog.getText(self.parent_widget, tr("Save View"),
                                        tr("Name of the view:"), text=tr("View {number}").format(number=count))
        if ok:
            self.save_view(name)

    def clear_views(self) -> None:
        if self._session is not None and saved_views(self._session.document):
            self.window.editor.push(SetViewsEdit([], "Clear saved views"))


def install_teaching(window: EditorShell) -> TeachingController:
    """Add teaching mode to `window`: docks, menus, shortcuts; returns its controller.

    Idempotent: the main window installs it once; a second call returns that controller."""
    existing = getattr(window, "teaching", None)
    if isinstance(existing, TeachingController):
        return existing
    return TeachingController(window)

