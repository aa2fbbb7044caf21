"""Property: after any edit the canvas draws the wires a canvas built afresh draws. The scene
draws again only the wires of what the graph rewired (`Update.rewired`), not those of every
neighbour: an edited PersistentVolume's StorageClass, with a wire to each of 3,300 volumes
and claims at 15,000 resources, kept all but the one to that volume (0.2 s an edit). It
also found a wire lost half the time: a StatefulSet added, its claim template's wire to the
volume it binds was met at the volume before the template's card existed."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from tests.validation.test_engine import _apply, ops

from kubecanvas.model.graph import WiringGraph
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.session import Session


def _wires(scene: CanvasScene) -> list:
    return sorted((key, item.edge) for key, item in scene.edge_items.items())


@settings(max_examples=int(os.environ.get("KUBECANVAS_PROPERTY_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_the_canvas_wires_equal_a_fresh_canvas_after_every_edit(qapp, operations) -> None:
    session = Session.create()
    scene = CanvasScene(session.document, session.graph)
    session.listen("scene", scene.apply)
    for op in operations:
        _apply(session.document, op)
        fresh = CanvasScene(session.document, WiringGraph(session.document, subscribe=False))
        assert _wires(scene) == _wires(fresh), op
