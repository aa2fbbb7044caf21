"""Importing YAML: tolerance, origins, line numbers, safety, JSON-shaped values."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import yaml

from kubecanvas.io import load_paths, load_text

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
"""


def test_one_broken_document_does_not_stop_the_others():
    text = "kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\n---\nkey: [1, 2\n---\n" + DEPLOY
    result = load_text(text, "app.yaml")
    assert [r.name for r in result.resources] == ["a", "web"]
    (problem,) = result.problems
    assert (problem.file, problem.severity) == ("app.yaml", "error")
    assert 5 <= problem.line <= 6
    assert "invalid YAML" in problem.message


def test_tab_indentation_reports_line_and_column():
    text = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n"
    (problem,) = load_text(text, "tab.yaml").problems
    assert (problem.line, problem.column) == (4, 1)
    assert "TAB" in problem.message
    assert problem.resource == "Pod x"  # guessed from the raw text


@pytest.mark.skipif(not getattr(yaml, "CSafeLoader", None),
                    reason="PyYAML's pure-Python reader rejects trailing TABs (reported as errors)")
def test_trailing_tab_loads_with_a_warning():
    text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\t\n"
    result = load_text(text, "t.yaml")
    assert len(result.resources) == 1
    (problem,) = result.problems
    assert (problem.severity, problem.line, problem.column) == ("warning", 6, 17)


def test_python_tags_are_refused_and_nothing_runs(tmp_path):
    marker = tmp_path / "ran"
    text = (f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: !!python/object/apply:os.system "
            f"['touch {marker}']\n")
    result = load_text(text, "evil.yaml")
    assert result.resources == []
    (problem,) = result.problems
    assert problem.line == 4 and "!!python/object/apply:os.system is refused" in problem.message
    assert not marker.exists()


def test_timestamps_binary_and_odd_values_stay_json():
    text = ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
            "  creationTimestamp: 2021-01-02T03:04:05Z\n"
            "data:\n  date: 2020-01-01\n  blob: !!binary |\n    aGVs\n    bG8=\n"
            "  big: .inf\n  set: !!set {a, b}\n  1: one\n  true: yes\n")
    (resource,) = load_text(text).resources
    data = resource.manifest["data"]
    assert resource.metadata["creationTimestamp"] == "2021-01-02T03:04:05Z"
    assert data["date"] == "2020-01-01"
    assert data["blob"] == "aGVsbG8="
    assert data["big"] == ".inf"
    assert data["set"] == {"a": None, "b": None}
    assert data["1"] == "one" and data["true"] is True
    assert json.loads(json.dumps(resource.manifest, allow_nan=False)) == resource.manifest


def test_unknown_tag_and_non_mapping_documents_are_reported():
    text = "- just\n- a list\n---\nplain string\n---\napiVersion: v1\nkind: X\nmetadata: !odd {}\n"
    result = load_text(text, "f.yaml")
    assert result.resources == []
    messages = [(p.line, p.message) for p in result.problems]
    assert messages[0][0] == 1 and "a list, not a mapping" in messages[0][1]
    assert messages[1][0] == 4 and "single value" in messages[1][1]
    assert messages[2][0] == 8 and "unknown YAML tag '!odd'" in messages[2][1]


def test_empty_documents_and_non_resources_are_skipped():
    text = "# only a comment\n---\n---\nfoo: bar\n---\n" + DEPLOY
    result = load_text(text)
    assert [r.name for r in result.resources] == ["web"]
    assert result.resources[0].origin.doc_index == 3
    (problem,) = result.problems
    assert problem.severity == "warning" and "neither apiVersion nor kind" in problem.message


def test_duplicate_keys_are_warned_about():
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: 1\n  a: 2\n"
    result = load_text(text)
    assert result.resources[0].manifest["data"] == {"a": 2}
    (problem,) = result.problems
    assert (problem.line, problem.severity) == (6, "warning")


def test_origin_and_lazy_field_lines():
    text = "# leading\n---\n" + DEPLOY
    (resource,) = load_text(text, "d.yaml", source="kustomize build .").resources
    origin = resource.origin
    assert (origin.file, origin.line, origin.column, origin.doc_index) == ("d.yaml", 3, 1, 1)
    assert origin.source == "kustomize build ."
    assert origin.line_of(("metadata", "namespace")) == 7
    assert origin.line_of(("spec", "template", "spec", "containers", 0, "image")) == 13
    assert origin.lines(("spec", "template", "spec", "containers", 0)) == (12, 9)
    assert origin.line_of(("spec", "missing", "deeper")) == 8  # nearest ancestor: spec
    assert resource.original == resource.manifest
    assert resource.original is not resource.manifest
    # a copy all the way down: an edit of the manifest leaves the original as read
    resource.manifest["spec"]["template"]["spec"]["containers"][0]["image"] = "edited"
    assert resource.original["spec"]["template"]["spec"]["containers"][0]["image"] != "edited"


def test_field_lines_follow_merge_keys():
    text = ("base: &b\n  x: 1\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n"
            "data:\n  <<: *b\n  y: 2\n")
    (resource,) = load_text(text).resources
    assert resource.manifest["data"] == {"x": 1, "y": 2}
    assert resource.origin.line_of(("data", "x")) == 2
    assert resource.origin.line_of(("data", "y")) == 8


def test_kind_list_expands_to_items():
    text = ("apiVersion: v1\nkind: List\nitems:\n"
            "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n"
            "- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: two\n")
    result = load_text(text, "l.yaml")
    assert [(r.kind, r.name, r.origin.item_index, r.origin.line) for r in result.resources] == [
        ("ConfigMap", "one", 0, 4), ("Secret", "two", 1, 8)]
    assert result.resources[1].origin.line_of(("metadata", "name")) == 11


def test_empty_list_loads_nothing_quietly():
    result = load_text("apiVersion: v1\nkind: List\nitems:\n---\napiVersion: v1\nkind: List\n"
                       "items: []\n")
    assert result.resources == [] and result.problems == []


def test_typed_list_items_get_their_kind():
    text = "apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: a}\n"
    (resource,) = load_text(text).resources
    assert (resource.kind, resource.api_version, resource.name) == ("ConfigMap", "v1", "a")


def test_duplicates_are_reported_with_both_locations(tmp_path):
    (tmp_path / "a.yaml").write_text(DEPLOY)
    (tmp_path / "b.yaml").write_text("# other copy\n" + DEPLOY)
    result = load_paths([tmp_path])
    assert len(result.resources) == 2
    (problem,) = result.problems
    assert problem.severity == "warning"
    assert f"{tmp_path / 'a.yaml'}:1" in problem.message
    assert f"{tmp_path / 'b.yaml'}:2" in problem.message
    assert problem.resource == "Deployment shop/web"


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / ".hidden").mkdir()
    for path, name in [("z/b.yml", "b"), ("a.yaml", "a"), ("c.yaml", "c"), (".hidden/h.yaml", "h"),
                       ("notes.txt", "n")]:
        (tmp_path / path).write_text(f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\n")
    result = load_paths([tmp_path])
    assert [r.name for r in result.resources] == ["a", "c", "b"]
    assert not result.problems


def test_bad_encoding_skips_only_that_file(tmp_path):
    (tmp_path / "bad.yaml").write_bytes(b"apiVersion: v1\nkind: ConfigMap\n# caf\xe9\n")
    (tmp_path / "good.yaml").write_bytes(b"\xef\xbb\xbfapiVersion: v1\nkind: ConfigMap\n"
                                         b"metadata: {name: g}\n")
    result = load_paths([tmp_path])
    assert [r.name for r in result.resources] == ["g"]
    (problem,) = result.problems
    assert problem.file.endswith("bad.yaml") and (problem.line, problem.column) == (3, 6)
    assert "UTF-8" in problem.message


def test_missing_path_and_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(DEPLOY.encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    result = load_paths(["-", "/nonexistent/x.yaml"])
    assert [(r.name, r.origin.file) for r in result.resources] == [("web", "-")]
    assert result.problems[0].message == "no such file or folder"


def test_strip_cluster_fields_on_import():
    text = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  uid: 1\n  resourceVersion: '9'\n"
            "  creationTimestamp: 2020-01-01T00:00:00Z\n  generation: 2\n  selfLink: /x\n"
            "  managedFields: []\n  annotations:\n"
            "    kubectl.kubernetes.io/last-applied-configuration: '{}'\nstatus: {phase: x}\n")
    (resource,) = load_text(text, strip_cluster_fields=True).resources
    assert resource.manifest == {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}
    assert "status" in resource.original  # the file as read, so saving writes the cleaned copy


def test_large_input_loads_every_document():
    text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n"
                   for i in range(2000))
    result = load_text(text)
    assert len(result.resources) == 2000 and not result.problems
    assert result.resources[-1].origin.line == 5 * 1999 + 2


def test_crlf_files_keep_line_numbers(tmp_path):
    path = Path(tmp_path / "w.yaml")
    path.write_bytes(DEPLOY.replace("\n", "\r\n").encode() + b"---\r\n" + DEPLOY.encode())
    result = load_paths([path])
    assert [r.origin.line for r in result.resources] == [1, 13]
    assert result.resources[0].origin.line_of(("spec",)) == 6


def test_directives_and_end_markers(tmp_path):
    text = ("%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\n"
            "# between\n%YAML 1.1\n--- !!map\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n"
            "...\n")
    path = tmp_path / "d.yaml"
    path.write_text(text)
    result = load_paths([path])
    assert [(r.name, r.origin.line) for r in result.resources] == [("a", 3), ("b", 9)]
    assert not result.problems
    from kubecanvas.io import write_back

    write_back(result.resources)
    assert path.read_text() == text
