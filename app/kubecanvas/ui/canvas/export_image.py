"""Pictures of the diagram: PNG, SVG and PDF, drawn by the scene itself in the light theme.

The scene renders into the target painter exactly as on screen (same items, same paint code);
only the theme is switched to light for the duration, and the selection is hidden. Item caches
are off while drawing: a cached node is painted as a bitmap, which in an SVG or PDF would be a
blurred image instead of text one can select and search.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from kubecanvas.io.png import write_rgb_png
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import LIGHT, Theme
from kubecanvas.ui.i18n import N_, tr

FORMATS = {".png": N_("PNG image"), ".svg": N_("SVG drawing"), ".pdf": N_("PDF document")}
MARGIN = 24.0


class ExportError(Exception):
    """The picture could not be written (unknown format, unwritable file)."""


def export_rect(scene: CanvasScene, ids: list[str] | None = None) -> QRectF:
    """The area to export: the selection's nodes, or everything."""
    rect = scene.items_rect(ids) if ids else scene.itemsBoundingRect()
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def export_image(scene: CanvasScene, path: Path, ids: list[str] | None = None,
                 scale: float = 2.0, theme: Theme = LIGHT) -> Path:
    """Write the diagram (or the nodes `ids`) to `path`; the suffix picks the format.

    The picture is drawn in `theme` (light by default: export is for printing and slides).

    Raises:
        ExportError: unknown suffix or the file could not be written.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(tr("{file}: choose a .png, .svg or .pdf file name").format(
            file=path.name))
    scene.finish_retranslating()  # (a big design's switch of language may be under way)
    source = export_rect(scene, ids)
    if source.isEmpty():
        raise ExportError(tr("the diagram is empty: there is nothing to draw"))
    far = scene.far_wires.active  # an export draws every wire itself, whatever the view's zoom
    scene.far_wires.set_active(False)
    shown, selection = scene.theme, scene.selectedItems()
    scene.clearSelection()
    if theme is not shown:  # (each switch repaints every item: 13,000 at 5,000 resources)
        scene.set_theme(theme)
    hidden = _hide_others(scene, ids)
    try:
        if suffix == ".png":
            with _uncached(scene):
                _png(scene, source, path, scale, theme)
        elif suffix == ".svg":
            _svg(scene, source, path, theme)
        else:
            with _uncached(scene):
                _pdf(scene, source, path, theme)
    finally:
        for item in hidden:
            item.show()
        if theme is not shown:
            scene.set_theme(shown)
        for item in selection:
            item.setSelected(True)
        scene.far_wires.set_active(far)
    if not path.is_file():
        raise ExportError(tr("{file}: the file could not be written").format(file=path))
    return path


@contextmanager
def _uncached(scene: CanvasScene) -> Iterator[None]:
    """Item caches off while Qt paints the scene into a picture (see the module docstring).
    The SVG writer asks no item for its cache (`SvgPainter` takes each item's own drawing
    calls), so only its fallback, Qt's generator, needs this: looking at the cache of every
    item of 5,000 resources cost 25 ms of an SVG."""
    cached = [(item, item.cacheMode()) for item in scene.items()
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _mode in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in cached:
            item.setCacheMode(mode)


def _hide_others(scene: CanvasScene, ids: list[str] | None) -> list[QGraphicsItem]:
    """For a selection export: hide the nodes and wires that are not part of it (items that
    merely overlap its rectangle), so the picture shows what was selected."""
    if not ids:
        return []
    keep = set(ids)
    hidden: list[QGraphicsItem] = []
    for rid, node in scene.nodes.items():
        owner = str(node.data(0)) if node.ghost else rid
        if owner not in keep and node.isVisible():
            node.hide()
            hidden.append(node)
    for edge in scene.edge_items.values():
        if not (edge.source.isVisible() and edge.target.isVisible()) and edge.isVisible():
            edge.hide()
            hidden.append(edge)
    return hidden


def _render(scene: CanvasScene, painter: QPainter, target: QRectF, source: QRectF,
            theme: Theme, filled: bool = False) -> None:
    """Draw the scene's `source` into `target`, on the theme's background unless the target
    is `filled` with it already (a PNG's image: painting it again, antialiased, cost 2 ms of
    a small render and a second pass over a large picture's hundreds of megabytes)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    if not filled:
        painter.fillRect(target, QColor(theme.background))
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)


def _png(scene: CanvasScene, source: QRectF, path: Path, scale: float, theme: Theme) -> None:
    limit = 16000 / max(source.width(), source.height())
    scale = min(scale, limit)
    size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    # Opaque (the background is filled): RGB32 is what Qt paints fastest, and PNG then stores
    # no alpha channel. Written unfiltered by `io/png.py`, not by Qt's libpng: at 5,000
    # resources (12,180 x 10,312 pixels at --scale 0.5) libpng took 5.1 s at zlib level 3
    # (10.9 s at Qt's default), trying five filters on every row; unfiltered, 1.6 s.
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    _render(scene, painter, QRectF(0, 0, size.width(), size.height()), source, theme,
            filled=True)
    painter.end()
    try:
        write_rgb_png(path, size.width(), size.height(), rgb_rows(image))
    except OSError as exc:
        raise ExportError(tr("{file}: the PNG could not be written").format(file=path)
                          + f" ({exc.strerror or exc})") from None


def rgb_rows(image: QImage, band: int = 256) -> Iterator[memoryview]:
    """The image's rows as RGB bytes (`io/png.py`), converted a band at a time: a second
    full copy of a 12,000 x 10,000 picture would be another 360 MB. Each band is converted
    where it lies (an image over the picture's own memory), not from a copy of it: 0.14
    against 0.25 s at 12,180 x 10,312 pixels."""
    width, line = image.width(), image.bytesPerLine()
    whole = memoryview(image.constBits())  # type: ignore[arg-type]
    for top in range(0, image.height(), band):
        rows = min(band, image.height() - top)
        part = QImage(whole[top * line:(top + rows) * line], width, rows, line,
                      image.format()).convertToFormat(QImage.Format.Format_RGB888)
        bits, stride = memoryview(part.constBits()), part.bytesPerLine()  # type: ignore[arg-type]
        for y in range(rows):
            yield bits[y * stride:y * stride + width * 3]


def _svg(scene: CanvasScene, source: QRectF, path: Path, theme: Theme) -> None:
    """Written by the items' own paint code into `SvgPainter` (`export_svg.py`): ten times
    faster than `QSvgGenerator` and a fifth of the size; Qt's generator only for an item the
    writer does not copy."""
    from kubecanvas.ui.canvas.export_svg import SvgUnsupported, scene_svg  # (not for a PNG)

    try:
        text = scene_svg(scene, source, theme.background)
    except SvgUnsupported:
        with _uncached(scene):
            _qt_svg(scene, source, path, theme)
        return
    path.write_text(text, "utf-8")


def _qt_svg(scene: CanvasScene, source: QRectF, path: Path, theme: Theme) -> None:
    from PySide6.QtSvg import QSvgGenerator  # (loaded when needed: 0.1 s of a small render)

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(int(source.width()), int(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("KubeCanvas diagram")
    painter = QPainter(generator)
    _render(scene, painter, QRectF(0, 0, source.width(), source.height()), source, theme)
    painter.end()


def _pdf(scene: CanvasScene, source: QRectF, path: Path, theme: Theme) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setResolution(144)
    size = QSizeF(source.width() / 144 * 25.4 * 1.0, source.height() / 144 * 25.4)
    writer.setPageSize(QPageSize(size, QPageSize.Unit.Millimeter, "diagram"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    painter = QPainter(writer)
    target = QRectF(0, 0, writer.width(), writer.height())
    _render(scene, painter, target, source, theme)
    painter.end()
