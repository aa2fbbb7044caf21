"""The canvas background is drawn once and kept (`CanvasView` caches it): a theme change or a
zoom still shows at once."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from tests.model.factories import deployment

from kubecanvas.ui.canvas.style import DARK, LIGHT


def _corner(window) -> QColor:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    return window.view.viewport().grab().toImage().pixelColor(2, 2)


def _row(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The colours along the left half of the canvas's middle row."""
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage()
    return {image.pixelColor(x, image.height() // 2).name() for x in range(10, image.width() // 2)}


def test_the_cached_background_follows_the_theme_and_the_zoom(make_window) -> None:
    window = make_window([deployment("web")])
    window.view.set_zoom(0.05)  # the card a dot in the middle, the corners bare background
    try:
        window.set_canvas_theme("dark")
        assert _corner(window) == QColor(DARK.background)
        window.set_canvas_theme("light")
        assert _corner(window) == QColor(LIGHT.background)
        # the grid shows from 25%: the cached picture is made again at each zoom
        window.view.set_zoom(0.2)
        window.view.centerOn(-4000, -4000)  # away from the card (the room around it)
        assert _row(window) == {QColor(LIGHT.background).name()}
        window.view.set_zoom(1.0)
        window.view.centerOn(-4000, -4000)
        assert len(_row(window)) > 1
    finally:
        window.set_canvas_theme("system")
