"""When a CronJob fires: its next run times, in its time zone, and what overlapping runs do.

The syntax check is the validator's (`cron_errors`, robfig/cron's ParseStandard rules); this
module only expands a schedule that passed it into sets of minutes, hours, days, months and
weekdays and walks the calendar. Day-of-month and day-of-week follow robfig/cron v3 (the
CronJob controller's parser, `dayMatches`): when both are restricted a day matching either one
fires; when one is unrestricted (`*`, `?` or `*/1`) both must match, which leaves only the other.
A step such as `*/2` restricts its field (unlike Vixie cron, which treats it like `*`). Times are
computed in `spec.timeZone` (UTC when unset) and reported both there and in UTC. A local time
skipped by a daylight-saving change never fires; a repeated one fires once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_mapping
from kubecanvas.teaching.text import Text
from kubecanvas.validation.rules_meta import cron_errors

_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_NAMES = {3: ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
          4: ("sun", "mon", "tue", "wed", "thu", "fri", "sat")}
_DESCRIPTORS = {"@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
                "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *",
                "@hourly": "0 * * * *"}
_EVERY = re.compile(r"^@every ([0-9]+(?:\.[0-9]+)?)(ns|us|ms|s|m|h)$")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
#: How far ahead to look before concluding a schedule (like 0 0 30 2 *) never fires.
_HORIZON_DAYS = 366 * 8


class ScheduleError(ValueError):
    """The schedule or time zone cannot be evaluated; the message says why."""


@dataclass(frozen=True)
class Schedule:
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]  # 0 = Sunday
    dom_star: bool
    dow_star: bool

    def day_matches(self, day: date) -> bool:
        if day.month not in self.months:
            return False
        dom = day.day in self.days
        dow = (day.isoweekday() % 7) in self.weekdays
        if self.dom_star or self.dow_star:
            return dom and dow
        return dom or dow


def _value(text: str, index: int) -> int:
    names = _NAMES.get(index, ())
    if text.lower() in names:
        return names.index(text.lower()) + (1 if index == 3 else 0)
    return int(text)


def _expand(field: str, index: int) -> tuple[frozenset[int], bool]:
    low, high = _RANGES[index]
    values: set[int] = set()
    star = False
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        # robfig/cron v3 getRange: `*` or `?` sets the star bit, a step above 1 clears it, so
        # `*/2` is a restriction while `*` and `*/1` are not; a list ORs its parts' bits.
        star = star or (base in ("*", "?") and step <= 1)
        if step <= 0:
            raise ScheduleError(Text(f"step must be positive in {part!r}",
                                     f"{part!r}의 간격(step)은 양수여야 합니다"))
        if base in ("*", "?"):
            start, end = low, high
        elif "-" in base:
            first, last = base.split("-", 1)
            start, end = _value(first, index), _value(last, index)
        else:
            start = _value(base, index)
            end = high if step_text else start
        values.update(range(start, end + 1, step))
    if index == 4 and 7 in values:  # robfig accepts 7 for Sunday in ranges like 5-7
        values.add(0)
    return frozenset(v for v in values if low <= v <= high), star


#: The validator's schedule errors (robfig/cron's wording) and their Korean.
_CRON_KO = (
    (re.compile(r"^cannot use TZ or CRON_TZ in schedule, use timeZone field instead$"),
     "schedule에는 TZ나 CRON_TZ를 쓸 수 없습니다. 대신 timeZone 필드를 쓰세요"),
    (re.compile(r"^unrecognized descriptor: (.*)$"), r"알 수 없는 디스크립터입니다: \1"),
    (re.compile(r"^expected exactly 5 fields, found (\d+): (.*)$"),
     r"필드가 정확히 5개여야 하는데 \1개입니다: \2"),
    (re.compile(r"^failed to parse int from (.*)$"), r"정수로 해석할 수 없습니다: \1"),
    (re.compile(r"^failed to parse (.*)$"), r"해석할 수 없습니다: \1"),
    (re.compile(r"^(.*) out of range \[(\d+), (\d+)\]$"), r"\1: 허용 범위 [\2, \3] 밖입니다"),
)


def korean_cron_error(message: str) -> str:
    """One of `cron_errors`' messages in Korean (a Korean lead-in for a wording not known)."""
    for pattern, korean in _CRON_KO:
        if pattern.match(message):
            return pattern.sub(korean, message)
    return f"일정(schedule) 오류: {message}"


def parse_schedule(text: str) -> Schedule:
    """Expand a 5-field schedule or a descriptor (@daily...) into sets of values."""
    errors = cron_errors(text)
    if errors:
        raise ScheduleError(Text("; ".join(errors), "; ".join(map(korean_cron_error, errors))))
    text = _DESCRIPTORS.get(text.strip(), text.strip())
    fields = text.split()
    parts = [_expand(f, i) for i, f in enumerate(fields)]
    return Schedule(parts[0][0], parts[1][0], parts[2][0], parts[3][0], parts[4][0],
                    parts[2][1], parts[4][1])


def _local_times(schedule: Schedule, start: datetime) -> Iterator[datetime]:
    """Naive local times matching `schedule`, strictly after naive `start`, in order."""
    day = start.date()
    for _ in range(_HORIZON_DAYS):
        if schedule.day_matches(day):
            for hour in sorted(schedule.hours):
                for minute in sorted(schedule.minutes):
                    moment = datetime(day.year, day.month, day.day, hour, minute)
                    if moment > start:
                        yield moment
        day += timedelta(days=1)


def next_runs(schedule_text: str, start: datetime, time_zone: str | None = None,
              count: int = 5) -> list[datetime]:
    """The next `count` run times strictly after `start`, as aware datetimes in the zone.

    Raises:
        ScheduleError: invalid schedule or unknown time zone.
    """
    try:
        zone = ZoneInfo(time_zone) if time_zone else UTC
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(Text(f"unknown time zone {time_zone!r}",
                                 f"알 수 없는 시간대(timeZone)입니다: {time_zone!r}")) from exc
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    every = _EVERY.match(schedule_text.strip())
    if every:
        seconds = float(every.group(1)) * _UNIT_SECONDS[every.group(2)]
        step = timedelta(seconds=max(1, round(seconds)))
        return [(start + step * (i + 1)).astimezone(zone) for i in range(count)]
    schedule = parse_schedule(schedule_text)
    local_start = start.astimezone(zone).replace(tzinfo=None)
    out: list[datetime] = []
    for naive in _local_times(schedule, local_start):
        aware = naive.replace(tzinfo=zone)
        if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
            continue  # skipped by a daylight-saving jump
        if out and aware.astimezone(UTC) <= out[-1].astimezone(UTC):
            continue
        out.append(aware)
        if len(out) == count:
            break
    return out


_CONCURRENCY = {
    "Allow": Text("Allow (the default): a new run starts even while the previous one is still "
                  "running, so runs can overlap.",
                  "Allow(기본값): 이전 실행이 아직 진행 중이어도 새 실행이 시작되므로, 실행이 "
                  "겹칠 수 있습니다."),
    "Forbid": Text("Forbid: while a run is still going, the next scheduled run is skipped.",
                   "Forbid: 실행이 아직 진행 중이면 다음 예정된 실행은 건너뜁니다."),
    "Replace": Text("Replace: a still-running Job is deleted and the new run takes its place.",
                    "Replace: 아직 실행 중인 잡을 삭제하고 새 실행이 그 자리를 대신합니다."),
}


@dataclass(frozen=True)
class CronJobSimulation:
    """The next runs of a CronJob; `concurrency`, `notes` and `error` are `Text` sentences."""

    cronjob: str
    schedule: str
    time_zone: str
    runs: tuple[datetime, ...]
    runs_utc: tuple[datetime, ...]
    job_names: tuple[str, ...]
    concurrency: str
    notes: tuple[str, ...]
    error: str | None = None


def simulate_cronjob(doc: Document, cronjob_id: str, start: datetime,
                     count: int = 5) -> CronJobSimulation:
    """The next `count` runs after `start`, the Job names they create and the overlap policy.

    Job names are `<cronjob>-<minutes since the epoch of the scheduled time>`, as the CronJob
    controller makes them.
    """
    res = doc.get(cronjob_id)
    spec = res.spec
    schedule = str(spec.get("schedule") or "")
    zone = str(spec.get("timeZone") or "") or None
    policy = str(spec.get("concurrencyPolicy") or "Allow")
    notes = []
    if spec.get("suspend") is True:
        notes.append(Text("suspend is true: no run starts until it is set back to false.",
                          "suspend가 true입니다: 다시 false로 바꿀 때까지 어떤 실행도 시작되지 "
                          "않습니다."))
    deadline = spec.get("startingDeadlineSeconds")
    if isinstance(deadline, int):
        notes.append(Text(f"A run that cannot start within {deadline}s of its time is skipped.",
                          f"예정 시각부터 {deadline}초 안에 시작하지 못한 실행은 건너뜁니다."))
    history = as_mapping(spec)
    kept_ok = history.get("successfulJobsHistoryLimit", 3)
    kept_failed = history.get("failedJobsHistoryLimit", 1)
    notes.append(Text(f"Kept afterwards: {kept_ok} successful and {kept_failed} failed Job(s).",
                      f"끝난 뒤 남겨 두는 잡: 성공 {kept_ok}개, 실패 {kept_failed}개."))
    concurrency = _CONCURRENCY.get(policy) or Text(
        f"{policy}: not a valid concurrencyPolicy.",
        f"{policy}: 올바른 concurrencyPolicy 값이 아닙니다.")
    try:
        runs = next_runs(schedule, start, zone, count)
    except ScheduleError as exc:
        given = exc.args[0] if exc.args else ""
        error = given if isinstance(given, Text) else Text(
            str(exc), f"일정(schedule)을 계산할 수 없습니다: {exc}")
        return CronJobSimulation(cronjob_id, schedule, zone or "UTC", (), (), (), concurrency,
                                 tuple(notes), error)
    utc = tuple(r.astimezone(UTC) for r in runs)
    names = tuple(f"{res.name}-{int(r.timestamp() // 60)}" for r in utc)
    return CronJobSimulation(cronjob_id, schedule, zone or "UTC", tuple(runs), utc, names,
                             concurrency, tuple(notes))
