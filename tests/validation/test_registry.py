"""The registry: every id a rules module can report is registered, and a crashing check is loud."""

from __future__ import annotations

import ast
import functools
import inspect
import types
from collections.abc import Iterator

import pytest

from kubecanvas.model.edits import SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation import check_runs, engine, runner
from kubecanvas.validation.context import Context
from kubecanvas.validation.crash import RULE_CRASHED
from kubecanvas.validation.engine import Validator, validate_document
from kubecanvas.validation.findings import Finding, Severity
from kubecanvas.validation.registry import (
    ID_MODULES,
    RULE_MODULES,
    RULES,
    RULES_BY_ID,
    check_registry,
    declared_ids,
)
from kubecanvas.validation.rule import Rule, RuleId

from .docs import deployment, doc, service


def _name(module: types.ModuleType) -> str:
    return module.__name__.removeprefix("kubecanvas.validation.")


@functools.cache
def _tree(module: types.ModuleType) -> ast.Module:
    return ast.parse(inspect.getsource(module))


@functools.cache
def _rule_id_parameters() -> dict[str, tuple[int, str]]:
    """Function name -> (position, name) of its parameter annotated `RuleId`, over every module
    that declares ids (methods counted without `self`), plus the two records that hold an id."""
    found = {"Rule": (0, "id"), "Declared": (0, "id"), "SchemaError": (0, "rule")}
    for module in ID_MODULES:
        for node in ast.walk(_tree(module)):
            if not isinstance(node, ast.FunctionDef):
                continue
            args = [a for a in node.args.args if a.arg not in ("self", "cls")]
            for i, arg in enumerate(args):
                if isinstance(arg.annotation, ast.Name) and arg.annotation.id == "RuleId":
                    found[node.name] = (i, arg.arg)
    found["report"] = (0, "rule")   # Context.report, and the per-pod helpers' report
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


@pytest.mark.parametrize("module", ID_MODULES, ids=_name)
def test_every_declared_id_is_registered(module: types.ModuleType) -> None:
    assert declared_ids(module), "a module that reports rules declares their ids"
    assert set(declared_ids(module).values()) <= set(RULES_BY_ID)


def test_every_registered_rule_is_declared_by_a_module() -> None:
    declared = {rule_id for module in ID_MODULES for rule_id in declared_ids(module).values()}
    assert {rule.id for rule in RULES} == declared
    assert all(isinstance(rule.id, RuleId) for rule in RULES)


@pytest.mark.parametrize("module", RULE_MODULES, ids=_name)
def test_a_module_registers_only_its_own_checks(module: types.ModuleType) -> None:
    assert module.RULES
    owners = {rule.function.__module__ for rule in module.RULES if rule.function}
    assert all(owner.startswith(module.__name__) for owner in owners)


@pytest.mark.parametrize("module", ID_MODULES, ids=_name)
def test_ids_are_never_spelled_inline(module: types.ModuleType) -> None:
    """A rule id is written once, as a module constant: no call passes a string literal or an
    f-string where a `RuleId` belongs (a typo there is an id nobody registered), and no `RuleId`
    is made anywhere but at module level."""
    taking = _rule_id_parameters()
    tree = _tree(module)
    top_level = {id(node.value) for node in tree.body if isinstance(node, ast.Assign)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name == "RuleId":
            assert id(node) in top_level, f"line {node.lineno}: RuleId made inside code"
            continue
        if name not in taking:
            continue
        position, keyword = taking[name]
        given = [k.value for k in node.keywords if k.arg == keyword]
        if len(node.args) > position:
            given.append(node.args[position])
        for arg in given:
            assert not isinstance(arg, (ast.Constant, ast.JoinedStr, ast.BinOp)), \
                f"{module.__name__} line {node.lineno}: a rule id spelled inline"


def test_registry_refuses_an_undeclared_or_repeated_id() -> None:
    stray = types.ModuleType("kubecanvas.validation.rules_stray")
    stray.SERVICE_SELECTOR_NO_MACH = RuleId("service.selector.no-mach")  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="no-mach"):
        check_registry(RULES, (stray,))
    with pytest.raises(RuntimeError, match="registered twice"):
        check_registry((*RULES, RULES[0]), ())


def test_the_engine_reports_its_own_id_with_a_severity() -> None:
    assert RULES_BY_ID[RULE_CRASHED].severity is Severity.ERROR
    assert RULE_CRASHED not in {rule.id for rule in RULES}  # no Kubernetes rule, no lesson


# --- a check that crashes, or reports an id nobody registered, becomes a finding ---------------
def _crashes_on_web(ctx: Context) -> Iterator[Finding]:
    for res in ctx.targets("Deployment"):
        if res.name == "web":
            raise TypeError("port is a list")
    return iter(())


def _misspelled(ctx: Context) -> Iterator[Finding]:
    for res in ctx.targets("Service"):
        yield ctx.report(RuleId("service.selector.no-mach"), res, "matches nothing")  # type: ignore[arg-type]


@pytest.fixture
def only(monkeypatch: pytest.MonkeyPatch):
    """Run `check` alone, registered as the rule `rule_id`."""
    def install(check, rule_id: str = "service.selector.no-match") -> None:
        rule = Rule(RuleId(rule_id), Severity.WARNING, "test", check)
        monkeypatch.setattr(engine, "checks", lambda profiles=(): [check])
        monkeypatch.setattr(check_runs, "checks", lambda profiles=(): [check])
        monkeypatch.setattr(runner, "RULES", (rule,))
    return install


def test_a_crashing_check_names_itself_and_the_resource(only) -> None:
    only(_crashes_on_web)
    d = doc(deployment("web"), deployment("api"))
    [finding] = validate_document(d)
    web = next(r for r in d if r.name == "web")
    assert finding.rule == RULE_CRASHED and finding.severity is Severity.ERROR
    assert finding.resource_id == web.id
    assert "test_registry._crashes_on_web" in finding.message
    assert "service.selector.no-match" in finding.message and "port is a list" in finding.message
    assert "_crashes_on_web" in finding.message.ko


def test_an_unregistered_id_is_reported_not_dropped(only) -> None:
    only(_misspelled)
    d = doc(deployment("web"), service("web", {"app": "web"}))
    [finding] = validate_document(d)
    assert finding.rule == RULE_CRASHED
    assert "no-mach" in finding.message
    assert finding.resource_id == d.by_kind("Service")[0].id


def test_the_live_validator_keeps_crash_findings_current(only) -> None:
    """The incremental path (the editor's) reports the crash too, and drops it once the
    resource no longer trips the check."""
    only(_crashes_on_web)
    d = doc(deployment("web"), deployment("api"))
    validator = Validator(d, WiringGraph(d))
    web = next(r for r in d if r.name == "web")
    assert [(f.rule, f.resource_id) for f in validator.findings] == [(RULE_CRASHED, web.id)]
    SetField(web.id, ("metadata", "name"), "front").apply(d)
    assert validator.findings == []
    SetField(web.id, ("metadata", "name"), "web").apply(d)
    assert [(f.rule, f.resource_id) for f in validator.findings] == [(RULE_CRASHED, web.id)]
