"""The YAML view: the selection (or the whole export) as `kubectl apply` would receive it, live.

Refreshing is debounced and skipped while the dock is hidden, so typing in the inspector of a
large design does not re-serialise thousands of resources per keystroke.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.model.secrets import mask_secret
from kubecanvas.ui.i18n import tr
from kubecanvas.ui.steady import SteadyHost

Dump = Callable[[Sequence[Resource]], str]
#: Without a selection the whole export is shown only for designs up to this size; beyond it,
#: re-serialising everything after each edit would make editing sluggish.
AUTO_WHOLE_LIMIT = 300


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class YamlPanel(QDockWidget):
    """Dock with a read-only YAML rendering of the selection or of everything."""

    def __init__(self, dump: Dump, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("YamlPanel")
        self.dump = dump
        self.document: Document | None = None
        self.selection: list[str] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        bar = QHBoxLayout()
        self.caption = QLabel("", body)
        self.whole = QCheckBox(body)
        self.whole.toggled.connect(lambda _: self.refresh())
        self.reveal = QCheckBox(body)
        self.reveal.toggled.connect(lambda _: self.refresh())
        bar.addWidget(self.caption, 1)
        bar.addWidget(self.reveal)
        bar.addWidget(self.whole)
        self.text = QPlainTextEdit(body)
        self.text.setReadOnly(True)
        self.text.setFont(monospace())
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addLayout(bar)
        layout.addWidget(self.text)
        self.setWidget(SteadyHost(body, self))  # its changes stay in the dock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self.visibilityChanged.connect(self._visibility_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, options and caption in the language now set."""
        self.setWindowTitle(tr("YAML"))
        self.whole.setText(tr("Whole export"))
        self.whole.setToolTip(tr("Show every resource, not only the selection"))
        self.reveal.setText(tr("Reveal secrets"))
        self.reveal.setToolTip(tr("Show Secret values (hidden by default; exports always keep "
                                  "them)"))
        self.refresh(force=True)

    def _visibility_changed(self, visible: bool) -> None:
        if visible:
            self.schedule()

    def set_document(self, document: Document) -> None:
        self.document = document
        self.selection = []
        self.refresh(force=True)

    def set_selection(self, ids: Sequence[str]) -> None:
        self.selection = list(ids)
        self.reveal.setChecked(False)  # a revealed Secret is hidden again once you move on
        self.schedule()

    def schedule(self) -> None:
        """Refresh soon (coalesces bursts of changes)."""
        self._timer.start()

    def shown_resources(self) -> list[Resource]:
        if self.document is None:
            return []
        if self.whole.isChecked() or not self.selection:
            return list(self.document)
        return [r for r in (self.document.find(i) for i in self.selection) if r is not None]

    def refresh(self, force: bool = False) -> None:
        """Re-render now (skipped while hidden unless `force`: hidden docks cost nothing)."""
        self._timer.stop()
        if self.document is None or (not force and not self.isVisible()):
            return
        everything = self.whole.isChecked() or not self.selection
        if everything and not self.whole.isChecked() and len(self.document) > AUTO_WHOLE_LIMIT:
            self.caption.setText(tr("{count} resources").format(count=len(self.document)))
            self.text.setPlainText(tr("# Select resources to see their YAML, or tick Whole "
                                      "export") + "\n")
            return
        resources = self.shown_resources()
        self.caption.setText(
            tr("Whole export: %n resource(s)", len(resources)) if everything
            else tr("Selection: {count} of {total}").format(count=len(resources),
                                                            total=len(self.document)))
        if not self.reveal.isChecked():
            resources = [mask_secret(r) for r in resources]
        text = self.dump(resources) if resources else tr("# nothing to show") + "\n"
        if text != self.text.toPlainText():
            bar = self.text.verticalScrollBar()
            value = bar.value()
            self.text.setPlainText(text)
            bar.setValue(value)
