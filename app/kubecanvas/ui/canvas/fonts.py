"""The canvas's fonts, each made on first use.

A `QFont` made before the `QApplication` exists has no family to resolve against: its
`QFontMetrics` then came from a narrow serif face while `QPainter` drew with the application's
wider sans face, so names were fitted too narrow and clipped at the card edge instead of
wrapping. Both the editor and `render` import the canvas before they make the application, so
no canvas font may be made at import time. Fitting and painting only happen once the
application exists, and these functions are only called from there.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontMetrics


@cache
def font(pixels: int, bold: bool = False) -> QFont:
    """The canvas font of `pixels` height; one object per size, shared by every item."""
    made = QFont()
    made.setPixelSize(pixels)
    made.setBold(bold)
    return made


@cache
def metrics(pixels: int, bold: bool = False) -> QFontMetrics:
    """Metrics of `font(pixels, bold)`, for fitting text as it will be painted."""
    return QFontMetrics(font(pixels, bold))
