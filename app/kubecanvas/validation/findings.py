"""Findings: what the validator says about a document, and the fixes it can offer.

A finding names one rule (a stable id such as `service.selector.no-match`), a severity, a message
that says what is wrong and how to fix it, the resource and field involved, and, when a mechanical
fix exists, that fix as a reversible edit the editor applies with one click and the CLI prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from kubecanvas.model.record import field, record
from kubecanvas.model.references import format_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text

if TYPE_CHECKING:
    from kubecanvas.model.edits import Edit


class RuleId(str):
    """A rule's stable id ('service.selector.no-match'); declared once, as a module constant
    beside the checks that report it (see `rule`)."""

    __slots__ = ()


class Severity(StrEnum):
    """error: `kubectl apply` would reject it; warning: accepted but breaks or misbehaves at run
    time; info: advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@record(frozen=True)
class Ask:
    """The value a fix needs from the user (a CPU request, the port a probe checks).

    Attributes:
        prompt: what to ask, in both languages.
        suggestion: the value offered first (a declared container port, a common request).
        make_edit: builds the edit from the value the user gave.
    """

    prompt: str
    suggestion: str
    make_edit: Callable[[str], Edit] = field(compare=False, repr=False)


@record(frozen=True)
class Fix:
    """A mechanical fix: a description in words and a factory for the edit that performs it.

    The edit is built on demand, from the document as it is then. A fix with `ask` needs a value only the user knows: the editor asks for it (offering the
    suggestion), and `edit()` without a value uses the suggestion.
    """

    description: str
    make_edit: Callable[[], Edit] = field(compare=False, repr=False)
    ask: Ask | None = field(default=None, compare=False, repr=False)

    def edit(self, value: str | None = None) -> Edit:
        if self.ask is not None and value is not None:
            return self.ask.make_edit(value)
        return self.make_edit()


@record(frozen=True)
class Finding:
    """One problem a rule found: on which resource and field, how bad, and how to fix it."""

    rule: str
    severity: Severity
    message: str
    resource_id: str | None
    path: tuple[str | int, ...] = ()
    related: tuple[str, ...] = ()
    fix: Fix | None = None

    @property
    def field(self) -> str:
        return format_path(self.path)

    def sort_key(self) -> tuple[Any, ...]:
        return (-self.severity.rank, self.rule, self.resource_id or "", self.field, self.message)


def resource_ref(res: Resource | None) -> dict[str, str]:
    """The JSON shape that names a resource in findings."""
    if res is None:
        return {"apiVersion": "", "kind": "", "namespace": "", "name": ""}
    return {"apiVersion": res.api_version, "kind": res.kind, "namespace": res.namespace,
            "name": res.name}


def worst(findings: Sequence[Finding]) -> Severity | None:
    if not findings:
        return None
    return max((f.severity for f in findings), key=lambda s: s.rank)


def unsupported_value(value: object, supported: str) -> Text:
    """The API server's enum error, 'unsupported value "x": supported values: a, b', in both
    languages (the values stay as written)."""
    return Text(f'unsupported value "{value}": supported values: {supported}',
                f'지원하지 않는 값 "{value}"입니다. 지원하는 값: {supported}')


def invalid_value(value: object, why: str) -> Text:
    """'invalid value "x": <the API server's reason>', the reason kept as written."""
    return Text(f'invalid value "{value}": {why}', f'잘못된 값 "{value}": {why}')


def duplicate_value(value: object) -> Text:
    return Text(f'duplicate value "{value}"', f'중복된 값 "{value}"')
