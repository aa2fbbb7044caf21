"""The overview painted by one cached layer: the same tiles, titles, counts and frames as its
items drew one by one, and panning (the cache moved, a strip painted) shows the same pixels as
a repaint from scratch."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem
from tests.ui.test_picture_view import _apps, _laid_out

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.ui.canvas.overview import BundleItem, OverviewScene, TileItem, tiles_of
from kubecanvas.ui.canvas.overview_layer import PAD, TITLE_PX
from kubecanvas.ui.canvas.style import SEVERITY_COLOURS


class _Recorder(QPainter):
    """A painter that notes every text drawn (the layer calls it from Python)."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args) -> None:  # noqa: N802 - Qt's name
        self.texts.append(args[-1])
        super().drawText(*args)


def _generated(count: int) -> list:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    return _laid_out(Document(load_text(generate_yaml(count, 3), "generated.yaml").resources))


def _overview(window, zoom: float) -> OverviewScene:
    """The overview shown at `zoom`, once made whole (a design too big to read whole has it
    built ahead in slices, which may still run on a busy machine)."""
    window.view.set_zoom(zoom)
    overview = window.view.scene()
    assert isinstance(overview, OverviewScene)
    while overview.refreshing:
        QApplication.processEvents()
    return overview


def _paint_whole(overview: OverviewScene, lod: float) -> tuple[_Recorder, QImage]:
    """The layer painted once over the whole scene at zoom `lod` into an image."""
    layer = overview.layer
    bounds = layer.boundingRect()
    image = QImage(int(bounds.width() * lod) + 1, int(bounds.height() * lod) + 1,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#000000"))
    painter = _Recorder(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setTransform(QTransform.fromTranslate(-bounds.left() * lod, -bounds.top() * lod)
                         .scale(lod, lod))
    option = QStyleOptionGraphicsItem()
    option.exposedRect = bounds
    layer.paint(painter, option, None)
    painter.end()
    return painter, image


def test_every_tile_is_titled_and_counted_and_the_worst_finding_shows(make_window) -> None:
    window = make_window(_laid_out(_apps(12, broken=3)))
    overview = _overview(window, 0.25)
    tiles = {item.tile.key.title: item for item in overview.items() if isinstance(item, TileItem)}
    assert len(tiles) == 12
    painter, image = _paint_whole(overview, 0.25)
    # one row of cards: 26 pixels high at this zoom, room for the title, not the count line
    assert Counter(painter.texts) == Counter([f"app{i:02d}" for i in range(12)] + ["default"])
    bounds = overview.layer.boundingRect()

    def colours_in(title: str) -> set[int]:
        rect = tiles[title].sceneBoundingRect()
        shown = QTransform.fromTranslate(-bounds.left() * 0.25, -bounds.top() * 0.25).scale(
            0.25, 0.25).mapRect(rect).toRect()
        return {image.pixel(x, y) for x in range(shown.left(), shown.right())
                for y in range(shown.top(), shown.bottom())}

    warning = QColor(SEVERITY_COLOURS["warning"]).rgba()
    assert warning in colours_in("app03")  # its border and badge
    assert warning not in colours_in("app04")


def test_bundles_are_counted_and_frames_titled_as_their_items_say(make_window) -> None:
    window = make_window(_generated(400))
    overview = _overview(window, 0.1)
    _, bundles = tiles_of(window.scene)
    assert any(count > 1 for count in bundles.values())
    items = [i for i in overview.items() if isinstance(i, BundleItem)]
    assert sorted(i.count for i in items) == sorted(bundles.values())
    painter, _ = _paint_whole(overview, 0.05)
    frames = sorted(f.namespace for f in window.scene.frames_by_namespace.values())
    assert frames
    expected = Counter(str(count) for count in bundles.values() if count > 1)
    expected.update(frames)
    # at 5 % only the tallest tiles have room (8 pixels of margin) for their title, or both lines
    for tile in tiles_of(window.scene)[0]:
        room = (tile.rect.height() + 2 * PAD) * 0.05 - 8
        if room >= TITLE_PX * 1.25:
            expected[tile.key.title or tile.key.namespace] += 1
        if room >= TITLE_PX * 2.6:
            expected[f"{tile.resources} resources"] += 1
    assert Counter(painter.texts) == expected


@pytest.mark.parametrize("zoom", [0.08, 0.25])  # the design within the view, and larger
def test_panning_shows_what_a_fresh_repaint_shows(make_window, qtbot, zoom) -> None:
    window = make_window(_generated(400))
    qtbot.wait(400)  # what follows showing a design (its opening zoom) is done
    overview = _overview(window, zoom)
    view, viewport = window.view, window.view.viewport()
    view.centerOn(overview.layer.boundingRect().center())
    layer = overview.layer
    viewport.repaint()
    bar = view.horizontalScrollBar()
    start = bar.value()
    for step in (12, 12, 12, -30, 7, 40):
        bar.setValue(bar.value() + step)
        QApplication.processEvents()  # Qt scrolls the cached picture, paints the strip
        viewport.repaint()
    assert bar.value() == start + 53
    assert view.scene() is overview and overview.layer is layer and view.zoom() == zoom
    panned = viewport.grab().toImage()
    overview.layer.update()  # the cache dropped: everything painted again
    viewport.repaint()
    fresh = viewport.grab().toImage()
    assert panned.size() == fresh.size()
    samples = [(x, y) for x in range(0, fresh.width(), 2) for y in range(0, fresh.height(), 2)]
    differ = sum(1 for x, y in samples if panned.pixel(x, y) != fresh.pixel(x, y))
    # the same picture: a text cut by the strip's edge may be smoothed a little differently
    # (0.01-0.1 % of the pixels); a strip left out or half drawn differs in 2-4 % of them
    assert differ <= len(samples) // 500
    # and the tiles there still answer to the mouse (tooltips, double-click)
    centre = view.mapToScene(viewport.rect().center())
    found = overview.items(QRectF(centre.x() - 2000, centre.y() - 2000, 4000, 4000),
                           Qt.ItemSelectionMode.IntersectsItemBoundingRect)
    assert any(isinstance(i, TileItem) for i in found)


def test_the_overview_follows_a_language_switch(make_window) -> None:
    """Its picture is cached and its tooltips made in one language: a switch while it is shown
    gives both in the new one, as an overview made in that language has them."""
    from kubecanvas.ui import i18n

    window = make_window(_laid_out(_apps(3)))
    overview = _overview(window, 0.25)
    window.set_language("ko")
    try:
        tips = sorted(i.toolTip() for i in overview.items() if isinstance(i, TileItem))
        assert tips[0] == "app00 · 리소스 2개"
        made_in_korean = OverviewScene(window.scene)
        for kind in (TileItem, BundleItem):
            assert sorted(i.toolTip() for i in overview.items() if isinstance(i, kind)) == \
                sorted(i.toolTip() for i in made_in_korean.items() if isinstance(i, kind))
        painted, _ = _paint_whole(overview, 1.0)  # (near enough for the count lines)
        fresh, _ = _paint_whole(made_in_korean, 1.0)
        assert Counter(painted.texts) == Counter(fresh.texts)
        assert "리소스 2개" in painted.texts
    finally:
        window.set_language("en")
        i18n.set_language("en")
