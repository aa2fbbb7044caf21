"""Benchmark (not a test): how long File > Save keeps the window from answering.

    QT_QPA_PLATFORM=offscreen python tests/bench/bench_save.py [COUNT]

A generated design of COUNT resources (default 5,000) is opened, then saved as a project twice
per way: on the UI thread (`FileCommands.save`, what Save did before) and as File > Save does
now (`save_in_background`). For each it reports how long the call held the UI thread and the
longest the event loop went without running a 2 ms timer until the file was written (what a
user feels as a frozen window). Wall times: the machine is shared, so compare the two ways
within one run, not across runs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_yaml  # noqa: E402


def _longest_gap(app: QApplication, busy: callable) -> float:  # type: ignore[valid-type]
    """Run the event loop until `busy()` is false; the longest wait between timer ticks."""
    last = [time.perf_counter()]
    gaps = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    while busy():
        app.processEvents()
    app.processEvents()
    timer.stop()
    return max(gaps)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    app = QApplication.instance() or QApplication([])
    from kubecanvas.ui.window.main_window import MainWindow

    work = Path(tempfile.mkdtemp(prefix="kc-bench-save-"))
    source = work / "design.yaml"
    source.write_text(generate_yaml(count, 0), encoding="utf-8")
    window = MainWindow(QSettings(str(work / "s.ini"), QSettings.Format.IniFormat))
    window.ask_on_close = False
    assert window.open_paths([source])
    assert window.session is not None
    window.session.path = work / "design.kcanvas"
    first = window.session.document.ids()[0]
    print(f"{len(window.session.document)} resources")
    for way in ("UI thread", "background", "UI thread", "background"):
        window.editor.nudge([first], 20, 0)
        start = time.perf_counter()
        if way == "UI thread":
            window.files.save()
        else:
            window.files.save_in_background()
        held = time.perf_counter() - start
        gap = _longest_gap(app, lambda: window.files.saver.saving)
        total = time.perf_counter() - start
        print(f"{way:>10}: UI thread held {held * 1000:7.1f} ms, longest frozen "
              f"{max(held, gap) * 1000:7.1f} ms, file written after {total * 1000:7.1f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
