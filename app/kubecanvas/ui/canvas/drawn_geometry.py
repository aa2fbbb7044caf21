"""The geometry the scene actually draws, for `kubecanvas render --stats`.

Cards are the nodes' bodies, wires the edge items' own painter paths flattened by Qt (what
`paint` strokes), labels the plates that `paint` fills. Measuring these, rather than what the
layout meant to do, keeps the figures honest when drawing and layout disagree.
"""

from __future__ import annotations

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.model.layout.quality import Quality, Rect, Wire, measure
from kubecanvas.ui.canvas.scene import CanvasScene


def drawn_geometry(scene: CanvasScene) -> tuple[dict[str, Rect], list[Wire], list[Rect]]:
    """(cards by node id, wires, label plates) of every visible item of `scene`."""
    cards: dict[str, Rect] = {}
    for rid, node in scene.nodes.items():
        if node.isVisible():
            pos = node.scenePos()
            cards[rid] = (pos.x(), pos.y(), NODE_WIDTH, NODE_HEIGHT)
    wires: list[Wire] = []
    labels: list[Rect] = []
    for key in sorted(scene.edge_items):
        item = scene.edge_items[key]
        if not item.isVisible():
            continue
        points: list[tuple[float, float]] = []
        for polygon in item.path().toSubpathPolygons():
            points += [(polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.size())]
        wires.append(Wire(tuple(points), item.source.rid, item.target.rid))
        plate = item.label_rect()
        if item.label and not plate.isNull():
            labels.append((plate.x(), plate.y(), plate.width(), plate.height()))
    return cards, wires, labels


def scene_quality(scene: CanvasScene) -> Quality:
    """The quality figures (`model.layout.quality`) of what the scene draws."""
    return measure(*drawn_geometry(scene))
