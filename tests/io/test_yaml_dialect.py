"""The quick constructor for documents without anchors gives exactly what PyYAML's constructor
with KubeCanvas's rules gives: same data, same duplicate-key notes, same refusals."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kubecanvas.io import yaml_dialect
from kubecanvas.io.yaml_dialect import ManifestLoader, parse_document
from kubecanvas.io.yaml_split import content_offset, split_chunks


def slow(text: str) -> tuple[Any, list[tuple[int, int, str]]]:
    """The document as the loader's own constructor builds it."""
    loader = ManifestLoader(text)
    try:
        node = loader.get_single_node()
        return (None if node is None else loader.construct_document(node)), loader.duplicate_keys
    finally:
        loader.dispose()


def outcome(read: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", read(text)
    except yaml.YAMLError as exc:
        return "refused", str(exc)


@pytest.mark.parametrize("text", [
    "a: 1\nb: true\nc: ~\nd: 1.5\ne: .inf\nf: 2024-01-02\ng: 0x1F\nh: '1'\ni: [1, x, {j: no}]\n",
    "a: 1\na: 2\nb: {c: 1, c: 2}\n",            # keys written twice: noted, the last one wins
    "a: 1\na: {c: 1, c: 2}\n1: x\nd: {e: 1, e: 1}\n",  # ... before and after a key to convert
    "1: a\ntrue: b\n~: c\n1.5: d\n",             # keys that are not strings
    "a: !!binary aGVs\n  bG8=\nb: !!set {x, y}\nc: !!omap [{k: 1}]\nd: !!str 12\n",
    "? [a, b]\n: c\n",                           # a list as a key: refused
    "a: !!python/object/apply:os.system ['x']\n",  # refused, never run
    "a: !custom x\n",                            # an unknown tag: refused
    "- a\n- b: [c, {d: e}]\n",
    "a: !!str {b: 1}\n",                         # a tag that does not fit its node: refused
])
def test_the_quick_constructor_equals_the_loader(text: str) -> None:
    assert outcome(parse_document, text) == outcome(slow, text)


def test_the_quick_constructor_equals_the_loader_on_the_corpus(corpus: Path) -> None:
    compared = 0
    for path in sorted(corpus.rglob("*.y*ml")):
        for chunk in split_chunks(path.read_text(encoding="utf-8", errors="replace")):
            if content_offset(chunk.text) is None or "&" in chunk.text:
                continue
            assert outcome(parse_document, chunk.text) == outcome(slow, chunk.text), path
            compared += 1
    assert compared > 400


def test_documents_with_anchors_take_the_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(yaml_dialect, "_construct_plain",
                        lambda *args: calls.append(args) or {})  # type: ignore[func-returns-value]
    assert parse_document("a: &x {b: 1}\nc: *x\n")[0] == {"a": {"b": 1}, "c": {"b": 1}}
    assert not calls
    parse_document("a: 1\n")
    assert calls


@pytest.mark.parametrize("value", ["1", "true", "~", "", "2024-01-02", "1.5", "0x1F", "yes",
                                   "On", ".inf", "name", "1_000", "<<", "="])
def test_remembered_tags_are_the_tags_pyyaml_resolves(value: str) -> None:
    expected = yaml.SafeLoader("").resolve(yaml.ScalarNode, value, (True, False))
    for _ in range(2):  # the second time from memory
        assert ManifestLoader("").resolve(yaml.ScalarNode, value, (True, False)) == expected


@pytest.mark.parametrize("text", [
    "metadata:\n  name: web\nspec: {}\n",  # plain: `_construct_plain`, or with positions
    "metadata: &m\n  name: web\nspec: *m\n",  # anchors: the loader's `construct_mapping`
])
def test_mapping_keys_are_shared_strings(text: str) -> None:
    """Each manifest repeats the same few hundred names; shared (interned), they are one object
    each, and a lookup by a name written in the code finds its key by identity."""
    from kubecanvas.io.yaml_dialect import parse_document_positions

    for data in (parse_document(text)[0], parse_document_positions(text)[0]):
        key = next(iter(data))
        assert key is sys.intern("".join(["meta", "data"]))  # (a string made at run time)
        assert next(iter(data["metadata"])) is sys.intern("".join(["na", "me"]))
