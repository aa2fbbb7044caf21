"""Deployment rollouts, StatefulSets and CronJobs (Jobs: test_jobs.py) against hand-worked expectations."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.teaching.cluster import SAFE_ALPHABET
from kubecanvas.teaching.cron import ScheduleError, next_runs, simulate_cronjob
from kubecanvas.teaching.workloads import (
    recreate,
    resolve_int_or_percent,
    rolling_update,
    simulate_deployment,
    simulate_statefulset,
)

from .helpers import build, deployment, rid


def states(plan) -> list[tuple[int, int, int]]:
    return [(s.old_ready, s.new_ready, s.new_starting) for s in plan.steps]


def test_rolling_update_of_four_with_the_defaults_worked_by_hand() -> None:
    # 25% of 4 = 1 surge (rounded up) and 1 unavailable (rounded down): each round creates one
    # new pod and deletes one old one (4 available before, 3 old + 0 new ready after), then the
    # new pod becomes ready.
    plan = rolling_update(4)
    assert (plan.max_surge, plan.max_unavailable) == (1, 1)
    assert states(plan) == [(3, 0, 1), (3, 1, 0), (2, 1, 1), (2, 2, 0), (1, 2, 1), (1, 3, 0),
                            (0, 3, 1), (0, 4, 0)]
    assert plan.steps[0].action == "Create 1 new pod(s) and delete 1 old pod(s)"


def test_rolling_update_of_ten_worked_by_hand() -> None:
    # surge ceil(2.5) = 3, unavailable floor(2.5) = 2: at most 13 pods, at least 8 available.
    # round 1: +3 new (13 total), -2 old (8 available); ready -> old 8, new 3
    # round 2: +2 new (13), -3 old (8 + 3 - 8); ready -> old 5, new 5
    # round 3: +3 new, -2 old; ready -> old 3, new 8
    # round 4: +2 new, -3 old; ready -> old 0, new 10
    plan = rolling_update(10, "25%", "25%")
    assert (plan.max_surge, plan.max_unavailable) == (3, 2)
    assert states(plan) == [(8, 0, 3), (8, 3, 0), (5, 3, 2), (5, 5, 0), (3, 5, 3), (3, 8, 0),
                            (0, 8, 2), (0, 10, 0)]


def test_max_unavailable_zero_never_drops_below_the_replica_count() -> None:
    plan = rolling_update(3, 1, 0)
    assert states(plan) == [(3, 0, 1), (3, 1, 0), (2, 1, 0), (2, 1, 1), (2, 2, 0), (1, 2, 0),
                            (1, 2, 1), (1, 3, 0), (0, 3, 0)]
    assert min(s.available for s in plan.steps) == 3


@pytest.mark.parametrize(("value", "total", "up", "expected"), [
    ("30%", 5, True, 2), ("30%", 5, False, 1), ("25%", 3, True, 1), ("25%", 3, False, 0),
    (2, 10, True, 2), ("100%", 4, False, 4), (None, 8, True, 2), ("junk", 8, False, 2),
])
def test_percentages_round_like_kubernetes(value, total, up, expected) -> None:
    assert resolve_int_or_percent(value, total, up, "25%") == expected


def test_both_zero_falls_back_to_one_unavailable_and_recreate_has_an_outage() -> None:
    plan = rolling_update(2, 0, 0)
    assert plan.max_unavailable == 1 and states(plan)[-1] == (0, 2, 0)
    assert any("allows 1 unavailable" in n for n in plan.notes)
    outage = recreate(3)
    assert states(outage) == [(0, 0, 0), (0, 0, 3), (0, 3, 0)]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.one_of(st.integers(0, 10), st.sampled_from(["0%", "25%", "50%"])),
       st.one_of(st.integers(0, 10), st.sampled_from(["0%", "25%", "100%"])))
def test_a_rollout_respects_its_bounds_and_finishes(total, surge, unavailable) -> None:
    plan = rolling_update(total, surge, unavailable)
    for step in plan.steps:
        assert step.total <= total + plan.max_surge
        assert step.available >= total - plan.max_unavailable
    assert (plan.steps[-1].old_ready, plan.steps[-1].new_ready) == (0, total) if total else True


def test_deployment_simulation_names_the_replicaset_after_the_template_hash() -> None:
    doc, graph = build(deployment("web", replicas=2))
    sim = simulate_deployment(doc, graph, rid(doc, "Deployment", "web"))
    assert re.fullmatch(rf"web-[{SAFE_ALPHABET}]{{10}}", sim.replica_set)
    assert all(p.name.startswith(sim.replica_set + "-") for p in sim.pods)
    assert all(p.labels["pod-template-hash"] == sim.pod_template_hash for p in sim.pods)
    assert sim.next_replica_set != sim.replica_set
    changed, graph2 = build(deployment("web", replicas=2).replace("nginx:1.27", "nginx:1.28"))
    assert simulate_deployment(changed, graph2, rid(changed, "Deployment", "web")
                               ).replica_set != sim.replica_set


STS = """
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
"""


def test_statefulset_pods_names_claims_and_order() -> None:
    doc, graph = build(STS)
    sim = simulate_statefulset(doc, graph, rid(doc, "StatefulSet", "db"))
    assert [(p.name, p.dns_name, p.claims) for p in sim.pods] == [
        ("db-0", "db-0.db.default.svc.cluster.local", ("data-db-0",)),
        ("db-1", "db-1.db.default.svc.cluster.local", ("data-db-1",)),
        ("db-2", "db-2.db.default.svc.cluster.local", ("data-db-2",))]
    assert sim.create_order == (("db-0",), ("db-1",), ("db-2",))
    assert sim.delete_order == ("db-2", "db-1", "db-0")
    assert sim.headless and sim.service == rid(doc, "Service", "db")
    assert len(sim.highlight.edges) == 4  # governs + three creates


def test_parallel_statefulset_with_a_start_ordinal_and_no_headless_service() -> None:
    text = STS.replace("clusterIP: None, ", "").replace(
        "serviceName: db", "serviceName: db\n  podManagementPolicy: Parallel\n"
                           "  ordinals: {start: 5}")
    doc, graph = build(text)
    sim = simulate_statefulset(doc, graph, rid(doc, "StatefulSet", "db"))
    assert [p.name for p in sim.pods] == ["db-5", "db-6", "db-7"]
    assert [p.claims for p in sim.pods] == [("data-db-5",), ("data-db-6",), ("data-db-7",)]
    assert sim.create_order == (("db-5", "db-6", "db-7"),)
    assert all(p.dns_name is None for p in sim.pods)
    assert any("no DNS names" in n for n in sim.notes)


def test_next_runs_in_a_time_zone_worked_by_hand() -> None:
    # 2026-11-26 00:00 UTC is 09:00 in Seoul (UTC+9, no DST): the next 02:30 KST is the 27th,
    # which is 2026-11-26 17:30 UTC.
    runs = next_runs("30 2 * * *", datetime(2026, 11, 26, tzinfo=UTC), "Asia/Seoul")
    assert [r.astimezone(UTC) for r in runs] == [
        datetime(2026, 11, day, 17, 30, tzinfo=UTC) for day in range(26, 31)]
    assert runs[0].tzinfo == ZoneInfo("Asia/Seoul")


def test_next_runs_weekdays_ranges_steps_and_or_of_days() -> None:
    start = datetime(2026, 11, 27, 16, 50, tzinfo=UTC)  # a Friday
    assert [r.strftime("%a %H:%M") for r in next_runs("*/15 9-17 * * MON-FRI", start)] == [
        "Fri 17:00", "Fri 17:15", "Fri 17:30", "Fri 17:45", "Mon 09:00"]
    # day of month and day of week both restricted: either one fires (13th or a Friday)
    days = [r.date().isoformat() for r in next_runs("0 0 13 * 5", datetime(2026, 11, 1,
                                                                          tzinfo=UTC))]
    assert days == ["2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27", "2026-12-04"]
    assert [r.year for r in next_runs("@yearly", start, count=2)] == [2027, 2028]
    assert next_runs("0 0 29 2 *", start, count=2)[1].year == 2032


def test_a_time_skipped_by_daylight_saving_never_fires() -> None:
    # Berlin springs forward on 2026-03-29 from 02:00 to 03:00: 02:30 does not exist that day.
    runs = next_runs("30 2 * * *", datetime(2026, 3, 28, 12, tzinfo=UTC), "Europe/Berlin", 2)
    assert [r.day for r in runs] == [30, 31]


def test_bad_schedules_and_zones_are_reported() -> None:
    with pytest.raises(ScheduleError, match="25 out of range"):
        next_runs("0 25 * * *", datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(ScheduleError, match="unknown time zone"):
        next_runs("0 1 * * *", datetime(2026, 1, 1, tzinfo=UTC), "Mars/Olympus")


def test_cronjob_simulation_names_jobs_and_explains_concurrency() -> None:
    doc, _ = build("""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Forbid
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: r, image: busybox}]
        """)
    sim = simulate_cronjob(doc, rid(doc, "CronJob", "nightly"), datetime(2026, 11, 26,
                                                                         tzinfo=UTC))
    first = datetime(2026, 11, 26, 3, tzinfo=UTC)
    assert sim.runs_utc[0] == first and sim.time_zone == "UTC"
    assert sim.job_names[0] == f"nightly-{int(first.timestamp() // 60)}"
    assert sim.concurrency.startswith("Forbid")
    later = simulate_cronjob(doc, rid(doc, "CronJob", "nightly"), first.replace(year=2027))
    assert later.error is None and later.runs_utc[0] == datetime(2027, 11, 27, 3, tzinfo=UTC)


def test_a_step_in_a_day_field_is_a_restriction_as_in_robfig_cron() -> None:
    """robfig/cron v3, parser.go `getRange`: `*` sets the star bit and a step > 1 clears it;
    spec.go `dayMatches`: once neither day field carries the star bit, a day matching either
    field fires. Kubernetes' CronJob controller parses schedules with robfig/cron v3
    (kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax)."""
    start = datetime(2026, 11, 1, tzinfo=UTC)  # a Sunday
    # */2 in day of month (1st, 3rd, 5th ...) OR Monday (weekday 1)
    days = [r.date().isoformat() for r in next_runs("0 0 */2 * 1", start, count=6)]
    assert days == ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-07", "2026-11-09",
                    "2026-11-11"]
    # with */1 (still the star bit) only Mondays count, as with *
    mondays = [r.date().isoformat() for r in next_runs("0 0 */1 * 1", start, count=2)]
    assert mondays == ["2026-11-02", "2026-11-09"]
    assert mondays == [r.date().isoformat() for r in next_runs("0 0 * * 1", start, count=2)]
