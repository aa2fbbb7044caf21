"""Folders and files only their owner may read: where the editor keeps copies of unsaved work.

A recovery copy holds the whole design, Secrets' `stringData` included, so on a shared machine
it must not be readable by other users. On POSIX the folder is made 0700 and each file 0600
(`atomic_write_*(..., mode=PRIVATE_FILE)` creates them so, never readable by others even for a
moment); a folder or file an older KubeCanvas left with looser modes is tightened when found.

Windows has no permission bits (`os.chmod` there only sets the read-only flag), and the standard
library cannot edit ACLs. What protects a file there is where it lies: a folder inside the user's
profile (`C:\\Users\\NAME\\AppData\\Local\\...`) inherits the profile's ACL, which grants the user,
SYSTEM and Administrators only. `inside_profile` keeps private folders there.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

#: Permission bits of a private file and of the folder that holds it (POSIX).
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
#: Windows keeps private files inside the profile (module level, so tests can ask both ways).
WINDOWS = os.name == "nt"


def private_folder(path: Path) -> Path:
    """Create `path` (with its parents) if needed, and make it accessible to its owner only.

    Raises:
        OSError: the folder cannot be created.
    """
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != PRIVATE_FOLDER:
        os.chmod(path, PRIVATE_FOLDER)  # made by an older version, or mkdir's mode met the umask
    return path


def make_private(path: Path) -> None:
    """Give an existing file the private mode (POSIX); a failure leaves it as it was."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != PRIVATE_FILE:
            os.chmod(path, PRIVATE_FILE)


def inside_profile(candidate: Path, home: Path | None = None) -> Path:
    """`candidate` when private files may live there, else a folder in the user's profile.

    On Windows a folder outside the profile (a redirected or shared location) does not inherit
    the profile's private ACL, so `%USERPROFILE%\\AppData\\Local\\KubeCanvas` is used instead.
    On POSIX the folder's own mode protects it, wherever it is.
    """
    if not WINDOWS:
        return candidate
    profile = (home or Path.home()).resolve()
    try:
        candidate.resolve().relative_to(profile)
    except ValueError:
        return profile / "AppData" / "Local" / "KubeCanvas"
    return candidate


def adopt(old_folder: Path, new_folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Move the files matching `patterns` from a folder an older version used into
    `new_folder` (made private), each made private; the old folder is removed when emptied.

    A file that cannot be moved stays where it is (nothing is deleted). Returns the files as
    they are now named.
    """
    if not old_folder.is_dir() or old_folder.resolve() == new_folder.resolve():
        return []
    moved: list[Path] = []
    for pattern in patterns:
        for old in sorted(old_folder.glob(pattern)):
            target = private_folder(new_folder) / old.name
            if target.exists():
                continue
            try:
                os.replace(old, target)
            except OSError:
                continue
            make_private(target)
            moved.append(target)
    with contextlib.suppress(OSError):
        old_folder.rmdir()  # only when empty
    return moved
