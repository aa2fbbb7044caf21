"""Status colours (right, wrong, a hint, the current step) that read on the window's palette.

The panels draw their text and backgrounds from the palette, which View → Theme switches between
light and dark; a status colour fixed for a white background (a dark green, an amber hint) is
hard to read on a dark one (#8a5a00 on #2b2d30 has a contrast of 2:1). So every such colour has
a light and a dark variant, each at least 4.5:1 against the palette's window and base colours
(WCAG AA for text), and widgets that use them ask again when the palette changes
(`QEvent.PaletteChange`, which Qt sends to every widget when the application palette changes).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

#: name -> (on a light palette, on a dark palette)
TONES = {
    "ok": ("#137333", "#5fd38d"),
    "error": ("#b3261e", "#ff8a80"),
    "hint": ("#7a4f00", "#f0c15a"),
    "current": ("#1a62c9", "#8ab4f8"),
    "muted": ("#5f6670", "#a3a9b2"),
}
#: a notice bar (background, border, text), light and dark
BANNER = (("#fff4d6", "#e0b84f", "#4a3800"), ("#3d3320", "#8a6d2c", "#f5e3b3"))


def _palette(widget: QWidget | None) -> QPalette:
    if widget is not None:
        return widget.palette()
    app = QGuiApplication.instance()
    return app.palette() if isinstance(app, QGuiApplication) else QPalette()


def is_dark(widget: QWidget | None = None) -> bool:
    """True when the widget's (else the application's) window colour is dark."""
    return _palette(widget).color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, widget: QWidget | None = None) -> str:
    """The colour called `name` in `TONES`, as '#rrggbb', for the widget's palette."""
    light, dark = TONES[name]
    return dark if is_dark(widget) else light


def banner_colours(widget: QWidget | None = None) -> tuple[str, str, str]:
    """Background, border and text of a notice bar for the widget's palette."""
    return BANNER[1] if is_dark(widget) else BANNER[0]


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class _ThemeWatcher(QObject):
    """Calls back when the application palette turns from light to dark or back.

    It listens to the widget and to its window: a widget whose style sheet sets a colour or a
    background keeps that palette and is no longer sent palette changes (Qt 6), while the
    window always is (`ApplicationPaletteChange`, `PaletteChange`).
    """

    def __init__(self, widget: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        self.dark = is_dark()
        self.top: QWidget | None = None
        widget.installEventFilter(self)
        self._watch_window()

    def _watch_window(self) -> None:
        top = self.widget.window()
        if top is not self.top:
            if self.top is not None and shiboken6.isValid(self.top):
                self.top.removeEventFilter(self)
            self.top = top
            top.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if watched is self.widget and kind in (QEvent.Type.ParentChange, QEvent.Type.Show):
            self._watch_window()
        elif kind in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) \
                and is_dark() != self.dark:
            self.dark = is_dark()
            self.callback()
        return False


def follow_theme(widget: QWidget, callback: Callable[[], object]) -> None:
    """Call `callback` (which sets the widget's status colours again) whenever the theme flips
    between light and dark; colours are set first by the caller, as usual."""
    _ThemeWatcher(widget, callback)
