"""The canvas holds its cards and wires in containers per square of the scene (`item_tiles.py`):
Qt walks every top-level item after each change, so a large design must have few of them, and
the containers must not change what is drawn over what."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands import design_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


def _scene(count: int) -> CanvasScene:
    document = Document(load_text(generate_yaml(count), "generated.yaml").resources)
    graph = WiringGraph(document, subscribe=False)
    design_files.lay_out(document, graph)
    return CanvasScene(document, graph)


def _cards_and_wires(scene: CanvasScene) -> list[QGraphicsItem]:
    return [*scene.nodes.values(), *scene.edge_items.values()]


def test_a_large_design_s_scene_has_few_top_level_items(qtbot) -> None:
    scene = _scene(1200)
    items = _cards_and_wires(scene)
    top = [item for item in scene.items() if item.parentItem() is None]
    assert len(items) > 2500
    # every card and wire is in a container; the top level is the containers and the frames
    assert all(item.parentItem() is not None for item in items)
    assert len(top) == len(scene.tiles) + len(scene.frames_by_namespace)
    assert len(top) * 10 < len(items)
    # a container draws nothing and is never hit: it has no area
    containers = {item.parentItem() for item in items}
    assert all(box.boundingRect().isNull() and box.flags()
               & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents for box in containers)


def test_every_wire_is_drawn_under_every_card(qtbot) -> None:
    scene = _scene(400)
    order = {id(item): n for n, item in enumerate(scene.items(Qt.SortOrder.AscendingOrder))}
    wires = [order[id(item)] for item in scene.edge_items.values()]
    cards = [order[id(item)] for item in scene.nodes.values()]
    assert wires and cards
    assert max(wires) < min(cards)


def test_a_card_showing_its_replicas_is_drawn_over_the_other_cards(qtbot) -> None:
    scene = _scene(400)
    rid = next(rid for rid, node in scene.nodes.items()
               if not node.ghost and node.kind == "Deployment")
    assert scene.show_replicas(rid, True)

    def rank() -> tuple[int, int]:
        order = {id(item): n for n, item in enumerate(scene.items(Qt.SortOrder.AscendingOrder))}
        others = [order[id(node)] for key, node in scene.nodes.items() if key != rid]
        return order[id(scene.nodes[rid])], max(others)

    shown, highest_other = rank()
    assert shown > highest_other
    scene.show_replicas(rid, False)
    hidden, highest_other = rank()
    assert hidden < highest_other
    assert scene.nodes[rid].zValue() == 2


def test_moving_a_card_far_keeps_it_where_it_was_put(qtbot) -> None:
    """A card keeps its container when it moves far from its square: its position stays its
    scene position, the index finds it there, and a click there reaches it (not a container)."""
    scene = _scene(200)
    node = next(node for node in scene.nodes.values() if isinstance(node, NodeItem)
                and not node.ghost)
    box = node.parentItem()
    node.setPos(node.pos().x() + 9000.0, node.pos().y() + 7000.0)
    assert node.parentItem() is box
    assert node.scenePos() == node.pos()
    assert node in scene.items(node.sceneBoundingRect())
    assert scene.itemAt(node.mapToScene(node.body_rect().center()), QTransform()) is node



def test_each_container_is_filed_in_its_own_square_and_adds_nothing_to_the_bounds(qtbot) -> None:
    """Qt files a container in its index where its (empty) rectangle is. All of them at the
    origin made any look-up near the design's top left return every container, and Qt then
    walked every card and wire: 75 ms per look-up at 15,000 resources. Each sits at the
    middle of its own square now, and its rectangle stays empty: the scene's bounds are
    those of what it holds."""
    import math

    from PySide6.QtCore import QRectF

    from kubecanvas.ui.canvas.item_tiles import SQUARE

    scene = _scene(1200)
    containers = {item.parentItem() for item in _cards_and_wires(scene)}
    assert len(containers) > 20
    for box in containers:
        corner = box.boundingRect().topLeft()
        assert box.boundingRect().isNull()
        column, row = math.floor(corner.x() / SQUARE), math.floor(corner.y() / SQUARE)
        assert (corner.x(), corner.y()) == ((column + 0.5) * SQUARE, (row + 0.5) * SQUARE)
        for child in box.childItems():  # (no card moved since it was added; a wire is
            if not isinstance(child, NodeItem):  # filed by a point of its route)
                continue
            assert (math.floor(child.pos().x() / SQUARE),
                    math.floor(child.pos().y() / SQUARE)) == (column, row)
    held = QRectF()
    for item in scene.items():
        if item not in containers:
            held = held.united(item.sceneBoundingRect())
    assert scene.itemsBoundingRect() == held
