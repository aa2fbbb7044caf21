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


def test_the_slices_of_one_turn_share_its_budget(qtbot) -> None:
    """Every due timer fires in the same turn: the jobs running at once after a big design
    opens split one slice's budget between them, by the slices of the turn before."""
    from kubecanvas.ui.slices import _Turns

    turns = _Turns()
    turns._awake()  # noqa: SLF001 - the event loop wakes up (its dispatcher's `awake`)
    assert turns.share() == 1  # alone so far
    assert turns.share() == 2  # a second job in the same turn: half
    turns._awake()  # noqa: SLF001
    assert [turns.share(), turns.share()] == [2, 2]  # both again: each half from the start
    turns._awake()  # noqa: SLF001
    assert turns.share() == 2  # one of them ended: this turn still split as the last
    turns._awake()  # noqa: SLF001
    assert turns.share() == 1  # the turn before held one slice
    turns._awake()  # noqa: SLF001
    turns._awake()  # noqa: SLF001 - a turn with no slice (input, painting)
    assert turns.share() == 1
    woken = turns.turn
    qtbot.wait(20)  # the real event loop turns: its dispatcher's `awake` is followed
    assert turns.turn > woken
