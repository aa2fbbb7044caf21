"""Every real-world manifest in the shared corpus survives import, export and write-back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kubecanvas.io import dump_resources, load_paths, load_text, write_back
from kubecanvas.io.yaml_dialect import ManifestLoader
from kubecanvas.io.yaml_out import apply_order

MALFORMED = "malformed-or-templated"


def yaml_files(corpus: Path, malformed: bool) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".yaml", ".yml"))
    return [p for p in files if (MALFORMED in p.parts) == malformed]


def test_parseable_files_round_trip_through_export(corpus):
    files = yaml_files(corpus, malformed=False)
    assert len(files) >= 250
    failures = []
    for path in files:
        result = load_paths([path])
        if result.errors:
            failures.append(f"{path}: {result.errors[0]}")
            continue
        again = load_text(dump_resources(result.resources), "export.yaml")
        expected = [r.manifest for r in apply_order(result.resources)]
        if again.errors or [r.manifest for r in again.resources] != expected:
            failures.append(f"{path}: export does not read back equal")
    assert failures == []


def test_documents_read_as_data_match_a_plain_parse(corpus):
    """The chunked import sees the same documents a whole-stream parse does."""
    for path in yaml_files(corpus, malformed=False):
        text = path.read_text(encoding="utf-8-sig")
        whole = [d for d in yaml.load_all(text, Loader=ManifestLoader) if d is not None]
        loaded = load_paths([path]).resources
        plain = [r.original for r in loaded if r.origin is not None and r.origin.item_index is None]
        assert plain == [d for d in whole if d.get("kind") not in ("List",)
                         and not str(d.get("kind", "")).endswith("List")], path


def test_unchanged_files_are_written_back_byte_identical(corpus, tmp_path):
    for number, path in enumerate(yaml_files(corpus, malformed=False)):
        copy = tmp_path / f"{number}-{path.name}"
        shutil.copyfile(path, copy)
        result = write_back(load_paths([copy]).resources)
        assert result.notes == [], path
        assert copy.read_bytes() == path.read_bytes(), path


def test_malformed_files_report_a_problem_with_file_and_line(corpus):
    files = yaml_files(corpus, malformed=True)
    assert files
    for path in files:
        result = load_paths([path])
        problems = [p for p in result.problems if "defined twice" not in p.message]
        assert problems, path
        for problem in problems:
            assert problem.file == str(path) and problem.line > 1 and problem.column >= 1


@pytest.mark.parametrize("app", ["sockshop/sock-shop-monitoring", "istio-samples/bookinfo"])
def test_apps_load_as_folders(corpus, app):
    folder = corpus / app
    if not folder.is_dir():
        pytest.skip(f"{app} not in this corpus")
    result = load_paths([folder])
    assert result.resources and not result.errors
