"""The collector pause around a large build: state restored, large builds frozen, garbage of a
replaced design collected by `settle`."""

from __future__ import annotations

import gc
import weakref

import pytest

from kubecanvas.io import heap


@pytest.fixture(autouse=True)
def _thawed(monkeypatch):
    gc.unfreeze()
    for flag in ("_frozen", "_large", "_replaced"):
        monkeypatch.setattr(heap, flag, False)
    yield
    gc.unfreeze()
    gc.enable()


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_small_builds_are_left_to_the_ordinary_collector() -> None:
    with heap.bulk_build():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0 and kept


def test_a_large_build_is_frozen_and_the_collector_restored_even_on_error() -> None:
    with pytest.raises(RuntimeError), heap.bulk_build():
        kept = [[i] for i in range(heap.LARGE_BUILD + 1000)]
        raise RuntimeError("the load failed half-way")
    assert gc.isenabled()
    assert gc.get_freeze_count() >= heap.LARGE_BUILD
    assert kept


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with heap.bulk_build():
        pass
    assert not gc.isenabled()


def test_settle_collects_the_cycles_a_replaced_large_design_left() -> None:
    with heap.bulk_build():
        old = [[i] for i in range(heap.LARGE_BUILD + 1000)]
        cycle = _Node()
    ref = weakref.ref(cycle)
    with heap.bulk_build():
        new = [[i] for i in range(heap.LARGE_BUILD + 1000)]
    del old, cycle  # the window drops the previous design: frozen, invisible to the collector
    gc.collect()
    assert ref() is not None
    heap.settle()
    assert ref() is None
    assert gc.get_freeze_count() >= heap.LARGE_BUILD and new


def test_after_the_first_large_build_settle_walks_only_what_came_since(monkeypatch) -> None:
    monkeypatch.setattr(heap, "_replaced", 0)
    with heap.bulk_build():
        new = [[i] for i in range(heap.LARGE_BUILD + 1000)]
    frozen = gc.get_freeze_count()
    since = _Node()
    ref = weakref.ref(since)
    del since  # garbage made after the build: collected
    thawed = []
    monkeypatch.setattr(gc, "unfreeze", lambda: thawed.append(True))
    heap.settle()
    assert not thawed  # the whole frozen design was not walked again
    assert ref() is None and gc.get_freeze_count() >= frozen and new


def test_a_settle_after_edits_walks_only_what_editing_built(monkeypatch) -> None:
    """Once a replaced design's garbage is collected, later settles (the editor's, when idle
    after edits) collect and freeze only what was made since: no thaw of the whole design."""
    with heap.bulk_build():
        old = [[i] for i in range(heap.LARGE_BUILD + 1000)]
    with heap.bulk_build():
        new = [[i] for i in range(heap.LARGE_BUILD + 1000)]
    del old
    heap.settle()  # the design shown: the one it replaced goes
    edits = [[i] for i in range(1000)]  # what editing built, alive
    cycle = _Node()
    ref = weakref.ref(cycle)
    del cycle
    thawed = []
    monkeypatch.setattr(gc, "unfreeze", lambda: thawed.append(True))
    frozen = gc.get_freeze_count()
    heap.settle()
    assert not thawed and ref() is None
    assert gc.get_freeze_count() >= frozen + len(edits) and new


def test_settle_does_not_count_the_frozen_objects(monkeypatch) -> None:
    """Counting them walks every one (105 ms at 15,000 resources on CPython 3.11): a settle
    after each pause in editing must not."""
    with heap.bulk_build():
        kept = [[i] for i in range(heap.LARGE_BUILD + 1000)]

    def counted() -> int:
        raise AssertionError("gc.get_freeze_count walks the whole frozen design")

    monkeypatch.setattr(gc, "get_freeze_count", counted)
    with heap.bulk_build():
        again = [[i] for i in range(heap.LARGE_BUILD + 1000)]
    heap.settle()
    heap.settle()
    assert kept and again


def test_settle_does_nothing_when_nothing_was_frozen() -> None:
    old = _Node()
    ref = weakref.ref(old)
    del old
    gc.disable()
    try:
        heap.settle()
        assert ref() is not None  # no collection ran
    finally:
        gc.enable()
    gc.collect()
    assert ref() is None


def test_full_passes_are_held_for_the_work_after_an_open_then_what_it_built_is_frozen() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    heap.hold_full_passes()
    heap.hold_full_passes()  # (held once: released by one release)
    try:
        assert gc.get_threshold()[:2] == before[:2]  # the young generations still collected
        assert gc.get_threshold()[2] > 1000 * before[2]
        built = [[i] for i in range(1000)]  # long-lived containers the work builds
    finally:
        heap.release_full_passes()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() >= frozen + len(built)
    heap.release_full_passes()  # nothing held: nothing happens
    assert gc.get_threshold() == before
    gc.unfreeze()


def test_a_new_build_ends_a_hold_the_design_it_replaces_left() -> None:
    before = gc.get_threshold()
    heap.hold_full_passes()  # a big design opened; another is opened before its work ends
    with heap.bulk_build():
        pass
    assert gc.get_threshold() == before
