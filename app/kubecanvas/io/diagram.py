"""What a diagram export draws, shared by the draw.io and Mermaid writers.

The boxes are the document's resources at their canvas positions, plus the wiring graph's stand-in
nodes (a reference to something not defined, or an object a controller will create), placed to
the right of the resource that refers to them, as the editor places its ghosts. The lines are the
wiring graph's edges, except a workload's match with its own pod template (a self loop the editor
does not draw either). Ids are numbered in document order, so the same document always gives the
same text (and golden-file tests can compare it).

Colours follow the editor's light theme (`ui/style.py`), so a diagram pasted next to a screenshot
looks like the same tool.
"""

from __future__ import annotations

from dataclasses import dataclass

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, kind_info
from kubecanvas.model.layers import document_layers, is_shown
from kubecanvas.model.layout import H_GAP, NODE_HEIGHT, NODE_WIDTH, V_GAP
from kubecanvas.model.order import in_order, node_places
from kubecanvas.model.references import EdgeType

CATEGORY_COLOURS: dict[str, str] = {
    "workload": "#2f6fde", "network": "#169c7a", "storage": "#d9822b", "config": "#8a5cc7",
    "policy": "#c8463d", "cluster": "#5d6b7a", "other": "#6b7785",
}
KIND_COLOURS: dict[str, str] = {
    "Ingress": "#0f8a9c", "Service": "#169c7a", "ConfigMap": "#8a5cc7", "Secret": "#b3488f",
    "ServiceAccount": "#6d5fb0", "PersistentVolume": "#b8661c", "StorageClass": "#a0763a",
    "CronJob": "#4159c4", "Job": "#4d6fc9",
}
#: Edge type -> (colour, dashed, width); the editor's pens, in the terms diagram tools know.
EDGE_STYLES: dict[str, tuple[str, bool, float]] = {
    EdgeType.SELECTS: ("#169c7a", False, 2.0), EdgeType.ROUTES: ("#0f8a9c", False, 2.4),
    EdgeType.MOUNTS: ("#d9822b", False, 1.8), EdgeType.ENV: ("#8a5cc7", True, 1.6),
    EdgeType.BINDS: ("#b8661c", True, 2.0), EdgeType.RESERVES: ("#b8661c", True, 1.4),
    EdgeType.GOVERNS: ("#5d6b7a", True, 1.6), EdgeType.SCALES: ("#c8463d", True, 1.8),
    EdgeType.TLS: ("#b3488f", True, 1.6), EdgeType.CLASS: ("#a0763a", True, 1.2),
    EdgeType.PULLS: ("#b3488f", True, 1.2), EdgeType.RUNS_AS: ("#6d5fb0", True, 1.2),
    EdgeType.CREATES: ("#4159c4", True, 1.4), EdgeType.OWNED_BY: ("#6b7785", True, 1.0),
    EdgeType.ROLE_REF: ("#9c36b5", True, 1.6), EdgeType.SUBJECT: ("#6d5fb0", True, 1.6),
    EdgeType.TRAFFIC: ("#d6336c", True, 1.8), EdgeType.REFERS: ("#7a5c3e", True, 1.4),
}
DEFAULT_EDGE_STYLE = ("#6b7785", False, 1.4)
GHOST_COLOUR = "#9aa3ad"


@dataclass(frozen=True)
class Box:
    """One box of the diagram.

    Attributes:
        id: the diagram's id ('n3' for a resource, 'g1' for a stand-in).
        node: the wiring-graph node (resource id or stand-in id).
        kind, name, namespace: what the box is labelled with ('' namespace: cluster-scoped).
        x, y: top-left corner, as on the canvas.
        ghost: '' for a resource, 'missing' or 'generated' for a stand-in.
    """

    id: str
    node: str
    kind: str
    name: str
    namespace: str
    x: float
    y: float
    ghost: str = ""

    @property
    def colour(self) -> str:
        if self.ghost:
            return GHOST_COLOUR
        return KIND_COLOURS.get(self.kind, CATEGORY_COLOURS.get(kind_info(self.kind).category,
                                                                CATEGORY_COLOURS["other"]))

    @property
    def category(self) -> str:
        return self.ghost or kind_info(self.kind).category


@dataclass(frozen=True)
class Line:
    """One edge: the boxes it joins, its type and its label ('' when the graph has none)."""

    id: str
    source: str
    target: str
    type: str
    label: str

    @property
    def style(self) -> tuple[str, bool, float]:
        return EDGE_STYLES.get(self.type, DEFAULT_EDGE_STYLE)

    @property
    def text(self) -> str:
        """What the line is labelled with: its type, and the graph's label when it has one."""
        words = self.type.replace("-", " ")
        if not self.label or self.label in (self.type, words):
            return words
        return f"{words} {self.label}"


@dataclass(frozen=True)
class Diagram:
    boxes: list[Box]
    lines: list[Line]


def build_diagram(document: Document, graph: WiringGraph) -> Diagram:
    """The boxes and lines to draw for a document and its (current) wiring graph."""
    boxes: dict[str, Box] = {}
    for number, resource in enumerate(in_order(document), start=1):
        namespace = effective_namespace(resource) if kind_info(resource.kind).namespaced else ""
        boxes[resource.id] = Box(f"n{number}", resource.id, resource.kind or "?",
                                 resource.name or "(unnamed)", namespace,
                                 float(resource.position[0]), float(resource.position[1]))
    # the canonical order (`model.order`), never the ids: the same input draws the same file
    place = node_places(document)
    layers = document_layers(document)  # the project's layers (`render --layers` sets them)
    edges = sorted((e for e in graph.edges() if e.source != e.target
                    and e.category != "template" and is_shown(e.type, layers)),
                   key=lambda e: (place(e.source), e.key, place(e.target)))
    ghosts_of: dict[str, int] = {}
    lines: list[Line] = []
    for edge in edges:
        for node in (edge.source, edge.target):
            if node not in boxes and node in graph.graph:
                anchor = boxes.get(edge.source if node == edge.target else edge.target)
                boxes[node] = _ghost(graph, node, anchor, ghosts_of,
                                     sum(1 for b in boxes.values() if b.ghost) + 1)
        if edge.source in boxes and edge.target in boxes:
            lines.append(Line(f"e{len(lines) + 1}", boxes[edge.source].id,
                              boxes[edge.target].id, edge.type, edge.label))
    return Diagram(list(boxes.values()), lines)


def _ghost(graph: WiringGraph, node: str, anchor: Box | None, ghosts_of: dict[str, int],
           number: int) -> Box:
    """A stand-in box, stacked to the right of the box that refers to it."""
    data = graph.node_data(node)
    slot = ghosts_of.get(anchor.id, 0) if anchor else 0
    if anchor is not None:
        ghosts_of[anchor.id] = slot + 1
    x = (anchor.x if anchor else 0.0) + NODE_WIDTH + H_GAP
    y = (anchor.y if anchor else 0.0) + slot * (NODE_HEIGHT + V_GAP)
    return Box(f"g{number}", node, str(data.get("kind", "?")), str(data.get("name", "")),
               str(data.get("namespace", "")), x, y,
               "missing" if data.get("missing") else "generated")
