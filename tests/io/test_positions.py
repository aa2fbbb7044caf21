"""The one walk that builds a document's data and its positions gives exactly what the two
walks give (`_construct_plain` for the data, `position_tree` for the positions): same data,
same duplicate-key notes in the same order, same positions, same refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from kubecanvas.io.positions import data_and_positions, position_tree
from kubecanvas.io.yaml_dialect import (
    ManifestLoader,
    _construct_plain,
    parse_document_node,
    parse_document_positions,
)
from kubecanvas.io.yaml_split import content_offset, split_chunks


def _read(text: str, walk: Any) -> tuple[str, Any]:
    loader = ManifestLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return "empty", None
        return "ok", (walk(loader, node), loader.duplicate_keys)
    except yaml.YAMLError as exc:
        return "refused", str(exc)
    finally:
        loader.dispose()


def one_walk(text: str) -> tuple[str, Any]:
    return _read(text, data_and_positions)


def two_walks(text: str) -> tuple[str, Any]:
    return _read(text, lambda loader, node: (_construct_plain(loader, node),
                                             position_tree(node)))


@pytest.mark.parametrize("text", [
    "a: 1\nb: true\nc: ~\nd: 1.5\ne: .inf\nf: 2024-01-02\ng: 0x1F\nh: '1'\ni: [1, x, {j: no}]\n",
    "a: 1\na: 2\nb: {c: 1, c: 2}\n",            # keys written twice: noted, the last one wins
    "a: 1\na: {c: 1, c: 2}\n1: x\nd: {e: 1, e: 1}\n",  # ... before and after a key to convert
    "x:\n  y: {c: 1, c: 2}\n  1: z\n",           # a nested mapping turns to the loader midway
    "1: a\ntrue: b\n~: c\n1.5: d\n",             # keys that are not strings
    "a: !!binary aGVs\n  bG8=\nb: !!set {x, y}\nc: !!omap [{k: 1}]\nd: !!str 12\n",
    "a:\n  <<: {b: 1, c: 2}\n  c: 3\n",           # a merge key without an anchor
    "? [a, b]\n: c\n",                           # a list as a key: refused
    "a: !!python/object/apply:os.system ['x']\n",  # refused, never run
    "a: !custom x\n",                            # an unknown tag: refused
    "- a\n- b: [c, {d: e}]\n- [1, [2, [x]]]\n",
    "a: !!str {b: 1}\n",                         # a tag that does not fit its node: refused
    "plain scalar\n",
])
def test_one_walk_equals_the_data_walk_and_the_position_walk(text: str) -> None:
    assert one_walk(text) == two_walks(text)


def test_the_loader_takes_positions_from_the_same_parse() -> None:
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: [1, {x: y}]\n"
    data, duplicates, root = parse_document_positions(text)
    node_data, node_duplicates, node = parse_document_node(text)
    assert (data, duplicates) == (node_data, node_duplicates)
    assert root == position_tree(node)
    assert root is not None and root[2]["data"][2]["k"][2][1][2] == {"x": (5, 10, None)}


def test_anchored_and_json_documents_keep_their_own_ways() -> None:
    anchored = "a: &x {b: 1}\nc: *x\n"
    data, _, root = parse_document_positions(anchored)
    assert data == {"a": {"b": 1}, "c": {"b": 1}}
    assert root == position_tree(parse_document_node(anchored)[2])
    assert parse_document_positions('{"kind": "ConfigMap"}')[2] is None  # composed on request


def test_one_walk_equals_the_two_walks_on_the_corpus(corpus: Path) -> None:
    compared = 0
    for path in sorted(corpus.rglob("*.y*ml")):
        for chunk in split_chunks(path.read_text(encoding="utf-8", errors="replace")):
            if content_offset(chunk.text) is None or "&" in chunk.text:
                continue
            assert one_walk(chunk.text) == two_walks(chunk.text), path
            compared += 1
    assert compared > 400
