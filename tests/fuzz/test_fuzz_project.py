"""Mutation fuzzing of project loading: a damaged project file is either read or refused with a
`ProjectError` naming it, never another exception; what is read gets its wiring graph, exports
and saves again. (Validation of odd manifests is the validator's own fuzzing.)"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fuzz_inputs import BUILT_IN, fuzz_settings, mutation
from hypothesis import given
from hypothesis import strategies as st

from kubecanvas.io import ProjectError, dump_resources, load_project, load_text, save_project
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph

WORK = Path(tempfile.mkdtemp(prefix="kubecanvas-fuzz-project-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def _base_project() -> bytes:
    resources = [r for number, data in enumerate(BUILT_IN)
                 for r in load_text(data.decode(), str(WORK / f"seed-{number}.yaml")).resources]
    path = WORK / "base.kcanvas"
    document = Document(resources)
    document.settings.ignored = {("ref.missing", resources[0].id)}
    save_project(document, path)
    return path.read_bytes()


BASE = _base_project()

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2**64), 2**64), st.floats(allow_nan=False),
              st.text(max_size=12)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


@st.composite
def replaced_value(draw: st.DrawFn) -> bytes:
    """The base project with one value somewhere replaced by arbitrary JSON, or removed."""
    data = json.loads(BASE)
    node: Any = data
    path: list[Any] = []
    while isinstance(node, (dict, list)) and node and draw(st.integers(0, 4)):
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(key)
        node = node[key]
    if not path:
        return json.dumps(draw(json_values)).encode()
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = draw(json_values)
    return json.dumps(data).encode()


def open_like_the_editor(path: Path) -> None:
    """Load, and if that works, do what opening and saving does with the document."""
    try:
        document = load_project(path)
    except ProjectError as exc:
        assert str(path) in str(exc), exc
        return
    WiringGraph(document, subscribe=False)
    dump_resources(list(document))
    save_project(document, WORK / "again.kcanvas")
    assert [r.manifest for r in load_project(WORK / "again.kcanvas")] == [
        r.manifest for r in document]


@fuzz_settings()
@given(st.data())
def test_damaged_project_bytes_load_or_are_refused(data: st.DataObject) -> None:
    content = BASE
    for _ in range(data.draw(st.integers(1, 3))):
        content = data.draw(mutation(content))
    path = WORK / "bytes.kcanvas"
    path.write_bytes(content)
    open_like_the_editor(path)


@fuzz_settings()
@given(replaced_value())
def test_projects_with_wrong_values_load_or_are_refused(content: bytes) -> None:
    path = WORK / "values.kcanvas"
    path.write_bytes(content)
    open_like_the_editor(path)
