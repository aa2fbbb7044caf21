"""Benchmark (not a test): how readable KubeCanvas's pictures are, next to Graphviz `dot`'s.

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_layout.py [CORPUS] [--app SUBSTRING]

For every application folder of the corpus (../shared/corpus by default; `malformed-or-templated`
is skipped), the picture is built the way `kubecanvas render` builds it (same loader, same
layout, same scene) and measured on the geometry the scene draws (`kubecanvas render --stats`).
The same diagram is written as DOT (`kubecanvas render -o x.dot`: the same boxes, stand-ins and
labelled edges, nodes the size of the cards, one cluster per namespace), laid out by `dot -Tjson`,
and measured with the same ruler (`model.layout.quality.measure`) on dot's own splines and label
positions. Prints a Markdown table (one row per app) and a summary line; needs `dot` on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from kubecanvas.io.dot import POINTS_PER_INCH, to_dot  # noqa: E402
from kubecanvas.model.layout.quality import Point, Quality, Rect, Wire, measure  # noqa: E402
from kubecanvas.ui.canvas.drawn_geometry import scene_quality  # noqa: E402
from kubecanvas.ui.canvas.scene import CanvasScene  # noqa: E402
from kubecanvas.ui.commands import design_files  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus"
FIELDS = ("crossings", "wires_through_cards", "label_overlaps", "wire_length", "area", "aspect")


def apps(corpus: Path) -> list[Path]:
    """Folders holding YAML directly, outside malformed-or-templated/, in path order."""
    found = {p.parent for p in corpus.rglob("*") if p.suffix in (".yaml", ".yml")}
    return sorted(p for p in found if "malformed-or-templated" not in p.parts)


def _cubic(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 8) -> list[Point]:
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def dot_geometry(layout: dict[str, Any]) -> tuple[dict[str, Rect], list[Wire], list[Rect]]:
    """Cards, wires (the splines `dot` draws, flattened) and label plates of `dot -Tjson`."""
    objects = layout.get("objects", [])
    names = {o["_gvid"]: o["name"] for o in objects if "nodes" not in o}
    cards: dict[str, Rect] = {}
    for o in objects:
        if "nodes" in o or "pos" not in o:
            continue
        x, y = (float(v) for v in o["pos"].split(","))
        w, h = float(o["width"]) * POINTS_PER_INCH, float(o["height"]) * POINTS_PER_INCH
        cards[o["name"]] = (x - w / 2, y - h / 2, w, h)
    wires: list[Wire] = []
    labels: list[Rect] = []
    for e in layout.get("edges", []):
        points: list[Point] = []
        for op in e.get("_draw_", []):
            if op.get("op") == "b":
                ctrl = [tuple(p) for p in op["points"]]
                points.append(ctrl[0])
                for i in range(0, len(ctrl) - 3, 3):
                    points += _cubic(ctrl[i], ctrl[i + 1], ctrl[i + 2], ctrl[i + 3])
        wires.append(Wire(tuple(points), names[e["tail"]], names[e["head"]]))
        size = 10.0
        for op in e.get("_ldraw_", []):
            if op.get("op") == "F":
                size = float(op["size"])
            elif op.get("op") == "T":
                (tx, ty), width = op["pt"], float(op["width"])
                # the same plate the canvas draws around its labels: 8 px each side
                labels.append((tx - width / 2 - 8, ty - 4, width + 16, size + 6))
    return cards, wires, labels


def dot_quality(dot_text: str) -> Quality:
    run = subprocess.run(["dot", "-Tjson"], input=dot_text, capture_output=True, text=True,
                         check=True)
    return measure(*dot_geometry(json.loads(run.stdout)))


def kubecanvas_picture(folder: Path) -> tuple[Quality, str, int]:
    """Quality of the picture `render` draws, the DOT text of the same diagram, node count."""
    session = design_files.open_paths([folder])
    scene = CanvasScene(session.document, session.graph)
    return scene_quality(scene), to_dot(session.document, session.graph), len(scene.nodes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--app", default="", help="only apps whose path contains this")
    args = parser.parse_args(argv)
    if shutil.which("dot") is None:
        print("bench_layout: Graphviz `dot` is not installed", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(["bench"])
    rows = []
    for folder in apps(args.corpus):
        name = str(folder.relative_to(args.corpus))
        if args.app not in name:
            continue
        ours, dot_text, nodes = kubecanvas_picture(folder)
        rows.append((name, nodes, ours, dot_quality(dot_text)))
    print("| app | cards | crossings KC / dot | through cards KC / dot "
          "| label overlaps KC / dot | wire length KC / dot | aspect KC / dot |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, nodes, k, d in rows:
        print(f"| {name} | {nodes} | {k.crossings} / {d.crossings} "
              f"| {k.wires_through_cards} / {d.wires_through_cards} "
              f"| {k.label_overlaps} / {d.label_overlaps} "
              f"| {k.wire_length:.0f} / {d.wire_length:.0f} | {k.aspect:.2f} / {d.aspect:.2f} |")
    crossing = [r for r in rows if r[3].crossings > 0 or r[2].crossings > 0]
    fewer = sum(1 for r in crossing if r[2].crossings < r[3].crossings)
    tied = sum(1 for r in crossing if r[2].crossings == r[3].crossings)
    print()
    print(f"{len(rows)} apps; KubeCanvas: {sum(r[2].wires_through_cards for r in rows)} wires "
          f"through cards, {sum(r[2].label_overlaps for r in rows)} label overlaps, "
          f"{sum(r[2].crossings for r in rows)} crossings; dot: "
          f"{sum(r[3].wires_through_cards for r in rows)} / "
          f"{sum(r[3].label_overlaps for r in rows)} / {sum(r[3].crossings for r in rows)}. "
          f"Of the {len(crossing)} apps where either picture has a crossing, KubeCanvas has "
          f"fewer on {fewer}, as many on {tied}; "
          f"{len(rows) - len(crossing)} apps have none in either.")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
