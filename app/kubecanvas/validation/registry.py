"""Every rule the validator knows: each rules module's own `RULES`, joined in one tuple.

A `Rule` gives a stable id, its severity, a one-line summary (the help text in SARIF and in the
editor) and the check function that reports it. One check function may report several closely
related rule ids (the schema check reports `schema.type`, `schema.required`, ...); it is listed once
per id and run once per validation.

A rules module declares the ids it reports as `RuleId` constants beside its checks, so a check and
its registration share one spelling. The join below refuses, at import, an id registered twice and
an id a module declares but does not register; the type checker refuses a bare string passed as a
rule id, and `tests/validation/test_registry.py` holds every module to this. An id that still
slips through (built at run time) raises in `Context.report`, and the engine turns that, like any
crash of a check, into an `internal.rule-crashed` finding (see `crash`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from types import ModuleType

from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.validation import (
    hardening,
    rules_access,
    rules_affinity,
    rules_claims,
    rules_clashes,
    rules_config,
    rules_containers,
    rules_controllers,
    rules_fields,
    rules_graph,
    rules_jobs,
    rules_keys,
    rules_meta,
    rules_network,
    rules_objects,
    rules_pod,
    rules_pod_volumes,
    rules_scheduling,
    rules_schema,
    rules_storage,
    rules_traffic,
    rules_usage,
    rules_volumes,
    rules_wiring,
    rules_workloads,
    schema,
)
from kubecanvas.validation.context import DependencyKey
from kubecanvas.validation.crash import ENGINE_RULES
from kubecanvas.validation.findings import Severity
from kubecanvas.validation.hardening import pss
from kubecanvas.validation.profiles import DEFAULT
from kubecanvas.validation.rule import Check, Rule, RuleId

#: The rules modules, in the order their rules are listed (schema first, the wiring graph and
#: the modules that declare hardening and default rules of their own last).
RULE_MODULES: tuple[ModuleType, ...] = (
    rules_schema, rules_meta, rules_pod, rules_pod_volumes, rules_scheduling, rules_affinity,
    rules_jobs, rules_workloads, rules_objects, rules_config, rules_network, rules_volumes,
    rules_containers, rules_controllers, rules_claims, rules_fields, rules_wiring, rules_clashes,
    rules_storage, rules_access, rules_traffic, rules_keys, rules_usage, rules_graph, hardening,
)
#: Every module that declares rule ids: the rules modules (the hardening package through its
#: own modules) and those that declare ids registered elsewhere (the schema checker's findings,
#: the Pod Security Standards checks the security rules register).
ID_MODULES: tuple[ModuleType, ...] = (
    *(m for m in RULE_MODULES if m is not hardening), *hardening.MODULES, schema, pss,
)

RULES: tuple[Rule, ...] = tuple(rule for module in RULE_MODULES for rule in module.RULES)

#: Dependency keys an edit reaches through a value a rules module works out from many resources
#: (`rules_storage.volume_fit_changes`: what the PVs say of each shape of unbound claim): each
#: takes the wiring graph and the changed resources as they were and are, and returns the keys
#: whose value changed, so that the verdicts reading them are re-checked and no others.
DERIVED_KEYS: tuple[Callable[[WiringGraph, Iterable[Resource]], set[DependencyKey]], ...] = tuple(
    derive for module in RULE_MODULES for derive in getattr(module, "DERIVED_KEYS", ()))

#: Every id a finding may carry: the rules above and the engine's own (`crash`).
RULES_BY_ID: Mapping[str, Rule] = {rule.id: rule for rule in (*RULES, *ENGINE_RULES)}
SEVERITIES: Mapping[str, Severity] = {rule.id: rule.severity for rule in RULES_BY_ID.values()}
PROFILE_OF: Mapping[str, str] = {rule.id: rule.profile for rule in RULES_BY_ID.values()}


def checks(profiles: Iterable[str] = (DEFAULT,)) -> list[Check]:
    """The distinct check functions of the rules in `profiles`, in registration order."""
    wanted = set(profiles)
    seen: list[Check] = []
    for rule in RULES:
        if rule.profile in wanted and rule.function is not None and rule.function not in seen:
            seen.append(rule.function)
    return seen


def declared_ids(module: ModuleType) -> dict[str, RuleId]:
    """The `RuleId` constants a module declares (constant name -> id)."""
    return {name: value for name, value in vars(module).items()
            if isinstance(value, RuleId) and name.isupper()}


def check_registry(rules: tuple[Rule, ...], modules: Iterable[ModuleType]) -> None:
    """Refuse an id registered twice, or declared by one of `modules` but not registered.

    Raises:
        RuntimeError: naming the ids (at import: a broken registry never validates anything).
    """
    ids = [rule.id for rule in rules]
    registered = set(ids)
    if len(registered) < len(ids):  # (`ids.count` per id made this 3 ms of every start)
        duplicates = sorted(i for i, count in Counter(ids).items() if count > 1)
        raise RuntimeError(f"rule ids registered twice: {duplicates}")
    for module in modules:
        unregistered = sorted(set(declared_ids(module).values()) - registered)
        if unregistered:
            raise RuntimeError(f"{module.__name__} declares rule ids it does not register: "
                               f"{unregistered}")


check_registry((*RULES, *ENGINE_RULES), ID_MODULES)
