"""Field-level line numbers for imported documents, computed only when asked.

Loading keeps no node tree (that would cost memory and time on every import); a finding that
wants the line of `spec.template.spec.containers[0].image` makes the document's chunk be composed
once, on first request, and the tree is cached for the next question about the same document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io.limits import DEFAULT_LIMITS, LimitError
from kubecanvas.io.textfile import DecodeError, read_text_file, text_digest
from kubecanvas.io.yaml_dialect import compose_document
from kubecanvas.io.yaml_split import Chunk, split_chunks
from kubecanvas.model.resource import Resource

Path = tuple[str | int, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"
#: `\ud83d\ude00`-style escapes (JSON writes emoji so; libyaml refuses them): the tree is only
#: asked for positions, so each becomes an escape of the same length that libyaml accepts.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class LineIndex:
    """Lazy (line, column) lookup inside one document chunk.

    Args:
        text: the chunk's exact text.
        start_line: 1-based line of the chunk's first line in its file.
    """

    def __init__(self, text: str, start_line: int) -> None:
        self._text: str | None = text
        self._start_line = start_line
        self._root: Node | None = None

    def _tree(self) -> Node | None:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                self._root = compose_document(_SURROGATE_ESCAPE.sub(r"\\u0020", text))
            except Exception:  # the chunk loaded once, so this is not expected; stay quiet
                self._root = None
        return self._root

    def lookup(self, path: Path, base: Path = ()) -> tuple[int, int] | None:
        """The 1-based (line, column) of the field at `base + path`: the key's position for a
        mapping entry, the item's for a list entry; None when the document has no such field."""
        node = self._tree()
        if node is None:
            return None
        mark_node = node
        for part in (*base, *path):
            found = _child(node, part)
            if found is None:
                return None
            mark_node, node = found
        mark = mark_node.start_mark
        return self._start_line + mark.line, mark.column + 1

    def for_item(self, base: Path) -> _SubLookup:
        """A lookup for the resource at `base` inside this document (a `kind: List` item)."""
        return _SubLookup(self, base)


class _SubLookup:
    """Callable path -> (line, column) for one item of a list document."""

    __slots__ = ("_base", "_index")

    def __init__(self, index: LineIndex, base: Path) -> None:
        self._index = index
        self._base = base

    def __call__(self, path: Path) -> tuple[int, int] | None:
        return self._index.lookup(path, self._base)


def _child(node: Node, part: str | int) -> tuple[Node, Node] | None:
    """(node whose position names the field, node holding its value) one step down."""
    if isinstance(node, SequenceNode):
        if isinstance(part, int) and 0 <= part < len(node.value):
            item: Node = node.value[part]
            return item, item
        return None
    if isinstance(node, MappingNode):
        found = None
        for key, value in _entries(node):
            if isinstance(key, ScalarNode) and _key_matches(key.value, part):
                found = (key, value)
        return found
    return None


def _entries(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    """Entries in the order that makes the last match the one the data holds: merged entries
    (`<<`) first, later merges before earlier ones, then the mapping's own keys."""
    merges = [value for key, value in node.value if key.tag == _MERGE_TAG]
    for merge in merges:
        sources = merge.value if isinstance(merge, SequenceNode) else [merge]
        for source in reversed(sources):
            if isinstance(source, MappingNode):
                yield from _entries(source)
    for key, value in node.value:
        if key.tag != _MERGE_TAG:
            yield key, value


def _key_matches(text: str, part: str | int) -> bool:
    if text == str(part):
        return True
    lowered = text.lower()
    return part in ("true", "false", "null") and lowered in (part, "~" if part == "null" else part)


def attach_lines(resources: list[Resource]) -> list[Resource]:
    """Give resources whose origin lost its line lookup (read from a project file) a fresh one,
    where their file is still exactly as it was imported (same fingerprint); others are returned
    unchanged, and `Origin.line_of` then falls back to the document's line."""
    texts: dict[str, list[Chunk] | None] = {}
    result = []
    for resource in resources:
        origin = resource.origin
        if origin is None or origin.lines is not None or origin.digest is None or origin.file == "-":
            result.append(resource)
            continue
        if origin.file not in texts:
            texts[origin.file] = _chunks_if_unchanged(origin.file, origin.digest)
        chunks = texts[origin.file]
        if chunks is None or origin.doc_index >= len(chunks):
            result.append(resource)
            continue
        chunk = chunks[origin.doc_index]
        index = LineIndex(chunk.text, chunk.start_line)
        lookup = index.lookup if origin.item_index is None else index.for_item(
            ("items", origin.item_index))
        result.append(replace(resource, origin=replace(origin, lines=lookup)))
    return result


def _chunks_if_unchanged(file: str, digest: str) -> list[Chunk] | None:
    try:
        content = read_text_file(file, DEFAULT_LIMITS.max_file_bytes)
    except (OSError, DecodeError, LimitError):
        return None
    return split_chunks(content.text) if text_digest(content.text) == digest else None
