"""Render the application icon (icons/kubecanvas.svg) to PNGs at the usual sizes, to the
Windows .ico and to the macOS .icns, with Qt's own SVG renderer and image writers (run
offscreen, no display needed).

Usage: python packaging/make_icons.py    (the PNGs are committed; run again after editing the SVG)
Writes icons/hicolor/<N>x<N>/apps/io.github.kubecanvas.KubeCanvas.png for N in SIZES (the layout
of the freedesktop icon theme, which packaging/install-desktop.sh installs), icons/kubecanvas.ico
and icons/kubecanvas.icns (the macOS bundle's icon, see kubecanvas.spec).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "icons" / "kubecanvas.svg"
APP_ID = "io.github.kubecanvas.KubeCanvas"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: The .icns entries (type code, pixel size): each point size at 1x and 2x, up to 512 pt at 2x.
#: Qt's own ICNS writer stores one image only, so the container is written here; it is a
#: header and a list of (type, length, PNG) records, and Qt's ICNS reader checks the result.
ICNS_ENTRIES = (("icp4", 16), ("ic11", 32), ("icp5", 32), ("ic12", 64), ("icp6", 64),
                ("ic07", 128), ("ic13", 256), ("ic08", 256), ("ic14", 512), ("ic09", 512),
                ("ic10", 1024))


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def icns(renderer: QSvgRenderer) -> bytes:
    """The macOS icon container: 'icns', total length, then (type, length, PNG) records."""
    pngs: dict[int, bytes] = {}
    body = b""
    for code, size in ICNS_ENTRIES:
        png = pngs.setdefault(size, png_bytes(render(renderer, size)))
        body += code.encode("ascii") + struct.pack(">I", len(png) + 8) + png
    return b"icns" + struct.pack(">I", len(body) + 8) + body


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
    (HERE / "icons" / "kubecanvas.icns").write_bytes(icns(renderer))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
