"""A learner's progress through the lessons, kept on disk and exported for the teacher.

Each learner has a record per lesson step: when the learner first worked on it, how many tries
it took (every check of the step while it was the current one counts, the passing one
included) and when it was done. The lessons panel records a try each time the open design
changes; a teacher collects the files as JSON (everything) or CSV (one row per learner and
step, for a spreadsheet); a learner can reset a lesson or everything.

The store is one JSON file (`progress.json` in the application's data folder by default), written
atomically (a temporary file, then a rename) so a crash never leaves half a file. A file that
cannot be read is reported with its path and kept aside, never silently overwritten.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FORMAT = 1
CSV_COLUMNS = ("learner", "lesson", "step", "done", "done_at", "tries", "first_try_at")


class ProgressError(ValueError):
    """The progress file cannot be read or written; the message names the file."""


@dataclass
class StepRecord:
    """What one learner did on one step (times are ISO 8601, UTC)."""

    tries: int = 0
    first_try_at: str = ""
    done_at: str = ""

    @property
    def done(self) -> bool:
        return bool(self.done_at)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class ProgressStore:
    """Progress of every learner on this machine, by learner, lesson id and step id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[str, dict[str, dict[str, StepRecord]]] = {}
        if path.exists():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            learners = data["learners"]
            self.records = {
                str(learner): {str(lesson): {str(step): StepRecord(
                    int(rec.get("tries", 0)), str(rec.get("first_try_at", "")),
                    str(rec.get("done_at", ""))) for step, rec in steps.items()}
                    for lesson, steps in lessons.items()}
                for learner, lessons in learners.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ProgressError(f"{self.path}: cannot read the progress file ({exc}); move it "
                                "away to start afresh") from exc

    def record_try(self, learner: str, lesson: str, step: str, passed: bool,
                   when: str | None = None) -> StepRecord:
        """Count one check of `step` while it is the learner's current step; a passing check
        marks it done (later checks of a done step are not counted)."""
        record = self.records.setdefault(learner, {}).setdefault(lesson, {}).setdefault(
            step, StepRecord())
        if record.done:
            return record
        moment = when or _now()
        record.tries += 1
        record.first_try_at = record.first_try_at or moment
        if passed:
            record.done_at = moment
        self.save()
        return record

    def step(self, learner: str, lesson: str, step: str) -> StepRecord | None:
        return self.records.get(learner, {}).get(lesson, {}).get(step)

    def reset(self, learner: str, lesson: str | None = None) -> None:
        """Forget the learner's progress on one lesson, or on all of them."""
        if lesson is None:
            self.records.pop(learner, None)
        else:
            self.records.get(learner, {}).pop(lesson, None)
        self.save()

    def rows(self) -> Iterator[dict[str, Any]]:
        """One row per learner and step, sorted, as the CSV has them."""
        for learner in sorted(self.records):
            for lesson in sorted(self.records[learner]):
                for step, record in sorted(self.records[learner][lesson].items()):
                    yield {"learner": learner, "lesson": lesson, "step": step,
                           "done": record.done, "done_at": record.done_at,
                           "tries": record.tries, "first_try_at": record.first_try_at}

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "learners": {
            learner: {lesson: {step: asdict(rec) for step, rec in sorted(steps.items())}
                      for lesson, steps in sorted(lessons.items())}
            for learner, lessons in sorted(self.records.items())}}

    def save(self) -> None:
        _write_atomically(self.path, json.dumps(self.to_json(), indent=2, ensure_ascii=False))

    def export(self, target: Path) -> None:
        """Write the progress to `target`: CSV when it ends in .csv, JSON otherwise."""
        if target.suffix.lower() == ".csv":
            out = _CsvText()
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows())
            _write_atomically(target, out.text)
        else:
            _write_atomically(target, json.dumps(self.to_json(), indent=2, ensure_ascii=False))


class _CsvText:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise ProgressError(f"{path}: cannot write ({exc.strerror or exc})") from exc
