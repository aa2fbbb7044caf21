"""A wire past blocks whose columns do not line up goes around every card.

The shape seen after real drags at 5,000 resources: a volume dragged 4,000 px below its claim,
beside columns of cards that shift from block to block, so no Z shape is clear and more than
`MAX_SEARCH_CARDS` cards line the wire's box (the A* of `routing._search` gave up and the Z
shape was drawn through six cards).
"""

from __future__ import annotations

from kubecanvas.model.layout.quality import Wire, measure
from kubecanvas.model.layout.routing import MAX_SEARCH_CARDS, route_all

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
