"""The editor's side of the hardening profile: the Problems panel's toggle (an undoable change
of the project setting, so it is remembered with the project), "Harden This Workload" (every
safe fix as one undo step, the YAML diff shown before anything changes), and asking for the
value a fix needs (a request, the port a probe checks).

It needs only a narrow part of the window (`HardeningHost`), so it can move with the panels.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.io.yaml_out import dump_resources
from kubecanvas.model.edits import Edit
from kubecanvas.model.kinds import pod_template_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.settings_edits import SetProfile
from kubecanvas.ui.i18n import local_text, tr
from kubecanvas.validation.findings import Fix
from kubecanvas.validation.hardening.harden import Hardening, harden_edit
from kubecanvas.validation.profiles import HARDENING

if TYPE_CHECKING:
    from kubecanvas.ui.commands.editing import Editor
    from kubecanvas.ui.session import Session


class HardeningHost(Protocol):
    """What this module uses of the window."""

    session: Session | None
    editor: Editor

    def selected_ids(self) -> list[str]: ...

    def show_status(self, text: str) -> None: ...


def hardening_on(host: HardeningHost) -> bool:
    return host.session is not None and HARDENING in host.session.document.settings.profiles


def toggle_hardening(host: HardeningHost, on: bool) -> None:
    """The Problems panel's toggle: one undo step that writes the project setting."""
    if host.session is not None and hardening_on(host) != on:
        host.editor.push(SetProfile(HARDENING, on))


def ask_fix_value(parent: QWidget, fix: Fix) -> str | None:
    """The value a fix needs, asked with its suggestion filled in (None: cancelled)."""
    assert fix.ask is not None
    value, ok = QInputDialog.getText(parent, tr("Value needed"), local_text(fix.ask.prompt),
                                     text=fix.ask.suggestion)
    return value.strip() if ok and value.strip() else None


def hardenable(host: HardeningHost) -> Resource | None:
    """The one selected resource, when it runs pods."""
    ids = host.selected_ids()
    if host.session is None or len(ids) != 1:
        return None
    res = host.session.document.find(ids[0])
    return res if res is not None and pod_template_path(res) is not None else None


def yaml_diff(before: Resource, manifest: dict[str, object]) -> str:
    """A unified diff of the resource's YAML before and after."""
    old = dump_resources([before]).splitlines(keepends=True)
    new = dump_resources([Resource(manifest)]).splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, new, "before", "after", n=3))


class HardenDialog(QDialog):
    """What hardening changes (the YAML diff) and what it leaves to the user, before applying."""

    def __init__(self, parent: QWidget | None, res: Resource, result: Hardening) -> None:
        super().__init__(parent)
        self.setObjectName("HardenDialog")
        self.setWindowTitle(tr("Harden {name}").format(name=res.name))
        layout = QVBoxLayout(self)
        changes = "\n".join(f"• {local_text(c)}" for c in result.changes)
        layout.addWidget(QLabel(tr("Changes") + "\n" + changes, self))
        self.diff = QPlainTextEdit(yaml_diff(res, result.manifest), self)
        self.diff.setReadOnly(True)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setMinimumSize(640, 320)
        layout.addWidget(self.diff, 1)
        if result.notes:
            notes = QLabel(tr("Left to you") + "\n" + "\n".join(
                f"• {local_text(n)}" for n in result.notes), self)
            notes.setWordWrap(True)
            layout.addWidget(notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.addButton(tr("Apply Hardening"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def harden_selected(host: HardeningHost, parent: QWidget,
                    confirm: bool = True) -> HardenDialog | None:
    """'Harden This Workload': show the diff; on Apply, push the one edit. With `confirm`
    False the dialog is returned unshown (tests and screenshots drive it)."""
    res = hardenable(host)
    if res is None:
        host.show_status(tr("Select one workload to harden"))
        return None
    found = harden_edit(res)
    if found is None:
        host.show_status(tr("Nothing to harden: {name} already has every safe fix").format(
            name=res.name))
        return None
    edit, result = found
    dialog = HardenDialog(parent, res, result)
    dialog.accepted.connect(lambda: _apply(host, edit, res.name))
    if confirm:
        dialog.open()
    return dialog


def _apply(host: HardeningHost, edit: Edit, name: str) -> None:
    host.editor.push(edit)
    host.show_status(tr("Hardened {name}").format(name=name))
