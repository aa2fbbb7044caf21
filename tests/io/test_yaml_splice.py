"""Splicing an edit into a document's text: each case is the smallest text that shows one rule."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from kubecanvas.io.yaml_dialect import parse_document
from kubecanvas.io.yaml_splice import splice_document


def set_at(*path: Any, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for part in path[:-1]:
            data = data[part]
        data[path[-1]] = value
    return change


def delete_at(*path: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for part in path[:-1]:
            data = data[part]
        del data[path[-1]]
    return change


def insert_at(*path: Any, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for part in path[:-1]:
            data = data[part]
        data.insert(path[-1], value)
    return change


CASES = [
    pytest.param('spec:\n  image: "nginx:1.27"   # pinned\n  n: 1\n',
                 set_at("spec", "image", value="nginx:1.28"),
                 'spec:\n  image: "nginx:1.28"   # pinned\n  n: 1\n', id="double-quotes-comment"),
    pytest.param("a: 'x'\nb: 1\n", set_at("a", value="y"), "a: 'y'\nb: 1\n", id="single-quotes"),
    pytest.param("a: x\nb: 1\n", set_at("a", value="1"), "a: '1'\nb: 1\n",
                 id="a-string-that-looks-like-a-number-is-quoted"),
    pytest.param("a: '1'\n", set_at("a", value=2), "a: 2\n", id="a-number-is-not-quoted"),
    pytest.param("a:\nb: 1\n", set_at("a", value=3), "a: 3\nb: 1\n", id="empty-value"),
    pytest.param("m: {app: web, tier: front}\n", set_at("m", "x", value="z"),
                 "m: {app: web, tier: front, x: z}\n", id="flow-mapping-add"),
    pytest.param("m: {app: web, tier: front}\n", delete_at("m", "tier"),
                 "m: {app: web}\n", id="flow-mapping-remove-last"),
    pytest.param("m: {app: web, tier: front}\n", delete_at("m", "app"),
                 "m: {tier: front}\n", id="flow-mapping-remove-first"),
    pytest.param('args: ["a", "b"]\n', insert_at("args", 2, value="c d"),
                 'args: ["a", "b", c d]\n', id="flow-list-append"),
    pytest.param('args: ["a", "b"]\n', set_at("args", 0, value="z"),
                 'args: ["z", "b"]\n', id="flow-list-item"),
    pytest.param("env:\n  - name: A\n    value: '1'\n\nnext: 1\n",
                 insert_at("env", 1, value={"name": "B", "value": "2"}),
                 "env:\n  - name: A\n    value: '1'\n  - name: B\n    value: '2'\n\nnext: 1\n",
                 id="indented-list-append"),
    pytest.param("env:\n- name: A\n- name: B\n", insert_at("env", 0, value={"name": "Z"}),
                 "env:\n- name: Z\n- name: A\n- name: B\n", id="list-insert-first"),
    pytest.param("env:\n- name: A\n  # about B\n- name: B\n- name: C\n", delete_at("env", 1),
                 "env:\n- name: A\n  # about B\n- name: C\n", id="list-delete-keeps-comments"),
    pytest.param("c:\n- name: a\n  image: b\n", delete_at("c", 0, "name"),
                 "c:\n- image: b\n", id="first-key-of-an-item-moves-up"),
    pytest.param("a: 1\n# about b\nb: 2\nc: 3\n", delete_at("b"),
                 "a: 1\n# about b\nc: 3\n", id="remove-key-keeps-comment-above"),
    pytest.param("top:\n    a: 1\n    b: 2\nz: 0\n", set_at("top", "c", value={"d": [1, 2]}),
                 "top:\n    a: 1\n    b: 2\n    c:\n        d:\n        - 1\n        - 2\nz: 0\n",
                 id="four-space-document"),
    pytest.param("a: 1\nb: 2\n", set_at("a", value={"x": 1}), "a:\n  x: 1\nb: 2\n",
                 id="scalar-becomes-mapping"),
    pytest.param("s: |\n  one\n  two\n  three\nn: 1\n", set_at("s", value="one\n2\nthree\n"),
                 "s: |\n  one\n  2\n  three\nn: 1\n", id="literal-block-one-line"),
    pytest.param("a: 1\r\nb:\r\n  c: 2\r\n", set_at("b", "d", value=3),
                 "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n", id="crlf-kept"),
    pytest.param("a: 1\nb:\n  c: 2", set_at("b", "d", value=3), "a: 1\nb:\n  c: 2\n  d: 3",
                 id="no-final-line-break"),
    pytest.param("a: 1\ns: |\n  x\n  y", set_at("b", value=3), "a: 1\ns: |-\n  x\n  y\nb: 3",
                 id="final-literal-block-keeps-its-value"),
    pytest.param("a: 1\nb: 2", delete_at("b"), "a: 1", id="delete-last-line"),
    pytest.param("# head\n---\na: 1 # one\n...\n# tail\n", set_at("a", value=2),
                 "# head\n---\na: 2 # one\n...\n# tail\n", id="markers-and-comments"),
    pytest.param("a: 1\na: 2\nb: 0\n", set_at("a", value=3), "a: 1\na: 3\nb: 0\n",
                 id="duplicate-key-the-last-one-counts"),
    pytest.param('{\n  "kind": "Pod",\n  "spec": {\n    "n": 1\n  }\n}\n',
                 set_at("spec", "m", value="y"),
                 '{\n  "kind": "Pod",\n  "spec": {\n    "n": 1,\n    "m": "y"\n  }\n}\n',
                 id="json-stays-json-a-line-per-key"),
    pytest.param('{"kind": "Pod", "l": [1, 2]}', set_at("l", 0, value="y"),
                 '{"kind": "Pod", "l": ["y", 2]}', id="json-scalar"),
    pytest.param('{\n  "kind": "Pod",\n  "x": 1\n}\n', delete_at("x"),
                 '{\n  "kind": "Pod"\n}\n', id="json-delete-last"),
]


@pytest.mark.parametrize(("text", "change", "expected"), CASES)
def test_an_edit_touches_only_its_lines(text: str, change: Callable[[Any], None],
                                        expected: str) -> None:
    data = copy.deepcopy(parse_document(text)[0])
    change(data)
    assert splice_document(text, data) == expected
    assert parse_document(expected)[0] == data


def test_unchanged_data_gives_the_text_back() -> None:
    text = "a: {b: 1}  # c\n"
    assert splice_document(text, {"a": {"b": 1}}) == text


@pytest.mark.parametrize("text", [
    "base: &b {x: 1}\nuse: *b\n",
    "base: &b {x: 1}\nuse:\n  <<: *b\n  y: 2\n",
])
def test_anchors_and_merges_are_not_spliced(text: str) -> None:
    """An alias shares one node between two places: editing it in place would edit both."""
    data = parse_document(text)[0]
    data["use"] = {"x": 5}
    assert splice_document(text, data) is None


def test_what_cannot_be_spliced_re_emits_the_smallest_block() -> None:
    """Dropping the first two keys of a list item: the next key must move up beside the dash,
    which the two deletions cannot both do; the item is written again, and only the item."""
    text = ("keep: 1  # stays\nc:\n  - name: a\n    image: b\n    x:   1\n"
            "  - name: other   # untouched\n")
    data = parse_document(text)[0]
    del data["c"][0]["name"], data["c"][0]["image"]
    assert splice_document(text, data) == (
        "keep: 1  # stays\nc:\n  - x: 1\n  - name: other   # untouched\n")
