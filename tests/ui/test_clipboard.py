"""Copy and paste with other applications: YAML text out, YAML text in, broken YAML reported."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from tests.model.factories import deployment, service
from tests.ui.gestures import snapshot

from kubecanvas.ui.commands.editing import POSITIONS_MIME


def test_copy_puts_plain_yaml_and_positions_on_the_clipboard(make_window):
    web = deployment("web")
    web.position = (100.0, 60.0)
    window = make_window([web])
    window.scene.select_ids([web.id])
    window.actions_by_name["copy"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text().startswith("apiVersion: apps/v1\nkind: Deployment")
    assert mime.hasFormat(POSITIONS_MIME)
    window.actions_by_name["paste"].trigger()
    pasted = [r for r in window.session.document if r.name == "web-copy"]
    assert [r.position for r in pasted] == [(140.0, 100.0)]  # beside the original


def test_paste_yaml_from_another_application_is_one_undo_step(make_window):
    window = make_window([service("web", {"app": "web"})])
    before = snapshot(window.session.document)
    QGuiApplication.clipboard().setText(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  A: b\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n"
        "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n"
        "      labels: {app: web}\n    spec:\n      containers: [{name: c, image: nginx}]\n")
    window.actions_by_name["paste"].trigger()
    names = sorted(r.name for r in window.session.document)
    assert names == ["settings", "web", "web"]
    assert any(e.edge.type == "selects" for e in window.scene.edge_items.values())
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_broken_yaml_is_reported_with_its_line_and_the_rest_pasted(make_window):
    window = make_window([])
    reports: list[tuple[str, str]] = []
    window.editor.report = lambda title, details: reports.append((title, details))
    QGuiApplication.clipboard().setText(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n"
        "apiVersion: v1\nkind: Secret\nmetadata: {name: [broken\n")
    window.actions_by_name["paste"].trigger()
    assert [r.name for r in window.session.document] == ["ok"]
    assert len(reports) == 1 and ("line 8" in reports[0][1] or "line 9" in reports[0][1])


def test_export_selection_as_image_is_in_the_menus(make_window, monkeypatch, tmp_path):
    from kubecanvas.ui.commands.actions import canvas_menu

    web, svc = deployment("web"), service("web")
    svc.position = (400.0, 0.0)
    window = make_window([web, svc])
    window.scene.select_ids([web.id])
    texts = [a.text().replace("&", "") for a in canvas_menu(window, True).actions()]
    assert "Export Selection as Image…" in texts
    target = tmp_path / "web.png"
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    window.actions_by_name["export_selection_image"].trigger()
    assert target.is_file()


def test_quitting_after_a_copy_does_not_crash(tmp_path):
    """A Python-made QMimeData left on the clipboard crashed the process at exit (SIGSEGV);
    the application hands it over as plain text when it quits."""
    import os
    import subprocess
    import sys

    script = tmp_path / "copy_then_quit.py"
    script.write_text(
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from kubecanvas.ui.commands.editing import Editor\n"
        "from kubecanvas.ui.window.main_window import MainWindow\n"
        "from kubecanvas.ui.session import Session\n"
        "from kubecanvas.model.document import Document\n"
        "from tests.model.factories import deployment\n"
        "app = QApplication(sys.argv)\n"
        "app.aboutToQuit.connect(Editor.release_clipboard)\n"
        "window = MainWindow()\n"
        "window.ask_on_close = False\n"
        "web = deployment('web')\n"
        "window.set_session(Session.create(Document([web])))\n"
        "window.editor.copy([web.id])\n"
        "QTimer.singleShot(50, app.quit)\n"
        "sys.exit(app.exec())\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
