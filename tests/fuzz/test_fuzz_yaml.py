"""Mutation fuzzing of YAML import: damaged real-world files never raise, every problem names
its file and a line inside it, and whatever loads exports and saves as a project."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from fuzz_inputs import SEEDS, fuzz_settings, mutated_yaml
from hypothesis import given
from hypothesis import strategies as st

from kubecanvas.io import dump_resources, load_paths, load_project, load_text, save_project
from kubecanvas.io.problems import LoadResult
from kubecanvas.model.document import Document

WORK = Path(tempfile.mkdtemp(prefix="kubecanvas-fuzz-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def check_result(result: LoadResult, file: str, data: bytes) -> None:
    """The contract of a load, whatever the input: problems carry the file and a real line,
    resources carry their origin, and a lookup of field lines does not raise."""
    lines = data.count(b"\n") + 1
    for problem in result.problems:
        assert problem.file == file, problem
        assert 1 <= problem.line <= lines, (problem, lines)
        assert problem.column >= 1, problem
        assert problem.message.strip(), problem
        assert problem.severity in ("error", "warning"), problem
        assert str(problem).startswith(f"{file}:{problem.line}:")
    for resource in result.resources:
        origin = resource.origin
        assert origin is not None and origin.file == file
        assert 1 <= origin.line <= lines
        assert 1 <= origin.line_of(("metadata", "name")) <= lines
        assert 1 <= origin.line_of(("spec", "template", "spec", "containers", 0)) <= lines
        resource.label()


def export_and_save(result: LoadResult, name: str) -> None:
    """What the user does next: export the loaded resources and save them as a project; the
    export reads back to the same manifests and the project to the same document."""
    text = dump_resources(result.resources)
    again = load_text(text, "export.yaml")
    assert not again.errors, again.errors
    assert sorted(map(repr, (r.manifest for r in again.resources))) == sorted(
        map(repr, (r.manifest for r in result.resources)))
    project = WORK / f"{name}.kcanvas"
    save_project(Document(result.resources), project)
    loaded = load_project(project)
    assert [r.manifest for r in loaded] == [r.manifest for r in result.resources]


@fuzz_settings()
@given(mutated_yaml())
def test_damaged_yaml_files_load_without_raising(data: bytes) -> None:
    path = WORK / "input.yaml"
    path.write_bytes(data)
    result = load_paths([path])
    check_result(result, str(path), data)
    export_and_save(result, "input")


@fuzz_settings()
@given(st.binary(max_size=400))
def test_random_bytes_load_without_raising(data: bytes) -> None:
    path = WORK / "junk.yaml"
    path.write_bytes(data)
    check_result(load_paths([path]), str(path), data)


def test_every_seed_loads_without_raising() -> None:
    everything = LoadResult()
    for number, data in enumerate(SEEDS):
        path = WORK / f"seed-{number}.yaml"
        path.write_bytes(data)
        result = load_paths([path])
        check_result(result, str(path), data)
        everything.extend(result)
    export_and_save(everything, "seeds")
