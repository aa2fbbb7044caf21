"""Window behaviour: menus and shortcuts, layout and recent files kept, unsaved changes asked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from tests.model.factories import deployment

from kubecanvas.ui.window.main_window import MainWindow


def test_menus_carry_the_standard_commands_and_shortcuts(make_window):
    window = make_window([])
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert {"File", "Edit", "View", "Arrange"} <= set(menus)
    texts = {a.text().replace("&", "").rstrip("…") for m in menus.values() for a in m.actions()}
    assert {"New", "Open", "Open Recent", "Save", "Save As", "Import YAML", "Export YAML",
            "Export Image", "Cut", "Copy", "Paste", "Duplicate", "Delete", "Select All",
            "Find", "Zoom In", "Zoom Out", "Zoom to Fit", "Zoom 100%"} <= texts
    acts = window.actions_by_name
    assert acts["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert acts["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)


def test_layout_and_recent_files_are_restored(qtbot, tmp_path: Path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.yaml_panel.hide()
    first.recent.add(tmp_path / "a.kcanvas")
    first.ask_on_close = False
    first.close()
    settings.sync()
    second = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(second)
    second.show()
    assert not second.yaml_panel.isVisible() and second.problems.isVisible()
    assert second.recent.paths() == [str((tmp_path / "a.kcanvas").resolve())]


def test_close_asks_about_unsaved_changes(make_window, monkeypatch):
    web = deployment("web")
    window = make_window([web])
    window.ask_on_close = True
    window.editor.nudge([web.id], 20, 0)
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert not window.close()
    assert window.isVisible()
    answers.append(QMessageBox.StandardButton.Discard)
    assert window.close()


def test_select_all_and_zoom_commands(make_window):
    a, b = deployment("a"), deployment("b")
    b.position = (400.0, 0.0)
    window = make_window([a, b])
    window.actions_by_name["select_all"].trigger()
    assert sorted(window.selected_ids()) == sorted([a.id, b.id])
    window.actions_by_name["zoom_in"].trigger()
    assert abs(window.view.zoom() - 1.25) < 1e-6
    window.actions_by_name["zoom_100"].trigger()
    assert abs(window.view.zoom() - 1.0) < 1e-6
    window.actions_by_name["auto_layout"].trigger()
    assert window.undo_stack.count() <= 1


_RUN = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kubecanvas.ui.window import app as app_module
from kubecanvas.ui.window.main_window import MainWindow

def inspect():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    print(json.dumps([window.windowTitle(), [r.name for r in window.session.document]]))
    window.close()
    QApplication.instance().quit()

app = QApplication(["kubecanvas"])
QTimer.singleShot(300, inspect)
sys.exit(app_module.run(sys.argv[1:]))
"""


def test_run_opens_the_files_given_on_the_command_line(tmp_path: Path):
    """In a process of its own: once an application's event loop has quit, Qt no longer hands
    palette changes to widgets, which would leave later tests of the same process a broken
    application."""
    import json
    import os
    import subprocess
    import sys

    manifest = tmp_path / "one.yaml"
    manifest.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n", "utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", _RUN, str(manifest)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == ["one.yaml[*] — KubeCanvas", ["settings"]]


def test_files_dropped_on_the_canvas_open(make_window, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "dropped.yaml"
    path.write_text("apiVersion: v1\nkind: Secret\nmetadata: {name: token}\n", "utf-8")
    window = make_window([])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    copy = Qt.DropAction.CopyAction
    for event in (QDragEnterEvent(QPoint(50, 50), copy, mime, left, none),
                  QDropEvent(QPointF(50, 50), copy, mime, left, none)):
        QApplication.sendEvent(window.view.viewport(), event)
    assert [r.name for r in window.session.document] == ["token"]
    assert window.session.title == "dropped.yaml"


def test_canvas_theme_choice_is_applied_and_kept(make_window):
    from kubecanvas.ui.canvas.style import DARK, LIGHT
    from kubecanvas.ui.session import Session

    window = make_window([deployment("web")])
    window.set_canvas_theme("dark")
    assert window.scene.theme is DARK
    window.set_session(Session.create())
    assert window.scene.theme is DARK
    window.set_canvas_theme("light")
    assert window.scene.theme is LIGHT


def test_context_menus_offer_selection_and_canvas_commands(make_window):
    from kubecanvas.ui.commands.actions import canvas_menu

    web = deployment("web")
    window = make_window([web])
    window.scene.select_ids([web.id])
    on_node = [a.text().replace("&", "") for a in canvas_menu(window, True).actions()]
    assert {"Rename…", "Copy", "Duplicate", "Delete"} <= set(on_node)
    on_canvas = [a.text().replace("&", "") for a in canvas_menu(window, False).actions()]
    assert {"Paste", "Select All", "Auto Layout"} <= set(on_canvas)
