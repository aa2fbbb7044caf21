"""Which drawn block each resource belongs to, without laying anything out.

The layout packs one block per application inside each namespace frame (`groups.py`), and puts
the cluster-scoped resources a namespace uses (its PersistentVolumes, their StorageClass) in rows
under that frame. The canvas needs the same grouping after the user has moved things: a class
the cluster provides is drawn once per block that uses it (not as one card hundreds of wires
converge on), and far out each application draws as one tile. This module answers "which block"
with the layout's own rules (`homes.homes_under_frames`, `groups.application_groups`), in one pass over the
wiring graph's edges and a few passes over the resources; nothing is arranged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import total_ordering
from typing import TYPE_CHECKING

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.layout.groups import SHARED, application_groups, label_key
from kubecanvas.model.layout.homes import adjacency, homes_under_frames
from kubecanvas.model.order import in_order
from kubecanvas.model.record import record
from kubecanvas.model.resource import Resource

if TYPE_CHECKING:
    from kubecanvas.model.layout import Block

#: The application key of the cluster-scoped resources placed under a namespace's frame.
UNDER = "~under"


@total_ordering
@record(frozen=True)
class BlockKey:
    """A drawn block: a namespace ('' for cluster-scoped) and an application key in it."""

    namespace: str
    app: str

    def __lt__(self, other: BlockKey) -> bool:
        """Sorted by namespace, then application, as `dataclass(order=True)` compares (written
        here: a record, because dataclasses cost a `render` of a small app its start-up)."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.namespace, self.app) < (other.namespace, other.app)

    def __str__(self) -> str:
        return f"{self.namespace}/{self.app}"

    @property
    def title(self) -> str:
        """What a person calls the application: the label's value (`app=web` -> `web`), the
        first resource of an unlabelled group, 'shared' for the namespace's shared block."""
        if self.app == SHARED:
            return "shared"
        if self.app == UNDER:
            return "cluster"
        name = self.app.removeprefix("~")
        return name.split("=", 1)[1] if "=" in name and not self.app.startswith("~") else name


def block_keys(document: Document, graph: WiringGraph) -> dict[str, BlockKey]:
    """The block of every resource of `document` (a Namespace resource: its own frame)."""
    resources = in_order(document)
    every = {r.id for r in resources}
    adjacent = adjacency(graph, every)  # the layout's own rules
    homes = homes_under_frames(resources, every, adjacent)
    out: dict[str, BlockKey] = {}
    by_namespace: dict[str, list[Resource]] = defaultdict(list)
    for res in resources:
        if res.kind == "Namespace":
            out[res.id] = BlockKey(res.name, "")
        elif res.id in homes:
            out[res.id] = BlockKey(homes[res.id][0], UNDER)
        else:
            by_namespace[effective_namespace(res)].append(res)
    for namespace, members in by_namespace.items():
        for rid, app in application_groups(members, adjacent).items():
            out[rid] = BlockKey(namespace, app)
    return out


def layout_keys(document: Document, blocks: Sequence[Block]) -> dict[str, BlockKey] | None:
    """`block_keys` read from the blocks a layout of the whole design made (`layout_blocks`
    with nothing pinned), which grouped the same resources by the same rules: a render then
    groups the design once, not again for its stand-ins (0.14 s at 5,000 resources). None when
    the two could differ: a resource the blocks do not place, or a Namespace resource with no
    frame (the layout groups it with the cluster-scoped resources, `block_keys` apart)."""
    out: dict[str, BlockKey] = {}
    framed: set[str] = set()
    for block in blocks:
        for app in block.apps:
            for rid in app.ids:
                out[rid] = BlockKey(block.namespace, app.key)
        for rid, _, _ in block.below:
            out[rid] = BlockKey(block.namespace, UNDER)
        framed.update(block.frame_ids)
    for res in document:
        if res.kind == "Namespace":
            if res.id not in framed:
                return None
            out[res.id] = BlockKey(res.name, "")
        elif res.id not in out:
            return None
    return out


def quick_key(res: Resource) -> BlockKey:
    """A block for a resource added after `block_keys` ran (a drop, a paste): its own labels'
    application, else a block of its own, so one edit never regroups the whole design."""
    if res.kind == "Namespace":
        return BlockKey(res.name, "")
    return BlockKey(effective_namespace(res), label_key(res) or f"~{res.kind}/{res.name}")
