"""The palette: kinds to drag onto the canvas, grouped the way people think about them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.model.search import kind_names
from kubecanvas.model.text import a_an
from kubecanvas.ui.canvas.icons import kind_icon, kind_pixmap
from kubecanvas.ui.canvas.view import KIND_MIME
from kubecanvas.ui.i18n import N_, kind_label, language, tr

#: Palette sections in traffic order (the order the auto layout reads left to right).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (N_("Network"), ("Ingress", "Service", "IngressClass", "NetworkPolicy")),
    (N_("Workloads"), ("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod")),
    (N_("Config"), ("ConfigMap", "Secret", "ServiceAccount")),
    (N_("Storage"), ("PersistentVolumeClaim", "PersistentVolume", "StorageClass")),
    (N_("Policy and scaling"), ("HorizontalPodAutoscaler", "PodDisruptionBudget")),
    (N_("Cluster"), ("Namespace",)),
)
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_mime(kind: str) -> QMimeData:
    """The drag payload for one kind (what the canvas accepts on drop)."""
    mime = QMimeData()
    mime.setData(KIND_MIME, kind.encode("utf-8"))
    mime.setText(kind)
    return mime


class KindList(QListWidget):
    """A list of kinds that starts a kind drag instead of moving its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(24, 24))
        self.setSpacing(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def startDrag(self, supported: Qt.DropAction) -> None:
        item = self.currentItem()
        kind = item.data(KIND_ROLE) if item is not None else None
        if not kind:
            return
        drag = QDrag(self)
        drag.setMimeData(kind_mime(kind))
        drag.setPixmap(kind_pixmap(kind, 40))
        drag.exec(Qt.DropAction.CopyAction)


class PalettePanel(QDockWidget):
    """Dock with the kinds; drag one onto the canvas, or double-click to add it in view."""

    kind_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PalettePanel")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit(body)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = KindList(body)
        self.sections: Sequence[tuple[str, Sequence[str]]] = SECTIONS
        self.list.itemDoubleClicked.connect(self._activated)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, kind names and tips in the language now set (the list is refilled)."""
        self.setWindowTitle(tr("Palette"))
        self.filter.setPlaceholderText(tr("Filter kinds"))
        self.list.clear()
        self._fill(self.sections)
        self._apply_filter(self.filter.text())
        self._fit_width()

    def _fit_width(self) -> None:
        """In Korean a kind reads '디플로이먼트 (Deployment)': widen the list so such names are
        not cut (English keeps the width it always had)."""
        if language() == "en":
            self.list.setMinimumWidth(0)
            return
        metrics = self.list.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.list.item(i).text())
                      for i in range(self.list.count())), default=0)
        room = self.list.iconSize().width() + 2 * self.list.frameWidth() + 40  # icon, scroll bar
        self.list.setMinimumWidth(min(widest + room, 360))

    def _fill(self, sections: Sequence[tuple[str, Sequence[str]]]) -> None:
        for title, kinds in sections:
            header = QListWidgetItem(tr(title).upper())
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            font = header.font()
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            header.setFont(font)
            self.list.addItem(header)
            for kind in kinds:
                item = QListWidgetItem(kind_icon(kind), kind_label(kind))
                item.setData(KIND_ROLE, kind)
                hint = tr("Drag onto the canvas to add an {kind}") if a_an(kind) == "an" \
                    else tr("Drag onto the canvas to add a {kind}")
                item.setToolTip(hint.format(kind=kind_label(kind)))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self.list.addItem(item)

    def kinds(self) -> list[str]:
        return [self.list.item(i).data(KIND_ROLE) for i in range(self.list.count())
                if self.list.item(i).data(KIND_ROLE)]

    def item_for(self, kind: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(KIND_ROLE) == kind:
                return self.list.item(i)
        return None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            kind = item.data(KIND_ROLE)
            # the shown name, or any name the Find box knows the kind by (svc, pvc, 서비스)
            item.setHidden(bool(needle) and (not kind or (
                needle not in item.text().lower()
                and not any(n.startswith(needle) for n in kind_names(kind)))))

    def _activated(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        if kind:
            self.kind_activated.emit(kind)
