"""PNG files of the pictures: 8-bit RGB rows, deflated with the standard library's zlib.

Qt's writer (libpng) chooses a filter for every row by trying all five on it, and that, not the
compression level, was most of the time a large picture took to write: 5.1 s for the 12,180 x
10,312 pixels of a 5,000-resource design (levels 3 to 6 within 2 %). A diagram is large flat
areas of a few colours, which deflate well unfiltered: each row here gets filter 0 ("none"),
the whole image took 1.6 s and the file was 3 % smaller (19.6 against 20.2 MB). Qt offers no
way to choose libpng's filters; the format itself is small (a signature and four chunk types,
https://www.w3.org/TR/png/), so it is written here. No Qt: the caller hands over the rows.

The deflating is ISA-L's (the `isal` package, zlib's interface and format): at level 1 it took
0.33 s for that picture where the standard library's zlib took 1.63 s at level 3 (1.57 s at
level 1), for a file within 3 % of the size (20.7 against 20.0 MB). zlib-ng (`zlib-ng`) was the
other candidate: 0.47 s at its level 1 for a 24 MB file, 0.86 s at level 3. Without `isal`
(a platform without its wheel) the standard library's zlib writes the same pixels.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: the standard library's deflate level: 1 to 3 cost the same here, 6 took 2.7 times as long
#: for a 10 % smaller file
LEVEL = 3
#: ISA-L's level: 1 and 2 cost the same, 3 took ten times as long for a 3 % smaller file
ISAL_LEVEL = 1
#: the most bytes of compressed data in one IDAT chunk
_CHUNK = 1 << 20


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def compressor() -> Any:
    """A new deflate stream (a `zlib.compressobj`): ISA-L's when installed, else zlib's."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib.compressobj(LEVEL)
    return isal_zlib.compressobj(ISAL_LEVEL)


def write_rgb_png(path: Path, width: int, height: int, rows: Iterable[bytes | memoryview]
                  ) -> None:
    """Write `rows` (`height` of them, each `width` RGB pixels: three bytes, red first) as a
    PNG file at `path`. The rows are taken one at a time, so the caller can hand them over
    in bands instead of holding a second copy of a large image.

    Raises:
        ValueError: a row is not `width` pixels long, or their count is not `height`.
        OSError: the file could not be written.
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"a PNG of {width} x {height} pixels")
    deflate = compressor()
    count = 0
    with path.open("wb") as out:
        out.write(_SIGNATURE)
        # width, height, 8 bits per sample, colour type 2 (RGB), deflate, filter method 0,
        # no interlace
        out.write(_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        pending: list[bytes] = []
        size = 0
        for row in rows:
            if len(row) != width * 3:
                raise ValueError(f"row {count} holds {len(row)} bytes, not {width * 3}")
            count += 1
            for piece in (deflate.compress(b"\x00"), deflate.compress(row)):  # filter 0
                if piece:
                    pending.append(piece)
                    size += len(piece)
            if size >= _CHUNK:
                out.write(_chunk(b"IDAT", b"".join(pending)))
                pending, size = [], 0
        if count != height:
            raise ValueError(f"{count} rows, not {height}")
        pending.append(deflate.flush())
        out.write(_chunk(b"IDAT", b"".join(pending)))
        out.write(_chunk(b"IEND", b""))
