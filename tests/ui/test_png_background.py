"""A PNG's background is painted once: the image is filled with the theme's colour when made,
and the scene is drawn onto it without a second, antialiased fill (2 ms of a small render; a
second pass over a large picture's hundreds of megabytes). PDF pages still get their fill."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from kubecanvas.ui.canvas import export_image as export
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import DARK, LIGHT
from kubecanvas.ui.commands.design_files import EXAMPLE
from kubecanvas.ui.commands.design_read import read_design


def _scene() -> CanvasScene:
    design = read_design([EXAMPLE])
    return CanvasScene(design.document, design.graph, picture=True, blocks=design.blocks)


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_a_png_is_filled_once_and_keeps_its_background(qapp: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        theme: Any) -> None:
    fills: list[bool] = []
    draw = export._render

    def counted(*args: Any, **kwargs: Any) -> None:
        fills.append(bool(kwargs.get("filled")))
        draw(*args, **kwargs)

    monkeypatch.setattr(export, "_render", counted)
    scene = _scene()
    png = export.export_image(scene, tmp_path / "d.png", scale=1.0, theme=theme)
    assert fills == [True]  # drawn on the image's own fill, not filled again
    image = QImage(str(png))
    assert image.pixelColor(0, 0) == QColor(theme.background)
    assert image.pixelColor(image.width() - 1, image.height() - 1) == QColor(theme.background)
    fills.clear()
    export.export_image(scene, tmp_path / "d.pdf", theme=theme)
    assert fills == [False]  # a PDF page has no fill of its own
