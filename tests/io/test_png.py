"""`write_rgb_png` writes PNG files a reader takes back pixel for pixel (read here by the
format's own rules: chunks with their CRCs, deflated rows each led by its filter byte).
`tests/ui/test_export_svg.py` has Qt read the pictures it writes."""

from __future__ import annotations

import random
import struct
import sys
import zlib
from pathlib import Path

import pytest

from kubecanvas.io.png import compressor, write_rgb_png


def _read(path: Path) -> tuple[int, int, list[bytes]]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body)
        chunks.append((kind, body))
        at += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1] == (b"IEND", b"")
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (depth, colour) == (8, 2)
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = 1 + width * 3
    assert len(raw) == stride * height
    assert all(raw[y * stride] == 0 for y in range(height))  # filter "none" on every row
    return width, height, [raw[y * stride + 1:(y + 1) * stride] for y in range(height)]


@pytest.fixture(params=["isal", "zlib"])
def deflate(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test runs with ISA-L's deflate and with the standard library's (without `isal`)."""
    if request.param == "isal":
        pytest.importorskip("isal")
    else:
        monkeypatch.setitem(sys.modules, "isal", None)  # `import isal` raises ImportError
    return str(request.param)


def test_the_writer_deflates_with_isal_when_installed_and_zlib_without(deflate: str) -> None:
    made = type(compressor()).__module__
    assert ("isal" in made) == (deflate == "isal")


def test_the_pixels_come_back_as_written(tmp_path: Path, deflate: str) -> None:
    chance = random.Random(7)
    width, height = 37, 300  # more than one IDAT chunk's worth is not needed for this
    rows = [bytes(chance.randrange(256) for _ in range(width * 3)) for _ in range(height)]
    write_rgb_png(tmp_path / "p.png", width, height, iter(rows))
    assert _read(tmp_path / "p.png") == (width, height, rows)


def test_a_large_flat_picture_is_split_into_chunks_and_stays_whole(tmp_path: Path,
                                                                   deflate: str) -> None:
    chance = random.Random(3)
    width, height = 1500, 400  # noise does not deflate: several 1 MiB chunks
    rows = [chance.randbytes(width * 3) for _ in range(height)]
    write_rgb_png(tmp_path / "big.png", width, height, rows)
    data = (tmp_path / "big.png").read_bytes()
    assert data.count(b"IDAT") > 1
    assert _read(tmp_path / "big.png")[2] == rows


def test_rows_that_do_not_match_the_size_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="row 1 holds 3 bytes, not 6"):
        write_rgb_png(tmp_path / "x.png", 2, 2, [bytes(6), bytes(3)])
    with pytest.raises(ValueError, match="1 rows, not 2"):
        write_rgb_png(tmp_path / "y.png", 2, 2, [bytes(6)])
