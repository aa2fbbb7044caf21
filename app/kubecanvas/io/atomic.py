"""Atomic file writes.

Every file KubeCanvas writes (exported YAML, write-back to imported files, the project file) goes
through here, so a crash, a full disk or a permission error half way never leaves a truncated file:
the new content is written to a temporary file in the same directory, flushed and fsynced, then
moved over the target with `os.replace` (atomic on POSIX and Windows), and the directory entry is
fsynced too. On any error the previous file is untouched and the temporary file is removed.

A process killed in the middle of a save (SIGKILL, power loss) cannot remove its temporary
file. Each temporary file's name carries the writer's process id (`.app.yaml.<pid>.<random>.tmp`),
and the next successful save of the same file removes those whose writer no longer runs, so
leftovers of a crash do not pile up beside the user's files.

Permissions: a replaced file keeps its mode. A new file gets what any other program would give
it, `0666 & ~umask` (or what a default ACL on the folder says): the temporary file is created
with `os.open(..., 0o666)` and the kernel applies the umask, so the umask is never read or
changed (changing it for a moment is not safe with threads). A caller that writes something
private (the editor's recovery copies) passes `mode=0o600`; the temporary file is then created
with that mode, so the content is never readable by others, not even for a moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

#: Flags for a temporary file: created here and now (O_EXCL: never an existing file, nor
#: whatever a planted symlink points at).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` atomically.

    Args:
        path: the file to write.
        data: its new content.
        mode: permission bits the file must have (new or replaced), for example 0o600; None
            keeps a replaced file's mode and gives a new file `0666 & ~umask`.

    Raises:
        OSError: the write failed; `path` still holds its previous content (or still does not
            exist) and no temporary file is left behind.
    """
    file = AtomicFile(path, mode)
    file.write(data)
    file.commit()


class AtomicFile:
    """A replacement of `path` written in pieces and put in place at once by `commit`, as
    `atomic_write_bytes` does with one piece: an editor writes a large file a slice at a time
    between frames, and leaves the flush, fsync and rename (waiting on the disk, not the CPU)
    to a worker thread. Until `commit` the target is untouched; `abort` removes the temporary
    file. `mode` as for `atomic_write_bytes`.

    Raises:
        OSError: from any method; the target stays as it was and the temporary file is gone.
    """

    def __init__(self, path: str | os.PathLike[str], mode: int | None = None) -> None:
        self.target = Path(path)
        self._directory = self.target.parent if str(self.target.parent) else Path(".")
        self._keep = mode if mode is not None else _existing_mode(self.target)
        # a replacement is created private and given the old file's mode once written; a new
        # file is created 0666 and the kernel applies the umask (nothing to change afterwards)
        fd, self._tmp_name = _create_temporary(self.target, self._directory,
                                               0o600 if self._keep is not None else 0o666)
        self._handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        """Flush, fsync and move the file over the target; then make the rename durable."""
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            if self._keep is not None:
                os.chmod(self._tmp_name, self._keep)
            os.replace(self._tmp_name, self.target)
        except BaseException:
            self.abort()
            raise
        _fsync_directory(self._directory)
        remove_stale_temporaries(self.target)

    def abort(self) -> None:
        """Give up: the temporary file goes, the target stays as it was."""
        with contextlib.suppress(OSError):
            self._handle.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp_name)


_TEMP_SUFFIX = ".tmp"


def _create_temporary(target: Path, directory: Path, mode: int) -> tuple[int, str]:
    """A new, empty temporary file beside `target`, opened for writing with `mode` (which the
    kernel narrows by the umask); its name carries this process's id (see the module doc)."""
    prefix = f"{_temp_prefix(target.name)}{os.getpid()}."
    for _attempt in range(100):
        name = os.path.join(directory, f"{prefix}{secrets.token_hex(4)}{_TEMP_SUFFIX}")
        try:
            return os.open(name, _CREATE, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {target}")


def _temp_prefix(name: str) -> str:
    return f".{name}."


def remove_stale_temporaries(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files that killed saves of `target` left; returns them.

    Only files named like this module's temporaries for this very target are considered, and
    only when the process id in the name is not running (on POSIX; elsewhere liveness cannot
    be asked safely, so nothing is removed). A failure to remove one is not an error: the save
    itself succeeded.
    """
    if os.name != "posix":
        return []
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    prefix = _temp_prefix(target.name)
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(_TEMP_SUFFIX)):
            continue
        pid_text = name[len(prefix):].split(".", 1)[0]
        if not pid_text.isdigit() or _running(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(directory / name)
            removed.append(directory / name)
    return removed


def _running(pid: int) -> bool:
    """True when a process with this id exists (or might: when we may not signal it)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists (POSIX)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8",
                      mode: int | None = None) -> None:
    """Replace `path` with `text` atomically. Newlines are written exactly as given (no
    platform translation), so a file read and written back keeps its line endings. `mode` as
    for `atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode(encoding), mode)


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the file being replaced, so a save keeps them; None for a new
    file (it takes the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return None


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
