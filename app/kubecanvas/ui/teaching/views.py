"""Named views of a design (zoom, centre, selection) saved with the project for presenting.

They live in the document's `settings.view["presentation_views"]` as plain mappings, so the
project file keeps them; adding or clearing them is one undoable edit like any other change.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document

VIEWS_KEY = "presentation_views"


@dataclass(frozen=True)
class NamedView:
    name: str
    zoom: float
    center: tuple[float, float]
    selection: tuple[str, ...] = ()

    def to_data(self) -> dict[str, Any]:
        return {"name": self.name, "zoom": self.zoom, "center": list(self.center),
                "selection": list(self.selection)}


def saved_views(document: Document) -> list[NamedView]:
    """The document's saved views, skipping entries a hand-edited project file broke."""
    out = []
    for raw in document.settings.view.get(VIEWS_KEY) or []:
        try:
            center = raw["center"]
            out.append(NamedView(str(raw["name"]), float(raw["zoom"]),
                                 (float(center[0]), float(center[1])),
                                 tuple(str(s) for s in raw.get("selection") or ())))
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    return out


class SetViewsEdit:
    """Replace the saved views (an undoable edit: apply/revert like the model's edits)."""

    def __init__(self, views: list[NamedView], description: str) -> None:
        self.views = [v.to_data() for v in views]
        self.description = description
        self._before: Any = None

    def apply(self, doc: Document) -> None:
        self._before = copy.deepcopy(doc.settings.view.get(VIEWS_KEY))
        if self.views:
            doc.settings.view[VIEWS_KEY] = copy.deepcopy(self.views)
        else:
            doc.settings.view.pop(VIEWS_KEY, None)
        doc.touch_settings()

    def revert(self, doc: Document) -> None:
        if self._before is None:
            doc.settings.view.pop(VIEWS_KEY, None)
        else:
            doc.settings.view[VIEWS_KEY] = copy.deepcopy(self._before)
        doc.touch_settings()
