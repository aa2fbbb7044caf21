"""One order of resources that depends only on what they are, never on their ids.

Resource ids are random (a new uuid per resource on every import), the document's own order is
the order in which files were read or things were drawn, and sets iterate by hash. Anything a
user reads or compares (findings and their order, which of two definitions of one object is
used, exported YAML, pictures, project files) must be a pure function of the input, so every such
place orders resources by `order_key`:

1. resources read from files first, by file, then line, then the item of a `kind: List`: the order
   in which `kubectl apply -f` (which reads files in lexical order and each file top to bottom)
   sends them;
2. then resources made in the editor, by namespace, kind and name;
3. two resources that agree on all of that (the same object drawn twice) by their manifest's
   canonical JSON text, and identical copies by id.

Where one object is defined more than once, `kubectl apply` creates the first and overwrites it
with each later one: the definition that stays is the last in this order (`kept`). Every rule and
every export uses that one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kubecanvas.model.record import replace
from kubecanvas.model.resource import Resource

OrderKey = tuple[Any, ...]


def order_key(res: Resource) -> OrderKey:
    """The resource's place in the canonical order, without the content tie-break."""
    origin = res.origin
    if origin is not None:
        item = -1 if origin.item_index is None else origin.item_index
        return (0, origin.file, origin.line, item, res.namespace, res.kind, res.name)
    return (1, "", 0, 0, res.namespace, res.kind, res.name)


def content_key(res: Resource) -> str:
    """The manifest as canonical JSON: breaks ties between otherwise identical positions."""
    import json  # (only for ties, which a picture rarely has: 4 ms of a small `render`'s start)

    return json.dumps(res.manifest, sort_keys=True, ensure_ascii=False, default=str)


def in_order(resources: Iterable[Resource]) -> list[Resource]:
    """`resources` in the canonical order (see the module docstring)."""
    keyed = [(order_key(r), r) for r in resources]
    keyed.sort(key=lambda pair: pair[0])
    for start in range(len(keyed) - 1):
        if keyed[start][0] == keyed[start + 1][0]:
            # identical copies (same place, same manifest) last by id: which copy comes first
            # changes nothing a user reads, but it must not depend on set iteration order
            return sorted((r for _, r in keyed),
                          key=lambda r: (order_key(r), content_key(r), r.id))
    return [r for _, r in keyed]


def ranks(resources: Iterable[Resource]) -> dict[str, int]:
    """Resource id -> its place in the canonical order."""
    return {r.id: i for i, r in enumerate(in_order(resources))}


def kept(resources: Iterable[Resource]) -> Resource | None:
    """Of several definitions of one object, the one `kubectl apply` leaves in the cluster (the
    last applied); None for none."""
    ordered = in_order(resources)
    return ordered[-1] if ordered else None


def with_stable_ids(resources: Iterable[Resource]) -> list[Resource]:
    """Copies of `resources` in the canonical order, each with an id made from its place in
    that order and what it is, so that importing the same files twice writes the same project
    file (a fresh uuid per import would make every project file differ)."""
    import uuid  # here: `validate` makes no stable ids, and the import costs it 4 ms

    return [replace(res, id=uuid.uuid5(uuid.NAMESPACE_OID, f"kubecanvas:{number}:{res.api_version}:{res.kind}:{res.namespace}:{res.name}").hex)
        for number, res in enumerate(in_order(resources))]


def node_places(resources: Iterable[Resource]) -> Callable[[str], tuple[int, str]]:
    """A sort key for graph nodes: resources by the canonical order, then the nodes that stand
    for missing or generated objects (ids made from kind and name), generated ones by their
    owner's place rather than its random id (`generated:<owner id>:kind:name`). Sorting edges
    by it (source, key, target) draws the same picture for the same input."""
    order = ranks(resources)
    after = len(order)

    def place(node: str) -> tuple[int, str]:
        found = order.get(node)
        if found is not None:
            return (found, "")
        owner, _, rest = node.removeprefix("generated:").partition(":")
        owned = order.get(owner) if node.startswith("generated:") else None
        return (after, node) if owned is None else (after, f"generated:{owned:09d}:{rest}")

    return place


class OrderMemo:
    """`in_order` of a set of resources that changes a little between calls (the claims and
    volumes binding is simulated over after each storage edit): sorted again only when one
    came, went or moved in the order. Sorting 1,665 volumes and 1,324 claims by `order_key`
    was half of re-simulating binding at 15,000 resources."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[Resource, OrderKey]] = {}
        self._order: list[str] = []

    def ordered(self, resources: Iterable[Resource]) -> list[Resource]:
        current = {res.id: res for res in resources}
        same = current.keys() == self._keys.keys()
        keys: dict[str, tuple[Resource, OrderKey]] = {}
        for rid, res in current.items():
            known = self._keys.get(rid)
            key = known[1] if known is not None and known[0] is res else order_key(res)
            same = same and known is not None and known[1] == key
            keys[rid] = (res, key)
        self._keys = keys
        if not same:
            fresh = in_order(current.values())
            # identical keys are ordered by content too, which an edit may change: not kept
            unique = len({key for _, key in keys.values()}) == len(keys)
            self._order = [res.id for res in fresh] if unique else []
            return fresh
        if not self._order and current:
            return in_order(current.values())
        return [current[rid] for rid in self._order]
