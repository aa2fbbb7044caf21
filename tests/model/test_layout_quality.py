"""The quality ruler of `render --stats` and the layout benchmark, on hand-made pictures."""

from __future__ import annotations

import pytest

from kubecanvas.model.layout.quality import (
    Wire,
    clip_segment,
    measure,
    rects_overlap,
    segment_hits_rect,
    segments_cross,
)

CARD = (0.0, 0.0, 100.0, 50.0)


@pytest.mark.parametrize(("a", "b", "hit"), [
    ((-10, 25), (110, 25), True),    # straight across
    ((-10, -5), (110, -5), False),   # above
    ((50, -20), (50, 10), True),     # enters from the top
    ((-10, 0), (110, 0), False),     # along the edge: not inside
    ((20, 20), (30, 30), True),      # wholly inside
    ((120, 60), (200, 90), False),   # far away
])
def test_segment_through_a_rectangle(a, b, hit) -> None:  # type: ignore[no-untyped-def]
    assert segment_hits_rect(a, b, CARD) is hit


@pytest.mark.parametrize(("a", "b", "closed", "part"), [
    ((-10, 25), (110, 25), False, ((0, 25), (100, 25))),  # across: cut at both sides
    ((50, -20), (50, 10), True, ((50, 0), (50, 10))),      # enters from the top, ends inside
    ((-10, 0), (110, 0), True, ((0, 0), (100, 0))),        # along the edge: in the closed box
    ((-10, 0), (110, 0), False, None),                     # ... not in the open one
    ((-10, 40), (10, 60), True, ((0, 50), (0, 50))),       # touches the corner: closed only
    ((-10, 40), (10, 60), False, None),
    ((120, 60), (200, 90), True, None),                    # far away
])
def test_clip_segment_closed_and_open_bounds(a, b, closed, part) -> None:  # type: ignore[no-untyped-def]
    got = clip_segment(a, b, CARD, closed=closed)
    if part is None:
        assert got is None
    else:
        assert got is not None
        assert [c for p in got for c in p] == pytest.approx([c for p in part for c in p])


def test_a_zero_sized_card_is_never_hit_but_a_zero_sized_square_clips_closed() -> None:
    assert not segment_hits_rect((-10, 0), (10, 0), (0.0, 0.0, 0.0, 0.0))
    assert clip_segment((-10, 0), (10, 0), (0.0, 0.0, 0.0, 0.0), closed=True) == ((0, 0), (0, 0))


def test_segments_cross_only_when_they_properly_cross() -> None:
    assert segments_cross((0, 0), (10, 10), (0, 10), (10, 0)) == pytest.approx((5, 5))
    assert segments_cross((0, 0), (10, 0), (0, 5), (10, 5)) is None  # parallel
    assert segments_cross((0, 0), (10, 0), (10, 0), (20, 5)) is None  # touching at an end
    assert segments_cross((0, 0), (4, 4), (0, 10), (10, 0)) is None  # would meet if longer


def test_rects_overlap_but_touching_is_not_overlap() -> None:
    assert rects_overlap((0, 0, 10, 10), (5, 5, 10, 10))
    assert not rects_overlap((0, 0, 10, 10), (10, 0, 10, 10))


def _picture(middle_y: float) -> tuple[dict, list[Wire]]:  # type: ignore[type-arg]
    cards = {"a": (0.0, 0.0, 100.0, 50.0), "b": (400.0, 0.0, 100.0, 50.0),
             "m": (200.0, middle_y, 100.0, 50.0)}
    return cards, [Wire(((100.0, 25.0), (400.0, 25.0)), "a", "b")]


def test_a_wire_through_an_unrelated_card_counts_and_one_around_it_does_not() -> None:
    cards, wires = _picture(0.0)
    assert measure(cards, wires, []).wires_through_cards == 1
    cards, wires = _picture(200.0)
    assert measure(cards, wires, []).wires_through_cards == 0
    # the wire's own ends are not "through"
    assert measure({"a": cards["a"], "b": cards["b"]},
                   [Wire(((50.0, 25.0), (450.0, 25.0)), "a", "b")], []).wires_through_cards == 0


def test_crossings_count_where_wires_cross_but_not_inside_a_shared_card() -> None:
    cards = {"s": (0.0, 0.0, 100.0, 100.0), "t1": (300.0, 0.0, 50.0, 50.0),
             "t2": (300.0, 100.0, 50.0, 50.0)}
    crossing = [Wire(((100.0, 10.0), (300.0, 120.0)), "s", "t2"),
                Wire(((100.0, 90.0), (300.0, 20.0)), "s", "t1")]
    assert measure(cards, crossing, []).crossings == 1
    # two wires fanning out of one card meet only inside it
    fan = [Wire(((50.0, 40.0), (300.0, 20.0)), "s", "t1"),
           Wire(((50.0, 60.0), (300.0, 120.0)), "s", "t2"),
           Wire(((40.0, 40.0), (60.0, 60.0)), "s", "s")]
    assert measure(cards, fan[:2], []).crossings == 0


def test_label_overlaps_count_label_pairs_and_labels_on_cards() -> None:
    cards = {"a": (0.0, 0.0, 100.0, 50.0)}
    labels = [(90.0, 10.0, 40.0, 16.0), (120.0, 12.0, 40.0, 16.0), (500.0, 0.0, 40.0, 16.0)]
    assert measure(cards, [], labels).label_overlaps == 2  # label-card and label-label


def test_size_and_aspect_cover_everything_drawn() -> None:
    cards, wires = _picture(200.0)
    quality = measure(cards, wires, [])
    assert quality.area == 500.0 * 250.0
    assert quality.aspect == pytest.approx(2.0)
    assert quality.wire_length == pytest.approx(300.0)
    assert set(quality.as_dict()) == {"crossings", "wires_through_cards", "label_overlaps",
                                      "wire_length", "area", "aspect"}
