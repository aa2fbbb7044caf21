"""Widgets whose text changes with every edit without laying the whole window out again.

A label or tool button whose text changes tells its layout that its size hint changed; the
layout lays its widget out again and, when done, tells *its* parent the same (Qt does this
whatever the new size is), up to the main window, which then lays out every dock and toolbar
and starts one geometry animation per dock. At 5,000 resources the Undo button's new text and
the Problems summary ("3 errors, 41 warnings") cost 3-5 ms of each edit's 15 ms in Qt's event
loop that way (MainWindow LayoutRequest, 14 animations made and deleted, toolbar buttons moved
and repainted). The chain stops at a widget whose minimum and maximum sizes are equal, or at a
parent without a layout: the two widgets here use one each.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar, QToolButton, QWidget


class SteadyLabel(QWidget):
    """A one-line label that takes the width its layout gives it; a new text repaints the
    label and nothing else (a text longer than that width ends in "…", whole in the tooltip:
    cut at the edge, "No problems: every check passes" read "No problems: every check" in a
    laptop's Problems dock).

    The label lives in a widget without a layout, so its new size hint goes nowhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.label.sizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.label.fontMetrics().horizontalAdvance(self._text) + 4, self.height())

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name, which callers use
        self._text = text
        self.setToolTip(text)  # whole, when cut
        self._fit()
        height = self.label.sizeHint().height()
        if height > self.height():  # Hangul's fallback font has taller lines: once, it grows
            self.setFixedHeight(height)

    def shown(self) -> str:
        """The text as it reads on screen (elided when the label is too narrow)."""
        return self.label.text()

    def _fit(self) -> None:
        self.label.setText(self.label.fontMetrics().elidedText(
            self._text, Qt.TextElideMode.ElideRight, max(0, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        self._fit()


def steady_button(bar: QToolBar, action: QAction, text_width: int) -> QToolButton:
    """Put `action` on `bar` as a button of a fixed size, with room for an icon text up to
    `text_width` pixels wide (Undo and Redo name the step they take back: a new name each
    edit). The toolbar holds the button, not the action, so the action's new text reaches the
    button alone; the button keeps the toolbar's style and icon size."""
    button = QToolButton(bar)
    button.setAutoRaise(True)
    button.setFocusPolicy(bar.focusPolicy())
    button.setDefaultAction(action)
    bar.addWidget(button)

    def fit() -> None:
        button.setToolButtonStyle(bar.toolButtonStyle())
        button.setIconSize(bar.iconSize())
        button.setMinimumSize(0, 0)
        button.setMaximumSize(16777215, 16777215)
        room = button.sizeHint()
        # a button shows its text unless it is set to show only an icon and has one (Undo has
        # none: the toolbar's default "icon only" shows its text)
        if bar.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly \
                or action.icon().isNull():
            room.setWidth(room.width() + text_width
                          - button.fontMetrics().horizontalAdvance(button.text()))
        button.setFixedSize(room)

    fit()
    bar.toolButtonStyleChanged.connect(lambda _style: fit())
    bar.iconSizeChanged.connect(lambda _size: fit())
    return button


class SteadyHost(QWidget):
    """Holds a dock's contents, so what they show and hide stays inside the dock.

    A press on a card selects it, and the Inspector, from "Select a resource" to the resource's
    form, shows its tabs and fills its form: each change told the dock, and the dock the main
    window, that a size hint changed. Qt then laid out every dock and toolbar and started a
    geometry animation per dock, in the event-loop turn of the drag's first mouse move (1-2 ms
    of its 16). Here the contents live in a widget without a layout: their new hints go
    nowhere, the host asks them for its own hints when the window lays out for another reason,
    and it gives them its whole area."""

    def __init__(self, contents: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contents = contents
        contents.setParent(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.contents.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.contents.minimumSizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.contents.setGeometry(self.rect())
