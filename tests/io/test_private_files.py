"""Private folders and files: what the editor's recovery copies are kept in."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kubecanvas.io import private_files
from kubecanvas.io.private_files import adopt, inside_profile, make_private, private_folder

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o000])
def test_a_private_folder_is_0700_whatever_the_umask_and_a_loose_one_is_tightened(tmp_path,
                                                                                  umask):
    previous = os.umask(umask)
    try:
        folder = private_folder(tmp_path / "data" / "recovery")
    finally:
        os.umask(previous)
    assert _mode(folder) == 0o700
    os.chmod(folder, 0o755)  # as an older version left it
    private_folder(folder)
    assert _mode(folder) == 0o700


@posix_only
def test_make_private_tightens_a_file_and_ignores_a_missing_one(tmp_path):
    path = tmp_path / "copy.kcanvas"
    path.write_text("{}")
    os.chmod(path, 0o644)
    make_private(path)
    assert _mode(path) == 0o600
    make_private(tmp_path / "gone.kcanvas")  # no error


@posix_only
def test_adopt_moves_old_copies_into_the_private_folder_and_loses_none(tmp_path):
    old = tmp_path / "KubeCanvas" / "KubeCanvas" / "recovery"
    old.mkdir(parents=True)
    for name in ("a.kcanvas", "a.json", "b.kcanvas"):
        (old / name).write_text(name)
        os.chmod(old / name, 0o644)
    new = tmp_path / "KubeCanvas" / "recovery"
    new.mkdir()
    (new / "b.kcanvas").write_text("newer")  # a name already taken: the old copy stays put
    moved = adopt(old, new, ("*.kcanvas", "*.json"))
    assert sorted(p.name for p in moved) == ["a.json", "a.kcanvas"]
    assert (new / "a.kcanvas").read_text() == "a.kcanvas"
    assert all(_mode(p) == 0o600 for p in moved) and _mode(new) == 0o700
    assert (new / "b.kcanvas").read_text() == "newer"
    assert (old / "b.kcanvas").read_text() == "b.kcanvas" and old.is_dir()
    assert adopt(tmp_path / "nothing", new, ("*.kcanvas",)) == []


def test_on_windows_a_private_folder_stays_inside_the_profile(tmp_path, monkeypatch):
    home = tmp_path / "Users" / "ana"
    inside = home / "AppData" / "Local" / "KubeCanvas"
    elsewhere = tmp_path / "share" / "KubeCanvas"
    monkeypatch.setattr(private_files, "WINDOWS", True)
    assert inside_profile(inside, home) == inside
    assert inside_profile(elsewhere, home) == home.resolve() / "AppData" / "Local" / "KubeCanvas"
    monkeypatch.setattr(private_files, "WINDOWS", False)
    assert inside_profile(elsewhere, home) == elsewhere  # POSIX: the modes protect it
