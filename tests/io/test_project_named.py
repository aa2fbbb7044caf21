"""The project file keeps which labels KubeCanvas generated from a name, so a rename after
reopening still carries them along; a damaged entry is refused with its place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kubecanvas.io import ProjectError, load_project, save_project
from kubecanvas.model.document import Document
from kubecanvas.model.templates import new_resource


def test_generated_label_fields_survive_save_and_load(tmp_path: Path) -> None:
    web = new_resource("Deployment", [])
    plain = new_resource("ConfigMap", [])
    path = tmp_path / "d.kcanvas"
    save_project(Document([web, plain]), path)
    entries = json.loads(path.read_text())["resources"]
    assert "named" not in entries[1]  # files of designs without them stay as they were
    loaded = load_project(path)
    assert loaded.get(web.id).named == web.named and web.named


def test_a_damaged_named_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.kcanvas"
    save_project(Document([new_resource("Deployment", [])]), path)
    data = json.loads(path.read_text())
    data["resources"][0]["named"] = [[{"x": 1}]]
    path.write_text(json.dumps(data))
    with pytest.raises(ProjectError, match="named"):
        load_project(path)
