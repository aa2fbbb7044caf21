"""The project file: save -> load equality, versions, migrations, damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_strategies import manifests

from kubecanvas.io import ProjectError, load_paths, load_project, save_project
from kubecanvas.io import project as project_module
from kubecanvas.model.document import Document
from kubecanvas.model.resource import Origin, Resource


def sample(tmp_path: Path) -> Document:
    manifests_dir = tmp_path / "manifests"
    manifests_dir.mkdir()
    (manifests_dir / "app.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\n"
        "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n")
    resources = load_paths([manifests_dir]).resources
    resources.append(Resource({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "n"}},
                              position=(10.5, -3.0), pinned=True))
    document = Document(resources)
    document.settings.kube_version = "1.30"
    document.settings.ignored = {("KC001", "*"), ("KC002", resources[0].id)}
    document.settings.view = {"zoom": 1.5, "center": [1, 2]}
    return document


def test_save_then_load_gives_the_same_document(tmp_path):
    document = sample(tmp_path)
    path = tmp_path / "design.kcanvas"
    save_project(document, path)
    data = json.loads(path.read_text())
    assert (data["format"], data["version"]) == ("kubecanvas-project", 1)
    assert data["resources"][0]["origin"]["file"] == "manifests/app.yaml"
    assert data["settings"]["ignored"] == sorted(data["settings"]["ignored"])
    loaded = load_project(path)
    assert list(loaded) == list(document)
    assert loaded.settings == document.settings
    assert loaded.get(document.ids()[1]).origin.item_index == 0
    assert loaded.get(document.ids()[0]).origin.digest == document.get(document.ids()[0]).origin.digest
    item = loaded.get(document.ids()[1]).origin
    assert item.lines is not None and item.line_of(("metadata", "name")) == 8


def test_line_lookups_are_not_restored_from_a_changed_file(tmp_path):
    document = sample(tmp_path)
    save_project(document, tmp_path / "p.kcanvas")
    app = tmp_path / "manifests" / "app.yaml"
    app.write_text("# moved down\n" + app.read_text())
    loaded = load_project(tmp_path / "p.kcanvas")
    origin = loaded.get(document.ids()[0]).origin
    assert origin.lines is None and origin.line_of(("metadata", "name")) == 1


def test_moved_project_still_finds_its_manifests(tmp_path):
    (tmp_path / "a").mkdir()
    document = sample(tmp_path / "a")
    save_project(document, tmp_path / "a" / "p.kcanvas")
    (tmp_path / "a").rename(tmp_path / "b")
    loaded = load_project(tmp_path / "b" / "p.kcanvas")
    assert loaded.get(document.ids()[0]).origin.file == str(tmp_path / "b" / "manifests" / "app.yaml")


origins = st.one_of(st.none(), st.builds(
    Origin, file=st.sampled_from(["/abs/x.yaml", "-"]), line=st.integers(1, 999),
    column=st.integers(1, 99), doc_index=st.integers(0, 9),
    item_index=st.one_of(st.none(), st.integers(0, 9)),
    source=st.one_of(st.none(), st.text(max_size=10))))
resources = st.builds(
    Resource, manifest=manifests(), id=st.uuids().map(lambda u: u.hex),
    position=st.tuples(st.floats(allow_nan=False, allow_infinity=False, width=64),
                       st.floats(allow_nan=False, allow_infinity=False)),
    pinned=st.booleans(), origin=origins, original=st.one_of(st.none(), manifests()))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(resources, max_size=4, unique_by=lambda r: r.id),
       st.one_of(st.none(), st.from_regex(r"v?1\.[0-9]{1,2}(\.[0-9]{1,2})?", fullmatch=True)),
       st.sets(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3))
def test_save_load_round_trip(tmp_path, items, kube_version, ignored):
    document = Document(items)
    document.settings.kube_version = kube_version
    document.settings.ignored = ignored
    path = tmp_path / "rt.kcanvas"
    save_project(document, path)
    loaded = load_project(path)
    assert list(loaded) == list(document)
    assert loaded.settings == document.settings


def test_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.kcanvas"
    path.write_text(json.dumps({"format": "kubecanvas-project", "version": 99, "resources": []}))
    with pytest.raises(ProjectError, match="written by a newer KubeCanvas") as info:
        load_project(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(("content", "expected"), [
    ('{"format": "kubecanvas-project",\n "version": 1,\n "resources": [}', "line 3, column"),
    ("[]", "the file must be an object"),
    ('{"format": "other"}', "not a KubeCanvas project"),
    ('{"format": "kubecanvas-project", "version": 1, "resources": [{"id": "a"}]}',
     "resources[0].manifest must be an object"),
    ('{"format": "kubecanvas-project", "version": 1, "resources": [{"id": "a", "manifest": {},'
     ' "position": [1, "x"]}]}', "resources[0].position must be a number"),
    ('{"format": "kubecanvas-project", "version": 1, "resources": [{"id": "a", "manifest": {}},'
     ' {"id": "a", "manifest": {}}]}', "repeats the id"),
    ('{"format": "kubecanvas-project", "version": 1, "resources": [], "settings": '
     '{"ignored": [["only-one"]]}}', "settings.ignored[0]"),
    ('{"format": "kubecanvas-project", "version": 1, "resources": [{"id": "a", "manifest": '
     '{"x": NaN}}]}', "NaN"),
    ('{"format": "kubecanvas-project", "version": true, "resources": []}', "whole number"),
])
def test_damaged_files_name_the_file_and_the_place(tmp_path, content, expected):
    path = tmp_path / "bad.kcanvas"
    path.write_text(content)
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)
    assert path.read_text() == content


def test_missing_file_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError, match="cannot read"):
        load_project(tmp_path / "none.kcanvas")


def test_migrations_upgrade_older_files(tmp_path, monkeypatch):
    """Pretend the current format is 3 and files of version 1 and 2 need upgrading."""

    def v1_to_v2(data: dict) -> dict:
        data = dict(data)
        data["resources"] = [{**r, "position": [r.pop("x"), r.pop("y")]} for r in data["resources"]]
        return data

    def v2_to_v3(data: dict) -> dict:
        return {**data, "settings": {"kube_version": data.pop("kubernetes", None)}}

    monkeypatch.setattr(project_module, "VERSION", 3)
    monkeypatch.setattr(project_module, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    path = tmp_path / "old.kcanvas"
    path.write_text(json.dumps({
        "format": "kubecanvas-project", "version": 1, "kubernetes": "1.29",
        "resources": [{"id": "r1", "manifest": {"kind": "Namespace"}, "x": 4, "y": 5}]}))
    document = load_project(path)
    assert document.get("r1").position == (4.0, 5.0)
    assert document.settings.kube_version == "1.29"
    monkeypatch.setattr(project_module, "MIGRATIONS", {2: v2_to_v3})
    with pytest.raises(ProjectError, match="can no longer read"):
        load_project(path)


def test_unsaveable_values_raise_and_keep_the_old_file(tmp_path):
    path = tmp_path / "p.kcanvas"
    save_project(Document(), path)
    before = path.read_text()
    bad = Document([Resource({"kind": "ConfigMap", "data": {1: "x"}})])
    with pytest.raises(ProjectError, match="not a string"):
        save_project(bad, path)
    bad = Document([Resource({"kind": "ConfigMap", "data": {"x": {1, 2}}})])
    with pytest.raises(ProjectError, match="cannot be stored"):
        save_project(bad, path)
    assert path.read_text() == before


def test_a_damaged_older_file_fails_its_migration_with_a_project_error(tmp_path, monkeypatch):
    def v1_to_v2(data: dict) -> dict:
        return {**data, "resources": [{**r, "position": [r["x"], r["y"]]}
                                      for r in data["resources"]]}

    monkeypatch.setattr(project_module, "VERSION", 2)
    monkeypatch.setattr(project_module, "MIGRATIONS", {1: v1_to_v2})
    path = tmp_path / "old.kcanvas"
    path.write_text(json.dumps({"format": "kubecanvas-project", "version": 1,
                                "resources": [{"id": "r1", "manifest": {}, "x": 4}]}))
    with pytest.raises(ProjectError, match="cannot be upgraded from project format version 1") \
            as info:
        load_project(path)
    assert str(path) in str(info.value)


def test_a_kube_version_that_is_not_one_is_neither_saved_nor_loaded(tmp_path):
    document = Document()
    document.settings.kube_version = "latest"
    path = tmp_path / "p.kcanvas"
    with pytest.raises(ProjectError, match="'latest' is not a Kubernetes version"):
        save_project(document, path)
    assert not path.exists()
    path.write_text('{"format": "kubecanvas-project", "version": 1, "resources": [], '
                    '"settings": {"kube_version": "0"}}')
    with pytest.raises(ProjectError, match="settings.kube_version '0'") as info:
        load_project(path)
    assert str(path) in str(info.value)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(resources, max_size=5, unique_by=lambda r: r.id),
       st.sets(st.tuples(st.sampled_from([project_module._SLOT, f'  "{project_module._SLOT}"',
                                          "service.selector.no-match"]),
                         st.text(max_size=3)), max_size=3))
def test_the_sliced_writer_writes_what_one_json_dump_of_the_file_would(tmp_path, items,
                                                                       ignored):
    document = Document(items)
    document.settings.ignored = ignored  # even settings that spell the skeleton's slot
    path = tmp_path / "p.kcanvas"
    writer = project_module.ProjectWriter(document, path)
    while not writer.done:
        writer.step(1)
    data = {"format": project_module.FORMAT, "version": project_module.VERSION,
            "resources": [project_module._resource_data(r, tmp_path, {}) for r in document],
            "settings": project_module._settings_data(document.settings)}
    assert writer.text() == json.dumps(data, ensure_ascii=False, indent=1,
                                       allow_nan=False) + "\n"


def test_a_copy_is_the_design_when_it_began_and_the_next_redoes_only_changes(tmp_path):
    document = sample(tmp_path)
    first, second = list(document)[:2]
    fragments: project_module.FragmentCache = {}
    path = tmp_path / "copy.kcanvas"
    writer = project_module.ProjectWriter(document, path, fragments)
    writer.step(1)
    document.move(second.id, (500.0, 500.0))  # while the copy is being made
    while not writer.done:
        writer.step(1)
    writer.write()
    assert load_project(path).get(second.id).position == second.position
    cached = {rid: entry[0] for rid, entry in fragments.items()}
    again = project_module.ProjectWriter(document, path, fragments)
    while not again.done:
        again.step(10)
    again.write()
    redone = {rid for rid, entry in fragments.items() if entry[0] is not cached[rid]}
    assert redone == {second.id}
    assert load_project(path).get(second.id).position == (500.0, 500.0)
    assert fragments[first.id][0] is cached[first.id]
    document.remove(first.id)
    last = project_module.ProjectWriter(document, path, fragments)
    while not last.done:
        last.step(10)
    last.write()
    assert first.id not in fragments  # a removed resource's text is not kept


def test_the_note_of_secret_values_left_in_the_cluster_is_kept(tmp_path):
    from kubecanvas.model.secret_values import leave_values_in_cluster

    secret = leave_values_in_cluster(Resource(
        {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
         "data": {"password": "cHc="}}))
    plain = Resource({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}})
    path = tmp_path / "p.kcanvas"
    save_project(Document([secret, plain]), path)
    entries = json.loads(path.read_text("utf-8"))["resources"]
    assert entries[0]["values_in_cluster"] == ["password"]
    assert "values_in_cluster" not in entries[1]  # written only when there is something to say
    loaded = {r.kind: r for r in load_project(path)}
    assert loaded["Secret"].values_in_cluster == ("password",)
    assert loaded["ConfigMap"].values_in_cluster == ()
    entries[0]["values_in_cluster"] = [3]
    path.write_text(json.dumps({"format": "kubecanvas-project", "version": 1,
                                "resources": entries}), encoding="utf-8")
    with pytest.raises(ProjectError, match="values_in_cluster"):
        load_project(path)
