"""What a rule is: a stable id, a severity, a one-line summary and the check that reports it.

Each rules module declares the ids it reports as `RuleId` constants and lists its own `RULES`;
`registry` joins them. `RuleId` (defined beside `Finding`, which carries one) is a `str` subclass
so that the type checker refuses a bare string where a rule id belongs
(`ctx.report("service.selector.no-mach", ...)` does not type-check), and so that the registry can
find every id a module declares and refuse one that is not registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kubecanvas.model.record import record
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, RuleId, Severity
from kubecanvas.validation.profiles import DEFAULT

__all__ = ["E", "INFO", "W", "Check", "Rule", "RuleId"]

Check = Callable[[Context], Iterable[Finding]]

#: Short names for the severities, as the rules modules' `RULES` tables use them.
E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@record(frozen=True)
class Rule:
    """One registered rule; `function` is None for the ids the engine reports itself."""

    id: RuleId
    severity: Severity
    summary: str
    function: Check | None
    #: the profile that turns the rule on (see validation.profiles).
    profile: str = DEFAULT
    #: a kubernetes.io page and why the rule matters, for rules that declare their own.
    url: str = ""
    why: str = ""
