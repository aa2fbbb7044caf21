"""Recovery copies hold Secret values: they are private to the user, in one folder (not the
doubled `KubeCanvas/KubeCanvas` of earlier versions, whose copies are still found)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QStandardPaths

from kubecanvas.io.project import save_project
from kubecanvas.model.document import Document
from kubecanvas.model.edits import SetField
from kubecanvas.model.resource import Resource
from kubecanvas.ui.commands.autosave import legacy_recovery_dirs, pending_recoveries, recovery_dir

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")

SECRET = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
          "stringData": {"password": "hunter2-in-the-copy"}}


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_folder_is_named_once_whatever_the_application_names():
    app = QCoreApplication.instance()
    assert app is not None
    saved = app.organizationName(), app.applicationName()
    base = Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericDataLocation))
    try:
        for organisation in ("KubeCanvas", ""):
            app.setOrganizationName(organisation)
            app.setApplicationName("KubeCanvas")
            assert recovery_dir() == base / "KubeCanvas" / "recovery"
    finally:
        app.setOrganizationName(saved[0])
        app.setApplicationName(saved[1])
    assert legacy_recovery_dirs()[0] == base / "KubeCanvas" / "KubeCanvas" / "recovery"


@posix_only
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_copy_and_its_folder_are_private_under_any_umask(make_window, umask):
    secret = Resource(dict(SECRET))
    window = make_window([secret])
    window.editor.push(SetField(secret.id, ("metadata", "labels"), {"app": "db"}))
    previous = os.umask(umask)
    try:
        assert window.autosaver.save_now()
    finally:
        os.umask(previous)
    copy = window.autosaver.project
    assert "hunter2-in-the-copy" in copy.read_text("utf-8")  # it is the design, so: private
    assert _mode(recovery_dir()) == 0o700
    assert _mode(copy) == 0o600 and _mode(copy.with_suffix(".json")) == 0o600


@posix_only
def test_a_loose_folder_left_by_an_older_version_is_tightened(make_window):
    recovery_dir().mkdir(parents=True)
    os.chmod(recovery_dir(), 0o755)
    secret = Resource(dict(SECRET))
    window = make_window([secret])
    window.editor.push(SetField(secret.id, ("metadata", "labels"), {"app": "db"}))
    assert window.autosaver.save_now()
    assert _mode(recovery_dir()) == 0o700


def test_copies_at_the_old_doubled_path_are_moved_and_offered(make_window):
    legacy = legacy_recovery_dirs()[0]
    legacy.mkdir(parents=True)
    save_project(Document([Resource(dict(SECRET))]), legacy / "0123abcd.kcanvas")
    (legacy / "0123abcd.json").write_text(json.dumps({"title": "shop.yaml", "path": None}))
    if os.name == "posix":
        os.chmod(legacy / "0123abcd.kcanvas", 0o644)
    [recovery] = pending_recoveries()
    assert recovery.title == "shop.yaml"
    assert recovery.project == recovery_dir() / "0123abcd.kcanvas"
    assert not legacy.exists() and not legacy.parent.exists()
    if os.name == "posix":
        assert _mode(recovery.project) == 0o600 and _mode(recovery_dir()) == 0o700
    other = make_window([])
    other.restore(recovery)
    [restored] = list(other.session.document)
    assert restored.manifest == SECRET
