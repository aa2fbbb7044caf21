"""Turning gestures into undoable edits: drops, wires, moves, nudges, deletes and the clipboard.

The window owns one `Editor`; the scene, view and panels only emit intents, and everything that
changes the document passes through `Editor.push` (one QUndoStack entry per gesture).
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF
from PySide6.QtGui import QAction, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from kubecanvas.io.yaml_in import load_text
from kubecanvas.io.yaml_out import dump_resources
from kubecanvas.model.connect import (
    WiringAction,
    connect_actions,
    disconnect_edit,
    remove_edit,
    why_not,
)
from kubecanvas.model.document import Document
from kubecanvas.model.edits import AddResource, Compound, Edit, MoveResources
from kubecanvas.model.graph import Edge
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layout import GRID, NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.resource import Resource
from kubecanvas.model.templates import drop_namespace, new_resource
from kubecanvas.ui.canvas.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.commands.undo import push_edit
from kubecanvas.ui.i18n import N_, in_languages, local_text, resource_label, tr
from kubecanvas.ui.session import Session

PASTE_OFFSET = 40.0
POSITIONS_MIME = "application/x-kubecanvas-positions"
#: [kind, namespace, name, keys] of copied Secrets whose values stayed in the cluster, so a paste
#: or a duplicate keeps that note (the YAML shows only empty values; see model/secret_values.py).
IN_CLUSTER_MIME = "application/x-kubecanvas-values-in-cluster"


class Editor:
    """The editor API: every method is one undoable step (or nothing, with a status message)."""

    def __init__(self, stack: QUndoStack, parent: QWidget,
                 status: Callable[[str], None]) -> None:
        self.stack = stack
        self.parent = parent
        self.status = status
        self.session: Session | None = None
        #: Asks for a wiring action's choices; returns them, or None when cancelled.
        self.ask_params: Callable[[WiringAction], dict[str, Any] | None] = \
            lambda action: ask_params(self.parent, action)
        #: Shows a problem (title, details) without blocking; tests replace it.
        self.report: Callable[[str, str], None] = lambda title, details: show_problem(
            self.parent, title, details)

    @property
    def doc(self) -> Document:
        assert self.session is not None
        return self.session.document

    def push(self, edit: Edit | None, mergeable: bool = False) -> None:
        if edit is None or self.session is None:
            return
        push_edit(self.stack, self.session.document, edit, mergeable)

    # --- creating --------------------------------------------------------------------------
    @staticmethod
    def namespace_at(frames: Mapping[str, NamespaceFrameItem], pos: QPointF) -> str | None:
        """The namespace whose frame contains `pos` (where a dropped resource belongs)."""
        for ns, frame in frames.items():
            if frame.frame_rect().contains(pos):
                return ns
        return None

    def add_kind(self, kind: str, pos: QPointF, namespace: str | None = None) -> str | None:
        """Create a resource of `kind` with its top-left corner near `pos`; returns its id."""
        if self.session is None:
            return None
        x = round((pos.x() - NODE_WIDTH / 2) / GRID) * GRID
        y = round((pos.y() - NODE_HEIGHT / 2) / GRID) * GRID
        try:
            res = new_resource(kind, self.doc, namespace=drop_namespace(self.doc, namespace),
                               position=(x, y))
        except ValueError as exc:
            self.status(str(exc))
            return None
        self.push(AddResource(res))
        return res.id

    def add_below(self, resources: Iterable[Resource], description: str) -> int:
        """Add `resources` (laid out among themselves) below the whole design, as one undoable
        step (imported files, an imported namespace); returns how many were added."""
        if self.session is None:
            return 0
        top = max((r.position[1] for r in self.doc), default=-NODE_HEIGHT - 80)
        dy = top + NODE_HEIGHT + 120
        edits = []
        for res in resources:  # staged copies, not yet in the document
            res.position = (res.position[0], res.position[1] + dy)
            edits.append(AddResource(res))
        self.push(Compound(edits, description))
        return len(edits)

    # --- moving ----------------------------------------------------------------------------
    def commit_move(self, positions: dict[str, tuple[float, float]]) -> None:
        """One finished drag: one undo step, and the moved nodes become pinned."""
        if positions:
            self.push(MoveResources(
                positions, in_languages(lambda: tr("Move %n resource(s)", len(positions))),
                pin=True))

    def nudge(self, ids: list[str], dx: float, dy: float) -> None:
        """Arrow-key nudge; consecutive nudges of the same selection merge into one step."""
        if not ids or self.session is None:
            return
        positions = {}
        for rid in ids:
            x, y = self.doc.get(rid).position
            positions[rid] = (x + dx, y + dy)
        self.push(MoveResources(positions, in_languages(lambda: tr("Nudge")), pin=True),
                  mergeable=True)

    # --- wiring ----------------------------------------------------------------------------
    def wire(self, source: str, target: str, where: QPoint, choose: bool = True) -> bool:
        """Apply the wiring between two resources: the one action, or the one the user picks."""
        if self.session is None:
            return False
        session = self.session
        actions = connect_actions(session.document, session.graph, source, target)
        if not actions:
            self.status(local_text(why_not(session.document, session.graph, source, target)))
            return False
        if len(actions) == 1 or not choose:
            return self.apply_wiring(actions[0])
        menu = QMenu(self.parent)
        menu.setToolTipsVisible(True)
        for action in actions:
            item = QAction(local_text(action.description) + ("…" if action.params else ""), menu)
            item.triggered.connect(lambda _=False, a=action: self.apply_wiring(a))
            menu.addAction(item)
        return menu.exec(where) is not None

    def apply_wiring(self, action: WiringAction) -> bool:
        """Apply one wiring action, first asking for its choices (mount path, URL path)."""
        params = self.ask_params(action) if action.params else {}
        if params is None:
            return False
        edit = action.edit(**params)
        self.push(edit)
        self.status(local_text(getattr(edit, "description", action.description)))
        return True

    # --- deleting --------------------------------------------------------------------------
    def delete(self, ids: list[str], edges: list[Edge], ask: bool = True) -> None:
        """Delete resources (offering to clean references to them) and disconnect edges."""
        if self.session is None:
            return
        session = self.session
        edits: list[Edit] = []
        for edge in edges:
            edit = disconnect_edit(session.document, session.graph, edge)
            if edit is None:
                self.status(tr("The {type} edge comes from {field} and cannot be removed by a "
                               "field edit; edit the resource instead").format(
                                   type=edge.type, field=edge.field))
            elif edge.source not in ids:
                edits.append(edit)
        if ids:
            edit, dangling = remove_edit(session.document, session.graph, ids)
            if dangling and ask:
                sources = [session.document.get(e.source) for e in dangling]
                names = sorted({resource_label(r.kind, r.namespace, r.name) for r in sources})
                answer = QMessageBox.question(
                    self.parent, tr("Delete resources"),
                    tr("These resources refer to what you are deleting:") + "\n  "
                    + "\n  ".join(names[:8]) + "\n\n" + tr("Remove those references too?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                    | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes)
                if answer == QMessageBox.StandardButton.Cancel:
                    return
                if answer == QMessageBox.StandardButton.Yes:
                    edit, _ = remove_edit(session.document, session.graph, ids,
                                          clean_references=True)
            edits.append(edit)
        if len(edits) == 1:
            self.push(edits[0])
        elif edits:
            self.push(Compound(edits, in_languages(lambda: tr(
                "Delete %n resource(s)", len(ids)) + tr(" and %n wire(s)", len(edges)))))

    # --- clipboard -------------------------------------------------------------------------
    @staticmethod
    def release_clipboard() -> None:
        """Hand our clipboard data over as plain text owned by Qt.

        The QMimeData that `copy` puts on the clipboard is made from Python; if it is still
        there when the interpreter shuts down, PySide's wrapper and Qt's clipboard both try to
        free it and the process crashes on exit. Called when the application quits (and by
        the tests after each test); other applications still get the YAML text.
        """
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasFormat(POSITIONS_MIME):
            clipboard.setText(mime.text())

    def copy(self, ids: list[str]) -> str:
        """Put the selected manifests on the clipboard as YAML (any text editor, kubectl) and,
        for pasting back into KubeCanvas, their canvas positions in an internal format."""
        if self.session is None or not ids:
            return ""
        resources = [self.doc.get(i) for i in ids]
        text = dump_resources(resources)
        mime = QMimeData()
        mime.setText(text)
        mime.setData(POSITIONS_MIME, QByteArray(json.dumps(
            [list(r.position) for r in resources]).encode("utf-8")))
        noted = _in_cluster_notes(resources)
        if noted:
            mime.setData(IN_CLUSTER_MIME, QByteArray(json.dumps(noted).encode("utf-8")))
        QGuiApplication.clipboard().setMimeData(mime)
        return text

    def paste_text(self, text: str, offset: float = PASTE_OFFSET,
                   positions: dict[str, tuple[float, float]] | None = None,
                   in_cluster: list[list[Any]] | None = None) -> list[str]:
        """Add the resources in a YAML text, renamed when their names are taken (`in_cluster`:
        the notes `_in_cluster_notes` made of the copied resources)."""
        notes = {(str(k), str(ns), str(n)): tuple(map(str, keys))
                 for k, ns, n, keys in in_cluster or []}
        if self.session is None:
            return []
        result = load_text(text, "clipboard")
        if result.errors:
            self.report(tr("Some pasted text is not a Kubernetes resource"), "\n".join(
                tr("line {line}, column {column}: ").format(line=p.line, column=p.column)
                + p.message for p in result.errors[:12]))
        if not result.resources:
            self.status(tr("The clipboard holds no Kubernetes resources"))
            return []
        taken = {(r.kind, effective_namespace(r), r.name) for r in self.doc}
        edits: list[Edit] = []
        ids: list[str] = []
        base = self._free_spot()
        for index, loaded in enumerate(result.resources):
            name = _free_name(loaded, taken)
            manifest = copy.deepcopy(loaded.manifest)
            if name != loaded.name:
                manifest.setdefault("metadata", {})["name"] = name
            res = Resource(manifest, position=(base[0] + (NODE_WIDTH + 40) * index, base[1]),
                           values_in_cluster=notes.get((loaded.kind, loaded.namespace,
                                                        loaded.name), ()))
            if positions is not None and index < len(positions):
                x, y = list(positions.values())[index]
                res.position = (x + offset, y + offset)
            edits.append(AddResource(res))
            taken.add((loaded.kind, effective_namespace(loaded), name))
            ids.append(res.id)
        self.push(Compound(edits, in_languages(lambda: tr("Paste %n resource(s)", len(ids)))))
        return ids

    def paste(self) -> list[str]:
        """Paste YAML from any application (one undo step); copies made here keep their
        arrangement, shifted so the copy does not hide the original."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return []
        positions = None
        if mime.hasFormat(POSITIONS_MIME):
            try:
                raw = json.loads(bytes(mime.data(POSITIONS_MIME).data()).decode("utf-8"))
                positions = {str(i): (float(x), float(y)) for i, (x, y) in enumerate(raw)}
            except (ValueError, TypeError):
                positions = None
        in_cluster = None
        if mime.hasFormat(IN_CLUSTER_MIME):
            with contextlib.suppress(ValueError):
                in_cluster = json.loads(bytes(mime.data(IN_CLUSTER_MIME).data()).decode("utf-8"))
        return self.paste_text(mime.text(), positions=positions, in_cluster=in_cluster)

    def duplicate(self, ids: list[str]) -> list[str]:
        if self.session is None or not ids:
            return []
        resources = [self.doc.get(i) for i in ids]
        return self.paste_text(dump_resources(resources), positions={
            i: self.doc.get(i).position for i in ids}, in_cluster=_in_cluster_notes(resources))

    def _free_spot(self) -> tuple[float, float]:
        if self.session is None or not len(self.doc):
            return (0.0, 0.0)
        bottom = max(r.position[1] for r in self.doc)
        left = min(r.position[0] for r in self.doc)
        return (left, bottom + NODE_HEIGHT + 60)


def _in_cluster_notes(resources: list[Resource]) -> list[list[Any]]:
    """[kind, namespace, name, keys] for each resource noting values left in the cluster."""
    return [[r.kind, r.namespace, r.name, list(r.values_in_cluster)] for r in resources
            if r.values_in_cluster]


def show_problem(parent: QWidget, title: str, details: str) -> None:
    """A non-blocking warning with the details (file lines) in full."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("Paste"), title, parent=parent)
    box.setInformativeText(details)
    box.open()


_PARAM_LABELS = {"mount_path": N_("Mount path"), "path": N_("URL path")}


def ask_params(parent: QWidget, action: WiringAction) -> dict[str, Any] | None:
    """A small dialog for the choices of a wiring action, pre-filled with its defaults."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Wire"))
    form = QFormLayout(dialog)
    form.addRow(QLabel(local_text(action.description), dialog))
    edits: dict[str, QLineEdit] = {}
    for key, value in action.params.items():
        edits[key] = QLineEdit(str(value), dialog)
        label = tr(_PARAM_LABELS[key]) if key in _PARAM_LABELS else \
            key.replace("_", " ").capitalize()
        form.addRow(label, edits[key])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return {key: edit.text().strip() or action.params[key] for key, edit in edits.items()}


def _free_name(res: Resource, taken: set[tuple[str, str, str]]) -> str:
    ns = effective_namespace(res)
    if (res.kind, ns, res.name) not in taken:
        return res.name
    n = 1
    while (res.kind, ns, f"{res.name}-copy{'' if n == 1 else n}") in taken:
        n += 1
    return f"{res.name}-copy{'' if n == 1 else n}"
