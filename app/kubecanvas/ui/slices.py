"""Work done between events, a slice per event-loop turn.

Work that would hold the window past a frame (the overview following an edit, wires routed after
a drop, What Happens reading a newly opened design) is written as a generator that yields
between steps; its owner's single-shot timer calls `run_slice` once per event-loop turn, so
input and painting come in between.

Several such jobs run at once after a big design opens (its hard wires routed, its overview
built ahead, What Happens warming up), and Qt fires every due timer in the same turn: with a
6 ms slice each, turns of 25 to 40 ms at 15,000 resources, before the painting. So the jobs
share one turn's budget: each takes its share of it, by how many slices the turn before held
(`_Turns`), and a turn with one job is as before.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer


class _Turns:
    """Counts the event loop's turns (the dispatcher's `awake`: the loop woke up to handle
    what came) and the slices each held."""

    def __init__(self) -> None:
        self.turn = 0
        self._dispatcher: QAbstractEventDispatcher | None = None
        self._seen = -1  # the turn the latest slice ran in
        self._now = 0  # slices run in it so far
        self._before = 1  # ... and in the turn before that one

    def share(self) -> int:
        """A slice begins: how many slices share this turn's budget (at least 1)."""
        self._follow()
        if self._dispatcher is None:
            return 1
        if self._seen != self.turn:
            self._before = max(1, self._now) if self._seen == self.turn - 1 else 1
            self._seen, self._now = self.turn, 0
        self._now += 1
        return max(self._before, self._now)

    def _follow(self) -> None:
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not self._dispatcher:
            self._dispatcher = dispatcher
            if dispatcher is not None:
                dispatcher.awake.connect(self._awake)

    def _awake(self) -> None:
        self.turn += 1


_turns = _Turns()


def run_slice(job: Iterator[None], seconds: float) -> bool:
    """Take steps of `job` until its share of `seconds` of this process's CPU time is spent
    (at least one step, however busy the machine); True when the job has ended. CPU time
    rather than wall time: on a shared machine, waiting for a core is not work the window did.
    The share: `seconds` split among the slices of the turn (see the module)."""
    until = time.process_time() + seconds / _turns.share()
    return all(time.process_time() < until for _ in job)


def slice_timer(owner: QObject, step: Callable[[], None]) -> QTimer:
    """The single-shot, zero-interval timer of a job done in slices: `step` runs at the next
    event-loop turn after each `start()` (the step starts it again while work is left)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(step)
    return timer
