"""Presentation mode: the canvas alone, full screen, in large type, stepping through slides.

Entering hides every dock, toolbar, the menu bar and the status bar, zooms the canvas beyond the
editor's 100 % cap so names read from the back of a lecture hall, and shows a caption bar in
large type. The slides are the document's saved views when it has some, else the open lesson
(its title, then one slide per step, zoomed to the resources the step is about). Right, Down,
Page Down and Space go forward; Left, Up and Page Up go back; Esc leaves and puts the window back
exactly as it was. Arrow keys never reach the canvas while presenting, so nothing is nudged,
and nothing is selected: slides show no selection handles (the selection comes back on leaving).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTransform
from PySide6.QtWidgets import QDockWidget, QLabel, QToolBar

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.teaching import Lesson
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.ui.teaching.views import saved_views

if TYPE_CHECKING:
    from kubecanvas.ui.commands.shell import EditorShell

#: How far presenting may zoom in (the editor stops at 100 %).
PRESENT_MAX_ZOOM = 1.8
CAPTION_STYLE = ("background: rgba(20, 24, 33, 215); color: white; font-size: 26px;"
                 " padding: 14px 22px; border-radius: 10px;")
FORWARD = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space}
BACK = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp}


@dataclass(frozen=True)
class Slide:
    """One stop: a caption and what to show (resource ids to fit, or an exact saved view)."""

    caption: str
    ids: tuple[str, ...] = ()
    zoom: float | None = None
    center: tuple[float, float] | None = None
    selection: tuple[str, ...] = ()
    step: int | None = None


def _refs(check: Any) -> Iterable[str]:
    """Every `Kind/name` a step's check mentions."""
    if isinstance(check, str) and "/" in check and check[:1].isupper():
        yield check
    elif isinstance(check, Mapping):
        for value in check.values():
            yield from _refs(value)
    elif isinstance(check, list):
        for value in check:
            yield from _refs(value)


def resolve(document: Document, ref: str) -> str | None:
    """The id of `Kind/name` or `Kind/namespace/name` in the document."""
    kind, _, rest = ref.partition("/")
    namespace, _, name = rest.rpartition("/")
    for res in document.by_kind(kind):
        if res.name == name and (not namespace or res.namespace == namespace):
            return res.id
    return None


def lesson_slides(lesson: Lesson, document: Document) -> list[Slide]:
    lang = language()
    slides = [Slide(lesson.text("title", lang))]
    for i, step in enumerate(lesson.steps):
        ids = tuple(dict.fromkeys(r for ref in _refs(dict(step.check or step.question or {}))
                                  if (r := resolve(document, ref)) is not None))
        caption = tr("Step {number}").format(number=i + 1) + ": " + step.text("prompt", lang)
        slides.append(Slide(caption, ids, step=i))
    return slides


def _same(state: list[Resource], document: Document) -> bool:
    """Whether a recorded state equals the live design (then the live canvas is shown)."""
    return [(r.id, r.manifest) for r in state] == [(r.id, r.manifest) for r in document]


def view_slides(document: Document) -> list[Slide]:
    return [Slide(v.name, zoom=v.zoom, center=v.center, selection=v.selection)
            for v in saved_views(document)]


class Presentation(QObject):
    """Enter, step through and leave presentation mode on one window.

    Attributes:
        active: True while presenting.
        slides / index: the sequence and where we are in it.
    """

    toggled = Signal(bool)

    def __init__(self, shell: EditorShell, lesson: Callable[[], Lesson | None],
                 step_done: Callable[[int], bool],
                 step_state: Callable[[int], list[Resource] | None] = lambda _i: None
                 ) -> None:
        super().__init__(shell.qt_window())
        self.shell = shell
        self.window = shell.qt_window()  # what presenting hides, shows full screen, restores
        self.view = shell.view  # the canvas it drives
        self.lesson = lesson
        self.step_done = step_done
        self.step_state = step_state
        self._past: CanvasScene | None = None  # the scene of a past state being shown
        self.active = False
        self.slides: list[Slide] = []
        self.index = 0
        self._state = QByteArray()
        self._transform = QTransform()
        self._center = QPointF()
        self._window_state = Qt.WindowState.WindowNoState
        self._hidden: list[Any] = []
        self._bars = (Qt.ScrollBarPolicy.ScrollBarAsNeeded, Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.caption = QLabel(self.view)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(CAPTION_STYLE)
        self.caption.setVisible(False)

    def enter(self) -> None:
        window, view, scene = self.window, self.view, self.shell.scene
        session = self.shell.session
        if self.active or session is None:
            return
        self.active = True
        self._state = window.saveState()
        self._window_state = window.windowState()
        self._transform = view.transform()
        self._center = view.mapToScene(view.viewport().rect().center())
        bars = [window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)]
        self._hidden = [w for w in (*window.findChildren(QDockWidget), *bars) if w.isVisible()]
        for widget in self._hidden:
            widget.setVisible(False)
        window.showFullScreen()
        layout = window.layout()
        if layout is not None:
            layout.activate()  # the canvas takes the room of the hidden docks now, not later
        self._bars = (view.horizontalScrollBarPolicy(),
                      view.verticalScrollBarPolicy())
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.installEventFilter(self)
        view.setFocus()
        # no selection handles on a slide: keep the editor's selection for afterwards, and let
        # clicks neither select nor drag while presenting
        self._selection: list[str] = scene.selected_ids() if scene is not None else []
        if scene is not None:
            scene.clearSelection()
        view.setInteractive(False)
        document = session.document
        lesson = self.lesson()
        self.slides = view_slides(document) or (lesson_slides(lesson, document) if lesson
                                                else [])
        self.index = 0
        self.show_slide()
        self.toggled.emit(True)

    def leave(self) -> None:
        if not self.active:
            return
        window, view, scene = self.window, self.view, self.shell.scene
        self.active = False
        view.removeEventFilter(self)
        if scene is not None and view.scene() is not scene:
            view.setScene(scene)  # back from a past state to the live design
        self._past = None
        view.setInteractive(True)
        if scene is not None:
            scene.select_ids(self._selection)
        view.setHorizontalScrollBarPolicy(self._bars[0])
        view.setVerticalScrollBarPolicy(self._bars[1])
        self.caption.setVisible(False)
        for widget in self._hidden:
            widget.setVisible(True)
        window.setWindowState(self._window_state)
        window.restoreState(self._state)
        view.setTransform(self._transform)
        view.centerOn(self._center)
        view.zoom_changed.emit(view.zoom())
        self.toggled.emit(False)

    def next(self) -> None:
        if self.active and self.index + 1 < len(self.slides):
            self.index += 1
            self.show_slide()

    def previous(self) -> None:
        if self.active and self.index > 0:
            self.index -= 1
            self.show_slide()

    def _scene_for(self, slide: Slide) -> CanvasScene | None:
        """The live scene, or a read-only one of the design as the slide's step left it (the
        lesson's title slide: as it started); the document itself is never touched."""
        live, view = self.shell.scene, self.view
        state = self.step_state(slide.step if slide.step is not None else -1) \
            if self.slides and slide.zoom is None else None
        if state is None or live is None or _same(state, live.document):
            self._past = None
            if view.scene() is not live and live is not None:
                view.setScene(live)
            return live
        document = Document([r.clone() for r in state])
        self._past = CanvasScene(document, WiringGraph(document))
        view.setScene(self._past)
        return self._past

    def show_slide(self) -> None:
        """Fit the canvas to the current slide and put its caption up."""
        view = self.view
        slide = self.slides[self.index] if self.slides else Slide(tr("Presentation"))
        scene = self._scene_for(slide)
        if scene is None:
            return
        if slide.zoom is not None and slide.center is not None:
            view.set_zoom(slide.zoom)
            view.centerOn(QPointF(*slide.center))
        else:
            self.refresh_caption()  # its height decides how much room the canvas keeps
            rect = scene.items_rect(slide.ids) if slide.ids else scene.items_rect()
            self._fit(rect)
        self.refresh_caption()

    def refresh_caption(self) -> None:
        """The caption of the current slide; a lesson step shows whether it is done yet."""
        if not self.active:
            return
        slide = self.slides[self.index] if self.slides else Slide(tr("Presentation"))
        counter = f"{self.index + 1}/{len(self.slides)}  ·  " if self.slides else ""
        done = f"  ✔ {tr('done')}" if slide.step is not None and self.step_done(slide.step) \
            else ""
        self.caption.setText(counter + slide.caption + done + "\n" + tr(
            "→ next · ← back · Esc leaves presentation"))
        self._place_caption()

    def _fit(self, rect: QRectF) -> None:
        """Show `rect` as large as fits above the caption (at most PRESENT_MAX_ZOOM)."""
        view = self.view
        if rect.isNull():
            return
        room = self.caption.height() + 40
        area = view.viewport().rect()
        target = rect.adjusted(-60, -60, 60, 60)
        height = max(area.height() - room, area.height() // 3)
        zoom = min(area.width() / target.width(), height / target.height(), PRESENT_MAX_ZOOM)
        view.setTransform(QTransform.fromScale(zoom, zoom))
        view.centerOn(target.center() + QPointF(0, (area.height() - height) / 2 / zoom))
        view.zoom_changed.emit(view.zoom())

    def _place_caption(self) -> None:
        viewport = self.view.viewport()
        width = min(viewport.width() - 40, 1400)
        self.caption.setFixedWidth(max(width, 200))
        self.caption.adjustSize()
        self.caption.move((self.view.width() - self.caption.width()) // 2,
                          self.view.height() - self.caption.height() - 24)
        self.caption.setVisible(True)
        self.caption.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        if event.type() == QEvent.Type.Resize:
            self.show_slide()  # full screen arrives after entering: fit again
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in FORWARD:
                self.next()
                return True
            if key in BACK:
                self.previous()
                return True
            if key == Qt.Key.Key_Escape:
                self.leave()
                return True
        return False
