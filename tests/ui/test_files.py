"""Saving and reopening, exporting YAML and pictures, the example and the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from tests.model.factories import deployment, service

from kubecanvas.io import load_paths
from kubecanvas.model.layout import NODE_HEIGHT
from kubecanvas.ui.canvas.export_image import ExportError, export_image
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import LIGHT
from kubecanvas.ui.commands import design_files
from kubecanvas.validation import validate_document


def test_example_opens_on_the_canvas_and_validates_clean(make_window):
    session = design_files.open_paths([design_files.EXAMPLE])
    kinds = {r.kind for r in session.document}
    assert {"Ingress", "Service", "Deployment", "ConfigMap", "Secret", "PersistentVolumeClaim",
            "PersistentVolume"} <= kinds
    assert not session.load_problems
    assert not validate_document(session.document)
    assert len({r.position for r in session.document}) == len(session.document)  # laid out
    window = make_window([])
    window.set_session(session)
    nodes = [n for n in window.scene.nodes.values() if not n.ghost]
    frames = window.scene.frames_by_resource  # the Namespace resource is drawn as its frame
    assert len(nodes) + len(frames) == len(session.document)
    assert "shop" in window.scene.frames_by_namespace
    assert [f.namespace for f in frames.values()] == ["shop"]


def test_save_project_and_reopen_keeps_manifests_and_positions(make_window, tmp_path: Path):
    web, svc = deployment("web"), service("web", {"app": "web"})
    window = make_window([web, svc])
    window.editor.nudge([web.id], 40, 20)
    assert window.isWindowModified()
    path = tmp_path / "app.kcanvas"
    assert window.files._save_project(path)
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("app.kcanvas")
    assert window.open_paths([path])
    doc = window.session.document
    assert [(r.manifest, r.position) for r in doc] == [
        (web.manifest, (web.position[0] + 40, web.position[1] + 20)), (svc.manifest, svc.position)]
    assert str(path.resolve()) in window.recent.paths()


def test_export_yaml_loads_back_identically(make_window, tmp_path: Path):
    web, svc = deployment("web"), service("web", {"app": "web"})
    window = make_window([web, svc])
    path = tmp_path / "out.yaml"
    assert window.files._export_yaml(path)
    loaded = load_paths([path])
    assert not loaded.problems
    assert sorted(str(r.manifest) for r in loaded.resources) == sorted(
        str(r.manifest) for r in (web, svc))


def test_import_yaml_adds_resources_as_one_step(make_window, tmp_path: Path):
    window = make_window([deployment("web")])
    (tmp_path / "more.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n", "utf-8")
    assert window.files.import_paths([tmp_path / "more.yaml"]) == 1
    assert len(window.session.document) == 2
    web, extra = window.session.document  # added below the design, never over it
    assert extra.position[1] >= web.position[1] + NODE_HEIGHT
    window.undo_stack.undo()
    assert len(window.session.document) == 1


def test_open_reports_broken_documents_and_keeps_the_rest(tmp_path: Path):
    (tmp_path / "good.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n", "utf-8")
    (tmp_path / "bad.yaml").write_text("kind: [\n", "utf-8")
    session = design_files.open_paths([tmp_path])
    assert [r.name for r in session.document] == ["ok"]
    assert any("bad.yaml" in p for p in session.load_problems)
    with pytest.raises(design_files.OpenError, match="no such file"):
        design_files.open_paths([tmp_path / "nope.yaml"])


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_export_image_in_light_theme(make_window, tmp_path: Path, suffix: str):
    web, svc = deployment("web"), service("web", {"app": "web"})
    web.position = (400.0, 0.0)
    window = make_window([web, svc])
    window.scene.select_ids([web.id])
    path = export_image(window.scene, tmp_path / f"d{suffix}")
    assert path.stat().st_size > 1000
    assert window.selected_ids() == [web.id]  # selection restored after export
    if suffix == ".png":
        image = QImage(str(path))
        assert image.pixelColor(2, 2).name() == LIGHT.background
    if suffix == ".svg":
        assert "web" in path.read_text("utf-8")
    with pytest.raises(ExportError):
        export_image(window.scene, tmp_path / "d.gif")


def test_every_corpus_app_opens_on_a_canvas(corpus: Path, qtbot):
    apps = sorted({line.split("\t")[0] for line in
                   (corpus / "INDEX.tsv").read_text("utf-8").splitlines()[1:] if line})
    assert apps
    for app in apps:
        try:
            session = design_files.open_paths([corpus / app])
        except design_files.OpenError:
            assert app.startswith("malformed"), app
            continue
        scene = CanvasScene(session.document, session.graph)
        resources = [n for n in scene.nodes.values() if not n.ghost]
        assert len(resources) + len(scene.frames_by_resource) == len(session.document), app


def test_save_as_yaml_then_save_rewrites_that_file(make_window, tmp_path: Path):
    web = deployment("web")
    window = make_window([web])
    path = tmp_path / "app.yaml"
    assert window.files._export_yaml(path, mark_clean=True)
    assert window.windowTitle().startswith("app.yaml")
    window.editor.nudge([web.id], 20, 0)
    from kubecanvas.model.edits import SetField
    window.editor.push(SetField(web.id, ("spec", "replicas"), 4))
    assert window.files.save()
    assert not window.isWindowModified()
    [loaded] = load_paths([path]).resources
    assert loaded.spec["replicas"] == 4


def test_save_writes_imported_files_back_touching_only_edited_ones(make_window, tmp_path: Path):
    from kubecanvas.model.edits import SetField

    one = "# settings, keep this comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n" \
          "data:\n  k: v\n"
    two = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b  # edited below\ndata:\n  k: v\n"
    (tmp_path / "one.yaml").write_text(one, "utf-8")
    (tmp_path / "two.yaml").write_text(two, "utf-8")
    window = make_window([])
    assert window.open_paths([tmp_path])
    rid = next(r.id for r in window.session.document if r.name == "b")
    window.editor.push(SetField(rid, ("data", "k"), "changed"))
    assert window.files.save()
    assert (tmp_path / "one.yaml").read_text("utf-8") == one
    assert "k: changed" in (tmp_path / "two.yaml").read_text("utf-8")
    assert not window.isWindowModified()
