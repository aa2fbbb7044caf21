"""Keeping Python's cyclic garbage collector out of the way while a large design is built.

Opening 5,000 resources builds hundreds of thousands of long-lived container objects
(manifests, graph, findings, canvas items). CPython's collector counts allocations and walks the
young objects every few hundred, then walks them again as they are promoted; at that size its
passes were 0.5 s of a 3.2 s open, spent re-proving that a freshly read manifest is still alive.
Little of what an open builds is garbage, so the collector is paused for the build and what was
built is frozen (moved where later passes do not walk it). `settle` runs once the design is on
screen: it thaws everything, collects what the previous design left behind (its cycles too), and
freezes the rest again, so editing afterwards never pays for walking the whole design.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: container objects built (about 1,000 resources) from which freezing pays; a smaller design
#: is left to the ordinary collector, whose passes over it cost nothing noticeable
LARGE_BUILD = 50_000
#: whether this module froze anything (`settle` has work only then), whether a large build is
#: frozen, and whether the latest large build replaced one (`settle` then thaws everything
#: once). Flags, not `gc.get_freeze_count()`: on CPython 3.11 that counts the frozen objects
#: one by one, 105 ms at 15,000 resources, which made each settle after an edit a pause.
_frozen = False
_large = False
_replaced = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector while reading, as it was after: reading builds trees of new
    containers that all stay alive, which each of its passes walked again (at 15,000 resources
    half of `load_paths`, which grew 3.8x for 3x the documents; paused, 3.3x)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def bulk_build() -> Iterator[None]:
    """Pause the collector while building; when a large amount was built, freeze it (even on
    error: what exists is long-lived either way)."""
    global _frozen, _large, _replaced  # noqa: PLW0603 - one collector, one record of it
    release_full_passes()  # the design whose work held them is being replaced
    with collector_paused():
        try:
            yield
        finally:
            # with the collector paused the youngest generation's count only grows: it is
            # (about) the number of container objects built
            if gc.get_count()[0] >= LARGE_BUILD:
                _replaced, _large, _frozen = _large, True, True
                gc.freeze()


def settle() -> None:
    """After a large build is shown: collect the garbage a replaced design left (its cycles
    too) and freeze what is alive. Does nothing when nothing was frozen.

    Only a large design replaced (one an earlier build froze) is worth thawing everything
    for: that walk of the whole heap held the window 1.3 s at 15,000 resources, 1.5 s after
    it first showed the design, when a person starts to pan. After the first large build,
    only what was made since is collected; the cycles of the small design it replaced (the
    start design) stay frozen, a few thousand objects once.

    The editor also settles when it is idle after edits: what editing built since the last
    freeze is collected once and frozen, in a turn nobody waits on. Left to the collector's
    own full passes, it was walked again and again while the edits went on: passes of 15 to
    50 ms at 15,000 resources, each in whatever turn the allocations ended in (an autosave
    slice measured 20-40 ms)."""
    global _replaced  # noqa: PLW0603 - one collector, one record of what it holds
    if not _frozen:
        return
    if _replaced:
        gc.unfreeze()
        _replaced = False  # collected now: later settles walk only what was made since
    gc.collect()
    gc.freeze()


#: the collector's thresholds while full passes are held (`hold_full_passes`), else None
_thresholds: tuple[int, int, int] | None = None
#: the oldest generation's threshold meanwhile: in effect, no full pass
_HELD_THRESHOLD = 1_000_000


def hold_full_passes() -> None:
    """No pass over the oldest generation until `release_full_passes`: for the work a large
    design's opening leaves for after its first paint (its hard wires routed between events,
    the overview built ahead), which builds long-lived objects the design was frozen without.
    Each full pass walked all of them again: six pauses of up to 44 ms at 15,000 resources,
    while a person starts to pan. The young generations are still collected."""
    global _thresholds  # noqa: PLW0603 - one collector
    if _thresholds is None:
        _thresholds = gc.get_threshold()
        gc.set_threshold(_thresholds[0], _thresholds[1], _HELD_THRESHOLD)


def release_full_passes() -> None:
    """That work is done: what it built is frozen with the rest, and full passes resume."""
    global _thresholds, _frozen  # noqa: PLW0603
    if _thresholds is None:
        return
    gc.set_threshold(*_thresholds)
    _thresholds = None
    _frozen = True
    gc.freeze()


#: What the running command built, held until the process ends (`hold_until_exit`); None
#: unless the launcher ends the process without tear-down once the command is done.
_held: list[object] | None = None


def end_without_teardown() -> None:
    """Say that this process ends with the command now running, without Python's tear-down
    (`__main__`): from now on `hold_until_exit` holds what it is given."""
    global _held  # noqa: PLW0603 - one process, one ending
    _held = []


def hold_until_exit(*built: object) -> None:
    """Keep what a command built alive until the process ends, when it ends without tear-down.

    Freeing a validated design object by object as the command returned (its manifests, the
    wiring graph and its indexes) was 1 % of the instructions of a `kubecanvas validate` of
    5,000 resources, and more of its time at 50,000 (it walks the whole heap), for a process
    about to end. In a process that goes on (tests calling `main`), nothing is held."""
    if _held is not None:
        _held.extend(built)
