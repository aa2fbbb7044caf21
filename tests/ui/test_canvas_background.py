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
    """The colours along the left half of two rows in the canvas's middle (two: one of them
    may lie on a grid line)."""
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(10, image.width() // 2)
            for y in (image.height() // 2, image.height() // 2 + 7)}


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


def test_the_overview_follows_a_theme_change_while_it_is_shown(make_window, qtbot) -> None:
    """Zoomed out far enough for the overview, Light after Dark: the background and the tiles
    are drawn in the light theme (the view kept the dark background: the overview had no
    theme of its own and its view's cached background was not reset)."""
    from kubecanvas.ui.canvas.overview import OverviewScene, TileItem

    window = make_window([deployment("web")])
    qtbot.wait(50)  # the opening view
    window.view.set_zoom(0.05)
    overview = window.view.scene()
    assert isinstance(overview, OverviewScene)
    try:
        window.set_canvas_theme("dark")
        assert _corner(window) == QColor(DARK.background)
        window.set_canvas_theme("light")
        assert _corner(window) == QColor(LIGHT.background)
        tiles = [i for i in window.view.scene().items() if isinstance(i, TileItem)]
        assert tiles and all(tile.theme is LIGHT for tile in tiles)
    finally:
        window.set_canvas_theme("system")
