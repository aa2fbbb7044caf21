"""`kubecanvas render`: the editor's picture without a window, with the CLI's exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.__main__ import main as launcher
from kubecanvas.ui.commands.design_files import EXAMPLE
from kubecanvas.ui.commands.diagram_formats import diagram_writer
from kubecanvas.ui.window.render_cli import main


@pytest.mark.parametrize("suffix", [".svg", ".png", ".pdf"])
def test_render_writes_each_picture_format(qtbot, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"diagram{suffix}"
    assert launcher(["render", str(EXAMPLE), "-o", str(out)]) == 0
    head = out.read_bytes()[:8]
    assert {".svg": b"<?xml", ".png": b"\x89PNG", ".pdf": b"%PDF"}[suffix] in head


def test_render_uses_the_light_theme_unless_told(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QColor, QImage

    from kubecanvas.ui.canvas.style import DARK, LIGHT

    for theme, colour in (("light", LIGHT.background), ("dark", DARK.background)):
        out = tmp_path / f"{theme}.png"
        args = [str(EXAMPLE), "-o", str(out)] + (["--theme", "dark"] if theme == "dark" else [])
        assert main(args) == 0
        assert QImage(str(out)).pixelColor(2, 2) == QColor(colour)


def test_render_selection_is_smaller_than_the_whole(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    whole, part = tmp_path / "all.png", tmp_path / "web.png"
    assert main([str(EXAMPLE), "-o", str(whole)]) == 0
    assert main([str(EXAMPLE), "-o", str(part), "--select", "Deployment/web"]) == 0
    assert QImage(str(part)).width() < QImage(str(whole)).width() / 3


@pytest.mark.parametrize("args", [
    ["missing.yaml", "-o", "x.png"],
    ["EXAMPLE", "-o", "x.gif"],
    ["EXAMPLE"],
    ["EXAMPLE", "-o", "x.png", "--theme", "blue"],
    ["EXAMPLE", "-o", "x.png", "--select", "nothing-has-this-name"],
])
def test_bad_input_or_usage_exits_2_and_writes_nothing(qtbot, tmp_path: Path, capsys,
                                                       args: list[str]) -> None:
    args = [str(EXAMPLE) if a == "EXAMPLE" else str(tmp_path / a) if "." in a and a != "EXAMPLE"
            and not a.startswith("-") else a for a in args]
    with pytest.raises(SystemExit) as stop:
        raise SystemExit(main(args))
    assert stop.value.code == 2
    assert not list(tmp_path.iterdir())
    assert "Traceback" not in capsys.readouterr().err


def test_unreadable_documents_are_reported_and_the_rest_drawn(qtbot, tmp_path: Path,
                                                              capsys) -> None:
    good = tmp_path / "app.yaml"
    good.write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    (tmp_path / "broken.yaml").write_text("kind: [unclosed\n", "utf-8")
    out = tmp_path / "out" / "d.svg"
    out.parent.mkdir()
    assert main([str(good), str(tmp_path / "broken.yaml"), "-o", str(out)]) == 1
    assert out.is_file()
    assert "broken.yaml:2:1: invalid YAML" in capsys.readouterr().err


def test_text_diagrams_when_the_io_layer_writes_them(qtbot, tmp_path: Path) -> None:
    if diagram_writer(".drawio") is None:
        pytest.skip("io.drawio is not there yet")
    out = tmp_path / "d.drawio"
    assert main([str(EXAMPLE), "-o", str(out)]) == 0
    assert "<mxfile" in out.read_text("utf-8")
