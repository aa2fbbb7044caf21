"""Work done between events, a slice per event-loop turn.

Work that would hold the window past a frame (the overview following an edit, wires routed after
a drop, What Happens reading a newly opened design) is written as a generator that yields
between steps; its owner's single-shot timer calls `run_slice` once per event-loop turn, so
input and painting come in between."""

from __future__ import annotations

import time
from collections.abc import Iterator


def run_slice(job: Iterator[None], seconds: float) -> bool:
    """Take steps of `job` until `seconds` of this process's CPU time are spent (at least one
    step, however busy the machine); True when the job has ended. CPU time rather than wall
    time: on a shared machine, waiting for a core is not work the window did."""
    until = time.process_time() + seconds
    return all(time.process_time() < until for _ in job)
