"""Independent work spread over processes, for `kubecanvas validate --jobs N`.

Python runs one thread of Python code at a time, so using a second core takes a second process.
A validation check reads the document without changing it: the checks split cleanly. The
workers are forked (Linux), so they start with the parent's memory, the document and wiring
graph included, and only the findings travel back, pickled. Where fork is not the platform's
safe default (macOS, Windows) everything runs in this process. (Parsing in workers was tried and
dropped in session 12: sending the parsed documents back and making them again here cost about
what the workers saved.)

Lives in the model so that validation can use it; stdlib only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

def can_fork() -> bool:
    """True where workers are forked (Linux; `multiprocessing` is imported only to fork)."""
    return sys.platform.startswith("linux")


def map_from_both_ends(function: Callable[[int], R], count: int, jobs: int) -> list[R]:
    """`[function(number) for number in range(count)]` with this process taking numbers from the
    front and `jobs - 1` forked workers taking them from the back, one at a time, until they meet.

    For work whose neighbouring items share what they compute (the checks of a validation read
    the same indexes, built once per process): each process runs one run of neighbours, and
    where the runs meet depends on how fast each went, so neither waits for the other with work
    left (a fixed half each left the worker idle for a second of a 50,000-resource check).
    Workers send their results back once, at the end. A worker that fails (raises, dies, sends
    what does not unpickle) is dropped and this process runs what it had taken: the results are
    the same, only later.
    """
    if jobs <= 1 or count <= 1 or not can_fork():
        return [function(number) for number in range(count)]
    import multiprocessing  # 20 ms of imports, paid only when there is work to share

    context = multiprocessing.get_context("fork")
    lock = context.Lock()
    ends = context.RawArray("i", [0, count])  # the next number from the front; one past the last
    workers = []
    for _ in range(min(jobs, count) - 1):
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_from_the_back, args=(function, lock, ends, sender),
                                 daemon=True)
        worker.start()
        sender.close()
        workers.append((worker, receiver))
    results: dict[int, R] = {}
    while True:
        with lock:
            number = ends[0]
            if number >= ends[1]:
                break
            ends[0] = number + 1
        results[number] = function(number)
    for worker, receiver in workers:
        try:
            found = receiver.recv()
        except Exception:  # noqa: BLE001 - a failed worker's share is done here (docstring)
            found = None
        results.update(found or {})
        receiver.close()
        worker.join()
    return [results[number] if number in results else function(number)
            for number in range(count)]


def _from_the_back(function: Callable[[int], R], lock: Any, ends: Any, sender: Any) -> None:
    """A worker of `map_from_both_ends`: its results by number, or None when one raised."""
    done: dict[int, R] | None = {}
    try:
        while True:
            with lock:
                number = ends[1] - 1
                if number < ends[0]:
                    break
                ends[1] = number
            done[number] = function(number)  # type: ignore[index]
    except Exception:  # noqa: BLE001 - this process runs the worker's share instead
        done = None
    try:
        sender.send(done)
    except Exception:  # noqa: BLE001 - a result that does not pickle: this process makes it
        sender.send(None)
    sender.close()
