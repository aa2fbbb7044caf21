"""The Help menu: About, Keyboard Shortcuts, Documentation, Report a Problem.

Keyboard Shortcuts is generated from the window's own actions, menu by menu, so it can never
list a key that does nothing or miss one a menu shows. Documentation and Report a Problem open
the project's pages in the browser; the problem report comes pre-filled with the versions a
maintainer asks for first.
"""

from __future__ import annotations

import platform
import re
from collections.abc import Callable, Iterator

import PySide6
from PySide6.QtCore import QUrl, QUrlQuery, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from kubecanvas import __version__
from kubecanvas.ui.commands.actions import _menu, _source, standard_keys
from kubecanvas.ui.commands.shell import EditorShell
from kubecanvas.ui.i18n import N_, tr

HOME_URL = "https://github.com/kubecanvas/kubecanvas"
DOCS_URL = f"{HOME_URL}#readme"
ISSUES_URL = f"{HOME_URL}/issues/new"
LICENCE = "Apache-2.0"


def versions() -> str:
    """'KubeCanvas 0.1.0 · Qt 6.11.2 · PySide6 6.11.2 · Python 3.11.9 · Linux'."""
    return (f"KubeCanvas {__version__} · Qt {qVersion()} · PySide6 {PySide6.__version__} · "
            f"Python {platform.python_version()} · {platform.system() or '?'}")


def _plain(text: str) -> str:
    return re.sub(r"\(&\w\)|&", "", text).replace("…", "").strip()


def shortcut_rows(menus: list[QMenu]) -> Iterator[tuple[str, str, str]]:
    """(menu, command, keys) for every action with keys, in menu order."""
    for menu in menus:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                yield from ((_plain(menu.title()) + " › " + m, c, k)
                            for m, c, k in shortcut_rows([sub]))
            elif action.shortcuts():
                keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                 for k in action.shortcuts())
                yield _plain(menu.title()), _plain(action.text()), keys


class HelpMenu:
    """The Help menu of one window; `open_url` is replaceable (tests, sandboxes). Its texts
    carry their English source, so the window's `retranslate` shows them in a new language."""

    def __init__(self, window: EditorShell) -> None:
        self.window = window
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        qt = window.qt_window()
        self.menu = _menu(qt.menuBar(), N_("&Help"))
        self.actions: dict[str, QAction] = {}
        for name, text, slot, keys in (
                ("docs", N_("&Documentation"), self.show_docs,
                 standard_keys(QKeySequence.StandardKey.HelpContents, "F1")),
                ("shortcuts", N_("&Keyboard Shortcuts"), self.show_shortcuts, None),
                ("report", N_("&Report a Problem…"), self.report_problem, None),
                ("about", N_("&About KubeCanvas"), self.show_about, None)):
            action = QAction(qt)
            _source(action, text)
            if keys:
                action.setShortcuts(keys)
            action.triggered.connect(slot)
            action.setMenuRole(QAction.MenuRole.AboutRole if name == "about"
                               else QAction.MenuRole.NoRole)
            qt.addAction(action)
            self.menu.addAction(action)
            if name == "shortcuts":
                self.menu.addSeparator()
            self.actions[name] = action

    def show_docs(self) -> None:
        self.open_url(QUrl(DOCS_URL))

    def report_problem(self) -> None:
        url = QUrl(ISSUES_URL)
        query = QUrlQuery()
        query.addQueryItem("body", f"What happened:\n\nWhat I expected:\n\nVersions: {versions()}\n")
        url.setQuery(query)
        self.open_url(url)

    def about_text(self) -> str:
        return (f"<h3>KubeCanvas {__version__}</h3>"
                f"<p>{tr('Draw, wire, validate and export Kubernetes applications.')}</p>"
                f"<p>{tr('Licence: {licence}').format(licence=LICENCE)}<br>"
                f"Qt {qVersion()} · PySide6 {PySide6.__version__} · "
                f"Python {platform.python_version()}</p>"
                f'<p><a href="{HOME_URL}">{HOME_URL}</a></p>')

    def show_about(self) -> None:
        QMessageBox.about(self.window.qt_window(), tr("About KubeCanvas"), self.about_text())

    def shortcuts_dialog(self) -> QDialog:
        """A table of every menu command that has keys, generated from the menus."""
        qt = self.window.qt_window()
        menus = [a.menu() for a in qt.menuBar().actions() if isinstance(a.menu(), QMenu)]
        rows = list(shortcut_rows([m for m in menus if isinstance(m, QMenu)]))
        dialog = QDialog(qt)
        dialog.setWindowTitle(tr("Keyboard Shortcuts"))
        table = QTableWidget(len(rows), 3, dialog)
        table.setHorizontalHeaderLabels([tr("Menu"), tr("Command"), tr("Keys")])
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(value))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(560, 520)
        dialog.setObjectName("ShortcutsDialog")
        return dialog

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog().open()


def install_help(window: EditorShell) -> HelpMenu:
    """Add the Help menu (call after every other menu: Help is the last one)."""
    return HelpMenu(window)
