"""Who the application is to the desktop: its id, name, version and icon.

Wayland compositors match a window to its launcher by the desktop file name, not by the
window class, so `QGuiApplication.setDesktopFileName` must name
`io.github.kubecanvas.KubeCanvas.desktop` (without the suffix) or the dock shows a generic
icon. The icon is the application's own (`resources/icons/kubecanvas.svg`, the same file
`packaging/make_icons.py` renders for the launcher), never one of the kind icons.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kubecanvas import __version__

APP_ID = "io.github.kubecanvas.KubeCanvas"
APP_NAME = "KubeCanvas"
#: sizes rendered into the icon: title bars, task switchers and the About box
_SIZES = (16, 24, 32, 48, 64, 128, 256)
_cache: dict[str, QIcon] = {}


def icon_path() -> str:
    return str(files("kubecanvas.resources") / "icons" / "kubecanvas.svg")


def app_icon() -> QIcon:
    """The application icon at the usual sizes, rendered once from the SVG.

    Rendered with QSvgRenderer into pixmaps rather than `QIcon(path)`, which needs the SVG
    icon-engine plugin that minimal installs and bundles may lack.
    """
    icon = _cache.get("app")
    if icon is None:
        icon = QIcon()
        renderer = QSvgRenderer(icon_path())
        for size in _SIZES:
            image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(0)
            painter = QPainter(image)
            renderer.render(painter)
            painter.end()
            icon.addPixmap(QPixmap.fromImage(image))
        _cache["app"] = icon
    return icon


def apply_identity(app: QGuiApplication) -> None:
    """Name, version, desktop file and icon of the running application."""
    app.setApplicationName(APP_NAME)  # only this: with an organisation name as well, Qt's
    # folders were `KubeCanvas/KubeCanvas` (settings name both explicitly, see MainWindow)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
