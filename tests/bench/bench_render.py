"""`kubecanvas render` as whole processes, beside KubeDiagrams on the same inputs (issue 13).

    python tests/bench/bench_render.py [--repeat 3] [--big 5000] [--kd-venv /tmp/kd-venv]
                                       [--before OLD_CHECKOUT/app]

CPU time (user + system, from `os.wait4`, which counts the children a process waited for, so
KubeDiagrams' `dot` is included) of fresh processes, with bytecode as an installed package has
it (see bench_cli.py). Measured in one run:

- small applications of ../shared/corpus (guestbook, wordpress, sock-shop-monitoring): `kubecanvas
  render APP -o x.png` against `kube-diagrams -o x.png APP/*.yaml`, in turn (A B A B ...),
  medians; goal: KubeCanvas faster. KubeDiagrams and Graphviz's `dot` must be installed: the
  script installs KubeDiagrams from PyPI into its own venv (`--kd-venv`) when it is missing;
  `dot` comes from the system (`apt-get install graphviz`).
- `generate.py --big` resources (5,000 by default) to SVG and to PNG (`--scale 0.5`: the default
  scale 2 would be a 48,000-pixel image, which render refuses), one run each unless --repeat
  says more, beside a process that only parses the same file with libyaml (the baseline, for a
  machine whose speed varies); goals: SVG <= 3 s, PNG <= 10 s.

Prints one JSON line and a Markdown table. Run on demand; pytest does not collect it, and
nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_cli import PARSE_ONLY, _env, kubecanvas  # noqa: E402
from generate import generate_yaml  # noqa: E402

CORPUS = HERE.parents[1].parent / "shared" / "corpus"
APPS = ("k8s-examples/guestbook", "gke-samples/wordpress-persistent-disks",
        "sockshop/sock-shop-monitoring")


def ensure_kube_diagrams(venv: Path) -> Path:
    """The kube-diagrams executable of `venv`, installing KubeDiagrams there when missing."""
    exe = venv / "bin" / "kube-diagrams"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "KubeDiagrams"], check=True)
    if shutil.which("dot") is None:
        raise SystemExit("Graphviz's dot is not installed (apt-get install graphviz)")
    return exe


Run = tuple[list[str], str | None]  # argv, and the app/ folder to import kubecanvas from


def usage(run: Run) -> tuple[float, float]:
    """(CPU seconds, peak resident MB) of one process; with a folder, kubecanvas is imported
    from there (`--before`: another checkout's app/, in the same run)."""
    argv, app_folder = run
    env = _env()
    if app_folder:
        env["PYTHONPATH"] = app_folder
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, used = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    return used.ru_utime + used.ru_stime, used.ru_maxrss / 1024


def in_turn(runs: dict[str, Run], repeat: int, warm: bool = True) -> dict[str, float]:
    """Medians (and peak MB) of the runs, taken in turn (A B C A B C ...) after a warm-up."""
    if warm:
        for run in runs.values():
            usage(run)
    times: dict[str, list[float]] = {name: [] for name in runs}
    peaks: dict[str, float] = dict.fromkeys(runs, 0.0)
    for _ in range(repeat):
        for name, run in runs.items():
            cpu, peak = usage(run)
            times[name].append(cpu)
            peaks[name] = max(peaks[name], peak)
    out = {name: statistics.median(values) for name, values in times.items()}
    out.update({f"{name}_mb": peak for name, peak in peaks.items()})
    return out


def measure_small(kd: Path, repeat: int, folder: Path, before: str | None
                  ) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for app in APPS:
        source = CORPUS / app
        files = sorted(str(p) for p in source.glob("*.y*ml"))
        ours = [*kubecanvas(), "render", str(source), "-o", str(folder / "kc.png")]
        runs: dict[str, Run] = {"kubecanvas": (ours, None),
                                "kubediagrams": ([str(kd), "-o", str(folder / "kd.png"), *files],
                                                 None)}
        if before:
            runs["before"] = (ours, before)
        results[app] = in_turn(runs, repeat)
    return results


def measure_big(size: int, repeat: int, folder: Path, before: str | None) -> dict[str, float]:
    source = folder / f"g{size}.yaml"
    source.write_text(generate_yaml(size), "utf-8")
    svg = [*kubecanvas(), "render", str(source), "-o", str(folder / "big.svg")]
    png = [*kubecanvas(), "render", str(source), "-o", str(folder / "big.png"), "--scale", "0.5"]
    runs: dict[str, Run] = {"parse": ([sys.executable, "-c", PARSE_ONLY, str(source)], None),
                            "svg": (svg, None), "png": (png, None)}
    if before:
        runs.update({"svg_before": (svg, before), "png_before": (png, before)})
    usage(runs["parse"])  # warm-up: bytecode, the file in the page cache
    return in_turn(runs, repeat, warm=False)


def table(small: dict[str, dict[str, float]], big: dict[str, float], size: int) -> str:
    before = any("before" in r for r in small.values()) or "svg_before" in big
    lines = ["| whole process (CPU, median) | KubeCanvas | KubeDiagrams | ratio | "
             + ("before (`--before`) | " if before else "") + "goal |",
             "|---|---:|---:|---:|" + ("---:|" if before else "") + "---|"]
    for app, r in small.items():
        kc, kd = r["kubecanvas"], r["kubediagrams"]
        verdict = "met" if kc < kd else "**not met**"
        then = f" {r['before']:.2f} s |" if before else ""
        lines.append(f"| `render {app.split('/')[-1]}` to PNG | {kc:.2f} s | {kd:.2f} s | "
                     f"{kc / kd:.2f}x |{then} faster than KubeDiagrams: {verdict} |")
    if big:
        parse = big["parse"]
        lines.append(f"| baseline: parse {size:,} resources with libyaml | {parse:.2f} s | | |"
                     + (" |" if before else "") + " |")
        for fmt, goal in (("svg", 3.0), ("png", 10.0)):
            cpu = big[fmt]
            verdict = "met" if cpu <= goal else "**not met**"
            then = (f" {big[fmt + '_before']:.2f} s ({big[fmt + '_before_mb']:.0f} MB) |"
                    if before else "")
            lines.append(f"| `render` {size:,} resources to {fmt.upper()} | {cpu:.2f} s "
                         f"({big[fmt + '_mb']:.0f} MB peak) | | {cpu / parse:.1f}x parse |"
                         f"{then} <= {goal:.0f} s: {verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per small measurement")
    parser.add_argument("--big-repeat", type=int, default=1, help="runs per big measurement")
    parser.add_argument("--big", type=int, default=5000, help="resources of the big design "
                                                              "(0: skip it)")
    parser.add_argument("--kd-venv", type=Path, default=Path("/tmp/kd-venv"))
    parser.add_argument("--before", type=Path, help="the app/ folder of another checkout "
                                                    "(e.g. a `git worktree` of an older "
                                                    "commit), timed in the same run")
    args = parser.parse_args()
    kd = ensure_kube_diagrams(args.kd_venv)
    before = str(args.before.resolve()) if args.before else None
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        folder = Path(tmp)
        small = measure_small(kd, args.repeat, folder, before) if CORPUS.is_dir() else {}
        big = measure_big(args.big, args.big_repeat, folder, before) if args.big else {}
    print(json.dumps({"small": small, "big": big}, sort_keys=True))
    print(table(small, big, args.big))


if __name__ == "__main__":
    main()
