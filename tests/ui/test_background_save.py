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


def _ctrl_s(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_save_back_into_imported_files_runs_in_the_background(make_window, qtbot,
                                                              tmp_path: Path, large) -> None:
    """The YAML write-back Save of a large design froze the window like the project save did:
    it is written on the worker thread too, the title says so, and the files come out as the
    synchronous write-back writes them (only the edited document changed, comments kept)."""
    from kubecanvas.model.edits import SetField

    one = "# keep this comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n" \
          "data:\n  k: v\n"
    many = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\ndata:\n"
                   f"  k: v  # note {i}\n" for i in range(6))
    (tmp_path / "one.yaml").write_text(one, "utf-8")
    (tmp_path / "many.yaml").write_text(many, "utf-8")
    window = make_window([])
    assert window.open_paths([tmp_path])
    rid = next(r.id for r in window.session.document if r.name == "c3")
    window.editor.push(SetField(rid, ("data", "k"), "changed"))
    _ctrl_s(window, qtbot)
    seen_saving = window.files.saver.saving and "(saving…)" in window.windowTitle()
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert seen_saving
    assert (tmp_path / "one.yaml").read_text("utf-8") == one
    assert (tmp_path / "many.yaml").read_text("utf-8") == many.replace(
        "k: v  # note 3", "k: changed  # note 3")
    assert window.undo_stack.isClean() and not window.isWindowModified()
    # what was written is now the resource's original: a second edit and save still splice
    window.editor.push(SetField(rid, ("data", "k"), "again"))
    _ctrl_s(window, qtbot)
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert "k: again  # note 3" in (tmp_path / "many.yaml").read_text("utf-8")


def test_save_to_the_yaml_file_chosen_with_save_as_runs_in_the_background(
        make_window, qtbot, tmp_path: Path, large) -> None:
    from kubecanvas.io.yaml_in import load_paths
    from kubecanvas.model.edits import SetField

    window = make_window([deployment(f"web-{i}") for i in range(8)])
    path = tmp_path / "app.yaml"
    window.session.yaml_path = path
    first = window.session.document.ids()[0]
    window.editor.push(SetField(first, ("spec", "replicas"), 4))
    assert window.files.save_in_background()
    assert window.files.saver.saving and "(saving…)" in window.windowTitle()
    window.editor.push(SetField(first, ("spec", "replicas"), 5))  # while the worker writes
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    loaded = {r.name: r for r in load_paths([path]).resources}
    assert loaded[window.session.document.get(first).name].spec["replicas"] == 4
    assert not window.undo_stack.isClean()  # the later edit is not in the file


def test_a_failed_background_write_back_is_reported_and_nothing_is_lost(
        make_window, qtbot, tmp_path: Path, large, monkeypatch) -> None:
    from kubecanvas.model.edits import SetField

    shown: list[str] = []
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    many = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n"
                   for i in range(5))
    (tmp_path / "many.yaml").write_text(many, "utf-8")
    window = make_window([])
    assert window.open_paths([tmp_path / "many.yaml"])
    window.editor.push(SetField(window.session.document.ids()[0], ("data",), {"k": "v"}))
    from kubecanvas.io.writeback import WriteBackError

    def refuse(*_args, **_kwargs):
        raise WriteBackError("many.yaml: changed on disk since it was opened")

    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.write_back", refuse)
    assert window.files.save_in_background()
    qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    assert shown and "changed on disk" in shown[0]
    assert not window.undo_stack.isClean()
    assert len(window.session.document) == 5
    assert (tmp_path / "many.yaml").read_text("utf-8") == many


@pytest.mark.parametrize("background", [False, True])
def test_a_file_that_became_a_folder_keeps_the_design_unsaved(
        make_window, qtbot, tmp_path: Path, monkeypatch, background: bool) -> None:
    """An imported file was replaced by a folder before Save: the write-back leaves it alone,
    the user is told which file was not written, and the design stays unsaved (Close still
    asks) - synchronous save and the worker-thread save alike."""
    from kubecanvas.model.edits import SetField

    if background:
        monkeypatch.setattr(background_save, "BACKGROUND_FROM", 3)
    warned: list[str] = []
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QMessageBox.warning",
                        lambda parent, title, text: warned.append(text))
    many = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n"
                   for i in range(5))
    path = tmp_path / "many.yaml"
    path.write_text(many, "utf-8")
    window = make_window([])
    assert window.open_paths([path])
    window.editor.push(SetField(window.session.document.ids()[0], ("data",), {"k": "v"}))
    path.unlink()
    path.mkdir()
    if background:
        assert window.files.save_in_background()
        qtbot.waitUntil(lambda: not window.files.saver.saving, timeout=10000)
    else:
        assert not window.files.save()
    assert warned and str(path) in warned[0]
    assert not window.undo_stack.isClean() and window.isWindowModified()
    assert list(path.iterdir()) == []
