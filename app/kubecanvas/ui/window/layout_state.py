"""The window's size, place and dock layout: restored once, saved when the window closes.

Restored once, after the window has built every dock (its own, teaching's and the cluster's), so
each dock goes back where the user left it; a part that adds a dock never restores on its own.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from kubecanvas.ui.window.default_layout import apply_default_layout, set_corners


def restore_layout(window: QMainWindow, settings: QSettings) -> None:
    """Geometry and dock state as saved last time; on the first start, the whole screen."""
    set_corners(window)
    geometry = settings.value("geometry")
    state = settings.value("windowState")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:  # first start: the whole screen (maximized too, where a window manager exists)
        screen = QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if area is not None and area.width() > 400:
            window.setGeometry(area)
        else:
            window.resize(1600, 1000)
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    else:
        apply_default_layout(window)


def save_layout(window: QMainWindow, settings: QSettings) -> None:
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("windowState", window.saveState())
