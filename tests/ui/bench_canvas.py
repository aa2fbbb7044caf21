"""Benchmark (not a test): the canvas with a generated 5,000-resource document.

Run: `QT_QPA_PLATFORM=offscreen python -m tests.ui.bench_canvas [COUNT]`. Reports the time to build
the session and scene, to paint the first frame, per mouse-move event while dragging one node
(real QMouseEvents on the viewport), for the move edit committed on release, and for zoom to fit.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from kubecanvas.model.document import Document
from kubecanvas.model.layout import NODE_HEIGHT
from kubecanvas.model.resource import Resource


def generate(count: int, namespaces: int = 8) -> list[Resource]:
    """Apps of five wired resources (Service, Deployment, ConfigMap, Secret, PVC) per namespace."""
    out: list[Resource] = []
    i = 0
    while len(out) < count:
        ns, name = f"team-{i % namespaces}", f"svc-{i}"
        labels = {"app": name}
        pod: dict[str, Any] = {"containers": [{
            "name": "app", "image": "nginx:1.27", "ports": [{"name": "http", "containerPort": 80}],
            "envFrom": [{"configMapRef": {"name": name}}],
            "env": [{"name": "PW", "valueFrom": {"secretKeyRef": {"name": name, "key": "pw"}}}],
            "volumeMounts": [{"name": "data", "mountPath": "/data"}]}],
            "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": name}}]}
        meta = {"name": name, "namespace": ns}
        out += [
            Resource({"apiVersion": "v1", "kind": "Service", "metadata": meta,
                      "spec": {"selector": labels, "ports": [{"port": 80, "targetPort": "http"}]}}),
            Resource({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta,
                      "spec": {"replicas": 2, "selector": {"matchLabels": labels},
                               "template": {"metadata": {"labels": labels}, "spec": pod}}}),
            Resource({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta,
                      "data": {"a": "b"}}),
            Resource({"apiVersion": "v1", "kind": "Secret", "metadata": meta,
                      "stringData": {"pw": "x"}}),
            Resource({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta,
                      "spec": {"accessModes": ["ReadWriteOnce"],
                               "resources": {"requests": {"storage": "1Gi"}}}}),
        ]
        i += 1
    return out[:count]


def _mouse(widget: Any, kind: QMouseEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)),
                        Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove
                        else Qt.MouseButton.NoButton, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def main(count: int = 5000) -> None:
    app = QApplication.instance() or QApplication([])
    from kubecanvas.ui import file_ops
    from kubecanvas.ui.main_window import MainWindow
    from kubecanvas.ui.session import Session

    window = MainWindow(QSettings("/tmp/kubecanvas-bench.ini", QSettings.Format.IniFormat))
    window.ask_on_close = False
    window.resize(1600, 1000)
    window.show()
    t0 = time.perf_counter()
    document = Document(generate(count))
    file_ops.lay_out(document)
    session = Session.create(document)
    t1 = time.perf_counter()
    window.set_session(session)
    t2 = time.perf_counter()
    window.view.viewport().repaint()
    app.processEvents()
    t3 = time.perf_counter()
    print(f"{count} resources: layout+graph+validation {t1 - t0:.2f} s, scene {t2 - t1:.2f} s, "
          f"first paint {t3 - t2:.2f} s, total {t3 - t0:.2f} s")
    window.view.set_zoom(1.0)
    target = next(r for r in document if r.kind == "Deployment")
    window.view.centerOn(QPointF(*target.position))
    app.processEvents()
    viewport = window.view.viewport()
    start = window.view.mapFromScene(QPointF(target.position[0] + 60,
                                             target.position[1] + NODE_HEIGHT / 2))
    _mouse(viewport, QMouseEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    times, cpu = [], []
    for i in range(1, 121):
        pos = start + QPoint(i * 3, i)
        begin, begin_cpu = time.perf_counter(), time.process_time()
        _mouse(viewport, QMouseEvent.Type.MouseMove, pos, Qt.MouseButton.LeftButton)
        viewport.repaint()  # a full synchronous repaint: an upper bound of what Qt repaints
        times.append((time.perf_counter() - begin) * 1000)
        cpu.append((time.process_time() - begin_cpu) * 1000)
    begin = time.perf_counter()
    _mouse(viewport, QMouseEvent.Type.MouseButtonRelease, start + QPoint(360, 120),
           Qt.MouseButton.NoButton)
    release = (time.perf_counter() - begin) * 1000
    times.sort()
    cpu.sort()
    print(f"drag: {len(times)} mouse moves (event + full viewport repaint): median "
          f"{statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95)]:.1f} ms, "
          f"max {times[-1]:.1f} ms (CPU time: median {statistics.median(cpu):.1f} ms, p95 "
          f"{cpu[int(len(cpu) * 0.95)]:.1f} ms); release (one MoveResources edit) "
          f"{release:.1f} ms")
    begin = time.perf_counter()
    window.view.zoom_to_fit()
    viewport.repaint()
    print(f"zoom to fit + repaint: {(time.perf_counter() - begin) * 1000:.0f} ms")
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
