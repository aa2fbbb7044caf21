"""Core benchmark: import + wiring graph + export against plain libyaml parsing.

Run on demand (pytest does not collect it; it asserts nothing about time):

    python tests/bench/bench_core.py [--repeat 5] [--sizes 500,2000,5000]

For generated documents of each size (see generate.py) and for the largest application of the
shared corpus, it times, as the median of several runs: our loader (`load_text` / `load_paths`:
split, parse with origins and line lookups, duplicate check), building the wiring graph, and
`dump_resources` (kubectl-ready YAML), and compares their sum with `yaml.load_all(text,
Loader=CSafeLoader)` of the same text in the same run. Layout and full validation are shown for
information, outside the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_yaml  # noqa: E402

from kubecanvas.io.problems import LoadResult  # noqa: E402
from kubecanvas.io.yaml_in import load_paths, load_text  # noqa: E402
from kubecanvas.io.yaml_out import dump_resources  # noqa: E402
from kubecanvas.model.document import Document  # noqa: E402
from kubecanvas.model.graph import WiringGraph  # noqa: E402
from kubecanvas.model.layout import auto_layout  # noqa: E402
from kubecanvas.validation import validate_document  # noqa: E402

CORPUS = HERE.parents[1].parent / "shared" / "corpus"
CSafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time of `repeat` runs, and the last run's result."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def largest_corpus_apps() -> list[tuple[str, list[Path]]]:
    """The corpus applications with the most YAML bytes and with the most documents (one entry
    when it is the same app); parseable apps only, empty when the corpus is absent."""
    if not CORPUS.is_dir():
        return []
    apps = []
    for app in sorted(p for p in CORPUS.glob("*/*") if p.is_dir()):
        if "malformed-or-templated" in app.parts:
            continue
        files = sorted(p for p in app.rglob("*") if p.suffix in (".yaml", ".yml"))
        if not files:
            continue
        texts = [p.read_text(encoding="utf-8") for p in files]
        docs = sum(1 for t in texts for d in yaml.load_all(t, Loader=CSafeLoader) if d)
        apps.append((sum(len(t) for t in texts), docs, str(app.relative_to(CORPUS)), files))
    if not apps:
        return []
    by_bytes = max(apps, key=lambda a: (a[0], a[2]))
    by_docs = max(apps, key=lambda a: (a[1], a[2]))
    chosen = [by_bytes] if by_bytes is by_docs else [by_bytes, by_docs]
    return [(name, files) for _, _, name, files in chosen]


def measure(name: str, texts: list[tuple[str, str]], repeat: int,
            paths: list[Path] | None = None) -> dict[str, Any]:
    """Time every stage for one input (a list of (file name, text))."""

    def ours_load() -> LoadResult:
        if paths is not None:
            return load_paths([str(p) for p in paths])
        result = LoadResult()
        for file, text in texts:
            result.extend(load_text(text, file))
        return result

    def baseline() -> int:
        return sum(len(list(yaml.load_all(text, Loader=CSafeLoader))) for _, text in texts)

    t_yaml, _ = median_time(baseline, repeat)
    t_load, loaded = median_time(ours_load, repeat)
    document = Document(loaded.resources)
    t_graph, graph = median_time(lambda: WiringGraph(document, subscribe=False), repeat)
    t_export, _ = median_time(lambda: dump_resources(document), repeat)
    t_layout, _ = median_time(lambda: auto_layout(document, graph), repeat)
    t_validate, _ = median_time(lambda: validate_document(document, graph), max(1, repeat // 2))
    core = t_load + t_graph + t_export
    return {"name": name, "resources": len(document), "bytes": sum(len(t) for _, t in texts),
            "problems": len(loaded.problems), "yaml": t_yaml, "load": t_load, "graph": t_graph,
            "export": t_export, "core": core, "ratio": core / t_yaml if t_yaml else float("nan"),
            "layout": t_layout, "validate": t_validate}


def print_table(rows: list[dict[str, Any]]) -> None:
    header = (f"{'input':<48}{'res':>6}{'KiB':>7}  {'libyaml':>8}{'load':>8}{'graph':>8}"
              f"{'export':>8}{'core':>8}{'ratio':>7}  {'layout':>7}{'valid.':>8}")
    print(header)
    print("-" * len(header))
    for r in rows:
        ms = {k: r[k] * 1000 for k in ("yaml", "load", "graph", "export", "core", "layout",
                                        "validate")}
        print(f"{r['name']:<48}{r['resources']:>6}{r['bytes'] / 1024:>7.0f}  "
              f"{ms['yaml']:>8.1f}{ms['load']:>8.1f}{ms['graph']:>8.1f}{ms['export']:>8.1f}"
              f"{ms['core']:>8.1f}{r['ratio']:>6.1f}x  {ms['layout']:>7.1f}{ms['validate']:>8.1f}")
    print("\ntimes in ms, median of the runs; core = load + graph + export; "
          "ratio = core / libyaml CSafeLoader load_all of the same text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--sizes", default="500,2000,5000", help="generated document sizes")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    warm = Document(load_text(generate_yaml(50, args.seed)).resources)
    validate_document(warm)  # load the schemas once, outside the timings
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        text = generate_yaml(size, args.seed)
        rows.append(measure(f"generated {size}", [(f"generated-{size}.yaml", text)],
                            args.repeat))
    apps = largest_corpus_apps()
    if not apps:
        print(f"(corpus not found at {CORPUS}; skipped)", file=sys.stderr)
    for name, files in apps:
        texts = [(str(p), p.read_text(encoding="utf-8")) for p in files]
        rows.append(measure(f"corpus {name}", texts, args.repeat, files))
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__}, "
          f"libyaml {'yes' if CSafeLoader is not yaml.SafeLoader else 'no'}\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
