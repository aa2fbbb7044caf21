"""`validate --jobs N`: checks shared out over processes give the same report as one process,
byte for byte (issue 18)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from kubecanvas.cli.main import main
from kubecanvas.model.parallel import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="--jobs forks workers on Linux only")

GENERATE = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def generated(count: int) -> str:
    spec = importlib.util.spec_from_file_location("kubecanvas_bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate_yaml(count, 7)
    return text


def report(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out, _ = capsys.readouterr()
    return code, out


@pytest.mark.parametrize("output", ["json", "compact", "sarif"])
def test_a_generated_design_reports_the_same_with_two_jobs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str) -> None:
    source = tmp_path / "gen.yaml"
    source.write_text(generated(1200) + "---\nkind: [broken\n---\n" + generated(60),
                      encoding="utf-8")
    one = report(capsys, "validate", source, "--format", output, "--jobs", "1")
    two = report(capsys, "validate", source, "--format", output, "--jobs", "2")
    assert one == two
    assert one[0] == 1 and "yaml.parse" in one[1]


def test_the_corpus_reports_the_same_with_two_jobs(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    for profile in ("default", "hardening"):
        extra = ["--profile", profile] if profile != "default" else []
        one = report(capsys, "validate", folder, "--format", "json", "--jobs", "1", *extra)
        two = report(capsys, "validate", folder, "--format", "json", "--jobs", "2", *extra)
        assert one == two
        assert one[1].count('"rule"') > 100


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "-", "--jobs", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
