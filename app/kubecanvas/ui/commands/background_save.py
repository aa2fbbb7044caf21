"""Saving a large project without freezing the window.

An explicit Save of 5,000 resources serialized and wrote for about 0.4 s on the UI thread,
with the window frozen. The resources are captured on the UI thread (a `ProjectWriter` keeps
the document's `Resource` objects, which edits replace rather than change, so the file is the
design as it was when Save was chosen), then serialized and written atomically, as before, on
a worker thread; `finished` reaches the UI thread through Qt's queued signal delivery. The
thread is not a daemon: quitting during a save waits for the file to be whole.
"""

from __future__ import annotations

import threading
from pathlib import Path

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

    @property
    def saving(self) -> bool:
        return self._thread is not None

    def start(self, document: Document, path: Path) -> None:
        """Capture `document` now and write it to `path` on a worker thread."""
        self.wait()
        writer = ProjectWriter(document, path)
        self.path = path

        def work() -> None:
            try:
                while not writer.done:
                    writer.step(STEP)
                writer.write()
            except Exception as exc:  # noqa: BLE001 - reported to the user, never lost
                self.finished.emit(path, exc)
                return
            self.finished.emit(path, None)

        self._thread = threading.Thread(target=work, name="kubecanvas-save")
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
