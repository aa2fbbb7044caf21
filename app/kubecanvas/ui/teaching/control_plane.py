"""The control plane drawn beside the design, with `kubectl apply` animated step by step.

The headless simulation decides the sequence (`teaching.architecture.apply_flow` for the
workload, turned into `control_plane_frames`: which component acts, who it talks to, what
happens, which of the learner's resources it concerns); this dock only draws it. Boxes for
kubectl, the control plane (API server, etcd, controller manager, scheduler), a worker node
(kubelet, kube-proxy) and CoreDNS; the acting box is lit, the boxes already passed are green,
the box where the design stops is red, and the current messages are arrows. "Play" walks the
frames on a timer; ◀ ▶ step by hand; every frame lights the learner's resources on the canvas
(`highlight_requested`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching import Highlight
from kubecanvas.teaching.architecture import (
    BOXES,
    WORKLOADS,
    Frame,
    apply_flow,
    control_plane_frames,
)
from kubecanvas.teaching.cluster import SimCluster
from kubecanvas.teaching.cluster_memo import ClusterMemo
from kubecanvas.teaching.first_workload import FirstWorkload
from kubecanvas.teaching.text import kind_ko, local
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.validation.findings import Finding

#: Box centres as fractions of the drawing (x, y): control plane left, the node right.
PLACES = {"kubectl": (0.09, 0.52), "controller-manager": (0.30, 0.24),
          "scheduler": (0.55, 0.24), "api-server": (0.425, 0.53), "etcd": (0.425, 0.83),
          "kubelet": (0.855, 0.26), "kube-proxy": (0.855, 0.52), "coredns": (0.855, 0.86)}
GROUPS = (("control-plane", (0.18, 0.03, 0.67, 0.98)), ("node", (0.72, 0.03, 0.99, 0.69)))
BOX_W, BOX_H = 0.2, 0.17
#: The drawing's least height, and the height from which its boxes' names take the full font.
MIN_HEIGHT, FULL_HEIGHT = 150, 210
#: The documented names, kept for the tooltip (the boxes show short ones to stay legible).
FULL_NAMES = {"api-server": "kube-apiserver", "controller-manager": "kube-controller-manager",
              "scheduler": "kube-scheduler"}
ACTIVE, DONE, STOPPED, IDLE = (QColor("#1a73e8"), QColor("#1f9d55"), QColor("#c5221f"),
                               QColor(128, 128, 128))
#: Milliseconds a frame stays on screen while playing (long enough to read the caption).
FRAME_MS = 1800


class ControlPlaneDrawing(QWidget):
    """The boxes and arrows of one frame (painted; no scene, nothing to select)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frames: tuple[Frame, ...] = ()
        self.index = -1
        # short enough that the bottom docks it is tabbed with leave a laptop's canvas half the
        # screen (its 210 px made them 336 px tall at 1366x768); boxes' names shrink to fit
        self.setMinimumSize(420, MIN_HEIGHT)
        self.setToolTip(" · ".join(FULL_NAMES.values()))

    def _rect(self, box: str) -> QRectF:
        x, y = PLACES[box]
        w, h = self.width(), self.height()
        width = 0.16 if box == "kubectl" else BOX_W
        return QRectF((x - width / 2) * w, (y - BOX_H / 2) * h, width * w, BOX_H * h)

    def _colour(self, box: str) -> QColor | None:
        if not 0 <= self.index < len(self.frames):
            return None
        frame = self.frames[self.index]
        if frame.box == box:
            return ACTIVE if frame.ok else STOPPED
        if any(f.box == box for f in self.frames[:self.index]):
            return DONE
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() * 0.85))
        names = {"control-plane": tr("Control plane"), "node": tr("Worker node")}
        for group, (x0, y0, x1, y1) in GROUPS:
            painter.setPen(QPen(IDLE, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(x0 * w, y0 * h, (x1 - x0) * w, (y1 - y0) * h), 8, 8)
            painter.setFont(small)
            painter.drawText(QPointF(x0 * w + 6, y0 * h + 14), names[group])
        lang = language()
        names_font = QFont(self.font())
        if h < FULL_HEIGHT:
            names_font.setPointSizeF(max(7.0, self.font().pointSizeF() * h / FULL_HEIGHT))
        for box, name_en, name_ko, _where in BOXES:
            rect = self._rect(box)
            colour = self._colour(box)
            fill = QColor(colour) if colour is not None else QColor(self.palette().base().color())
            if colour is not None and colour != ACTIVE and colour != STOPPED:
                fill.setAlpha(60)
            painter.setPen(QPen(colour or IDLE, 2.5 if colour in (ACTIVE, STOPPED) else 1.2))
            painter.setBrush(fill)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor("white") if colour in (ACTIVE, STOPPED)
                           else self.palette().text().color())
            painter.setFont(names_font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             name_ko if lang == "ko" else name_en)
        if 0 <= self.index < len(self.frames):
            frame = self.frames[self.index]
            for source, target in frame.messages:
                self._arrow(painter, source, target, ACTIVE if frame.ok else STOPPED)
        painter.end()

    def _arrow(self, painter: QPainter, source: str, target: str, colour: QColor) -> None:
        painter.setPen(QPen(colour, 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        a, b = self._rect(source), self._rect(target)
        if source == target:  # work inside the component: a ring around it
            painter.drawRoundedRect(a.adjusted(-5, -5, 5, 5), 9, 9)
            return
        start, end = _edge_point(a, b.center()), _edge_point(b, a.center())
        path = QPainterPath(start)
        path.lineTo(end)
        painter.drawPath(path)
        direction = end - start
        length = max((direction.x() ** 2 + direction.y() ** 2) ** 0.5, 1e-6)
        ux, uy = direction.x() / length, direction.y() / length
        left = QPointF(end.x() - 10 * ux + 5 * uy, end.y() - 10 * uy - 5 * ux)
        right = QPointF(end.x() - 10 * ux - 5 * uy, end.y() - 10 * uy + 5 * ux)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([end, left, right]))


def _edge_point(rect: QRectF, towards: QPointF) -> QPointF:
    """Where the line from the rectangle's centre towards `towards` leaves the rectangle."""
    centre = rect.center()
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(rect.width() / 2 / abs(dx) if dx else float("inf"),
                rect.height() / 2 / abs(dy) if dy else float("inf"))
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class ControlPlanePanel(QDockWidget):
    """Dock: the control plane for the selected workload (else the design's first one)."""

    highlight_requested = Signal(object, object)  # Highlight, broken resource ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ControlPlanePanel")
        self.document: Document | None = None
        self.graph: WiringGraph | None = None
        self.selected: str | None = None
        self.workload: str | None = None
        self.findings_for: Callable[[str], Sequence[Finding]] | None = None
        #: the pod counts and addresses What Happens keeps across edits (`ClusterMemo`): a
        #: fresh simulated cluster placed every pod of the design after each edit (70 ms at
        #: 5,000 resources while this dock was on screen)
        self.memo_of: Callable[[], ClusterMemo] | None = None
        self._first: FirstWorkload | None = None  # the workload followed when none is selected
        #: False, or what a refresh while hidden left to do (True, or "restart")
        self._stale: bool | str = False
        #: on screen: shown and, when tabbed with other docks, the current tab (`isVisible`
        #: stays true behind another tab; Qt says it with `visibilityChanged`)
        self.showing = False
        self.visibilityChanged.connect(self._catch_up)
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        self.heading = QLabel(body)
        self.heading.setStyleSheet("font-weight: bold")
        self.drawing = ControlPlaneDrawing(body)
        self.caption = QLabel(body)
        self.caption.setWordWrap(True)
        self.caption.setMinimumHeight(40)
        row = QHBoxLayout()
        self.back_button, self.play_button, self.next_button = (
            QPushButton(body), QPushButton(body), QPushButton(body))
        self.play_button.setCheckable(True)
        self.back_button.clicked.connect(lambda: self.show_frame(self.drawing.index - 1))
        self.next_button.clicked.connect(lambda: self.show_frame(self.drawing.index + 1))
        self.play_button.toggled.connect(self.play)
        for button in (self.back_button, self.play_button, self.next_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.drawing, 1)
        layout.addWidget(self.caption)
        layout.addLayout(row)
        self.setWidget(body)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Control Plane"))
        self.back_button.setText("◀")
        self.next_button.setText("▶")
        self.play_button.setText(tr("Pause") if self.play_button.isChecked() else tr("Play"))
        self._show_caption()
        self.drawing.update()

    # --- following the design ----------------------------------------------------------------
    def set_document(self, document: Document, graph: WiringGraph,
                     findings_for: Callable[[str], Sequence[Finding]] | None = None,
                     memo_of: Callable[[], ClusterMemo] | None = None) -> None:
        """Follow another design; `findings_for` gives the validator's current findings on one
        resource (without it each refresh validates the whole design); `memo_of` the memo of
        the design's simulated cluster, kept current with its changes by its owner."""
        self.document, self.graph, self.selected = document, graph, None
        self.findings_for, self.memo_of = findings_for, memo_of
        self._first = FirstWorkload(document, graph)
        self.refresh(restart=True)

    def show_resource(self, rid: str | None) -> None:
        """Follow the selected workload (other selections keep the current one)."""
        if rid is not None and self.document is not None and rid in self.document \
                and self.document.get(rid).kind in WORKLOADS and rid != self.selected:
            self.selected = rid
            self.refresh(restart=True)

    def follow(self, change: Change, touched: Iterable[str]) -> None:
        """Note one change of the design (shown or not), before `refresh`."""
        if self._first is not None:
            self._first.follow(change, touched)

    def _pick_workload(self) -> str | None:
        doc = self.document
        if doc is None:
            return None
        if self.selected is not None and self.selected in doc:
            return self.selected
        return self._first.current() if self._first is not None else None

    def refresh(self, restart: bool = False) -> None:
        """Recompute the frames (after an edit) keeping the frame shown unless `restart`.

        A hidden dock (a tab behind the YAML, or closed) only notes that it is behind and
        catches up when shown: after each edit of a 5,000-resource design, choosing the
        workload and simulating its apply would cost every user, watching or not."""
        if not self.showing:
            self._stale = "restart" if restart else (self._stale or True)
            return
        self._stale = False
        self.workload = self._pick_workload()
        doc, graph = self.document, self.graph
        if self.workload is None or doc is None or graph is None:
            self.drawing.frames, self.drawing.index = (), -1
        else:
            findings = self.findings_for(self.workload) if self.findings_for else None
            cluster = SimCluster(doc, self.memo_of()) if self.memo_of else None
            self.drawing.frames = control_plane_frames(
                apply_flow(doc, graph, self.workload, cluster, findings))
            last = len(self.drawing.frames) - 1
            self.drawing.index = 0 if restart else min(self.drawing.index, last)
        self._show_caption()
        self.drawing.update()

    def _catch_up(self, visible: bool) -> None:
        self.showing = visible
        if visible and self._stale:
            self.refresh(restart=self._stale == "restart")

    # --- stepping ----------------------------------------------------------------------------
    def show_frame(self, index: int) -> None:
        frames = self.drawing.frames
        if not frames:
            return
        self.drawing.index = max(0, min(index, len(frames) - 1))
        self._show_caption()
        self.drawing.update()
        frame = frames[self.drawing.index]
        broken = () if frame.ok else frame.highlight.resources
        self.highlight_requested.emit(frame.highlight, broken)

    def play(self, on: bool) -> None:
        self.play_button.setText(tr("Pause") if on else tr("Play"))
        if on:
            if self.drawing.index >= len(self.drawing.frames) - 1:
                self.drawing.index = -1
            self._tick()
            self.timer.start()
        else:
            self.timer.stop()

    def _tick(self) -> None:
        frames = self.drawing.frames
        if self.drawing.index >= len(frames) - 1 or (
                self.drawing.index >= 0 and not frames[self.drawing.index].ok):
            self.play_button.setChecked(False)  # the end, or where the design stops
            return
        self.show_frame(self.drawing.index + 1)

    def _show_caption(self) -> None:
        frames, index = self.drawing.frames, self.drawing.index
        doc = self.document
        if not frames or doc is None or self.workload is None or self.workload not in doc:
            self.heading.setText(tr("No workload to follow"))
            self.caption.setText(tr("Add or select a workload to follow kubectl apply through "
                                    "the control plane."))
            return
        res = doc.get(self.workload)
        kind = kind_ko(res.kind) if language() == "ko" else res.kind
        self.heading.setText(tr("kubectl apply of {kind} {name}, step by step").format(
            kind=kind, name=res.name))
        frame = frames[index]
        mark = "" if frame.ok else "✘ "
        self.caption.setText(f"{index + 1}/{len(frames)}  ·  {mark}"
                             f"{local(frame.text, language())}")

    def current_highlight(self) -> Highlight | None:
        frames, index = self.drawing.frames, self.drawing.index
        return frames[index].highlight if 0 <= index < len(frames) else None
