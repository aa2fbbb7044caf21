"""What a simulated cluster keeps between edits, so that What Happens costs what it shows.

`SimCluster` places pods round-robin over the nodes in document order, so the pod IPs of one
workload depend on how many pods every workload before it runs, and a Service's ClusterIP on the
hashed addresses of the Services sorted before it. Walking the whole design for that after each
edit cost 5 ms at 5,000 resources and 16 ms at 15,000 before anything was simulated, and
allocating every ClusterIP 8 and 30 ms. This memo keeps, across edits, the pod counts in
document order in Fenwick trees (prefix sums that take an update or a question in log n steps)
and the address allocation; the panel tells it of each change (`follow`), and it recounts only
the resources that change touched. A resource added or removed makes it add the counts up
again, from each resource's counts kept with the very `Resource` they were read from (reading
them all again was 120 ms at 15,000 resources, a stall on the click after a drop); a Service
added, removed or changed in what its address is made from makes it allocate the addresses
again, from the inputs it keeps per Service.

The first question costs a walk of the whole design; `warm_steps` takes that walk in steps,
for a window to run between events after a design opens, before anyone asks. Every step of it
is small: adding the counts up and allocating the addresses in one step each were event-loop
turns of 30 and 24 ms at 15,000 resources, right after the first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kubecanvas.model.document import Change, Document
from kubecanvas.model.resource import Resource

#: What a memo keeps per resource, each entry with the `Resource` it was computed from:
#: rid -> its pods' (name, ordinal, labels), None if it runs none; "ip:" + rid -> a Service's
#: sort key and written address or hashed offset.
PodMemo = dict[str, tuple[Resource, Any]]
#: (pods placed round-robin, DaemonSet pods placed one per node) of one workload
Counts = tuple[int, int]
#: a Service's (sort key, written address or hashed offset or None)
Address = tuple[tuple[str, str, str], str | int | None]


class _Prefix:
    """A Fenwick tree: add to one place, sum every place before one, each in log n steps."""

    def __init__(self, values: Iterable[int]) -> None:
        tree = [0, *values]
        for i in range(1, len(tree)):
            parent = i + (i & -i)
            if parent < len(tree):
                tree[parent] += tree[i]
        self._tree = tree

    def add(self, index: int, delta: int) -> None:
        i = index + 1
        while i < len(self._tree):
            self._tree[i] += delta
            i += i & -i

    def before(self, index: int) -> int:
        total, i = 0, index
        while i > 0:
            total += self._tree[i]
            i -= i & -i
        return total


class ClusterMemo:
    """A simulated cluster's memory of one document across its edits (see the module text).

    Attributes:
        entries: pod identities and Service addresses per resource (`PodMemo`).
    """

    def __init__(self, nodes: int) -> None:
        self.entries: PodMemo = {}
        self._nodes = nodes
        self._index: dict[str, int] | None = None  # workload id -> its place among workloads
        self._counts: list[Counts] = []
        self._slots = _Prefix(())
        self._per_node: list[_Prefix] = []  # node j: DaemonSets before with more than j pods
        self._size = -1
        self._pods_dirty: set[str] = set()
        #: each resource's counts (None: it runs no pods) with the `Resource` they came from
        self._counted: dict[str, tuple[Resource, Counts | None]] = {}
        self._addresses: dict[str, str | int | None] | None = None
        self._address_inputs: dict[str, Address] | None = None  # per Service
        self._addresses_dirty: set[str] = set()
        self._changes = 0  # changes followed: a warm-up the design changed under keeps nothing

    def follow(self, change: Change) -> None:
        """Note one change of the document (every change must come here, or be followed by a
        new memo): what it touched is counted again when next asked."""
        self._changes += 1
        if change.added or change.removed:
            self._index = None
        touched = change.changed.keys() | change.added | change.removed.keys()
        self._pods_dirty |= touched
        self._addresses_dirty |= touched

    def warm_steps(self, document: Document, counts: Callable[[Resource], Counts | None],
                   address: Callable[[Resource], Address],
                   allocate: Callable[[list[tuple[Address, str]]], dict[str, str | int | None]],
                   step: int = 250) -> Iterator[None]:
        """Read every resource's counts and every Service's address input, `step` resources
        at a time (yielding between), then add them up, one sum per step, and allocate the
        addresses: the first question is then cheap. What it read is kept only if the design
        did not change meanwhile (the first question then walks it, as without a warm-up)."""
        changes = self._changes
        index: dict[str, int] = {}
        found_counts: list[Counts] = []
        inputs: dict[str, Address] = {}
        for number, res in enumerate(list(document), 1):
            found = self._counts_of(res, counts)
            if found is not None:
                index[res.id] = len(found_counts)
                found_counts.append(found)
            if res.kind == "Service":
                inputs[res.id] = address(res)
            if number % step == 0:
                yield
        slots = _Prefix(c[0] for c in found_counts)
        per_node: list[_Prefix] = []
        for node in range(self._nodes):
            yield
            per_node.append(_Prefix(int(c[1] > node) for c in found_counts))
        yield
        if self._changes != changes:
            return
        self._install(document, index, found_counts, slots, per_node)
        self._address_inputs, self._addresses = inputs, None
        self._addresses_dirty.clear()
        ordered = sorted((a, rid) for rid, a in inputs.items())
        yield
        if self._changes == changes:
            self._addresses = allocate(ordered)

    # --- pods ----------------------------------------------------------------------------------
    def start(self, document: Document, rid: str,
              counts: Callable[[Resource], Counts | None]) -> tuple[int, tuple[int, ...]] | None:
        """The round-robin slot and every node's address counter before `rid`'s pods (None
        when it runs none); `counts` gives a resource's pods."""
        index = self._catch_up(document, counts).get(rid)
        if index is None:
            return None
        slot, nodes = self._slots.before(index), self._nodes
        return slot, (1, *(1 + slot // nodes + (node < slot % nodes)
                           + self._per_node[node].before(index) for node in range(nodes)))

    def _catch_up(self, document: Document,
                  counts: Callable[[Resource], Counts | None]) -> dict[str, int]:
        index = self._index
        if index is None or len(document) != self._size:
            return self._count_all(document, counts)
        for rid in self._pods_dirty:
            res = document.find(rid)
            found = self._counts_of(res, counts) if res is not None else None
            if (rid in index) != (found is not None):  # started or stopped running pods
                return self._count_all(document, counts)
            if found is not None:
                self._recount(index[rid], found)
        self._pods_dirty.clear()
        return index

    def _recount(self, at: int, found: Counts) -> None:
        (slots, daemons), self._counts[at] = self._counts[at], found
        self._slots.add(at, found[0] - slots)
        for node, tree in enumerate(self._per_node):
            tree.add(at, (found[1] > node) - (daemons > node))

    def _count_all(self, document: Document,
                   counts: Callable[[Resource], Counts | None]) -> dict[str, int]:
        index: dict[str, int] = {}
        found_counts: list[Counts] = []
        for res in document:
            found = self._counts_of(res, counts)
            if found is not None:
                index[res.id] = len(found_counts)
                found_counts.append(found)
        self._install(document, index, found_counts, _Prefix(c[0] for c in found_counts),
                      [_Prefix(int(c[1] > node) for c in found_counts)
                       for node in range(self._nodes)])
        return index

    def _install(self, document: Document, index: dict[str, int], found_counts: list[Counts],
                 slots: _Prefix, per_node: list[_Prefix]) -> None:
        """Keep the counts of every resource of `document`, read in its order."""
        self._counts, self._slots, self._per_node = found_counts, slots, per_node
        self._index, self._size = index, len(document)
        self._pods_dirty.clear()
        if len(self.entries) > 2 * len(document) + 64:  # forget removed resources
            for key in [k for k in self.entries if k.removeprefix("ip:") not in document]:
                del self.entries[key]
        if len(self._counted) > len(document) + 64:
            self._counted = {rid: kept for rid, kept in self._counted.items() if rid in document}

    def _counts_of(self, res: Resource, counts: Callable[[Resource], Counts | None],
                   ) -> Counts | None:
        kept = self._counted.get(res.id)
        if kept is not None and kept[0] is res:
            return kept[1]
        found = counts(res)
        self._counted[res.id] = (res, found)
        return found

    # --- Service addresses --------------------------------------------------------------------
    def addresses(self, document: Document, address: Callable[[Resource], Address],
                  allocate: Callable[[list[tuple[Address, str]]], dict[str, str | int | None]],
                  ) -> dict[str, str | int | None]:
        """Every Service's allocated address, allocated again only when a Service came, went
        or changed what its address is made from."""
        inputs = self._address_inputs
        if inputs is None:
            inputs = self._address_inputs = {r.id: address(r) for r in document
                                             if r.kind == "Service"}
            self._addresses = None
        else:
            for rid in self._addresses_dirty:
                res = document.find(rid)
                now = address(res) if res is not None and res.kind == "Service" else None
                if now != inputs.get(rid):
                    self._addresses = None
                    if now is None:
                        del inputs[rid]
                    else:
                        inputs[rid] = now
        self._addresses_dirty.clear()
        if self._addresses is None:
            self._addresses = allocate(sorted((a, rid) for rid, a in inputs.items()))
        return self._addresses
