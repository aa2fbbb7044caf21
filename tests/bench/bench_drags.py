"""Benchmark (not a test): many real drags in the editor; wires under cards after each release.

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_drags.py [COUNT] [--drags N] [--seed S]

Opens a `generate.py` design of COUNT resources and drags N cards, chosen with a fixed seed
(by kind, namespace and name, never by id), each 12 mouse moves of up to 300 x 250 px to a spot
where neither the card nor its stand-ins lands on another card (a card dropped on a card, or
a NetworkPolicy, whose press runs the whole-cluster network simulation, is not drawn). After
each release, once the wires are routed (in slices, after the release), it counts the dragged
card's wires (and its stand-ins') that pass through a card other than their ends, as `render
--stats` counts them (`model/layout/quality.py`); it times the release (CPU of this process: the
move edit, and the routing where it is done in the release), and the event-loop turns after it
until the wires are routed: the longest and their sum (the routing's slices).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_canvas import _mouse, _routing, bench_window, desktop_screen  # noqa: E402
from generate import generate_yaml  # noqa: E402

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH  # noqa: E402
from kubecanvas.model.layout.quality import INSET, segment_hits_rect  # noqa: E402
from kubecanvas.model.layout.routing import CardIndex  # noqa: E402


def _points(item) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    points: list[tuple[float, float]] = []
    for polygon in item.path().toSubpathPolygons():
        points += [(polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.size())]
    return points


def _under(scene, node) -> list[str]:  # type: ignore[no-untyped-def]
    """The dragged card's wires that pass through a card other than their ends."""
    from kubecanvas.ui.canvas.edge_item import EdgeItem

    index = CardIndex({n.rid: (n.scenePos().x(), n.scenePos().y(), NODE_WIDTH, NODE_HEIGHT)
                       for n in scene.nodes.values() if n.isVisible()})
    wires = {w for n in (node, *node.ghosts) for w in n.edges if isinstance(w, EdgeItem)}
    bad = []
    for wire in sorted(wires, key=lambda w: w.key):
        points = _points(wire)
        ends = (wire.source.rid, wire.target.rid)
        for a, b in zip(points, points[1:], strict=False):
            near = index.near(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            if any(segment_hits_rect(a, b, (x + INSET, y + INSET, w - 2 * INSET, h - 2 * INSET))
                   for cid in near if cid not in ends for x, y, w, h in (index.cards[cid],)):
                bad.append(f"{wire.source.kind}/{wire.source.name} -> "
                           f"{wire.target.kind}/{wire.target.name}")
                break
    return bad


def measure(count: int, drags: int, seed: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication([])
    from kubecanvas.ui.canvas.node_item import NodeItem

    work = Path(tempfile.mkdtemp(prefix="kubecanvas-drags-"))
    source = work / f"generated-{count}.yaml"
    source.write_text(generate_yaml(count, 0), encoding="utf-8")
    window = bench_window(app, work)
    assert window.open_paths([source])
    app.processEvents()
    scene, view = window.scene, window.view
    view.set_zoom(1.0)
    rng = random.Random(seed)
    cards = sorted((n for n in scene.nodes.values() if not n.ghost and n.isVisible()
                    and n.kind != "NetworkPolicy"), key=lambda n: (n.kind, n.namespace, n.name))
    releases, with_under, longest, routing = [], 0, [], []
    for number in range(drags):
        while True:  # a card and a spot where it and its stand-ins land on no other card
            node = rng.choice(cards)
            dx, dy = rng.randint(-300, 300), rng.randint(-250, 250)
            pos = node.pos()
            ddx = round((pos.x() + dx) / 20) * 20 - pos.x()
            ddy = round((pos.y() + dy) / 20) * 20 - pos.y()
            mine = {node, *node.ghosts}
            spots = [QRectF(m.pos().x() + ddx - 20, m.pos().y() + ddy - 20, NODE_WIDTH + 40,
                            NODE_HEIGHT + 40) for m in mine]
            if not any(isinstance(i, NodeItem) and i not in mine and i.isVisible()
                       for spot in spots for i in scene.items(spot)):
                break
        start = QPointF(pos.x() + 60, pos.y() + NODE_HEIGHT / 2)
        view.centerOn(start + QPointF(dx / 2, dy / 2))
        app.processEvents()
        viewport = view.viewport()
        a, b = view.mapFromScene(start), view.mapFromScene(start + QPointF(dx, dy))
        _mouse(viewport, QMouseEvent.Type.MouseButtonPress, a, Qt.MouseButton.LeftButton)
        app.processEvents()
        for i in range(1, 13):
            _mouse(viewport, QMouseEvent.Type.MouseMove,
                   QPoint(int(a.x() + (b.x() - a.x()) * i / 12),
                          int(a.y() + (b.y() - a.y()) * i / 12)), Qt.MouseButton.LeftButton)
        begin = time.process_time()
        _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, b, Qt.MouseButton.NoButton)
        releases.append((time.process_time() - begin) * 1000)
        turns = [0.0]
        while True:  # one turn at least, and on until the drop's wires are routed
            begin = time.process_time()
            app.processEvents()
            turns.append((time.process_time() - begin) * 1000)
            if not _routing(window):
                break
        longest.append(max(turns))
        routing.append(sum(turns))
        under = _under(scene, node)
        with_under += bool(under)
        print(f"{number} {node.kind}/{node.name} by ({dx}, {dy}): release "
              f"{releases[-1]:.0f} ms, then {len(turns) - 1} turns, longest {longest[-1]:.0f} "
              f"ms, all {routing[-1]:.0f} ms; wires under a card: {len(under)} {under[:3]}",
              flush=True)
    window.close()
    app.processEvents()
    shutil.rmtree(work)
    return {"size": count, "drags": drags, "drags_with_a_wire_under_a_card": with_under,
            "release_median_ms": round(statistics.median(releases), 1),
            "release_max_ms": round(max(releases), 1),
            "later_longest_turn_max_ms": round(max(longest), 1),
            "later_turns_total_median_ms": round(statistics.median(routing), 1),
            "later_turns_total_max_ms": round(max(routing), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=5000)
    parser.add_argument("--drags", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    desktop_screen("1920x1200")
    print(json.dumps(measure(args.count, args.drags, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
