"""The Problems panel's rows followed step by step from the validator's sorted findings.

After an edit the validator replaces the findings of a handful of resources, and its sorted list
writes that down as a step (`FindingOrder.since`). Comparing the panel's rows before and after
the edit instead (`finding_changes`) walked every finding, and sorting them by severity walked
them again: about 4,600 findings at 15,000 resources, the largest part of an edit's cost that
grew with the design (session 9's profile). Here a step is applied to the rows in the order the
panel shows them, by binary search: the cost is the findings the edit changed times the
logarithm of the rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Any

from kubecanvas.ui.panels.problem_rows import by_severity, finding_changes, row_changes
from kubecanvas.validation.finding_order import FindingOrder, Key, Mark, Step
from kubecanvas.validation.findings import Finding, Severity

#: A change of rows as `row_changes` gives it: (tag, i1, i2, j1, j2), never "equal".
Change = tuple[str, int, int, int, int]
#: Step by step, the rows after it and the changes that made them.
Steps = list[tuple[list[Finding], list[Change]]]
#: The panel shows the most severe findings first (`by_severity`).
SEVERITY_PLACE = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class RowOrder:
    """The order of the panel's rows as a key: severity, then the findings that come before
    the validator's (the load problems, in their order), then the validator's own order.

    Args:
        order: the validator's sorted findings, whose steps the rows follow.
        first: the findings shown before the validator's (the same objects every time).
    """

    def __init__(self, order: FindingOrder, first: Sequence[Finding]) -> None:
        self.order = order
        self.first = list(first)  # held, so that their ids stay theirs
        self._first_at = {id(f): at for at, f in enumerate(self.first)}

    def holds(self, order: FindingOrder | None, first: Sequence[Finding]) -> bool:
        """True when rows of (`order`, `first`) can follow this order's steps."""
        return order is self.order and len(first) == len(self.first) and all(
            a is b for a, b in zip(first, self.first, strict=True))

    def key(self, finding: Finding, known: dict[int, Key]) -> tuple[Any, ...]:
        """`finding`'s place among the rows; `known` holds the validator keys of findings the
        validator no longer holds as they were sorted (they left it in these steps)."""
        place = SEVERITY_PLACE[finding.severity]
        at = self._first_at.get(id(finding))
        if at is not None:
            return (place, 0, at)
        key = known.get(id(finding))
        return (place, 1, key if key is not None else self.order.key_of(finding))


class FollowedRows:
    """The panel's (ungrouped) findings, most severe first, kept by the steps of the
    validator's order: where they and the rows on screen (which may wait, `ProblemsPanel`)
    stand in those steps, and how many there are of each severity.

    Args:
        row_key: what a row shows of a finding (rows with the same key are left alone).
    """

    def __init__(self, row_key: Callable[[Finding], object]) -> None:
        self.row_key = row_key
        self.findings: list[Finding] = []
        self.counts: dict[str, int] = {}  # findings by severity
        self.order: RowOrder | None = None  # the findings follow its steps
        self.mark: Mark | None = None  # where `findings` stand in its steps
        self.shown_mark: Mark | None = None  # where the rows on screen stand (the panel sets)

    def update(self, findings: Sequence[Finding], order: FindingOrder | None, first: int,
               fresh: bool) -> Steps | None:
        """Bring `findings` (and the counts) up to the `findings` given: by the steps of
        `order` when they already follow it and not `fresh` (the rows and changes of each
        step), else sorted by severity again (None)."""
        steps = order.since(self.mark) if order is not None and self.order is not None \
            and not fresh and self.order.holds(order, findings[:first]) else None
        followed = None if steps is None or self.order is None else \
            follow(self.findings, steps, self.order, self.row_key)
        if followed is not None and steps is not None and order is not None:
            if followed:
                self.findings = followed[-1][0]
            self.mark = order.mark()
            for removed, added in steps:
                for _, finding in removed:
                    self.counts[finding.severity.value] -= 1
                for _, finding in added:
                    self.counts[finding.severity.value] = \
                        self.counts.get(finding.severity.value, 0) + 1
            return followed
        # most severe first; the validator's order (the design's) kept within a severity
        parts = by_severity(findings)
        self.findings = [f for part in parts for f in part]  # fresh fix factories
        self.counts = {part[0].severity.value: len(part) for part in parts if part}
        self.order = RowOrder(order, findings[:first]) if order is not None else None
        self.mark = order.mark() if order is not None else None
        self.shown_mark = None  # the rows on screen, if they wait, are compared whole
        return None

    def from_shown(self, shown: list[Finding], rows: Steps | None) -> Steps:
        """The steps that turn the rows on screen (`shown`), which wait, into `findings`: by
        the order's steps since `shown_mark` when `rows` (`update`) followed them too, else
        one step, comparing the two lists."""
        steps = self.order.order.since(self.shown_mark) \
            if rows is not None and self.order is not None else None
        followed = None if steps is None or self.order is None else \
            follow(shown, steps, self.order, self.row_key)
        if followed is not None:
            return followed
        # the rows of the findings an edit handed on unchanged are matched by identity:
        # keying and comparing every row cost 10-20 ms per edit at 15,000 resources
        return [(self.findings, finding_changes(shown, self.findings, self.row_key))]


def follow(rows: Sequence[Finding], steps: Sequence[Step], order: RowOrder,
           row_key: Callable[[Finding], object]
           ) -> Steps | None:
    """For each of `steps`, the `rows` after it and the changes that turn the rows before it
    into those (rows whose `row_key` is the same are left alone); None when a finding a step
    removes is not among the rows (then compare the whole lists)."""
    # a row that a later step removes is keyed as it was sorted, not as its resource is now
    # (renamed, it would sort elsewhere): its key in the first step that removes it
    sorted_as: dict[int, Key] = {}
    for removed, _ in steps:
        for key, finding in removed:
            sorted_as.setdefault(id(finding), key)
    out: Steps = []
    for removed, added in steps:
        done = _one_step(rows, removed, added, order, row_key, sorted_as)
        if done is None:
            return None
        rows = done[0]
        out.append(done)
    return out


def _one_step(rows: Sequence[Finding], removed: Sequence[tuple[Key, Finding]],
              added: Sequence[tuple[Key, Finding]], order: RowOrder,
              row_key: Callable[[Finding], object], sorted_as: dict[int, Key]
              ) -> tuple[list[Finding], list[Change]] | None:
    known = {**sorted_as, **{id(f): key for key, f in removed}}

    def key(finding: Finding) -> tuple[Any, ...]:
        return order.key(finding, known)

    gone = _places(rows, removed, key)
    if gone is None:
        return None
    kept: list[Finding] = []
    start = 0
    for at in gone:
        kept += rows[start:at]
        start = at + 1
    kept += rows[start:]
    for vkey, finding in added:
        place = (SEVERITY_PLACE[finding.severity], 1, vkey)
        kept.insert(bisect.bisect_right(kept, place, key=key), finding)
        known[id(finding)] = vkey
        sorted_as[id(finding)] = vkey  # as it is sorted in the steps after this one
    came = _places(kept, added, key)
    if came is None:
        return None
    return kept, _changes(rows, kept, gone, came, row_key)


def _places(rows: Sequence[Finding], findings: Sequence[tuple[Key, Finding]],
            key: Callable[[Finding], tuple[Any, ...]]) -> list[int] | None:
    """Where each of `findings` is among the sorted `rows`, in row order (None when one is
    not there: the rows do not follow the steps, and are compared whole instead)."""
    places = []
    for _, finding in findings:
        at = _locate(rows, finding, key)
        if at is None:
            return None
        places.append(at)
    places.sort()
    return places


def _locate(rows: Sequence[Finding], finding: Finding,
            key: Callable[[Finding], tuple[Any, ...]]) -> int | None:
    """Where `finding` (this very object) is among the sorted `rows`."""
    place = key(finding)
    at = bisect.bisect_left(rows, place, key=key)
    while at < len(rows) and rows[at] is not finding and key(rows[at]) == place:
        at += 1
    if at < len(rows) and rows[at] is finding:
        return at
    # its key is not the one it was sorted by (its resource was renamed): look it up
    return next((i for i, f in enumerate(rows) if f is finding), None)


def _changes(old: Sequence[Finding], new: Sequence[Finding], gone: Sequence[int],
             came: Sequence[int], row_key: Callable[[Finding], object]) -> list[Change]:
    """The changes from `old` to `new`, which hold the same rows in the same order but for
    `gone` (places in `old`) and `came` (places in `new`): the rows between the same two
    unchanged ones form one gap, compared by `row_changes`."""
    gaps: dict[int, tuple[list[int], list[int]]] = {}
    for n, at in enumerate(gone):  # at - n: how many unchanged rows come before it
        gaps.setdefault(at - n, ([], []))[0].append(at)
    for n, at in enumerate(came):
        gaps.setdefault(at - n, ([], []))[1].append(at)
    out: list[Change] = []
    before_old = before_new = 0
    for unchanged in sorted(gaps):
        olds, news = gaps[unchanged]
        i0, j0 = unchanged + before_old, unchanged + before_new
        i9, j9 = i0 + len(olds), j0 + len(news)
        out += [(tag, i1 + i0, i2 + i0, j1 + j0, j2 + j0) for tag, i1, i2, j1, j2 in row_changes(
            [row_key(f) for f in old[i0:i9]], [row_key(f) for f in new[j0:j9]])]
        before_old += len(olds)
        before_new += len(news)
    return out
