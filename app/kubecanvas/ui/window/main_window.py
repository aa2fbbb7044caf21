"""The main window: canvas in the middle, palette left, inspector right, problems and YAML below.

Setup is split into `_build_*` helpers; file handling lives in `design_files`, gestures-to-edits
in `editing`, menus and shortcuts in `actions`. The window holds one session at a time and one
QUndoStack whose clean state drives the `*` in the title.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QMessageBox, QWidget

from kubecanvas.io.heap import bulk_build, settle
from kubecanvas.io.yaml_out import dump_resources
from kubecanvas.model.connect import rename_edit
from kubecanvas.model.layout import layout_edit
from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.rename_editor import RenameEditor
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import DARK, LIGHT, Theme, current_theme
from kubecanvas.ui.canvas.view import CanvasView
from kubecanvas.ui.commands import actions, design_files
from kubecanvas.ui.commands.actions import build_actions, build_menus, canvas_menu, retranslate
from kubecanvas.ui.commands.autosave import Autosaver, Recovery
from kubecanvas.ui.commands.cluster_controller import install_cluster
from kubecanvas.ui.commands.editing import Editor
from kubecanvas.ui.commands.file_commands import FileCommands
from kubecanvas.ui.commands.hardening_ui import ask_fix_value, hardening_on, toggle_hardening
from kubecanvas.ui.commands.help_menu import install_help
from kubecanvas.ui.commands.picture_view import PictureView
from kubecanvas.ui.commands.search import SearchController
from kubecanvas.ui.i18n import local_text, resource_label, tr
from kubecanvas.ui.panels.inspector import InspectorPanel
from kubecanvas.ui.panels.load_banner import LoadBanner, load_findings
from kubecanvas.ui.panels.palette import PalettePanel
from kubecanvas.ui.panels.problems_panel import ProblemsPanel
from kubecanvas.ui.panels.yaml_panel import YamlPanel
from kubecanvas.ui.session import Session, Update
from kubecanvas.ui.steady import steady_button
from kubecanvas.ui.teaching import install_teaching
from kubecanvas.ui.window.identity import app_icon
from kubecanvas.ui.window.layout_state import restore_layout, save_layout
from kubecanvas.ui.window.theme import apply_window_theme
from kubecanvas.validation.findings import Finding

#: how long after a design is shown the garbage of the previous one is collected, and after
#: the last edit what editing built (io/heap.settle)
_SETTLE_DELAY_MS, _EDITS_SETTLE_MS = 1500, 500

class MainWindow(QMainWindow):
    """The KubeCanvas editor window."""

    #: emitted after the window shows another design (new, open, a lesson): the teaching docks
    #: and other add-ons rebind to the new document through it
    session_changed = Signal(object)

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or QSettings("KubeCanvas", "KubeCanvas")
        self.recent = design_files.RecentFiles(self.settings)
        self.undo_stack = QUndoStack(self)
        self.editor = Editor(self.undo_stack, self, self.show_status)
        self.session: Session | None = None
        self.scene: CanvasScene | None = None
        self.ask_on_close = True
        self.rename_editor: RenameEditor | None = None
        self.language_actions: dict[str, QAction] = {}
        i18n.set_language(i18n.stored_language(self.settings))
        apply_window_theme(str(self.settings.value("canvasTheme", "system")))
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_view()
        self._build_docks()
        self.files = FileCommands(self)
        self.picture = PictureView(self)  # View options of the picture, the opening zoom
        self.actions_by_name = build_actions(self)
        build_menus(self, self.actions_by_name)
        self._build_toolbar()
        self._build_status()
        self.undo_stack.cleanChanged.connect(self.refresh_title)
        self.autosaver = Autosaver(lambda: not self.undo_stack.isClean())
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        # frees what a replaced design left, a moment after the new one is shown: one timer,
        # so opening twice in a row collects once
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(_SETTLE_DELAY_MS)
        self.settle_timer.timeout.connect(settle)
        self.set_session(Session.create())
        self.teaching = install_teaching(self)
        self.cluster = install_cluster(self)
        self.help = install_help(self)  # last: Help is the menu bar's last menu
        restore_layout(self, self.settings)  # once every dock is in place: teaching, cluster too
        i18n.notifier.changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    # --- building ----------------------------------------------------------------------------
    def _build_view(self) -> None:
        self.view = CanvasView(self)
        self.view.kind_dropped.connect(self._drop_kind)
        self.view.files_dropped.connect(self.open_dropped)
        self.view.nudge_requested.connect(self._nudge)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self.show_context_menu)
        self.view.zoom_changed.connect(lambda z: self.zoom_label.setText(f"{z * 100:.0f}%"))
        self.setCentralWidget(self.view)
        self.load_banner = LoadBanner(self.view)
        self.load_banner.show_requested.connect(self.show_load_problems)

    def _nudge(self, dx: float, dy: float) -> None:
        """Arrow keys move the selection; with nothing selected they scroll the canvas."""
        ids = self.selected_ids()
        if ids:
            self.editor.nudge(ids, dx, dy)
        else:
            hbar, vbar = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
            hbar.setValue(hbar.value() + int(dx * 2))
            vbar.setValue(vbar.value() + int(dy * 2))

    def _build_docks(self) -> None:
        self.palette_panel = PalettePanel(self)
        self.palette_panel.kind_activated.connect(
            lambda kind: self._drop_kind(kind, self.view.mapToScene(
                self.view.viewport().rect().center())))
        self.inspector = InspectorPanel(self)
        self.inspector.edit_requested.connect(self.editor.push)
        self.problems = ProblemsPanel(self)
        self.problems.finding_activated.connect(self.show_finding)
        self.problems.fix_requested.connect(self.apply_fix)
        self.problems.hardening_toggled.connect(lambda on: toggle_hardening(self, on))
        self.yaml_panel = YamlPanel(dump_resources, self)
        area = Qt.DockWidgetArea
        self.addDockWidget(area.LeftDockWidgetArea, self.palette_panel)
        self.addDockWidget(area.RightDockWidgetArea, self.inspector)
        self.addDockWidget(area.BottomDockWidgetArea, self.problems)
        self.addDockWidget(area.BottomDockWidgetArea, self.yaml_panel)
        self.splitDockWidget(self.problems, self.yaml_panel, Qt.Orientation.Horizontal)
        self.resizeDocks([self.palette_panel, self.inspector], [190, 380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems], [220], Qt.Orientation.Vertical)
        self.resizeDocks([self.problems, self.yaml_panel], [900, 500], Qt.Orientation.Horizontal)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("")
        bar.setObjectName("MainToolBar")
        self.toolbar = bar
        for name in ("new", "open", "save", None, "undo", "redo", None, "zoom_fit",
                     "auto_layout", "export_image"):
            if name is None:
                bar.addSeparator()
            elif name in ("undo", "redo"):  # a new text each edit: no relayout (`ui.steady`)
                steady_button(bar, self.actions_by_name[name], actions.UNDO_LABEL_WIDTH)
            else:
                bar.addAction(self.actions_by_name[name])
        bar.addSeparator()
        self.find_box = QLineEdit(bar)
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(280)
        bar.addWidget(self.find_box)
        self.search = SearchController(self, self.find_box)

    def _build_status(self) -> None:
        self.zoom_label = QLabel("100%", self)
        self.counts_label = QLabel("", self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.zoom_label)

    # --- language ----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the whole editor (and teaching mode) to `code`, now and for the next start;
        `retranslate_ui` follows, once, from the language's `changed` signal."""
        self.view.hold_top_left()  # the docks change width with the words
        i18n.set_language(code, self.settings)

    def retranslate_ui(self) -> None:
        """Every text of the window and its parts in the language now set (called once when it
        changes: the window passes it on to the docks, the canvas, cluster and teaching)."""
        retranslate(self)
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.language())
        self.toolbar.setWindowTitle(tr("Main toolbar"))
        self.find_box.setPlaceholderText(tr("Find: name, app=web, kind:Service, ns:shop"))
        self.find_box.setToolTip(tr(
            "Finds resources as you type, by part of a name, a label (app=web), a kind "
            "(kind:Service, or the word service) or a namespace (ns:shop); every term must match"))
        for panel in (self.palette_panel, self.inspector, self.problems, self.yaml_panel,
                      self.load_banner):
            panel.retranslate()
        for part in (getattr(self, "cluster", None), getattr(self, "teaching", None)):
            if part is not None:
                part.retranslate()
        if self.scene is not None:
            self.scene.retranslate()
            self.picture.legend.refresh(self.scene)  # its entries are made in one language
        self._show_counts()
        self.refresh_title()

    # --- the session -------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        """Show another design (a fresh undo history, a fresh scene)."""
        if self.session is not None:
            for name in ("scene", "inspector", "window"):
                self.session.unlisten(name)
        old = self.scene
        self.session = session
        self.editor.session = session
        self.undo_stack.clear()
        self.autosaver.set_session(session)
        # the blocks the layout grouped the design in as it opened, if it was laid out: its
        # stand-ins' grouping again (`membership.block_keys`) was 0.3 s at 15,000 resources
        scene = CanvasScene(session.document, session.graph, blocks=session.layout_blocks)
        session.layout_blocks = None  # (a later scene groups the document as it is then)
        scene.setParent(self)
        scene.theme = self.canvas_theme()
        scene.move_committed.connect(self.editor.commit_move)
        scene.wire_released.connect(lambda s, t, at: self.editor.wire(s, t, at))
        scene.rename_requested.connect(self.rename)
        scene.status_message.connect(self.show_status)
        scene.selectionChanged.connect(self._selection_changed)
        self.scene = scene
        self.view.setScene(scene)
        if old is not None:
            old.selectionChanged.disconnect(self._selection_changed)
            old.deleteLater()
        self.inspector.set_document(session.document, session.graph)
        self.yaml_panel.set_document(session.document)
        self.problems.label_of = self._label_of
        self.problems.source_of = self._label_source
        session.listen("scene", scene.apply)
        session.listen("inspector", self.inspector.follow)
        session.listen("window", self._after_change)
        self.refresh_views()
        self.refresh_title()
        if self.view.isVisible():  # the first frame already shows where the design reads
            self.picture.session_shown()
        QTimer.singleShot(0, self.picture.session_shown)  # again once laid out
        self.settle_timer.start(_SETTLE_DELAY_MS)  # once the design is on screen (io/heap.py)
        self.session_changed.emit(session)
        self.load_banner.show_problems(session.load_problems)

    def show_load_problems(self) -> None:
        """The banner's Show: the Problems panel, scrolled to the first load problem."""
        self.problems.show()
        self.problems.raise_()
        self.problems.filter_box.clear()
        self.problems.select_first()

    def _label_source(self, rid: str | None) -> tuple[str, str, str] | None:
        """What `_label_of` makes the label from (cheaper to compare than the label)."""
        res = self.session.document.find(rid) if self.session and rid else None
        return (res.kind, res.namespace, res.name) if res is not None else None

    def _label_of(self, rid: str | None) -> str:
        res = self.session.document.find(rid) if self.session and rid else None
        return resource_label(res.kind, res.namespace, res.name) if res is not None else ""

    def _after_change(self, update: Update) -> None:
        """After graph, validator and canvas caught up: badges, problems, YAML, counts."""
        self.settle_timer.start(_EDITS_SETTLE_MS)
        if update.change.structural or update.change.settings:
            self.refresh_views()
        else:  # positions are not in the YAML: moves need no refresh
            self._show_counts()

    def refresh_views(self) -> None:
        """Show the design's findings (badges, problems), YAML and counts again: after another
        design is shown, or its manifests or settings changed."""
        if self.session is None or self.scene is None:
            return
        validator = self.session.validator
        findings, replaced = validator.findings, validator.last_replaced
        if replaced is None:
            self.scene.set_findings(findings)
        else:  # an edit: the badges of the resources whose findings it replaced
            self.scene.set_findings([f for r in replaced for f in validator.findings_for(r)],
                                    replaced)
        load = load_findings(self.session.load_problems)
        self.problems.set_findings([*load, *findings], validator.order, len(load))
        self.problems.set_hardening(hardening_on(self))
        self.yaml_panel.schedule()
        self._show_counts()

    def _show_counts(self) -> None:
        count = len(self.session.document) if self.session is not None else 0
        self.counts_label.setText(tr("{count} resources").format(count=count))

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.autosaver.discard()  # saved (or undone back to saved): no recovery needed

    def restore(self, recovery: Recovery) -> None:
        """Reopen a recovery copy as unsaved work in the file it belongs to (Save writes that
        file); the copy stays until then, so a second crash loses nothing either."""
        session = recovery.load()
        with bulk_build():
            self.set_session(session)
        self.autosaver.set_session(session, token=recovery.project.stem)
        self.undo_stack.resetClean()
        self.refresh_title()
        self.show_status(tr("Restored unsaved changes to {title}").format(title=recovery.title))

    def refresh_title(self) -> None:
        """Show the design's title and its unsaved mark again (after a save, a rename)."""
        name = self.session.title if self.session else tr("Untitled")
        if self.files.saver.saving:
            name = tr("{title} (saving…)").format(title=name)
        self.setWindowModified(not self.undo_stack.isClean())
        self.setWindowTitle(f"{name}[*] — KubeCanvas")

    def qt_window(self) -> QMainWindow:
        """The window itself, for the parts that see it as an `EditorShell`."""
        return self

    def canvas_theme(self) -> Theme:
        """The canvas theme the user chose (or the one matching the system palette)."""
        choice = str(self.settings.value("canvasTheme", "system"))
        return {"light": LIGHT, "dark": DARK}.get(choice, current_theme())

    def set_canvas_theme(self, choice: str) -> None:
        """Light, Dark or Follow System, for the whole window (`window/theme.py`)."""
        self.settings.setValue("canvasTheme", choice)
        apply_window_theme(choice)
        if self.scene is not None:
            self.scene.set_theme(self.canvas_theme())
        self.picture.follow_theme()
        self.view.viewport().update()

    def show_context_menu(self, pos: QPoint) -> None:
        """Right-click: act on the node under the cursor (selecting it first) or the canvas."""
        if self.scene is None:
            return
        item = self.view.itemAt(pos)
        on_node = isinstance(item, NodeItem) and not item.ghost
        if isinstance(item, NodeItem) and on_node and not item.isSelected():
            self.scene.select_ids([item.rid])
        canvas_menu(self, on_node).exec(self.view.viewport().mapToGlobal(pos))

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- selection and finding ---------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return self.scene.selected_ids() if self.scene is not None else []

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.inspector.set_selection(ids)
        self.yaml_panel.set_selection(ids)

    def show_finding(self, finding: Finding) -> None:
        if self.scene is None or finding.resource_id is None:
            return
        self.scene.select_ids([finding.resource_id])
        node = self.scene.nodes.get(finding.resource_id)
        if node is not None:
            self.view.ensureVisible(node, 80, 80)
        self.inspector.focus_path(finding.path)
        self.show_status(f"{self._label_of(finding.resource_id)}: {finding.field}")

    def apply_fix(self, finding: Finding) -> None:
        if finding.fix is not None:
            value = ask_fix_value(self, finding.fix) if finding.fix.ask is not None else None
            if finding.fix.ask is not None and value is None:
                return  # the value the fix needs was not given
            self.editor.push(finding.fix.edit(value))
            self.show_status(tr("Applied: {fix}").format(fix=local_text(finding.fix.description)))

    # --- commands ----------------------------------------------------------------------------
    def _drop_kind(self, kind: str, pos: QPointF) -> None:
        if self.scene is None:
            return
        namespace = self.editor.namespace_at(self.scene.frames_by_namespace, pos)
        rid = self.editor.add_kind(kind, pos, namespace)
        if rid is not None:
            self.scene.select_ids([rid])

    def delete_selection(self) -> None:
        if self.scene is not None:
            self.editor.delete(self.selected_ids(), list(self.scene.selected_edges()))

    def auto_layout(self) -> None:
        if self.session is not None:
            edit = layout_edit(self.session.document, self.session.graph)
            if edit.positions:
                self.editor.push(edit)
            self.view.zoom_to_fit()

    def rename(self, rid: str) -> None:
        """Double-click on a node: edit its name in place."""
        node = self.scene.nodes.get(rid) if self.scene is not None else None
        if node is None:
            return
        self.rename_editor = RenameEditor(self.view, node, self.commit_rename)

    def commit_rename(self, rid: str, name: str) -> None:
        """Rename a resource and what refers to it, as one undoable step."""
        session = self.session
        if session is None or rid not in session.document:
            return
        if session.document.get(rid).name != name:
            self.editor.push(rename_edit(session.document, session.graph, rid, name))

    # --- files -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    def open_dropped(self, paths: Sequence[Path]) -> None:
        self.open_paths([p for p in paths if design_files.is_openable(p)])

    def open_paths(self, paths: Sequence[Path]) -> bool:
        """Open files or folders, after asking about unsaved changes (`FileCommands`)."""
        return self.files.open_paths(paths)

    def confirm_discard(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        if self.undo_stack.isClean() or not self.ask_on_close:
            return True
        answer = QMessageBox.question(
            self, tr("Unsaved changes"), tr("Save the changes to {title}?").format(
                title=self.session.title if self.session else tr("Untitled")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.files.save()
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard():
            event.ignore()
            return
        self.files.saver.wait()  # a Save still writing finishes before the recovery goes
        save_layout(self, self.settings)
        self.autosaver.discard()
        self.autosaver.stop()
        event.accept()
