"""The SVG writer (`SvgPainter` under the items' own paint code) draws what the scene draws.

Held to the scene's drawn geometry (`drawn_geometry`, what `render --stats` measures) on every
application of the corpus: the same cards, the same wire paths and the same label plates, so the
SVG cannot drift from the canvas; and, rasterised, to the PNG that Qt paints of the same scene.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QGraphicsRectItem

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.drawn_geometry import drawn_geometry
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.export_image import export_image, export_rect
from kubecanvas.ui.canvas.export_svg import SvgUnsupported, scene_svg
from kubecanvas.ui.canvas.legend import add_legend
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import LIGHT
from kubecanvas.ui.canvas.svg_painter import SvgPainter
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.design_files import EXAMPLE

SVG = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


def _scene(paths: list[Path]) -> CanvasScene:
    design = design_files.read_design(paths)
    scene = CanvasScene(design.document, design.graph)
    add_legend(scene)
    return scene


def _groups(svg: str, css_class: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == css_class]


def _box(rect: ET.Element, dx: float, dy: float) -> Box:
    return (round(float(rect.get("x", 0)) + dx, 1), round(float(rect.get("y", 0)) + dy, 1),
            round(float(rect.get("width", 0)), 1), round(float(rect.get("height", 0)), 1))


def _numbers(path_data: str) -> list[float]:
    return [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", path_data)]


def _path_numbers(item: EdgeItem) -> list[float]:
    """Every coordinate of the wire's painter path (moves, lines and curve points) in order."""
    path = item.path()
    return [v for i in range(path.elementCount())
            for v in (path.elementAt(i).x, path.elementAt(i).y)]


def _same_picture(scene: CanvasScene) -> None:
    """Cards, wires and label plates of the SVG are those of the scene, to a hundredth."""
    source = export_rect(scene)
    svg = scene_svg(scene, source, LIGHT.background)
    dx, dy = source.x(), source.y()
    cards, _, labels = drawn_geometry(scene)
    drawn_cards = sorted((round(x, 1), round(y, 1), w, h) for x, y, w, h in cards.values())
    svg_cards = sorted(_box(g.find(f"{SVG}rect"), dx, dy)  # type: ignore[arg-type]
                       for css in ("card", "stand-in") for g in _groups(svg, css))
    assert svg_cards == drawn_cards
    assert all(box[2:] == (NODE_WIDTH, NODE_HEIGHT) for box in svg_cards)
    wires = _groups(svg, "wire")
    visible = [item for item in scene.edge_items.values() if item.isVisible()]
    assert len(wires) == len(visible)
    expected = sorted(tuple(round(v, 1) for v in _path_numbers(item)) for item in visible)
    drawn = []
    for group in wires:
        numbers = _numbers(group.find(f"{SVG}path").get("d", ""))  # type: ignore[union-attr]
        drawn.append(tuple(round(v + (dx if i % 2 == 0 else dy), 1)
                           for i, v in enumerate(numbers)))
    drawn.sort()
    assert [len(w) for w in drawn] == [len(w) for w in expected]
    assert all(abs(a - b) <= 0.11 for got, want in zip(drawn, expected, strict=True)
               for a, b in zip(got, want, strict=True))
    plates = sorted(_box(rect, dx, dy) for g in wires for rect in g.iter(f"{SVG}rect"))
    assert plates == sorted((round(x, 1), round(y, 1), round(w, 1), round(h, 1))
                            for x, y, w, h in labels)


def test_the_svg_draws_the_scene_of_the_example(qtbot) -> None:
    _same_picture(_scene([EXAMPLE]))


def test_the_svg_draws_the_scene_of_every_corpus_application(corpus: Path, qtbot) -> None:
    apps = sorted({line.split("\t")[0] for line in
                   (corpus / "INDEX.tsv").read_text("utf-8").splitlines()[1:] if line})
    drawn = 0
    for app in apps:
        try:
            scene = _scene([corpus / app])
        except design_files.OpenError:
            continue
        if not scene.nodes:
            continue
        _same_picture(scene)
        drawn += 1
    assert drawn >= 50


def test_the_svg_rasterised_looks_like_the_png(qtbot, tmp_path: Path) -> None:
    """Icons, texts, frames and the legend are there too: the SVG drawn by Qt's own SVG
    renderer differs from the PNG Qt paints of the scene in few pixels (text antialiasing)."""
    scene = _scene([EXAMPLE])
    svg = export_image(scene, tmp_path / "d.svg")
    png = QImage(str(export_image(scene, tmp_path / "d.png", scale=1.0)))
    renderer = QSvgRenderer(str(svg))
    assert renderer.isValid()
    image = QImage(png.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = png.convertToFormat(QImage.Format.Format_RGB32)
    step = 2
    samples = [(x, y) for y in range(0, png.height(), step) for x in range(0, png.width(), step)]
    differ = sum(1 for x, y in samples if _far(png.pixelColor(x, y), image.pixelColor(x, y)))
    assert differ / len(samples) < 0.03


def _far(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) > 60


class _PixmapItem(QGraphicsRectItem):
    def paint(self, painter: QPainter, *_: object) -> None:
        painter.drawPixmap(0, 0, QPixmap(4, 4))


@pytest.mark.parametrize("unusual", ["rotated", "pixmap"])
def test_an_item_the_writer_cannot_copy_is_left_to_qt(qtbot, tmp_path: Path,
                                                      unusual: str) -> None:
    scene = _scene([EXAMPLE])
    item = QGraphicsRectItem(QRectF(0, 0, 40, 20)) if unusual == "rotated" else \
        _PixmapItem(QRectF(0, 0, 40, 20))
    if unusual == "rotated":
        item.setRotation(30)
    scene.addItem(item)
    with pytest.raises(SvgUnsupported):
        scene_svg(scene, export_rect(scene), LIGHT.background)
    path = export_image(scene, tmp_path / "d.svg")
    assert "<svg" in path.read_text("utf-8") and "Generated with Qt" in path.read_text("utf-8")


def test_text_is_placed_as_qt_aligns_it_and_escaped(qtbot) -> None:
    painter = SvgPainter(100, 50)
    painter.drawText(QRectF(10, 10, 80, 20), Qt.AlignmentFlag.AlignRight, "a<b & c")
    painter.drawText(QRectF(10, 10, 80, 20), Qt.AlignmentFlag.AlignLeft, "left")
    root = ET.fromstring(painter.svg())
    right, left = root.iter(f"{SVG}text")
    assert right.text == "a<b & c" and float(left.get("x", 0)) == 10
    assert 10 < float(right.get("x", 0)) < 90 and float(left.get("y", 0)) > 10
    with pytest.raises(AttributeError):
        painter.drawPixmap  # noqa: B018 (a call the writer does not know)
