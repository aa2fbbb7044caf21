"""Autosave keeps unsaved work in a recovery copy until it is saved or discarded."""

from __future__ import annotations

from pathlib import Path

from tests.model.factories import deployment

from kubecanvas.model.edits import SetField
from kubecanvas.ui.commands.autosave import pending_recoveries


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
    # the copy stays until the restored work is saved: a second crash loses nothing either
    assert recovery.project.exists()


def test_a_recovered_project_stays_linked_to_its_file(make_window, tmp_path: Path):
    """After a crash, the restored design is titled by its file and Save writes that file
    (atomically) and removes the recovery copy (issue 11)."""
    from kubecanvas.io.project import load_project
    from kubecanvas.ui.session import Session

    design = tmp_path / "design.kcanvas"
    web = deployment("web")
    window = make_window([web])
    assert window.files._save_project(design)
    window.editor.push(SetField(web.id, ("spec", "replicas"), 4))
    assert window.autosaver.save_now()
    window.autosaver.stop()  # "crash": the window is gone without saving
    [recovery] = pending_recoveries()
    assert recovery.title == "design.kcanvas"
    other = make_window([])
    other.restore(recovery)
    assert isinstance(other.session, Session) and other.session.path == design
    assert "design.kcanvas" in other.windowTitle() and other.isWindowModified()
    assert other.files.save()  # no dialog: the file is known
    [saved] = list(load_project(design))
    assert saved.spec["replicas"] == 4
    assert not pending_recoveries() and not other.isWindowModified()


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


def test_a_change_is_copied_soon_and_steady_editing_does_not_postpone_it(make_window, qtbot):
    web = deployment("web")
    window = make_window([web])
    saver = window.autosaver
    saver.countdown.setInterval(2000)  # long beside the 100 ms wait, even on a loaded machine
    assert not saver.countdown.isActive()
    window.editor.push(SetField(web.id, ("spec", "replicas"), 2))
    assert saver.countdown.isActive()
    remaining = saver.countdown.remainingTime()
    qtbot.wait(100)
    window.editor.push(SetField(web.id, ("spec", "replicas"), 3))  # does not restart it
    assert saver.countdown.remainingTime() < remaining
    def copied_replicas() -> object:
        found = pending_recoveries()
        return found[0].load().document.get(web.id).spec["replicas"] if found else None

    # on a loaded machine the countdown may fire between the two edits: the copy then holds 2
    # at first, and the second edit's countdown brings 3
    qtbot.waitUntil(lambda: copied_replicas() == 3, timeout=10000)


def test_a_new_session_stops_following_the_old_document(make_window):
    web = deployment("web")
    window = make_window([web])
    old = window.session
    window.set_session(type(old).create())
    window.autosaver.countdown.stop()
    old.document.set_manifest(web.id, {**web.manifest, "kind": "Deployment"})
    assert not window.autosaver.countdown.isActive()


def _generated(count: int) -> list:
    import sys

    from kubecanvas.io.yaml_in import load_text

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    return load_text(generate_yaml(count, 2), "generated.yaml").resources


def test_a_large_copy_is_made_in_slices_between_events(make_window, qtbot, monkeypatch):
    from kubecanvas.ui.commands import autosave

    monkeypatch.setattr(autosave, "SLICE_SECONDS", 0.0)  # one resource per slice
    turns = [0]
    real_continue = autosave.Autosaver._continue_copy
    monkeypatch.setattr(autosave.Autosaver, "_continue_copy",
                        lambda saver: turns.__setitem__(0, turns[0] + 1) or real_continue(saver))
    resources = _generated(300)
    window = make_window(resources)
    saver = window.autosaver
    saver.countdown.stop()
    target = next(r for r in resources if r.kind == "Deployment")
    window.editor.push(SetField(target.id, ("spec", "replicas"), 9))
    saver.countdown.stop()
    steps = []
    real_step = autosave.ProjectWriter.step
    monkeypatch.setattr(autosave.ProjectWriter, "step",
                        lambda writer, count: steps.append((turns[0], count))
                        or real_step(writer, count))
    saver.start_copy()
    assert saver.copying and not pending_recoveries()
    window.editor.push(SetField(target.id, ("spec", "replicas"), 10))  # during the copy
    assert saver.countdown.isActive()  # the later edit started the countdown for a next copy
    saver.countdown.stop()  # (on a loaded machine it could fire before the slices are done)
    qtbot.waitUntil(lambda: not saver.copying, timeout=20000)
    # with no time allowed per slice, each slice serialized one resource: as many slices
    assert [count for _, count in steps] == [1] * len(resources)
    assert len({turn for turn, _ in steps}) == len(resources)
    [recovery] = pending_recoveries()
    # the copy is the design when the copy began
    assert recovery.load().document.get(target.id).spec["replicas"] == 9


def test_saving_during_a_copy_abandons_it(make_window, qtbot, monkeypatch, tmp_path: Path):
    from kubecanvas.ui.commands import autosave

    monkeypatch.setattr(autosave, "SLICE_SECONDS", 0.0)
    resources = _generated(300)
    window = make_window(resources)
    saver = window.autosaver
    window.editor.push(SetField(resources[3].id, ("metadata", "labels"), {"a": "b"}))
    saver.countdown.stop()
    saver.start_copy()
    qtbot.wait(1)
    assert saver.copying
    assert window.files._save_project(tmp_path / "saved.kcanvas")
    assert not saver.copying
    qtbot.wait(50)
    assert not pending_recoveries()


def test_a_large_copy_is_written_in_pieces_and_put_in_place_off_the_ui_thread(
        make_window, qtbot, monkeypatch):
    """Joining and writing the whole file in one slice took 20 ms at 5,000 resources (150 at
    15,000): the copy is written a few pieces per slice, and flushed, fsynced and renamed by
    a worker thread; the file is exactly what a one-shot save writes."""
    import threading

    from kubecanvas.io.atomic import AtomicFile
    from kubecanvas.io.project import ProjectWriter
    from kubecanvas.ui.commands import autosave

    monkeypatch.setattr(autosave, "SLICE_SECONDS", 0.0)
    window = make_window(_generated(300))
    saver = window.autosaver
    window.editor.push(SetField(next(iter(window.session.document)).id,
                                ("metadata", "labels"), {"a": "b"}))
    saver.countdown.stop()
    writes, committed_on = [], []
    real_write, real_commit = AtomicFile.write, AtomicFile.commit
    monkeypatch.setattr(AtomicFile, "write", lambda f, data: writes.append(len(data))
                        or real_write(f, data))
    monkeypatch.setattr(AtomicFile, "commit", lambda f: committed_on.append(
        threading.current_thread()) or real_commit(f))
    saver.start_copy()
    qtbot.waitUntil(lambda: not saver.copying, timeout=20000)
    assert len(writes) > 300 // autosave._BATCH  # a batch of pieces per slice
    assert committed_on and committed_on[0] is not threading.main_thread()
    expected = ProjectWriter(window.session.document, saver.project)
    while not expected.done:
        expected.step(1000)
    assert saver.project.read_text("utf-8") == expected.text()
