"""`validate_document(jobs=N)`: the checks shared out over processes give the findings of one
process, also when a worker fails (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.parallel import can_fork
from kubecanvas.validation import engine, parallel
from kubecanvas.validation.findings import Finding

pytestmark = pytest.mark.skipif(not can_fork(), reason="workers are forked on Linux only")


def _shape(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(f.rule, f.severity, str(f.message), f.resource_id, f.field, f.related,
             None if f.fix is None else str(f.fix.description)) for f in findings]


@pytest.fixture
def design(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Document:
    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)  # share out even a small design's checks
    return Document(load_paths([corpus]).resources)


@pytest.mark.parametrize("jobs", [2, 3])
def test_the_findings_are_those_of_one_process(design: Document, jobs: int) -> None:
    graph = WiringGraph(design, subscribe=False)
    one = engine.validate_document(design, graph, jobs=1)
    assert len(one) > 100
    assert _shape(engine.validate_document(design, graph, jobs=jobs)) == _shape(one)


@pytest.mark.parametrize("how", ["raises", "dies"])
def test_a_failed_worker_changes_no_finding(design: Document, how: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    graph = WiringGraph(design, subscribe=False)
    one = engine.validate_document(design, graph, jobs=1)
    here, real = os.getpid(), parallel._run_check

    def failing(number: int) -> list[Finding]:
        if os.getpid() != here:
            if how == "dies":
                os._exit(1)
            raise MemoryError("a worker runs out")
        return real(number)

    monkeypatch.setattr(parallel, "_run_check", failing)
    assert _shape(engine.validate_document(design, graph, jobs=2)) == _shape(one)
