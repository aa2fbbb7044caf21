"""Field-level line numbers for imported documents, taken from the parse that loaded them.

The loader composes each document into a node tree anyway; while it builds the data from it,
`positions.data_and_positions` keeps only what line lookups need (each mapping key's and list
item's line and column, nested like the data) and the nodes are dropped. Before, a finding's
line made its document be composed a second time: 0.35 s of a 5,000-resource `kubecanvas
validate` went to that (composing is most of the cost of parsing).
A `LineIndex` made from text alone (a JSON document, which JSON reads without a node tree; the
inspector's editor; a project whose files are unchanged) still composes it once, on first
request.
"""

from __future__ import annotations

import re

from kubecanvas.io.limits import DEFAULT_LIMITS, LimitError
from kubecanvas.io.positions import Entry, PositionTree, position_tree
from kubecanvas.io.textfile import DecodeError, read_text_file, text_digest
from kubecanvas.io.yaml_dialect import compose_document
from kubecanvas.io.yaml_split import Chunk, split_chunks
from kubecanvas.model.fields import FieldPath
from kubecanvas.model.record import replace
from kubecanvas.model.resource import Resource

#: `\ud83d\ude00`-style escapes (JSON writes emoji so; libyaml refuses them): the tree is only
#: asked for positions, so each becomes an escape of the same length that libyaml accepts.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SPECIAL_KEYS = frozenset({"true", "false", "null"})


class LineIndex:
    """(line, column) lookup inside one document chunk.

    Args:
        text: the chunk's exact text, composed on the first lookup when `root` is not given.
        start_line: 1-based line of the chunk's first line in its file.
        root: the chunk's positions (`position_tree`), when the loader kept them from its parse.
    """

    __slots__ = ("_root", "_start_line", "_text")

    def __init__(self, text: str | None, start_line: int, root: Entry | None = None) -> None:
        self._text = text if root is None else None
        self._start_line = start_line
        self._root: Entry | None = root

    @classmethod
    def from_tree(cls, root: Entry | None, start_line: int) -> LineIndex:
        """An index over positions the loader already has (no text kept, nothing composed)."""
        return cls(None, start_line, root)

    def _tree(self) -> Entry | None:
        if self._text is not None:
            text, self._text = self._text, None
            try:
                self._root = position_tree(
                    compose_document(_SURROGATE_ESCAPE.sub(r"\\u0020", text)))
            except Exception:  # the chunk loaded once, so this is not expected; stay quiet
                self._root = None
        return self._root

    def lookup(self, path: FieldPath, base: FieldPath = ()) -> tuple[int, int] | None:
        """The 1-based (line, column) of the field at `base + path`: the key's position for a
        mapping entry, the item's for a list entry; None when the document has no such field."""
        found = self._tree()
        for part in (*base, *path):
            if found is None:
                return None
            found = _child(found[2], part)
        if found is None:
            return None
        return self._start_line + found[0], found[1] + 1

    def for_item(self, base: FieldPath) -> _SubLookup:
        """A lookup for the resource at `base` inside this document (a `kind: List` item)."""
        return _SubLookup(self, base)


class _SubLookup:
    """Callable path -> (line, column) for one item of a list document."""

    __slots__ = ("_base", "_index")

    def __init__(self, index: LineIndex, base: FieldPath) -> None:
        self._index = index
        self._base = base

    def __call__(self, path: FieldPath) -> tuple[int, int] | None:
        return self._index.lookup(path, self._base)


def _child(tree: PositionTree, part: str | int) -> Entry | None:
    """The entry one step down, or None."""
    if isinstance(tree, list):
        return tree[part] if isinstance(part, int) and 0 <= part < len(tree) else None
    if isinstance(tree, dict):
        found = tree.get(str(part))
        if found is None and part in _SPECIAL_KEYS:
            for text, entry in tree.items():
                if _key_matches(text, part):
                    found = entry
        return found
    return None


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
