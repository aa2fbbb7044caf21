"""A wire past blocks whose columns do not line up goes around every card: through one straight
gap where there is one, else by a search; a bundle's second wire beside the first.

The shape seen after real drags at 5,000 resources: a volume dragged 4,000 px below its claim,
beside columns of cards that shift from block to block, so no Z shape is clear and more than
`MAX_SEARCH_CARDS` cards line the wire's box (the A* of `routing._search` gave up and the Z
shape was drawn through six cards).
"""

from __future__ import annotations

from kubecanvas.model.layout.card_index import CardIndex
from kubecanvas.model.layout.quality import Wire, measure, segments_cross
from kubecanvas.model.layout.routing import MAX_SEARCH_CARDS, route_all
from kubecanvas.model.layout.wide_search import beside, channel

W, H = 180.0, 72.0


def _staggered(blocks: int = 8) -> dict[str, tuple[float, float, float, float]]:
    """Blocks of four rows, two columns each; each block's columns shifted from the last."""
    cards = {}
    for block in range(blocks):
        shift = (block % 3) * 110.0
        for row in range(4):
            for column in range(2):
                cards[f"c{block}-{row}-{column}"] = (
                    200.0 + shift + column * 290.0, 200.0 + block * 420.0 + row * 96.0, W, H)
    return cards


def test_a_long_wire_past_shifted_columns_goes_around_every_card() -> None:
    cards = _staggered()
    cards["claim"] = (0.0, 0.0, W, H)
    cards["volume"] = (900.0, 200.0 + 7 * 420.0 + 96.0, W, H)
    (route,) = route_all(cards, [("claim", "volume")])
    near = [c for c in cards.values() if c[1] < cards["volume"][1] + 200]
    assert len(near) > MAX_SEARCH_CARDS  # where the bounded A* gives up
    assert measure(cards, [Wire(route.points, "claim", "volume")], []).wires_through_cards == 0
    # every run is axis-parallel, as all the router's wires
    assert all(a[0] == b[0] or a[1] == b[1]
               for a, b in zip(route.points, route.points[1:], strict=False))


def test_the_same_wire_among_few_cards_keeps_its_usual_shape() -> None:
    cards = {"claim": (0.0, 0.0, W, H), "volume": (900.0, 600.0, W, H)}
    (route,) = route_all(cards, [("claim", "volume")])
    assert len(route.points) == 4  # a plain Z shape: nothing to go around


def test_a_straight_gap_beside_a_column_takes_the_long_run() -> None:
    # a claim above a column of cards, its volume below them: the gap right of the column
    cards = {f"c{row}": (0.0, 100.0 + row * 96.0, W, H) for row in range(6)}
    cards["claim"], cards["volume"] = (0.0, 0.0, W, H), (0.0, 800.0, W, H)
    index = CardIndex(cards)
    a, b = (90.0, H + 14.0), (90.0, 800.0 - 14.0)
    path = channel(a, b, True, index, 10.0, ("claim", "volume"))
    assert path is not None and len(path) == 4
    assert path[1][0] in (-10.0, W + 10.0)  # just beside the column
    assert not any(index.blocked(p, q, ("claim", "volume"))
                   for p, q in zip(path, path[1:], strict=False))
    cards["wall"] = (-400.0, 500.0, 1000.0, H)  # nothing straight gets past this
    assert channel(a, b, True, CardIndex(cards), 10.0, ("claim", "volume")) is None


def test_a_bundles_second_wire_runs_beside_the_first_without_crossing_it() -> None:
    twin = [(100.0, 72.0), (100.0, 100.0), (300.0, 100.0), (300.0, 400.0), (500.0, 400.0),
            (500.0, 600.0)]
    moved = beside(twin, (105.0, 72.0), (505.0, 600.0))
    assert moved is not None and moved[0] == (105.0, 72.0) and moved[-1] == (505.0, 600.0)
    assert len(moved) == len(twin)
    for (p, q), (p0, _) in zip(zip(moved, moved[1:], strict=False),
                                zip(twin, twin[1:], strict=False), strict=True):
        assert p[0] == q[0] or p[1] == q[1]  # still axis-parallel
        # each run is the twin's, 5 px to one side
        assert abs(p[0] - p0[0]) in (0.0, 5.0) and abs(p[1] - p0[1]) in (0.0, 5.0)
    segments = list(zip(twin, twin[1:], strict=False))
    assert not any(segments_cross(p, q, c, d) for p, q in zip(moved, moved[1:], strict=False)
                   for c, d in segments)
    assert beside(twin, (105.0, 72.0), (500.0, 600.0)) is None  # the far port not moved alike
    # not moved at all (the same ports): the twin's path, which a search from the same ends
    # would find again
    assert beside(twin, (100.0, 72.0), (500.0, 600.0)) == twin
    # inside a U narrower than the shift, the bottom run would turn back on itself
    assert beside([(0.0, 0.0), (0.0, 50.0), (3.0, 50.0), (3.0, 0.0)], (5.0, 0.0),
                  (-2.0, 0.0)) is None


def test_wires_left_for_later_are_listed_and_found_when_searched() -> None:
    cards = _staggered()
    cards["claim"] = (0.0, 0.0, W, H)
    cards["volume"] = (900.0, 200.0 + 7 * 420.0 + 96.0, W, H)
    cards["near"] = (400.0, 0.0, W, H)
    edges = [("claim", "near"), ("claim", "volume")]
    left: list[int] = []
    plain = route_all(cards, edges, left=left)
    assert left == [1]  # the short wire has a clear shape; the long one waits
    assert measure(cards, [Wire(plain[1].points, *edges[1])], []).wires_through_cards > 0
    (searched,) = route_all(cards, edges[1:])
    assert measure(cards, [Wire(searched.points, *edges[1])], []).wires_through_cards == 0
