"""A list's fixed columns give way when its dock is narrow, so the message stays readable.

The Problems list stretches its Problem column over whatever the Resource, Field and Fix
columns leave. At their set widths (180, 120 and 222 px) that was 240 px at 1600x1000, where the
Problems dock shares the bottom with YAML and What Happens, and 136 px on a 1366x768 laptop: a
message read "the selector app.kubernetes.io/…", whole only in its tooltip. When the room is
short, those columns now shrink in proportion to their set widths (never below their minimums),
so the message keeps `MESSAGE_SHARE` of the row. Their widths come back as the dock widens.

Once the user drags one of them, the widths are the user's: nothing is shared again.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTreeWidget

#: the part of the row the message column keeps while the other columns can still give way
MESSAGE_SHARE = 0.45


def shared_widths(room: int, preferred: Mapping[int, int], minimum: Mapping[int, int],
                  message_share: float = MESSAGE_SHARE) -> dict[int, int]:
    """The widths of the `preferred` columns in a row `room` px wide (beside the columns not
    shared): their set widths while the message keeps `message_share` of the row, else
    shrunk in proportion, each to no less than its `minimum`."""
    give = max(0.0, room * (1.0 - message_share))
    total = sum(preferred.values())
    scale = min(1.0, give / total) if total else 1.0
    return {column: max(minimum.get(column, 0), round(width * scale))
            for column, width in preferred.items()}


class ColumnShare(QObject):
    """Keeps `tree`'s `preferred` columns at `shared_widths` of its viewport (less the
    `fixed` columns' widths) as the tree is resized, until the user drags one of them."""

    def __init__(self, tree: QTreeWidget, preferred: Mapping[int, int],
                 minimum: Mapping[int, int], fixed: tuple[int, ...] = ()) -> None:
        super().__init__(tree)
        self._tree = tree
        self._preferred = dict(preferred)
        self._minimum = dict(minimum)
        self._fixed = fixed
        self._setting = False
        self.users_widths = False
        tree.viewport().installEventFilter(self)
        tree.header().sectionResized.connect(self._resized)

    def share(self) -> None:
        """Set the columns for the tree's width now (nothing once the user chose widths)."""
        if self.users_widths:
            return
        tree = self._tree
        room = tree.viewport().width() - sum(tree.columnWidth(c) for c in self._fixed)
        self._setting = True
        try:
            for column, width in shared_widths(room, self._preferred, self._minimum).items():
                if tree.columnWidth(column) != width:
                    tree.setColumnWidth(column, width)
        finally:
            self._setting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.share()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if not self._setting and column in self._preferred:
            self.users_widths = True
