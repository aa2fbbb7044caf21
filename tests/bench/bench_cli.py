"""`kubecanvas` as CI runs it: whole processes, CPU time from the kernel, ratios in one run.

    python tests/bench/bench_cli.py [--repeat 5] [--kv-repeat 3]

Each measured command is a fresh process, timed with `os.wait4` (user + system CPU of that
process, as the kernel accounts it), run in turn with its baseline (A B A B ...) so a drift of the
shared machine hits both; medians are printed, with the ratio of the medians. Measured:

- `kubecanvas validate` of 5,000 generated resources against a process that only parses the
  same file with libyaml (`yaml.load_all(..., CSafeLoader)`); goal <= 2x.
- `kubecanvas validate` of 1,000 resources against a process that parses them and calls
  `kubernetes_validate.validate(manifest, version, strict=True)` per document (what a CI script
  without KubeCanvas would do); goal >= 20x faster. Both sides are medians of `--kv-repeat`
  runs (default 3): one sample of the slow baseline swung the ratio from 16.7x to 20.6x in
  session 8.
- `kubecanvas --version` and `kubecanvas validate` of one small file (12 resources); goal
  <= 0.25 s of CPU each.
- with `--big N` (issue 18, e.g. `--big 50000`): `kubecanvas validate` of N resources as one file
  and as a folder of files of 100 resources, with `--jobs 1` and `--jobs 2`, against a process
  that parses the same input; CPU (the workers' included), wall time and peak memory. Goal: at
  most 2.5x the parse-only process with the default --jobs (2 on the bench machine), peak
  memory <= 2 GB; the wall-time ratio of one job to two is the speed-up of the second core.

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
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_yaml  # noqa: E402

PARSE_ONLY = ("import sys, yaml\n"
              "with open(sys.argv[1], encoding='utf-8') as f:\n"
              "    list(yaml.load_all(f.read(), Loader=yaml.CSafeLoader))\n")
PARSE_FOLDER = ("import sys, yaml, pathlib\n"
                "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
                "    list(yaml.load_all(path.read_text(encoding='utf-8'), "
                "Loader=yaml.CSafeLoader))\n")
KUBERNETES_VALIDATE = ("import sys, yaml, kubernetes_validate\n"
                       "from kubernetes_validate.utils import latest_version\n"
                       "version = latest_version()\n"
                       "with open(sys.argv[1], encoding='utf-8') as f:\n"
                       "    docs = list(yaml.load_all(f.read(), Loader=yaml.CSafeLoader))\n"
                       "for doc in docs:\n"
                       "    try:\n"
                       "        kubernetes_validate.validate(doc, version, strict=True)\n"
                       "    except Exception:\n"
                       "        pass\n")


def kubecanvas() -> list[str]:
    """The installed console script beside this Python, else `python -m kubecanvas`."""
    script = Path(sys.executable).parent / "kubecanvas"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kubecanvas"]


def _env() -> dict[str, str]:
    """The environment of measured runs: as an installed kubecanvas runs, with bytecode.

    pip compiles an installed package's .pyc files; a session with PYTHONDONTWRITEBYTECODE set
    would otherwise recompile all 70 modules on every run (about 0.2 s more per process). The
    warm-up run writes them.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU seconds of one run of `argv` (its output thrown away)."""
    env = _env()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def run_usage(argv: list[str]) -> tuple[float, float, float]:
    """(CPU seconds, wall seconds, peak resident MB) of one run of `argv`; the CPU and peak
    include the workers it forked and waited for (the kernel adds them to the child's usage)."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_env())
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def measure_big(size: int, repeat: int) -> dict[str, float]:
    """Validate `size` resources (one file; a folder of 100-resource files) with one and two
    jobs, each beside a parse-only process of the same input, in turn; medians."""
    work = Path(tempfile.mkdtemp(prefix="kubecanvas-bench-big-"))
    try:
        text = generate_yaml(size)
        single_file = work / "all.yaml"
        single_file.write_text(text, encoding="utf-8")
        folder = work / "folder"
        folder.mkdir()
        documents = text.split("\n---\n")
        for start in range(0, len(documents), 100):
            (folder / f"part{start // 100:04d}.yaml").write_text(
                "\n---\n".join(documents[start:start + 100]) + "\n", encoding="utf-8")
        kc = kubecanvas()
        out: dict[str, float] = {"big_size": size}
        for name, source, parse in (("file", single_file, PARSE_ONLY),
                                    ("folder", folder, PARSE_FOLDER)):
            commands = {
                "parse": [sys.executable, "-c", parse, str(source)],
                "jobs1": [*kc, "validate", str(source), "--format", "compact", "--jobs", "1"],
                "jobs2": [*kc, "validate", str(source), "--format", "compact", "--jobs", "2"],
            }
            runs: dict[str, list[tuple[float, float, float]]] = {k: [] for k in commands}
            for _ in range(repeat):
                for key, argv in commands.items():
                    runs[key].append(run_usage(argv))
            for key, values in runs.items():
                out[f"{name}_{key}_cpu"] = statistics.median(v[0] for v in values)
                out[f"{name}_{key}_wall"] = statistics.median(v[1] for v in values)
                out[f"{name}_{key}_mb"] = max(v[2] for v in values)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def big_table(r: dict[str, float]) -> str:
    # The goal is for the default --jobs (the number of cores, 2 here): its CPU counts the
    # workers' too, so it is the ratio to hold; --jobs 1's is shown beside it.
    lines = [f"| {int(r['big_size']):,} resources | parse-only process | validate --jobs 1 "
             "| validate --jobs 2 | --jobs 2 / parse (CPU) | --jobs 1 / parse (CPU) "
             "| speed-up of 2 jobs (wall) | peak memory |", "|---|---|---|---|---|---|---|---|"]
    def cell(name: str, key: str) -> str:
        return f"{r[f'{name}_{key}_cpu']:.1f} s CPU, {r[f'{name}_{key}_wall']:.1f} s wall"

    for name in ("file", "folder"):
        ratio = r[f"{name}_jobs1_cpu"] / r[f"{name}_parse_cpu"]
        ratio2 = r[f"{name}_jobs2_cpu"] / r[f"{name}_parse_cpu"]
        speedup = r[f"{name}_jobs1_wall"] / r[f"{name}_jobs2_wall"]
        memory = max(r[f"{name}_jobs1_mb"], r[f"{name}_jobs2_mb"])
        what = "one file" if name == "file" else "a folder of 100-resource files"
        lines.append(f"| {what} | {cell(name, 'parse')} | {cell(name, 'jobs1')} | {cell(name, 'jobs2')} | "
                     f"{ratio2:.2f}x (goal <= 2.5x) | {ratio:.2f}x | {speedup:.2f}x | {memory:,.0f} MB "
                     "(goal <= 2 GB) |")
    return "\n".join(lines)


def paired(a: list[str], b: list[str], repeat: int) -> tuple[float, float]:
    """Medians of A and B, run in turn after one warm-up run of each."""
    cpu_seconds(a)
    cpu_seconds(b)
    times_a, times_b = [], []
    for _ in range(repeat):
        times_a.append(cpu_seconds(a))
        times_b.append(cpu_seconds(b))
    return statistics.median(times_a), statistics.median(times_b)


def single(a: list[str], repeat: int) -> float:
    cpu_seconds(a)
    return statistics.median(cpu_seconds(a) for _ in range(repeat))


def measure(repeat: int, kv_repeat: int) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix="kubecanvas-bench-cli-"))
    try:
        files = {}
        for size in (12, 1000, 5000):
            files[size] = work / f"gen{size}.yaml"
            files[size].write_text(generate_yaml(size), encoding="utf-8")
        kc = kubecanvas()
        python = [sys.executable, "-c"]
        out: dict[str, float] = {}
        out["validate_5000"], out["parse_5000"] = paired(
            [*kc, "validate", str(files[5000])], [*python, PARSE_ONLY, str(files[5000])], repeat)
        out["validate_1000"], out["kv_1000"] = paired(
            [*kc, "validate", str(files[1000])],
            [*python, KUBERNETES_VALIDATE, str(files[1000])], kv_repeat)
        out["version"] = single([*kc, "--version"], repeat)
        out["validate_small"] = single([*kc, "validate", str(files[12])], repeat)
        out["python_startup"] = single([sys.executable, "-c", "pass"], repeat)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def table(r: dict[str, float]) -> str:
    def s(x: float) -> str:
        return f"{x:.2f} s"

    rows = [
        ("validate 5,000 resources", s(r["validate_5000"]),
         f"parse-only process {s(r['parse_5000'])}",
         f"{r['validate_5000'] / r['parse_5000']:.2f}x", "<= 2x"),
        ("validate 1,000 resources", s(r["validate_1000"]),
         f"parse + kubernetes_validate per document {s(r['kv_1000'])}",
         f"{r['kv_1000'] / r['validate_1000']:.1f}x faster", ">= 20x faster"),
        ("kubecanvas --version", s(r["version"]), f"python -c pass {s(r['python_startup'])}",
         "", "<= 0.25 s"),
        ("validate one small file (12 resources)", s(r["validate_small"]), "", "",
         "<= 0.25 s"),
    ]
    lines = ["| whole process (CPU, median) | kubecanvas | baseline | ratio | goal |",
             "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (default 5)")
    parser.add_argument("--kv-repeat", type=int, default=3,
                        help="runs of the slow kubernetes_validate pair (default 3; the "
                             "median of each side is compared)")
    parser.add_argument("--big", type=int, default=0, metavar="N",
                        help="only measure validate of N resources, one and two jobs")
    args = parser.parse_args()
    if args.big:
        big = measure_big(args.big, args.repeat)
        print(json.dumps(big))
        print(big_table(big))
        return
    result = measure(args.repeat, args.kv_repeat)
    print(json.dumps(result))
    print(table(result))


if __name__ == "__main__":
    main()
