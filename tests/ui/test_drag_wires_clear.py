"""After a real drag, no wire of the dragged card runs under another card.

The case seen at 5,000 resources, drawn small: a card dragged far from the card it is wired
to, past blocks whose columns do not line up (no Z shape is clear, and more cards line the
wire than the bounded A* looks at). Dragged with real mouse events on the viewport.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tests import builders
from tests.model.factories import deployment, service
from tests.ui.gestures import routed, send_mouse, steps

from kubecanvas.model.layout import NODE_HEIGHT
from kubecanvas.ui.canvas.drawn_geometry import scene_quality

configmap = builders.resources(builders.configmap)


def _placed(res, x, y):
    res.position = (float(x), float(y))
    return res


def _columns() -> list:
    """Blocks of four rows and two columns, each block's columns shifted from the last."""
    cards = []
    for block in range(8):
        for row in range(4):
            for column in range(2):
                cards.append(_placed(configmap(f"c{block}-{row}-{column}"),
                                     200 + (block % 3) * 110 + column * 290,
                                     200 + block * 420 + row * 96))
    return cards


def test_a_card_dragged_far_past_shifted_columns_has_no_wire_under_a_card(make_window) -> None:
    web = _placed(deployment("web"), 1100, 0)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    window = make_window([web, svc, *_columns()])
    scene, view = window.scene, window.view
    assert scene_quality(scene).wires_through_cards == 0
    view.set_zoom(0.2)  # both ends in view: a move past the viewport's edge would scroll it
    start, end = QPointF(1160, NODE_HEIGHT / 2), QPointF(960, 3240 + NODE_HEIGHT / 2)
    view.centerOn((start + end) / 2)
    QApplication.processEvents()
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonPress, view.mapFromScene(start))
    QApplication.processEvents()
    points = steps(view.mapFromScene(start), view.mapFromScene(end), 12)
    for point in points[1:]:
        send_mouse(view.viewport(), QMouseEvent.Type.MouseMove, point, Qt.MouseButton.NoButton)
    send_mouse(view.viewport(), QMouseEvent.Type.MouseButtonRelease, points[-1],
               buttons=Qt.MouseButton.NoButton)
    routed(scene)

    moved = window.session.document.get(web.id).position
    assert moved[1] > 3000  # the card went down past the columns, on no other card
    assert not any(item.collidesWithItem(scene.nodes[web.id]) for item in scene.nodes.values()
                   if item is not scene.nodes[web.id] and item.isVisible())
    wire = next(e for e in scene.edge_items.values() if e.edge.type == "selects")
    assert wire.route is not None and wire.route.points[-1][0] == moved[0]  # into its left side
    assert scene_quality(scene).wires_through_cards == 0
