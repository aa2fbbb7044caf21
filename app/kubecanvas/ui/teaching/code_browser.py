"""Names and addresses in the teaching panels wrap where a person would break them.

Qt's line breaking follows Unicode's rules, which see `web.shop.svc.cluster.local` or
`shop-api-7f9c6d5b8-x2x9q` as one word; in a narrow dock such a word is cut wherever the line is
full ("web.shop.svc.clu / ster.local"). `breakable` puts an invisible break opportunity (U+200B,
zero width space) after each `.`, `-`, `/` and `:` of such text, so a line breaks at those
boundaries first, and `CodeBrowser` takes the marks out again whenever text leaves the panel
(copy, drag), so a copied DNS name is the DNS name.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QSizeF, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

#: Where a break may go: after these characters, when more text follows.
_AFTER = re.compile(r"(?<=[./:\-])(?=[^\s])")
ZERO_WIDTH_SPACE = "\u200b"


#: Text up to this long (an IPv4 address is at most 15) stays one word: Qt moves it whole to
#: the next line, which reads better than an address split at a dot.
SHORT = 16


def breakable(text: str) -> str:
    """`text` with a zero-width break opportunity after each `.`, `-`, `/` and `:`, when it is
    longer than `SHORT`."""
    return text if len(text) <= SHORT else _AFTER.sub(ZERO_WIDTH_SPACE, text)


def unbreakable(text: str) -> str:
    """`text` without the marks `breakable` added."""
    return text.replace(ZERO_WIDTH_SPACE, "")


#: A text at most this many pixels wider than the panel shows no horizontal scroll bar: Qt lays out
#: a table that just fits a pixel wider than the panel (the rollout table of the example's
#: Deployment, in the default layout), which showed a scroll bar that moved the text one pixel.
SLACK = 2


class CodeBrowser(QTextBrowser):
    """A text browser whose copies and drags hold the text without break marks, and without a
    scroll bar for a pixel's overflow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_bar)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_bar(self.document().size())

    def _fit_bar(self, size: QSizeF) -> None:
        over = size.width() - self.viewport().width()
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if over <= SLACK
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if policy != self.horizontalScrollBarPolicy():  # setting it lays the area out again,
            self.setHorizontalScrollBarPolicy(policy)  # and the size changes with each layout

    def plain_text(self) -> str:
        """The whole text as a reader copies it: without break marks."""
        return unbreakable(self.toPlainText())

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt's name)
        data = QMimeData()
        data.setText(unbreakable(self.textCursor().selection().toPlainText()))
        return data
