"""Standard shortcuts pressed as keys, elided undo labels, and the Help menu."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtWidgets import QTableWidget, QToolButton
from tests.model.factories import deployment

from kubecanvas import __version__
from kubecanvas.model.connect import rename_edit
from kubecanvas.ui.commands.actions import UNDO_LABEL_WIDTH
from kubecanvas.ui.commands.help_menu import shortcut_rows

Ctrl = Qt.KeyboardModifier.ControlModifier


def _press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def test_ctrl_y_redoes(make_window, qtbot) -> None:
    web = deployment("web")
    window = make_window([web])
    window.commit_rename(web.id, "shop")
    window.undo_stack.undo()
    assert window.session.document.get(web.id).name == "web"
    _press(qtbot, window, Qt.Key.Key_Y, Ctrl)
    assert window.session.document.get(web.id).name == "shop"
    window.undo_stack.undo()
    _press(qtbot, window, Qt.Key.Key_Z, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.document.get(web.id).name == "shop"


def test_zoom_keys(make_window, qtbot) -> None:
    window = make_window([deployment("web")])
    window.view.set_zoom(1.0)
    _press(qtbot, window, Qt.Key.Key_Equal, Ctrl)
    assert window.view.zoom() > 1.2
    window.view.set_zoom(1.0)
    _press(qtbot, window, Qt.Key.Key_Plus, Ctrl)
    assert window.view.zoom() > 1.2
    _press(qtbot, window, Qt.Key.Key_0, Ctrl)
    assert window.view.zoom() == 1.0
    _press(qtbot, window, Qt.Key.Key_Minus, Ctrl)
    assert window.view.zoom() < 1.0


def test_f1_opens_the_documentation(make_window, qtbot) -> None:
    window = make_window([])
    opened: list[QUrl] = []
    window.help.open_url = opened.append
    _press(qtbot, window, Qt.Key.Key_F1)
    assert [u.toString() for u in opened] == ["https://github.com/kubecanvas/kubecanvas#readme"]


def test_long_undo_label_is_elided_on_the_toolbar(make_window) -> None:
    web = deployment("web")
    window = make_window([web])
    long_name = "a-very-long-deployment-name-that-goes-on-and-on-for-ever"
    window.editor.push(rename_edit(window.session.document, window.session.graph, web.id,
                                   long_name))
    undo = window.actions_by_name["undo"]
    assert long_name in undo.text() and long_name in undo.toolTip()
    button = next(b for b in window.toolbar.findChildren(QToolButton) if b.defaultAction() is undo)
    assert button.fontMetrics().horizontalAdvance(button.text()) <= UNDO_LABEL_WIDTH
    assert button.text().endswith("…")
    assert window.find_box.isVisible()


def test_help_is_the_last_menu_and_lists_its_commands(make_window) -> None:
    window = make_window([])
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[-1] == "Help"
    help_menu = window.menuBar().actions()[-1].menu()
    texts = [a.text().replace("&", "").rstrip("…") for a in help_menu.actions()
             if not a.isSeparator()]
    assert texts == ["Documentation", "Keyboard Shortcuts", "Report a Problem", "About KubeCanvas"]


def test_keyboard_shortcuts_are_generated_from_the_menus(make_window) -> None:
    window = make_window([])
    dialog = window.help.shortcuts_dialog()
    table = dialog.findChild(QTableWidget)
    rows = {(table.item(r, 1).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    commands = {command for command, _ in rows}
    assert {"Undo", "Redo", "Zoom In", "Save", "Documentation"} <= commands
    redo_keys = next(keys for command, keys in rows if command == "Redo")
    assert "Ctrl+Y" in redo_keys
    menus = [a.menu() for a in window.menuBar().actions()]
    assert table.rowCount() == len(list(shortcut_rows(menus)))
    with_keys = {a.text() for m in menus for a in m.actions() if a.shortcuts()}
    assert len(with_keys) <= table.rowCount()


def test_about_names_versions_and_licence(make_window) -> None:
    window = make_window([])
    text = window.help.about_text()
    for part in (__version__, "Apache-2.0", qVersion(), platform.python_version()):
        assert part in text


def test_report_a_problem_carries_the_versions(make_window) -> None:
    window = make_window([])
    opened: list[QUrl] = []
    window.help.open_url = opened.append
    window.help.actions["report"].trigger()
    [url] = opened
    assert url.toString().startswith("https://github.com/kubecanvas/kubecanvas/issues/new")
    assert __version__ in url.query(QUrl.ComponentFormattingOption.FullyDecoded)
