"""`model.parallel.map_from_both_ends`: the results of one process, in order, whatever the workers
do (issue 18)."""

from __future__ import annotations

import os
import time

import pytest

from kubecanvas.model.parallel import can_fork, map_from_both_ends

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")

PARENT = os.getpid()


def _slow_here() -> None:
    """Leave the workers something to take (this process would otherwise finish the few items
    of a test before a worker has started)."""
    if os.getpid() == PARENT:
        time.sleep(0.005)


def _square(number: int) -> tuple[int, bool]:
    _slow_here()
    return number * number, os.getpid() == PARENT


def _fails_in_a_worker(number: int) -> int:
    _slow_here()
    if os.getpid() != PARENT:
        raise RuntimeError("a worker trips")
    return number + 1


def _dies_in_a_worker(number: int) -> int:
    _slow_here()
    if os.getpid() != PARENT:
        os._exit(3)  # as a worker killed by the system ends, without a word
    return number + 1


def _unsendable_from_a_worker(number: int) -> object:
    _slow_here()
    return (lambda: number) if os.getpid() != PARENT else number


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_the_results_are_in_order_with_any_number_of_jobs(jobs: int) -> None:
    results = map_from_both_ends(_square, 40, jobs)
    assert [value for value, _ in results] == [n * n for n in range(40)]
    here = [number for number, (_, mine) in enumerate(results) if mine]
    # this process takes a run from the front; the workers the rest, from the back
    assert here == list(range(len(here)))
    if jobs == 1:
        assert len(here) == 40


@pytest.mark.parametrize("work", [_fails_in_a_worker, _dies_in_a_worker])
def test_what_a_failed_worker_took_is_done_here(work: object) -> None:
    assert map_from_both_ends(work, 30, 2) == [n + 1 for n in range(30)]  # type: ignore[arg-type]


def test_a_result_a_worker_cannot_send_is_made_here() -> None:
    assert map_from_both_ends(_unsendable_from_a_worker, 12, 2) == list(range(12))


def test_nothing_or_one_item_runs_here() -> None:
    assert map_from_both_ends(_square, 0, 2) == []
    assert map_from_both_ends(_square, 1, 2) == [(0, True)]
