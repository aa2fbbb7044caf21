"""Small table editors for the Inspector's list fields: ports, env, labels and selectors.

The one-line forms (`http:80->http, 443`, `A=1; B=configmap:cm/key`, `app=web, tier=front`)
stay for people who know them; a "⋯" button beside each opens a table with a row per entry,
Add, Remove, Up and Down, column headers that say what goes where, and completion from the
design (container port names for a Service's target port, ConfigMap and Secret keys for env,
the labels in use for labels and selectors). OK writes the rows back as the one-line text and
commits it through the Inspector's own path, so checking, undo and messages are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import pod_spec, template_labels
from kubecanvas.ui.i18n import N_, tr
from kubecanvas.ui.panels.inspector_fields import FieldSpec


@dataclass(frozen=True)
class Layout:
    """How one field's entries become table rows and back."""

    columns: tuple[str, ...]
    split: Callable[[str], list[str]]
    join: Callable[[list[str]], str]
    to_cells: Callable[[str], list[str]]
    from_cells: Callable[[list[str]], str]


def _split(sep: str) -> Callable[[str], list[str]]:
    return lambda text: [p.strip() for p in text.split(sep) if p.strip()]


def _pair(sep: str) -> Callable[[str], list[str]]:
    def cells(item: str) -> list[str]:
        key, _, value = item.partition(sep)
        return [key.strip(), value.strip()]
    return cells


def _port_cells(service: bool) -> Callable[[str], list[str]]:
    def cells(item: str) -> list[str]:
        name, _, rest = item.rpartition(":")
        number, _, target = rest.partition("->")
        return [name.strip(), number.strip(), target.strip()] if service else \
            [name.strip(), number.strip()]
    return cells


def _port_text(cells: list[str]) -> str:
    name, number = cells[0], cells[1]
    text = f"{name}:{number}" if name else number
    return f"{text}->{cells[2]}" if len(cells) > 2 and cells[2] else text


def layout_for(spec: FieldSpec) -> Layout | None:
    """The table layout of a field, or None when it has none."""
    if spec.type == "map":
        return Layout((N_("Key"), N_("Value")), _split(","), ", ".join, _pair("="),
                      lambda c: f"{c[0]}={c[1]}")
    if spec.type == "env":
        return Layout((N_("Name"), N_("Value or source")), _split(";"), "; ".join, _pair("="),
                      lambda c: f"{c[0]}={c[1]}")
    if spec.type == "ports":
        service = spec.path == ("spec", "ports")
        columns = (N_("Name"), N_("Port"), N_("Target port")) if service else \
            (N_("Name"), N_("Port"))
        return Layout(columns, _split(","), ", ".join, _port_cells(service), _port_text)
    return None


def suggestions(document: Document | None, spec: FieldSpec) -> list[list[str]]:
    """Completion words per column, from the design."""
    if document is None:
        return []
    labels: dict[str, set[str]] = {}
    port_names: set[str] = set()
    sources: set[str] = set()
    for res in document:
        for key, value in {**res.labels, **template_labels(res)}.items():
            labels.setdefault(key, set()).add(value)
        spec_of_pods = pod_spec(res)
        containers = spec_of_pods.get("containers") if spec_of_pods else None
        for container in containers if isinstance(containers, list) else []:
            ports = container.get("ports") if isinstance(container, dict) else None
            for port in ports if isinstance(ports, list) else []:
                if isinstance(port, dict) and isinstance(port.get("name"), str):
                    port_names.add(port["name"])
        if res.kind in ("ConfigMap", "Secret"):
            word = "configmap" if res.kind == "ConfigMap" else "secret"
            for field in ("data", "stringData", "binaryData"):
                data = res.manifest.get(field)
                for key in data if isinstance(data, dict) else {}:
                    sources.add(f"{word}:{res.name}/{key}")
    if spec.type == "map":
        return [sorted(labels), sorted({v for values in labels.values() for v in values})]
    if spec.type == "env":
        return [[], sorted(sources)]
    if spec.type == "ports":
        names = sorted(port_names | {"http", "https", "grpc", "metrics"})
        return [names, [], sorted(port_names)]
    return []


class _CompletingDelegate(QStyledItemDelegate):
    """Cell editors that complete from the design's words for their column."""

    def __init__(self, words: list[list[str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.words = words

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        column = index.column()
        if column < len(self.words) and self.words[column]:
            completer = QCompleter(self.words[column], editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text().strip())


class TableEditor(QDialog):
    """The rows of one field; `text()` is the one-line form of what the table holds."""

    def __init__(self, spec: FieldSpec, text: str, words: list[list[str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = layout_for(spec)
        assert layout is not None, f"no table for a {spec.type} field"
        self.layout_ = layout
        self.setWindowTitle(tr("Edit {field}").format(field=tr(spec.label)))
        self.table = QTableWidget(0, len(layout.columns), self)
        self.table.setHorizontalHeaderLabels([tr(c) for c in layout.columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegate(_CompletingDelegate(words, self.table))
        for item in layout.split(text):
            self.add_row(layout.to_cells(item))
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, label, slot in (("add", N_("Add"), lambda: self.add_row()),
                                  ("remove", N_("Remove"), self.remove_row),
                                  ("up", N_("Up"), lambda: self.move_row(-1)),
                                  ("down", N_("Down"), lambda: self.move_row(1))):
            button = QPushButton(tr(label), self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[name] = button
        buttons.addStretch(1)
        hint = QLabel(tr("One-line form: {example}").format(example=spec.hint), self)
        hint.setWordWrap(True)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, self)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.table)
        outer.addLayout(buttons)
        outer.addWidget(hint)
        outer.addWidget(box)
        self.resize(520, 320)

    def add_row(self, cells: Iterable[str] = ()) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = list(cells)
        for column in range(self.table.columnCount()):
            value = values[column] if column < len(values) else ""
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move_row(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        here, there = self.cells(row), self.cells(target)
        for column, (a, b) in enumerate(zip(here, there, strict=True)):
            self.table.setItem(row, column, QTableWidgetItem(b))
            self.table.setItem(target, column, QTableWidgetItem(a))
        self.table.setCurrentCell(target, self.table.currentColumn())

    def cells(self, row: int) -> list[str]:
        items = [self.table.item(row, c) for c in range(self.table.columnCount())]
        return [item.text().strip() if item is not None else "" for item in items]

    def text(self) -> str:
        """The rows as the field's one-line form (empty rows left out)."""
        rows = [self.cells(r) for r in range(self.table.rowCount())]
        return self.layout_.join([self.layout_.from_cells(c) for c in rows if any(c)])


def with_table_button(line: QLineEdit, spec: FieldSpec, document: Callable[[], Document | None],
                      commit: Callable[[], None], parent: QWidget) -> QWidget:
    """`line` with a "⋯" button that edits its entries as a table (the line itself when the
    field has no table layout)."""
    if layout_for(spec) is None or line.isReadOnly():
        return line
    host = QWidget(parent)
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2)
    button = QToolButton(host)
    button.setText("⋯")
    button.setObjectName("TableButton")
    button.setToolTip(tr("Edit as a table"))
    row.addWidget(line, 1)
    row.addWidget(button)
    if spec.hint and not line.toolTip():  # the syntax, also once the field is filled in
        line.setToolTip(tr("One-line form: {example}").format(example=spec.hint))

    def open_table() -> None:
        dialog = TableEditor(spec, line.text(), suggestions(document(), spec), host)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            line.setText(dialog.text())
            commit()

    button.clicked.connect(open_table)
    host.setProperty("table_editor", True)
    return host
