"""The problems list: every finding, the resource and field it is about, and its fix.

Clicking a finding selects its resource on the canvas (and the inspector shows the field); a
finding with a mechanical fix carries a button that applies it as one undoable edit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.ui.i18n import N_, local_text, tr
from kubecanvas.ui.style import SEVERITY_COLOURS
from kubecanvas.validation.findings import Finding

#: Fix buttons are widgets; beyond this many rows the toolbar's "Apply fix" serves instead.
MAX_FIX_BUTTONS = 300
_COLUMNS = ("", N_("Problem"), N_("Resource"), N_("Field"), N_("Fix"))


def severity_icon(severity: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, "#888888")))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


class ProblemsPanel(QDockWidget):
    """Dock listing findings."""

    finding_activated = Signal(object)  # Finding
    fix_requested = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemsPanel")
        self.findings: list[Finding] = []
        self._signature: list[tuple[object, ...]] = []
        self.label_of: Callable[[str | None], str] = lambda rid: rid or ""
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        bar = QHBoxLayout()
        self.summary = QLabel("", body)
        self.apply_button = QPushButton("", body)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._apply_current)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.apply_button)
        self.tree = QTreeWidget(body)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 28), (2, 170), (3, 170), (4, 230)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, headers, buttons and summary in the language now set."""
        self.setWindowTitle(tr("Problems"))
        self.apply_button.setText(tr("Apply fix"))
        self.tree.setHeaderLabels([tr(c) if c else c for c in _COLUMNS])
        self._signature = [("rebuild",)]  # rows again: resource names and tips, translated
        self.set_findings(self.findings)
        self._update_summary()

    @staticmethod
    def _tip(finding: Finding) -> str:
        return tr("{message}\n\nRule: {rule}").format(
            message=local_text(finding.message), rule=finding.rule)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show these findings (rebuilds only when they differ from what is shown)."""
        signature = [f.sort_key() for f in findings]
        if signature == self._signature:
            self.findings = list(findings)  # fresh fix factories for the same findings
            return
        self._signature = signature
        self.findings = list(findings)
        self.tree.clear()
        items = []
        for index, finding in enumerate(self.findings):
            item = QTreeWidgetItem(["", local_text(finding.message),
                                    self.label_of(finding.resource_id), finding.field, ""])
            item.setIcon(0, severity_icon(finding.severity.value))
            item.setToolTip(1, self._tip(finding))
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            items.append(item)
        self.tree.addTopLevelItems(items)  # one insertion: thousands of rows one by one is slow
        buttons = 0
        for index, (finding, item) in enumerate(zip(self.findings, items, strict=True)):
            if finding.fix is not None and buttons < MAX_FIX_BUTTONS:
                fix_text = local_text(finding.fix.description)
                button = QPushButton(fix_text, self.tree)
                button.setToolTip(fix_text)
                button.clicked.connect(lambda _=False, i=index: self._request_fix(i))
                self.tree.setItemWidget(item, 4, button)
                buttons += 1
        self._update_summary()

    def _update_summary(self) -> None:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        if not self.findings:
            self.summary.setText(tr("No problems: every check passes"))
        else:
            self.summary.setText(tr("{errors} errors, {warnings} warnings, {notes} notes").format(
                errors=counts["error"], warnings=counts["warning"], notes=counts["info"]))

    def finding_at(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(index, int) and 0 <= index < len(self.findings):
            return self.findings[index]
        return None

    def _clicked(self, item: QTreeWidgetItem, column: int) -> None:
        finding = self.finding_at(item)
        if finding is not None:
            self.finding_activated.emit(finding)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        finding = self.finding_at(item)
        self.apply_button.setEnabled(finding is not None and finding.fix is not None)
        if finding is not None and finding.fix is not None:
            self.apply_button.setToolTip(local_text(finding.fix.description))

    def _apply_current(self) -> None:
        finding = self.finding_at(self.tree.currentItem())
        if finding is not None and finding.fix is not None:
            self.fix_requested.emit(finding)

    def _request_fix(self, index: int) -> None:
        if 0 <= index < len(self.findings) and self.findings[index].fix is not None:
            self.fix_requested.emit(self.findings[index])
