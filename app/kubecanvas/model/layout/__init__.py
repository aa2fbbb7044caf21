"""Automatic layout: where each resource goes when nobody has placed it yet.

One frame per namespace; inside it one compact block per application (`groups.py`: the
recommended `app.kubernetes.io/*` labels, then `app`, `k8s-app`, the Helm release, then the
wiring), each a small layered drawing that reads left to right, Ingress -> Service -> workload ->
its configuration and claims, with HPA, PDB and NetworkPolicy beside the workload they act on
(`arrange.py`, Sugiyama's method). The blocks are packed in shelves toward a 16:10 page, and the
namespace frames the same way. Cluster-scoped resources that a namespace uses (the
PersistentVolumes its claims bind, their StorageClasses, the IngressClass of its Ingresses) sit in
rows just under that namespace's frame, each under the column of what it is wired to, so their
wires drop straight down; only the cluster-scoped resources nobody uses form a block of their
own. A `Namespace` resource is drawn as its namespace's frame, so it takes no slot: it gets the
block's corner. Everything is deterministic (the same document always gives the same picture,
whatever its resource ids) and runs in roughly linear time: a few sorts per application and a few
passes over the wiring graph's edges, never a loop over all pairs of resources.

Positions are the top-left corners of nodes in scene coordinates, assuming nodes of
`NODE_WIDTH` x `NODE_HEIGHT`. Pinned resources keep their positions and the layout flows around
them (an application block that would cover a pinned node moves down past it).

Why not a library: grandalf (pure-Python Sugiyama) has had no release since 2023, computes its
own layering, which ignores the direction of traffic that makes these pictures read, and lays a
5,000-node graph out in seconds; Graphviz is a native program and not a wheel on every platform
PySide6 supports. The layering here comes from what each resource does; ordering and placement
are the published methods, in about a hundred lines.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

from kubecanvas.model.document import Document
from kubecanvas.model.edits import MoveResources
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layout.arrange import (
    H_GAP,
    NODE_HEIGHT,
    NODE_WIDTH,
    V_GAP,
    AppBlock,
    arrange,
    role_of,
)
from kubecanvas.model.layout.groups import application_groups, system_of
from kubecanvas.model.layout.homes import adjacency, homes_under_frames
from kubecanvas.model.order import in_order
from kubecanvas.model.record import field, record
from kubecanvas.model.resource import Position, Resource

__all__ = ["BLOCK_GAP", "GRID", "H_GAP", "NODE_HEIGHT", "NODE_WIDTH", "V_GAP", "AppBlock", "Block",
           "auto_layout", "layer_of", "layout_blocks", "layout_edit"]

#: The editor's grid: dragged and dropped nodes snap to it, arrow keys nudge by one step, the
#: canvas draws a line every fifth.
GRID = 20.0
BLOCK_GAP = 120.0  # between namespace blocks
APP_GAP = 80.0  # between application blocks inside a namespace
BLOCK_HEADER = 40.0  # room for the namespace title above a block
BELOW_GAP = 70.0  # between a namespace frame and the cluster-scoped resources under it
#: Past this many rows, the rows of cluster-scoped resources under a frame start a new pair of
#: columns.
MAX_ROWS = 24
#: The packed blocks aim at this width-to-height ratio (a landscape page or screen).
ASPECT = 16 / 10


def layer_of(resource: Resource) -> int:
    """The column a resource belongs in inside its application, following traffic."""
    return role_of(resource)


@record
class Block:
    """One namespace's resources, as application blocks, before it is placed on the canvas.

    Attributes:
        namespace: the effective namespace ('' for the cluster-scoped block).
        apps: its application blocks, in the order they are packed.
        frame_ids: Namespace resources drawn as this block's frame (placed at its corner).
        below: cluster-scoped resources placed under the frame: (id, row, wired ids).
        origin: top-left corner of the block once packed.
        size: width and height of the block (header included).
    """

    namespace: str
    apps: list[AppBlock] = field(default_factory=list)
    frame_ids: list[str] = field(default_factory=list)
    below: list[tuple[str, int, list[str]]] = field(default_factory=list)
    origin: Position = (0.0, 0.0)
    size: tuple[float, float] = (0.0, 0.0)

    @property
    def members(self) -> list[str]:
        """The ids laid out inside the frame, application by application."""
        return [rid for app in self.apps for rid in app.ids]


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


def _build_blocks(document: list[Resource], graph: WiringGraph, free: set[str]) -> list[Block]:
    """Group the free resources by namespace, then by application, and arrange each application."""
    by_namespace: dict[str, list[Resource]] = defaultdict(list)
    adjacent = adjacency(graph, free)
    homes = homes_under_frames(document, free, adjacent)
    frames: dict[str, list[str]] = defaultdict(list)
    below: dict[str, list[tuple[tuple[str, str, int], str]]] = defaultdict(list)
    for index, res in enumerate(document):
        if res.id not in free:
            continue
        if res.id in homes:
            below[homes[res.id][0]].append((_sort_key(res, index), res.id))
            continue
        by_namespace[effective_namespace(res)].append(res)
    for res in document:
        if res.kind == "Namespace" and res.id in free and res.name in by_namespace:
            frames[res.name].append(res.id)
    framed = {rid for ids in frames.values() for rid in ids}
    by_namespace[""] = [r for r in by_namespace.get("", []) if r.id not in framed]
    role = {r.id: role_of(r) for rs in by_namespace.values() for r in rs}
    blocks = []
    # Namespaces alphabetically, the cluster-scoped block ('' sorts first) last.
    for namespace in sorted((ns for ns in by_namespace if by_namespace[ns]),
                            key=lambda ns: (ns == "", ns)):
        resources = by_namespace[namespace]
        group = application_groups(resources, adjacent)
        apps: dict[str, AppBlock] = {}
        systems: dict[str, str] = {}
        for res in resources:  # canonical order inside each application
            apps.setdefault(group[res.id], AppBlock(group[res.id], [])).ids.append(res.id)
            systems.setdefault(group[res.id], system_of(res))
        ordered = sorted(apps.values(), key=lambda app: _app_order(app, systems[app.key]))
        for app in ordered:
            arrange(app, role, adjacent)
        under = [(rid, homes[rid][1], sorted(adjacent[rid]))
                 for _, rid in sorted(below.get(namespace, []))]
        blocks.append(Block(namespace, ordered, frames.get(namespace, []), under))
    return blocks


def _app_order(app: AppBlock, system: str) -> tuple[int, str, str]:
    """Applications by system (`part-of`) and name, the shared block and the loose resources
    after them."""
    return (app.key.startswith("~"), system, app.key)


def _free_slot(column: int, row: int, taken: set[tuple[int, int]],
               pinned: Callable[[int, int], bool]) -> tuple[int, int]:
    """The first free slot under `column`, then beside it one column to the right (a wire to
    the next column passes no node), then further down both; past MAX_ROWS rows the next pair
    of columns, so many volumes do not make the picture wide."""
    first = row
    while True:
        for candidate in (column, column + 1):
            if (candidate, row) not in taken and not pinned(candidate, row):
                return candidate, row
        row += 1
        if row >= first + MAX_ROWS:
            column, row = column + 2, first


def _row_y(bottom: float, row: int) -> float:
    return bottom + BELOW_GAP + row * (NODE_HEIGHT + V_GAP)


def _place_below(block: Block, bottom: float, occupied: _Occupied,
                 out: dict[str, Position]) -> float:
    """Rows under the frame for the cluster-scoped resources the block uses, each under the
    (mean) column of what it is wired to, so its wire drops straight down (returns the new
    bottom); of those wanting one slot the one wired lowest takes it, the others go right."""
    taken: set[tuple[int, int]] = set()
    mine = set(block.members) | {b[0] for b in block.below}
    step = NODE_WIDTH + H_GAP
    bx = block.origin[0]
    lowest = bottom
    for depth in sorted({b[1] for b in block.below}):
        wanted = []  # (column, lowest neighbour first, order): columns of the rows above
        for order, (rid, _, neighbours) in enumerate(b for b in block.below if b[1] == depth):
            near = [out[n] for n in neighbours if n in mine and n in out]  # not other blocks'
            column = max(0, round((sum(x for x, _ in near) / len(near) - bx) / step)) if near else 0
            wanted.append((column, -max((y for _, y in near), default=0.0), order, rid))
        for column, _, _, rid in sorted(wanted):
            column, row = _free_slot(column, depth - 1, taken,
                                     lambda c, r: occupied.hits(bx + c * step, _row_y(bottom, r)))
            taken.add((column, row))
            y = _row_y(bottom, row)
            out[rid] = (bx + column * step, y)
            lowest = max(lowest, y + NODE_HEIGHT + V_GAP)
            block.size = (max(block.size[0], (column + 1) * step - H_GAP), block.size[1])
    return lowest


def _place_apps(block: Block, occupied: _Occupied, out: dict[str, Position]) -> float:
    """Place the application blocks shelf by shelf; an application that would cover a pinned
    node moves down past it (as a whole, so it keeps its shape). Returns the bottom."""
    bx, by = block.origin
    y = by + BLOCK_HEADER
    width = 0.0
    for shelf in _shelves([app.size for app in block.apps], APP_GAP):
        x, bottom = bx, y
        for index in shelf:
            app = block.apps[index]
            top = y
            while any(occupied.hits(x + px, top + py) for px, py in app.positions.values()):
                top += NODE_HEIGHT + V_GAP
            app.origin = (x, top)
            for rid, (px, py) in app.positions.items():
                out[rid] = (x + px, top + py)
            x += app.size[0] + APP_GAP
            bottom = max(bottom, top + app.size[1])
        width = max(width, x - APP_GAP - bx)
        y = bottom + APP_GAP
    block.size = (max(width, NODE_WIDTH), block.size[1])
    return y - APP_GAP if block.apps else by + BLOCK_HEADER


def _place_block(block: Block, occupied: _Occupied, out: dict[str, Position]) -> None:
    """Give each resource of a packed namespace block its position."""
    bx, by = block.origin
    block.size = (0.0, 0.0)
    bottom = _place_apps(block, occupied, out)
    bottom = _place_below(block, bottom, occupied, out)
    block.size = (block.size[0], max(NODE_HEIGHT, bottom - by - (V_GAP if block.below else 0)))
    for rid in block.frame_ids:  # drawn as the frame around the block, not as a node
        out[rid] = (bx, by)


def _measure(block: Block) -> tuple[float, float]:
    """The size a namespace block will take (before pinned nodes push anything down)."""
    sizes = [app.size for app in block.apps]
    width, height = _packed_size(sizes, _shelves(sizes, APP_GAP), APP_GAP)
    height += BLOCK_HEADER
    if block.below:  # rows of cluster-scoped resources under the frame
        rows = max(depth for _, depth, _ in block.below)
        height += BELOW_GAP + rows * (NODE_HEIGHT + V_GAP) - V_GAP
    return max(width, NODE_WIDTH), max(height, NODE_HEIGHT)


def _packed_size(sizes: list[tuple[float, float]], shelves: list[list[int]],
                 gap: float) -> tuple[float, float]:
    width = max((sum(sizes[i][0] for i in shelf) + gap * (len(shelf) - 1) for shelf in shelves),
                default=0.0)
    height = sum(max(sizes[i][1] for i in shelf) for shelf in shelves)
    return width, height + gap * max(0, len(shelves) - 1)


def _pack(sizes: list[tuple[float, float]], shelf_width: float,
          gap: float, bound: float = math.inf) -> tuple[list[int], float]:
    """Greedy shelves at one width: where each shelf starts, and how well the result fits a
    landscape page (the larger of width / ASPECT and height; smaller is better). Both grow as
    boxes are added, so the pass stops (score `inf`) once the score passes `bound`: a width
    that cannot match the best one costs a few boxes, not all of them (trying a few hundred
    widths over every box made laying out 15,000 resources grow with the square)."""
    starts: list[int] = []
    width = total_w = total_h = shelf_h = 0.0
    for index, (w, h) in enumerate(sizes):
        if not starts or (width > 0 and width + w > shelf_width):
            total_h += shelf_h + (gap if starts else 0.0)
            if total_h > bound:
                return starts, math.inf
            starts.append(index)
            width = shelf_h = 0.0
        width += w + gap
        shelf_h = max(shelf_h, h)
        total_w = max(total_w, width - gap)
        if total_w / ASPECT > bound:
            return starts, math.inf
    return starts, max(total_w / ASPECT, total_h + shelf_h)


def _shelves(sizes: list[tuple[float, float]], gap: float) -> list[list[int]]:
    """Split boxes of `sizes` (in order) into rows so the whole fits a landscape page best.

    Each width at which a shelf could break is tried (a few hundred greedy passes at most), with
    the square-root estimate as a fallback, and the packing that zoom-to-fit would show largest
    wins.
    """
    if not sizes:
        return []
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    widest = max(w for w, _ in sizes)
    candidates = {max(widest, math.sqrt(area * ASPECT))}
    running = 0.0
    for w, _ in sizes[:200]:  # beyond that many boxes the estimate is as good
        running += w + gap
        candidates.add(max(widest, running - gap))
    # the square-root estimate's score bounds the best one: every width that passes it while
    # packing is dropped; of the rest, the first (narrowest) of the best wins, as min() picks
    bound = _pack(sizes, max(widest, math.sqrt(area * ASPECT)), gap)[1]
    best, score = 0.0, math.inf
    for width in sorted(candidates):
        tried = _pack(sizes, width, gap, min(score, bound))[1]
        if tried < score:
            best, score = width, tried
    starts, _ = _pack(sizes, best, gap)
    ends = [*starts[1:], len(sizes)]
    return [list(range(a, b)) for a, b in zip(starts, ends, strict=True)]


def _place_all(blocks: list[Block], occupied: _Occupied, out: dict[str, Position]) -> None:
    """Place shelf after shelf; a shelf starts below the tallest block of the one above, as
    actually placed (skipping pinned nodes can make a block taller than measured)."""
    sizes = [_measure(b) for b in blocks]
    y = 0.0
    for indices in _shelves(sizes, BLOCK_GAP):
        x = 0.0
        bottom = y
        for block in (blocks[i] for i in indices):
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
    # the canonical order (`model.order`), not the order things were read or drawn in: the same
    # design is laid out the same way however it was made
    blocks = _build_blocks(in_order(document), graph, free)
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
