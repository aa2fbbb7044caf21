"""Wires and cards written from their numbers (`svg_direct.py`) are byte for byte what their
own `paint` writes into the SVG: over the corpus, in both themes and with every layer of wires,
in Korean, and for a generated 1,000-resource design (stand-ins included); and what cannot be
written so (a selected wire or card, a badged card) is left to `paint`."""

from __future__ import annotations

import sys
from pathlib import Path

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layers import ALL_LAYERS
from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.export_image import export_rect
from kubecanvas.ui.canvas.export_svg import scene_svg
from kubecanvas.ui.canvas.legend import add_legend
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import DARK, LIGHT
from kubecanvas.ui.canvas.svg_direct import write_card, write_wire
from kubecanvas.ui.canvas.svg_painter import SvgPainter
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.design_files import EXAMPLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


def _both(scene: CanvasScene) -> tuple[str, str]:
    source = export_rect(scene)
    return (scene_svg(scene, source, scene.theme.background, direct=True),
            scene_svg(scene, source, scene.theme.background, direct=False))


def _scene(paths: list[Path], layers: bool = False) -> CanvasScene:
    design = design_files.read_design(paths)
    scene = CanvasScene(design.document, design.graph,
                        layers=ALL_LAYERS if layers else None)
    add_legend(scene)
    return scene


def test_every_corpus_application_is_written_as_paint_writes_it(corpus: Path, qtbot) -> None:
    apps = sorted({line.split("\t")[0] for line in
                   (corpus / "INDEX.tsv").read_text("utf-8").splitlines()[1:] if line})
    compared = 0
    for app in apps:
        try:
            scenes = [_scene([corpus / app]), _scene([corpus / app], layers=True)]
        except design_files.OpenError:
            continue
        scenes[1].set_theme(DARK)
        for scene in scenes:
            if scene.nodes:
                direct, painted = _both(scene)
                assert direct == painted, app
                compared += 1
    assert compared >= 100


def test_korean_cards_are_written_as_paint_writes_them(qtbot) -> None:
    i18n.set_language("ko")
    try:
        direct, painted = _both(_scene([EXAMPLE]))
    finally:
        i18n.set_language("en")
    assert direct == painted
    assert "디플로이먼트" in direct


def test_a_generated_design_is_written_as_paint_writes_it(qtbot) -> None:
    document = Document(load_text(generate_yaml(1000), "generated.yaml").resources)
    graph = WiringGraph(document, subscribe=False)
    design_files.lay_out(document, graph)
    scene = CanvasScene(document, graph)
    add_legend(scene)
    direct, painted = _both(scene)
    assert direct == painted


def test_plain_wires_and_cards_are_written_the_others_are_painted(qtbot) -> None:
    scene = _scene([EXAMPLE])
    painter = SvgPainter(100, 100)
    wire = next(w for w in scene.edge_items.values() if w.route is not None)
    card = next(n for n in scene.nodes.values() if not n.ghost)
    assert write_wire(painter, wire, LIGHT) and write_card(painter, card, LIGHT)
    written = len(painter.parts)
    assert written >= 5  # the wire's line and arrow head, the card's body and lines
    wire.setSelected(True)
    assert not write_wire(painter, wire, LIGHT)
    wire.setSelected(False)
    card.setSelected(True)
    assert not write_card(painter, card, LIGHT)
    assert not any(write_wire(painter, w, LIGHT) for w in card.edges)  # drawn emphasised
    card.setSelected(False)
    card.set_badge((2, "error"))
    assert not write_card(painter, card, LIGHT)
    assert len(painter.parts) == written
