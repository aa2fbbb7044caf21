"""The problems list: every finding, the resource and field it is about, and its fix.

Clicking a finding selects its resource on the canvas (and the inspector shows the field); a
finding with a mechanical fix carries a link that applies it as one undoable edit. Rows come most
severe first; "Group by resource" shows one header row per resource (its worst problem's dot, its
name and how many problems it has), the resources with the worst problems first, each resource's
problems under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import partial
from itertools import accumulate

from PySide6.QtCore import QEvent, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.ui.i18n import N_, local_text, tr
from kubecanvas.ui.panels.problem_delta import FollowedRows
from kubecanvas.ui.panels.problem_rows import (
    WrappingDelegate,
    by_severity,
    change_rows,
    children,
    filter_rows,
    fix_link,
    fix_text_width,
    one_line_rows,
    restyle_links,
    rows_wait,
    set_up_columns,
    severity_icon,
)
from kubecanvas.ui.steady import SteadyLabel
from kubecanvas.ui.tones import follow_theme
from kubecanvas.validation.finding_order import FindingOrder
from kubecanvas.validation.findings import Finding

#: Fix buttons are widgets; beyond this many rows the toolbar's "Apply fix" serves instead.
#: Each row inserted or taken makes Qt lay the whole list out and place every such widget
#: again (a search through the rows for each): with 300, one edit's new row cost 9-14 ms at
#: 5,000 resources (941 rows); with 50, 1-2 ms. 50 is three screens of the default dock.
MAX_FIX_BUTTONS = 50
#: Up to this many rows long messages wrap onto more lines; beyond, rows keep one height (a
#: view measures every wrapped row, which a list of thousands cannot afford).
MAX_WRAPPED_ROWS = 400
_COLUMNS = ("", N_("Problem"), N_("Resource"), N_("Field"), N_("Fix"))


class ProblemsPanel(QDockWidget):
    """Dock listing findings."""

    finding_activated = Signal(object)  # Finding
    fix_requested = Signal(object)  # Finding
    hardening_toggled = Signal(bool)  # the hardening checks on/off (a project setting)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProblemsPanel")
        self.findings: list[Finding] = []  # in the order shown (grouped: group by group)
        self._starts: list[int] = []  # grouped: where each header's findings start in findings
        self._given: list[Finding] = []  # as the validator ordered them (the design's order)
        self._with: tuple[FindingOrder | None, int] = (None, 0)  # and its order (set_findings)
        self._track = FollowedRows(self._row_key)  # ungrouped: `findings` by the order's steps
        self._signature: list[tuple[object, ...]] = []  # grouped: each group's row keys
        self._shown: list[Finding] | None = None  # ungrouped: the findings the rows show
        self._behind, self._reading = False, False  # rows out of sight lag (`catch_up`)
        self._counts: dict[str, int] = {}  # findings by severity
        self._rebuild = False
        self._filtered = False  # some rows may be hidden by the filter
        self._buttons = 0  # rows with a fix button (at most MAX_FIX_BUTTONS)
        self.label_of: Callable[[str | None], str] = lambda rid: rid or ""
        #: what a row's resource label is made from (the window gives kind, namespace and
        #: name): compared instead of the label, which costs more to make
        self.source_of: Callable[[str | None], object] = self.label_of
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        bar = QHBoxLayout()
        self.summary = SteadyLabel(body)  # a new count each edit: no relayout
        self.apply_button = QPushButton("", body)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._apply_current)
        self.hardening_box = QCheckBox("", body)
        self.hardening_box.toggled.connect(self.hardening_toggled)
        self.filter_box = QLineEdit(body)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMaximumWidth(260)
        self.filter_box.textChanged.connect(lambda _text: self._apply_filter())
        self.group_box = QCheckBox("", body)
        self.group_box.toggled.connect(lambda _on: self._regroup())
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.filter_box)
        bar.addWidget(self.group_box)
        bar.addWidget(self.hardening_box)
        bar.addWidget(self.apply_button)
        self.tree = QTreeWidget(body)
        self.tree.setRootIsDecorated(False)
        one_line_rows(self.tree, True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        # the columns first: resize modes set while the tree had one column were dropped
        # when the header labels made five, and no column stretched
        self.tree.setColumnCount(len(_COLUMNS))
        self.columns = set_up_columns(self.tree, self._items)
        self.tree.itemClicked.connect(self._clicked)
        # rows that lag behind come up to date before anyone can see them
        self.tree.verticalScrollBar().valueChanged.connect(lambda _value: self.catch_up())
        self.tree.viewport().installEventFilter(self)
        self.tree.currentItemChanged.connect(self._current_changed)
        layout.addLayout(bar)
        layout.addWidget(self.tree)
        self.setWidget(body)
        self.retranslate()
        follow_theme(self, lambda: restyle_links(self.tree, self._items()))

    def retranslate(self) -> None:
        """Title, headers, buttons and summary in the language now set."""
        self.setWindowTitle(tr("Problems"))
        self.apply_button.setText(tr("Apply fix"))
        self.filter_box.setPlaceholderText(tr("Filter problems"))
        self.group_box.setText(tr("Group by resource"))
        self.group_box.setToolTip(tr("List each resource's problems together, most severe "
                                     "first; otherwise by severity across the design"))
        self.hardening_box.setText(tr("Hardening checks"))
        self.hardening_box.setToolTip(tr("Security and reliability checks (Pod Security "
                                         "Standards, requests, probes, RBAC), remembered with "
                                         "the project"))
        self.tree.setHeaderLabels([tr(c) if c else c for c in _COLUMNS])
        self._rebuild = True  # rows again: resource names and tips, translated
        self.set_findings(self._given, *self._with)
        self._update_summary()

    @staticmethod
    def _tip(finding: Finding) -> str:
        return tr("{message}\n\nRule: {rule}").format(
            message=local_text(finding.message), rule=finding.rule)

    def set_hardening(self, on: bool) -> None:
        """Show the project's setting (after load or undo) without re-emitting it."""
        blocked = self.hardening_box.blockSignals(True)
        self.hardening_box.setChecked(on)
        self.hardening_box.blockSignals(blocked)

    def set_findings(self, findings: Sequence[Finding], order: FindingOrder | None = None,
                     first: int = 0) -> None:
        """Show these findings. Only the rows that differ from what is shown are replaced:
        an edit changes a few findings of a large design, and rebuilding a thousand rows (and
        their fix buttons) after each edit took longer than the edit itself.

        With the validator's sorted findings `order` (`findings` being the `first` findings
        shown before the validator's, then its own, just read), the rows follow the steps of
        its updates (`problem_delta`) instead of comparing every finding."""
        self._given, self._with = list(findings), (order, first)
        if self.group_box.isChecked():
            self._shown, self._track.order = None, None
            self._set_grouped(findings)
            return
        track = self._track
        shown, level = self._shown, self._shown is track.findings  # the rows up to date
        rows = track.update(findings, order, first, self._rebuild or shown is None)
        self.findings, self._counts = track.findings, track.counts
        one_line_rows(self.tree, len(self.findings) > MAX_WRAPPED_ROWS)
        if self._rebuild or shown is None:
            self._behind = False
            self._shown, track.shown_mark = self.findings, track.mark
            self._rebuild_rows()
        else:  # rows may wait unless being read, or a filter could bring rows up
            may = not self._reading and not (self._filtered and self.tree.isVisible())
            # rows that wait stay waiting while this edit's changes are out of sight too (the
            # view has not scrolled since: that catches up), without replaying what they wait for
            if rows is not None and not level and self._behind and \
                    rows_wait(self.tree, self.parentWidget(), rows, True, may):
                self._update_summary()
                return
            steps = rows if rows is not None and level else track.from_shown(shown, rows)
            if not any(changes for _, changes in steps):
                self._behind = False
                self._shown, track.shown_mark = self.findings, track.mark
                self._update_summary()
                return
            if rows_wait(self.tree, self.parentWidget(), steps, False, may):
                self._behind = True
                self._update_summary()
                return
            self._behind = False
            self._shown, track.shown_mark = self.findings, track.mark
            for after, changes in steps:
                change_rows(self.tree, changes, self._button_gone, partial(
                    self._insert_rows, source=after), partial(self._rewrite_row, source=after))
            self._fill_buttons()
        self._rebuild = False
        self._update_summary()
        self._apply_filter()

    def _button_gone(self) -> None:
        self._buttons -= 1

    def catch_up(self, reading: bool = False) -> None:
        """Rows that lag behind (`set_findings`) up to date: when the list scrolls, grows or
        is shown (those still out of sight wait on); all of them before rows are `reading`."""
        if self._behind and self._shown is not None and not self.group_box.isChecked():
            self._behind, self._reading = False, reading
            try:
                self.set_findings(self._given, *self._with)
            finally:
                self._reading = False

    def eventFilter(self, watched: object, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # shown (opened, its tab raised) or taller: rows out of sight come into view
        if event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self.catch_up()
        return False

    def _regroup(self) -> None:
        self._rebuild = True
        self._behind = False
        self._signature = []
        self._shown = None
        grouped = self.group_box.isChecked()
        self.tree.setRootIsDecorated(grouped)
        # rows under a header are indented: the severity dot's column widens to keep it
        self.tree.setColumnWidth(0, 28 + (2 * self.tree.indentation() if grouped else 0))
        self.set_findings(self._given, *self._with)

    def _set_grouped(self, findings: Sequence[Finding]) -> None:
        """One header row per resource, the resources whose worst problem is most severe
        first (then by name), each resource's problems under it, most severe first. Only the
        groups that differ from what is shown are made again."""
        groups: dict[object, list[Finding]] = {}
        for finding in findings:
            groups.setdefault(self.source_of(finding.resource_id), []).append(finding)
        order = sorted(groups.items(), key=lambda g: (min(f.sort_key() for f in g[1])[0],
                                                     self.label_of(g[1][0].resource_id)))
        grouped = [sorted(rows, key=Finding.sort_key) for _source, rows in order]
        signature: list[tuple[object, ...]] = [
            (source, tuple(self._row_key(f) for f in rows))
            for (source, _), rows in zip(order, grouped, strict=True)]
        self.findings = [f for rows in grouped for f in rows]
        self._counts = {part[0].severity.value: len(part)
                        for part in by_severity(self.findings) if part}
        self._starts = list(accumulate((len(rows) for rows in grouped[:-1]), initial=0))
        one_line_rows(self.tree, len(self.findings) > MAX_WRAPPED_ROWS)
        if self._rebuild or not self._signature:
            self.tree.clear()
            self._buttons = 0
            changes = [("insert", 0, 0, 0, len(grouped))]
        else:
            changes = [op for op in SequenceMatcher(None, self._signature, signature,
                                                    autojunk=False).get_opcodes()
                       if op[0] != "equal"]
            for _, i1, i2, _, _ in reversed(changes):
                for row in range(i2 - 1, i1 - 1, -1):
                    taken = self.tree.takeTopLevelItem(row)
                    for child in children(taken) if taken is not None else ():
                        if child.data(4, Qt.ItemDataRole.UserRole):
                            self._buttons -= 1
        for _, _, _, j1, j2 in changes:
            for row in range(j1, j2):
                self._insert_group(row, grouped[row])
        self._fill_buttons()
        self._signature = signature
        self._rebuild = False
        self._update_summary()
        self._apply_filter()

    def _insert_group(self, row: int, rows: Sequence[Finding]) -> None:
        """The header of one resource's findings and, under it, a row for each."""
        label = self.label_of(rows[0].resource_id) or tr("The design as a whole")
        header = QTreeWidgetItem([f"{label} — {tr('%n problem(s)', len(rows))}"])
        header.setIcon(0, severity_icon(rows[0].severity.value))
        font = QFont(self.tree.font())
        font.setBold(True)
        header.setFont(0, font)
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        header.addChildren([self._row(f) for f in rows])
        self.tree.insertTopLevelItem(row, header)
        header.setFirstColumnSpanned(True)
        header.setExpanded(True)
        for child, finding in zip(children(header), rows, strict=True):
            if self._buttons >= MAX_FIX_BUTTONS:
                break
            self._add_button(child, finding)

    def _top(self) -> list[QTreeWidgetItem]:
        return children(self.tree.invisibleRootItem())

    def _items(self) -> list[QTreeWidgetItem]:
        """The rows of findings, in the order of `findings` (headers left out)."""
        self.catch_up(reading=True)
        if not self.group_box.isChecked():
            return self._top()
        return [item for header in self._top() for item in children(header)]

    def _apply_filter(self) -> None:
        """Hide the rows whose message, resource, field and rule all miss the filter text."""
        needle = self.filter_box.text().strip().lower()
        if not needle and not self._filtered:
            return  # nothing hidden, nothing to hide (new rows come shown)
        self._filtered = bool(needle)
        headers = self._top() if self.group_box.isChecked() else []
        filter_rows(self._items(), self.findings, needle, headers)

    def _row_key(self, finding: Finding) -> tuple[object, ...]:
        return (finding.sort_key(), self.source_of(finding.resource_id),
                None if finding.fix is None else str(finding.fix.description))

    def _rebuild_rows(self) -> None:
        self.tree.clear()
        self._buttons = 0
        self._insert_rows(0, range(len(self.findings)))

    def _insert_rows(self, row: int, indexes: range, source: Sequence[Finding] | None = None
                     ) -> None:
        """Rows for `source[i]` (i in `indexes`; `findings` by default), inserted at `row`
        in one call."""
        source = self.findings if source is None else source
        items = [self._row(source[index]) for index in indexes]
        self.tree.insertTopLevelItems(row, items)  # one insertion: one by one is slow
        for item, index in zip(items, indexes, strict=True):
            if self._buttons >= MAX_FIX_BUTTONS:
                break
            self._add_button(item, source[index])

    def _row(self, finding: Finding, item: QTreeWidgetItem | None = None) -> QTreeWidgetItem:
        """A row showing `finding`: `item` rewritten, or a new one."""
        item = item if item is not None else QTreeWidgetItem(["", "", "", "", ""])
        for column, text in ((1, local_text(finding.message)),
                             (2, self.label_of(finding.resource_id)), (3, finding.field)):
            item.setText(column, text)
        item.setIcon(0, severity_icon(finding.severity.value))
        item.setToolTip(1, self._tip(finding))
        return item

    def _rewrite_row(self, row: int, source: Sequence[Finding]) -> None:
        """Show `source[row]` in the (ungrouped) row that is there (`set_findings`)."""
        finding, item = source[row], self.tree.topLevelItem(row)
        assert item is not None, "a row to rewrite that is not there"
        self._row(finding, item)
        if item.data(4, Qt.ItemDataRole.UserRole):
            self.tree.removeItemWidget(item, 4)
            item.setData(4, Qt.ItemDataRole.UserRole, False)
            self._buttons -= 1
        if self._buttons < MAX_FIX_BUTTONS:
            self._add_button(item, finding)

    def _add_button(self, item: QTreeWidgetItem, finding: Finding) -> None:
        if finding.fix is None:
            return
        button = fix_link(self.tree, local_text(finding.fix.description), fix_text_width(self.tree))
        # a persistent index follows its row as rows above come and go (and holds no
        # reference to the row's item, which the tree deletes on its own)
        cell = QPersistentModelIndex(self.tree.indexFromItem(item, 4))
        button.clicked.connect(lambda _=False, at=cell: self._request_fix(self._index_of(at)))
        self.tree.setItemWidget(item, 4, button)
        item.setData(4, Qt.ItemDataRole.UserRole, True)  # counted when the row goes
        self._buttons += 1

    def _fill_buttons(self) -> None:
        """Give buttons to fixable rows that had to go without, once removed rows freed some
        of the `MAX_FIX_BUTTONS`."""
        if self._buttons >= MAX_FIX_BUTTONS or \
                sum(f.fix is not None for f in self.findings) <= self._buttons:
            return
        for item, finding in zip(self._items(), self.findings, strict=False):
            if self._buttons >= MAX_FIX_BUTTONS:
                break
            if finding.fix is not None and not item.data(4, Qt.ItemDataRole.UserRole):
                self._add_button(item, finding)

    def _update_summary(self) -> None:
        counts = {"error": 0, "warning": 0, "info": 0, **self._counts}
        if not self.findings:
            self.summary.setText(tr("No problems: every check passes"))
        else:
            # only the severities present: "0 errors, 0 warnings, 1 note" read as a checklist
            self.summary.setText(", ".join(
                tr(text, counts[severity]) for severity, text in (
                    ("error", N_("%n error(s)")), ("warning", N_("%n warning(s)")),
                    ("info", N_("%n note(s)")))
                if counts[severity]))

    def finding_at(self, item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        index = self._index_of(QPersistentModelIndex(self.tree.indexFromItem(item, 0)))
        if 0 <= index < len(self.findings):
            return self.findings[index]
        return None

    def _index_of(self, cell: QPersistentModelIndex) -> int:
        """The place in `findings` of the row at `cell` (-1 for a header or nothing):
        top-level rows follow `findings` one to one, grouped rows from their header's start."""
        if not cell.isValid():
            return -1
        parent = cell.parent()
        if not self.group_box.isChecked():
            return -1 if parent.isValid() else cell.row()
        if not parent.isValid() or parent.row() >= len(self._starts):
            return -1
        return self._starts[parent.row()] + cell.row()

    def select_first(self) -> None:
        """Make the first finding's row current (under its header when grouped)."""
        self.catch_up(reading=True)
        items = self._items()
        if items:
            self.tree.setCurrentItem(items[0])

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
