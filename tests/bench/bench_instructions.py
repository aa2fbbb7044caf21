"""How the editor's open grows with the design, in executed instructions (deterministic).

    python tests/bench/bench_instructions.py [--sizes 5000,15000] [--no-cache]

Times on a shared machine move with what else runs: in one run of `run_all.py` the libyaml
parse of the same file (C code we do not own) grew between 2.9x and 4.9x from 5,000 to 15,000
resources, round by round. Instructions do not move. Each stage of the editor's open (as
`bench_canvas.py` opens: File > Open of the generated design in a shown window) runs in its
own process under valgrind's cachegrind, which exits where the stage ends; a stage's figures are
the difference from the stage before:

- window: the interpreter, the imports and the empty window (the same at every size);
- load + layout + graph + validation: until `design_files.open_paths` returns;
- scene build: until `MainWindow.open_paths` returns.

With the cache simulated (the default; `--no-cache` counts instructions only, about twice as
fast), the last-level cache is this machine's (32 MiB, 16-way, 64-byte lines) and the table
adds its read misses: the part of the growth in time that is memory, not work. Prints one JSON
line and a Markdown table. Needs valgrind; about 16 minutes on 2 cores at 5,000 and 15,000 (two stages at a time).
Not collected by pytest; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = ("window", "load", "scene")
#: the machine's last-level cache (lscpu: L3 32 MiB), as cachegrind's --LL=size,ways,line
LAST_LEVEL = "33554432,16,64"


def stage_process(source: str, stage: str) -> None:
    """(In the measured process.) Open `source` as bench_canvas does and exit at `stage`."""
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    sys.path.insert(0, str(HERE))
    from bench_canvas import bench_window

    from kubecanvas.ui.commands import design_files

    window = bench_window(app, Path(tempfile.mkdtemp(prefix="kubecanvas-instr-")))
    if stage == "window":
        os._exit(0)  # (no tear-down: it is not the open's work)
    read = design_files.open_paths

    def opened(paths: object) -> object:
        session = read(paths)  # type: ignore[arg-type]
        if stage == "load":
            os._exit(0)
        return session

    design_files.open_paths = opened  # type: ignore[assignment]
    window.open_paths([Path(source)])
    os._exit(0)


def measure(source: Path, stage: str, cache: bool, out: Path) -> dict[str, int]:
    """Instructions (and last-level read misses) of one stage process."""
    argv = ["valgrind", "--tool=cachegrind", f"--cachegrind-out-file={out}",
            *((f"--LL={LAST_LEVEL}", "--cache-sim=yes") if cache else ("--cache-sim=no",)),
            sys.executable, __file__, "--stage", stage, str(source)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONHASHSEED": "0"}
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    events, summary = "", ""
    for line in out.read_text().splitlines():
        if line.startswith("events:"):
            events = line.split(":", 1)[1]
        elif line.startswith("summary:"):
            summary = line.split(":", 1)[1]
    counts = dict(zip(events.split(), map(int, summary.split()), strict=True))
    return {"instructions": counts["Ir"], **({"ll_misses": counts["DLmr"] + counts["ILmr"]}
                                             if cache else {})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,15000")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--stage", nargs=2, metavar=("STAGE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        stage_process(args.stage[1], args.stage[0])
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("bench_instructions: needs valgrind (apt-get install valgrind)")
    sys.path.insert(0, str(HERE))
    from generate import generate_yaml

    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="kubecanvas-bench-instr-"))
    try:
        jobs = []
        for size in sizes:
            source = work / f"generated-{size}.yaml"
            source.write_text(generate_yaml(size), encoding="utf-8")
            jobs += [(size, stage, source) for stage in STAGES]
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            done = list(pool.map(lambda job: measure(job[2], job[1], not args.no_cache,
                                                     work / f"cg.{job[0]}.{job[1]}"), jobs))
        raw = {f"{size}/{stage}": counts for (size, stage, _), counts in zip(jobs, done,
                                                                             strict=True)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(raw))
    print(table(raw, sizes))
    return 0


def table(raw: dict[str, dict[str, int]], sizes: list[int]) -> str:
    """Each stage's own figures per size (the stage before subtracted) and their growth."""
    names = {"window": "interpreter, imports, empty window",
             "load": "load + layout + graph + validation", "scene": "scene build"}
    small, large = sizes[-2], sizes[-1]
    keys = [k for k in ("instructions", "ll_misses") if k in raw[f"{small}/window"]]
    label = {"instructions": "instructions", "ll_misses": "last-level read misses"}
    head = ["stage of the open", *(f"{label[k]} at {s:,}" for k in keys for s in sizes),
            *(f"{label[k]} growth" for k in keys)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for number, stage in enumerate(STAGES):
        def own(size: int, key: str, stage: str = stage, number: int = number) -> int:
            before = raw[f"{size}/{STAGES[number - 1]}"][key] if number else 0
            return raw[f"{size}/{stage}"][key] - before
        cells = [f"{own(s, k) / 1e6:,.1f} M" for k in keys for s in sizes]
        growth = [f"{own(large, k) / own(small, k):.2f}x" if own(small, k) else "-"
                  for k in keys]
        lines.append("| " + " | ".join([names[stage], *cells, *growth]) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
