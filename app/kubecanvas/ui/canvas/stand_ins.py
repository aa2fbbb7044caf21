"""Stand-ins as a person draws them: one claim template, one class card per block.

The wiring graph has one node per claim a StatefulSet creates (`data-web-0`, `data-web-1`...)
and one node per class the cluster provides (StorageClass `manual`), shared by the whole
design. Drawn one to one, a Redis StatefulSet was six claim cards out of twelve, and in a
1,000-resource design three hundred wires converged on two cards. The canvas draws instead:

* a StatefulSet's `volumeClaimTemplate` as one card, `data ×3` (the template's name and the
  replica count), wired from the StatefulSet and to what its claims bind; the per-replica view
  (one card per claim) stays a View option (`per_replica`). The validator's findings about the
  template (`spec.volumeClaimTemplates[i]`) show as the template card's badge;
* a class the cluster provides (`model.kinds.CLUSTER_PROVIDED_KINDS`) as one muted card per
  block that uses it (an application block, or the row under a namespace frame, as the layout
  groups them: `model.layout.membership`); selecting one highlights its siblings.

Only the ends' ids change (`drawn_edge`): the scene keys its items by them; a wire keeps its
edge's field, reference and resource source, so disconnecting works as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from kubecanvas.model.claim_templates import PREFIX as TEMPLATE
from kubecanvas.model.claim_templates import template_node, template_title
from kubecanvas.model.document import Document
from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.kinds import CLUSTER_PROVIDED_KINDS
from kubecanvas.model.layout.membership import BlockKey, block_keys, quick_key
from kubecanvas.model.order import node_places
from kubecanvas.model.record import replace
from kubecanvas.ui.canvas.node_item import Ghost, NodeItem, card_type, ghost_line
from kubecanvas.ui.i18n import kind_label, tr

if TYPE_CHECKING:
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.validation.findings import Finding  # (types only: `render` loads no rules)

_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged
#: A class gets a card in each block that uses it when more blocks than this use it.
HUB_BLOCKS = 3


def template_id(owner: str, index: int) -> str:
    return f"{TEMPLATE}{owner}:{index}"


def in_draw_order(document: Document, edges: Iterable[Edge]) -> list[Edge]:
    """Edges in the canonical order (`model.order`), not the graph's, which follows the
    resources' random ids: stand-ins and parallel wires then land in the same places."""
    place = node_places(document)
    return sorted(edges, key=lambda e: (place(e.source), e.key, place(e.target)))


def set_claims_per_replica(scene: CanvasScene, shown: bool) -> None:
    """View > Claims per Replica: one card per claim a StatefulSet creates, or (off) one per
    claim template. The wires of generated objects are drawn again; the rest stays."""
    stand_ins = scene.stand_ins
    if shown == stand_ins.per_replica:
        return
    stand_ins.per_replica = shown
    for item in [i for i in scene.edge_items.values()
                 if "generated" in (i.source.ghost, i.target.ghost)]:
        scene._remove_edge(item)  # noqa: SLF001 - the scene's own bookkeeping, on its behalf
    graph = scene.graph
    for edge in in_draw_order(scene.document, (e for e in graph.edges() if graph.is_generated(
            e.source) or graph.is_generated(e.target))):
        scene._add_edge(edge)  # noqa: SLF001
    scene._fit_frames(list(scene.frames_by_namespace))  # noqa: SLF001
    scene.reroute()


class StandInItem(NodeItem):
    """A drawn stand-in that is not one graph node: a claim template, or one of a class's cards.

    Attributes:
        base: the graph node it stands for (a template: its id; a class: the missing node).
        sibling_lit: another card of the same class is selected; drawn outlined.
    """

    def __init__(self, rid: str, base: str, kind: str, name: str, line: str, namespace: str,
                 ghost: Ghost, siblings: Callable[[str], Iterable[StandInItem]], *,
                 interactive: bool = True) -> None:
        super().__init__(rid, kind, name, line, namespace, ghost=ghost, interactive=interactive)
        self.base = base
        self.sibling_lit = False
        self._siblings = siblings
        self.tip = ""
        if ghost == "provided" and interactive:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)

    def set_tip(self, tip: str) -> None:
        self.tip = tip
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        super()._update_tooltip()
        if getattr(self, "tip", "") and self.interactive:
            self.setToolTip(self.tip)

    def set_sibling_lit(self, lit: bool) -> None:
        if lit != self.sibling_lit:
            self.sibling_lit = lit
            self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        super().paint(painter, option, widget)
        if self.sibling_lit and not self.isSelected():
            pen = QPen(QColor(self.scene_theme().selection), 2)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QColor(0, 0, 0, 0))
            painter.drawRoundedRect(QRectF(self.body_rect()).adjusted(-3, -3, 3, 3), 10, 10)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _SELECTED_CHANGED:
            lit = bool(value)
            for sibling in self._siblings(self.base):
                if sibling is not self:
                    sibling.set_sibling_lit(lit)
        return super().itemChange(change, value)


class PictureStandInItem(StandInItem):
    """A stand-in only drawn into a picture: no Python `itemChange`, as `PictureNodeItem`
    (a picture's card is never selected, so it lights no sibling)."""

    itemChange = QGraphicsItem.itemChange  # type: ignore[assignment]


class StandIns:
    """How one scene draws the graph's stand-in nodes (see the module docstring)."""

    def __init__(self, document: Document, graph: WiringGraph, per_replica: bool, *,
                 interactive: bool = True, blocks: Mapping[str, BlockKey] | None = None
                 ) -> None:
        """`interactive=False`: cards only drawn into a picture (`NodeItem`). `blocks`: the
        layout's grouping of the design (`membership.layout_keys`), else worked out when
        first asked (`block_keys`)."""
        self.document = document
        self.graph = graph
        self.per_replica = per_replica
        self.interactive = interactive
        self._stand_in_type = StandInItem if interactive else PictureStandInItem
        self._blocks: dict[str, BlockKey] | None = None if blocks is None else dict(blocks)
        self._cards: dict[str, list[StandInItem]] = defaultdict(list)
        self._template_badges: dict[str, tuple[int, str]] = {}
        self._hubs: dict[str, bool] = {}

    # --- which drawn node an edge end is ----------------------------------------------------
    def block_of(self, rid: str) -> BlockKey:
        """The block a resource (or a generated object, through its owner) is drawn in: the
        layout's grouping when the scene was built, a resource's own labels after."""
        if self._blocks is None:
            self._blocks = block_keys(self.document, self.graph)
        key = self._blocks.get(rid)
        if key is not None:
            return key
        res = self.document.find(rid)
        if res is not None:
            key = self._blocks[rid] = quick_key(res)
            return key
        owner = self.graph.node_data(rid).get("owner")
        return self.block_of(owner) if isinstance(owner, str) else BlockKey("", "")

    def drawn_id(self, node: str, anchor: str) -> str:
        """The id `node` is drawn as when wired to `anchor`."""
        if node.startswith("generated:"):
            if not self.per_replica:
                return template_node(self.graph, node) or node
        elif node.startswith("missing:") and self._hub(node) and \
                self.graph.node_data(node).get("kind") in CLUSTER_PROVIDED_KINDS:
            return f"{node}@{self.block_of(anchor)}"
        return node

    def _proxy_id(self, node: str, anchor: str) -> str:
        """A class the files do define (StorageClass `standard`) that a block other than its
        own uses is drawn there too, as a muted card standing for it: the wires of forty
        applications then end in their own block instead of crossing the design."""
        res = self.document.find(node)
        if res is None or res.kind not in CLUSTER_PROVIDED_KINDS or not self._hub(node):
            return node
        block = self.block_of(anchor)
        return node if block == self.block_of(node) else f"{node}@{block}"

    def _hub(self, node: str) -> bool:
        """A class used from more than `HUB_BLOCKS` blocks (counting a defined one's own): a
        small application's one StorageClass keeps its one card and a second wire."""
        if node not in self._hubs:
            users = {self.block_of(e.source) for e in self.graph.in_edges(node)}
            if node in self.document:
                users.add(self.block_of(node))
            self._hubs[node] = len(users) > HUB_BLOCKS
        return self._hubs[node]

    def drawn_edge(self, edge: Edge) -> Edge:
        """`edge` with its ends as drawn (the same object when nothing is merged)."""
        source = self.drawn_id(edge.source, edge.target)
        target = self.drawn_id(edge.target, edge.source)
        if target == edge.target and source in self.document:
            target = self._proxy_id(target, source)
        if source == edge.source and target == edge.target:
            return edge
        if target != edge.target and target.startswith(TEMPLATE):  # named as the card is
            return replace(edge, source=source, target=target,
                           label=template_title(self.graph, target)[0])
        return replace(edge, source=source, target=target)

    # --- the items --------------------------------------------------------------------------
    def make(self, node: str, drawn: str, data: Mapping[str, Any], ghost: Ghost,
             anchor: NodeItem) -> NodeItem:
        """The item for drawn node `drawn` (graph node `node`, with its graph `data`)."""
        kind, name = str(data.get("kind", "")), str(data.get("name", ""))
        if not data:  # a proxy of a defined class (`_proxy_id`)
            res = self.document.get(node)
            kind, name = res.kind, res.name
        if drawn == node:
            return card_type(self.interactive)(
                node, kind, name, ghost_line(ghost), str(data.get("namespace", "")),
                ghost=ghost, interactive=self.interactive)
        if drawn.startswith(TEMPLATE):
            item = self._template_item(drawn, data)
        else:
            line = ghost_line(ghost) if node not in self.document else tr("drawn per block")
            item = self._stand_in_type(drawn, node, kind, name, line, anchor.namespace, ghost,
                                       self.siblings, interactive=self.interactive)
            if self.interactive:
                item.set_tip(self._class_tip(item))
        self._cards[item.base].append(item)
        return item

    def _template_item(self, drawn: str, data: Mapping[str, Any]) -> StandInItem:
        name, _, count = template_title(self.graph, drawn)
        item = self._stand_in_type(drawn, drawn, str(data.get("kind", "")), f"{name} ×{count}",
                                   tr("template: one per replica"),
                                   str(data.get("namespace", "")), "generated", self.siblings,
                                   interactive=self.interactive)
        if self.interactive:
            item.set_tip(self._template_tip(item))
        item.set_badge(self._template_badges.get(drawn))
        return item

    def _template_tip(self, item: StandInItem) -> str:
        name, owner, count = template_title(self.graph, item.rid)
        res = self.document.find(owner)
        if res is None:
            return ""
        claims = [f"{name}-{res.name}-{i}" for i in range(count)]
        shown = ", ".join(claims if count <= 3 else [claims[0], "…", claims[-1]])
        return tr("Claim template {name} of {kind} {owner}: one {claim} per replica ({claims}); "
                  "View > Claims per Replica draws each").format(
            name=name, kind=kind_label(res.kind), owner=res.name,
            claim=kind_label("PersistentVolumeClaim"), claims=shown or "-")

    def _class_tip(self, item: StandInItem) -> str:
        """A missing class keeps the stand-in's own tooltip (the cluster provides it); a
        proxy of a defined one says where it stands for."""
        if item.base not in self.document:
            return ""
        return tr("{kind} {name}: a cluster object defined in these files, drawn again in each "
                  "block that uses it; selecting one outlines the others").format(
            kind=kind_label(item.kind), name=item.name)

    def siblings(self, base: str) -> list[StandInItem]:
        """The cards drawn for one graph node still on the scene."""
        alive = [i for i in self._cards.get(base, ()) if i.scene() is not None]
        self._cards[base] = alive
        return alive

    def retranslate(self, items: Iterable[NodeItem]) -> None:
        for item in items:
            if isinstance(item, StandInItem):
                if item.base.startswith(TEMPLATE):
                    item.line = tr("template: one per replica")
                    item.set_tip(self._template_tip(item))
                else:
                    if item.base in self.document:
                        item.line = tr("drawn per block")
                    item.set_tip(self._class_tip(item))

    # --- findings ---------------------------------------------------------------------------
    def set_findings(self, findings: Sequence[Finding], items: Mapping[str, NodeItem],
                     only: Collection[str] | None = None) -> None:
        """Badges on the template cards: the findings about `spec.volumeClaimTemplates[i]` of
        their StatefulSet (one finding stands for every replica's claim). With `only`, the
        findings are those of the resources `only`; the other templates keep their badges."""
        ranks: dict[str, list[int]] = defaultdict(lambda: [0, -1])
        for finding in findings:
            path = finding.path
            if finding.resource_id and len(path) >= 2 and path[0] == "spec" \
                    and path[1] == "volumeClaimTemplates" and len(path) > 2 \
                    and isinstance(path[2], int):
                entry = ranks[template_id(finding.resource_id, path[2])]
                entry[0] += 1
                entry[1] = max(entry[1], finding.severity.rank)
        names = {2: "error", 1: "warning", 0: "info"}
        badges = {k: (count, names[rank]) for k, (count, rank) in ranks.items()}
        if only is not None:
            badges = {**{k: v for k, v in self._template_badges.items()
                         if k[len(TEMPLATE):].rsplit(":", 1)[0] not in only}, **badges}
        for key in set(badges) | set(self._template_badges):
            item = items.get(key)
            if item is not None:
                item.set_badge(badges.get(key))
        self._template_badges = badges
