"""Light, Dark or Follow System for the whole window, not only the canvas.

The panels used to follow the system palette while the canvas could be dark, which looked like
two applications. The choice (View → Theme, kept in the settings as `canvasTheme`) now sets
the application's palette: Light and Dark with Qt's Fusion style, whose every widget draws from
the palette on all platforms; Follow System goes back to the style and palette the application
started with. The canvas then picks its colours from that palette (`canvas.style.current_theme`).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

CHOICES = ("system", "light", "dark")
_start: dict[str, object] = {}

_DARK = {
    "Window": "#2b2d30", "WindowText": "#e4e6eb", "Base": "#1e1f22", "AlternateBase": "#26282b",
    "ToolTipBase": "#3c3f41", "ToolTipText": "#e4e6eb", "Text": "#e4e6eb",
    "Button": "#3a3d41", "ButtonText": "#e4e6eb", "BrightText": "#ff6b6b",
    "Highlight": "#2f6fd1", "HighlightedText": "#ffffff", "Link": "#6cb2ff",
    "LinkVisited": "#b48efa", "PlaceholderText": "#8b8f96", "Light": "#4a4d52",
    "Midlight": "#404348", "Mid": "#2f3134", "Dark": "#1b1c1f", "Shadow": "#000000",
}
_DARK_DISABLED = {"WindowText": "#7d8087", "Text": "#7d8087", "ButtonText": "#7d8087",
                  "HighlightedText": "#b0b3b8"}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                         QColor(colour))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


def apply_window_theme(choice: str) -> None:
    """Give the whole application the chosen theme ('system', 'light' or 'dark')."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if not _start:  # what "Follow System" returns to
        _start["style"] = app.style().name()
        _start["palette"] = QGuiApplication.palette()
    if choice in ("light", "dark"):
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        app.setPalette(dark_palette() if choice == "dark" else light_palette())
        return
    if app.style().name() != _start["style"]:
        app.setStyle(str(_start["style"]))
    palette = _start["palette"]
    assert isinstance(palette, QPalette)
    app.setPalette(palette)
