"""`kubecanvas render --overview`: a big design as its overview, one tile per application.

Drawn card by card, a design of thousands of resources is a poster nobody reads. The picture for
a design document is the one the editor shows when zoomed far out (`overview.py`): one tile per
application block with its name, resource count and finding badge, one line per pair of blocks
with the number of wires between them, and the namespace frames. It is drawn here by the same
`OverviewLayer`, at the zoom that fits the design into `WIDTH` pixels or, for hundreds of
applications, that leaves a typical tile room for its name (`overview_zoom`; never closer than
the editor's threshold, where the editor draws cards instead), with texts at their screen
size, so a tile reads the same in the picture as on screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from kubecanvas.io.png import write_rgb_png
from kubecanvas.ui.canvas.export_image import ExportError, rgb_rows
from kubecanvas.ui.canvas.overview import SEMANTIC_BELOW, OverviewScene
from kubecanvas.ui.canvas.overview_layer import PAD
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import LIGHT, Theme
from kubecanvas.ui.i18n import tr

#: the picture's width (or height, when taller) in pixels before `scale`: a page or a slide
WIDTH = 2000
#: the width in pixels a typical tile needs for a name and a count: a design with hundreds of
#: applications is drawn wider than `WIDTH` rather than with every name cut to a few letters
READABLE_TILE = 150.0
#: room around the drawing, and above it for the first frame's title, in pixels
MARGIN, TITLE_ROOM = 24.0, 28.0


def overview_zoom(content: QRectF, tile_widths: list[float]) -> float:
    """Canvas pixels to picture pixels: the design fits `WIDTH` unless its typical (median)
    tile would then be narrower than `READABLE_TILE`; never closer than the zoom below which
    the editor shows the overview."""
    fit = WIDTH / max(content.width(), content.height(), 1.0)
    widths = sorted(tile_widths)
    readable = READABLE_TILE / widths[len(widths) // 2] if widths else fit
    return min(SEMANTIC_BELOW, max(fit, readable))


def overview_content(overview: OverviewScene) -> QRectF:
    """What the overview draws, in canvas coordinates: the frames and the tiles' borders."""
    content = QRectF()
    for rect, _title in overview.layer.frames:
        content = content.united(rect)
    for item in overview.tiles.values():
        content = content.united(item.tile.rect.adjusted(-PAD, -PAD, PAD, PAD))
    return content


def export_overview(scene: CanvasScene, path: Path, scale: float = 2.0,
                    theme: Theme = LIGHT) -> Path:
    """Write the overview of `scene` to `path` (.svg, .png or .pdf); PNG pixels are `scale`
    times the picture's, texts included.

    Raises:
        ExportError: an unknown suffix, an empty design, or the file could not be written.
    """
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png", ".pdf"):
        raise ExportError(tr("{file}: choose a .png, .svg or .pdf file name").format(
            file=path.name))
    shown = scene.theme
    scene.set_theme(theme)
    try:
        overview = OverviewScene(scene)
    finally:
        scene.set_theme(shown)
    content = overview_content(overview)
    if content.isEmpty():
        raise ExportError(tr("the diagram is empty: there is nothing to draw"))
    zoom = overview_zoom(content, [item.tile.rect.width() + 2 * PAD
                                   for item in overview.tiles.values()])
    size = QSizeF(content.width() * zoom + 2 * MARGIN,
                  content.height() * zoom + 2 * MARGIN + TITLE_ROOM)
    writers = {".svg": _svg, ".png": _png, ".pdf": _pdf}
    try:
        writers[suffix](overview, content, zoom, size, path, scale, theme)
    except OSError as exc:
        raise ExportError(tr("{file}: the file could not be written").format(file=path)
                          + f" ({exc.strerror or exc})") from None
    if not path.is_file():
        raise ExportError(tr("{file}: the file could not be written").format(file=path))
    return path


def _paint(painter: QPainter, overview: OverviewScene, content: QRectF, zoom: float,
           size: QSizeF, theme: Theme) -> None:
    """The layer's own paint, with the whole design exposed and nothing cached."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(theme.background))
    transform = QTransform()
    transform.translate(MARGIN, MARGIN + TITLE_ROOM)
    transform.scale(zoom, zoom)
    transform.translate(-content.left(), -content.top())
    painter.setWorldTransform(transform)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = overview.layer.boundingRect()  # type: ignore[attr-defined]
    overview.layer.paint(painter, option, None)


def _svg(overview: OverviewScene, content: QRectF, zoom: float, size: QSizeF, path: Path,
         scale: float, theme: Theme) -> None:
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size.toSize())
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("KubeCanvas overview")
    painter = QPainter(generator)
    _paint(painter, overview, content, zoom, size, theme)
    painter.end()


def _png(overview: OverviewScene, content: QRectF, zoom: float, size: QSizeF, path: Path,
         scale: float, theme: Theme) -> None:
    pixels = QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
    image = QImage(pixels, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(scale)  # texts and lines `scale` times larger, not smaller
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    _paint(painter, overview, content, zoom, size, theme)
    painter.end()
    write_rgb_png(path, pixels.width(), pixels.height(), rgb_rows(image))


def _pdf(overview: OverviewScene, content: QRectF, zoom: float, size: QSizeF, path: Path,
         scale: float, theme: Theme) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(96)
    writer.setPageSize(QPageSize(QSizeF(size.width() / 96 * 25.4, size.height() / 96 * 25.4),
                                 QPageSize.Unit.Millimeter, "overview"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter(writer)
    _paint(painter, overview, content, zoom, size, theme)
    painter.end()
