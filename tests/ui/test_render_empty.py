"""`kubecanvas render` of inputs holding no resource: exit 2, no picture (like the other commands)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.ui.window.render_cli import main


@pytest.mark.parametrize("content", [None, "", "# nothing\n", "replicas: 3\n"])
def test_render_of_nothing_exits_2_and_draws_nothing(
        qtbot, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None) -> None:
    source = tmp_path / "in"
    source.mkdir()
    if content is not None:
        (source / "a.yaml").write_text(content, encoding="utf-8")
    out = tmp_path / "diagram.svg"
    assert main([str(source), "-o", str(out)]) == 2
    assert not out.exists()
    assert f"kubecanvas: error: {source}: no Kubernetes resource found" in capsys.readouterr().err


def test_an_empty_project_is_still_drawn(qtbot, tmp_path: Path) -> None:
    from kubecanvas.io.project import save_project
    from kubecanvas.model.document import Document

    project = tmp_path / "new.kcanvas"
    save_project(Document(), project)
    out = tmp_path / "diagram.svg"
    assert main([str(project), "-o", str(out)]) == 0 and out.exists()
