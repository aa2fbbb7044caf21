"""Search as you type: the toolbar's find box and the list of what it found.

Typing shows, under the box, every matching resource with its kind, name, namespace and why it
matched (`model.search`); Up and Down move in the list, Enter or a click goes to the chosen
resource (selected, and the canvas scrolled to it, zoom kept), Esc clears the search. Another
design (New, Open, a lesson) clears it too: its results belonged to the old one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QLineEdit, QTreeWidget, QTreeWidgetItem

from kubecanvas.model.search import Match, matches
from kubecanvas.ui.commands.shell import EditorShell
from kubecanvas.ui.i18n import N_, kind_label, local_text, tr

#: rows listed at most (the count says how many matched)
MAX_ROWS = 200
#: rows the list is tall enough for before it scrolls
VISIBLE_ROWS = 12
#: typing pauses this long before the design is searched again
DELAY_MS = 90
_COLUMNS = (N_("Kind"), N_("Name"), N_("Namespace"), N_("Matched by"))


class SearchController(QObject):
    """Drives `box` and its results list for the window `shell`."""

    def __init__(self, shell: EditorShell, box: QLineEdit) -> None:
        super().__init__(box)
        self.shell = shell
        self.box = box
        self.matches: list[Match] = []
        window = shell.qt_window()
        self.results = QTreeWidget(window)
        self.results.setObjectName("SearchResults")
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setFrameShape(QFrame.Shape.Box)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box
        self.results.itemClicked.connect(lambda item, _column: self.go(item))
        self.results.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self.update_results)
        box.textChanged.connect(lambda _text: self.timer.start())
        box.installEventFilter(self)
        shell.session_changed.connect(lambda _session: self.clear())

    # --- results -------------------------------------------------------------------------
    def update_results(self) -> None:
        """Search the design for the box's text and show what matched."""
        self.timer.stop()
        session = self.shell.session
        text = self.box.text()
        self.matches = matches(session.document, text) if session is not None else []
        self.results.clear()
        if not text.strip():
            self.results.hide()
            return
        self.results.setHeaderLabels([tr(c) for c in _COLUMNS])
        items = [QTreeWidgetItem([kind_label(m.kind), m.name, m.namespace, local_text(m.why)])
                 for m in self.matches[:MAX_ROWS]]
        for item, match in zip(items, self.matches, strict=False):
            item.setData(0, Qt.ItemDataRole.UserRole, match.rid)
        if not items:
            empty = QTreeWidgetItem([tr("No resource matches"), "", "", ""])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            items = [empty]
        self.results.addTopLevelItems(items)
        for column in range(len(_COLUMNS)):
            self.results.resizeColumnToContents(column)
        first = self.results.topLevelItem(0)
        if self.matches and first is not None:
            self.results.setCurrentItem(first)
        self.shell.show_status(tr("%n resource(s) match '{text}'", len(self.matches))
                               .format(text=text.strip()))
        self._place()
        self.results.show()
        self.results.raise_()

    def _place(self) -> None:
        window = self.shell.qt_window()
        corner = self.box.mapTo(window, QPoint(0, self.box.height()))
        rows = min(VISIBLE_ROWS, max(1, self.results.topLevelItemCount()))
        row = self.results.sizeHintForRow(0)
        row = row if row > 0 else self.results.fontMetrics().height() + 4
        height = self.results.header().sizeHint().height() + rows * row + 6
        width = max(self.box.width(), min(640, self.results.header().length() + 24))
        left = min(corner.x(), max(0, window.width() - width))
        self.results.setGeometry(left, corner.y(), width, height)

    # --- going ---------------------------------------------------------------------------
    def go(self, item: QTreeWidgetItem | None = None) -> str | None:
        """Select the chosen resource (or the current row's) and bring it into view."""
        item = item or self.results.currentItem()
        rid = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        scene = self.shell.scene
        if not rid or scene is None:
            return None
        scene.select_ids([rid])
        node = scene.nodes.get(rid)
        if node is not None:
            self.shell.view.centerOn(node)
        self.results.hide()
        return str(rid)

    def clear(self) -> None:
        self.timer.stop()
        self.box.clear()
        self.matches = []
        self.results.clear()
        self.results.hide()

    def _move(self, step: int) -> None:
        count = self.results.topLevelItemCount()
        if not count or not self.matches:
            return
        current = self.results.currentItem()
        row = self.results.indexOfTopLevelItem(current) if current is not None else -1
        target = self.results.topLevelItem(
            max(0, min(min(count, len(self.matches)) - 1, row + step)))
        if target is not None:
            self.results.setCurrentItem(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                if self.timer.isActive() or self.results.isHidden():
                    self.update_results()
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive() or self.results.isHidden():
                    self.update_results()
                self.go()
                return True
        if watched is self.box and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(150, self._hide_unless_focused)
        return False

    def _hide_unless_focused(self) -> None:
        if not self.box.hasFocus():
            self.results.hide()
