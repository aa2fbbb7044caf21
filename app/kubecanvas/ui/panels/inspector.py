"""The inspector: a form for the fields people set daily, and the full manifest as YAML.

Each form field is committed when editing finishes, as one undoable edit (renames also update
what refers to the resource). The YAML editor is checked as you type and applied as one
`SetManifest` edit with the Apply button or Ctrl+Return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.io.lines import LineIndex
from kubecanvas.io.yaml_dialect import dump_document, parse_typed
from kubecanvas.model.connect import rename_edit
from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, Edit, SetField, SetManifest
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.secret_values import keys_in_cluster
from kubecanvas.ui.canvas.icons import kind_pixmap
from kubecanvas.ui.i18n import EDITOR, in_languages, kind_label, resource_label, tr
from kubecanvas.ui.panels.inspector_fields import (
    FieldSpec,
    current_value,
    form_fields,
    parse_text,
    to_text,
)
from kubecanvas.ui.panels.inspector_formats import FieldError
from kubecanvas.ui.panels.table_editor import with_table_button
from kubecanvas.ui.panels.yaml_panel import monospace
from kubecanvas.ui.session import Update
from kubecanvas.ui.steady import SteadyHost
from kubecanvas.ui.tones import follow_theme, tone


def translated_error(exc: ValueError) -> str:
    """A form error in the user's language (field labels in it translated too)."""
    if isinstance(exc, FieldError):
        values = {k: tr(v) if k == "label" else v for k, v in exc.values.items()}
        return tr(exc.template).format(**values)
    return str(exc)


def hint_text(hint: str) -> str:
    """A placeholder in the user's language: words are translated, syntax examples kept."""
    return QCoreApplication.translate(EDITOR, hint) if hint else ""


def check_manifest(text: str) -> tuple[dict[str, Any] | None, str]:
    """Parse YAML typed in the editor; returns (manifest, '') or (None, what is wrong)."""
    data, problem = parse_typed(text)
    if problem is not None:
        where = tr("line {line}, column {column}: ").format(
            line=problem.line, column=problem.column) if problem.line is not None else ""
        return None, f"{where}{problem.message}"
    if not isinstance(data, Mapping):
        return None, tr("the manifest must be a mapping (apiVersion, kind, metadata ...)")
    for key in ("apiVersion", "kind"):
        if not isinstance(data.get(key), str) or not data.get(key):
            return None, tr("'{key}' is missing; every manifest needs one").format(key=key)
    meta = data.get("metadata")
    if not isinstance(meta, Mapping) or not isinstance(meta.get("name"), str) or not meta["name"]:
        return None, tr("'metadata.name' is missing; every resource needs a name")
    return dict(data), ""


class InspectorPanel(QDockWidget):
    """Dock showing the selected resource."""

    edit_requested = Signal(object)  # a model Edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InspectorPanel")
        self.document: Document | None = None
        self.graph: WiringGraph | None = None
        self.rid: str | None = None
        self.widgets: dict[str, QLineEdit | QComboBox] = {}
        self._specs: dict[str, FieldSpec] = {}
        self._shown_manifest: dict[str, Any] | None = None
        self._revealed: str | None = None
        self._shown_text: dict[str, str] = {}
        self._build()

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        head = QHBoxLayout()
        self.icon = QLabel(body)
        self.title = QLabel("", body)
        self.title.setWordWrap(True)
        head.addWidget(self.icon)
        head.addWidget(self.title, 1)
        layout.addLayout(head)
        self.reveal_button = QPushButton(body)
        self.reveal_button.clicked.connect(self._reveal)
        layout.addWidget(self.reveal_button)
        split = QTabWidget(body)  # the form and the full manifest, each with the whole height
        self.split = split
        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_host = QWidget(scroll)
        scroll.setWidget(self.form_host)
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form_error = QLabel("", body)
        self.form_error.setStyleSheet(f"color: {tone('error')}")
        follow_theme(self.form_error, lambda: self.form_error.setStyleSheet(
            f"color: {tone('error')}"))
        self.form_error.setWordWrap(True)
        split.addTab(scroll, "")
        split.addTab(self._build_yaml_editor(split), "")
        layout.addWidget(split, 1)
        layout.addWidget(self.form_error)
        layout.addStretch(0)
        self.setWidget(SteadyHost(body, self))  # its changes stay in the dock
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(150)
        self._check_timer.timeout.connect(self.check_yaml)
        self._count = 0
        self.retranslate()

    def retranslate(self) -> None:
        """Every label, button and tab in the language now set (the form is rebuilt)."""
        self.setWindowTitle(tr("Inspector"))
        self.reveal_button.setText(tr("Secret values are hidden — show them"))
        self.reveal_button.setToolTip(tr("Show the values of this Secret, in the form and the "
                                         "YAML"))
        self.split.setTabText(0, tr("Form"))
        self.split.setTabText(1, tr("YAML"))
        self.apply_button.setText(tr("Apply"))
        self.apply_button.setToolTip(tr("Apply the edited manifest (Ctrl+Return)"))
        self.revert_button.setText(tr("Revert"))
        dirty = self.yaml_dirty()
        text = self.yaml_edit.toPlainText()
        self.show_resource(self.rid, self._count)
        if dirty:  # keep what the user is typing
            self.yaml_edit.setPlainText(text)
            self.check_yaml()

    def _build_yaml_editor(self, parent: QWidget) -> QWidget:
        host = QWidget(parent)
        box = QVBoxLayout(host)
        box.setContentsMargins(0, 0, 0, 0)
        self.yaml_edit = QPlainTextEdit(host)
        self.yaml_edit.setFont(monospace())
        self.yaml_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.yaml_edit.textChanged.connect(lambda: self._check_timer.start())
        box.addWidget(self.yaml_edit, 1)
        row = QHBoxLayout()
        self.yaml_status = QLabel("", host)
        self.yaml_status.setWordWrap(True)
        follow_theme(self.yaml_status, self.check_yaml)  # its ✓/✕ colour suits the palette
        self.apply_button = QPushButton(host)
        self.apply_button.clicked.connect(self.apply_yaml)
        self.revert_button = QPushButton(host)
        self.revert_button.clicked.connect(self._reload_yaml)
        row.addWidget(self.yaml_status, 1)
        row.addWidget(self.revert_button)
        row.addWidget(self.apply_button)
        box.addLayout(row)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.yaml_edit)
        shortcut.activated.connect(self.apply_yaml)
        return host

    # --- following the selection and the document ------------------------------------------
    def set_document(self, document: Document, graph: WiringGraph) -> None:
        """Show resources of `document` from now on (the window then lets `follow` hear of its
        changes)."""
        self.document, self.graph = document, graph
        self.show_resource(None)

    def set_selection(self, ids: Sequence[str]) -> None:
        if len(ids) == 1:
            self.show_resource(ids[0])
        else:
            self.show_resource(None, count=len(ids))

    def follow(self, update: Update) -> None:
        """Show the resource again after it changed (nothing once it is removed)."""
        change = update.change
        if self.rid is None:
            return
        if self.rid in change.removed:
            self.show_resource(None)
        elif self.rid in change.changed:
            self.show_resource(self.rid)

    def show_resource(self, rid: str | None, count: int = 0) -> None:
        """Show one resource (None: nothing, or `count` resources selected)."""
        res = self.document.find(rid) if self.document is not None and rid else None
        self._clear_form()
        self.rid = res.id if res is not None else None
        self._count = count
        self.form_error.clear()
        if res is None:
            self.icon.clear()
            self.title.setText(tr("{count} resources selected").format(count=count) if count > 1
                               else tr("Select a resource to edit it.<br><br>Drag kinds from the "
                                       "palette onto the canvas; drag from a node's round handle "
                                       "(or Alt+drag) to another node to wire them; double-click "
                                       "a name to rename."))
            self.split.hide()
            self._shown_manifest = None
            self.reveal_button.hide()
            self.yaml_edit.show()
            self.yaml_edit.setPlainText("")
            self.yaml_edit.setEnabled(False)
            self.apply_button.setEnabled(False)
            self.revert_button.setEnabled(False)
            return
        self.split.show()
        self.icon.setPixmap(kind_pixmap(res.kind, 32, res.api_version))
        where = tr("{kind} in {namespace}") if res.namespace else "{kind}"
        left = keys_in_cluster(res)  # a note of the import, not of the manifest
        note = "<br><i>" + escape(tr("Values left in the cluster: {keys}").format(
            keys=", ".join(left))) + "</i>" if left else ""
        self.title.setText(f"<b>{res.name}</b><br>"
                           + where.format(kind=kind_label(res.kind), namespace=res.namespace)
                           + note)
        for spec in form_fields(res):
            self._add_row(spec, current_value(res, spec))
        self.yaml_edit.setEnabled(True)
        hidden = res.kind == "Secret" and self._revealed != res.id
        self.reveal_button.setVisible(hidden)
        self.yaml_edit.setVisible(not hidden)
        if self._shown_manifest != res.manifest or not self.yaml_dirty():
            self._reload_yaml()

    def _hidden_secret(self, spec: FieldSpec) -> bool:
        return spec.path[:1] in (("data",), ("stringData",)) and self.rid != self._revealed \
            and self.document is not None and self.rid is not None \
            and self.document.get(self.rid).kind == "Secret"

    def _reveal(self) -> None:
        self._revealed = self.rid
        self.reveal_button.hide()
        self.yaml_edit.show()
        self.show_resource(self.rid)  # the form's value fields too

    def _clear_form(self) -> None:
        for widget in self.widgets.values():
            widget.blockSignals(True)
            editor = widget.lineEdit() if isinstance(widget, QComboBox) else None
            if editor is not None:
                editor.blockSignals(True)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets.clear()
        self._specs.clear()
        self._shown_text.clear()

    def _add_row(self, spec: FieldSpec, value: Any) -> None:
        widget: QLineEdit | QComboBox
        if spec.type == "choice":
            combo = QComboBox(self.form_host)
            combo.setEditable(True)
            combo.addItems(list(spec.choices))
            combo.setCurrentText(to_text(spec, value) or spec.choices[0])
            combo.activated.connect(lambda _=0, s=spec: self._commit(s))
            editor = combo.lineEdit()
            if editor is not None:
                editor.editingFinished.connect(lambda s=spec: self._commit(s))
            widget = combo
        else:
            line = QLineEdit(to_text(spec, value), self.form_host)
            line.setPlaceholderText(hint_text(spec.hint))
            if self._hidden_secret(spec):  # like the YAML: values only when asked for
                line.setEchoMode(QLineEdit.EchoMode.Password)
                line.setReadOnly(True)
                line.setToolTip(tr("Secret values are hidden: press 'show them' below"))
            line.editingFinished.connect(lambda s=spec: self._commit(s))
            widget = line
        self.widgets[spec.label] = widget
        self._specs[spec.label] = spec
        self._shown_text[spec.label] = (widget.currentText() if isinstance(widget, QComboBox)
                                        else widget.text())
        self.form.addRow(tr(spec.label), widget if isinstance(widget, QComboBox) else
                         with_table_button(widget, spec, lambda: self.document,
                                           partial(self._commit, spec), self.form_host))

    def field_widget(self, label: str) -> QLineEdit | QComboBox | None:
        return self.widgets.get(label)

    # --- committing --------------------------------------------------------------------------
    def _commit(self, spec: FieldSpec) -> None:
        if self.document is None or self.graph is None or self.rid is None:
            return
        res = self.document.find(self.rid)
        widget = self.widgets.get(spec.label)
        if res is None or widget is None:
            return
        text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
        if text.strip() == self._shown_text.get(spec.label, "").strip():
            return
        current = current_value(res, spec)
        try:
            value = parse_text(spec, text, current)
        except ValueError as exc:
            self.form_error.setText(translated_error(exc))
            return
        self.form_error.clear()
        if value == current or (value is None and current is None):
            return
        edit: Edit
        if spec.path == ("metadata", "name"):
            if value is None:
                self.form_error.setText(tr("A resource needs a name."))
                return
            edit = rename_edit(self.document, self.graph, self.rid, str(value))
        else:
            edit = SetField(self.rid, spec.path, DELETE if value is None else value,
                            in_languages(lambda: tr("Set {field} of {resource}").format(
                                field=tr(spec.label).lower(),
                                resource=resource_label(res.kind, res.namespace, res.name))))
        self.edit_requested.emit(edit)

    def yaml_dirty(self) -> bool:
        return self._shown_manifest is not None and \
            self.yaml_edit.toPlainText() != dump_document(self._shown_manifest)

    def _reload_yaml(self) -> None:
        res = self.document.find(self.rid) if self.document is not None and self.rid else None
        if res is None:
            return
        self._shown_manifest = res.manifest
        self.yaml_edit.blockSignals(True)
        self.yaml_edit.setPlainText(dump_document(res.manifest))
        self.yaml_edit.blockSignals(False)
        self.check_yaml()

    def check_yaml(self) -> dict[str, Any] | None:
        """Validate the editor's text now; returns the manifest when it can be applied."""
        self._check_timer.stop()
        if self.rid is None:
            return None
        manifest, error = check_manifest(self.yaml_edit.toPlainText())
        dirty = self.yaml_dirty()
        if error:
            self.yaml_status.setText(f"<span style='color:{tone('error')}'>✕ {error}</span>")
        elif dirty:
            self.yaml_status.setText(tr("<span style='color:{colour}'>✓ valid</span> — Apply "
                                        "(Ctrl+Return) to change the resource").format(
                colour=tone("ok")))
        else:
            self.yaml_status.setText("")
        self.apply_button.setEnabled(manifest is not None and dirty)
        self.revert_button.setEnabled(dirty)
        return manifest

    def focus_path(self, path: tuple[str | int, ...]) -> None:
        """Put the YAML cursor on the field at `path` (or its nearest ancestor) and select it."""
        index = LineIndex(self.yaml_edit.toPlainText(), 1)
        probe = tuple(path)
        found = None
        while found is None and probe:
            found = index.lookup(probe)
            probe = probe[:-1]
        if found is None:
            return
        self.split.setCurrentIndex(1)  # a finding's field: show it in the full manifest
        block = self.yaml_edit.document().findBlockByNumber(found[0] - 1)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                            QTextCursor.MoveMode.KeepAnchor)
        self.yaml_edit.setTextCursor(cursor)
        self.yaml_edit.centerCursor()

    def apply_yaml(self) -> None:
        """Apply the edited manifest as one undoable edit."""
        manifest = self.check_yaml()
        if manifest is None or self.rid is None or self.document is None:
            return
        if manifest == self.document.get(self.rid).manifest:
            return
        res = self.document.get(self.rid)
        label = resource_label(res.kind, res.namespace, res.name)
        self.edit_requested.emit(SetManifest(self.rid, manifest,
                                             tr("Edit YAML of {resource}").format(resource=label)))
