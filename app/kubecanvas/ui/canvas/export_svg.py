"""SVG pictures of the scene, drawn by its items' own `paint` into an `SvgPainter`.

The items are visited in the order Qt paints them (stacking order, bottom first), each painted at
its place in the picture, so the SVG holds what the canvas shows and nothing else: the cards,
wires, label plates and frames keep their geometry (`tests/ui/test_export_svg.py` compares them
with the scene's drawn geometry over the corpus). Each item's elements are grouped by what the
item is (`card`, `stand-in`, `wire`, `frame`, `replicas`, `legend`), which a reader can style.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.style import Theme
from kubecanvas.ui.canvas.svg_direct import CARDS, write_card, write_wire
from kubecanvas.ui.canvas.svg_painter import SvgPainter

#: the `class` of each item's group in the SVG, by item type
ITEM_CLASSES = {"NodeItem": "card", "EdgeItem": "wire", "NamespaceFrameItem": "frame",
                "ReplicaStackItem": "replicas", "LegendItem": "legend", "TileItem": "tile",
                "BundleItem": "bundle"}


class SvgUnsupported(Exception):
    """An item is drawn in a way the SVG writer does not copy (a rotation, transparency)."""


_CLASSES_BY_TYPE: dict[type, str] = {}


def _css_class(item: QGraphicsItem) -> str:
    """The group class of an item: by the first class of its type that has one (a
    `StandInItem` is a `NodeItem`)."""
    if item.__dict__.get("ghost"):
        return "stand-in"
    found = _CLASSES_BY_TYPE.get(type(item))
    if found is None:
        found = _CLASSES_BY_TYPE[type(item)] = next(
            (ITEM_CLASSES[cls.__name__] for cls in type(item).__mro__
             if cls.__name__ in ITEM_CLASSES), "item")
    return found


def _written(painter: SvgPainter, item: QGraphicsItem, theme: Theme) -> bool:
    """Whether the item was written from its numbers (`svg_direct.py`)."""
    kind = type(item)
    if kind is EdgeItem:
        return write_wire(painter, item, theme)  # type: ignore[arg-type]
    return kind in CARDS and write_card(painter, item, theme)  # type: ignore[arg-type]


def scene_svg(scene: object, source: QRectF, background: str, direct: bool = True) -> str:
    """The SVG text of the part `source` of `scene` (a `QGraphicsScene`), on `background`.
    Routed wires and plain cards are written from their numbers (`svg_direct.py`;
    `direct=False`: by their `paint`, which writes the same text).

    Raises:
        SvgUnsupported: an item is transformed or transparent, or paints with a call the
            writer does not copy (`export_image` then lets Qt write the SVG instead).
    """
    assert hasattr(scene, "items")
    painter = SvgPainter(source.width(), source.height(), "KubeCanvas diagram")
    painter.fillRect(QRectF(0, 0, source.width(), source.height()), QColor(background))
    option = QStyleOptionGraphicsItem()
    theme = getattr(scene, "theme", None)
    if not isinstance(theme, Theme):  # a scene other than the canvas: every item paints
        direct = False
    left, top = source.x(), source.y()
    for item in scene.items(Qt.SortOrder.AscendingOrder):
        if not item.isVisible() or not item.sceneBoundingRect().intersects(source):
            continue
        transform = item.sceneTransform()
        # more than a translation: Qt's `isScaling` is `type() >= TxScale` (asked so, `type()`
        # makes a Python enum per item)
        if transform.isScaling() or item.effectiveOpacity() < 1.0:
            raise SvgUnsupported(type(item).__name__)
        painter.offset(transform.dx() - left, transform.dy() - top)
        painter.group(_css_class(item))
        painter.save()
        try:
            if not (direct and _written(painter, item, theme)):  # type: ignore[arg-type]
                item.paint(painter, option, None)  # type: ignore[arg-type]
        except AttributeError as exc:  # a QPainter call SvgPainter does not copy
            raise SvgUnsupported(f"{type(item).__name__}: {exc}") from exc
        painter.restore()
        painter.end_group()
    return painter.svg()
