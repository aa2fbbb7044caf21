"""Inspector edits, problems with fixes, the YAML view, title, find and the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.model.factories import deployment, service
from tests.ui.gestures import snapshot

from kubecanvas.io.yaml_dialect import dump_document
from kubecanvas.ui.panels.palette import KIND_ROLE


def test_inspector_form_edit_is_one_undoable_edit(make_window, qtbot):
    web = deployment("web", replicas=1)
    window = make_window([web])
    window.scene.select_ids([web.id])
    replicas = window.inspector.field_widget("Replicas")
    before = snapshot(window.session.document)
    replicas.setText("3")
    replicas.editingFinished.emit()
    assert window.session.document.get(web.id).spec["replicas"] == 3
    assert window.scene.nodes[web.id].line.startswith("3 replicas")
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_inspector_rename_updates_references(make_window):
    web, svc = deployment("web"), service("web", {"app": "web"})
    claim_ref = deployment("user", env_from=[{"configMapRef": {"name": "web"}}])
    window = make_window([web, svc, claim_ref])
    window.scene.select_ids([web.id])
    name = window.inspector.field_widget("Name")
    name.setText("shop")
    name.editingFinished.emit()
    assert window.session.document.get(web.id).name == "shop"
    assert window.undo_stack.count() == 1


def test_inspector_bad_form_value_is_explained_not_applied(make_window):
    web = deployment("web")
    window = make_window([web])
    window.scene.select_ids([web.id])
    labels = window.inspector.field_widget("Labels")
    labels.setText("app")
    labels.editingFinished.emit()
    assert "key=value" in window.inspector.form_error.text()
    assert window.undo_stack.count() == 0


def test_inspector_yaml_is_checked_as_you_type_and_applied(make_window, qtbot):
    web = deployment("web")
    window = make_window([web])
    window.scene.select_ids([web.id])
    inspector = window.inspector
    inspector.yaml_edit.setPlainText("kind: [unclosed\n")
    inspector.check_yaml()
    assert "line" in inspector.yaml_status.text() and not inspector.apply_button.isEnabled()
    inspector.yaml_edit.setPlainText("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")
    inspector.check_yaml()
    assert "metadata.name" in inspector.yaml_status.text()
    manifest = dict(web.manifest, metadata={"name": "web", "labels": {"tier": "front"}})
    inspector.yaml_edit.setPlainText(dump_document(manifest))
    inspector.check_yaml()
    assert inspector.apply_button.isEnabled()
    before = snapshot(window.session.document)
    inspector.apply_button.click()
    assert window.session.document.get(web.id).labels == {"tier": "front"}
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before
    assert inspector.yaml_edit.toPlainText() == dump_document(web.manifest)


def test_problem_click_selects_and_fix_button_applies_one_edit(make_window):
    web, svc = deployment("web"), service("web", selector={"app": "wbe"})
    window = make_window([web, svc])
    problems = window.problems
    row = next(i for i, f in enumerate(problems.findings)
               if f.rule == "service.selector.no-match")
    item = problems.tree.topLevelItem(row)
    problems.tree.itemClicked.emit(item, 1)
    assert window.selected_ids() == [svc.id]
    assert window.inspector.yaml_edit.textCursor().selectedText().strip() == "selector:"
    assert window.scene.nodes[svc.id].badge == (1, "warning")
    before = snapshot(window.session.document)
    button = problems.tree.itemWidget(item, 4)
    button.click()
    assert window.session.document.get(svc.id).spec["selector"] == {"app": "web"}
    assert not any(f.rule == "service.selector.no-match" for f in problems.findings)
    assert window.scene.nodes[svc.id].badge is None
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_title_marks_unsaved_changes(make_window):
    web = deployment("web")
    window = make_window([web])
    assert not window.isWindowModified()
    window.scene.select_ids([web.id])
    window.editor.nudge([web.id], 20, 0)
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    window.undo_stack.undo()
    assert not window.isWindowModified()


def test_yaml_view_shows_selection_then_everything(make_window):
    web, svc = deployment("web"), service("web", {"app": "web"})
    window = make_window([web, svc])
    panel = window.yaml_panel
    window.scene.select_ids([svc.id])
    panel.refresh()
    assert "kind: Service" in panel.text.toPlainText()
    assert "kind: Deployment" not in panel.text.toPlainText()
    panel.whole.setChecked(True)
    assert "kind: Deployment" in panel.text.toPlainText()


def test_find_by_name_and_label(make_window, qtbot):
    web, api = deployment("web"), deployment("api", labels={"app": "api", "tier": "back"})
    window = make_window([web, api])
    qtbot.keyClicks(window.find_box, "we")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.selected_ids() == [web.id]
    window.find_box.clear()
    qtbot.keyClicks(window.find_box, "tier=back")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.selected_ids() == [api.id]


def test_copy_paste_and_duplicate_rename_on_collision(make_window):
    web = deployment("web")
    window = make_window([web])
    text = window.editor.copy([web.id])
    assert "name: web" in text
    [pasted] = window.editor.paste_text(text)
    assert window.session.document.get(pasted).name == "web-copy"
    [dup] = window.editor.duplicate([web.id])
    assert window.session.document.get(dup).name == "web-copy2"
    assert window.undo_stack.count() == 2


def test_secret_values_are_hidden_until_asked(make_window):
    from kubecanvas.model.resource import Resource

    secret = Resource({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                       "stringData": {"password": "hunter2"}})
    window = make_window([secret])
    window.scene.select_ids([secret.id])
    inspector = window.inspector
    inspector.split.setCurrentIndex(1)  # the YAML tab
    assert inspector.reveal_button.isVisible() and not inspector.yaml_edit.isVisible()
    inspector.reveal_button.click()
    assert inspector.yaml_edit.isVisible() and "hunter2" in inspector.yaml_edit.toPlainText()


def test_palette_filter_knows_kubectl_short_names_and_korean_terms(make_window, qtbot) -> None:
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    window = make_window([])
    palette = window.palette_panel

    def shown() -> set[str]:
        kinds = palette.list
        return {kinds.item(r).data(KIND_ROLE) for r in range(kinds.count())
                if not kinds.item(r).isHidden() and kinds.item(r).data(KIND_ROLE)}

    for typed, kind in (("svc", "Service"), ("pvc", "PersistentVolumeClaim"),
                        ("deploy", "Deployment"), ("claim", "PersistentVolumeClaim")):
        palette.filter.clear()
        qtbot.keyClicks(palette.filter, typed)
        assert kind in shown(), typed
    palette.filter.clear()
    palette.filter.setFocus()
    commit = QInputMethodEvent()  # Korean comes committed from the input method
    commit.setCommitString("파드")
    QApplication.sendEvent(palette.filter, commit)
    assert "Pod" in shown() and "Service" not in shown()
