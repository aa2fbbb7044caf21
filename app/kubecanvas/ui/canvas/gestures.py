"""The editor's gestures on the scene: dragging cards, drawing wires, and routing a drop's wires
around the cards in slices after the release.

A scene drawn once into a picture (`CanvasScene(picture=True)`, `kubecanvas render`) is never
dragged or wired, so it makes none of them and loads none of their modules: drag, route_slices,
wiring and scene_update, with the model's connect, edits and rewiring behind the wire gesture,
were 5 ms of a small render's 0.19 s CPU (`tests/ui/test_render_start.py` holds them out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kubecanvas.ui.canvas.drag import DragGesture
from kubecanvas.ui.canvas.route_slices import RouteSlices
from kubecanvas.ui.canvas.wiring import WiringGesture

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.scene import CanvasScene


def editor_gestures(scene: CanvasScene) -> tuple[RouteSlices, DragGesture, WiringGesture]:
    """The routing in slices of moved cards' wires, the drag and the wire gesture of `scene`."""
    slices = RouteSlices(scene.items, scene.edge_items, scene)
    drag = DragGesture(slices, scene.move_committed.emit)
    wiring = WiringGesture(scene, scene.document, scene.graph, lambda: scene.theme,
                           scene.status_message.emit, scene.wire_released.emit)
    return slices, drag, wiring
