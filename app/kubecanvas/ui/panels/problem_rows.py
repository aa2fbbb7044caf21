"""The Problems panel's rows: severity dots, fix links, wrapped messages, and the row changes
between two lists of findings. Apart from `problems_panel.py` so that the panel keeps to the
updating of its rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from kubecanvas.ui.canvas.style import SEVERITY_COLOURS
from kubecanvas.ui.panels.column_share import ColumnShare
from kubecanvas.validation.findings import Finding, Severity

#: A message wraps onto at most this many lines (the whole of it is in the row's tooltip).
WRAP_LINES = 2
#: A fix is shown as a link, at most this wide (its whole text in the tooltip), and less
#: when its column gives way on a narrow dock (`column_share`).
FIX_WIDTH = 210
FIX_MARGIN = 12
#: the Resource, Field and Fix columns' widths, and the least they give way to
COLUMN_WIDTHS = {2: 180, 3: 120, 4: FIX_WIDTH + FIX_MARGIN}
LEAST_COLUMN_WIDTHS = {2: 90, 3: 60, 4: 96}

@lru_cache(maxsize=8)
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


def link_style() -> str:
    """A fix button drawn as a link in the palette's link colour. The colour is written out:
    `palette(link)` in a style sheet is read once, and kept the light theme's dark blue on a
    dark background after View > Theme > Dark."""
    link = QGuiApplication.palette().color(QPalette.ColorRole.Link).name()
    return ("QPushButton { text-align: left; border: none; padding: 0 4px;"
            f" color: {link}; text-decoration: underline; }}")


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as the Problem column's wrapped message (Qt's own size hint measures
    the text on one line, so a wrapping view still cut long messages)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                 ) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != 1 or self.tree.uniformRowHeights():
            return size
        width = max(40, self.tree.columnWidth(1) - 10)
        text = str(index.data() or "")
        metrics = option.fontMetrics
        box = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        # a line as tall as this text's glyphs make it: Hangul comes from a fallback font whose
        # lines are taller (18 px against 14 at 9 pt), and two lines in a row sized for Latin
        # ones were drawn as one, elided
        line = max(metrics.lineSpacing(),
                   metrics.boundingRect(QRect(0, 0, 100000, 1000), 0, text).height())
        lines = min(WRAP_LINES, max(1, round(box.height() / line)))
        return QSize(size.width(), max(size.height(), lines * line + 6))


def one_line_rows(tree: QTreeWidget, on: bool) -> None:
    """Rows of one line each (a long list: Qt measures every wrapped row), or rows as tall as
    their wrapped message. One-line rows do not wrap: a wrapped text cut to its first line
    ended where the first line broke, "the selector app.kubernetes.io/…" with room to spare,
    where one unwrapped line is elided at the column's edge."""
    tree.setUniformRowHeights(on)
    tree.setWordWrap(not on)


def row_changes(old: Sequence[object], new: Sequence[object]) -> list[tuple[str, int, int, int, int]]:
    """`SequenceMatcher` opcodes (without the equal ones) from `old` to `new`, matched only
    between the first and the last row that differ: an edit changes a few rows together, and
    matching two lists of thousands of rows cost more than a frame."""
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    matcher = SequenceMatcher(None, old[start:len(old) - end], new[start:len(new) - end],
                              autojunk=False)
    return [(tag, i1 + start, i2 + start, j1 + start, j2 + start)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def by_severity(findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """The errors, the warnings and the notes, each in the order given (a stable sort by
    severity, without a key computed per finding)."""
    return ([f for f in findings if f.severity == Severity.ERROR],
            [f for f in findings if f.severity == Severity.WARNING],
            [f for f in findings if f.severity == Severity.INFO])


def finding_changes(old: Sequence[Finding], new: Sequence[Finding],
                    key: Callable[[Finding], object]) -> list[tuple[str, int, int, int, int]]:
    """`row_changes` between the rows of the `old` and the `new` findings by their `key`,
    comparing keys only between the findings both hold (the very same objects): an edit hands
    every finding it did not re-check on as it was, and the ones it re-checked lie all over
    the list (a namespace's resources are spread over the files), so matching the rows from
    both ends still keyed hundreds of rows per edit."""
    where = {id(f): j for j, f in enumerate(new)}
    gaps, last_i, last_j = [], -1, -1
    for i, finding in enumerate(old):
        j = where.get(id(finding))
        if j is None:
            continue
        if j <= last_j:  # the order changed: compare every row
            return row_changes([key(f) for f in old], [key(f) for f in new])
        if i > last_i + 1 or j > last_j + 1:
            gaps.append((last_i + 1, i, last_j + 1, j))
        last_i, last_j = i, j
    if last_i + 1 < len(old) or last_j + 1 < len(new):
        gaps.append((last_i + 1, len(old), last_j + 1, len(new)))
    out: list[tuple[str, int, int, int, int]] = []
    for i0, i9, j0, j9 in gaps:
        out += [(tag, i1 + i0, i2 + i0, j1 + j0, j2 + j0) for tag, i1, i2, j1, j2 in row_changes(
            [key(f) for f in old[i0:i9]], [key(f) for f in new[j0:j9]])]
    return out


def change_rows(tree: QTreeWidget, changes: Sequence[tuple[str, int, int, int, int]],
                button_gone: Callable[[], None], insert: Callable[[int, range], None],
                rewrite: Callable[[int], None]) -> None:
    """Turn a tree's rows into the new side of `changes` (`row_changes`): `button_gone()`
    for each row taken that had a fix button, `insert(row, indexes)` makes the rows for new
    places `indexes` at `row`, `rewrite(row)` shows the new finding in a row that stays."""
    # a row replaced by one row is rewritten where it stands (taking and inserting rows
    # lays the whole list out again: 10 ms for a thousand rows)
    same = [op for op in changes if op[0] == "replace" and op[2] - op[1] == op[4] - op[3]]
    changes = [op for op in changes if op not in same]
    # the rows that went, from the bottom up (so the rows above keep their places);
    # then the rows that came, top down, at their new places: the rows left between
    # are exactly the unchanged ones and those rewritten, in order
    for _, i1, i2, _, _ in reversed(changes):
        for row in range(i2 - 1, i1 - 1, -1):
            taken = tree.takeTopLevelItem(row)
            if taken is not None and taken.data(4, Qt.ItemDataRole.UserRole):
                button_gone()
    for _, _, _, j1, j2 in changes:
        if j2 > j1:
            insert(j1, range(j1, j2))
    for _, _, _, j1, j2 in same:
        for row in range(j1, j2):
            rewrite(row)


def rows_wait(tree: QTreeWidget, window: QWidget | None,
              steps: Sequence[tuple[object, Sequence[tuple[str, int, int, int, int]]]],
              idle: bool, may: bool) -> bool:
    """True when no row on screen changes by `steps` (`idle`: also when none changes) and
    rows `may` wait: the tree waits, as a row taken or inserted makes Qt lay out and repaint
    the list (4-8 ms at 5,000)."""
    changes = [op for _, ops in steps for op in ops]
    if not changes:
        return idle
    return may and changes_out_of_sight(tree, window, changes)


def fix_link(tree: QTreeWidget, text: str, width: int) -> QPushButton:
    """A fix as a link, sized to its text (a button stretched over the column cut its label
    on both sides); a long fix is elided to `width`, whole in the tooltip."""
    button = QPushButton(tree)
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet(link_style())
    button.setText(button.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width))
    button.setToolTip(text)
    return button


def fix_text_width(tree: QTreeWidget) -> int:
    """The width a fix link's text may take: its column's, less the cell's margins (the
    column gives way on a narrow dock, `column_share`)."""
    return max(FIX_MARGIN, tree.columnWidth(4) - FIX_MARGIN)


def elide_fix_links(tree: QTreeWidget, items: Sequence[QTreeWidgetItem]) -> None:
    """Elide the fix links of `items` again to their column's width now (the whole fix
    stays in each link's tooltip)."""
    width = fix_text_width(tree)
    for item in items:
        button = tree.itemWidget(item, 4)
        if isinstance(button, QPushButton):
            metrics = button.fontMetrics()
            button.setText(metrics.elidedText(button.toolTip(), Qt.TextElideMode.ElideRight,
                                              width))


def set_up_columns(tree: QTreeWidget,
                   rows: Callable[[], Sequence[QTreeWidgetItem]]) -> ColumnShare:
    """The Problem column stretches; the others keep their set widths while the dock has
    room for them (`column_share`). Wrapped rows take their heights from the column widths,
    so they are measured again when a column changes; the fix links of `rows()` elide to
    their column's width."""
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column, width in ((0, 28), *COLUMN_WIDTHS.items()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.setColumnWidth(column, width)

    def resized(column: int, *_: int) -> None:
        if not tree.uniformRowHeights():
            tree.doItemsLayout()
        if column == 4:
            elide_fix_links(tree, rows())

    header.sectionResized.connect(resized)
    return ColumnShare(tree, COLUMN_WIDTHS, LEAST_COLUMN_WIDTHS, fixed=(0,))


def changes_out_of_sight(tree: QTreeWidget, window: QWidget | None,
                         changes: Sequence[tuple[str, int, int, int, int]]) -> bool:
    """True when no row the `changes` (`finding_changes`) touch can be seen: the tree is
    hidden in a shown `window` (its dock closed or tabbed away), or every change starts below
    the last row on screen."""
    if not tree.isVisible():
        return window is not None and window.isVisible()
    last = tree.indexAt(tree.viewport().rect().bottomLeft())
    if not last.isValid():  # the rows end above the bottom: every row is on screen
        return False
    return min(op[1] for op in changes) > last.row()


def filter_rows(items: Sequence[QTreeWidgetItem], findings: Sequence[Finding], needle: str,
                headers: Sequence[QTreeWidgetItem]) -> None:
    """Hide the rows (`items`, one per finding) whose message, resource, field and rule all
    miss `needle`; a header while any of its rows shows."""
    for item, finding in zip(items, findings, strict=False):
        hidden = bool(needle) and not any(
            needle in text.lower() for text in (item.text(1), item.text(2), item.text(3),
                                                  finding.rule))
        if item.isHidden() != hidden:
            item.setHidden(hidden)
    for header in headers:
        header.setHidden(all(child.isHidden() for child in children(header)))


def children(header: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [item for row in range(header.childCount()) if (item := header.child(row)) is not None]


def restyle_links(tree: QTreeWidget, items: Sequence[QTreeWidgetItem]) -> None:
    """The fix links of `items` in the palette's link colour again (after a theme change)."""
    style = link_style()
    for item in items:
        button = tree.itemWidget(item, 4)
        if button is not None:
            button.setStyleSheet(style)
