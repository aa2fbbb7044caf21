"""`kubecanvas render --overview`: a big design as one tile per application, as the editor
draws it when zoomed far out, written to SVG, PNG and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.bench.generate import generate_yaml

from kubecanvas.ui.canvas.overview import tiles_of
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS
from kubecanvas.ui.commands.design_files import read_design
from kubecanvas.ui.session import Session
from kubecanvas.ui.window.render_cli import main


@pytest.fixture(scope="module")
def design_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("overview") / "platform.yaml"
    path.write_text(generate_yaml(300), "utf-8")
    return path


def _texts(svg: str) -> list[str]:
    return [text.strip() for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_each_application_is_one_tile_with_its_count_and_badge(qtbot, tmp_path: Path,
                                                               design_file: Path) -> None:
    out = tmp_path / "overview.svg"
    assert main([str(design_file), "-o", str(out), "--overview"]) == 0
    svg = out.read_text("utf-8")
    design = read_design([design_file])
    scene = CanvasScene(design.document, design.graph)
    scene.set_findings(Session.create(design.document, graph=design.graph).validator.findings)
    tiles, _ = tiles_of(scene)
    texts = _texts(svg)
    for tile in tiles:
        assert tile.key.title in texts or tile.key.namespace in texts, tile.key
    counts = [text for text in texts if re.fullmatch(r"\d+ resources?", text)]
    assert len(counts) == len(tiles)
    assert sum(int(text.split()[0]) for text in counts) == sum(t.resources for t in tiles)
    assert "(s)" not in svg  # plural forms, not "8 resource(s)"
    worst = {tile.worst for tile in tiles if tile.worst}
    assert worst and all(SEVERITY_COLOURS[w].lower() in svg.lower() for w in worst)
    # no cards: the kinds and the names of single resources are not drawn
    assert not {"Deployment", "Service", "ConfigMap"} & set(texts)


def test_png_scale_enlarges_the_picture_texts_included(qtbot, tmp_path: Path,
                                                       design_file: Path) -> None:
    from PySide6.QtGui import QImage

    one, two = tmp_path / "one.png", tmp_path / "two.png"
    assert main([str(design_file), "-o", str(one), "--overview", "--scale", "1"]) == 0
    assert main([str(design_file), "-o", str(two), "--overview", "--scale", "2"]) == 0
    small, large = QImage(str(one)), QImage(str(two))
    assert abs(large.width() - 2 * small.width()) <= 2
    assert abs(large.height() - 2 * small.height()) <= 2


def test_pdf_is_written(qtbot, tmp_path: Path, design_file: Path) -> None:
    out = tmp_path / "overview.pdf"
    assert main([str(design_file), "-o", str(out), "--overview"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("extra", [["-o", "x.mmd"], ["-o", "x.svg", "--select", "web"]])
def test_overview_needs_a_picture_of_the_whole_design(qtbot, tmp_path: Path, capsys,
                                                      design_file: Path, extra) -> None:
    extra = [str(tmp_path / e) if e.startswith("x.") else e for e in extra]
    try:
        code = main([str(design_file), "--overview", *extra])
    except SystemExit as exc:  # a usage error
        code = int(exc.code or 0)
    assert code == 2
    assert "--overview" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_the_zoom_fits_a_page_unless_names_would_not_fit_and_never_shows_cards() -> None:
    from PySide6.QtCore import QRectF

    from kubecanvas.ui.canvas.export_overview import READABLE_TILE, WIDTH, overview_zoom
    from kubecanvas.ui.canvas.overview import SEMANTIC_BELOW

    wide = QRectF(0, 0, 40_000, 20_000)
    assert overview_zoom(wide, [4_000.0] * 9) == pytest.approx(WIDTH / 40_000)
    assert overview_zoom(wide, [900.0] * 9) == pytest.approx(READABLE_TILE / 900)
    assert overview_zoom(QRectF(0, 0, 800, 600), [400.0]) == SEMANTIC_BELOW
