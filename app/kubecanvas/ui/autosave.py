"""Autosave: unsaved work is copied to a recovery file, offered back after a crash.

A change to the design starts a short countdown (`DELAY_MS`); when it ends, the design, if it
has unsaved changes, is written atomically as a project file under the application data folder,
with a small note of what it was (title, project path). The countdown is not restarted by later
changes, so a user who keeps editing is never more than `DELAY_MS` of work from a copy; a slower
timer (`INTERVAL_MS`) retries a copy that could not be written. Saving, discarding or closing
cleanly removes the copy, so a recovery file found at start means KubeCanvas did not get to
close properly.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer

from kubecanvas.io import ProjectError, load_project, save_project
from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.model.document import Change
from kubecanvas.ui.session import Session

#: From the first unsaved change to its recovery copy.
DELAY_MS = 3_000
#: Retry period, for copies that failed (a full disk) or changes made while one was pending.
INTERVAL_MS = 30_000


def recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".kubecanvas") / "recovery"


@dataclass(frozen=True)
class Recovery:
    """One recovery copy left behind."""

    project: Path
    title: str
    saved_path: str | None

    def load(self) -> Session:
        """The recovered design as a new, unsaved session (Save asks where)."""
        session = Session.create(load_project(self.project))
        session.path = None
        return session

    def discard(self) -> None:
        self.project.unlink(missing_ok=True)
        self.project.with_suffix(".json").unlink(missing_ok=True)


def pending_recoveries() -> list[Recovery]:
    """Recovery copies left by sessions that did not close properly, newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for project in sorted(folder.glob("*.kcanvas"), key=lambda p: p.stat().st_mtime,
                          reverse=True):
        try:
            note = json.loads(project.with_suffix(".json").read_text("utf-8"))
        except (OSError, ValueError):
            note = {}
        found.append(Recovery(project, str(note.get("title", project.stem)),
                              note.get("path")))
    return found


class Autosaver:
    """Copies a session's unsaved changes to a recovery file soon after each change."""

    def __init__(self, is_modified: Callable[[], bool], interval_ms: int = INTERVAL_MS,
                 delay_ms: int = DELAY_MS) -> None:
        self.is_modified = is_modified
        self.session: Session | None = None
        self.token = uuid.uuid4().hex
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        self.countdown = QTimer()
        self.countdown.setSingleShot(True)
        self.countdown.setInterval(delay_ms)
        self.countdown.timeout.connect(self.save_now)

    @property
    def project(self) -> Path:
        return recovery_dir() / f"{self.token}.kcanvas"

    def set_session(self, session: Session) -> None:
        """Follow another design; the previous one's copy is no longer needed."""
        self.discard()
        if self.session is not None:
            self.session.document.unsubscribe(self._changed)
        self.session = session
        self.token = uuid.uuid4().hex
        session.document.subscribe(self._changed, order=1000)

    def _changed(self, change: Change) -> None:
        """Any change to the design (an edit, an undo, a move) starts the countdown, unless one
        is running: the copy then follows within `DELAY_MS` however often the user edits."""
        if not self.countdown.isActive():
            self.countdown.start()

    def save_now(self) -> bool:
        """Write the recovery copy if there are unsaved changes; True when written."""
        if self.session is None or not self.is_modified():
            return False
        try:
            self.project.parent.mkdir(parents=True, exist_ok=True)
            save_project(self.session.document, self.project)
            note = {"title": self.session.title,
                    "path": str(self.session.path) if self.session.path else None}
            atomic_write_text(self.project.with_suffix(".json"), json.dumps(note))
        except (OSError, ProjectError):
            return False  # autosave must never interrupt the user; the next tick retries
        return True

    def discard(self) -> None:
        """Remove this session's copy (after a save, a discard or a clean close)."""
        Recovery(self.project, "", None).discard()

    def stop(self) -> None:
        self.timer.stop()
        self.countdown.stop()
