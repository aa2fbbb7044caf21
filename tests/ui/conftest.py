"""Fixtures for GUI tests: a main window on a given document, with settings in a temp file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.ui.session import Session
from kubecanvas.ui.window.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, tmp_path: Path) -> Callable[[Iterable[Resource]], MainWindow]:
    def make(resources: Iterable[Resource] = ()) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.ask_on_close = False
        qtbot.addWidget(window)
        window.set_session(Session.create(Document(list(resources))))
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.view.set_zoom(1.0)
        return window

    return make


@pytest.fixture(autouse=True)
def release_clipboard(qapp):
    """After each test, leave no Python-made QMimeData on the clipboard (it crashes the
    process at exit; the application does the same when it quits)."""
    yield
    from kubecanvas.ui.commands.editing import Editor

    Editor.release_clipboard()


@pytest.fixture(autouse=True)
def no_param_dialogs(monkeypatch):
    """Wiring choices take their defaults unless a test asks otherwise."""
    monkeypatch.setattr("kubecanvas.ui.commands.editing.ask_params", lambda parent, action: {})


@pytest.fixture(autouse=True)
def private_app_data(monkeypatch, tmp_path: Path):
    """Autosave copies go to Qt's test folder under a home of this test's own, emptied around
    each test: `~/.qttest` is shared by every test run on the machine, so another run's
    recovery copy must not show up here."""
    import shutil

    from PySide6.QtCore import QStandardPaths

    from kubecanvas.ui.commands.autosave import recovery_dir

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    shutil.rmtree(recovery_dir(), ignore_errors=True)
    yield
    shutil.rmtree(recovery_dir(), ignore_errors=True)


@pytest.fixture(scope="module")
def monkeypatch_cap():
    """A Problems panel with at most 3 fix buttons (module-wide: hypothesis tests reuse it)."""
    from kubecanvas.ui.panels import problems_panel

    saved = problems_panel.MAX_FIX_BUTTONS
    problems_panel.MAX_FIX_BUTTONS = 3
    yield
    problems_panel.MAX_FIX_BUTTONS = saved
