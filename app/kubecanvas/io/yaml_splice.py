"""Editing one YAML document's text so that only the lines of what changed are touched.

Write-back used to re-dump an edited document whole, which re-indented its lists, dropped its
comments and re-quoted its strings: a one-field edit became a diff of many lines. Here the old and
new data are compared as a tree, and each difference is spliced into the original text at the
positions of the composed YAML nodes (libyaml gives every node its start and end): a scalar's span
is replaced by the new scalar in the same quoting style, a new key is inserted after its last
sibling at the sibling's column, a removed key or list item loses exactly its lines. Everything
else keeps its text: comments, blank lines, indentation, flow or block style, key order.

The result is parsed again and must read as the new data exactly; when it does not (an edit this
module does not know how to splice), the smallest enclosing block is re-emitted instead, indented
like the original, then the next larger one. ruamel.yaml's round-trip mode was the library
candidate, but it re-emits the whole document with one indentation for all sequences, so a file
that mixes `- item` under and beside its key (as real manifests do) still changes lines that
were not edited.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io.yaml_dialect import compose_document, parse_document
from kubecanvas.io.yaml_splicer import Edit, Refused, Splicer, canonical

_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_FLATTEN = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")

__all__ = ["canonical", "splice_document"]


def splice_document(text: str, new: Any) -> str | None:
    """`text` (one document chunk, markers and comments included) edited to read as `new`.

    Returns None when the text cannot be edited in place (it does not parse, uses anchors or
    merge keys, or has line breaks libyaml counts differently); the caller re-dumps then.
    """
    try:
        return _splice(text, new)
    except RecursionError:  # deeper than Python's stack (the loader's depth limit allows 200)
        return None


def _splice(text: str, new: Any) -> str | None:
    if any(ch in text.replace("\r\n", "\n") for ch in "\r\x85\u2028\u2029"):
        return None
    try:
        root = compose_document(text)
        old, _ = parse_document(text)
    except yaml.YAMLError:
        return None
    if root is None or not _plain_tree(root):
        return None
    want = canonical(new)
    if canonical(old) == want:
        return text
    as_json = _is_json(text)
    finest = Splicer(text, root, None, as_json)
    levels: list[int | None] = [None]
    try:
        ops = finest.diff(old, new)
        levels = list(range(finest.deepest, -1, -1))
        candidate: str | None = _apply(text, ops, finest.newline)
    except Refused:
        candidate = None
        levels = list(range(_depth(root), -1, -1))
    if candidate is not None and _reads_as(candidate, want, as_json):
        return candidate
    for limit in levels:
        splicer = Splicer(text, root, limit, as_json)
        try:
            candidate = _apply(text, splicer.diff(old, new), splicer.newline)
        except Refused:
            continue
        if _reads_as(candidate, want, as_json):
            return candidate
    return None


def _reads_as(text: str, want: str, as_json: bool) -> bool:
    """True when `text` reads as the data `want` is the canonical form of (and is still JSON
    when the original was)."""
    if as_json and not _is_json(text):
        return False
    try:
        return canonical(parse_document(text)[0]) == want
    except yaml.YAMLError:
        return False


def _is_json(text: str) -> bool:
    """True for a document that is one JSON object (a `.json` manifest)."""
    body = text.lstrip("\ufeff \t\r\n")
    if not body.startswith("{"):
        return False
    try:
        return isinstance(json.loads(body), dict)
    except (ValueError, RecursionError):
        return False


def _plain_tree(root: Node) -> bool:
    """True when the node tree is the data's shape: no aliases, merge keys or special tags."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, MappingNode):
            if node.tag not in _PLAIN_COLLECTIONS:
                return False
            for key, value in node.value:
                if key.tag in _FLATTEN or not isinstance(key, ScalarNode):
                    return False
                stack.append(value)
        elif isinstance(node, SequenceNode):
            if node.tag not in _PLAIN_COLLECTIONS:
                return False
            stack.extend(node.value)
    return True


def _depth(node: Node) -> int:
    if isinstance(node, MappingNode):
        return 1 + max((_depth(value) for _, value in node.value), default=0)
    if isinstance(node, SequenceNode):
        return 1 + max((_depth(item) for item in node.value), default=0)
    return 0


def _apply(text: str, ops: list[Edit], newline: str) -> str:
    """Apply (start, end, replacement) edits; an insertion at a deletion's start goes first,
    insertions at one place keep their order. Overlapping edits are refused."""
    ordered = sorted(enumerate(ops), key=lambda item: (item[1][0], item[1][1], item[0]))
    out: list[str] = []
    position = 0
    for _, (start, end, replacement) in ordered:
        if start < position:
            raise Refused
        out.append(text[position:start])
        out.append(replacement.replace("\n", newline) if newline != "\n" else replacement)
        position = end
    out.append(text[position:])
    return "".join(out)
