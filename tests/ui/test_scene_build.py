"""The fast paths of building a large canvas give what the slow ones gave.

Ghost placement uses a grid index (`FreeSlots`) while the scene is filled, and wires compute
their curve in plain floats with painter path, arrow and label made on first paint. These tests
hold the fast paths to the geometry Qt itself reports.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.edits import SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.edge_item import EdgeItem, _cubic_point
from kubecanvas.ui.canvas.free_slots import FreeSlots
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import kind_colour
from kubecanvas.ui.commands import design_files

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


def _generated_scene(count: int) -> CanvasScene:
    document = Document(load_text(generate_yaml(count, 3), "generated.yaml").resources)
    graph = WiringGraph(document)
    design_files.lay_out(document, graph)
    return CanvasScene(document, graph)


def test_ghosts_placed_while_building_never_cover_a_node(qtbot) -> None:
    scene = _generated_scene(400)
    ghosts = [n for n in scene.nodes.values() if n.ghost]
    assert len(ghosts) > 10  # the generator breaks some wiring on purpose
    for ghost in ghosts:
        body = QRectF(ghost.pos(), QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT).size())
        near = scene.items(body.adjusted(-8, -8, 8, 8),
                           Qt.ItemSelectionMode.IntersectsItemBoundingRect)
        others = [i for i in near if isinstance(i, NodeItem) and i is not ghost]
        # the slot search gives up after 36 tries and stacks below the anchor; none here do
        assert not others, (ghost.name, [o.name for o in others])


def test_free_slots_answer_like_a_rectangle_query() -> None:
    box = (-4.0, -10.0, NODE_WIDTH + 11.0, NODE_HEIGHT + 4.0)
    slots = FreeSlots(box)
    slots.add(0.0, 0.0)
    assert not slots.is_free(0.0, 0.0)
    assert not slots.is_free(NODE_WIDTH + 4.0, 0.0)  # within the handle and the margin
    assert slots.is_free(NODE_WIDTH + 40.0, 0.0)
    assert slots.is_free(0.0, NODE_HEIGHT + 30.0)
    assert not slots.is_free(0.0, NODE_HEIGHT + 4.0)
    assert slots.first_free(0.0, 0.0, 0) != (0.0, 0.0)
    slots.add(*slots.first_free(0.0, 0.0, 0))  # the anchor is at the origin
    first, second = slots.first_free(0.0, 0.0, 0), slots.first_free(0.0, 0.0, 1)
    assert first == second  # the first free slot after the first one was taken
    assert slots.is_free(*first)


def test_a_stand_in_keeps_its_frame_out_of_another_namespaces_frame() -> None:
    slots = FreeSlots((0.0, 0.0, NODE_WIDTH, NODE_HEIGHT))
    slots.add_area((0.0, 0.0, 1000.0, 400.0), "shop")
    slots.add_area((1120.0, 0.0, 2000.0, 400.0), "web")  # right of shop, 120 px away
    slots.add_area((0.0, 520.0, 600.0, 900.0), "db")  # under shop's left half
    # a card right of shop's edge would grow shop's frame over web's
    assert not slots.is_free(1010.0, 100.0, "shop")
    assert slots.is_free(1010.0, 100.0, "shop", joins=False) is False  # its own box is in web
    assert slots.is_free(700.0, 100.0, "shop")  # inside its own frame
    # below and right, shop's frame grown to hold it would reach over db's corner
    assert not slots.is_free(700.0, 440.0, "shop") and not slots.is_free(500.0, 440.0, "shop")
    assert slots.is_free(700.0, 440.0, "shop", joins=False)  # a box of its own: clear of db
    assert not slots.is_free(100.0, 600.0, "shop") and slots.is_free(100.0, 600.0, "db")
    # the first free slot of a card at shop's right edge: not to the right, where web is
    dx, dy = slots.first_free(1000.0 - NODE_WIDTH, 100.0, 0, "shop")
    assert 1000.0 - NODE_WIDTH + dx + NODE_WIDTH <= 1120.0 - 20.0


def test_generated_designs_frames_do_not_overlap(qtbot) -> None:
    scene = _generated_scene(1500)
    frames = [f.box() for f in scene.frames_by_namespace.values()]
    assert len(frames) > 2
    for n, (left, top, right, bottom) in enumerate(frames):
        for b_left, b_top, b_right, b_bottom in frames[n + 1:]:
            assert not (left < b_right and b_left < right and top < b_bottom and b_top < bottom)


@settings(max_examples=60, deadline=None)
@given(st.tuples(*[st.floats(-1e4, 1e4, allow_nan=False) for _ in range(8)]),
       st.floats(0.0, 1.0))
def test_cubic_point_is_what_qt_computes(points: tuple[float, ...], t: float) -> None:
    p0, p1, p2, p3 = (points[i:i + 2] for i in range(0, 8, 2))
    path = QPainterPath(QPointF(*p0))
    path.cubicTo(QPointF(*p1), QPointF(*p2), QPointF(*p3))
    x, y = _cubic_point(p0, p1, p2, p3, t)  # type: ignore[arg-type]
    expected = path.pointAtPercent(t)
    assert math.isclose(x, expected.x(), abs_tol=1e-6 * (1 + abs(x)))
    assert math.isclose(y, expected.y(), abs_tol=1e-6 * (1 + abs(y)))


def _edge_between(source_at: tuple[float, float], target_at: tuple[float, float],
                  label: str) -> EdgeItem:
    from kubecanvas.model.graph import Edge

    source = NodeItem("a", "Ingress", "a", "", "")
    target = NodeItem("b", "Service", "b", "", "")
    source.setPos(QPointF(*source_at))
    target.setPos(QPointF(*target_at))
    edge = Edge("a", "b", "k", "routes", "spec.rules[0]", label, "ref")
    return EdgeItem(edge, source, target)


def _inside(inner: QRectF, outer: QRectF) -> bool:
    """`QRectF.contains` without its refusal of empty rectangles (a straight wire is flat)."""
    return (outer.left() - 1e-6 <= inner.left() and inner.right() <= outer.right() + 1e-6
            and outer.top() - 1e-6 <= inner.top() and inner.bottom() <= outer.bottom() + 1e-6)


@settings(max_examples=80, deadline=None)
@given(st.tuples(st.floats(-3000, 3000), st.floats(-3000, 3000)),
       st.tuples(st.floats(-3000, 3000), st.floats(-3000, 3000)),
       st.sampled_from(["", "/", "shop.example.com/api -> http",
                        "a-very-long-host-name.example.com/and/a/long/path -> 8080"]))
def test_wire_bounds_hold_its_curve_arrow_and_label(qapp, source_at, target_at,
                                                    label: str) -> None:
    item = _edge_between(source_at, target_at, label)
    bounds = item.boundingRect()
    assert _inside(item.path().boundingRect(), bounds)
    assert _inside(item.arrow().boundingRect(), bounds)
    plate = item.label_rect()
    assert plate.isNull() == (not label)
    if label:
        assert _inside(plate, bounds)
        assert item.shown_label
    # the arrow's tip is the curve's end
    tip = item.arrow()[0]
    end = item.path().pointAtPercent(1.0)
    assert abs(tip.x() - end.x()) < 1e-6 and abs(tip.y() - end.y()) < 1e-6


def test_moving_an_end_recomputes_the_lazy_parts(qtbot) -> None:
    item = _edge_between((0, 0), (400, 0), "shop.example.com/ -> http")
    def lazy_parts() -> tuple[object, ...]:
        return (item.path().boundingRect(), item.label_rect(), item.arrow()[0],
                item.shape().boundingRect())

    before = lazy_parts()
    item.target.setPos(QPointF(400, 600))
    item.adjust()
    after = lazy_parts()
    assert all(a != b for a, b in zip(before, after, strict=True))


def test_far_zoom_paints_each_node_as_a_tile_of_its_kind_colour(qtbot) -> None:
    scene = _generated_scene(60)
    target = next(n for n in scene.nodes.values() if n.kind == "Deployment")
    image = QImage(200, 100, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    # a 180-pixel node drawn 9 pixels wide: far below the level where glyphs would show
    source = QRectF(target.pos().x(), target.pos().y(), NODE_WIDTH * 40, NODE_HEIGHT * 20)
    scene.render(painter, QRectF(0, 0, 360, 100 * 360 / 200), source)
    painter.end()
    colour = kind_colour("Deployment")
    pixel = QColor(image.pixel(4, 1))
    assert (pixel.red(), pixel.green(), pixel.blue()) == (colour.red(), colour.green(),
                                                          colour.blue())


def test_opening_a_large_design_pauses_the_collector_and_settles_after(make_window, tmp_path):
    import gc

    from kubecanvas.io import heap

    source = tmp_path / "large.yaml"
    source.write_text(generate_yaml(1000, 1), encoding="utf-8")
    window = make_window([])
    gc.unfreeze()
    try:
        assert window.open_paths([source])
        assert gc.isenabled()
        assert gc.get_freeze_count() >= heap.LARGE_BUILD  # the design was frozen
        assert window.settle_timer.isActive()  # and is settled once shown
        window.settle_timer.stop()
        heap.settle()
        assert len(window.session.document) == 1000
        # an edit: what it built is settled once the window is idle for a moment
        deployment = next(r for r in window.session.document if r.kind == "Deployment")
        window.editor.push(SetField(deployment.id, ("spec", "replicas"), 7))
        assert window.settle_timer.isActive()
        assert window.settle_timer.interval() < 1000
        window.settle_timer.stop()
    finally:
        gc.unfreeze()


def test_an_opened_design_s_scene_takes_the_layout_s_blocks(make_window, tmp_path,
                                                            monkeypatch):
    """Opening a YAML design lays it out, grouping every resource into blocks; the scene's
    stand-ins take that grouping instead of grouping the design again (0.3 s at 15,000
    resources), and draw the same cards as when they group it themselves."""
    from kubecanvas.ui.canvas import stand_ins

    source = tmp_path / "design.yaml"
    source.write_text(generate_yaml(300, 2), encoding="utf-8")
    window = make_window([])
    grouped = []
    regroup = stand_ins.block_keys
    monkeypatch.setattr(stand_ins, "block_keys", lambda *a: grouped.append(1) or regroup(*a))
    assert window.open_paths([source])
    session = window.session
    assert grouped == [] and session.layout_blocks is None  # taken by the first scene only
    drawn = sorted(rid for rid, item in window.scene.nodes.items() if item.ghost)
    assert any("@" in rid for rid in drawn)  # a shared class drawn per block
    again = CanvasScene(session.document, session.graph)
    assert grouped == [1]
    assert sorted(rid for rid, item in again.nodes.items() if item.ghost) == drawn
