"""The one adapter between model edits and Qt's undo stack.

Edits live in the model (`apply`/`revert`, testable without Qt); `EditCommand` only forwards to
them, so whatever the editor does is undoable the same way. Moves merge so that a run of arrow-key
nudges of the same selection is one undo step. The step's name is the edit's description in the
language now set (model descriptions are `Text`); `retranslate_stack` renames every step after the
language changed.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from kubecanvas.model.document import Document
from kubecanvas.model.edits import Edit, MoveResources
from kubecanvas.ui.i18n import local_text

_MOVE_ID = 1001


class EditCommand(QUndoCommand):
    """Wrap any model edit as an undo command.

    Args:
        document: the document the edit applies to.
        edit: the edit; its `description` becomes the undo menu text.
        mergeable: True for arrow-key nudges, which merge with the previous nudge of the same
            resources; a mouse drag is never merged (one drag, one undo step).
    """

    def __init__(self, document: Document, edit: Edit, mergeable: bool = False) -> None:
        super().__init__(local_text(edit.description))
        self.document = document
        self.edit = edit
        self.mergeable = mergeable and isinstance(edit, MoveResources)

    def redo(self) -> None:
        self.edit.apply(self.document)

    def undo(self) -> None:
        self.edit.revert(self.document)

    def id(self) -> int:
        return _MOVE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, EditCommand) and other.mergeable and self.mergeable):
            return False
        mine, theirs = self.edit, other.edit
        assert isinstance(mine, MoveResources) and isinstance(theirs, MoveResources)
        return mine.merge(theirs)


def retranslate_stack(stack: QUndoStack) -> None:
    """Name every step of `stack` in the language now set (the Undo/Redo menu texts follow)."""
    for index in range(stack.count()):
        command = stack.command(index)
        if isinstance(command, EditCommand):
            command.setText(local_text(command.edit.description))


def push_edit(stack: QUndoStack, document: Document, edit: Edit, mergeable: bool = False) -> None:
    """Apply `edit` through `stack` (QUndoStack.push calls redo, which applies it)."""
    stack.push(EditCommand(document, edit, mergeable))
