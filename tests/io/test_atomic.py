"""Atomic writes: the old file survives any failure and no temporary file is left."""

from __future__ import annotations

import os

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
