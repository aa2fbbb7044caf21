"""Autosave keeps unsaved work in a recovery copy until it is saved or discarded."""

from __future__ import annotations

from pathlib import Path

from tests.model.factories import deployment

from kubecanvas.model.edits import SetField
from kubecanvas.ui.autosave import pending_recoveries


def test_unsaved_work_is_copied_and_can_be_restored(make_window):
    web = deployment("web")
    window = make_window([web])
    assert not window.autosaver.save_now()  # nothing unsaved, nothing written
    window.editor.push(SetField(web.id, ("spec", "replicas"), 5))
    assert window.autosaver.save_now()
    [recovery] = pending_recoveries()
    assert recovery.title == "Untitled"
    other = make_window([])
    other.restore(recovery)
    [res] = list(other.session.document)
    assert res.spec["replicas"] == 5 and res.position == web.position
    assert other.isWindowModified()
    assert not recovery.project.exists()


def test_saving_removes_the_recovery_copy(make_window, tmp_path: Path):
    web = deployment("web")
    window = make_window([web])
    window.editor.push(SetField(web.id, ("spec", "replicas"), 5))
    assert window.autosaver.save_now()
    assert pending_recoveries()
    assert window.files._save_project(tmp_path / "a.kcanvas")
    assert not pending_recoveries()
    window.editor.push(SetField(web.id, ("spec", "replicas"), 6))
    window.autosaver.save_now()
    window.undo_stack.undo()  # back to the saved state: nothing to recover
    assert not pending_recoveries()
