"""The Job simulation against the Job controller's documented behaviour (issue #14, points 1, 6)."""

from __future__ import annotations

import re

from kubecanvas.teaching.jobs import (
    JOB_BACKOFF_CAP,
    KUBELET_BACKOFF_CAP,
    simulate_job,
    timeline,
)

from .helpers import build, rid


def job(spec: str, restart: str = "Never") -> str:
    return f"""
apiVersion: batch/v1
kind: Job
metadata: {{name: work}}
spec:
  {spec}
  template:
    spec:
      restartPolicy: {restart}
      containers: [{{name: w, image: busybox}}]
"""


def _sim(spec: str, restart: str = "Never"):
    doc, _ = build(job(spec, restart))
    return simulate_job(doc, rid(doc, "Job", "work"))


def test_a_finished_pod_is_replaced_at_once_there_are_no_waves() -> None:
    """kubernetes.io/docs/concepts/workloads/controllers/job/#controlling-parallelism: the
    controller keeps `min(parallelism, completions - succeeded)` pods active (manageJob), so a
    new pod starts the moment one succeeds, not when a whole batch has finished."""
    sim = _sim("completions: 6\n  parallelism: 2")
    runs = sim.timeline
    assert len(runs) == 6 and sim.max_active == 2
    ends = sorted(r.end for r in runs)
    for later in runs[2:]:  # every pod after the first two starts exactly when one ended
        assert later.start in ends
    # the first replacement starts when the *first* pod ends, while the second is still running
    first_end = min(r.end for r in runs[:2])
    assert runs[2].start == first_end < max(r.end for r in runs[:2])
    assert any("at once" in e for e in sim.events) and "Complete" in sim.events[-1]
    assert not any("wave" in n.lower() and "no waves" not in n for n in sim.notes)


def test_the_tail_runs_fewer_pods_than_parallelism() -> None:
    """Job docs, "Controlling parallelism": the actual parallelism may be less than requested
    when fewer successes remain than `parallelism`; indexes are each run once (Indexed)."""
    runs = timeline("work", 5, 3, indexed=True)
    assert sorted(r.index for r in runs) == [0, 1, 2, 3, 4]
    last_start = max(r.start for r in runs)
    assert sum(r.start <= last_start < r.end for r in runs) <= 3


def test_work_queue_job_starts_parallelism_pods_and_no_more() -> None:
    """Job docs, "Parallel execution for Jobs", work queue: no completions; once any pod
    succeeds no new pods are created."""
    sim = _sim("parallelism: 3")
    assert sim.completions is None and len(sim.timeline) == 3
    assert {r.start for r in sim.timeline} == {0}


def test_on_failure_fails_the_job_when_restart_counts_reach_backoff_limit() -> None:
    """kubernetes.io/docs/concepts/workloads/controllers/job/#pod-backoff-failure-policy: with
    restartPolicy OnFailure the retries counted are the container restarts of the Job's
    Pending/Running pods; the Job fails when they reach backoffLimit
    (`pastBackoffLimitOnFailure`: restarts >= backoffLimit). The restart delay is the kubelet's
    container back-off, 10 s doubling up to 5 minutes
    (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restarts)."""
    sim = _sim("backoffLimit: 3", restart="OnFailure")
    # run 1 fails, restarts 1 and 2 fail again, restart 3 brings the count to 3: Failed
    assert len(sim.retries) == 4
    assert "restart count 3" in sim.retries[-1] and "BackoffLimitExceeded" in sim.retries[-1]
    pods = {re.search(r"pod (work-\w+)", line).group(1) for line in sim.retries}  # type: ignore[union-attr]
    assert len(pods) == 1  # always the same pod
    delays = [int(m.group(1)) for line in sim.retries
              if (m := re.search(r"after a (\d+)s", line, re.I))]
    assert delays == [10, 20, 40]
    long = _sim("backoffLimit: 10", restart="OnFailure")
    delays = [int(m.group(1)) for line in long.retries
              if (m := re.search(r"after a (\d+)s", line, re.I))]
    assert max(delays) == KUBELET_BACKOFF_CAP == 300


def test_on_failure_with_backoff_limit_zero_fails_at_the_first_restart() -> None:
    """`pastBackoffLimitOnFailure`: with backoffLimit 0 any restart fails the Job."""
    sim = _sim("backoffLimit: 0", restart="OnFailure")
    assert len(sim.retries) == 2 and "restart count 1" in sim.retries[-1]


def test_never_creates_a_new_pod_per_failure_until_failures_exceed_the_limit() -> None:
    """Job docs, "Pod backoff failure policy": with Never each failure is a failed pod, the
    controller recreates pods with a back-off of 10 s, 20 s, 40 s ... capped at six minutes, and
    the Job fails once failed pods exceed backoffLimit (backoffLimit + 1 failures)."""
    sim = _sim("backoffLimit: 3")
    pods = {re.search(r"new pod (work-\w+)", line).group(1) for line in sim.retries[:-1]}  # type: ignore[union-attr]
    assert len(pods) == 4 and "4 failed pods" in sim.retries[-1]
    long = _sim("backoffLimit: 12")
    delays = [int(m.group(1)) for line in long.retries
              if (m := re.search(r"after a (\d+)s", line, re.I))]
    assert max(delays) == JOB_BACKOFF_CAP == 360


def test_every_job_sentence_has_its_korean() -> None:
    sim = _sim("completions: 3\n  parallelism: 2\n  backoffLimit: 2", restart="OnFailure")
    for text in (*sim.events, *sim.retries, *sim.notes):
        assert getattr(text, "ko", "") and text.ko != str(text)
