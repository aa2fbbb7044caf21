"""The editor's Import Namespace asks whether to bring Secret values (default: no), and the
editor never writes or sends the blanks of values left in the cluster as if they were values."""

from __future__ import annotations

import base64
from pathlib import Path

import yaml
from PySide6.QtWidgets import QCheckBox, QDialog, QMessageBox
from tests.ui import test_cluster_panel as panel
from tests.ui.test_cluster_panel import FakeKubectl, wait_idle

from kubecanvas.ui.panels.cluster_dialogs import ImportNamespaceDialog

# the stand-in kubectl, the message boxes and the window of the cluster panel's tests
kubectl, boxes, cluster_window = panel.kubectl, panel.boxes, panel.cluster_window

PASSWORD = "pw-2b7e-only-in-the-cluster"
LIVE = yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": [
    {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
     "metadata": {"name": "db", "namespace": "shop", "uid": "1", "resourceVersion": "2"},
     "data": {"password": base64.b64encode(PASSWORD.encode()).decode()}},
    {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings",
                                                          "namespace": "shop"},
     "data": {"mode": "fast"}},
]})


def test_the_dialog_asks_about_secret_values_and_says_no_by_default(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ImportNamespaceDialog(["shop"], "kind-dev", "", can_add=False)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QCheckBox, "IncludeSecretValues")
    assert box is not None and box.isVisibleTo(dialog)
    assert "Secret" in box.text() and not box.isChecked()
    assert not dialog.include_secret_values()
    box.setChecked(True)
    assert dialog.include_secret_values()


def _import(qtbot, monkeypatch, kubectl: FakeKubectl, cluster_window, include: bool):  # type: ignore[no-untyped-def]
    kubectl.install()
    kubectl.configure(namespaces=["shop"])
    kubectl.output.write_text(LIVE, encoding="utf-8")
    window, controller = cluster_window("")
    asked: list[bool] = []

    def run(dialog: ImportNamespaceDialog) -> int:
        asked.append(dialog.include_secret_values())  # what the user saw first
        dialog.namespace.setCurrentText("shop")
        dialog.secret_values.setChecked(include)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportNamespaceDialog, "exec", run)
    assert controller.import_namespace()
    qtbot.waitUntil(lambda: len(window.session.document) == 2 and not controller.busy,
                    timeout=15000)
    assert asked == [False]
    secret = next(r for r in window.session.document if r.kind == "Secret")
    return window, controller, secret


def test_import_leaves_secret_values_in_the_cluster_by_default(qtbot, monkeypatch, kubectl,  # type: ignore[no-untyped-def]
                                                               cluster_window, boxes) -> None:
    window, controller, secret = _import(qtbot, monkeypatch, kubectl, cluster_window, False)
    assert secret.manifest["data"] == {"password": ""} and secret.manifest["type"] == "Opaque"
    assert secret.values_in_cluster == ("password",)
    assert "Secrets imported without their values, which stay in the cluster: 1." in \
        controller.panel.summary.text()
    window.inspector.set_selection([secret.id])  # the inspector says so too
    assert "Values left in the cluster: password" in window.inspector.title.text()


def test_import_with_values_when_asked(qtbot, monkeypatch, kubectl, cluster_window,  # type: ignore[no-untyped-def]
                                       boxes) -> None:
    _window, controller, secret = _import(qtbot, monkeypatch, kubectl, cluster_window, True)
    assert base64.b64decode(secret.manifest["data"]["password"]).decode() == PASSWORD
    assert secret.values_in_cluster == ()
    assert "Secrets imported without" not in controller.panel.summary.text()


def test_export_yaml_asks_and_writes_secrets_without_data_or_nothing(  # type: ignore[no-untyped-def]
        qtbot, monkeypatch, kubectl, cluster_window, boxes, tmp_path: Path) -> None:
    window, _controller, _secret = _import(qtbot, monkeypatch, kubectl, cluster_window, False)
    target = tmp_path / "out.yaml"
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert not window.files._export_yaml(target)
    [(kind, title, text)] = boxes.asked
    assert (kind, title) == ("question", "Secrets without values")
    assert "Secret shop/db (password)" in text and not target.exists()
    boxes.answer = QMessageBox.StandardButton.Yes
    assert window.files._export_yaml(target)
    documents = {d["kind"]: d for d in yaml.safe_load_all(target.read_text("utf-8"))}
    assert "data" not in documents["Secret"] and documents["Secret"]["type"] == "Opaque"
    assert documents["ConfigMap"]["data"] == {"mode": "fast"}


def test_check_against_the_cluster_does_not_send_blank_values(qtbot, monkeypatch, kubectl,  # type: ignore[no-untyped-def]
                                                              cluster_window, boxes) -> None:
    _window, controller, _secret = _import(qtbot, monkeypatch, kubectl, cluster_window, False)
    assert controller.check()
    wait_idle(qtbot, controller)
    sent = [d["kind"] for call in kubectl.applies() for d in call["documents"]]
    assert sent == ["ConfigMap"]



def test_copy_paste_and_duplicate_keep_the_note(qtbot, monkeypatch, kubectl, cluster_window,  # type: ignore[no-untyped-def]
                                                boxes) -> None:
    window, _controller, secret = _import(qtbot, monkeypatch, kubectl, cluster_window, False)
    config = next(r for r in window.session.document if r.kind == "ConfigMap")
    window.editor.copy([config.id, secret.id])  # apply order puts the Secret first: by name
    pasted = window.editor.paste()
    duplicated = window.editor.duplicate([secret.id])
    doc = window.session.document
    copies = [doc.get(i) for i in (*pasted, *duplicated) if doc.get(i).kind == "Secret"]
    assert len(copies) == 2
    assert all(c.values_in_cluster == ("password",) and c.name != "db" for c in copies)
    assert [doc.get(i).values_in_cluster for i in pasted if doc.get(i).kind != "Secret"] == [()]
