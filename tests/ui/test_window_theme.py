"""View → Theme applies to the whole window: panels, menus and canvas alike, and is kept."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QMenu
from tests.model.factories import deployment

from kubecanvas.ui.canvas.style import DARK, LIGHT


def _theme_action(window, text: str):
    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    theme = next(a.menu() for a in view.actions()
                 if isinstance(a.menu(), QMenu) and a.text().replace("&", "") == "Theme")
    return next(a for a in theme.actions() if a.text().replace("&", "") == text)


def _lightness(widget) -> int:
    return widget.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_light_and_system_for_the_whole_window(make_window, qtbot) -> None:
    window = make_window([deployment("web")])
    start = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    try:
        _theme_action(window, "Dark").trigger()
        # widgets take the application palette from posted events
        qtbot.waitUntil(lambda: _lightness(window.inspector) < 110, timeout=3000)
        assert window.scene.theme is DARK
        for part in (window.inspector, window.problems, window.palette_panel, window.menuBar()):
            assert _lightness(part) < 110, part
        assert window.settings.value("canvasTheme") == "dark"
        _theme_action(window, "Light").trigger()
        qtbot.waitUntil(lambda: _lightness(window.inspector) > 180, timeout=3000)
        assert window.scene.theme is LIGHT and _lightness(window.inspector) > 180
    finally:
        _theme_action(window, "Follow System").trigger()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window) == start
    assert window.settings.value("canvasTheme") == "system"


def test_the_choice_is_applied_at_the_next_start(qtbot, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    from kubecanvas.ui.window.main_window import MainWindow

    settings = QSettings(str(tmp_path / "theme.ini"), QSettings.Format.IniFormat)
    settings.setValue("canvasTheme", "dark")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: _lightness(window.inspector) < 110, timeout=3000)
        assert _lightness(window.inspector) < 110 and window.scene.theme is DARK
    finally:
        window.set_canvas_theme("system")
        window.ask_on_close = False
        window.close()
        window.deleteLater()
