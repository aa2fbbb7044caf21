"""Benchmark (not a test): the validator against plain YAML parsing and kubernetes-validate.

Run: `python -m tests.validation.bench_validator [N]` from the repository root. Prints, for a
generated N-resource document (default 5,000): `yaml.load_all(CSafeLoader)` of the text, a full
validation (graph + every rule), its schema part alone, kubernetes_validate.validate per document
on a sample (extrapolated), the median incremental re-check after one edit, and the corpus.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
import warnings
from pathlib import Path

import yaml
from tests.bench.generate import generate_yaml

from kubecanvas.model.document import Document
from kubecanvas.model.edits import SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.validation.engine import Validator, validate_document
from kubecanvas.validation.schema import schemas_for
from kubecanvas.validation.versions import default_kube_version


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main(n: int) -> None:
    text = generate_yaml(n, seed=1)
    t_yaml = _time(lambda: list(yaml.load_all(text, Loader=yaml.CSafeLoader)))
    manifests = [m for m in yaml.load_all(text, Loader=yaml.CSafeLoader) if m]
    document = Document([Resource(m) for m in manifests])
    version = default_kube_version()
    schemas = schemas_for(version)
    for m in manifests:  # compile every schema once, as a long-lived process would
        schemas.validate(m)
    t_full = _time(lambda: validate_document(document))
    t_schema = _time(lambda: [schemas.validate(m) for m in manifests])
    import kubernetes_validate

    sample = manifests[:: max(1, len(manifests) // 200)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        for m in sample:
            with contextlib.suppress(Exception):  # only the time matters here
                kubernetes_validate.validate(m, version, strict=True)
        t_kv = (time.perf_counter() - start) / len(sample) * len(manifests)
    graph = WiringGraph(document)
    validator = Validator(document, graph)
    deployments = document.by_kind("Deployment")
    times = []
    for i, res in enumerate(deployments[:200]):
        start = time.perf_counter()
        SetField(res.id, ("spec", "template", "metadata", "labels", "rev"), str(i)).apply(document)
        times.append(time.perf_counter() - start)
    print(f"resources                 {len(manifests)}")
    print(f"yaml.load_all(CSafeLoader) {t_yaml * 1000:8.1f} ms")
    print(f"full validation           {t_full * 1000:8.1f} ms  ({t_full / t_yaml:.2f}x yaml)")
    print(f"  schema part             {t_schema * 1000:8.1f} ms")
    print(f"kubernetes_validate (est) {t_kv * 1000:8.1f} ms  ({t_kv / t_schema:.0f}x schema part)")
    print(f"one edit + re-check median {statistics.median(times) * 1000:7.2f} ms "
          f"(max {max(times) * 1000:.1f} ms, {len(validator.last_checked)} resources re-checked)")
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
    if corpus.is_dir():
        from kubecanvas.io.yaml_in import load_paths

        loaded = load_paths([corpus]).resources
        doc = Document(loaded)
        t_corpus = _time(lambda: validate_document(doc))
        print(f"corpus ({len(loaded)} resources, one document) {t_corpus * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
