"""A learner's progress: kept per learner and step, exported as JSON and CSV, resettable."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kubecanvas.teaching.progress_store import ProgressError, ProgressStore


def test_tries_and_completion_are_kept_per_learner(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    store.record_try("kim", "jobs", "restart-policy", False, "2026-12-02T01:00:00+00:00")
    store.record_try("kim", "jobs", "restart-policy", True, "2026-12-02T01:02:00+00:00")
    store.record_try("kim", "jobs", "restart-policy", True, "2026-12-02T01:05:00+00:00")
    store.record_try("lee", "jobs", "restart-policy", False, "2026-12-02T01:03:00+00:00")
    again = ProgressStore(tmp_path / "progress.json")  # read back from disk
    kim = again.step("kim", "jobs", "restart-policy")
    assert kim is not None and (kim.tries, kim.done) == (2, True)
    assert kim.first_try_at.endswith("01:00:00+00:00") and kim.done_at.endswith("01:02:00+00:00")
    lee = again.step("lee", "jobs", "restart-policy")
    assert lee is not None and (lee.tries, lee.done) == (1, False)


def test_export_as_json_and_csv(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    store.record_try("kim", "jobs", "parallel", True, "2026-12-02T01:00:00+00:00")
    store.record_try("kim", "deployments", "scale", False, "2026-12-02T01:01:00+00:00")
    store.export(tmp_path / "class.json")
    data = json.loads((tmp_path / "class.json").read_text(encoding="utf-8"))
    assert data["learners"]["kim"]["jobs"]["parallel"]["tries"] == 1
    store.export(tmp_path / "class.csv")
    with (tmp_path / "class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["lesson"], r["step"], r["done"], r["tries"]) for r in rows] == [
        ("deployments", "scale", "False", "1"), ("jobs", "parallel", "True", "1")]


def test_a_learner_resets_one_lesson_or_everything(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.json")
    store.record_try("kim", "jobs", "parallel", True)
    store.record_try("kim", "deployments", "scale", True)
    store.record_try("lee", "jobs", "parallel", True)
    store.reset("kim", "jobs")
    assert store.step("kim", "jobs", "parallel") is None
    assert store.step("kim", "deployments", "scale") is not None
    store.reset("kim")
    assert [r["learner"] for r in ProgressStore(tmp_path / "progress.json").rows()] == ["lee"]


def test_a_damaged_file_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProgressError, match="progress.json"):
        ProgressStore(path)
