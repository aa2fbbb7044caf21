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
    # exit 0 once the picture is written: findings and unreadable documents are warnings
    assert main([str(good), str(tmp_path / "broken.yaml"), "-o", str(out)]) == 0
    assert out.is_file()
    assert "broken.yaml:2:1: invalid YAML" in capsys.readouterr().err


def test_text_diagrams_when_the_io_layer_writes_them(qtbot, tmp_path: Path) -> None:
    if diagram_writer(".drawio") is None:
        pytest.skip("io.drawio is not there yet")
    out = tmp_path / "d.drawio"
    assert main([str(EXAMPLE), "-o", str(out)]) == 0
    assert "<mxfile" in out.read_text("utf-8")


def test_stats_prints_one_json_object_of_the_drawn_picture(qtbot, capsys) -> None:
    import json

    assert main([str(EXAMPLE), "--stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert set(stats) == {"crossings", "wires_through_cards", "label_overlaps", "wire_length",
                          "area", "aspect"}
    assert stats["wire_length"] > 0 and stats["area"] > 0 and stats["aspect"] > 0


def test_stats_measure_the_wires_the_scene_draws(qtbot) -> None:
    """A card put where a wire would run: the drawn wire goes around it (none through, longer),
    and the figures say so, because they come from the geometry the scene draws."""
    from tests.model.factories import deployment, service

    from kubecanvas.model.document import Document
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.drawn_geometry import scene_quality
    from kubecanvas.ui.canvas.scene import CanvasScene

    def quality_with_blocker_at(y: float) -> tuple[int, float]:
        document = Document([service("web", {"app": "web"}), deployment("web", {"app": "web"}),
                             service("other", {"app": "nothing"})])
        by_name = {(r.kind, r.name): r.id for r in document}
        document.move(by_name[("Service", "web")], (0.0, 0.0))
        document.move(by_name[("Deployment", "web")], (800.0, 0.0))
        document.move(by_name[("Service", "other")], (400.0, y))
        scene = CanvasScene(document, WiringGraph(document, subscribe=False))
        quality = scene_quality(scene)
        return quality.wires_through_cards, quality.wire_length

    blocked, clear = quality_with_blocker_at(0.0), quality_with_blocker_at(300.0)
    assert blocked[0] == clear[0] == 0
    assert blocked[1] > clear[1] + 50


BROKEN = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {}\n"


def test_standard_input_in_and_standard_output_out(qtbot, monkeypatch, capsysbinary) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(EXAMPLE.read_text("utf-8")))
    assert main(["-", "-o", "-", "--format", "mmd"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"flowchart LR\n")
    monkeypatch.setattr("sys.stdin", io.StringIO(EXAMPLE.read_text("utf-8")))
    assert main(["-", "-o", "-", "--format", "svg"]) == 0
    assert b"<svg" in capsysbinary.readouterr().out


def test_standard_output_needs_a_format(qtbot, capsys) -> None:
    assert main([str(EXAMPLE), "-o", "-"]) == 2
    assert "--format" in capsys.readouterr().err


def test_fail_on_error_exits_1_after_writing(qtbot, tmp_path: Path, capsys) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text(BROKEN, "utf-8")
    out = tmp_path / "d.svg"
    assert main([str(source), "-o", str(out)]) == 0
    assert main([str(source), "-o", str(out), "--fail-on", "error"]) == 1
    assert out.is_file() and "finding(s) of severity error" in capsys.readouterr().err
    assert main([str(EXAMPLE), "-o", str(out), "--fail-on", "error"]) == 0


def test_the_validator_runs_only_when_fail_on_asks(qtbot, tmp_path: Path, monkeypatch) -> None:
    """The picture shows no findings: checking the design is `--fail-on`'s cost alone."""
    from kubecanvas.validation import engine

    checks: list[int] = []
    full_check = engine.Validator.full_check
    monkeypatch.setattr(engine.Validator, "full_check",
                        lambda self: (checks.append(1), full_check(self))[1])
    out = tmp_path / "d.svg"
    assert main([str(EXAMPLE), "-o", str(out)]) == 0
    assert out.is_file() and checks == []
    assert main([str(EXAMPLE), "-o", str(out), "--fail-on", "warning"]) in (0, 1)
    assert checks == [1]


def test_a_png_too_large_to_open_is_refused_naming_scale_and_svg(qtbot, tmp_path: Path,
                                                                  capsys) -> None:
    out = tmp_path / "huge.png"
    assert main([str(EXAMPLE), "-o", str(out), "--scale", "40"]) == 2
    err = capsys.readouterr().err
    assert "--scale" in err and "SVG" in err and "16,384" in err
    assert not out.exists()


@pytest.mark.parametrize(("suffix", "start"), [(".dot", "digraph kubecanvas {"),
                                               (".d2", "direction: right")])
def test_dot_and_d2_outputs(qtbot, tmp_path: Path, suffix: str, start: str) -> None:
    out = tmp_path / f"d{suffix}"
    assert main([str(EXAMPLE), "-o", str(out)]) == 0
    assert out.read_text("utf-8").startswith(start)


def test_legend_under_the_picture_by_default_and_left_out_on_request(qtbot, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from kubecanvas.ui.canvas.legend import LegendItem
    from kubecanvas.ui.canvas.style import EDGE_STYLES

    with_legend, without = tmp_path / "a.png", tmp_path / "b.png"
    assert main([str(EXAMPLE), "-o", str(with_legend), "--scale", "1"]) == 0
    assert main([str(EXAMPLE), "-o", str(without), "--scale", "1", "--no-legend"]) == 0
    assert QImage(str(with_legend)).height() > QImage(str(without)).height() + 40
    legend = LegendItem(["mounts", "selects"], ["missing"])
    # in the order of EDGE_STYLES, whatever order the scene gave, stand-ins last
    order = [k for k in EDGE_STYLES if k in ("mounts", "selects")]
    assert [text for _, text, _ in legend.entries][:2] == order
    assert legend.entries[-1][1] == "not defined"


def test_a_picture_loads_no_validation_code(tmp_path: Path) -> None:
    """The rules are 30 modules and the schemas: a process that only draws loads none of them
    (start-up is most of a small application's render); nor the writers of projects, YAML and
    write-back, which only saving needs."""
    import os
    import subprocess
    import sys

    out = tmp_path / "d.png"
    code = ("import sys; from kubecanvas.ui.window.render_cli import main; "
            f"main([{str(EXAMPLE)!r}, '-o', {str(out)!r}]); "
            "print(sorted(m for m in sys.modules if m.startswith('kubecanvas.validation') "
            "or m in ('kubecanvas.io.project', 'kubecanvas.io.writeback', "
            "'kubecanvas.io.yaml_out', 'kubecanvas.ui.commands.design_files')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          check=True)
    assert out.is_file() and done.stdout.strip().splitlines()[-1] == "[]"


def test_a_picture_defines_no_dataclass(tmp_path: Path) -> None:
    """The records on render's path are `model.record`s: `dataclasses` compiles each generated
    method with an `exec` of its own, and start-up is most of a small application's render."""
    import os
    import subprocess
    import sys

    out = tmp_path / "d.png"
    code = ("import sys; from kubecanvas.ui.window.render_cli import main; "
            f"main([{str(EXAMPLE)!r}, '-o', {str(out)!r}]); "
            "print('dataclasses' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          check=True)
    assert out.is_file() and done.stdout.strip().splitlines()[-1] == "False"
