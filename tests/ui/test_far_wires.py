"""Far out, the scene draws its wires in batches (`ui/canvas/far_wires.py`), as the view zooms."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem
from tests.model.factories import deployment, service

from kubecanvas.ui.canvas.export_image import export_image
from kubecanvas.ui.canvas.far_wires import FarWireCell

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _placed(res, x, y):
    res.position = (float(x), float(y))
    return res


def _window(make_window):
    web = _placed(deployment("web"), 6000, 0)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    window = make_window([web, svc])
    window.picture.actions["overview"].setChecked(False)  # the canvas itself, not the overview
    QApplication.processEvents()  # the opening zoom, deferred until laid out, happens now
    window.view.set_zoom(1.0)
    wire = next(e for e in window.scene.edge_items.values() if e.edge.type == "selects")
    return window, wire, web, svc


def _cells(scene):
    return [item for item in scene.items() if isinstance(item, FarWireCell)]


def _wire_pixels(window, wire, row: float | None = None) -> int:
    """How many pixels of the wire's colour the view shows (`row`: on that scene height)."""
    QApplication.processEvents()
    image = window.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colour = QColor(wire.style.colour).rgb() & 0xFFFFFF
    rows = range(image.height()) if row is None else [
        window.view.mapFromScene(QPointF(0, row)).y()]
    return sum(1 for x in range(image.width()) for y in rows
               if image.pixel(x, y) & 0xFFFFFF == colour)


def test_far_out_the_wires_are_drawn_in_batches_and_close_up_by_themselves(make_window):
    window, wire, _, _ = _window(make_window)
    scene, view = window.scene, window.view
    bounds = scene.itemsBoundingRect()
    assert not _cells(scene) and not wire.flags() & NO_CONTENTS
    view.set_zoom(0.1)
    view.centerOn(QPointF(3000, 36))
    assert wire.flags() & NO_CONTENTS  # Qt no longer calls its paint
    assert _cells(scene)
    assert _wire_pixels(window, wire) > 50  # the squares draw it
    assert scene.itemsBoundingRect() == bounds  # zoom to fit sees the same content
    view.set_zoom(1.0)
    assert not _cells(scene) and not wire.flags() & NO_CONTENTS


def test_a_card_moved_far_out_takes_its_wire_along(make_window):
    window, wire, web, _ = _window(make_window)
    view = window.view
    view.set_zoom(0.1)
    view.centerOn(QPointF(3000, 1000))
    assert _wire_pixels(window, wire, row=900) == 0  # the wire runs at y=36
    from kubecanvas.model.edits import MoveResources

    window.editor.push(MoveResources({web.id: (3300.0, 2000.0)}))
    # the wire now runs down to the card's new place, across y=900
    assert _wire_pixels(window, wire, row=900) > 0


def test_a_selected_cards_wires_paint_themselves_emphasised_far_out(make_window, qtbot):
    window, wire, web, _ = _window(make_window)
    window.view.set_zoom(0.1)
    window.scene.select_ids([web.id])
    qtbot.waitUntil(lambda: not wire.flags() & NO_CONTENTS)
    window.scene.clearSelection()
    qtbot.waitUntil(lambda: bool(wire.flags() & NO_CONTENTS))


def test_an_export_far_out_is_the_export_close_up(make_window, tmp_path):
    window, _, _, _ = _window(make_window)
    near = export_image(window.scene, tmp_path / "near.png", scale=0.1)
    window.view.set_zoom(0.1)
    far = export_image(window.scene, tmp_path / "far.png", scale=0.1)
    assert QImage(str(near)) == QImage(str(far))
    assert _cells(window.scene)  # and the view is far out again after it


def test_turning_the_overview_off_far_out_shows_the_wires_in_batches(make_window):
    window, wire, _, _ = _window(make_window)
    overview = window.picture.actions["overview"]
    overview.setChecked(True)
    window.view.set_zoom(0.1)
    assert window.view.scene() is not window.scene  # the overview
    overview.setChecked(False)
    assert window.view.scene() is window.scene
    assert _cells(window.scene) and wire.flags() & NO_CONTENTS
