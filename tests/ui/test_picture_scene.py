"""A scene made only to be drawn (`CanvasScene(picture=True)`, what `kubecanvas render` builds)
draws exactly what the editor's scene draws, and leaves out only what a picture cannot show:
tooltips, hover, selection and the item cache."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layers import ALL_LAYERS
from kubecanvas.ui.canvas.export_image import export_rect
from kubecanvas.ui.canvas.export_svg import scene_svg
from kubecanvas.ui.canvas.legend import add_legend
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.design_files import EXAMPLE

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402

#: corpus applications with stand-ins, claim templates, RBAC wires and several namespaces
APPS = ("sockshop/sock-shop-monitoring", "gke-samples/gke-stateful-mysql",
        "kube-prometheus/kube-state-metrics", "gcp-microservices-demo/online-boutique")


def _svg(document: Document, graph: WiringGraph, picture: bool, **options: object) -> str:
    scene = CanvasScene(document, graph, picture=picture, **options)  # type: ignore[arg-type]
    add_legend(scene)
    return scene_svg(scene, export_rect(scene), scene.theme.background)


def _same(document: Document, graph: WiringGraph, **options: object) -> str:
    drawn = _svg(document, graph, True, **options)
    assert drawn == _svg(document, graph, False, **options)
    return drawn


def test_corpus_pictures_are_the_editor_scene_s(corpus: Path, qtbot) -> None:
    compared = 0
    for app in APPS:
        if not (corpus / app).is_dir():
            continue
        design = design_files.read_design([corpus / app])
        _same(design.document, design.graph)
        _same(design.document, design.graph, layers=ALL_LAYERS, claims_per_replica=True)
        compared += 1
    assert compared >= 2


def test_a_generated_design_s_picture_is_the_editor_scene_s(qtbot) -> None:
    document = Document(load_text(generate_yaml(600), "generated.yaml").resources)
    graph = WiringGraph(document, subscribe=False)
    design_files.lay_out(document, graph)
    assert "<text" in _same(document, graph)


def test_picture_items_take_no_tooltip_hover_or_selection(qtbot) -> None:
    design = design_files.read_design([EXAMPLE])
    picture = CanvasScene(design.document, design.graph, picture=True)
    editor = CanvasScene(design.document, design.graph)
    for scene, interactive in ((picture, False), (editor, True)):
        items = [*scene.nodes.values(), *scene.edge_items.values()]
        assert items
        assert all(bool(item.toolTip()) is interactive for item in items)
        assert all(bool(item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
                   is interactive for item in items)
        cards = list(scene.nodes.values())
        assert all((card.cacheMode() != QGraphicsItem.CacheMode.NoCache) is interactive
                   for card in cards)
