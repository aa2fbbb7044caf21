"""File > Save of a large project: written on a worker thread while the title says so, the
file whole and equal to the design as it was when Save was chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from tests.model.factories import deployment

from kubecanvas.io import load_project, save_project
from kubecanvas.model.document import Document
from kubecanvas.ui.commands import background_save


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background_save, "BACKGROUND_FROM", 3)


def _manifests(document) -> list[object]:
    return [r.manifest for r in document]


def test_save_runs_in_the_background_and_marks_clean(make_window, qtbot, tmp_path: Path,
                                                       large) -> None:
    window = make_window([deployment(f"web-{i}") for i in range(40)])
    path = tmp_path / "big.kcanvas"
    save_project(Document(), path)  # an older file there: replaced whole
    window.session.path = path
    window.editor.nudge([window.session.document.ids()[0]], 20, 0)
    assert not window.undo_stack.isClean()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    seen_saving = window.files.saver.saving and "(saving…)" in window.windowTitle()
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert seen_saving
    assert "(saving…)" not in window.windowTitle()
    assert window.undo_stack.isClean()
    assert _manifests(load_project(path)) == _manifests(window.session.document)
    assert [r.position for r in load_project(path)] == \
        [r.position for r in window.session.document]


def test_an_edit_while_saving_keeps_the_design_unsaved(make_window, qtbot, tmp_path: Path,
                                                        large) -> None:
    window = make_window([deployment(f"web-{i}") for i in range(40)])
    path = tmp_path / "big.kcanvas"
    window.session.path = path
    first = window.session.document.ids()[0]
    before = window.session.document.get(first).position
    window.files.save_in_background()
    window.editor.nudge([first], 40, 0)  # while the worker writes
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert not window.undo_stack.isClean()
    saved = load_project(path).get(first).position
    assert saved == before  # the file is the design as it was when Save was chosen


def test_a_failed_background_save_is_reported(make_window, qtbot, tmp_path: Path, large,
                                              monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    window = make_window([deployment(f"web-{i}") for i in range(5)])
    window.session.path = tmp_path / "missing-folder" / "x.kcanvas"
    window.editor.nudge([window.session.document.ids()[0]], 20, 0)
    window.files.save_in_background()
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert shown and "x.kcanvas" in shown[0]
    assert not window.undo_stack.isClean()
