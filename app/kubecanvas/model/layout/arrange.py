"""One application's block: a small layered drawing that reads left to right.

The published method is Sugiyama's layered layout (Sugiyama, Tagawa and Toda 1981), in its three
steps, with the layering taken from what each resource does rather than computed:

1. Layers by role: Ingress -> Service (and what acts on a workload from outside: HPA, PDB,
   NetworkPolicy, placed in that column so their wires enter the workload from the left beside
   the Service's) -> workload -> what it uses (ConfigMap, Secret, claim, ServiceAccount) -> the
   rest (RBAC, custom resources), each of these one column further right than what it is wired
   to. A resource used only by the columns on its left (an Ingress's TLS Secret) moves next to
   them. Empty columns are dropped.
2. A wire that spans columns gets a dummy in each column it passes (so the ordering and the
   placement keep a free lane for it), then barycenter ordering (Sugiyama; Eades and Wormald's
   analysis) sweeps down and up the columns to reduce crossings.
3. Vertical placement: each column is pulled toward the mean height of its neighbours by
   isotonic regression with a minimum separation (pool adjacent violators), a least-squares
   form of the priority method: connected cards line up, so most wires are straight and short.

Everything is keyed by the canonical order, never by resource ids; the cost is a few sorts and
passes over the block's own edges, so thousands of small blocks lay out in well under a second.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence

from kubecanvas.model.kinds import is_known, kind_info, pod_template
from kubecanvas.model.record import field, record
from kubecanvas.model.resource import Position, Resource

NODE_WIDTH = 180.0
NODE_HEIGHT = 72.0
H_GAP = 110.0
V_GAP = 24.0
#: The lane a long wire keeps through a column it passes.
DUMMY_HEIGHT = 28.0
SWEEPS = 4
#: A block of unwired resources is a grid this many times wider than tall (a landscape page).
GRID_ASPECT = 16 / 10

ROLE_INGRESS, ROLE_FRONT, ROLE_WORKLOAD, ROLE_USES, ROLE_VOLUME, ROLE_OTHER = range(6)
_FRONT = frozenset({"Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                    "NetworkPolicy", "VerticalPodAutoscaler"})
_USES = frozenset({"PersistentVolumeClaim", "ConfigMap", "Secret", "ServiceAccount"})
_VOLUME = frozenset({"PersistentVolume", "StorageClass"})


def role_of(resource: Resource) -> int:
    """The column a resource belongs in inside its application, following traffic."""
    kind = resource.kind
    if kind == "Ingress":
        return ROLE_INGRESS
    if kind in _FRONT:
        return ROLE_FRONT
    if kind_info(kind).owns_pods or (not is_known(kind) and pod_template(resource) is not None):
        return ROLE_WORKLOAD
    if kind in _USES:
        return ROLE_USES
    if kind in _VOLUME:
        return ROLE_VOLUME
    return ROLE_OTHER


@record
class AppBlock:
    """One application laid out on its own: positions relative to its top-left corner."""

    key: str
    ids: list[str]
    positions: dict[str, Position] = field(default_factory=dict)
    size: tuple[float, float] = (0.0, 0.0)
    origin: Position = (0.0, 0.0)


def _layers(ids: Sequence[str], role: Mapping[str, int],
            adjacent: Mapping[str, set[str]]) -> dict[str, int]:
    """Step 1: the column of each member, before empty columns are dropped."""
    members = set(ids)
    layer = {rid: role[rid] for rid in ids}
    for rid in ids:  # used only from the left: sit right after what uses it
        if role[rid] == ROLE_USES:
            near = [role[n] for n in adjacent.get(rid, ()) if n in members]
            if near and max(near) < ROLE_WORKLOAD:
                layer[rid] = max(near) + 1
    for _ in range(3):  # the rest: one column right of the furthest thing it is wired to
        for rid in ids:
            if role[rid] == ROLE_OTHER:
                near = [layer[n] for n in adjacent.get(rid, ())
                        if n in members and role[n] != ROLE_OTHER]
                near += [layer[n] for n in adjacent.get(rid, ())
                         if n in members and role[n] == ROLE_OTHER and layer[n] < layer[rid]]
                layer[rid] = max(near) + 1 if near else ROLE_OTHER
    used = sorted(set(layer.values()))
    index = {value: i for i, value in enumerate(used)}
    return {rid: index[value] for rid, value in layer.items()}


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Pool adjacent violators: the non-decreasing sequence closest to `values` (weighted)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for v, w in zip(values, weights, strict=True):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out += [mean] * int(count)
    return out


def _place_column(column: list[str], height: Mapping[str, float], centre: dict[str, float],
                  wanted: Mapping[str, float]) -> None:
    """Tops as close to the wanted centres as the order and the gaps allow."""
    offsets, running = [], 0.0
    for rid in column:
        offsets.append(running)
        running += height[rid] + V_GAP
    values = [wanted.get(rid, centre[rid]) - height[rid] / 2 - off
              for rid, off in zip(column, offsets, strict=True)]
    weights = [1.0 if rid in wanted else 0.25 for rid in column]
    for rid, z, off in zip(column, _isotonic(values, weights), offsets, strict=True):
        centre[rid] = z + off + height[rid] / 2


def _grid(block: AppBlock) -> None:
    """Unwired resources: a compact grid, row by row in canonical order."""
    count = len(block.ids)
    columns = max(1, math.ceil(math.sqrt(count * GRID_ASPECT * NODE_HEIGHT / NODE_WIDTH)))
    for i, rid in enumerate(block.ids):
        row, column = divmod(i, columns)
        block.positions[rid] = (column * (NODE_WIDTH + H_GAP), row * (NODE_HEIGHT + V_GAP))
    rows = math.ceil(count / columns)
    block.size = (min(count, columns) * (NODE_WIDTH + H_GAP) - H_GAP,
                  rows * (NODE_HEIGHT + V_GAP) - V_GAP)


def arrange(block: AppBlock, role: Mapping[str, int], adjacent: Mapping[str, set[str]]) -> None:
    """Lay out one application block (its `ids` in canonical order) in place."""
    ids = block.ids
    members = set(ids)
    rank = {rid: i for i, rid in enumerate(ids)}
    edges = sorted({(min(rank[u], rank[v]), max(rank[u], rank[v]))
                    for u in ids for v in adjacent.get(u, ()) if v in members and v != u})
    if not edges:
        _grid(block)
        return
    layer = _layers(ids, role, adjacent)
    count = max(layer.values()) + 1
    columns: list[list[str]] = [[] for _ in range(count)]
    for rid in ids:
        columns[layer[rid]].append(rid)
    height: dict[str, float] = dict.fromkeys(ids, NODE_HEIGHT)
    near: dict[str, list[str]] = defaultdict(list)
    order_key: dict[str, float] = {rid: float(rank[rid]) for rid in ids}
    for a, b in edges:  # step 2: dummies keep a lane through the columns a wire passes
        u, v = ids[a], ids[b]
        if layer[u] > layer[v]:
            u, v = v, u
        chain = [u]
        for li in range(layer[u] + 1, layer[v]):
            dummy = f"\0{a}:{b}:{li}"
            columns[li].append(dummy)
            height[dummy] = DUMMY_HEIGHT
            order_key[dummy] = rank[u] + 0.5
            chain.append(dummy)
        chain.append(v)
        for x, y in zip(chain, chain[1:], strict=False):
            near[x].append(y)
            near[y].append(x)
    for column in columns:
        column.sort(key=lambda rid: order_key[rid])
    _order(columns, near)
    _coordinates(block, columns, height, near)


def _order(columns: list[list[str]], near: Mapping[str, list[str]]) -> None:
    """Barycenter sweeps: each column sorted by the mean place of its neighbours."""
    place: dict[str, float] = {}

    def renumber(column: list[str]) -> None:
        for i, rid in enumerate(column):
            place[rid] = (i + 0.5) / len(column)

    for column in columns:
        renumber(column)
    for sweep in range(SWEEPS):
        sequence = range(1, len(columns)) if sweep % 2 == 0 else range(len(columns) - 2, -1, -1)
        for li in sequence:
            column = columns[li]
            column.sort(key=lambda rid: (
                sum(place[n] for n in near.get(rid, ())) / len(near[rid])
                if near.get(rid) else place[rid], place[rid]))
            renumber(column)


def _coordinates(block: AppBlock, columns: list[list[str]], height: Mapping[str, float],
                 near: Mapping[str, list[str]]) -> None:
    """Step 3: tops by least squares toward the neighbours' heights, then left-to-right x."""
    centre: dict[str, float] = {}
    for column in columns:
        y = 0.0
        for rid in column:
            centre[rid] = y + height[rid] / 2
            y += height[rid] + V_GAP
    order = sorted(range(len(columns)), key=lambda li: -sum(height[r] for r in columns[li]))
    for _ in range(SWEEPS):
        for li in order[1:] + order[:1]:
            column = columns[li]
            wanted = {rid: sum(centre[n] for n in near[rid]) / len(near[rid])
                      for rid in column if near.get(rid)}
            _place_column(column, height, centre, wanted)
    top = min(centre[rid] - height[rid] / 2 for column in columns for rid in column)
    bottom = 0.0
    for li, column in enumerate(columns):
        for rid in column:
            y = round(centre[rid] - height[rid] / 2 - top)
            bottom = max(bottom, y + height[rid])
            if not rid.startswith("\0"):
                block.positions[rid] = (li * (NODE_WIDTH + H_GAP), float(y))
    block.size = (len(columns) * (NODE_WIDTH + H_GAP) - H_GAP, bottom)
