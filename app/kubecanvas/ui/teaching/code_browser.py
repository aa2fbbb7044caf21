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

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QTextBrowser

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


class CodeBrowser(QTextBrowser):
    """A text browser whose copies and drags hold the text without break marks."""

    def plain_text(self) -> str:
        """The whole text as a reader copies it: without break marks."""
        return unbreakable(self.toPlainText())

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt's name)
        data = QMimeData()
        data.setText(unbreakable(self.textCursor().selection().toPlainText()))
        return data
