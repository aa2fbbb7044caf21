"""Splitting a YAML stream into its documents as raw text.

PyYAML reads a stream all or nothing: one broken document and none of the others are returned.
KubeCanvas splits the text itself, at the same places a YAML parser would (a `---` start marker at
the beginning of a line, a `...` end marker, `%` directives that open a document), and parses each
chunk alone. The chunks concatenate back to the exact input, comments and blank lines included,
which is what lets an untouched document be written back byte for byte.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from kubecanvas.model.record import record

#: A start marker, end marker or directive at the beginning of a line. The markers need a blank
#: (or the end of the line) after them, as in the YAML spec: `----` or `---x` are content.
_MARKER = re.compile(r"^(?:(---|\.\.\.)(?=[ \t\r\n]|\Z)|%)", re.MULTILINE)
#: `_MARKER` after a line break, which it takes too: a pattern that starts with a character is
#: searched for that character first, where `^` is tried at every character of the text (the
#: 5,000 documents of 2.2 MB: 0.13 billion instructions)
_MARKER_AFTER_BREAK = re.compile(r"\n(?:(---|\.\.\.)(?=[ \t\r\n]|\Z)|%)")
#: A line holding YAML content: not blank, not a comment, not a directive.
_CONTENT_LINE = re.compile(r"^(?:[ \t]+[^\s#]|[^\s#%])", re.MULTILINE)


@record(frozen=True)
class Chunk:
    """One document of a stream as raw text.

    Attributes:
        index: position in the stream, counting every chunk (empty ones too).
        text: the exact text, from its first line (directives or `---`) to just before the next.
        start_line: 1-based line in the whole stream where `text` begins.
    """

    index: int
    text: str
    start_line: int

    @functools.cached_property
    def offset(self) -> tuple[int, int] | None:
        """`content_offset` of the text, found once (the loader asks twice per document)."""
        return content_offset(self.text)

    def content_start(self) -> tuple[int, int]:
        """The 1-based (line, column) in the stream where the document's content begins,
        skipping directives, comments, blank lines and a bare `---`; the chunk start when empty."""
        found = self.offset
        if found is None:
            return self.start_line, 1
        return self.start_line + found[0], found[1]


def split_chunks(text: str) -> list[Chunk]:
    """Split a YAML stream into document chunks whose texts concatenate to `text`."""
    return list(iter_chunks(text))


def iter_chunks(text: str) -> Iterator[Chunk]:
    """The chunks of `split_chunks`, one at a time: a loader that stops early (a budget used
    up by a file of a million tiny documents) never holds them all."""
    start = 0
    has_marker = False
    has_directive = False
    previous, index, line = 0, 0, 1
    for pos, kind in _markers(text):
        bound = None
        if kind == "...":
            end = text.find("\n", pos)
            start = len(text) if end < 0 else end + 1
            if start < len(text):
                bound = start
            has_marker = has_directive = False
        elif kind == "%":
            if pos > start and (has_marker or _has_content(text, start, pos)):
                bound = pos
                start, has_marker = pos, False
            has_directive = True
        else:  # "---"
            if pos == start or (has_directive and not has_marker
                                and not _has_content(text, start, pos)):
                has_marker = True
                continue
            bound = pos
            start, has_marker, has_directive = pos, True, False
        if bound is not None:
            piece = text[previous:bound]
            yield Chunk(index, piece, line)
            previous, index, line = bound, index + 1, line + piece.count("\n")
    yield Chunk(index, text[previous:], line)


def _markers(text: str) -> Iterator[tuple[int, str]]:
    """(position, `---`, `...` or `%`) of each marker `_MARKER` finds, in order."""
    first = _MARKER.match(text)
    if first is not None:
        yield 0, first.group(1) or "%"
    for match in _MARKER_AFTER_BREAK.finditer(text):
        yield match.start() + 1, match.group(1) or "%"


def _has_content(text: str, begin: int, end: int) -> bool:
    return _CONTENT_LINE.search(text, begin, end) is not None


def content_offset(text: str) -> tuple[int, int] | None:
    """(0-based line offset, 1-based column) of the first content inside one chunk's text, or
    None when the chunk holds only directives, markers, comments and blank lines."""
    number, begin = 0, 0
    while begin < len(text):
        end = text.find("\n", begin)
        end = len(text) if end < 0 else end
        found = _line_content(text[begin:end])
        if found is not None:
            return number, found
        number, begin = number + 1, end + 1
    return None


def _line_content(line: str) -> int | None:
    """The 1-based column where YAML content starts on `line`, or None when it has none."""
    stripped = line.lstrip(" \t")
    if not stripped.strip() or stripped.startswith("#") or line.startswith("%"):
        return None
    if _is_marker(line, "---"):
        rest = line[3:].lstrip(" \t")
        return None if not rest.strip() or rest.startswith("#") else len(line) - len(rest) + 1
    if _is_marker(line, "..."):
        return None
    return len(line) - len(stripped) + 1


def _is_marker(line: str, marker: str) -> bool:
    return line.startswith(marker) and (len(line) == 3 or line[3] in " \t\r")


def split_trivia(text: str) -> tuple[str, str, str]:
    """Split one chunk's text into (leading trivia, body, trailing trivia).

    Leading trivia is the whole lines before the content (directives, `---`, comments, blank
    lines); trailing trivia the whole lines after the last content line that are blank, comments
    or a `...` marker. Write-back keeps both around a re-dumped body, so the comment above an
    edited resource survives. Callers verify the result parses as intended.
    """
    lines = _split_keep(text)
    found = content_offset(text)
    if found is None:
        return text, "", ""
    offset = found[0]
    lead = "".join(lines[:offset])
    rest = lines[offset:]
    tail_start = len(rest)
    while tail_start > 1:
        line = rest[tail_start - 1]
        stripped = line.strip()
        if stripped and not line.startswith("#") and not _is_marker(line, "..."):
            break
        tail_start -= 1
    return lead, "".join(rest[:tail_start]), "".join(rest[tail_start:])


def _split_keep(text: str) -> list[str]:
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines
