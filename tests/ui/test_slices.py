"""`run_slice`: the steps of work done between events, a slice per event-loop turn."""

from __future__ import annotations

from kubecanvas.ui.slices import run_slice


def test_a_slice_takes_at_least_one_step_and_says_when_the_job_ended() -> None:
    taken: list[int] = []

    def job():  # type: ignore[no-untyped-def]
        for step in range(3):
            taken.append(step)
            yield

    steps = job()
    assert run_slice(steps, 0.0) is False and taken == [0]  # no time left: one step still
    assert run_slice(steps, 60.0) is True and taken == [0, 1, 2]  # the rest, and the end
    assert run_slice(iter(()), 0.0) is True  # nothing to do: ended at once
