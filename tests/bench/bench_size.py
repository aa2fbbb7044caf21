"""Benchmark of the headless core at one size, printed as JSON (run by `run_all.py`).

    python tests/bench/bench_size.py SIZE [--repeat 5] [--seed 0]

One size per process, so the process's peak resident memory (`ru_maxrss`) belongs to that size
alone. Every figure sits beside its baseline measured here, in the same process: import against
`yaml.load_all` with libyaml's CSafeLoader, full validation against that parse and against
`kubernetes_validate.validate` per document (timed on a sample, extrapolated to all documents),
export against `yaml.dump_all` with CSafeDumper. Not collected by pytest; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_yaml  # noqa: E402

from kubecanvas.io.heap import bulk_build, settle  # noqa: E402
from kubecanvas.io.project import load_project, save_project  # noqa: E402
from kubecanvas.io.yaml_in import load_paths  # noqa: E402
from kubecanvas.io.yaml_out import dump_resources  # noqa: E402
from kubecanvas.model.document import Document  # noqa: E402
from kubecanvas.model.edits import SetField, UndoStack  # noqa: E402
from kubecanvas.model.graph import WiringGraph  # noqa: E402
from kubecanvas.model.layout import auto_layout  # noqa: E402
from kubecanvas.model.resource import Resource  # noqa: E402
from kubecanvas.validation import Validator, default_kube_version, validate_document  # noqa: E402

CSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CSafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Documents given to kubernetes-validate; its cost per document is then multiplied out.
KV_SAMPLE = 150


def median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median CPU time (seconds) of `repeat` runs, and the last run's result. CPU time of this
    process, not wall time: the benchmark machine is shared, and waiting for a core is not
    KubeCanvas's cost. The previous run's result is freed before the next run is timed (freeing
    15,000 resources was counted in the import and validation of runs 2 and on)."""
    times = []
    result = None
    for _ in range(repeat):
        result = None
        started = time.process_time()
        result = action()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def kubernetes_validate_time(manifests: list[dict[str, Any]], seed: int) -> tuple[float, int]:
    """Seconds kubernetes-validate would need for every document, from a random sample."""
    import kubernetes_validate

    version = default_kube_version()
    sample = random.Random(seed).sample(manifests, min(KV_SAMPLE, len(manifests)))
    # warm its schema cache with one document so the sample measures steady state; a
    # validation error is a result, not a failure
    with contextlib.suppress(Exception):
        kubernetes_validate.validate(sample[0], version, strict=True)
    started = time.process_time()
    for manifest in sample:
        with contextlib.suppress(Exception):
            kubernetes_validate.validate(manifest, version, strict=True)
    per_doc = (time.process_time() - started) / len(sample)
    return per_doc * len(manifests), len(sample)


def edit_times(document: Document, seed: int, count: int = 240) -> dict[str, float]:
    """Milliseconds to apply one edit and bring graph and validator up to date (they follow the
    document through its events), cycling through a workload field, a Service selector (wiring)
    and a ConfigMap value; plus reading the findings list afterwards, as the editor does.

    Graph and validator are built the way the editor opens a design (collector paused, then
    the design frozen and settled: io/heap.py), so the edits run in the editor's state."""
    with bulk_build():
        graph = WiringGraph(document)
        validator = Validator(document, graph)
    settle()
    stack = UndoStack(document)
    rng = random.Random(seed)
    deployments = [r for r in document if r.kind in ("Deployment", "StatefulSet")]
    services = [r for r in document if r.kind == "Service" and r.spec.get("selector")]
    configmaps = [r for r in document if r.kind == "ConfigMap"]
    push, read = [], []
    for number in range(count):
        target = rng.choice((deployments, services, configmaps)[number % 3])
        if target in deployments:
            edit = SetField(target.id, ("spec", "replicas"), 1 + number % 7)
        elif target in services:
            key = next(iter(target.spec["selector"]))
            value = target.spec["selector"][key]
            edit = SetField(target.id, ("spec", "selector", key),
                            value[:-1] if value.endswith("x") else value + "x")
        else:
            edit = SetField(target.id, ("data", "bench"), str(number))
        started = time.process_time()
        stack.push(edit)
        middle = time.process_time()
        validator.findings  # noqa: B018 - the editor reads the list after each change
        push.append((middle - started) * 1000)
        read.append((time.process_time() - middle) * 1000)
    push.sort()
    return {"edit_median_ms": statistics.median(push),
            "edit_p95_ms": push[int(len(push) * 0.95)],
            "findings_read_median_ms": statistics.median(read), "edits": count}


def measure(size: int, repeat: int, seed: int) -> dict[str, Any]:
    text = generate_yaml(size, seed)
    work = Path(tempfile.mkdtemp(prefix="kubecanvas-bench-"))
    source = work / f"generated-{size}.yaml"
    source.write_text(text, encoding="utf-8")
    out: dict[str, Any] = {"size": size, "bytes": len(text)}

    out["parse"], parsed = median_time(
        lambda: [d for d in yaml.load_all(text, Loader=CSafeLoader) if d], repeat)

    def import_source() -> Any:
        # as the editor's open and `kubecanvas validate` call it (cli.inputs, window.app):
        # inside `bulk_build`, which freezes what a large read built; bare, the collector's
        # first pass after the read walked all of it (0.47 s of 2.1 s at 15,000 resources)
        with bulk_build():
            return load_paths([source])

    out["import"], loaded = median_time(import_source, repeat)
    out["resources"] = len(loaded.resources)
    document = Document(loaded.resources)
    validate_document(document)  # warm: load the schemas once, outside the timings

    def validate() -> Any:
        # as `kubecanvas validate` (cli.inputs.validate) and the editor's open run it: with
        # the collector paused while the wiring graph and the findings are built (io/heap.py);
        # bare, each of its passes walked the whole design again, which grew with the size
        with bulk_build():
            return validate_document(document)

    # as many runs as the other rows: with half as many (one, at --repeat 3) the row's growth
    # from 5,000 to 15,000 moved between 2.2x and 4.6x from one round to the next
    out["validate"], findings = median_time(validate, repeat)
    out["findings"] = len(findings)
    out["kv_extrapolated"], out["kv_sample"] = kubernetes_validate_time(parsed, seed)
    manifests = [r.manifest for r in document]
    out["dump"], _ = median_time(
        lambda: yaml.dump_all(manifests, Dumper=CSafeDumper, default_flow_style=False,
                              sort_keys=False, allow_unicode=True), repeat)
    out["export"], _ = median_time(lambda: dump_resources(document), repeat)
    graph = WiringGraph(document, subscribe=False)
    for rid, position in auto_layout(document, graph).items():
        document.move(rid, position)
    project = work / "bench.kcanvas"
    out["save"], _ = median_time(lambda: save_project(document, project), repeat)

    def open_project() -> Any:
        with bulk_build():  # as the editor opens a project (design_read), as import above
            return load_project(project)

    out["load"], _ = median_time(open_project, repeat)
    out.update(edit_times(Document(_copies(document)), seed))
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for path in work.iterdir():
        path.unlink()
    work.rmdir()
    return out


def _copies(document: Document) -> list[Resource]:
    """Fresh resources for an independent document (edits must not touch the measured one)."""
    return [Resource(manifest=json.loads(json.dumps(r.manifest)), id=r.id, position=r.position)
            for r in document]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.size, args.repeat, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
