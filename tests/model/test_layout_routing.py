"""Wire routing: around cards, ports spread, bundles parallel, labels only where there is room."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model.layout.quality import Wire, measure
from kubecanvas.model.layout.routing import LABEL_HEIGHT, route_all, simplify

W, H = 180.0, 72.0


def card(x: float, y: float) -> tuple[float, float, float, float]:
    return (x, y, W, H)


def quality(cards, edges, widths=None):  # type: ignore[no-untyped-def]
    routes = route_all(cards, edges, widths)
    wires = [Wire(r.points, s, t) for r, (s, t) in zip(routes, edges, strict=True)]
    labels = [(r.label_at[0] - w / 2, r.label_at[1] - LABEL_HEIGHT / 2, w, LABEL_HEIGHT)
              for r, w in zip(routes, widths or [0.0] * len(edges), strict=True)
              if r.label_at is not None]
    return routes, measure(cards, wires, labels)


def test_a_wire_goes_around_a_card_in_its_way() -> None:
    cards = {"a": card(0, 0), "b": card(600, 0), "wall": card(300, -100)}
    cards["wall"] = (300.0, -100.0, W, 300.0)  # tall: no straight or Z path gets past
    routes, q = quality(cards, [("a", "b")])
    assert q.wires_through_cards == 0
    points = routes[0].points
    assert points[0] == (W, H / 2) and points[-1][0] == 600.0  # right side -> left side
    # orthogonal: every segment horizontal or vertical
    assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:], strict=False))


def test_aligned_cards_get_a_straight_wire() -> None:
    routes, _ = quality({"a": card(0, 0), "b": card(300, 0)}, [("a", "b")])
    assert routes[0].points == ((W, H / 2), (300.0, H / 2))


def test_wires_from_one_card_leave_from_spread_ports_and_do_not_cross() -> None:
    cards = {"s": card(0, 100), "t1": card(300, 0), "t2": card(300, 100), "t3": card(300, 200)}
    routes, q = quality(cards, [("s", "t3"), ("s", "t1"), ("s", "t2")])
    starts = sorted(r.points[0][1] for r in routes)
    assert len(set(starts)) == 3
    assert q.crossings == 0


def test_a_bundle_of_parallel_wires_runs_side_by_side_without_crossing() -> None:
    cards = {"s": card(0, 0), "t": card(300, 150)}
    routes, q = quality(cards, [("s", "t"), ("s", "t"), ("s", "t")])
    assert len({r.points for r in routes}) == 3
    assert q.crossings == 0 and q.wires_through_cards == 0


def test_labels_never_overlap_cards_or_each_other_and_give_way_when_there_is_no_room() -> None:
    cards = {"s": card(0, 0), "t": card(300, 0)}
    edges = [("s", "t")] * 6
    routes, q = quality(cards, edges, [90.0] * 6)
    assert q.label_overlaps == 0
    shown = [r for r in routes if r.label_at is not None]
    assert 1 <= len(shown) < 6  # six plates do not fit in one 110-pixel gap


def test_self_loops_and_unknown_cards_get_no_route() -> None:
    routes = route_all({"a": card(0, 0)}, [("a", "a"), ("a", "nowhere")])
    assert [r.points for r in routes] == [(), ()]


def test_simplify_drops_repeats_and_straight_middles() -> None:
    assert simplify([(0, 0), (0, 0), (5, 0), (10, 0), (10, 5)]) == ((0, 0), (10, 0), (10, 5))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=2, max_size=14,
                unique=True),
       st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=16))
def test_routes_never_pass_through_a_card_on_a_grid_layout(
        slots: list[tuple[int, int]], pairs: list[tuple[int, int]]) -> None:
    cards = {f"c{i}": card(col * (W + 110), row * (H + 24)) for i, (col, row) in enumerate(slots)}
    edges = [(f"c{a}", f"c{b}") for a, b in pairs if a < len(slots) and b < len(slots) and a != b]
    routes, q = quality(cards, edges, [60.0] * len(edges))
    assert q.wires_through_cards == 0
    assert q.label_overlaps == 0
    assert routes == route_all(cards, edges, [60.0] * len(edges))


def _crossings(cards, edges) -> int:  # type: ignore[no-untyped-def]
    routes = route_all(cards, edges)
    quality = measure(cards, [Wire(r.points, s, t) for r, (s, t) in zip(routes, edges,
                                                                         strict=True)], [])
    assert quality.wires_through_cards == 0
    return quality.crossings


def test_a_wire_routed_early_is_routed_again_around_the_ones_after_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # c3 -> c2 is routed first and takes the gap c2 -> c1 and c2 -> c0 need later: routed
    # again with them in place (rip-up and reroute), it goes around them
    cards = {"c0": (600.0, 0.0, 200.0, 80.0), "c1": (300.0, 0.0, 200.0, 80.0),
             "c2": (0.0, 300.0, 200.0, 80.0), "c3": (0.0, 0.0, 200.0, 80.0)}
    edges = [("c3", "c2"), ("c2", "c0"), ("c2", "c1")]
    assert _crossings(cards, edges) == 0
    monkeypatch.setattr("kubecanvas.model.layout.uncross._swap_ports", lambda *_: iter(()))
    assert _crossings(cards, edges) == 0  # rerouting alone does it
    monkeypatch.setattr("kubecanvas.model.layout.uncross.REROUTE_PASSES", 0)
    assert _crossings(cards, edges) == 1  # the first pass alone


def test_a_removed_wire_is_no_longer_crossed() -> None:
    from kubecanvas.model.layout.segment_index import SegmentIndex

    index = SegmentIndex()
    index.add([(0.0, 50.0), (100.0, 50.0)], 0)
    index.add([(0.0, 60.0), (100.0, 60.0)], 1)
    across = [(50.0, 0.0), (50.0, 100.0)]
    assert index.crossings(across) == 2
    index.remove(0)
    assert index.crossings(across) == 1
    index.add([(0.0, 50.0), (100.0, 50.0)], 0)  # back, as a rerouted wire comes back
    assert index.crossings(across) == 2


def test_two_wires_at_one_side_of_a_card_swap_ports_when_that_uncrosses_them(
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # c2's two wires leave its right side in the order of their other ends; c2 -> c0 must pass
    # c3, so it is routed round and crosses c2 -> c3 unless the two swap their ports
    cards = {"c0": (600.0, 0.0, 200.0, 80.0), "c1": (300.0, 300.0, 200.0, 80.0),
             "c2": (0.0, 150.0, 200.0, 80.0), "c3": (300.0, 0.0, 200.0, 80.0)}
    edges = [("c1", "c3"), ("c2", "c3"), ("c2", "c0")]
    assert _crossings(cards, edges) == 0
    monkeypatch.setattr("kubecanvas.model.layout.uncross._swap_ports", lambda *_: iter(()))
    assert _crossings(cards, edges) == 1  # without the sweep


def test_quick_routes_go_around_cards_without_the_crossing_work() -> None:
    # a dragged card's wires are routed at each grid step (`ui/canvas/router.route_dragged`):
    # quick routes still avoid cards, but skip what uncrosses wires (the release does that)
    cards = {"c0": (600.0, 0.0, 200.0, 80.0), "c1": (300.0, 0.0, 200.0, 80.0),
             "c2": (0.0, 300.0, 200.0, 80.0), "c3": (0.0, 0.0, 200.0, 80.0)}
    edges = [("c3", "c2"), ("c2", "c0"), ("c2", "c1")]
    assert _crossings(cards, edges) == 0
    routes = route_all(cards, edges, quick=True)
    quality = measure(cards, [Wire(r.points, s, t) for r, (s, t) in zip(routes, edges,
                                                                         strict=True)], [])
    assert quality.wires_through_cards == 0
    assert quality.crossings == 1
    # and a wire with no card in its way is the same either way
    plain = {"a": card(0, 0), "b": card(300, 150)}
    assert route_all(plain, [("a", "b")], quick=True) == route_all(plain, [("a", "b")])
