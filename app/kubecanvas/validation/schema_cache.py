"""Prepared schemas kept between runs, so a small `kubecanvas validate` does not rebuild them.

Preparing the schema of a kind (`schema._build`: the kind's file with the definitions it reaches
copied in from the shared 1.8 MB `_definitions.json`, descriptions dropped) and the index of the
API versions the server knows cost most of the work of validating one small file: 40 ms of a
0.3 s process. What it produces depends only on those files and on this module's preparation
code, so it is written once per user and read back by later runs, in
`$KUBECANVAS_CACHE_DIR` (set it empty to keep nothing), else `$XDG_CACHE_HOME/kubecanvas`, else
`~/.cache/kubecanvas`.

Every entry is keyed by what it was made from: a folder per schema folder named after the
CRC-32 and size of its `_definitions.json` and `PREPARED_BY` (bumped when the preparation
changes), and each kind's entry carries the CRC-32 of the kind's own file. An entry that does
not match, does not parse or has the wrong shape is rebuilt and rewritten; entries are
replaced atomically (`os.replace`), so a reader sees a whole entry or none, and a cache that
cannot be written (a read-only home in CI) only means the work is done each time. The
findings are the same with or without a cache: an entry holds exactly the JSON the
preparation made.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The environment variable naming the cache folder ('' turns the cache off).
CACHE_ENV = "KUBECANVAS_CACHE_DIR"
#: Changes whenever `schema._build`, `schema._strip` or the entry layout changes.
PREPARED_BY = 1


def cache_root() -> Path | None:
    """Where prepared schemas are kept, or None when the cache is turned off."""
    given = os.environ.get(CACHE_ENV)
    if given is not None:
        return Path(given) if given else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kubecanvas"


def _fingerprint(path: Path) -> str | None:
    """CRC-32 and size of a file's bytes ('1a2b3c4d-1811586'), None when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return f"{zlib.crc32(data):08x}-{len(data)}"


class SchemaCache:
    """The prepared entries of one schema folder (one Kubernetes version)."""

    def __init__(self, folder: Path) -> None:
        root = cache_root()
        definitions = _fingerprint(folder / "_definitions.json") if root is not None else None
        self._dir = (None if root is None or definitions is None else
                     root / "schemas" / f"{folder.name}-{definitions}-p{PREPARED_BY}")

    def get(self, name: str, source: Path | None, make: Callable[[], Any],
            valid: Callable[[Any], bool]) -> Any:
        """The entry `name`, made from the file `source` (None: from the folder alone): read
        back when one was kept for the same source and its value is `valid`, else made by
        `make()` and kept."""
        key = _fingerprint(source) if source is not None else "-"
        entry = self._read(name)
        if isinstance(entry, dict) and entry.get("source") == key and valid(entry.get("value")):
            return entry["value"]
        value = make()
        self._write(name, {"source": key, "value": value})
        return value

    def _read(self, name: str) -> Any:
        if self._dir is None:
            return None
        try:
            with open(self._dir / name, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _write(self, name: str, entry: dict[str, Any]) -> None:
        if self._dir is None:
            return
        import tempfile  # only when an entry is made: reading needs none

        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._dir, prefix=f".{name}.")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entry, out, ensure_ascii=False, separators=(",", ":"))
                os.replace(temporary, self._dir / name)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # no cache here (read-only, full, no home): the next run prepares it again
