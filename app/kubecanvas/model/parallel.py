"""Independent work spread over processes, for `kubecanvas validate --jobs N`.

Python runs one thread of Python code at a time, so using a second core takes a second process.
Loading parses each YAML document on its own and a validation check reads the document without
changing it: both split cleanly. The workers are forked (Linux), so they start with the parent's
memory, the document and wiring graph included, and only the results travel back, pickled. Where
fork is not the platform's safe default (macOS, Windows) everything runs in this process.

Lives in the model because both io (parsing) and validation (checks) use it; stdlib only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: What the forked workers call (and what makes the form a result is sent in): set just before
#: the pool forks, read by `_call`.
_WORK: list[Callable[[Any], Any]] = []


def can_fork() -> bool:
    """True where workers are forked (Linux; `multiprocessing` is imported only to fork)."""
    return sys.platform.startswith("linux")


def map_in_processes(function: Callable[[T], R], items: Sequence[T], jobs: int,
                     share_here: bool = False,
                     send: Callable[[R], Any] | None = None) -> list[Any]:
    """`[function(item) for item in items]`, the items shared out over `jobs` processes.

    The results come back in the order of `items`, whatever order the workers finish in, so
    the outcome is the same as with one job. Each item goes to whichever worker is free (one at
    a time), which balances items of very different cost. With `share_here`, this process
    takes the first `1/jobs` of the items itself while `jobs - 1` workers take the rest: for
    results that are large to send back (parsed documents), where this process would otherwise
    only wait and then unpickle. With `send`, a worker sends `send(result)` instead of its
    result (a form cheaper to pickle), and the caller turns those back; the results this
    process makes itself are returned as they are. With one job, one item, or no fork,
    everything runs here.
    """
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        return [function(item) for item in items]
    here = len(items) // jobs if share_here else 0
    workers = min(jobs - 1 if share_here else jobs, len(items) - here)
    import multiprocessing  # 20 ms of imports, paid only when there is work to share

    _WORK[:] = [function] if send is None else [function, send]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            there = pool.map_async(_call, items[here:], chunksize=1)
            mine = [function(item) for item in items[:here]]
            return mine + there.get()
    finally:
        _WORK.clear()


def _call(item: Any) -> Any:
    result = _WORK[0](item)
    return result if len(_WORK) == 1 else _WORK[1](result)
