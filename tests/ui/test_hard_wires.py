"""Wires that no plain shape takes past the cards go around them: at once in a picture, and in
slices after opening in the editor, where a big design's searches would hold up the first paint.

A generated design puts its claims' volumes under the namespace frame, so a claim's wire runs
down past the application blocks below it: drawn plain, the wires of 1,000 resources ran
through 618 cards and those of 5,000 through 13,039.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout.routing import THOROUGH_LIMIT
from kubecanvas.ui.canvas import route_slices
from kubecanvas.ui.canvas.drawn_geometry import scene_quality
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands import design_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


def _design(count: int) -> tuple[Document, WiringGraph]:
    document = Document(load_text(generate_yaml(count), "generated.yaml").resources)
    graph = WiringGraph(document, subscribe=False)
    design_files.lay_out(document, graph)
    return document, graph


def test_a_pictures_wires_go_around_every_card_in_thorough_and_quick_routing(qtbot) -> None:
    for count in (1000, 2000):  # under and over `THOROUGH_LIMIT` wires
        scene = CanvasScene(*_design(count), picture=True)
        quality = scene_quality(scene)
        assert quality.wires_through_cards == 0, count
        assert quality.label_overlaps == 0
    assert len(scene.edge_items) > THOROUGH_LIMIT


def test_the_editor_routes_a_big_designs_hard_wires_in_slices_after_it_opens(
        make_window, qtbot, monkeypatch) -> None:
    indexed = []
    real_index = route_slices.card_index_steps
    monkeypatch.setattr(route_slices, "card_index_steps",
                        lambda cards: indexed.append(len(cards)) or real_index(cards))
    monkeypatch.setattr(route_slices, "BATCH", 40)  # several batches
    threshold = gc.get_threshold()
    window = make_window(list(_design(2000)[0]))  # laid out as a file opened is
    scene = window.scene
    assert len(scene.edge_items) > THOROUGH_LIMIT
    slices = scene.route_slices
    assert slices.pending  # the hard wires wait, drawn plain
    assert gc.get_threshold()[2] > threshold[2]  # no full collector pass meanwhile (io/heap)
    hard = len(slices._hard)  # noqa: SLF001
    assert hard > 2 * route_slices.BATCH
    assert scene_quality(scene).wires_through_cards > 0
    qtbot.waitUntil(lambda: not slices.pending, timeout=60_000)  # between events
    assert scene_quality(scene).wires_through_cards == 0
    # the batches share one index of the cards (one per batch grew with the square of the
    # design's size)
    assert indexed == [len(scene.nodes)]
    assert gc.get_threshold() == threshold


def test_an_edit_while_they_are_routed_keeps_what_was_routed(make_window, qtbot,
                                                              monkeypatch) -> None:
    from tests import builders

    from kubecanvas.model.edits import AddResource

    monkeypatch.setattr(route_slices, "BATCH", 20)  # many batches: some wait after the first
    window = make_window(list(_design(2000)[0]))
    scene, slices = window.scene, window.scene.route_slices
    through = scene_quality(scene).wires_through_cards
    plain = {key: wire.route for key, wire in scene.edge_items.items()}
    qtbot.waitUntil(lambda: any(wire.route is not plain[key]
                                for key, wire in scene.edge_items.items()), timeout=60_000)
    assert slices.pending  # a batch took its routes; others wait
    done = scene_quality(scene).wires_through_cards
    assert done < through
    configmap = builders.resources(builders.configmap)("late", ns="shop")
    window.editor.push(AddResource(configmap))  # restarts the routing: cards changed
    assert scene_quality(scene).wires_through_cards <= done  # nothing routed is undone
    qtbot.waitUntil(lambda: not slices.pending, timeout=60_000)
    assert scene_quality(scene).wires_through_cards == 0
