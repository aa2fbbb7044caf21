"""Ports, env, labels and selectors edited as small tables from the Inspector's "⋯" buttons:
add, remove, reorder, completion from the design; the one-line form stays and follows."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton
from tests.model.factories import deployment, service
from tests.ui.gestures import snapshot

from kubecanvas.model.resource import Resource
from kubecanvas.ui.panels.inspector_fields import FieldSpec
from kubecanvas.ui.panels.table_editor import TableEditor, suggestions


def _button(window, label: str) -> QToolButton:
    line = window.inspector.field_widget(label)
    assert isinstance(line, QLineEdit)
    button = line.parentWidget().findChild(QToolButton, "TableButton")
    assert button is not None, label
    return button


def _with_dialog(qtbot, button: QToolButton, act) -> None:
    """Click the button; `act(dialog)` runs inside the modal table editor."""
    done: list[bool] = []

    def inside() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TableEditor)
        act(dialog)
        done.append(True)

    QTimer.singleShot(50, inside)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done


def _set_row(dialog: TableEditor, row: int, cells: list[str]) -> None:
    for column, text in enumerate(cells):
        dialog.table.item(row, column).setText(text)


def test_service_ports_table_add_reorder_ok(make_window, qtbot) -> None:
    web, svc = deployment("web"), service("front", {"app": "web"})
    window = make_window([web, svc])
    window.scene.select_ids([svc.id])
    before = snapshot(window.session.document)

    def act(dialog: TableEditor) -> None:
        assert [dialog.cells(r) for r in range(dialog.table.rowCount())] == \
            [["http", "80", "http"]]
        qtbot.mouseClick(dialog.buttons["add"], Qt.MouseButton.LeftButton)
        _set_row(dialog, 1, ["metrics", "9090", "http"])
        qtbot.mouseClick(dialog.buttons["up"], Qt.MouseButton.LeftButton)
        assert dialog.cells(0) == ["metrics", "9090", "http"]
        dialog.accept()

    _with_dialog(qtbot, _button(window, "Ports"), act)
    ports = window.session.document.get(svc.id).spec["ports"]
    assert [(p.get("name"), p["port"], p.get("targetPort")) for p in ports] == \
        [("metrics", 9090, "http"), ("http", 80, "http")]
    assert window.inspector.field_widget("Ports").text() == "metrics:9090->http, http:80->http"
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_labels_table_remove_row(make_window, qtbot) -> None:
    web = deployment("web", labels={"app": "web", "tier": "front"})
    web.manifest["metadata"]["labels"] = {"app": "web", "tier": "front"}
    window = make_window([web])
    window.scene.select_ids([web.id])

    def act(dialog: TableEditor) -> None:
        dialog.table.setCurrentCell(1, 0)
        qtbot.mouseClick(dialog.buttons["remove"], Qt.MouseButton.LeftButton)
        dialog.accept()

    _with_dialog(qtbot, _button(window, "Labels"), act)
    assert window.session.document.get(web.id).labels == {"app": "web"}


def test_cancel_changes_nothing(make_window, qtbot) -> None:
    web, svc = deployment("web"), service("front", {"app": "web"})
    window = make_window([web, svc])
    window.scene.select_ids([svc.id])
    _with_dialog(qtbot, _button(window, "Ports"), lambda dialog: dialog.reject())
    assert window.undo_stack.count() == 0


def test_completion_comes_from_the_design() -> None:
    from kubecanvas.model.document import Document

    cm = Resource({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"},
                   "data": {"LOG_LEVEL": "debug"}})
    doc = Document([deployment("web", labels={"app": "web", "tier": "front"}), cm])
    ports = suggestions(doc, FieldSpec("Ports", ("spec", "ports"), "ports"))
    assert "http" in ports[2]  # container port names for the target port
    env = suggestions(doc, FieldSpec("Env", ("spec", "env"), "env"))
    assert "configmap:settings/LOG_LEVEL" in env[1]
    labels = suggestions(doc, FieldSpec("Labels", ("metadata", "labels"), "map"))
    assert "tier" in labels[0] and "front" in labels[1]
