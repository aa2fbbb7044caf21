"""The benchmark generator makes what it promises: realistic, wired, a little broken, stable."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import yaml

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation import validate_document


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "kubecanvas_bench_generate", Path(__file__).resolve().parent / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _generator()


def test_exact_count_and_every_kind() -> None:
    manifests = generate.generate_manifests(700, seed=1)
    assert len(manifests) == 700
    kinds = Counter(m["kind"] for m in manifests)
    for kind in ("Namespace", "StorageClass", "Deployment", "StatefulSet", "Service", "Ingress",
                 "ConfigMap", "Secret", "PersistentVolumeClaim", "PersistentVolume",
                 "HorizontalPodAutoscaler", "NetworkPolicy"):
        assert kinds[kind] > 0, kind
    assert len({m["metadata"].get("namespace") for m in manifests} - {None}) >= 2


def test_deterministic_per_seed() -> None:
    assert generate.generate_yaml(300, seed=4) == generate.generate_yaml(300, seed=4)
    assert generate.generate_yaml(300, seed=4) != generate.generate_yaml(300, seed=5)


def test_loads_cleanly_and_is_correctly_wired_without_breakage() -> None:
    text = generate.generate_yaml(400, seed=2, broken_share=0.0)
    assert len(list(yaml.safe_load_all(text))) == 400
    result = load_text(text, "generated.yaml")
    assert result.problems == []
    document = Document(result.resources)
    graph = WiringGraph(document, subscribe=False)
    assert not [n for n in graph.graph if graph.is_missing(n)]
    findings = validate_document(document, graph)
    graph_rules = [f for f in findings if f.rule.startswith(("ref.", "service.", "workload."))
                   and not f.rule.startswith("ref.missing.cluster")]
    assert graph_rules == []


def test_broken_share_shows_up_as_findings() -> None:
    manifests = generate.generate_manifests(1100, seed=3, broken_share=0.2)
    document = Document(load_text(yaml.safe_dump_all(manifests), "g.yaml").resources)
    findings = validate_document(document)
    broken = {f.resource_id for f in findings
              if f.rule in ("ref.missing", "service.selector.no-match",
                            "workload.selector.template-mismatch")}
    apps = sum(1 for m in manifests if m["kind"] in ("Deployment", "StatefulSet"))
    assert 0.05 * apps < len(broken) < 0.5 * apps
