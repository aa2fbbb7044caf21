"""JSON manifests are read wherever YAML is (kubectl and kubeconform read both), as JSON.

A folder import takes `.json` files beside `.yaml`/`.yml`; a `.json` file or standard input holding
one JSON object (`kubectl get -o json`, a `kind: List` included) is read with JSON's own rules, and
an edited `.json` file is written back as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kubecanvas.cli.main import main
from kubecanvas.io import load_paths, load_text, write_back
from kubecanvas.io.yaml_in import copy_data

CONFIG = {"apiVersion": "v1", "kind": "ConfigMap",
          "metadata": {"name": "settings", "namespace": "shop"},
          "data": {"greeting": "hi 😀", "url": "http://x/y"}}
DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
"""


def test_a_folder_import_reads_json_files_beside_yaml(tmp_path: Path) -> None:
    (tmp_path / "b-deploy.yaml").write_text(DEPLOY, encoding="utf-8")
    (tmp_path / "a-config.json").write_text(json.dumps(CONFIG, indent=2), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("{}", encoding="utf-8")
    result = load_paths([tmp_path])
    assert [(r.kind, r.name) for r in result.resources] == [("ConfigMap", "settings"),
                                                             ("Deployment", "web")]
    assert not result.problems
    assert result.resources[0].manifest == CONFIG


def test_json_is_read_by_json_rules_not_yaml_ones(tmp_path: Path) -> None:
    # json.dumps escapes every non-ASCII character (a surrogate pair for an emoji), and JSON's
    # 1e3 is a number: YAML 1.1 refuses the first and reads the second as a string.
    text = json.dumps({**CONFIG, "extra": {"ratio": 1e3}}).replace("1000.0", "1e3")
    assert "\\ud83d\\ude00" in text and "1e3" in text
    path = tmp_path / "c.json"
    path.write_text(text, encoding="utf-8")
    (resource,) = load_paths([path]).resources
    assert resource.manifest == {**CONFIG, "extra": {"ratio": 1000.0}}


def test_kubectl_get_o_json_list_from_standard_input() -> None:
    listed = {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
              "items": [CONFIG, {**CONFIG, "metadata": {"name": "other", "namespace": "shop"}}]}
    result = load_text(json.dumps(listed, indent=4))
    assert [r.name for r in result.resources] == ["settings", "other"]
    assert [r.origin.item_index for r in result.resources if r.origin] == [0, 1]


def test_json_findings_point_at_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(CONFIG, indent=4), encoding="utf-8")
    (resource,) = load_paths([path]).resources
    assert resource.origin is not None
    assert resource.origin.line_of(("data", "url")) == 10  # {, apiVersion, kind, metadata: 3, data, greeting


def test_a_key_written_twice_in_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"apiVersion": "v1", "kind": "ConfigMap",\n "metadata": {"name": "a"},\n'
                    ' "metadata": {"name": "b"}}\n', encoding="utf-8")
    result = load_paths([path])
    assert [r.name for r in result.resources] == ["b"]
    (problem,) = result.problems
    assert problem.line == 3 and "written twice" in problem.message


def test_broken_json_is_a_load_problem_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"apiVersion": "v1",\n "kind": "ConfigMap",\n "metadata": {"name": "a"\n',
                    encoding="utf-8")
    result = load_paths([path])
    assert not result.resources
    (problem,) = result.problems
    assert problem.severity == "error" and problem.file == str(path) and problem.line >= 3


@pytest.mark.parametrize("indent", [2, 4, "\t"])
def test_an_edited_json_file_is_written_back_as_json(tmp_path: Path, indent: int | str) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(CONFIG, indent=indent, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    (resource,) = load_paths([path]).resources
    manifest = copy_data(resource.manifest)
    manifest["data"]["greeting"] = "bye"
    write_back([resource.with_manifest(manifest)])
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == manifest
    assert text == json.dumps(manifest, indent=indent, ensure_ascii=False) + "\n"


def test_the_command_line_validates_and_imports_a_json_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "k8s"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(CONFIG), encoding="utf-8")
    assert main(["validate", str(folder), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["resources"] == 1
    project = tmp_path / "p.kcanvas"
    assert main(["import", str(folder), "-o", str(project)]) == 0 and project.exists()
