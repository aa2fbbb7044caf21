"""Automatic layout: where each resource goes when nobody has placed it yet.

Traffic reads left to right (Ingress -> Service -> workloads -> claims and configuration ->
volumes -> the rest), one block per namespace (cluster-scoped resources in a block of their own),
and inside a column resources are ordered by the barycenter of their neighbours so that wires
cross little. Everything is deterministic (the same document always gives the same picture,
whatever its resource ids) and runs in roughly linear time: the work is a few sorts per column and
a few passes over the wiring graph's edges, never a loop over all pairs of resources, so a
5,000-resource import lays out in well under a second.

Positions are the top-left corners of nodes in scene coordinates, assuming nodes of
`NODE_WIDTH` x `NODE_HEIGHT`. Pinned resources keep their positions and the layout flows around
them (a slot a pinned node covers is skipped).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kubecanvas.model.document import Document
from kubecanvas.model.edits import MoveResources
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, is_known, kind_info, pod_template
from kubecanvas.model.resource import Position, Resource

NODE_WIDTH = 180.0
NODE_HEIGHT = 72.0
H_GAP = 80.0  # between columns: room for wires and their labels
V_GAP = 24.0  # between nodes in one column
BLOCK_GAP = 120.0  # between namespace blocks
BLOCK_HEADER = 40.0  # room for the namespace title above a block
#: A column holding more resources than this wraps into several sub-columns.
MAX_ROWS = 24
#: The packed blocks aim at this width-to-height ratio (a landscape screen).
ASPECT = 16 / 9
#: Forward and backward barycenter sweeps; two of each settle typical diagrams.
SWEEPS = 2

LAYER_INGRESS, LAYER_SERVICE, LAYER_WORKLOAD, LAYER_CLAIM, LAYER_VOLUME, LAYER_OTHER = range(6)
_CLAIM_KINDS = frozenset({"PersistentVolumeClaim", "ConfigMap", "Secret", "ServiceAccount"})
_VOLUME_KINDS = frozenset({"PersistentVolume", "StorageClass"})


def layer_of(resource: Resource) -> int:
    """The column a resource belongs in, following the direction of traffic."""
    kind = resource.kind
    if kind == "Ingress":
        return LAYER_INGRESS
    if kind == "Service":
        return LAYER_SERVICE
    if kind_info(kind).owns_pods or (not is_known(kind) and pod_template(resource) is not None):
        return LAYER_WORKLOAD
    if kind in _CLAIM_KINDS:
        return LAYER_CLAIM
    if kind in _VOLUME_KINDS:
        return LAYER_VOLUME
    return LAYER_OTHER


@dataclass
class Block:
    """One namespace's resources, arranged in columns, before it is placed on the canvas.

    Attributes:
        namespace: the effective namespace ('' for the cluster-scoped block).
        columns: resource ids per non-empty layer, in final top-to-bottom order.
        origin: top-left corner of the block once packed.
        size: width and height of the block (header included).
    """

    namespace: str
    columns: list[list[str]] = field(default_factory=list)
    origin: Position = (0.0, 0.0)
    size: tuple[float, float] = (0.0, 0.0)


class _Occupied:
    """A spatial hash of pinned nodes' rectangles, so free nodes can avoid them cheaply."""

    def __init__(self, positions: Iterable[Position]) -> None:
        self._cells: dict[tuple[int, int], list[Position]] = defaultdict(list)
        for x, y in positions:
            for cell in self._cells_of(x, y):
                self._cells[cell].append((x, y))

    @staticmethod
    def _cells_of(x: float, y: float) -> list[tuple[int, int]]:
        cx0, cy0 = math.floor(x / NODE_WIDTH), math.floor(y / NODE_HEIGHT)
        cx1 = math.floor((x + NODE_WIDTH) / NODE_WIDTH)
        cy1 = math.floor((y + NODE_HEIGHT) / NODE_HEIGHT)
        return [(cx, cy) for cx in range(cx0, cx1 + 1) for cy in range(cy0, cy1 + 1)]

    def hits(self, x: float, y: float) -> bool:
        """True when a node at (x, y) would overlap (or touch within a gap) a pinned node."""
        if not self._cells:
            return False
        for cell in self._cells_of(x, y):
            for px, py in self._cells.get(cell, ()):
                if (abs(px - x) < NODE_WIDTH + H_GAP / 2
                        and abs(py - y) < NODE_HEIGHT + V_GAP / 2):
                    return True
        return False


def _sort_key(resource: Resource, index: int) -> tuple[str, str, int]:
    return (resource.kind, resource.name, index)


def _adjacency(graph: WiringGraph, members: set[str]) -> dict[str, set[str]]:
    """Undirected neighbours among `members`, from one pass over the graph's edges."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for u, v in graph.graph.edges():
        if u != v and u in members and v in members:
            adjacent[u].add(v)
            adjacent[v].add(u)
    return adjacent


def _order_columns(layers: list[list[str]], layer: Mapping[str, int],
                   adjacent: Mapping[str, set[str]]) -> None:
    """Reorder each column in place by the barycenter of its neighbours in other columns.

    A forward sweep looks at neighbours to the left, a backward sweep at those to the right;
    positions are normalised to [0, 1] so columns of different heights compare. Resources with
    no neighbour on the side being looked at keep their current relative place.
    """
    rank: dict[str, float] = {}

    def renumber(column: list[str]) -> None:
        size = len(column)
        for i, rid in enumerate(column):
            rank[rid] = (i + 0.5) / size

    for column in layers:
        renumber(column)
    order = list(range(len(layers)))
    for _ in range(SWEEPS):
        for direction in (1, -1):
            sequence = order[1:] if direction == 1 else order[-2::-1]
            for li in sequence:
                column = layers[li]
                here = layer[column[0]] if column else 0

                def key(rid: str, here: int = here, direction: int = direction) -> tuple[float, float]:
                    near = [rank[n] for n in adjacent.get(rid, ())
                            if n in rank and (layer[n] - here) * direction < 0]
                    return (sum(near) / len(near) if near else rank[rid], rank[rid])

                column.sort(key=key)
                renumber(column)


def _build_blocks(document: Document, graph: WiringGraph, free: set[str]) -> list[Block]:
    """Group the free resources by namespace and order each block's columns."""
    by_namespace: dict[str, list[tuple[tuple[str, str, int], str]]] = defaultdict(list)
    layer: dict[str, int] = {}
    for index, res in enumerate(document):
        if res.id not in free:
            continue
        layer[res.id] = layer_of(res)
        by_namespace[effective_namespace(res)].append((_sort_key(res, index), res.id))
    adjacent = _adjacency(graph, free)
    blocks = []
    # Namespaces alphabetically, the cluster-scoped block ('' sorts first) last.
    for namespace in sorted(by_namespace, key=lambda ns: (ns == "", ns)):
        columns: list[list[str]] = [[] for _ in range(LAYER_OTHER + 1)]
        for _, rid in sorted(by_namespace[namespace]):
            columns[layer[rid]].append(rid)
        non_empty = [c for c in columns if c]
        _order_columns(non_empty, layer, adjacent)
        blocks.append(Block(namespace, non_empty))
    return blocks


def _place_block(block: Block, occupied: _Occupied, out: dict[str, Position]) -> None:
    """Give each resource of a packed block its position, skipping slots pinned nodes cover."""
    bx, by = block.origin
    x = bx
    bottom = by
    for column in block.columns:
        sub_columns = max(1, math.ceil(len(column) / MAX_ROWS))
        rows = math.ceil(len(column) / sub_columns)
        for s in range(sub_columns):
            y = by + BLOCK_HEADER
            for rid in column[s * rows:(s + 1) * rows]:
                while occupied.hits(x, y):
                    y += NODE_HEIGHT + V_GAP
                out[rid] = (x, y)
                y += NODE_HEIGHT + V_GAP
            bottom = max(bottom, y)
            x += NODE_WIDTH + H_GAP
    block.size = (max(block.size[0], x - bx - H_GAP), max(block.size[1], bottom - by - V_GAP))


def _measure(block: Block) -> tuple[float, float]:
    width = 0.0
    tallest = 0
    for column in block.columns:
        sub_columns = max(1, math.ceil(len(column) / MAX_ROWS))
        width += sub_columns * (NODE_WIDTH + H_GAP)
        tallest = max(tallest, math.ceil(len(column) / sub_columns))
    height = BLOCK_HEADER + tallest * (NODE_HEIGHT + V_GAP)
    return max(width - H_GAP, NODE_WIDTH), max(height - V_GAP, NODE_HEIGHT)


def _shelves(blocks: list[Block]) -> list[list[Block]]:
    """Split the blocks into rows (shelves) whose width aims at a landscape overall shape."""
    sizes = [_measure(b) for b in blocks]
    area = sum((w + BLOCK_GAP) * (h + BLOCK_GAP) for w, h in sizes)
    shelf_width = max([w for w, _ in sizes] + [math.sqrt(area * ASPECT)])
    shelves: list[list[Block]] = []
    width = 0.0
    for block, (w, h) in zip(blocks, sizes, strict=True):
        if not shelves or (width > 0 and width + w > shelf_width):
            shelves.append([])
            width = 0.0
        block.size = (w, h)
        shelves[-1].append(block)
        width += w + BLOCK_GAP
    return shelves


def _place_all(blocks: list[Block], occupied: _Occupied, out: dict[str, Position]) -> None:
    """Place shelf after shelf; a shelf starts below the tallest block of the one above, as
    actually placed (skipping pinned nodes can make a block taller than measured)."""
    y = 0.0
    for shelf in _shelves(blocks):
        x = 0.0
        bottom = y
        for block in shelf:
            block.origin = (x, y)
            _place_block(block, occupied, out)
            x += block.size[0] + BLOCK_GAP
            bottom = max(bottom, y + block.size[1])
        y = bottom + BLOCK_GAP


def layout_blocks(document: Document, graph: WiringGraph, *,
                  keep_pinned: bool = True) -> tuple[dict[str, Position], list[Block]]:
    """Lay the document out; returns the positions of every resource and the namespace blocks
    (their origins and sizes), so a view can draw a frame and title around each namespace."""
    pinned = {r.id: r.position for r in document if keep_pinned and r.pinned}
    free = {r.id for r in document if r.id not in pinned}
    blocks = _build_blocks(document, graph, free)
    positions: dict[str, Position] = dict(pinned)
    _place_all(blocks, _Occupied(pinned.values()), positions)
    return positions, blocks


def auto_layout(document: Document, graph: WiringGraph, *,
                keep_pinned: bool = True) -> dict[str, Position]:
    """Positions for every resource of `document`, laid out by namespace and traffic.

    Args:
        document: the document to lay out (it is not changed).
        graph: its wiring graph, whose edges decide the order inside each column.
        keep_pinned: when True, pinned resources keep their positions and others avoid them.

    Returns:
        A mapping from every resource id to the top-left corner of its node.
    """
    positions, _ = layout_blocks(document, graph, keep_pinned=keep_pinned)
    return positions


def layout_edit(document: Document, graph: WiringGraph, *,
                keep_pinned: bool = True) -> MoveResources:
    """The auto layout as one undoable edit (only the resources that actually move).

    Laying out with `keep_pinned=False` also unpins what it moves, since the user asked to
    override their placements.
    """
    positions = auto_layout(document, graph, keep_pinned=keep_pinned)
    moves = {rid: pos for rid, pos in positions.items()
             if document.get(rid).position != pos or (not keep_pinned and document.get(rid).pinned)}
    return MoveResources(moves, description="Auto layout",
                         pin=None if keep_pinned else False)
