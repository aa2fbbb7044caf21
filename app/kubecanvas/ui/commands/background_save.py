"""Saving a large design without freezing the window.

An explicit Save of 5,000 resources serialized and wrote for about 0.4 s on the UI thread,
with the window frozen. The resources are captured on the UI thread (a `ProjectWriter`, or the
list of the document's `Resource` objects, which edits replace rather than change, so the file
is the design as it was when Save was chosen), then serialized and written atomically, as
before, on a worker thread: a project file, the YAML file chosen with Save As, or the imported
files written back. `finished` reaches the UI thread through Qt's queued signal delivery. The
thread is not a daemon: quitting during a save waits for the file to be whole.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kubecanvas.io.project import ProjectWriter
from kubecanvas.model.document import Document

#: resources serialized per step (the worker checks nothing between steps; steps keep the
#: writer's fragment cache warm the same way autosave fills it)
STEP = 250
#: below this many resources a save takes a few milliseconds: done at once, on the UI thread
BACKGROUND_FROM = 500


class BackgroundSave(QObject):
    """One project save at a time on a worker thread."""

    #: (path, the exception that stopped it or None)
    finished = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self.path: Path | None = None
        #: what the last save's work returned (read once `finished` arrived)
        self.result: Any = None

    @property
    def saving(self) -> bool:
        return self._thread is not None

    def start(self, document: Document, path: Path) -> None:
        """Capture `document` now and write it to `path` on a worker thread."""
        self.wait()
        writer = ProjectWriter(document, path)

        def work() -> None:
            while not writer.done:
                writer.step(STEP)
            writer.write()

        self.run(path, work)

    def run(self, path: Path, work: Callable[[], Any]) -> None:
        """Run `work` (which writes `path` from data captured beforehand) on a worker thread;
        its result is `result` once `finished` says it succeeded."""
        self.wait()
        self.path, self.result = path, None

        def job() -> None:
            try:
                self.result = work()
            except Exception as exc:  # noqa: BLE001 - reported to the user, never lost
                self.finished.emit(path, exc)
                return
            self.finished.emit(path, None)

        self._thread = threading.Thread(target=job, name="kubecanvas-save")
        self._thread.start()

    def done(self) -> None:
        """The UI thread took the result: no save is running any more."""
        if self._thread is not None:
            self._thread.join()
        self._thread = None

    def wait(self) -> None:
        """Block until a running save has written its file (before another save, or quit)."""
        if self._thread is not None:
            self._thread.join()
