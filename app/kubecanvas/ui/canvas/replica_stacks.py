"""A workload's replicas shown under its card, or hidden (the card's menu, View > Show Replicas).

The stack is a child of the card (`replica_item.py`); while it shows, the card moves to the
layer above the other cards (`item_tiles.ItemTiles.set_z`), since the chips cover what lies
below it, and the scene's rectangle covers the chips (`scene_bounds.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kubecanvas.ui.canvas.replica_item import ReplicaStackItem
from kubecanvas.ui.canvas.replicas import REPLICA_KINDS, replica_lines

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.scene import CanvasScene


def show(scene: CanvasScene, rid: str, shown: bool) -> bool:
    """Show (or hide) the pods workload `rid` runs under its card; False when it runs none."""
    node, res = scene.nodes.get(rid), scene.document.find(rid)
    stack = scene.replicas.pop(rid, None)
    if stack is not None:
        scene.removeItem(stack)
    if node is None or res is None:
        return False
    lines = replica_lines(res) if shown and res.kind in REPLICA_KINDS else []
    if lines:
        stack = scene.replicas[rid] = ReplicaStackItem(node, lines)
        scene.bounds.cover(stack.sceneBoundingRect())
    scene.tiles.set_z(node, 3 if lines else 2)
    return bool(lines)


def show_all(scene: CanvasScene, shown: bool) -> None:
    """Every workload of `scene` shows (or hides) its replicas."""
    scene.all_replicas = shown
    for rid, node in list(scene.nodes.items()):
        if not node.ghost and node.kind in REPLICA_KINDS:
            show(scene, rid, shown)
