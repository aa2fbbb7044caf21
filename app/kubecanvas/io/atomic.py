"""Atomic file writes.

Every file KubeCanvas writes (exported YAML, write-back to imported files, the project file) goes
through here, so a crash, a full disk or a permission error half way never leaves a truncated file:
the new content is written to a temporary file in the same directory, flushed and fsynced, then
moved over the target with `os.replace` (atomic on POSIX and Windows), and the directory entry is
fsynced too. On any error the previous file is untouched and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` atomically.

    Raises:
        OSError: the write failed; `path` still holds its previous content (or still does not
            exist) and no temporary file is left behind.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    mode = _existing_mode(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically. Newlines are written exactly as given (no
    platform translation), so a file read and written back keeps its line endings."""
    atomic_write_bytes(path, text.encode(encoding))


def _existing_mode(target: Path) -> int:
    """The permission bits of the file being replaced, so a save does not reset them to the
    0600 that `mkstemp` uses; a new file gets the common 0644 (reading the umask would mean
    changing it for a moment, which is not safe with threads)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o644


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable. Not possible on every platform (Windows); best effort there."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
