"""Autosave: unsaved work is copied to a recovery file, offered back after a crash.

A change to the design starts a short countdown (`DELAY_MS`); when it ends, the design, if it
has unsaved changes, is written atomically as a project file under the application data folder,
with a small note of what it was (title, project path). The countdown is not restarted by later
changes, so a user who keeps editing is never more than `DELAY_MS` of work from a copy; a slower
timer (`INTERVAL_MS`) retries a copy that could not be written. Saving, discarding or closing
cleanly removes the copy, so a recovery file found at start means KubeCanvas did not get to
close properly.

A copy of a large design is made in slices of a few milliseconds between events (a
`ProjectWriter` serializes resources one by one until the slice's time is up and keeps each
resource's text for the next copy), so the copy never freezes a drag: at 5,000 resources a
whole serialization takes about half a second, and the next copy redoes only the resources
changed since. The file is
then written a slice at a time too (joining and writing its 9 MB in one slice took 20 ms at
5,000 resources, 150 ms at 15,000), into a temporary file that a worker thread flushes, fsyncs
and renames into place (`io.atomic.AtomicFile`: waiting on the disk, not on the CPU).

The copies hold the whole design, Secret values included, so they live in a folder only the
user can open (0700, files 0600; on Windows inside the user's profile, see
`io/private_files.py`): `<data>/KubeCanvas/recovery`, where `<data>` is the platform's data folder
(`~/.local/share` on Linux). Earlier versions wrote them to `<data>/KubeCanvas/KubeCanvas/
recovery` (Qt adds the organisation and the application name, both were "KubeCanvas"), with the
umask's modes; copies found there are moved into the private folder before anything is offered.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QTimer

from kubecanvas.io import ProjectError, load_project
from kubecanvas.io.atomic import AtomicFile, atomic_write_text
from kubecanvas.io.private_files import (
    PRIVATE_FILE,
    adopt,
    inside_profile,
    make_private,
    private_folder,
)
from kubecanvas.io.project import FragmentCache, ProjectWriter
from kubecanvas.ui.session import Session, Update

#: From the first unsaved change to its recovery copy.
DELAY_MS = 3_000
#: Retry period, for copies that failed (a full disk) or changes made while one was pending.
INTERVAL_MS = 30_000
#: CPU time one slice of a copy may take before the window handles input again.
SLICE_SECONDS = 0.008
#: How often a copy being put in place by the worker thread is looked at.
COMMIT_POLL_MS = 20
#: Pieces of the file written between two looks at the clock.
_BATCH = 25


#: The folder of KubeCanvas's own data inside the platform's data folder.
APP_FOLDER = "KubeCanvas"


def data_dir() -> Path:
    """`<data>/KubeCanvas`: named here rather than by Qt's AppDataLocation, which depends on the
    organisation and application names set (or not) on the QApplication of the moment."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return inside_profile(Path(base) / APP_FOLDER if base else Path.home() / ".kubecanvas")


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def legacy_recovery_dirs() -> list[Path]:
    """Where earlier versions kept recovery copies: Qt's AppDataLocation with organisation and
    application name, which is `<data>/KubeCanvas/KubeCanvas` except on Windows, where it was
    in the roaming profile (`%APPDATA%`; the copies now stay on the machine, in `%LOCALAPPDATA%`)."""
    found = [data_dir() / APP_FOLDER / "recovery"]
    roaming = os.environ.get("APPDATA") if os.name == "nt" else None
    if roaming:
        found.append(Path(roaming) / APP_FOLDER / APP_FOLDER / "recovery")
    return found


def adopt_legacy_copies() -> list[Path]:
    """Move the recovery copies an older version left into the private folder (see the module
    doc), so an upgrade loses none of them; returns the moved copies."""
    moved = []
    for legacy in legacy_recovery_dirs():
        adopted = adopt(legacy, recovery_dir(), ("*.kcanvas", "*.json"))
        if adopted:
            with contextlib.suppress(OSError):
                legacy.parent.rmdir()  # `.../KubeCanvas/KubeCanvas`, when nothing else is there
        moved += adopted
    return moved


@dataclass(frozen=True)
class Recovery:
    """One recovery copy left behind."""

    project: Path
    title: str
    saved_path: str | None
    sources: tuple[str, ...] = ()
    yaml_path: str | None = None

    def load(self) -> Session:
        """The recovered design, still linked to the file it was being edited in (the project,
        the YAML files it was opened from, or the YAML file chosen with Save As), so the title
        names that file and Save writes it; unsaved until then."""
        path = Path(self.saved_path) if self.saved_path else None
        session = Session.create(load_project(self.project), path,
                                 [Path(s) for s in self.sources])
        session.yaml_path = Path(self.yaml_path) if self.yaml_path else None
        return session

    def discard(self) -> None:
        self.project.unlink(missing_ok=True)
        self.project.with_suffix(".json").unlink(missing_ok=True)


def pending_recoveries() -> list[Recovery]:
    """Recovery copies left by sessions that did not close properly, newest first (those an
    older version left elsewhere included); each found copy is made private."""
    adopt_legacy_copies()
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    private_folder(folder)
    found = []
    for project in sorted(folder.glob("*.kcanvas"), key=lambda p: p.stat().st_mtime,
                          reverse=True):
        make_private(project)
        make_private(project.with_suffix(".json"))
        try:
            note = json.loads(project.with_suffix(".json").read_text("utf-8"))
        except (OSError, ValueError):
            note = {}
        sources = note.get("sources")
        found.append(Recovery(project, str(note.get("title", project.stem)),
                              note.get("path"),
                              tuple(map(str, sources)) if isinstance(sources, list) else (),
                              note.get("yaml_path")))
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
        self.timer.timeout.connect(self.start_copy)
        self.timer.start()
        self.countdown = QTimer()
        self.countdown.setSingleShot(True)
        self.countdown.setInterval(delay_ms)
        self.countdown.timeout.connect(self.start_copy)
        self._slices = QTimer()  # 0 ms: runs a slice whenever the event queue is empty
        self._slices.timeout.connect(self._continue_copy)
        self._writer: ProjectWriter | None = None
        self._fragments: FragmentCache = {}
        self._file: AtomicFile | None = None  # the copy being written, piece by piece
        self._pieces: Iterator[str] | None = None
        self._commit: threading.Thread | None = None  # flushing and renaming it

    @property
    def project(self) -> Path:
        return recovery_dir() / f"{self.token}.kcanvas"

    @property
    def copying(self) -> bool:
        """True while a copy is being made slice by slice."""
        return self._writer is not None

    def set_session(self, session: Session, token: str | None = None) -> None:
        """Follow another design; the previous one's copy is no longer needed. `token` adopts
        an existing recovery copy (a restored one), which then stays until the design is saved
        or a newer copy replaces it."""
        self.discard()
        if self.session is not None:
            self.session.unlisten("autosave")
        self.session = session
        self.token = token or uuid.uuid4().hex
        self._fragments = {}
        session.listen("autosave", self._changed)

    def _changed(self, update: Update) -> None:
        """Any change to the design (an edit, an undo, a move) starts the countdown, unless one
        is running: the copy then follows within `DELAY_MS` however often the user edits."""
        if not self.countdown.isActive():
            self.countdown.start()

    def start_copy(self) -> None:
        """Begin a copy of the design as it is now, written slice by slice between events."""
        if self._writer is not None or self.session is None or not self.is_modified():
            return
        try:
            self._writer = ProjectWriter(self.session.document, self.project, self._fragments)
        except ProjectError:
            return  # a setting that cannot be saved; the next change retries
        self._slices.start(0)

    def _continue_copy(self) -> None:
        """One slice: resources until the time is up; once all are done, pieces of the file; then
        a look whether the worker thread has put it in place."""
        writer = self._writer
        if writer is None:
            self._slices.stop()
            return
        deadline = time.process_time() + SLICE_SECONDS
        try:
            if not writer.done:
                # one resource at a time: a batch of 25 ran past the slice by up to 7 ms
                # (19 ms slices at 5,000); at least one per slice, however busy the machine is
                writer.step(1)
                while not writer.done and time.process_time() < deadline:
                    writer.step(1)
            elif self._commit is not None:
                if not self._commit.is_alive():
                    writer.forget_removed()
                    self._cancel()
            elif self._write_pieces(writer, deadline):
                self._commit_in_background()
        except (OSError, ProjectError):
            self._cancel()  # autosave must never interrupt the user; the next tick retries

    def _write_pieces(self, writer: ProjectWriter, deadline: float) -> bool:
        """Write pieces of the file until `deadline`; True once all are written."""
        if self._file is None:
            private_folder(self.project.parent)
            self._pieces = writer.pieces()
            self._file = AtomicFile(self.project, PRIVATE_FILE)
        assert self._pieces is not None
        while True:
            chunk = "".join(piece for _, piece in zip(range(_BATCH), self._pieces, strict=False))
            if not chunk:
                return True
            self._file.write(chunk.encode("utf-8"))
            if time.process_time() >= deadline:
                return False

    def _commit_in_background(self) -> None:
        """The note, then the copy put in place, on a worker thread (each an fsync: disk time
        the window need not wait for). A failure leaves the previous copy; the next tick
        retries."""
        file, note, path = self._file, self._note(), self.project
        assert file is not None

        def commit() -> None:
            try:
                # the note first: a copy found after a crash always knows which file it is
                atomic_write_text(path.with_suffix(".json"), note, mode=PRIVATE_FILE)
                file.commit()
            except OSError:
                file.abort()

        self._file = None
        self._commit = threading.Thread(target=commit, name="kubecanvas-autosave")
        self._commit.start()
        self._slices.start(COMMIT_POLL_MS)  # not a busy loop while the disk works

    def save_now(self) -> bool:
        """Write the recovery copy at once if there are unsaved changes; True when written."""
        self._cancel()
        if self.session is None or not self.is_modified():
            return False
        try:
            writer = ProjectWriter(self.session.document, self.project, self._fragments)
            while not writer.done:
                writer.step(len(self.session.document))
            self._finish(writer)
        except (OSError, ProjectError):
            return False  # autosave must never interrupt the user; the next tick retries
        return True

    def _note(self) -> str:
        """What the copy is a copy of: title, project, sources, YAML file."""
        session = self.session
        assert session is not None
        return json.dumps({"title": session.title,
                           "path": str(session.path) if session.path else None,
                           "sources": [str(p) for p in session.sources],
                           "yaml_path": str(session.yaml_path) if session.yaml_path else None})

    def _finish(self, writer: ProjectWriter) -> None:
        private_folder(self.project.parent)
        # the note first: a copy found after a crash always knows which file it belongs to
        atomic_write_text(self.project.with_suffix(".json"), self._note(), mode=PRIVATE_FILE)
        writer.write(mode=PRIVATE_FILE)

    def _cancel(self) -> None:
        """Stop a copy in progress: a half-written file goes; one being put in place is
        waited for (a fsync at most), so nothing lands after a discard."""
        self._slices.stop()
        self._writer = None
        if self._file is not None:
            self._file.abort()
            self._file = None
        self._pieces = None
        if self._commit is not None:
            self._commit.join()
            self._commit = None

    def discard(self) -> None:
        """Remove this session's copy (after a save, a discard or a clean close); a copy in
        progress is abandoned, so it cannot bring the file back afterwards."""
        self._cancel()
        Recovery(self.project, "", None).discard()

    def stop(self) -> None:
        self.timer.stop()
        self.countdown.stop()
        self._cancel()
