"""Findings output for the command line, with load problems folded in as findings.

A document that could not be read has no resource, so the validator never sees it; yet for a CI
log it is the most important finding of all. Here load problems become findings of their own
(`yaml.parse`, `yaml.duplicate`, ...) with the file, line and column the loader reported, in every
output format, and they count in the summary and the exit code like any other finding.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.record import record
from kubecanvas.validation.findings import Finding, Severity
from kubecanvas.validation.output import (
    help_uri,
    sarif_location,
    to_json_data,
    to_sarif_data,
    to_text,
)


@record(frozen=True)
class LoadFinding:
    """A load problem in the shape of a finding.

    Attributes:
        rule: `yaml.parse` (the document is not YAML), `yaml.document` (YAML but not a Kubernetes
            object), `yaml.duplicate` (the same object defined twice) or `yaml.input` (a file
            that could not be read at all).
        severity: error when the document is left out of the design, else warning.
        message: the loader's reason.
        file: the file as the user named it ('-' for standard input).
        line: 1-based line, or None.
        column: 1-based column, or None.
    """

    rule: str
    severity: Severity
    message: str
    file: str
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        """`file:line:col`, as compilers print it."""
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity.value, "message": self.message,
                "resource": {"apiVersion": "", "kind": "", "namespace": "", "name": ""},
                "file": self.file, "line": self.line, "column": self.column, "field": "",
                "related": [], "fix": None}


def has_errors(findings: Sequence[Finding], problems: Sequence[LoadFinding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings) or any(
        p.severity is Severity.ERROR for p in problems)


def error_count(findings: Sequence[Finding], problems: Sequence[LoadFinding]) -> int:
    return (sum(f.severity is Severity.ERROR for f in findings)
            + sum(p.severity is Severity.ERROR for p in problems))


def _merge_summary(summary: dict[str, Any], problems: Sequence[LoadFinding]) -> dict[str, Any]:
    out = dict(summary)
    counts = Counter(p.severity for p in problems)
    out["errors"] = out.get("errors", 0) + counts[Severity.ERROR]
    out["warnings"] = out.get("warnings", 0) + counts[Severity.WARNING]
    out["info"] = out.get("info", 0) + counts[Severity.INFO]
    out["total"] = out.get("total", 0) + len(problems)
    rules = Counter(out.get("rules", {}))
    rules.update(p.rule for p in problems)
    out["rules"] = dict(sorted(rules.items()))
    return out


def to_json(document: Document, findings: Sequence[Finding],
            problems: Sequence[LoadFinding]) -> str:
    data = to_json_data(document, findings)
    data["findings"] = [p.to_json() for p in problems] + data["findings"]
    data["summary"] = _merge_summary(data["summary"], problems)
    return json.dumps(data, indent=2) + "\n"


def to_sarif(document: Document, findings: Sequence[Finding],
             problems: Sequence[LoadFinding]) -> str:
    data = to_sarif_data(document, findings)
    run = data["runs"][0]
    rules: list[dict[str, Any]] = run["tool"]["driver"]["rules"]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for problem in problems:
        if problem.rule not in index:
            index[problem.rule] = len(rules)
            text = "A YAML document could not be loaded as a Kubernetes object"
            rules.append({"id": problem.rule, "name": problem.rule,
                          "shortDescription": {"text": text}, "fullDescription": {"text": text},
                          "helpUri": help_uri(problem.rule),
                          "help": {"text": f"{text} (KubeCanvas rule {problem.rule})"},
                          "defaultConfiguration": {"level": "error"}})
        region: dict[str, int] = {"startLine": max(1, problem.line or 1)}
        if problem.column:
            region["startColumn"] = problem.column
        level = {"error": "error", "warning": "warning"}.get(problem.severity.value, "note")
        results.append({
            "ruleId": problem.rule, "ruleIndex": index[problem.rule], "level": level,
            "message": {"text": problem.message},
            "locations": [sarif_location(problem.file, region)]})
    run["results"] = results + run["results"]
    return json.dumps(data, indent=2) + "\n"


_SUMMARY_LINE = re.compile(r"^\d+ error\(s\), \d+ warning\(s\), \d+ info$")


def to_text_report(document: Document, findings: Sequence[Finding],
                   problems: Sequence[LoadFinding]) -> str:
    """The validator's text report, preceded by the load problems as `file:line:col:` lines."""
    text = to_text(document, findings)
    if not problems:
        return text
    lines = [f"{p.location()}: {p.severity.value} {p.rule}: {p.message}" for p in problems]
    body = text.rstrip("\n").split("\n")
    if body and _SUMMARY_LINE.match(body[-1]):
        body.pop()
    counts = _merge_summary({"errors": sum(f.severity is Severity.ERROR for f in findings),
                             "warnings": sum(f.severity is Severity.WARNING for f in findings),
                             "info": sum(f.severity is Severity.INFO for f in findings)},
                            problems)
    body.append(f"{counts['errors']} error(s), {counts['warnings']} warning(s), "
                f"{counts['info']} info")
    return "\n".join(lines + body) + "\n"


def _position(document: Document, finding: Finding) -> tuple[str, int, int]:
    """(file, line, column) of the finding's field, or of its nearest ancestor the file has."""
    res = document.find(finding.resource_id) if finding.resource_id else None
    origin = res.origin if res is not None else None
    if origin is None:
        return "-", 1, 1
    if origin.lines is not None:
        path = tuple(finding.path)
        while True:
            found = origin.lines(path)
            if found is not None:
                return origin.file, found[0], found[1]
            if not path:
                break
            path = path[:-1]
    return origin.file, origin.line, origin.column


def to_compact(document: Document, findings: Sequence[Finding],
               problems: Sequence[LoadFinding]) -> str:
    """One `file:line:col: severity: message [rule-id]` line per finding, sorted by place, for
    editors and CI problem matchers (no header, no summary: the exit code says the verdict)."""
    rows: list[tuple[str, int, int, str, str, str]] = []
    for p in problems:
        rows.append((p.file, p.line or 1, p.column or 1, p.severity.value, p.message, p.rule))
    for f in findings:
        file, line, column = _position(document, f)
        res = document.find(f.resource_id) if f.resource_id else None
        name = res.label() if res is not None else ""
        field = f" {f.field}" if f.field and name else ""
        message = f"{name}{field}: {f.message}" if name else f.message
        if f.fix is not None:
            message += f" (fix: {f.fix.description})"
        rows.append((file, line, column, f.severity.value, message, f.rule))
    rows.sort()
    return "".join(f"{file}:{line}:{column}: {severity}: {' '.join(message.split())} [{rule}]\n"
                   for file, line, column, severity, message, rule in rows)


def render(document: Document, findings: Sequence[Finding], problems: Sequence[LoadFinding],
           fmt: str) -> str:
    """Findings and load problems in `fmt` (text, compact, json or sarif)."""
    if fmt == "json":
        return to_json(document, findings, problems)
    if fmt == "sarif":
        return to_sarif(document, findings, problems)
    if fmt == "compact":
        return to_compact(document, findings, problems)
    return to_text_report(document, findings, problems)
