"""A full check in blocks of resources (`check_runs.full_check_blocks`) finds, reports by check and
records as dependencies exactly what one run over every resource does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation import check_runs
from kubecanvas.validation.engine import Validator, validate_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


@pytest.fixture(scope="module")
def design() -> Document:
    """A generated design of every kind the generator makes, with its share of mistakes (and
    a larger one, so that most checks find something)."""
    document = Document(load_text(generate_yaml(400, seed=3, broken_share=0.3), "g.yaml")
                        .resources)
    document.settings.profiles = ["hardening"]
    return document


def _signature(findings: list) -> list[tuple[object, ...]]:
    return [(f.rule, f.resource_id, f.field, str(f.message), f.related, f.severity,
             f.fix.description if f.fix else None) for f in findings]


def _state(validator: Validator) -> tuple[object, ...]:
    reported = {rid: [(_signature([f])[0], validator._reported_by.get(id(f))) for f in found]
                for rid, found in validator._by_resource.items()}
    deps = {rid: keys for rid, keys in validator._deps.items() if keys}
    dependents = {key: rids for key, rids in validator._dependents.items() if rids}
    return (_signature(validator.findings), reported, deps, validator._declared, dependents)


def test_blocks_of_three_find_what_one_run_finds(design, monkeypatch) -> None:
    whole = _signature(validate_document(design))
    assert len(whole) > 50
    monkeypatch.setattr(check_runs, "BLOCK", 3)
    assert _signature(validate_document(design)) == whole


def test_the_validator_in_blocks_keeps_what_one_run_keeps(design, monkeypatch) -> None:
    graph = WiringGraph(design, subscribe=False)
    whole = _state(Validator(design, graph, subscribe=False))
    monkeypatch.setattr(check_runs, "BLOCK", 3)
    assert _state(Validator(design, graph, subscribe=False)) == whole
