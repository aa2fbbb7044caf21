"""`kubecanvas export PROJECT --write-back` after one edit: one file, one line, nothing else.

A folder of several hand-written files is imported into a project, one Deployment's replicas is
changed in the project, and the project is written back: the Deployment's file differs from the
original by that line alone, and every other file is neither changed nor rewritten.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from tests.builders import CORPUS

from kubecanvas.cli.main import main

APP = {
    "00-namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
    "10-web-dep.yaml": """\
# The web front end.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: {app: web, tier: "front"}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: "nginx:1.27"   # pinned
        # env:
        env:
          # lists indented under their key, as this file writes them
          - name: MODE
            value: 'prod'

          - name: PORT
            value: "8080"
        ports:
        - containerPort: 8080
""",
    "11-web-svc.yaml": """\
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
""",
}

#: Far in the past, so a rewrite (even with the same bytes) would show in the time stamp.
OLD_TIME = 1_000_000_000


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def import_and_edit(capsys: pytest.CaptureFixture[str], folder: Path, project: Path,
                    kind: str, name: str, replicas: int) -> dict[Path, bytes]:
    """Import `folder` into `project`, set one workload's replicas in the project file, and
    date every imported file back; returns the files' bytes before the write-back."""
    code, _, err = run(capsys, "import", folder, "-o", project)
    assert code == 0, err
    data = json.loads(project.read_text(encoding="utf-8"))
    (entry,) = [r for r in data["resources"] if r["manifest"]["kind"] == kind
                and r["manifest"]["metadata"]["name"] == name]
    entry["manifest"]["spec"]["replicas"] = replicas
    project.write_text(json.dumps(data), encoding="utf-8")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in files:
        os.utime(path, ns=(OLD_TIME, OLD_TIME))
    return {path: path.read_bytes() for path in files}


def changed_lines(before: bytes, after: bytes) -> list[str]:
    diff = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(),
                                lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_one_edit_writes_one_line_of_one_file(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shop"
    folder.mkdir()
    for name, text in APP.items():
        (folder / name).write_text(text, encoding="utf-8")
    before = import_and_edit(capsys, folder, tmp_path / "p.kcanvas", "Deployment", "web", 3)
    code, out, err = run(capsys, "export", tmp_path / "p.kcanvas", "--write-back")
    assert code == 0 and out == ""
    assert "wrote 1 file(s) back (2 unchanged, not rewritten)" in err
    edited = folder / "10-web-dep.yaml"
    assert changed_lines(before[edited], edited.read_bytes()) == ["-  replicas: 1",
                                                                   "+  replicas: 3"]
    for path, content in before.items():
        if path != edited:
            assert path.read_bytes() == content and path.stat().st_mtime_ns == OLD_TIME, path


def test_sock_shop_replicas_edit_is_a_one_line_diff(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source = CORPUS / "sockshop" / "sock-shop-monitoring"
    if not source.is_dir():
        pytest.skip(f"{source} not in this corpus")
    folder = tmp_path / "sock-shop"
    shutil.copytree(source, folder)
    before = import_and_edit(capsys, folder, tmp_path / "p.kcanvas", "Deployment",
                             "grafana-core", 3)
    code, _, err = run(capsys, "export", tmp_path / "p.kcanvas", "--write-back")
    assert code == 0
    assert f"wrote 1 file(s) back ({len(before) - 1} unchanged, not rewritten)" in err
    edited = folder / "21-grafana-dep.yaml"
    assert changed_lines(before[edited], edited.read_bytes()) == ["-  replicas: 1",
                                                                   "+  replicas: 3"]
    for path, content in before.items():
        if path != edited:
            assert path.read_bytes() == content and path.stat().st_mtime_ns == OLD_TIME, path


def test_a_file_that_became_a_folder_fails_the_write_back(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The edited Deployment's file was replaced by a folder after the import: the other files
    are still handled, nothing is written into the folder, and the process says which file was
    not written and exits 1 instead of reporting success."""
    folder = tmp_path / "shop"
    folder.mkdir()
    for name, text in APP.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_and_edit(capsys, folder, tmp_path / "p.kcanvas", "Deployment", "web", 3)
    edited = folder / "10-web-dep.yaml"
    edited.unlink()
    edited.mkdir()
    code, out, err = run(capsys, "export", tmp_path / "p.kcanvas", "--write-back")
    assert code == 1 and out == ""
    assert "1 file(s) not written back" in err and str(edited) in err
    assert list(edited.iterdir()) == []
    assert "Traceback" not in err
