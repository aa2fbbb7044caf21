"""`io/json_text.py`: the project file's JSON text, byte for byte what `json.dumps` writes, and
a project file written with it equal to one written by `json.dumps` over the whole corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_strategies import values

from kubecanvas.io import ProjectError, load_paths, save_project
from kubecanvas.io import project as project_module
from kubecanvas.io.json_text import indented_json
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource


def _reference(value: object, depth: int) -> str:
    """What the project writer wrote before: `json.dumps` with an indent of one, re-indented."""
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False).replace(
        "\n", "\n" + " " * depth)


control = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2030,
                                         blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=400, deadline=None)
@given(st.recursive(st.one_of(values, control),
                    lambda inner: st.one_of(st.lists(inner, max_size=3),
                                            st.dictionaries(control, inner, max_size=3)),
                    max_leaves=30),
       st.integers(min_value=0, max_value=4))
def test_the_text_is_what_json_dumps_writes(value, depth) -> None:
    assert indented_json(value, depth) == _reference(value, depth)


@pytest.mark.parametrize("value", [
    {}, [], "", 0, -0.0, 1e16, 1.5e-7, 2**70, True, None, {"a": {}}, [[], {}], "\x00\x1f\x7f\u2028",
])
def test_edge_values_read_as_json_writes_them(value) -> None:
    assert indented_json({"v": value}, 2) == _reference({"v": value}, 2)


@pytest.mark.parametrize("value", [(1, 2), {1: "a"}, {"a": {None: 1}}, {"a": {1, 2}}, b"x"])
def test_what_a_project_file_cannot_hold_is_refused(value) -> None:
    with pytest.raises(TypeError):
        indented_json(value)


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -float("inf")])
def test_numbers_json_cannot_write_are_refused(number) -> None:
    with pytest.raises(ValueError):
        indented_json({"a": [number]})


def test_a_manifest_nested_too_deeply_is_a_project_error_naming_the_file(tmp_path) -> None:
    deep: dict = {}
    inner = deep
    for _ in range(5000):
        inner["a"] = {}
        inner = inner["a"]
    path = tmp_path / "p.kcanvas"
    with pytest.raises(ProjectError, match="too deeply") as info:
        save_project(Document([Resource({"kind": "ConfigMap", "data": deep})]), path)
    assert str(path) in str(info.value)
    assert not path.exists()


def _apps(corpus: Path) -> list[str]:
    lines = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted({line.split("\t")[0] for line in lines if line.strip()})


def test_every_corpus_app_saves_the_bytes_json_dumps_would_write(corpus, tmp_path) -> None:
    apps = _apps(corpus)
    assert len(apps) > 40
    for app in apps:
        document = Document(load_paths([corpus / app]).resources)
        path = tmp_path / "app.kcanvas"
        save_project(document, path)
        data = {"format": project_module.FORMAT, "version": project_module.VERSION,
                "resources": [project_module._resource_data(r, tmp_path, {}) for r in document],
                "settings": project_module._settings_data(document.settings)}
        expected = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
        assert path.read_bytes() == expected.encode("utf-8"), app
