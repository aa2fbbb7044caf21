"""Reading YAML files as text, the same way for import and for write-back.

Files are UTF-8; a byte-order mark (UTF-8, or UTF-16 which YAML also allows) is noted and put back
when the file is written, so an untouched file stays byte-identical. Line endings are kept as they
are (no newline translation) for the same reason.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from kubecanvas.io.limits import LimitError, describe_size
from kubecanvas.model.korean import euro_ro
from kubecanvas.model.record import record
from kubecanvas.model.text import Text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """A file is not valid UTF-8; carries the 1-based line and column of the first bad byte."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@record(frozen=True)
class TextFile:
    """Decoded file content plus what is needed to encode it back identically."""

    text: str
    bom: bytes = b""
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def text_digest(text: str) -> str:
    """The fingerprint write-back compares to see whether a file changed since it was read."""
    import hashlib  # here: a load for `validate` takes no fingerprints, and skips the import

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_bytes(data: bytes) -> TextFile:
    """Decode file bytes, honouring a byte-order mark.

    Raises:
        DecodeError: the bytes are not valid in the encoding (UTF-8 unless a BOM says otherwise).
    """
    bom, encoding = b"", "utf-8"
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, encoding = mark, name
            break
    body = data[len(bom):]
    try:
        return TextFile(body.decode(encoding), bom, encoding)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        column = exc.start - (body.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = f"0x{body[exc.start]:02x}"
        raise DecodeError(Text(
            f"not valid {encoding.upper()} text (byte {byte} at line {line}, "
            f"column {column}); save the file as UTF-8 and import it again",
            f"올바른 {encoding.upper()} 텍스트가 아닙니다({line}행 {column}열의 바이트 {byte}). "
            "파일을 UTF-8로 저장하고 다시 가져와야 합니다"), line, column,
        ) from None


def read_text_file(path: str | Path, max_bytes: int | None = None) -> TextFile:
    """Read and decode a file, or standard input for "-".

    Args:
        path: the file, or "-" for standard input.
        max_bytes: refuse anything larger, before reading it (None: no limit).

    Raises:
        OSError: the file cannot be read.
        LimitError: it is larger than `max_bytes`.
        DecodeError: its bytes are not valid text.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read() if max_bytes is None else sys.stdin.buffer.read(
            max_bytes + 1)
        size = len(data)
    else:
        size = Path(path).stat().st_size
        data = b"" if max_bytes is not None and size > max_bytes else Path(path).read_bytes()
    if max_bytes is not None and size > max_bytes:
        more = "more than " if str(path) == "-" else ""
        more_ko = " 이상" if str(path) == "-" else ""
        raise LimitError(Text(
            f"the file is {more}{describe_size(size)}, larger than the "
            f"{describe_size(max_bytes)} KubeCanvas reads from one file; it was "
            "refused (split it, or import only the part you need)",
            f"파일이 {describe_size(size)}{more_ko}{euro_ro(more_ko)}, KubeCanvas가 한 파일에서 읽는 "
            f"{describe_size(max_bytes)}보다 커서 거부되었습니다(파일을 나누거나 필요한 부분만 "
            "가져와야 합니다)"))
    return decode_bytes(data)
