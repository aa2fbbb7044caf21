"""Prepared schemas kept between runs: the same schemas and findings with or without the cache,
and a stale, corrupt or unwritable cache only costs the preparation again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kubecanvas.validation import schema
from kubecanvas.validation.schema_cache import CACHE_ENV, SchemaCache, cache_root
from kubecanvas.validation.versions import available_versions, default_kube_version, schema_dir

pytestmark = pytest.mark.skipif(not available_versions(), reason="no schemas installed")

KINDS = [("apps/v1", "Deployment"), ("v1", "Service"), ("networking.k8s.io/v1", "Ingress")]


@pytest.fixture
def folder() -> Path:
    found = schema_dir(default_kube_version())
    assert found is not None
    return found


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(schema, "_prepared", SchemaCache)  # a fresh reader per call
    return tmp_path / "cache"


def _fresh(folder: Path, api_version: str, kind: str) -> dict[str, object]:
    """The schema as prepared without any cache."""
    path = folder / schema.schema_file_name(api_version, kind)
    return schema._prepare(path, folder)


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*.json"))


def test_a_kept_schema_is_the_prepared_one(folder: Path, cache: Path) -> None:
    for api_version, kind in KINDS:
        made = schema._build(folder, api_version, kind)
        kept = schema._build(folder, api_version, kind)  # read back this time
        assert made == kept == _fresh(folder, api_version, kind)
    assert len(_entries(cache)) == len(KINDS)


def test_the_version_index_is_kept_the_same(folder: Path, cache: Path) -> None:
    made = schema.builtin_kinds.__wrapped__(folder)
    kept = schema.builtin_kinds.__wrapped__(folder)
    assert made == kept
    assert kept[("apps", "Deployment")] == frozenset({"v1"})


@pytest.mark.parametrize("damage", [
    "{not json",
    "",
    '{"source": "00000000-1", "value": {"type": "object"}}',  # made from another file
    '{"source": null}',
    "[1, 2]",
])
def test_a_damaged_or_stale_entry_is_prepared_again(folder: Path, cache: Path,
                                                     damage: str) -> None:
    expected = _fresh(folder, "apps/v1", "Deployment")
    schema._build(folder, "apps/v1", "Deployment")
    (entry,) = _entries(cache)
    entry.write_text(damage, encoding="utf-8")
    assert schema._build(folder, "apps/v1", "Deployment") == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["value"] == expected  # rewritten


def test_a_damaged_version_index_is_prepared_again(folder: Path, cache: Path) -> None:
    expected = schema.builtin_kinds.__wrapped__(folder)
    (entry,) = _entries(cache)
    entry.write_text('{"source": "-", "value": [["apps", "Deployment", "v1"]]}',
                     encoding="utf-8")
    assert schema.builtin_kinds.__wrapped__(folder) == expected


def test_definitions_of_another_release_use_another_folder(tmp_path: Path, cache: Path,
                                                           folder: Path) -> None:
    copy = tmp_path / folder.name
    copy.mkdir()
    for name in ("_definitions.json", "service-v1.json"):
        (copy / name).write_bytes((folder / name).read_bytes())
    schema._build(copy, "v1", "Service")
    definitions = json.loads((copy / "_definitions.json").read_text(encoding="utf-8"))
    definitions["$defs"]["io.k8s.api.core.v1.ServiceSpec"]["properties"].pop("ports")
    (copy / "_definitions.json").write_text(json.dumps(definitions), encoding="utf-8")
    schema._raw_definitions.cache_clear()  # as a new process would read it
    schema._definition.cache_clear()
    changed = schema._build(copy, "v1", "Service")
    assert changed is not None
    assert "ports" not in changed["$defs"]["io.k8s.api.core.v1.ServiceSpec"]["properties"]
    assert len({p.parent for p in _entries(cache)}) == 2


def test_an_unwritable_cache_only_costs_the_preparation(folder: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # under a file: cannot be made
    monkeypatch.setattr(schema, "_prepared", SchemaCache)
    assert schema._build(folder, "v1", "Service") == _fresh(folder, "v1", "Service")


def test_an_empty_setting_keeps_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_root() is None
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache_root() == Path("/somewhere/kubecanvas")


def test_validate_reports_the_same_with_a_cold_and_a_warm_cache(tmp_path: Path) -> None:
    manifest = tmp_path / "app.yaml"
    manifest.write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n"
        "  replica: 2\n  selector: {matchLabels: {app: web}}\n  template:\n"
        "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web}]}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        "spec: {selector: {app: web}, ports: [{port: '80'}]}\n", encoding="utf-8")

    def report(cache: str) -> str:
        env = {**os.environ, CACHE_ENV: cache}
        done = subprocess.run([sys.executable, "-m", "kubecanvas", "validate", str(manifest),
                               "--format", "json"], capture_output=True, text=True, env=env,
                              check=False)
        assert done.returncode == 1, done.stderr
        return done.stdout

    cold = report(str(tmp_path / "cache"))
    assert list((tmp_path / "cache").rglob("deployment-apps-v1.json"))
    assert report(str(tmp_path / "cache")) == cold == report("")
    assert "spec.replica" in cold and "schema.type" in cold
