"""What went wrong while loading, said without stopping the user.

A modal "1 problems; ..." box used to greet an inherited folder before its design. Now each
problem is a row of the Problems panel (rule `load.problem`, with its file, line and column)
and a bar across the top of the canvas says how many documents were left out, with "Show" to
go to them and a close button; nothing waits for an answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from kubecanvas.ui.i18n import local_text, tr
from kubecanvas.ui.tones import banner_colours, follow_theme
from kubecanvas.validation.findings import Finding, Severity

LOAD_RULE = "load.problem"


def load_findings(problems: Sequence[str]) -> list[Finding]:
    """Problems panel rows for the load problems ('file:line:col: what was wrong'); the same
    finding objects for the same problems, so that the panel skips their rows after an edit."""
    return list(_load_findings(tuple(problems)))


@lru_cache(maxsize=4)
def _load_findings(problems: tuple[str, ...]) -> tuple[Finding, ...]:
    return tuple(Finding(LOAD_RULE, Severity.ERROR, problem, None) for problem in problems)


class LoadBanner(QFrame):
    """A bar over the top of a widget (the canvas view), shown while there are problems."""

    show_requested = Signal()

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("LoadBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._recolour()
        follow_theme(self, self._recolour)
        layout = self._row = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        self.label = QLabel("", self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(80)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""
        self.show_button = QPushButton("", self)
        self.show_button.clicked.connect(self.show_requested)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.close_button)
        self.problems: list[str] = []
        host.installEventFilter(self)
        self.hide()
        self.retranslate()

    def show_problems(self, problems: Sequence[str]) -> None:
        """Show the bar for these problems (hidden when there are none)."""
        self.problems = list(problems)
        self.retranslate()
        self.setVisible(bool(self.problems))
        self._place()

    def _recolour(self) -> None:
        """A notice's amber, light or dark as the palette is (`ui.tones`)."""
        background, border, text = banner_colours()
        self.setStyleSheet(f"#LoadBanner {{ background: {background}; border: 1px solid {border}; }}"
                           f" #LoadBanner QLabel {{ color: {text}; }}")

    def retranslate(self) -> None:
        self.show_button.setText(tr("Show"))
        self.close_button.setToolTip(tr("Close"))
        if self.problems:
            count = tr("%n document(s) could not be loaded; everything else is on the canvas.",
                       len(self.problems))
            self.full_text = f"{count} {local_text(self.problems[0])}"
            self.label.setToolTip("\n".join(local_text(p) for p in self.problems))
            self._elide()

    def _elide(self) -> None:
        """The sentence on one line, cut with an ellipsis where the bar ends (whole in the
        tooltip), so Show and the close button always stay in view."""
        room = self.label.width() if self.isVisible() else 10000
        self.label.setText(self.label.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(80, room)))

    def _place(self) -> None:
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(0, 0, host.width(), self.sizeHint().height())
            self.raise_()
            if self.full_text:
                self._row.activate()
                self._elide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False
