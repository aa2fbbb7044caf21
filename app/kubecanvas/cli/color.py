"""Colour for findings on a terminal: severities and rule ids, nothing else.

`--color auto` (the default) colours only when standard output is a terminal and `NO_COLOR` is
not set (https://no-color.org: any non-empty value turns colour off); `always` colours even into
a pipe (CI logs that render ANSI), `never` never does. JSON and SARIF are never coloured.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import TextIO

CHOICES = ("auto", "always", "never")

_RESET = "\033[0m"
_SEVERITY = {"error": "\033[1;31m", "warning": "\033[33m", "info": "\033[36m"}
_RULE = "\033[2m"



@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """The lines to colour, compiled on first use (most runs colour nothing): compact
    (`f:1:2: warning: msg [rule]`), text (`  12:   warning hpa.target.replicas  ...`) and a
    load problem's line."""
    return (re.compile(r"^(.*?: )(error|warning|info)(: .*\[)([^\]\s]+)(\])$"),
            re.compile(r"^(  \S+:\s*)(error|warning|info)(\s+)(\S+)(  )"),
            re.compile(r"^(\S.*?: )(error|warning|info)( )(\S+)(: )"))


def wanted(choice: str, stream: TextIO | None = None) -> bool:
    """Whether to colour output written to `stream` (standard output by default)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _paint(match: re.Match[str]) -> str:
    head, severity, middle, rule, tail = match.groups()
    return (f"{head}{_SEVERITY[severity]}{severity}{_RESET}{middle}"
            f"{_RULE}{rule}{_RESET}{tail}")


def colorize(report: str) -> str:
    """The text or compact report with each finding's severity and rule id coloured."""
    out = []
    for line in report.split("\n"):
        for pattern in _patterns():
            painted, count = pattern.subn(_paint, line, count=1)
            if count:
                line = painted
                break
        out.append(line)
    return "\n".join(out)
