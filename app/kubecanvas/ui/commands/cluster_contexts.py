"""The Cluster menu's "kubectl Context" submenu: the kubeconfig's contexts, and the one chosen.

The contexts are read with kubectl in a task when the submenu opens (or on Refresh), so the menu
never waits for kubectl. The choice lives only in memory: a new start follows the kubeconfig's
current context again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from kubecanvas.ui.commands.cluster_task import ClusterTask, list_contexts
from kubecanvas.ui.i18n import translator

#: texts of this module, filed under "ClusterController" (the controller owns the menu)
tr = translator("ClusterController")


class ContextChooser:
    """The contexts submenu of one window's Cluster menu.

    Attributes:
        chosen: the context the next commands use; None follows the kubeconfig's current one.
        names: the kubeconfig's contexts, as last read.
        current: the kubeconfig's current context, as last read.
        note: why no context is listed ('' when some are).
    """

    def __init__(self, menu: QMenu, refresh: QAction, owner: QObject,
                 run: Callable[[ClusterTask], None], say: Callable[[str], None]) -> None:
        """`run` starts a task and keeps it until it finishes (the controller stops it on
        quit); `say` shows which context is used now."""
        self.menu, self.refresh_action, self.owner = menu, refresh, owner
        self.run, self.say = run, say
        self.chosen: str | None = None
        self.names: list[str] = []
        self.current: str | None = None
        self.note = ""
        self._listing: ClusterTask | None = None
        menu.aboutToShow.connect(self.refresh)

    def refresh(self) -> None:
        """Read the kubeconfig's contexts in a task; the submenu fills in when they arrive."""
        if self._listing is not None:
            return
        task = ClusterTask(list_contexts, None, self.owner)
        task.succeeded.connect(self._listed)
        task.failed.connect(self._failed)
        task.finished.connect(partial(setattr, self, "_listing", None))
        self._listing = task
        self.run(task)

    def _listed(self, listed: tuple[list[str], str | None]) -> None:
        self.names, self.current = listed
        self.note = "" if self.names else tr("kubectl knows no contexts")
        self.fill()

    def _failed(self, message: str) -> None:
        self.names, self.current, self.note = [], None, message
        self.fill()

    def fill(self) -> None:
        """The submenu as last read, in the language now set."""
        menu = self.menu
        menu.clear()
        group = QActionGroup(menu)
        follow = tr("Use the Current Context")
        if self.current:
            follow += f" ({self.current})"
        choices: list[tuple[str, str | None]] = [(follow, None)]
        for known in self.names:
            mark = tr(" (current)") if known == self.current else ""
            choices.append((known + mark, known))
        for index, (text, name) in enumerate(choices):
            action = QAction(text, menu, checkable=True, checked=name == self.chosen)
            action.setData(name)
            action.triggered.connect(partial(self.choose, name))
            group.addAction(action)
            menu.addAction(action)
            if index == 0:
                menu.addSeparator()
        if self.note:
            note = menu.addAction(self.note)
            note.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.refresh_action)

    def choose(self, name: str | None) -> None:
        """Use context `name` for the next commands (None: the kubeconfig's current one)."""
        self.chosen = name
        shown = name or self.current or tr("the current context")
        self.say(tr("kubectl context: {context}").format(context=shown))
        self.fill()
