"""Every rule the validator knows, in one explicit tuple.

A `Rule` gives a stable id, its severity, a one-line summary (the help text in SARIF and in the
editor) and the check function that reports it. One check function may report several closely
related rule ids (the schema check reports `schema.type`, `schema.required`, ...); it is listed once
per id and run once per validation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kubecanvas.validation import rules_graph, rules_schema
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, Severity

Check = Callable[[Context], Iterable[Finding]]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    """One registered rule."""

    id: str
    severity: Severity
    summary: str
    function: Check


RULES: tuple[Rule, ...] = (
    # --- schema and API versions --------------------------------------------------------------
    Rule("api.removed", E, "The apiVersion is no longer served by the target Kubernetes version; "
         "the finding names the replacement.", rules_schema.api_versions),
    Rule("api.unknown-version", E, "A built-in kind is written with an apiVersion the target "
         "Kubernetes version does not serve.", rules_schema.api_versions),
    Rule("api.unknown-kind", E, "A built-in API group has no such kind (a typo?).",
         rules_schema.api_versions),
    Rule("schema.required", E, "A field the OpenAPI schema requires is missing.",
         rules_schema.api_versions),
    Rule("schema.unknown-field", E, "A field the OpenAPI schema does not know; strict field "
         "validation rejects it.", rules_schema.schema_violations),
    Rule("schema.type", E, "A field has the wrong JSON type (for example a string where an "
         "integer is expected).", rules_schema.schema_violations),
    Rule("schema.enum", E, "A field has a value outside the schema's enumeration.",
         rules_schema.schema_violations),
    Rule("schema.invalid", E, "A value violates another OpenAPI schema constraint.",
         rules_schema.schema_violations),
    # --- straight from the wiring graph -------------------------------------------------------
    Rule("ref.missing", W, "A reference names a resource that is not in the document.",
         rules_graph.missing_references),
    Rule("ref.missing.optional", INFO, "An optional reference names a resource that is not in the "
         "document.", rules_graph.missing_references),
    Rule("ref.missing.cluster", INFO, "A StorageClass, IngressClass or similar cluster-provided "
         "resource is not in the document.", rules_graph.missing_references),
    Rule("service.selector.no-match", W, "A Service's selector matches no pods in its namespace.",
         rules_graph.service_selects_nothing),
    Rule("workload.selector.template-mismatch", E, "A workload's selector does not match its own "
         "pod template labels.", rules_graph.workload_selector_mismatch),
)

RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in RULES}
SEVERITIES: Mapping[str, Severity] = {rule.id: rule.severity for rule in RULES}


def checks() -> list[Check]:
    """The distinct check functions, in registration order."""
    seen: list[Check] = []
    for rule in RULES:
        if rule.function not in seen:
            seen.append(rule.function)
    return seen


def _check_registry() -> None:
    ids = [rule.id for rule in RULES]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuntimeError(f"rule ids registered twice: {sorted(duplicates)}")


_check_registry()
