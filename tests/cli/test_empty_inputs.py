"""Inputs that yield no resource at all are exit 2 with a message, and nothing is written.

An empty folder, a folder of other files, an empty file, a file of non-manifests or of documents
that do not parse: reporting "0 error(s)" or saving an empty project would pass a wrong path off as
success (README, exit codes).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kubecanvas.cli.main import main

MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n"


def _inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty"
    empty.mkdir()
    others = tmp_path / "others"
    others.mkdir()
    (others / "notes.txt").write_text("apiVersion: v1\nkind: ConfigMap\n", encoding="utf-8")
    (others / "values.yaml").write_text("replicas: 3\nimage: nginx\n", encoding="utf-8")
    (others / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n",
        encoding="utf-8")
    blank = tmp_path / "blank.yaml"
    blank.write_text("", encoding="utf-8")
    comments = tmp_path / "comments.yaml"
    comments.write_text("# nothing yet\n---\n", encoding="utf-8")
    return {"empty folder": empty, "folder of non-manifests": others, "empty file": blank,
            "comments only": comments}


CASES = ["empty folder", "folder of non-manifests", "empty file", "comments only"]


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", CASES)
def test_import_of_nothing_exits_2_and_creates_no_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    source = _inputs(tmp_path)[case]
    project = tmp_path / "out" / "app.kcanvas"
    project.parent.mkdir()
    code, _, err = _run(capsys, "import", source, "-o", project)
    assert code == 2
    assert not list(project.parent.iterdir())
    assert f"kubecanvas: error: {source}: no Kubernetes resource found" in err
    assert "was not written" in err and "Traceback" not in err


def test_documents_that_do_not_parse_are_findings_not_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: [broken\n", encoding="utf-8")
    code, out, _ = _run(capsys, "validate", broken)
    assert code == 1 and "yaml.parse" in out
    project = tmp_path / "app.kcanvas"
    code, _, err = _run(capsys, "import", broken, "-o", project)
    assert code == 2 and not project.exists() and "nothing could be imported" in err


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_validate_of_nothing_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     case: str, fmt: str) -> None:
    source = _inputs(tmp_path)[case]
    code, out, err = _run(capsys, "validate", source, "--format", fmt)
    assert code == 2 and out == ""
    assert f"{source}: no Kubernetes resource found" in err


@pytest.mark.parametrize("case", CASES)
def test_export_of_nothing_exits_2_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    source = _inputs(tmp_path)[case]
    code, out, err = _run(capsys, "export", source)
    assert code == 2 and out == ""
    assert f"{source}: no Kubernetes resource found" in err
    target = tmp_path / "deploy.yaml"
    code, _, _ = _run(capsys, "export", source, "-o", target)
    assert code == 2 and not target.exists()


@pytest.mark.parametrize("command", [["validate"], ["export"], ["import", "-o", "p.kcanvas"]])
def test_the_reasons_are_printed_once_before_the_refusal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    source = _inputs(tmp_path)["folder of non-manifests"]
    _, _, err = _run(capsys, command[0], source, *command[1:])
    lines = err.splitlines()
    assert len([line for line in lines if "values.yaml:1:1" in line
                and "neither apiVersion nor kind" in line]) == 1
    assert lines[-1].startswith("kubecanvas: error: ") and len(set(lines)) == len(lines) == 3


def test_empty_standard_input_exits_2(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = _run(capsys, "validate", "-")
    assert code == 2 and "no Kubernetes resource found" in err


def test_one_resource_among_nothing_is_enough(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    inputs = _inputs(tmp_path)
    (inputs["empty folder"] / "c.yaml").write_text(MANIFEST, encoding="utf-8")
    code, _, _ = _run(capsys, "validate", inputs["empty folder"], inputs["empty file"])
    assert code == 0
    project = tmp_path / "a.kcanvas"
    assert _run(capsys, "import", inputs["empty folder"], "-o", project)[0] == 0


def test_an_empty_project_is_a_design_not_a_mistake(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kubecanvas.io.project import save_project
    from kubecanvas.model.document import Document

    project = tmp_path / "new.kcanvas"
    save_project(Document(), project)
    assert _run(capsys, "validate", project)[0] == 0
