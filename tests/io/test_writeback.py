"""Write-back to imported files: untouched documents byte for byte, edits re-dumped in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubecanvas.io import WriteBackError, load_paths, load_text, write_back
from kubecanvas.io.yaml_in import copy_data
from kubecanvas.model.resource import Resource

SOURCE = """\
# Shop, maintained by hand.
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings   # keep this comment
data:
  zeta: "1"
  alpha: two
---
# The service in front of the web pods.
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
# end of service
---
kind: List
apiVersion: v1
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: l1}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: l2}}
---
this: [is broken
---
# just a note
"""


def imported(tmp_path: Path, text: str = SOURCE, name: str = "shop.yaml") -> tuple[Path, list[Resource]]:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path, load_paths([path]).resources


def fingerprints(path: Path) -> dict[str, str | None]:
    return load_paths([path]).files


def edit(resource: Resource, **changes: object) -> Resource:
    manifest = copy_data(resource.manifest)
    manifest.update(changes)
    return resource.with_manifest(manifest)


def test_unchanged_file_is_byte_identical_and_not_rewritten(tmp_path):
    path, resources = imported(tmp_path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = write_back(resources)
    assert path.read_text() == SOURCE
    assert result.written == [] and result.unchanged == [path] and result.notes == []
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert set(result.origins) == {r.id for r in resources}


def test_edit_keeps_other_documents_comments_and_the_edited_key_order(tmp_path):
    path, resources = imported(tmp_path)
    service = resources[1]
    spec = dict(service.manifest["spec"], type="NodePort")
    resources[1] = edit(service, spec=spec)
    write_back(resources)
    text = path.read_text()
    assert text.startswith(SOURCE.split("---\n")[0])  # first document untouched, comments too
    assert "# The service in front of the web pods.\napiVersion: v1\nkind: Service\n" in text
    assert text == SOURCE.replace("  ports: [{port: 80}]\n", "  ports: [{port: 80}]\n  type: NodePort\n")
    assert "# end of service\n" in text
    assert "this: [is broken\n" in text and text.endswith("# just a note\n")
    reloaded = load_paths([path])
    assert [r.manifest for r in reloaded.resources] == [r.manifest for r in resources]


def test_removed_resources_drop_their_documents(tmp_path):
    path, resources = imported(tmp_path)
    kept = [r for r in resources if r.name not in ("settings", "l2")]
    write_back(kept)
    text = path.read_text()
    assert "settings" not in text and "Shop, maintained" not in text
    assert "name: l1" in text and "l2" not in text
    assert text.startswith("---\n# The service")
    assert [r.name for r in load_paths([path]).resources] == ["web", "l1"]


def test_files_whose_resources_were_all_deleted_are_listed_explicitly(tmp_path):
    path, _ = imported(tmp_path)
    files = fingerprints(path)
    assert files == {str(path): files[str(path)]} and files[str(path)]
    assert write_back([]).written == []
    assert path.read_text() == SOURCE
    assert write_back([], files=files).written == [path]
    assert path.read_text() == "---\nthis: [is broken\n---\n# just a note\n"


def test_removing_every_list_item_drops_the_list(tmp_path):
    path, resources = imported(tmp_path)
    write_back([r for r in resources if r.kind != "ConfigMap" or r.name == "settings"])
    assert "kind: List" not in path.read_text()


def test_new_resources_go_to_the_new_file_or_raise(tmp_path):
    path, resources = imported(tmp_path)
    fresh = Resource({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}})
    with pytest.raises(WriteBackError, match="no file"):
        write_back([*resources, fresh])
    assert path.read_text() == SOURCE
    target = tmp_path / "new.yaml"
    result = write_back([*resources, fresh], new_file=target)
    assert result.written == [target] and result.unchanged == [path]
    assert load_paths([target]).resources[0].name == "shop"
    assert result.origins[fresh.id].file == str(target)


def test_result_origins_let_the_next_save_be_byte_identical(tmp_path):
    path, resources = imported(tmp_path)
    resources[0] = edit(resources[0], data={"alpha": "three"})
    result = write_back(resources)
    refreshed = [r.__class__(manifest=r.manifest, id=r.id, origin=result.origins[r.id],
                             original=copy_data(r.manifest)) for r in resources]
    assert refreshed[0].origin.line == 2 and refreshed[1].origin.doc_index == 1
    before = path.read_bytes()
    assert write_back(refreshed).notes == []
    assert path.read_bytes() == before


def test_file_changed_on_disk_is_merged_by_identity(tmp_path):
    path, resources = imported(tmp_path)
    outside = ("apiVersion: v1\nkind: Secret\nmetadata: {name: added-outside}\n---\n"
               + SOURCE.replace("alpha: two", "alpha: changed outside"))
    path.write_text(outside)
    service = resources[1]
    resources[1] = edit(service, spec={"selector": {"app": "api"}})
    moved = Resource({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}},
                     origin=service.origin, original={"kind": "Pod"})
    result = write_back([*resources, moved])
    (note,) = result.notes
    assert "changed on disk" in note and "1 resource(s) edited" in note and "1 appended" in note
    text = path.read_text()
    assert text.startswith("apiVersion: v1\nkind: Secret\n")  # added outside: kept
    assert "alpha: changed outside" in text  # untouched in the editor: the file's text wins
    assert "# The service in front of the web pods.\n" in text
    assert "spec:\n  selector: {app: api}\n# end of service\n" in text  # edited: the editor wins
    assert "this: [is broken\n" in text
    names = [r.name for r in load_paths([path]).resources]
    assert names == ["added-outside", "settings", "web", "l1", "l2", "p"]
    assert set(result.origins) == {resources[1].id, moved.id, *(r.id for r in resources[2:])}


def test_unreadable_file_is_not_overwritten(tmp_path):
    path, resources = imported(tmp_path)
    path.write_bytes(b"caf\xe9: 1\n")
    result = write_back(resources)
    assert result.written == [] and "was not saved" in result.notes[0]
    assert result.skipped == [path] and not result.origins
    assert path.read_bytes() == b"caf\xe9: 1\n"


def test_a_file_replaced_by_a_folder_is_skipped_and_said_so(tmp_path):
    """The imported file became a folder: nothing is written into or over it, and the result
    names it as skipped, so no caller can report the design as saved."""
    path, resources = imported(tmp_path)
    path.unlink()
    path.mkdir()
    (path / "inside.yaml").write_text("kept: 1\n")
    result = write_back(resources)
    assert result.skipped == [path] and result.written == []
    assert "was not saved" in result.notes[0]
    assert sorted(p.name for p in path.iterdir()) == ["inside.yaml"]


def test_deleted_file_is_written_again(tmp_path):
    path, resources = imported(tmp_path)
    path.unlink()
    result = write_back(resources)
    assert "no longer on disk" in result.notes[0]
    assert [r.manifest for r in load_paths([path]).resources] == [r.manifest for r in resources]


def test_crlf_and_bom_are_kept(tmp_path):
    data = b"\xef\xbb\xbf" + SOURCE.replace("\n", "\r\n").encode()
    path = tmp_path / "w.yaml"
    path.write_bytes(data)
    resources = load_paths([path]).resources
    write_back(resources)
    assert path.read_bytes() == data
    resources[0] = edit(resources[0], data={"a": "b"})
    write_back(resources)
    out = path.read_bytes()
    assert out.startswith(b"\xef\xbb\xbf") and b"\n" not in out.replace(b"\r\n", b"")


def test_standard_input_resources_need_a_new_file(tmp_path):
    (resource,) = load_text("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n").resources
    target = tmp_path / "out.yaml"
    assert write_back([resource], new_file=target).written == [target]


PARTS = {
    "doc": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{n}\ndata: {{k: v{n}}}\n",
    "list": ("apiVersion: v1\nkind: List\nitems:\n- {{apiVersion: v1, kind: Secret, metadata: "
             "{{name: s{n}a}}}}\n- {{apiVersion: v1, kind: Secret, metadata: {{name: s{n}b}}}}\n"),
    "broken": "key: [oops{n}\n",
    "comment": "# note {n}\n",
    "empty": "",
}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(sorted(PARTS)), st.booleans()), min_size=1, max_size=7),
       st.lists(st.sampled_from(["keep", "edit", "drop"]), min_size=14, max_size=14),
       st.booleans())
def test_write_back_keeps_what_it_should(tmp_path, layout, actions, crlf):
    text = ""
    for n, (part, end_marker) in enumerate(layout):
        text += ("---\n" if n else "") + PARTS[part].format(n=n) + ("...\n" if end_marker else "")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "gen.yaml"
    path.write_bytes(text.encode())
    loaded = load_paths([path])
    resources = loaded.resources
    kept = []
    for resource, action in zip(resources, actions, strict=False):
        if action == "edit":
            resource = edit(resource, data={"edited": resource.name})
        if action != "drop":
            kept.append(resource)
    write_back(kept, files=loaded.files)
    out = path.read_bytes().decode()
    reloaded = load_paths([path])
    assert [r.manifest for r in reloaded.resources] == [r.manifest for r in kept]
    for n, (part, _) in enumerate(layout):
        if part in ("broken", "comment"):
            assert PARTS[part].format(n=n).rstrip("\n") in out
    if all(r.original == r.manifest for r in kept) and len(kept) == len(resources):
        assert out == text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(sorted(PARTS)), min_size=1, max_size=6),
       st.lists(st.sampled_from(["keep", "edit", "drop"]), min_size=12, max_size=12),
       st.integers(min_value=0, max_value=6))
def test_merge_after_outside_change_loses_nothing(tmp_path, layout, actions, where):
    parts = [PARTS[part].format(n=n) for n, part in enumerate(layout)]
    path = tmp_path / "gen.yaml"
    path.write_text("---\n".join(parts))
    loaded = load_paths([path])
    resources = loaded.resources
    outside = "apiVersion: v1\nkind: Secret\nmetadata: {name: from-outside}\n"
    parts.insert(min(where, len(parts)), outside)
    path.write_text("---\n".join(parts))
    kept, edited = [], []
    for resource, action in zip(resources, actions, strict=False):
        if action == "edit":
            resource = edit(resource, data={"edited": resource.name})
            edited.append(resource)
        if action != "drop":
            kept.append(resource)
    result = write_back(kept, files=loaded.files)
    assert any("changed on disk" in note for note in result.notes)
    reloaded = load_paths([path]).resources
    manifests = [r.manifest for r in reloaded]
    assert any(r.name == "from-outside" for r in reloaded)
    assert all(r.manifest in manifests for r in edited)
    out = path.read_text()
    for n, part in enumerate(layout):
        if part in ("broken", "comment"):
            assert PARTS[part].format(n=n).rstrip("\n") in out
