"""Undoable edits of the project settings (the rule profiles the editor's toggle turns on).

The document API is not undoable; the editor changes settings through these edits, like
manifests, so a toggle is one undo step and marks the project modified (the setting is saved
with the project: the toggle is remembered per project).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kubecanvas.model.document import Document
from kubecanvas.model.edits import UndoRecord
from kubecanvas.model.text import Text

#: a profile's name in Korean sentences (the editor's toggle reads 하드닝 검사)
PROFILES_KO = {"hardening": "하드닝"}


@dataclass
class SetProfile:
    """Turn one rule profile on or off in `document.settings.profiles`."""

    profile: str
    enabled: bool
    description: str = ""
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.description:
            self.description = Text(
                f"{'Turn on' if self.enabled else 'Turn off'} the {self.profile} checks",
                f"{PROFILES_KO.get(self.profile, self.profile)} 검사 "
                f"{'켜기' if self.enabled else '끄기'}")

    def apply(self, doc: Document) -> None:
        self._undo.append(set(doc.settings.profiles))
        if self.enabled:
            doc.settings.profiles.add(self.profile)
        else:
            doc.settings.profiles.discard(self.profile)
        doc.touch_settings()

    def revert(self, doc: Document) -> None:
        doc.settings.profiles = set(self._undo.pop_latest())
        doc.touch_settings()
