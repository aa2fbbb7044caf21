"""The Cluster dock: the API server's answer per resource, and what kubectl is doing now.

After "Check Against Cluster" (a server-side dry run) or "Apply to Cluster", each resource gets
one row: accepted (with kubectl's word, `created`, `configured`, `unchanged`), or refused with the
server's own message; kubectl's warnings follow as rows of their own. Clicking a row selects the
resource on the canvas. While kubectl runs the dock shows a busy bar and a Cancel button; when
kubectl is missing or the cluster cannot be reached, it says so in words.

`ServerMarkers` puts a small "refused by the server" tag on the refused nodes of the canvas,
beside (not instead of) the validator's findings badge, with the server's message as tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QGraphicsItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStyleOptionGraphicsItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from kubecanvas.cluster import ServerReport
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS
from kubecanvas.ui.i18n import local_text, translator
from kubecanvas.ui.tones import follow_theme, tone

#: texts of this module, filed under "ClusterPanel" in the editor's catalogue
tr = translator("ClusterPanel")

#: Row states, coloured like findings: refused is an error, a warning a warning.
ACCEPTED, REFUSED, WARNING = "accepted", "refused", "warning"
_STATE_COLOURS = {ACCEPTED: "#1e8e3e", REFUSED: SEVERITY_COLOURS["error"],
                  WARNING: SEVERITY_COLOURS["warning"]}
#: the answer's text colour per state (`ui.tones`: readable on light and dark palettes)
_STATE_TONES = {ACCEPTED: "ok", REFUSED: "error", WARNING: "hint"}


def _state_icon(state: str) -> QIcon:
    """A dot in the state's colour, like the problems list's severity dots."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_STATE_COLOURS[state]))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


class ClusterPanel(QDockWidget):
    """Dock showing the server's answers and kubectl's progress.

    Signals:
        resource_activated(str): a row of a resource was clicked (its document id).
        cancel_requested(): the Cancel button was pressed.
    """

    resource_activated = Signal(str)
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ClusterPanel")
        self.report: ServerReport | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        bar = QHBoxLayout()
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy_bar = QProgressBar(body)
        self.busy_bar.setRange(0, 0)  # indeterminate: kubectl says nothing until it is done
        self.busy_bar.setMaximumWidth(140)
        self.busy_bar.setTextVisible(False)
        self.cancel_button = QPushButton(body)
        self.cancel_button.clicked.connect(self.cancel_requested)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.cancel_button)
        self.tree = QTreeWidget(body)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self.retranslate()
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 28), (1, 260), (2, 100)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        self.set_busy(None)
        self.show_message(tr("Check the design against the cluster of your kubectl "
                             "context (Cluster menu). Nothing is changed by a check."))
        follow_theme(self, self._recolour)

    def _recolour(self) -> None:
        """The answers' and an error's colours again, for a palette turned light or dark."""
        if self.summary.styleSheet():
            self.summary.setStyleSheet(f"color: {tone('error')}; font-weight: bold;")
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None:
                state = item.data(1, Qt.ItemDataRole.UserRole)
                item.setForeground(2, QBrush(QColor(tone(_STATE_TONES[state]))))

    def retranslate(self) -> None:
        """(Re)set the fixed texts in the current language."""
        self.setWindowTitle(tr("Cluster"))
        self.cancel_button.setText(tr("Cancel"))
        self.tree.setHeaderLabels(["", tr("Resource"), tr("Answer"),
                                   tr("Server message")])

    # --- what is shown -----------------------------------------------------------------------
    def set_busy(self, text: str | None) -> None:
        """Show the busy bar and Cancel with `text`, or (None) hide them."""
        busy = text is not None
        self.busy_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        if busy:
            self.summary.setText(text or "")
            self.summary.setStyleSheet("")

    def show_message(self, text: str) -> None:
        self.summary.setStyleSheet("")
        self.summary.setText(text)

    def show_error(self, text: str) -> None:
        """Say plainly what is wrong (kubectl missing, cluster unreachable ...)."""
        self.summary.setStyleSheet(f"color: {tone('error')}; font-weight: bold;")
        self.summary.setText(text)

    def show_report(self, report: ServerReport) -> None:
        """One row per resource, then kubectl's warnings."""
        self.report = report
        self.tree.clear()
        for answer in report.answers:
            if answer.accepted:
                self._add_row(ACCEPTED, answer.label, answer.outcome, "", answer.resource_id)
            else:
                self._add_row(REFUSED, answer.label, tr("refused"),
                              local_text(answer.message), answer.resource_id)
        for warning in report.warnings:
            self._add_row(WARNING, tr("(kubectl)"), tr("warning"), warning, "")
        refused = len(report.rejected)
        mode = tr("server dry run") if report.dry_run else tr("applied")
        text = tr("Context {context} ({mode}): {accepted} accepted, {refused} refused").format(
            context=report.context, mode=mode, accepted=len(report.answers) - refused,
            refused=refused)
        if report.warnings:
            text += tr("; kubectl warned {count} time(s)").format(count=len(report.warnings))
        if refused:
            self.show_error(text)
        else:
            self.show_message(text)

    def mark_stale(self) -> None:
        """The design changed after the answers were given."""
        if self.report is not None and not self.busy_bar.isVisible():
            note = tr("The design changed since; check again.")
            if note not in self.summary.text():
                self.summary.setText(f"{self.summary.text()} — {note}")

    def clear(self) -> None:
        self.report = None
        self.tree.clear()

    def _add_row(self, state: str, label: str, outcome: str, message: str, rid: str) -> None:
        item = QTreeWidgetItem(["", label, outcome, message])
        item.setIcon(0, _state_icon(state))
        item.setData(0, Qt.ItemDataRole.UserRole, rid)
        item.setData(1, Qt.ItemDataRole.UserRole, state)
        item.setToolTip(3, message)
        item.setForeground(2, QBrush(QColor(tone(_STATE_TONES[state]))))
        self.tree.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(state, resource, answer, message) of every row, top to bottom."""
        result = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            assert item is not None
            result.append((str(item.data(1, Qt.ItemDataRole.UserRole)), item.text(1),
                           item.text(2), item.text(3)))
        return result

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        rid = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(rid, str) and rid:
            self.resource_activated.emit(rid)


class RefusedMarkerItem(QGraphicsItem):
    """A red "server ✕" tag on a node's top left corner (the findings badge is top right)."""

    WIDTH, HEIGHT = 58.0, 16.0

    def __init__(self, text: str, message: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.text = text
        self.setToolTip(message)
        self.setPos(6, -9)
        self.setZValue(5)

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, self.WIDTH + 2, self.HEIGHT + 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(QBrush(QColor(_STATE_COLOURS[REFUSED])))
        rect = QRectF(0, 0, self.WIDTH, self.HEIGHT)
        painter.drawRoundedRect(rect, 8, 8)
        marker = QFont()  # made here, not at import: before the application it has no family
        marker.setPointSizeF(7.5)
        marker.setBold(True)
        painter.setFont(marker)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text)


class ServerMarkers:
    """The refused-by-the-server tags on one scene's nodes.

    The tags are children of the node items, so they move with them and die with them; `show`
    is called again after each document change to tag nodes the scene has rebuilt.
    """

    def __init__(self) -> None:
        self.refused: dict[str, str] = {}  # resource id -> the server's message
        self._items: dict[str, RefusedMarkerItem] = {}
        self.text = "server ✕"

    def set_refused(self, refused: dict[str, str]) -> None:
        self.refused = dict(refused)

    def show(self, item_for: Callable[[str], QGraphicsItem | None]) -> None:
        """Tag exactly the refused resources that have an item (`item_for`: a scene's
        `item_for`). Looks only at the tags and the refused resources, never at every node:
        it runs after each edit, and merging the scene's nodes cost 3 ms at 15,000."""
        for rid in list(self._items):
            item = self._items[rid]
            node = item_for(rid)
            if not isValid(item) or rid not in self.refused or node is None \
                    or item.parentItem() is not node:
                self._drop(rid)
        for rid, message in self.refused.items():
            node = item_for(rid)
            if node is not None and rid not in self._items:
                self._items[rid] = RefusedMarkerItem(self.text, message, node)

    def _drop(self, rid: str) -> None:
        item = self._items.pop(rid)
        if not isValid(item):
            return
        scene = item.scene()
        if scene is not None:
            scene.removeItem(item)

    def forget(self) -> None:
        """The scene is going away: drop references without touching its items."""
        self._items.clear()
        self.refused.clear()

    @property
    def marked(self) -> Iterable[str]:
        return list(self._items)
