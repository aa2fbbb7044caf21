"""Benchmark of the validator (issue 3's speed targets); a script, not a test.

Run from the repository root: `python tests/bench/bench_validate.py [--sizes 500,2000,5000]`.
For each generated document (`tests.bench.generate.generate_yaml(n, seed=1)`) it prints:

- full check (wiring graph + every rule, schemas already compiled as in a long-lived editor)
  against `yaml.load_all(CSafeLoader)` of the same text (target <= 3x);
- the schema part alone against `kubernetes_validate.validate(strict=True)` per document,
  measured on an evenly spaced sample and extrapolated to every document (target >= 100x);
- `kubecanvas validate FILE` as a whole process (median wall time of 3 runs) against a script
  that parses the file and calls `kubernetes_validate.validate` per document (run once, in full
  when its estimate is under a minute, else estimated as its start-up time, measured on an empty
  file, plus the per-document time of the largest size it ran in full; target >= 15x);
- one edit re-checked by the incremental `Validator` (graph update included): median and p95
  over 200 edits of mixed kinds (target < 5 ms median);
- the full check with `--profile hardening` against the default full check of the same
  document (target <= 1.25x; issue 12). `--profiles-only` measures just this pair, in CPU time
  of this process (the machine is shared), median of 5 runs each.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.generate import generate_yaml  # noqa: E402

from kubecanvas.model.document import Document  # noqa: E402
from kubecanvas.model.edits import SetField  # noqa: E402
from kubecanvas.model.graph import WiringGraph  # noqa: E402
from kubecanvas.model.resource import Resource  # noqa: E402
from kubecanvas.validation.engine import Validator, validate_document  # noqa: E402
from kubecanvas.validation.profiles import HARDENING  # noqa: E402
from kubecanvas.validation.schema import schemas_for  # noqa: E402
from kubecanvas.validation.versions import default_kube_version  # noqa: E402

KV_SCRIPT = """\
import sys, warnings, yaml, kubernetes_validate
warnings.simplefilter("ignore")
version = sys.argv[2]
with open(sys.argv[1], encoding="utf-8") as handle:
    docs = [d for d in yaml.load_all(handle.read(), Loader=yaml.CSafeLoader) if d]
bad = 0
for doc in docs:
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except Exception:
        bad += 1
print(len(docs), bad)
"""
KV_SAMPLE = 100
EDITS = 200
MINUTE = 60.0


def _median_time(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _kubernetes_validate_per_doc(manifests: list[dict[str, Any]], version: str) -> float:
    """Seconds per document of kubernetes_validate.validate on an evenly spaced sample."""
    import kubernetes_validate

    sample = manifests[:: max(1, len(manifests) // KV_SAMPLE)][:KV_SAMPLE]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with contextlib.suppress(Exception):  # warm-up: imports and caches
            kubernetes_validate.validate(sample[0], version, strict=True)
        start = time.perf_counter()
        for manifest in sample:
            with contextlib.suppress(Exception):  # only the time matters
                kubernetes_validate.validate(manifest, version, strict=True)
    return (time.perf_counter() - start) / len(sample)


def _run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _edits(document: Document, validator: Validator) -> list[float]:
    """Wall time of SetField.apply (document event -> graph -> validator) for mixed edits."""
    rng = random.Random(7)
    pool = [r for r in document if r.kind in ("Deployment", "StatefulSet", "Service",
                                                "ConfigMap", "PersistentVolumeClaim")]
    times = []
    for i in range(EDITS):
        res = rng.choice(pool)
        if res.kind in ("Deployment", "StatefulSet"):
            edit = SetField(res.id, ("spec", "template", "metadata", "labels", "rev"), str(i))
        elif res.kind == "Service":
            edit = SetField(res.id, ("spec", "selector", "tier"), rng.choice(["web", "api"]))
        elif res.kind == "ConfigMap":
            edit = SetField(res.id, ("data", f"k{i}"), "v")
        else:
            edit = SetField(res.id, ("spec", "resources", "requests", "storage"),
                            rng.choice(["1Gi", "2Gi", "20Gi"]))
        start = time.perf_counter()
        edit.apply(document)
        times.append(time.perf_counter() - start)
    assert validator.findings == validate_document(document), "incremental != full"
    return times


def script_startup(workdir: Path) -> float:
    """Wall time of the kubernetes-validate script on an empty file (imports, start-up)."""
    empty = workdir / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    script = workdir / "kv_script.py"
    script.write_text(KV_SCRIPT, encoding="utf-8")
    return _run([sys.executable, str(script), str(empty), default_kube_version()])


def measure(n: int, workdir: Path, startup: float, kv_rate: float | None) -> dict[str, Any]:
    text = generate_yaml(n, seed=1)
    path = workdir / f"generated-{n}.yaml"
    path.write_text(text, encoding="utf-8")
    version = default_kube_version()
    t_yaml = _median_time(lambda: list(yaml.load_all(text, Loader=yaml.CSafeLoader)))
    manifests = [m for m in yaml.load_all(text, Loader=yaml.CSafeLoader) if m]
    document = Document([Resource(m) for m in manifests])
    schemas = schemas_for(version)
    for manifest in manifests:  # compile every schema once, as the editor does
        schemas.validate(manifest)
    t_full = _median_time(lambda: validate_document(document))
    t_hard = _median_time(lambda: validate_document(document, profiles=[HARDENING]))
    t_schema = _median_time(lambda: [schemas.validate(m) for m in manifests])
    kv_per_doc = _kubernetes_validate_per_doc(manifests, version)
    t_kv = kv_per_doc * len(manifests)

    t_cli = statistics.median(_run([sys.executable, "-m", "kubecanvas", "validate", str(path)])
                              for _ in range(3))
    script = workdir / "kv_script.py"
    script.write_text(KV_SCRIPT, encoding="utf-8")
    estimate = None if kv_rate is None else startup + kv_rate * len(manifests)
    if estimate is None or estimate < MINUTE:
        t_script, script_note = _run([sys.executable, str(script), str(path), version]), "ran"
    else:
        t_script, script_note = estimate, "estimated"

    validator = Validator(document, WiringGraph(document))
    edits = sorted(_edits(document, validator))
    return {"n": len(manifests), "yaml": t_yaml, "full": t_full, "hard": t_hard,
            "schema": t_schema,
            "kv": t_kv, "cli": t_cli, "script": t_script, "script_note": script_note,
            "edit_median": statistics.median(edits), "edit_p95": edits[int(len(edits) * .95)],
            "findings": len(validator.findings)}


def _cpu_median(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def profiles_only(sizes: list[int]) -> None:
    """Default against hardening full check, per size (CPU time, median of 5)."""
    version = default_kube_version()
    print(f"{'resources':>9} | {'default ms':>10} | {'hardening ms':>12} | {'ratio':>6} | "
          f"{'findings default / hardening':>28}")
    for n in sorted(sizes):
        manifests = [m for m in yaml.load_all(generate_yaml(n, seed=1), Loader=yaml.CSafeLoader)
                     if m]
        document = Document([Resource(m) for m in manifests])
        schemas = schemas_for(version)
        for manifest in manifests:
            schemas.validate(manifest)
        default = _cpu_median(lambda doc=document: validate_document(doc))
        hard = _cpu_median(lambda doc=document: validate_document(doc, profiles=[HARDENING]))
        counts = (f"{len(validate_document(document))} / "
                  f"{len(validate_document(document, profiles=[HARDENING]))}")
        print(f"{len(manifests):>9} | {default * 1000:>10.0f} | {hard * 1000:>12.0f} | "
              f"{hard / default:>5.2f}x | {counts:>28}")
    print("target: hardening <= 1.25x default at 5,000 resources")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--profiles-only", action="store_true",
                        help="only the default against the hardening full check")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.profiles_only:
        profiles_only(sizes)
        return
    rows = []
    kv_rate: float | None = None
    with tempfile.TemporaryDirectory() as tmp:
        startup = script_startup(Path(tmp))
        for n in sorted(sizes):
            row = measure(n, Path(tmp), startup, kv_rate)
            if row["script_note"] == "ran":
                kv_rate = max(row["script"] - startup, 0.0) / row["n"]
            rows.append(row)
    ms = 1000.0
    print(f"kube version {default_kube_version()}; kubernetes_validate per document measured on "
          f"{KV_SAMPLE} evenly spaced documents and extrapolated")
    print(f"{'resources':>9} | {'yaml ms':>8} | {'full ms':>8} | {'full/yaml':>9} | "
          f"{'schema ms':>9} | {'k-v est ms':>10} | {'k-v/schema':>10} | {'cli s':>6} | "
          f"{'script s':>8} | {'script/cli':>10} | {'edit med ms':>11} | {'edit p95 ms':>11}")
    for r in rows:
        print(f"{r['n']:>9} | {r['yaml'] * ms:>8.1f} | {r['full'] * ms:>8.1f} | "
              f"{r['full'] / r['yaml']:>8.2f}x | {r['hard'] * ms:>8.1f} | "
              f"{r['hard'] / r['full']:>8.2f}x | {r['schema'] * ms:>9.1f} | {r['kv'] * ms:>10.0f} | "
              f"{r['kv'] / r['schema']:>9.0f}x | {r['cli']:>6.2f} | {r['script']:>8.2f} | "
              f"{r['script'] / r['cli']:>9.1f}x | {r['edit_median'] * ms:>11.2f} | "
              f"{r['edit_p95'] * ms:>11.2f}")
    print("targets: full/yaml <= 3x, hard/full <= 1.25x, k-v/schema >= 100x, script/cli >= 15x, "
          "edit median < 5 ms; "
          f"script start-up {startup:.2f} s; script: "
          + ", ".join(f"{r['n']} {r['script_note']}" for r in rows))


if __name__ == "__main__":
    main()
