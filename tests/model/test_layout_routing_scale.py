"""Routing a big generated design: the spatial indexes answer what a full scan would.

The router counts crossings and tests cards through grid indexes that look only at the cells a
segment runs through (and, for crossings, only at the perpendicular segments within its span);
these tests hold both indexes equal to the plain scan over everything, and route a generated
design with shared stand-in cards that thousands of wires run to, the case that made the scan
quadratic. How fast that is belongs to tests/bench (`bench_canvas.py`, README), not here.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH, auto_layout
from kubecanvas.model.layout.quality import (
    Point,
    Rect,
    Wire,
    measure,
    rects_overlap,
    segment_hits_rect,
    segments_cross,
)
from kubecanvas.model.layout.routing import THOROUGH_LIMIT, CardIndex, route_all
from kubecanvas.model.layout.segment_index import SegmentIndex
from kubecanvas.model.resource import Resource


def _generator() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("kubecanvas_bench_generate_routing", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()
coordinate = st.integers(-30, 30).map(lambda v: v * 37.5)


@st.composite
def orthogonal_segment(draw: st.DrawFn) -> tuple[Point, Point]:
    x, y, length = draw(coordinate), draw(coordinate), draw(coordinate)
    return ((x, y), (x + length, y)) if draw(st.booleans()) else ((x, y), (x, y + length))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(orthogonal_segment(), min_size=1, max_size=3), max_size=25),
       st.lists(orthogonal_segment(), min_size=1, max_size=4))
def test_segment_index_counts_what_a_scan_of_every_segment_counts(
        routed: list[list[tuple[Point, Point]]], candidate: list[tuple[Point, Point]]) -> None:
    index = SegmentIndex()
    for segments in routed:
        for a, b in segments:
            index.add((a, b))
    points = [candidate[0][0]]
    for a, b in candidate:  # a connected orthogonal polyline through the drawn segments' ends
        points += [(a[0], points[-1][1]), a, b]
    every = {s for segments in routed for s in segments}
    crossed = {s for s in every
               if any(segments_cross(a, b, *s) is not None
                      for a, b in zip(points, points[1:], strict=False))}
    assert index.crossings(points) == len(crossed)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, st.integers(1, 12), st.integers(1, 12)),
                max_size=30),
       orthogonal_segment())
def test_card_index_finds_a_blocking_card_exactly_when_a_scan_does(
        boxes: list[tuple[float, float, int, int]], segment: tuple[Point, Point]) -> None:
    cards: dict[str, Rect] = {f"c{i}": (x, y, w * 25.0, h * 25.0)
                              for i, (x, y, w, h) in enumerate(boxes)}
    skip = ("c0", "c1")
    a, b = segment
    expected = any(segment_hits_rect(a, b, (x - 2, y - 2, w + 4, h + 4))
                   for cid, (x, y, w, h) in cards.items() if cid not in skip)
    assert CardIndex(cards).blocked(a, b, skip) == expected
    assert CardIndex(cards).blocked(b, a, skip) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(coordinate, coordinate, st.integers(1, 12), st.integers(1, 12)),
                max_size=30),
       st.tuples(coordinate, coordinate, st.integers(1, 400), st.integers(1, 40)))
def test_card_index_finds_an_overlapping_card_exactly_when_a_scan_does(
        boxes: list[tuple[float, float, int, int]],
        plate: tuple[float, float, int, int]) -> None:
    cards: dict[str, Rect] = {f"c{i}": (x, y, w * 25.0, h * 25.0)
                              for i, (x, y, w, h) in enumerate(boxes)}
    x, y, w, h = plate
    box = (x, y, float(w), float(h))
    expected = any(rects_overlap(box, card) for card in cards.values())
    assert CardIndex(cards).overlaps(x, y, x + w, y + h) == expected


def _design(count: int) -> tuple[dict[str, Rect], list[tuple[str, str]]]:
    """Cards and wires of a generated design laid out; what the design refers to but does not
    hold (its shared StorageClass, IngressClass...) is a stand-in card right of everything."""
    doc = Document([Resource(m) for m in generate.generate_manifests(count, seed=5)])
    graph = WiringGraph(doc, subscribe=False)
    cards = {rid: (x, y, NODE_WIDTH, NODE_HEIGHT) for rid, (x, y) in auto_layout(doc, graph).items()}
    right = max(x + w for x, _, w, _ in cards.values()) + 3 * NODE_WIDTH
    edges = sorted({(e.source, e.target) for e in graph.edges()})
    for node in sorted({n for edge in edges for n in edge} - set(cards)):
        cards[node] = (right, len(cards) % 40 * 2 * NODE_HEIGHT, NODE_WIDTH, NODE_HEIGHT)
    return cards, edges


def _apart(a: Rect, b: Rect) -> float:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def test_a_big_generated_design_routes_around_cards_into_its_shared_stand_ins() -> None:
    cards, edges = _design(950)
    assert THOROUGH_LIMIT // 2 < len(edges) <= THOROUGH_LIMIT  # the thorough routing
    hub = max(cards, key=lambda c: sum(c in e for e in edges))
    assert sum(hub in e for e in edges) > 150  # many long wires meet at one card
    routes = route_all(cards, edges, [60.0] * len(edges))
    for route, (s, t) in zip(routes, edges, strict=True):
        points = route.points
        if s == t:
            assert points == ()
            continue
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:], strict=False))
        for end, cid in ((points[0], s), (points[-1], t)):
            x, y, w, h = cards[cid]
            assert x <= end[0] <= x + w and y <= end[1] <= y + h  # on its card's border
    # a wire between cards a few card widths apart always finds its way around what is
    # between them; only wires across the design (to the stand-ins) may keep their plain shape
    near = [(r, e) for r, e in zip(routes, edges, strict=True)
            if e[0] != e[1] and _apart(cards[e[0]], cards[e[1]]) < 1000]
    assert len(near) > len(edges) // 2
    quality = measure(cards, [Wire(r.points, s, t) for r, (s, t) in near], [])
    assert quality.wires_through_cards == 0
    assert routes == route_all(cards, edges, [60.0] * len(edges))


def test_a_point_inside_a_card_is_blocked_as_a_scan_says() -> None:
    """Found by the property above on a fresh machine: a segment of no length inside a card."""
    cards: dict[str, Rect] = {"c0": (0.0, 0.0, 25.0, 25.0), "c2": (0.0, 0.0, 25.0, 25.0)}
    assert segment_hits_rect((0.0, 0.0), (0.0, 0.0), (-2.0, -2.0, 29.0, 29.0))
    assert CardIndex(cards).blocked((0.0, 0.0), (0.0, 0.0), ("c0",))
    assert not CardIndex(cards).blocked((0.0, 0.0), (0.0, 0.0), ("c0", "c2"))
    assert not CardIndex(cards).blocked((90.0, 90.0), (90.0, 90.0), ())
