"""The editor's side of talking to a cluster: the Cluster menu, the Cluster dock, and the tasks.

`install_cluster(window)` is the one call the window needs. It adds the Cluster menu (check with
a server-side dry run, apply after a confirmation, import a namespace, choose the kubectl
context) and the Cluster dock, and follows the window through New and Open.

Everything goes through the user's own kubectl and kubeconfig (the `kubecanvas.cluster` layer);
nothing here reads, keeps or stores credentials, and the chosen context lives only in memory.
Every kubectl call runs in a `ClusterTask` thread, so the window stays responsive, with a busy
bar and a Cancel in the dock. An apply is refused while the validator reports errors (the
cluster would refuse too) and, when confirmed, is sent to the context named in the
confirmation, even if the kubeconfig's current context changed meanwhile.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox

from kubecanvas.cluster import Kubectl, ServerReport, apply_resources
from kubecanvas.io.yaml_out import apply_order, dump_resources
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import secrets_without_values
from kubecanvas.ui.commands.cluster_contexts import ContextChooser
from kubecanvas.ui.commands.cluster_task import (
    ClusterTask,
    Imported,
    Namespaces,
    import_namespace,
    list_namespaces,
)
from kubecanvas.ui.i18n import in_languages, local_text, translator
from kubecanvas.ui.panels.cluster_dialogs import ADD_TO_CURRENT, ImportNamespaceDialog
from kubecanvas.ui.panels.cluster_panel import ClusterPanel, ServerMarkers
from kubecanvas.ui.session import Session, Update
from kubecanvas.validation.findings import Severity

#: texts of this module, filed under "ClusterController" in the editor's catalogue
tr = translator("ClusterController")

if TYPE_CHECKING:
    from kubecanvas.ui.commands.shell import EditorShell

Yes, Cancel, No = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel,
                   QMessageBox.StandardButton.No)


class ClusterController(QObject):
    """The Cluster menu and dock of one window, and the kubectl task running for them.

    Attributes:
        kube_contexts: the kubectl Context submenu and the context chosen there.
        task: the running cluster command (None when idle).
        panel: the Cluster dock.
        actions: the menu's actions by name (also used by tests).
    """

    def __init__(self, window: EditorShell) -> None:
        super().__init__(window.qt_window())
        self.window = window
        self.parent_widget = window.qt_window()  # the dock's and the dialogs' window
        self.task: ClusterTask | None = None
        self._tasks: list[ClusterTask] = []
        self._session: Session | None = None
        self.panel = ClusterPanel(self.parent_widget)
        self.markers = ServerMarkers()
        self.actions: dict[str, QAction] = {}
        self._build_dock()
        self._build_actions()
        self._build_menu()
        self.panel.resource_activated.connect(self.show_resource)
        self.panel.cancel_requested.connect(self.cancel)
        window.session_changed.connect(self._session_changed)
        self.parent_widget.destroyed.connect(self.shutdown)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._bind(window.session)

    # --- building ----------------------------------------------------------------------------
    def _build_dock(self) -> None:
        window = self.parent_widget
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        window.tabifyDockWidget(self.window.problems, self.panel)
        self.window.problems.raise_()

    def _build_actions(self) -> None:
        slots: dict[str, Callable[[], Any]] = {
            "check": self.check, "apply": self.apply, "import": self.import_namespace,
            "cancel": self.cancel, "refresh_contexts": lambda: self.kube_contexts.refresh()}
        for name, slot in slots.items():
            action = QAction(self.parent_widget)
            action.triggered.connect(slot)
            self.actions[name] = action
        self.actions["cancel"].setEnabled(False)

    def _build_menu(self) -> None:
        self.menu = self.parent_widget.menuBar().addMenu("")
        self.menu.addAction(self.actions["check"])
        self.menu.addAction(self.actions["apply"])
        self.menu.addSeparator()
        self.menu.addAction(self.actions["import"])
        self.menu.addSeparator()
        self.context_menu = self.menu.addMenu("")
        self.kube_contexts = ContextChooser(self.context_menu, self.actions["refresh_contexts"],
                                            self, self._run, self.panel.show_message)
        self.menu.addAction(self.actions["cancel"])
        self.menu.addSeparator()
        self.menu.addAction(self.panel.toggleViewAction())
        self.retranslate()

    def retranslate(self) -> None:
        """(Re)set the menu's texts in the current language."""
        self.menu.setTitle(tr("&Cluster"))
        texts = {"check": tr("&Check Against Cluster (Dry Run)"),
                 "apply": tr("&Apply to Cluster…"),
                 "import": tr("&Import Namespace…"),
                 "cancel": tr("Cancel &kubectl"),
                 "refresh_contexts": tr("&Refresh Contexts")}
        for name, text in texts.items():
            self.actions[name].setText(text)
        self.actions["check"].setStatusTip(tr(
            "Send the design to the API server with kubectl apply --dry-run=server; nothing "
            "is changed"))
        self.context_menu.setTitle(tr("kubectl C&ontext"))
        self.markers.text = tr("server ✕")
        self.panel.retranslate()
        self.kube_contexts.fill()

    # --- following the window ----------------------------------------------------------------
    def _session_changed(self, session: Session) -> None:
        self.markers.forget()
        self.panel.clear()
        self.panel.show_message(tr("Another design is shown; check it against the cluster "
                                   "from the Cluster menu."))
        self._bind(session)

    def _bind(self, session: Session | None) -> None:
        if self._session is not None:
            self._session.unlisten("cluster")
        self._session = session
        if session is not None:
            session.listen("cluster", self._after_change)

    def _after_change(self, update: Update) -> None:
        if update.change.structural:
            self.panel.mark_stale()
            self._show_markers()

    def _show_markers(self) -> None:
        scene = self.window.scene
        if scene is not None:
            self.markers.show(scene.item_for)

    def show_resource(self, rid: str) -> None:
        """Select a resource of the dock on the canvas and scroll it into view."""
        scene = self.window.scene
        if scene is None or self.window.session is None or rid not in self.window.session.document:
            self.window.show_status(tr("That resource is no longer in the design"))
            return
        scene.select_ids([rid])
        item = scene.item_for(rid)
        if item is not None:
            self.window.view.ensureVisible(item, 80, 80)

    # --- tasks -------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a command's kubectl runs (the menu's commands are disabled meanwhile)."""
        return self.task is not None

    @property
    def threads(self) -> list[ClusterTask]:
        """Task threads not finished yet (a cancelled one ends once its kubectl is killed)."""
        return list(self._tasks)

    def _start(self, work: Callable[[Kubectl], Any], text: str,
               done: Callable[[Any], None], context: str | None = None) -> bool:
        """Run `work` with kubectl in a task thread; `done(result)` runs back in the UI thread."""
        if self.task is not None:
            self.window.show_status(tr("kubectl is still running; wait for it or cancel it"))
            return False
        chosen = context if context is not None else self.kube_contexts.chosen
        task = ClusterTask(work, chosen, self)
        task.succeeded.connect(partial(self._succeeded, task, done))
        task.failed.connect(partial(self._failed, task))
        task.cancelled.connect(partial(self._cancelled, task))
        self.task = task
        self._set_busy(text)
        self._run(task)
        return True

    def _run(self, task: ClusterTask) -> None:
        """Start `task`, kept until it finishes (`shutdown` stops what still runs)."""
        task.finished.connect(partial(self._finished, task))
        self._tasks.append(task)
        task.start()

    def _set_busy(self, text: str | None) -> None:
        self.panel.set_busy(text)
        for name in ("check", "apply", "import"):
            self.actions[name].setEnabled(text is None)
        self.actions["cancel"].setEnabled(text is not None)
        if text is not None:
            self.panel.show()
            self.panel.raise_()

    def _release(self, task: ClusterTask) -> bool:
        """Forget `task` as the running one; False when it was already forgotten."""
        if self.task is not task:
            return False
        self.task = None
        self._set_busy(None)
        return True

    def _succeeded(self, task: ClusterTask, done: Callable[[Any], None], result: object) -> None:
        if self._release(task):
            done(result)

    def _failed(self, task: ClusterTask, message: str) -> None:
        if not self._release(task):
            return
        self.panel.clear()
        self.markers.set_refused({})  # earlier answers no longer stand beside the error
        self._show_markers()
        self.panel.show_error(message)
        self.window.show_status(message)
        QMessageBox.warning(self.parent_widget, tr("Cluster"), message)

    def _cancelled(self, task: ClusterTask) -> None:
        if self._release(task):
            self.panel.show_message(tr("Cancelled; kubectl was stopped. An apply may have "
                                       "changed part of the cluster: check again to see."))

    def _finished(self, task: ClusterTask) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        task.deleteLater()

    def cancel(self) -> None:
        """Stop the running kubectl (the dock's Cancel)."""
        if self.task is not None:
            self.task.cancel()
            self.panel.cancel_button.setEnabled(False)
            self.panel.show_message(tr("Cancelling…"))

    def shutdown(self) -> None:
        """Stop every kubectl of this window and wait for the threads (quit, window closed)."""
        for task in list(self._tasks):
            task.cancel()
            task.wait(5000)
        self._tasks.clear()
        self.task = None

    # --- check and apply ---------------------------------------------------------------------
    def _snapshot(self) -> list[Resource]:
        """Copies of the design's resources in apply order: the task thread reads these, never
        the live document the user keeps editing."""
        session = self.window.session
        resources = copy.deepcopy(apply_order(session.document)) if session is not None else []
        blank = {r.id for r, _keys in secrets_without_values(resources)}  # values in the cluster:
        return [r for r in resources if r.id not in blank]  # sent, they would be emptied there

    def check(self) -> bool:
        """Server-side dry run of the whole design; the answers go to the dock."""
        resources = self._snapshot()
        if not resources:
            QMessageBox.information(self.parent_widget, tr("Check Against Cluster"),
                                    tr("The design is empty: there is nothing to check."))
            return False
        text = tr("Asking the cluster about {count} resources (server dry run)…")
        return self._start(lambda k: apply_resources(k, resources, dump_resources, dry_run=True),
                           text.format(count=len(resources)), self.show_report)

    def error_count(self) -> int:
        session = self.window.session
        if session is None:
            return 0
        return sum(1 for f in session.validator.findings if f.severity is Severity.ERROR)

    def apply(self) -> bool:
        """Apply for real: refused while error findings remain, else after a confirmation that
        names the context and the number of resources."""
        errors = self.error_count()
        if errors:
            answer = QMessageBox.question(
                self.parent_widget, tr("Apply Refused"),
                tr("The design has {count} error findings (see Problems), so the cluster "
                   "would refuse it; nothing was applied. Fix them first.\n\nCheck the "
                   "design against the cluster instead? A dry run changes nothing.")
                .format(count=errors), Yes | No, Yes)
            if answer == Yes:
                self.check()
            return False
        if not self._snapshot():
            QMessageBox.information(self.parent_widget, tr("Apply to Cluster"),
                                    tr("The design is empty: there is nothing to apply."))
            return False
        return self._start(lambda k: k.current_context(), tr("Reading the kubectl context…"),
                           self._confirm_apply)

    def _confirm_apply(self, context: str) -> None:
        resources = self._snapshot()
        answer = QMessageBox.question(
            self.parent_widget, tr("Apply to Cluster"),
            tr("Apply {count} resources to the cluster of context “{context}”?\n\nThis "
               "changes the cluster (kubectl apply).").format(count=len(resources),
                                                              context=context),
            Yes | Cancel, Cancel)
        if answer != Yes:
            self.panel.show_message(tr("Nothing was applied."))
            return
        text = tr("Applying {count} resources to context {context}…")
        self._start(lambda k: apply_resources(k, resources, dump_resources, dry_run=False),
                    text.format(count=len(resources), context=context), self.show_report,
                    context=context)

    def show_report(self, report: ServerReport) -> None:
        """The server's answers: rows in the dock, tags on refused nodes."""
        self.panel.show_report(report)
        self.panel.show()
        self.panel.raise_()
        self.markers.set_refused({a.resource_id: local_text(a.message) for a in report.rejected})
        self._show_markers()
        self.window.show_status(self.panel.summary.text())

    # --- import ------------------------------------------------------------------------------
    def import_namespace(self) -> bool:
        """Ask which namespace (offering the cluster's), then import it in a task."""
        return self._start(list_namespaces, tr("Reading the namespaces of the cluster…"),
                           self._ask_namespace)

    def _ask_namespace(self, listing: Namespaces) -> None:
        session = self.window.session
        can_add = session is not None and len(session.document) > 0
        dialog = ImportNamespaceDialog(listing.names, listing.context, listing.note, can_add,
                                       self.parent_widget)
        choice = dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        include = dialog.include_secret_values()
        dialog.deleteLater()
        if choice is None:
            self.panel.show_message(tr("Nothing was imported."))
            return
        namespace, target = choice
        text = tr("Importing namespace {namespace} from context {context}…")
        self._start(partial(import_namespace, namespace=namespace,
                            include_secret_values=include),
                    text.format(namespace=namespace, context=listing.context),
                    partial(self._imported, namespace=namespace, target=target),
                    context=listing.context)

    def _imported(self, result: Imported, namespace: str, target: str) -> None:
        count = len(result.document)
        if not count:
            message = tr("Namespace {namespace} holds no objects of the kinds KubeCanvas "
                         "knows (or does not exist); nothing was imported.") \
                .format(namespace=namespace)
            self.panel.show_error(message)
            QMessageBox.information(self.parent_widget, tr("Import Namespace"), message)
            return
        if target == ADD_TO_CURRENT and self.window.session is not None:
            self._add_to_current(result.document, namespace)
        elif self.window.confirm_discard():
            self.window.set_session(Session.create(result.document))
            self.window.undo_stack.resetClean()  # unsaved work: Close asks, the title shows *
        else:
            self.panel.show_message(tr("Nothing was imported."))
            return
        message = tr("Imported {count} resources from namespace {namespace} of context "
                     "{context}; {left} made by controllers left out.").format(
            count=count, namespace=namespace, context=result.context, left=result.left_out)
        if result.secrets_left:
            message += " " + tr("Secrets imported without their values, which stay in "
                                "the cluster: {count}.").format(count=result.secrets_left)
        if result.problems:
            message += " " + tr("{count} problems while reading; first: {first}").format(
                count=len(result.problems), first=local_text(result.problems[0]))
        self.panel.show_message(message)
        self.window.show_status(message)

    def _add_to_current(self, staging: Document, namespace: str) -> None:
        """Add the imported resources below the current design, as one undo step."""
        description = in_languages(
            lambda: tr("Import namespace {namespace}").format(namespace=namespace))
        self.window.editor.add_below(list(staging), description)


def install_cluster(window: EditorShell) -> ClusterController:
    """Add the Cluster menu and dock to `window`; returns its controller.

    Idempotent: a second call returns the controller already installed (`window.cluster`)."""
    existing = getattr(window, "cluster", None)
    if isinstance(existing, ClusterController):
        return existing
    controller = ClusterController(window)
    setattr(window, "cluster", controller)  # noqa: B010 - the window class is not ours to edit
    return controller
