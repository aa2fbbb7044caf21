"""Atomic writes: the old file survives any failure and no temporary file is left."""

from __future__ import annotations

import os
import stat

import pytest

from kubecanvas.io import atomic as atomic_module
from kubecanvas.io import atomic_write_bytes, atomic_write_text


def test_writes_new_and_replaces_existing_keeping_mode(tmp_path):
    path = tmp_path / "f.yaml"
    atomic_write_text(path, "one\r\n")
    assert path.read_bytes() == b"one\r\n"
    os.chmod(path, 0o640)
    atomic_write_bytes(path, b"two")
    assert path.read_bytes() == b"two"
    assert path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["f.yaml"]


def test_failed_replace_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "f.yaml"
    path.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.yaml"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "f.yaml"
    path.write_text("old")

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic_module.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.yaml"]


def test_missing_directory_raises_without_side_effects(tmp_path):
    with pytest.raises(OSError):
        atomic_write_text(tmp_path / "no" / "f.yaml", "x")
    assert os.listdir(tmp_path) == []


def test_write_back_failure_keeps_the_file(tmp_path, monkeypatch):
    from kubecanvas.io import WriteBackError, load_paths, write_back

    path = tmp_path / "a.yaml"
    path.write_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")
    (resource,) = load_paths([path]).resources
    changed = resource.with_manifest({**resource.manifest, "metadata": {"name": "b"}})
    monkeypatch.setattr(atomic_module.os, "replace", lambda *_: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied")))
    with pytest.raises(WriteBackError, match="keeps its previous content"):
        write_back([changed])
    assert "name: a" in path.read_text()
    assert os.listdir(tmp_path) == ["a.yaml"]


@pytest.fixture(params=[0o022, 0o077], ids=["umask022", "umask077"])
def umask(request):
    """Run the test under this umask (restored afterwards)."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_file_takes_the_umask_and_the_umask_is_left_alone(tmp_path, umask):
    path = tmp_path / "new.yaml"
    atomic_write_text(path, "x")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert os.umask(umask) == umask  # what the process had stays in place


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(tmp_path, umask):
    for mode in (0o600, 0o644, 0o664, 0o640):
        path = tmp_path / f"f{mode:o}.yaml"
        path.write_text("old")
        os.chmod(path, mode)
        atomic_write_text(path, "new")
        assert path.read_text() == "new"
        assert path.stat().st_mode & 0o777 == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_an_asked_mode_holds_for_new_and_replaced_files_and_the_temporary(tmp_path, umask,
                                                                          monkeypatch):
    seen: list[int] = []
    real_fsync = atomic_module.os.fsync

    def fsync_and_look(fd: int) -> None:  # the temporary file while it holds the content
        status = os.fstat(fd)
        if stat.S_ISREG(status.st_mode):  # (the folder is fsynced too)
            seen.append(status.st_mode & 0o777)
        real_fsync(fd)

    monkeypatch.setattr(atomic_module.os, "fsync", fsync_and_look)
    path = tmp_path / "private.kcanvas"
    atomic_write_text(path, "secret", mode=0o600)
    assert path.stat().st_mode & 0o777 == 0o600
    os.chmod(path, 0o644)  # written by an older version
    atomic_write_text(path, "secret", mode=0o600)
    assert path.stat().st_mode & 0o777 == 0o600
    assert seen == [0o600, 0o600]
