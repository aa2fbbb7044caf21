"""Render the application icon (icons/kubecanvas.svg) to PNGs at the usual sizes, and to the
Windows .ico, with Qt's own SVG renderer (run offscreen, no display needed).

Usage: python packaging/make_icons.py    (the PNGs are committed; run again after editing the SVG)
Writes icons/hicolor/<N>x<N>/apps/io.github.kubecanvas.KubeCanvas.png for N in SIZES (the layout
of the freedesktop icon theme, ready to copy under ~/.local/share/icons or /usr/share/icons) and
icons/kubecanvas.ico.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "icons" / "kubecanvas.svg"
APP_ID = "io.github.kubecanvas.KubeCanvas"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        target = HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
    if not render(renderer, 256).save(str(HERE / "icons" / "kubecanvas.ico"), "ICO"):
        print("no ICO writer in this Qt; the Windows icon was not written", file=sys.stderr)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
