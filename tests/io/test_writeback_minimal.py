"""Write-back changes only what was edited: a one-field edit is a diff of that field's lines.

The property test runs random single-field edits over the real manifests of the shared corpus
(skipped when it is absent) and checks the written file line by line with difflib: the lines that
changed are the edited field's own lines, the untouched ones keep their text (indentation,
quoting, comments, flow or block style), and the file reads back as exactly the edited data.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from tests.builders import CORPUS
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io import load_paths, write_back
from kubecanvas.io.yaml_in import copy_data
from kubecanvas.io.yaml_split import split_chunks
from kubecanvas.model.resource import Origin

FieldPath = tuple[Any, ...]

TRICKY = ["yes", "n", "1e3", "0o17", "", " lead", "trail ", "a: b", "#c", "- z", "{x}", "[y]",
          "'q'", '"d"', "multi\nline", "null", "~", "é", "@at", "%p", "x, y", "a #b"]
SCALARS = st.one_of(
    st.integers(-10**9, 10**9), st.booleans(), st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.sampled_from(TRICKY))
VALUES = st.one_of(SCALARS, st.dictionaries(st.sampled_from(["a", "b", "name"]), SCALARS,
                                            min_size=1, max_size=2),
                   st.lists(SCALARS, min_size=1, max_size=2))


@cache
def corpus_files() -> dict[str, bytes]:
    """Corpus files that load without any problem (so every document is a resource)."""
    if not CORPUS.is_dir():
        return {}
    found = {}
    for path in sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml")):
        if "malformed-or-templated" in path.parts:
            continue
        loaded = load_paths([path])
        if loaded.resources and not loaded.problems:
            found[str(path.relative_to(CORPUS))] = path.read_bytes()
    return found


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True)


def walk(data: Any, base: FieldPath = ()) -> list[tuple[FieldPath, Any]]:
    found = [(base, data)]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(walk(value, (*base, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(walk(value, (*base, index)))
    return found


def at(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def edits(draw: st.DrawFn, manifest: dict[str, Any]) -> tuple[str, FieldPath, Any]:
    """One single-field edit: (what, path, value)."""
    fields = walk(manifest)
    scalars = [p for p, v in fields if p and not isinstance(v, (dict, list))]
    maps = [p for p, v in fields if isinstance(v, dict) and v]
    removable = [(*p, k) for p in maps for k in at(manifest, p) if len(at(manifest, p)) > 1]
    lists = [p for p, v in fields if isinstance(v, list) and v]
    long_lists = [p for p in lists if len(at(manifest, p)) > 1]
    kinds = [k for k, options in (("scalar", scalars), ("add", maps), ("remove", removable),
                                  ("insert", lists), ("delete", long_lists)) if options]
    kind = draw(st.sampled_from(kinds))
    if kind == "scalar":
        path = draw(st.sampled_from(scalars))
        value = draw(SCALARS.filter(lambda v: canonical(v) != canonical(at(manifest, path))))
        return kind, path, value
    if kind == "add":
        path = draw(st.sampled_from(maps))
        key = draw(st.text(min_size=1, max_size=10).filter(lambda k: k not in at(manifest, path)))
        return kind, (*path, key), draw(VALUES)
    if kind == "remove":
        return kind, draw(st.sampled_from(removable)), None
    path = draw(st.sampled_from(lists if kind == "insert" else long_lists))
    size = len(at(manifest, path))
    if kind == "insert":
        return kind, (*path, draw(st.integers(0, size))), draw(VALUES)
    return kind, (*path, draw(st.integers(0, size - 1))), None


def edited(manifest: dict[str, Any], kind: str, path: FieldPath, value: Any) -> dict[str, Any]:
    new = copy_data(manifest)
    parent = at(new, path[:-1])
    if kind in ("scalar", "add"):
        parent[path[-1]] = value
    elif kind == "insert":
        parent.insert(path[-1], value)
    else:
        del parent[path[-1]]
    return new


class Fields:
    """Where the fields of one imported resource are in its file, from PyYAML's own node tree
    (the pure-Python loader, not the code under test): a field's lines run from its key (or its
    list item) to its last character."""

    def __init__(self, text: str, origin: Origin) -> None:
        chunk = split_chunks(text)[origin.doc_index]
        self.text = chunk.text
        self.first = chunk.start_line - 1
        root = yaml.compose(chunk.text, Loader=yaml.SafeLoader)
        assert root is not None
        self.root: Node = root
        if origin.item_index is not None:
            self.root = self.node(("items", origin.item_index))[1]

    def node(self, path: FieldPath) -> tuple[Node, Node]:
        """(the node naming the field: key or item, the node of its value)."""
        named = node = self.root
        for part in path:
            if isinstance(node, SequenceNode):
                named = node = node.value[part]
            else:
                named, node = [(k, v) for k, v in node.value if k.value == str(part)][-1]
        return named, node

    def start(self, path: FieldPath) -> tuple[int, int]:
        """0-based line in the file and column where the field begins."""
        mark = self.node(path)[0].start_mark
        return self.first + mark.line, mark.column

    def lines(self, path: FieldPath) -> range:
        """0-based line numbers of the field in the file."""
        end = self._end(self.node(path)[1])
        return range(self.start(path)[0], self.first + self.text.count("\n", 0, end) + 1)

    def _end(self, node: Node) -> int:
        if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            return self._end(last[1] if isinstance(node, MappingNode) else last)
        end = node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            end = len(self.text[:end].rstrip(" \t\r\n"))
        return end


def line_diff(before: str, after: str) -> tuple[list[int], list[tuple[int, list[str]]]]:
    """(old line numbers removed or replaced, [(old position, new lines inserted there)]).

    A file without a final line break that gets lines appended has its last line end with one
    now, and a `|` block that ended the file must say `|-` to keep its value: both are part of
    appending, not changes of other fields, so they are not counted.
    """
    old, new = (text.removesuffix("\n").split("\n") for text in (before, after))
    removed: list[int] = []
    inserted: list[tuple[int, list[str]]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1 and all(
                b == a + "-" and a.endswith(("|", ">")) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)):
            continue
        if tag != "equal":
            removed.extend(range(i1, i2))
            if j2 > j1:
                inserted.append((i1, new[j1:j2]))
    return removed, inserted


def flow_parent(lines: list[str], line: int, column: int) -> bool:
    """True when the field at 0-based (line, column) sits inside `{...}` or `[...]`."""
    before = "\n".join([*lines[:line], lines[line][:column]]).rstrip()
    return before.endswith(("{", "[", ","))


def check_lines(fields: Fields, manifest: dict[str, Any], kind: str, path: FieldPath,
                value: Any, before: str, after: str) -> None:
    """The diff of `before` -> `after` is the edit's own lines, as `kind` predicts."""
    lines = before.split("\n")
    removed, inserted = line_diff(before, after)
    added = [line for _, new in inserted for line in new]
    if kind in ("add", "insert"):
        check_insertion(lines, fields, manifest, path, value, removed, inserted)
        return
    own = fields.lines(path)
    line, column = fields.start(path)
    if kind == "scalar":
        assert removed and set(removed) <= set(own)
        assert all(position in own for position, _ in inserted)
        if len(own) == 1:  # a one-line value stays one line: a one-line diff
            assert len(removed) == 1 and len(added) == 1, (removed, added)
    elif flow_parent(lines, line, column):  # `{a: 1, b: 2}`: the line loses `b: 2`
        assert set(removed) == set(own) and len(added) == 1
    elif kind == "remove" and lines[line][:column].strip() == "-":
        # `- a: 1\n  b: 2` without a: the next key moves up beside the dash
        assert removed[:len(own)] == list(own) and removed == list(range(own[0], removed[-1] + 1))
        assert len(added) == 1 and added[0].lstrip(" ").startswith("-")
    else:  # exactly the field's lines are gone (compared as text: difflib may pick any of
        # two identical neighbours as the removed one)
        old_lines, new_lines = (t.removesuffix("\n").split("\n") for t in (before, after))
        assert new_lines == old_lines[:own.start] + old_lines[own.stop:]


def check_insertion(lines: list[str], fields: Fields, manifest: dict[str, Any], path: FieldPath,
                    value: Any, removed: list[int], inserted: list[tuple[int, list[str]]]) -> None:
    """A new key or list item: new lines among its siblings, indented like them; or, in flow
    style, the one line the siblings share rewritten."""
    container = at(manifest, path[:-1])
    names = list(container) if isinstance(container, dict) else range(len(container))
    siblings = [(*path[:-1], name) for name in names]
    line, column = fields.start(siblings[0])
    if flow_parent(lines, line, column):
        assert len(removed) == 1 and len(inserted) == 1 and len(inserted[0][1]) == 1
        return
    assert not removed and len(inserted) == 1
    position, new = inserted[0]
    assert fields.lines(siblings[0]).start <= position <= fields.lines(siblings[-1]).stop
    first = new[0]
    indent = len(first) - len(first.lstrip(" "))
    if isinstance(path[-1], int):
        dash = lines[line].rfind("-", 0, column)
        assert first.lstrip(" ").startswith("-") and indent == dash
    else:
        assert indent == column
    if not isinstance(value, (dict, list)) or not value:
        assert len(new) == 1 or (isinstance(value, str) and "\n" in value)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    found = corpus_files()
    if not found:
        pytest.skip(f"corpus not found at {CORPUS}")
    return found


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.data())
def test_a_single_field_edit_changes_only_that_fields_lines(files, tmp_path, data):
    name = data.draw(st.sampled_from(sorted(files)), label="file")
    content = files[name]
    path = tmp_path / Path(name).name
    path.write_bytes(content)
    loaded = load_paths([path])
    resources = loaded.resources
    index = data.draw(st.integers(0, len(resources) - 1), label="resource")
    resource = resources[index]
    kind, field, value = data.draw(edits(resource.manifest), label="edit")
    resources[index] = resource.with_manifest(edited(resource.manifest, kind, field, value))
    result = write_back(resources, files=loaded.files)
    assert result.written == [path] and result.notes == []
    before, after = content.decode("utf-8-sig"), path.read_bytes().decode("utf-8-sig")
    note("".join(difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=1)))
    again = load_paths([path]).resources
    assert [canonical(r.manifest) for r in again] == [canonical(r.manifest) for r in resources]
    assert resource.origin is not None
    check_lines(Fields(before, resource.origin), resource.manifest, kind, field, value, before,
                after)
