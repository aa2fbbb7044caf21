"""`kubecanvas lesson check PATH`: file:line problems, exit codes, no Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.cli.main import main
from kubecanvas.teaching.lessons import lessons_root


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_shipped_lessons_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lesson", "check", lessons_root())
    assert code == 0 and out.strip().endswith("ok (11 lessons)")


def test_a_broken_lesson_prints_file_and_line(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    source = lessons_root() / "services"
    folder = tmp_path / "services"
    folder.mkdir()
    text = (source / "lesson.yaml").read_text(encoding="utf-8").replace("check:", "chek:", 1)
    (folder / "lesson.yaml").write_text(text, encoding="utf-8")
    (folder / "diagram.yaml").write_text((source / "diagram.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    code, out, _ = run(capsys, "lesson", "check", folder)
    assert code == 1
    first = out.splitlines()[0]
    file, line, message = first.split(":", 2)
    assert file == str(folder / "lesson.yaml") and "check is a mapping" in message
    assert int(line) > 1


def test_a_path_without_lessons_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    code, _, err = run(capsys, "lesson", "check", tmp_path / "nowhere")
    assert code == 2 and "nowhere" in err and "no such file" in err
