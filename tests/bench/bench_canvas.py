"""Benchmark (not a test): the editor with a generated document of COUNT resources.

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_canvas.py [COUNT] [--json]

The document comes from `generate.py` (realistic applications, some wiring broken) written to a
YAML file, and is opened the way a user opens it: load, lay out, wiring graph and validation,
scene, then the event loop runs until it is idle, which paints the first frame (the whole design
zoomed to fit, badges included) and anything else the window does right after opening. Then it times each mouse-move event while dragging one node (real
QMouseEvents on the viewport, each followed by a full synchronous repaint, an upper bound of what
Qt repaints; also
shown: the event alone, and the event plus the repaint Qt itself schedules), the move edit committed on release, and zoom to fit. `--json` prints one JSON
object for `run_all.py`, including this process's peak resident memory. Times are the CPU time
of this process (Qt's offscreen rendering runs in it), not wall time: the benchmark machine is
shared, and waiting for a core is not KubeCanvas's cost.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_yaml  # noqa: E402

from kubecanvas.io.heap import settle  # noqa: E402
from kubecanvas.model.layout import NODE_HEIGHT  # noqa: E402


def _mouse(widget: Any, kind: QMouseEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)),
                        Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove
                        else Qt.MouseButton.NoButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


class _PaintCounter(QObject):
    """Counts the paint events a widget receives (to know a frame was really shown)."""

    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False

    def remove(self) -> None:
        self.widget.removeEventFilter(self)


def desktop_screen(size: str) -> None:
    """Give Qt's offscreen platform a screen of `size` ("1920x1200"). Its default screen is
    800x600, which shrank the "1600 x 1000" window to a 631 x 319 canvas, so every drag and pan
    figure painted a fifth of what a desktop window paints. A platform set otherwise (or
    already given a `configfile`) is left alone."""
    if os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        return
    width, height = (int(v) for v in size.lower().split("x"))
    config = Path(tempfile.mkdtemp(prefix="kubecanvas-screen-")) / "screens.json"
    config.write_text(json.dumps({"screens": [{"name": "bench", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpiX": 96,
                                               "logicalDpiY": 96}]}), encoding="utf-8")
    atexit.register(shutil.rmtree, config.parent, True)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


#: the phases after opening, in the order they run (`--phases` picks some)
PHASES = ("drag", "edits", "autosave", "pan", "zoom")


def bench_window(app: Any, work: Path) -> Any:
    """The editor's window as the benchmarks open designs in it: shown at 1600 x 1000, its
    settings and recovery copies under `work` (not in ~), autosave's timers stopped (a copy is
    started by hand where one is measured)."""
    from kubecanvas.ui.window.main_window import MainWindow

    os.environ["XDG_DATA_HOME"] = str(work / "data")
    window = MainWindow(QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window.ask_on_close = False
    window.autosaver.stop()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    return window


def measure(count: int, seed: int = 0, phases: tuple[str, ...] = PHASES) -> dict[str, Any]:
    """Open, paint, drag and zoom a generated document of `count` resources; seconds and ms.
    Opening is always measured; `phases` picks what follows it."""
    app = QApplication.instance() or QApplication([])
    from kubecanvas.ui.commands import design_files

    work = Path(tempfile.mkdtemp(prefix="kubecanvas-bench-"))
    source = work / f"generated-{count}.yaml"
    source.write_text(generate_yaml(count, seed), encoding="utf-8")
    window = bench_window(app, work)
    # opened as File > Open does (`MainWindow.open_paths`); the time the file is read, laid
    # out, wired and checked is taken where `design_files.open_paths` returns
    loaded_at: list[float] = []
    read = design_files.open_paths

    def timed_open(paths: Any) -> Any:
        session = read(paths)
        loaded_at.append(time.process_time())
        return session

    paints = _PaintCounter(window.view.viewport())
    t0 = time.process_time()
    design_files.open_paths = timed_open  # type: ignore[assignment]
    try:
        assert window.open_paths([source])
    finally:
        design_files.open_paths = read  # type: ignore[assignment]
    t1, t2 = loaded_at[0], time.process_time()
    session = window.session
    app.processEvents()  # what the event loop does next: the deferred zoom to fit, the paint
    if not paints.count:  # no frame yet: paint one, so the time always ends on a shown frame
        window.view.viewport().repaint()
    t3 = time.process_time()
    paints.remove()
    # a moment later the window collects what the empty start design left and freezes the
    # new one (io/heap.py); timed here rather than left to fire during the drag
    window.settle_timer.stop()
    begin = time.process_time()
    settle()
    settled = time.process_time() - begin
    out: dict[str, Any] = {"size": count, "open_load": t1 - t0, "open_scene": t2 - t1,
                           "open_paint": t3 - t2, "first_paint": t3 - t0, "settle": settled,
                           "viewport": [window.view.viewport().width(),
                                        window.view.viewport().height()],
                           **_open_routing(app, window)}
    if "drag" in phases:
        out.update(_drag(app, window, session.document))
    if "edits" in phases:
        out.update(_editor_edits(app, window))
    if "autosave" in phases:
        out.update(_autosave(app, window))
    if "pan" in phases:  # after the edits: once shown, the overview is rebuilt after each edit
        out.update(_pan(app, window))
    if "zoom" in phases:
        viewport = window.view.viewport()
        begin = time.process_time()
        window.view.zoom_to_fit()
        viewport.repaint()
        out["zoom_fit"] = time.process_time() - begin
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    app.processEvents()
    shutil.rmtree(work)
    return out


def _drag(app: Any, window: Any, document: Any) -> dict[str, float]:
    """Milliseconds per mouse-move event (event + full repaint) dragging one Deployment."""
    window.view.set_zoom(1.0)
    target = next(r for r in document if r.kind == "Deployment")
    window.view.centerOn(QPointF(*target.position))
    app.processEvents()
    # a person looks for the card before pressing: the window's work between events after
    # opening (What Happens reading the design's pod counts and addresses) runs meanwhile
    looked = time.monotonic() + 1.5
    while time.monotonic() < looked:
        app.processEvents()
        time.sleep(0.002)
    viewport = window.view.viewport()
    start = window.view.mapFromScene(QPointF(target.position[0] + 60,
                                             target.position[1] + NODE_HEIGHT / 2))
    # the press selects the node; the panels follow it (What Happens, the inspector), and Qt
    # lays them out and paints them in the next event-loop turns: the press's cost, timed here
    # until the window is idle, so the first move is timed on its own
    begin = time.process_time()
    _mouse(viewport, QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for _ in range(3):
        app.processEvents()
    viewport.repaint()
    pressed = (time.process_time() - begin) * 1000
    times, events, updates = [], [], []
    for i in range(1, 121):
        begin = time.process_time()
        _mouse(viewport, QMouseEvent.Type.MouseMove, start + QPoint(i * 3, i),
               Qt.MouseButton.LeftButton)
        handled = time.process_time()
        app.processEvents()  # what Qt itself repaints: the dirty region
        updated = time.process_time()
        viewport.repaint()  # the whole viewport: an upper bound
        times.append((time.process_time() - begin) * 1000)
        events.append((handled - begin) * 1000)
        updates.append((updated - begin) * 1000)
    begin = time.process_time()
    _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, start + QPoint(360, 120),
           Qt.MouseButton.NoButton)
    release = (time.process_time() - begin) * 1000
    later = _after_release(app, window)
    moved = document.get(target.id).position != target.position
    return {"drag_median_ms": statistics.median(times), "drag_p95_ms": _percentile(times, 0.95),
            "drag_first_ms": times[0], "press_ms": pressed,
            "drag_max_ms": max(times), "drag_event_median_ms": statistics.median(events),
            "drag_update_median_ms": statistics.median(updates),
            "drag_update_p95_ms": _percentile(updates, 0.95),
            "release_ms": release, "drag_moved": moved, **later}


def _routing(window: Any) -> bool:
    """Wires of a drop still wait for their routes around the cards (routed in slices)."""
    slices = getattr(window.scene, "route_slices", None)  # (none before session 10)
    return bool(slices is not None and slices.pending)


def _open_routing(app: Any, window: Any) -> dict[str, float]:
    """After a big design opened, the wires no plain shape takes past the cards are routed
    around them in slices (`router.route_whole`): the event-loop turns until they are done,
    as a person who waits a moment before the first gesture (the gestures measured next then
    measure themselves, not a slice of this): CPU seconds, the longest turn, and the turns."""
    longest = 0.0
    turns = 0
    begin = time.process_time()
    while _routing(window):
        turn = time.process_time()
        app.processEvents()
        longest = max(longest, time.process_time() - turn)
        turns += 1
    return {"open_routing": time.process_time() - begin,
            "open_routing_longest_ms": longest * 1000, "open_routing_turns": turns}


def _after_release(app: Any, window: Any) -> dict[str, float]:
    """The event-loop turns after a release, for half a second and on until the drop's wires
    are routed: the longest turn, the CPU of them all and how many turns the routing took
    (CPU milliseconds of this process)."""
    longest = total = 0.0
    turns = 0
    until = time.monotonic() + 0.5
    while time.monotonic() < until or _routing(window):
        routing = _routing(window)
        begin = time.process_time()
        app.processEvents()
        spent = time.process_time() - begin
        longest, total = max(longest, spent), total + spent
        turns += routing
        time.sleep(0.002)
    return {"release_later_longest_ms": longest * 1000, "release_later_total_ms": total * 1000,
            "release_routing_turns": turns}


#: the zoom of the panning measure: far out, where thousands of wires are in view
PAN_ZOOM = 0.05


def _pan(app: Any, window: Any, frames: int = 40) -> dict[str, float]:
    """Milliseconds per frame while panning at 5% zoom over the middle of the design: each
    frame scrolls 12 pixels (alternately left and right) and lets Qt repaint what it scheduled
    (the uncovered strip); the full row repaints the whole viewport after it (an upper bound)."""
    from kubecanvas.ui.canvas.edge_item import EdgeItem

    view, viewport = window.view, window.view.viewport()
    # the canvas itself, with its wires: View > Overview When Zoomed Out (on by default) would
    # show one tile per application block instead (`pan_overview_*` below)
    overview = window.picture.actions["overview"]
    overview.setChecked(False)
    view.set_zoom(PAN_ZOOM)
    view.centerOn(window.scene.itemsBoundingRect().center())
    app.processEvents()
    viewport.repaint()
    shown = view.mapToScene(viewport.rect()).boundingRect()
    wires = sum(1 for item in window.scene.items(shown) if isinstance(item, EdgeItem))
    bar = view.horizontalScrollBar()
    scheduled, full = [], []
    for frame in range(frames):
        begin = time.process_time()
        bar.setValue(bar.value() + (12 if frame % 2 == 0 else -12))
        app.processEvents()
        painted = time.process_time()
        viewport.repaint()
        scheduled.append((painted - begin) * 1000)
        full.append((time.process_time() - begin) * 1000)
    out = {"pan_wires": wires, "pan_median_ms": statistics.median(scheduled),
           "pan_p95_ms": _percentile(scheduled, 0.95),
           "pan_full_median_ms": statistics.median(full),
           "pan_full_p95_ms": _percentile(full, 0.95)}
    overview.setChecked(True)
    view.set_zoom(PAN_ZOOM)
    app.processEvents()
    viewport.repaint()
    shown = []
    for frame in range(frames):
        begin = time.process_time()
        bar.setValue(bar.value() + (12 if frame % 2 == 0 else -12))
        app.processEvents()
        viewport.repaint()
        shown.append((time.process_time() - begin) * 1000)
    out["pan_overview_full_median_ms"] = statistics.median(shown)
    return out


def _editor_edits(app: Any, window: Any, count: int = 60) -> dict[str, float]:
    """Milliseconds from an edit through the undo stack until the window caught up: graph,
    validator, canvas, Problems, the teaching panels, and the repaint (at 100% zoom). The
    edits cycle through a ConfigMap value, a Deployment's replicas and a Service selector."""
    from kubecanvas.model.edits import SetField

    session = window.session
    document = session.document
    phases = _PhaseTimes(session)
    pools = [[r for r in document if r.kind == "ConfigMap"],
             [r for r in document if r.kind == "Deployment"],
             [r for r in document if r.kind == "Service" and r.spec.get("selector")]]
    times = []
    for number in range(count):
        pool = pools[number % 3]
        target = pool[number % len(pool)]
        if number % 3 == 0:
            path, value = ("data", "bench"), str(number)
        elif number % 3 == 1:
            path, value = ("spec", "replicas"), 1 + number % 5
        else:
            key = next(iter(target.spec["selector"]))
            path, value = ("spec", "selector", key), target.spec["selector"][key] + "x"
        begin = time.process_time()
        window.editor.push(SetField(target.id, path, value))
        pushed = time.process_time()
        app.processEvents()
        times.append((time.process_time() - begin) * 1000)
        phases.add("event loop", time.process_time() - pushed)
        window.autosaver.countdown.stop()  # the copy is measured on its own
    phases.remove()
    out = {"editor_edit_median_ms": statistics.median(times),
           "editor_edit_p95_ms": _percentile(times, 0.95),
           "editor_edit_phases_ms": phases.medians(),
           **_storage_edits(app, window, count // 2)}
    # what the window does later, on timers (the legend, the overview 300 ms after an edit):
    # the longest event-loop turn in the second after an edit, and on until the overview's
    # refresh (made in slices) is done, at this zoom and with the overview shown (far out)
    for name, zoom in (("editor_later_longest_ms", None), ("editor_later_overview_ms", 0.05)):
        if zoom is not None:
            window.view.set_zoom(zoom)
        longest = 0.0
        for number in range(count, count + 6):
            pool = pools[number % 3]
            target = pool[number % len(pool)]
            window.editor.push(SetField(target.id, ("metadata", "annotations"),
                                        {"bench": str(number)}))
            app.processEvents()
            until = time.monotonic() + 1.0
            while time.monotonic() < until or _catching_up(window):
                begin = time.process_time()
                app.processEvents()
                longest = max(longest, time.process_time() - begin)
                time.sleep(0.005)
            window.autosaver.countdown.stop()
        out[name] = longest * 1000
    return out


def _storage_edits(app: Any, window: Any, count: int) -> dict[str, float]:
    """The same for edits binding reads (PV binding is simulated over every claim and volume
    of the design): a PersistentVolume's capacity, a claim's request, a StatefulSet's
    replicas (its claims per replica), in turn. The figure includes the first slice of the
    routing an edit leaves for later, when it leaves some (`scene_update.ROUTE_NOW_STEPS`)."""
    from kubecanvas.model.edits import SetField

    document = window.session.document
    pools = [[r for r in document if r.kind == kind]
             for kind in ("PersistentVolume", "PersistentVolumeClaim", "StatefulSet")]
    paths = [("spec", "capacity", "storage"), ("spec", "resources", "requests", "storage"),
             ("spec", "replicas")]
    times = []
    for number in range(count):
        pool = pools[number % 3]
        if not pool:
            continue
        target = pool[number % len(pool)]
        value: object = 1 + number % 3 if number % 3 == 2 else f"{1 + number % 4}Gi"
        # the wires an earlier edit left to be routed in slices are routed first, untimed, as
        # they are in the seconds between a person's edits: back to back, each edit restarted
        # them and its own figure carried a 6 ms slice of them
        window.scene.route_slices.finish()
        begin = time.process_time()
        window.editor.push(SetField(target.id, paths[number % 3], value))
        app.processEvents()
        times.append((time.process_time() - begin) * 1000)
        window.autosaver.countdown.stop()
    return {"editor_storage_edit_median_ms": statistics.median(times),
            "editor_storage_edit_p95_ms": _percentile(times, 0.95)}


def _catching_up(window: Any) -> bool:
    """Work an edit left for later still under way: the overview's refresh in slices."""
    return bool(getattr(window.picture.overview, "refreshing", False))


class _PhaseTimes:
    """Where an edit's time goes: the graph, the validator, each view in the session's update
    order (`ui.session.VIEWS`), and the event loop after them (paints, anything deferred);
    CPU milliseconds per edit, as medians."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.times: dict[str, list[float]] = {}
        self._views = dict(session._views)  # noqa: SLF001 - timed in place, put back after
        for name, view in self._views.items():
            session._views[name] = self._timed(name, view)  # noqa: SLF001
        self._graph, self._validator = session.graph.apply_change, session.validator.apply
        session.graph.apply_change = self._timed("graph", self._graph)
        session.validator.apply = self._timed("validation", self._validator)

    def _timed(self, name: str, call: Any) -> Any:
        def timed(*args: Any) -> Any:
            begin = time.process_time()
            try:
                return call(*args)
            finally:
                self.add(name, time.process_time() - begin)
        return timed

    def add(self, name: str, seconds: float) -> None:
        self.times.setdefault(name, []).append(seconds * 1000)

    def remove(self) -> None:
        self.session._views.update(self._views)  # noqa: SLF001
        self.session.graph.apply_change = self._graph
        self.session.validator.apply = self._validator

    def medians(self) -> dict[str, float]:
        return {name: statistics.median(values) for name, values in self.times.items()}


def _autosave(app: Any, window: Any) -> dict[str, float]:
    """The recovery copy after an edit, made in slices between events: the longest time the
    window is busy in one event-loop turn, for the first copy and for a next one (which reuses
    the text of unchanged resources); beside it the one-shot `save_project` of the design."""
    from kubecanvas.io.project import save_project
    from kubecanvas.model.edits import SetField

    saver = window.autosaver
    document = window.session.document
    target = next(r for r in document if r.kind == "Deployment")
    baseline = saver.project.with_name("baseline.kcanvas")
    baseline.parent.mkdir(parents=True, exist_ok=True)
    begin = time.process_time()
    save_project(document, baseline)
    out = {"save_once_ms": (time.process_time() - begin) * 1000}
    for name, replicas in (("autosave_first", 4), ("autosave_next", 5)):
        window.editor.push(SetField(target.id, ("spec", "replicas"), replicas))
        saver.countdown.stop()
        # the edit's own follow-ups (the repaint, panels, timers of up to 300 ms) run before
        # the copy, as they do in the 3 s the countdown waits; not counted as the copy's turns
        # (started at once, one of them shared a turn with a slice: 19 ms, 11 of them Qt's
        # painting after the edit)
        idle = time.monotonic() + 1.0
        while time.monotonic() < idle:
            app.processEvents()
            time.sleep(0.01)
        begin = time.process_time()
        saver.start_copy()  # a turn of its own (the countdown's timeout)
        longest = time.process_time() - begin
        while saver.copying:
            turn = time.process_time()
            app.processEvents()
            longest = max(longest, time.process_time() - turn)
        out[f"{name}_total_ms"] = (time.process_time() - begin) * 1000
        out[f"{name}_longest_ms"] = longest * 1000
    saver.discard()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="what to measure after opening, comma-separated, from "
                             f"{','.join(PHASES)} (opening is always measured)")
    parser.add_argument("--screen", default="1920x1200",
                        help="the offscreen screen's size (Qt's default, 800x600, holds no "
                             "1600 x 1000 window)")
    args = parser.parse_args(argv)
    desktop_screen(args.screen)
    phases = tuple(p for p in args.phases.split(",") if p)
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    out = measure(args.count, args.seed, phases)
    if args.json:
        print(json.dumps(out))
        return 0
    print(f"{args.count} resources: load+layout+graph+validation {out['open_load']:.2f} s, "
          f"scene {out['open_scene']:.2f} s, paint {out['open_paint']:.2f} s, first paint "
          f"{out['first_paint']:.2f} s; then collecting after open {out['settle']:.2f} s; "
          f"routing the hard wires after open {out['open_routing']:.2f} s in "
          f"{out['open_routing_turns']} turns, longest {out['open_routing_longest_ms']:.1f} ms")
    if "drag" in phases:
        print(f"drag: 120 mouse moves: event alone median {out['drag_event_median_ms']:.1f} ms; "
              f"event + Qt's own repaint median {out['drag_update_median_ms']:.1f} ms, p95 "
              f"{out['drag_update_p95_ms']:.1f} ms; event + full viewport repaint median "
              f"{out['drag_median_ms']:.1f} ms, p95 {out['drag_p95_ms']:.1f} ms, max "
              f"{out['drag_max_ms']:.1f} ms; release (one move edit) {out['release_ms']:.1f} ms;"
              f" node moved: {out['drag_moved']}; press (until idle) {out['press_ms']:.0f} ms, "
              f"first move {out['drag_first_ms']:.1f} ms; after the release: longest turn "
              f"{out['release_later_longest_ms']:.1f} ms, all turns "
              f"{out['release_later_total_ms']:.0f} ms, routing in "
              f"{out['release_routing_turns']} turns")
    if "pan" in phases:
        print(f"pan at {PAN_ZOOM:.0%} zoom, {out['pan_wires']} wires in view: scroll + Qt's own "
              f"repaint median {out['pan_median_ms']:.1f} ms, p95 {out['pan_p95_ms']:.1f} ms; "
              f"+ full viewport repaint median {out['pan_full_median_ms']:.1f} ms, p95 "
              f"{out['pan_full_p95_ms']:.1f} ms (the overview instead: "
              f"{out['pan_overview_full_median_ms']:.1f} ms)")
    if "edits" in phases:
        print(f"one edit in the editor until the window caught up: median "
              f"{out['editor_edit_median_ms']:.1f} ms, p95 {out['editor_edit_p95_ms']:.1f} ms")
        print(f"  later, on timers: longest event-loop turn {out['editor_later_longest_ms']:.1f}"
              f" ms; with the overview shown {out['editor_later_overview_ms']:.1f} ms")
        print("  per phase (median ms): " + ", ".join(
            f"{name} {ms:.1f}" for name, ms in out["editor_edit_phases_ms"].items()))
    if "autosave" in phases:
        print(f"autosave copy after an edit: first {out['autosave_first_total_ms']:.0f} ms in "
              f"slices of at most {out['autosave_first_longest_ms']:.0f} ms, next "
              f"{out['autosave_next_total_ms']:.0f} ms (longest "
              f"{out['autosave_next_longest_ms']:.0f} ms); save_project at once: "
              f"{out['save_once_ms']:.0f} ms")
    if "zoom" in phases:
        print(f"zoom to fit + repaint: {out['zoom_fit'] * 1000:.0f} ms")
    print(f"peak RSS {out['maxrss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
