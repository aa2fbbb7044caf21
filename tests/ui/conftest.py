"""Fixtures for GUI tests: a main window on a given document, with settings in a temp file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.ui.session import Session
from kubecanvas.ui.window.main_window import MainWindow


def snapshot(document: Document) -> str:
    """The document as canonical text: manifests, positions and pins, in order."""
    return json.dumps([[r.id, r.manifest, list(r.position), r.pinned] for r in document],
                      sort_keys=True)


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


def send_mouse(widget, kind, pos: QPoint, button=Qt.MouseButton.LeftButton,
               buttons=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Send one real mouse event to a widget (the view's viewport)."""
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def drag(widget, points: list[QPoint], modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at the first point, move through the rest, release at the last."""
    ev = QMouseEvent.Type
    send_mouse(widget, ev.MouseButtonPress, points[0], modifiers=modifiers)
    for point in points[1:]:
        send_mouse(widget, ev.MouseMove, point, Qt.MouseButton.NoButton, modifiers=modifiers)
    send_mouse(widget, ev.MouseButtonRelease, points[-1], buttons=Qt.MouseButton.NoButton,
               modifiers=modifiers)


def steps(start: QPoint, end: QPoint, count: int = 8) -> list[QPoint]:
    return [QPoint(int(start.x() + (end.x() - start.x()) * i / count),
                   int(start.y() + (end.y() - start.y()) * i / count)) for i in range(count + 1)]


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
