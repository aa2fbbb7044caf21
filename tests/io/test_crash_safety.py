"""Never losing work on disk: a save killed half way or failing on a full disk leaves the
previous file whole and readable, for the project file, YAML export and write-back."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kubecanvas.io import (
    ProjectError,
    WriteBackError,
    atomic_write_text,
    dump_resources,
    load_paths,
    load_project,
    save_project,
    write_back,
    write_folder,
)
from kubecanvas.io import atomic as atomic_module
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource

#: A child process that saves a large project (about 8 MB) to argv[1] with generation argv[2];
#: with argv[3] == "stall" it stops inside the save, after writing, before the rename.
SAVER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from kubecanvas.io import atomic, save_project
    from kubecanvas.model.document import Document
    from kubecanvas.model.resource import Resource

    def document(generation):
        return Document([Resource({"apiVersion": "v1", "kind": "ConfigMap",
                                   "metadata": {"name": f"c{n}", "labels": {"gen": generation}},
                                   "data": {"blob": "x" * 20000}}, id=f"id{n}")
                         for n in range(400)])

    if sys.argv[3] == "stall":
        def stall(fd):
            print("writing", flush=True)
            time.sleep(60)
        atomic.os.fsync = stall
        save_project(document(sys.argv[2]), Path(sys.argv[1]))
    else:
        print("writing", flush=True)
        number = 0
        while True:
            number += 1
            save_project(document(f"{sys.argv[2]}-{number}"), Path(sys.argv[1]))
""")


def _generation(path: Path) -> str:
    document = load_project(path)
    assert len(document) == 400
    generations = {r.manifest["metadata"]["labels"]["gen"] for r in document}
    assert len(generations) == 1
    return generations.pop()


def _start_saver(path: Path, generation: str, mode: str) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", SAVER, str(path), generation, mode],
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    return child


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


def test_a_save_killed_before_the_rename_leaves_the_previous_project(tmp_path: Path) -> None:
    path = tmp_path / "big.kcanvas"
    first = _start_saver(path, "old", "loop")
    while not path.exists():
        time.sleep(0.02)
    _kill(first)
    previous = _generation(path)
    child = _start_saver(path, "new", "stall")
    _kill(child)
    temporaries = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert temporaries, "the child should have died with its new content in a temporary file"
    assert _generation(path) == previous
    # the next save that succeeds removes what the killed one left
    save_project(load_project(path), path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert _generation(path) == previous


def test_only_temporaries_of_dead_writers_of_that_file_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "app.yaml"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(timeout=30)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = tmp_path / f".app.yaml.{dead.pid}.x1y2.tmp"
        running = tmp_path / f".app.yaml.{alive.pid}.x1y2.tmp"
        other_file = tmp_path / f".other.yaml.{dead.pid}.x1y2.tmp"
        users = [tmp_path / ".app.yaml.notes.tmp", tmp_path / "app.yaml.bak"]
        for path in (stale, running, other_file, *users):
            path.write_text("partial", encoding="utf-8")
        atomic_module.atomic_write_text(target, "kind: ConfigMap\n")
        left = sorted(p.name for p in tmp_path.iterdir())
        assert stale.name not in left
        assert {running.name, other_file.name, *(u.name for u in users), "app.yaml"} == set(left)
    finally:
        alive.kill()
        alive.wait(timeout=30)


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_a_save_killed_at_any_moment_leaves_a_whole_project(tmp_path: Path,
                                                             delay: float) -> None:
    path = tmp_path / "big.kcanvas"
    save_project(Document([Resource({"apiVersion": "v1", "kind": "ConfigMap",
                                     "metadata": {"name": "c0", "labels": {"gen": "first"}}})]),
                 path)
    child = _start_saver(path, "loop", "loop")
    time.sleep(delay)
    _kill(child)
    document = load_project(path)  # whole and readable: the first file, or one full save
    assert len(document) in (1, 400)


class FullDisk:
    """A file handle on a disk that fills up half way through the write."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


@pytest.fixture
def fill_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call the returned function to make every later atomic write hit a full disk."""
    real = os.fdopen

    def fill() -> None:
        monkeypatch.setattr(atomic_module.os, "fdopen",
                            lambda fd, *args, **kw: FullDisk(real(fd, *args, **kw)))

    return fill


def _resources(tmp_path: Path) -> list[Resource]:
    source = tmp_path / "app.yaml"
    source.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  k: v\n"
                      "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n")
    return load_paths([source]).resources


def _changed(resources: list[Resource]) -> list[Resource]:
    return [r.with_manifest({**r.manifest, "metadata": {"name": r.name + "-new"}})
            for r in resources]


def _only(tmp_path: Path, *names: str) -> None:
    assert sorted(os.listdir(tmp_path)) == sorted(names), "no temporary file may be left"


def test_full_disk_during_project_save(tmp_path: Path, fill_disk: Callable[[], None]) -> None:
    path = tmp_path / "p.kcanvas"
    save_project(Document(_resources(tmp_path)), path)
    before = path.read_bytes()
    fill_disk()
    with pytest.raises(ProjectError, match="No space left on device") as caught:
        save_project(Document(_changed(_resources(tmp_path))), path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert [r.name for r in load_project(path)] == ["cfg", "web"]
    _only(tmp_path, "app.yaml", "p.kcanvas")


def test_full_disk_during_yaml_export(tmp_path: Path, fill_disk: Callable[[], None]) -> None:
    resources = _resources(tmp_path)
    out = tmp_path / "out.yaml"
    out.write_text("previous export\n")
    fill_disk()
    with pytest.raises(OSError) as caught:
        atomic_write_text(out, dump_resources(_changed(resources)))
    assert caught.value.errno == errno.ENOSPC
    assert out.read_text() == "previous export\n"
    folder = tmp_path / "deploy"
    folder.mkdir()
    (folder / "kustomization.yaml").write_text("old\n")
    with pytest.raises(OSError):
        write_folder(resources, folder)
    assert os.listdir(folder) == ["kustomization.yaml"]
    assert (folder / "kustomization.yaml").read_text() == "old\n"
    _only(tmp_path, "app.yaml", "out.yaml", "deploy")


def test_full_disk_during_write_back(tmp_path: Path, fill_disk: Callable[[], None]) -> None:
    resources = _resources(tmp_path)
    before = (tmp_path / "app.yaml").read_bytes()
    fill_disk()
    with pytest.raises(WriteBackError, match="keeps its previous content"):
        write_back(_changed(resources))
    assert (tmp_path / "app.yaml").read_bytes() == before
    _only(tmp_path, "app.yaml")
