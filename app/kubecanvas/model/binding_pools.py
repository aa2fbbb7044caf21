"""PV binding kept current pool by pool, so that a storage edit re-simulates only the claims and
volumes it can affect.

`binding.simulate` is one greedy match over every claim and volume of the document. Re-running it
after each edit meant reading all of them again (2,990 claims and volumes at 15,000 resources,
60 ms per edit). But the simulation's three steps each meet only some of them:

1. a claim with `spec.volumeName` X takes the PV named X (the last of that name) or nothing, and
   competes only with the other claims naming X;
2. a claim without one takes the PV whose `claimRef` reserves it, if any, competing only with
   the claims of the same namespace and name;
3. a claim still unbound takes the smallest free volume (no claimRef) of its storage class.

So each claim and volume belongs to a pool: a claim naming its volume to that name, a reserved
volume to the claim it names, anything else to its (effective) storage class; and the pools a
name or a claimRef reaches are joined. Simulating the pools an edit touched, with those
references followed, gives exactly the global simulation's result for the claims in them, and
every other claim keeps its volume. In the bench's 15,000 resources a PV edit re-simulates its
own claim and volume instead of 2,990 of them; claims matched by class (StatefulSets' claims,
step 3) still share one pool per class, as the greedy match couples them.

A change of the default StorageClass moves every claim that leaves its class unset.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from kubecanvas.model import binding
from kubecanvas.model.binding import Claim, Volume

#: (claim node, volume node, edge key, field): a bind edge as the wiring graph draws it
BindEdge = tuple[str, str, str, str]
#: ("volumeName", PV name), ("claimRef", namespace, claim name) or ("class", storage class)
Pool = tuple[str, ...]


class _Index:
    """node -> set of nodes, by some key."""

    def __init__(self) -> None:
        self.members: dict[object, set[str]] = {}

    def add(self, key: object, node: str) -> None:
        self.members.setdefault(key, set()).add(node)

    def discard(self, key: object, node: str) -> None:
        nodes = self.members.get(key)
        if nodes is not None:
            nodes.discard(node)
            if not nodes:
                del self.members[key]

    def get(self, key: object) -> set[str]:
        return self.members.get(key, set())


class BindingPools:
    """The claims and volumes binding reads, grouped by storage class, and the bind edge of
    each claim that the last simulation matched."""

    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}
        self.volumes: dict[str, Volume] = {}
        self.default: str | None = None
        #: claim node -> its bind edge (claims bound through their own volumeName have none:
        #: that reference draws the wire), and volume node -> the claim of its edge
        self.edges: dict[str, BindEdge] = {}
        self.bound_to: dict[str, str] = {}
        #: claim node -> how and to which volume it binds, every binding (those through a
        #: claim's own volumeName too): the global simulation's result, kept pool by pool
        self.bindings: dict[str, binding.Binding] = {}
        self._pool_of: dict[str, Pool] = {}
        self._place_of: dict[str, object] = {}  # volume -> its place in the canonical order
        self._pools = _Index()        # pool -> claims and volumes
        self._claims_named = _Index()  # (namespace, name) -> claims
        self._reserving = _Index()     # (namespace, name) -> volumes whose claimRef names it
        self._volumes_named = _Index()  # PV name -> volumes
        self._naming = _Index()         # PV name -> claims whose volumeName names it

    def clear(self) -> None:
        self.__init__()  # type: ignore[misc]

    def update(self, reads: Mapping[str, Claim | Volume | None], places: Mapping[str, object],
               default: str | None, in_order: Callable[[Iterable[str]], list[str]]) -> set[str]:
        """Take what binding now reads of the nodes in `reads` (None: no longer a claim or a
        volume) and the default class; re-simulate the pools that changed. `in_order` puts
        volume nodes in the document's canonical order, which decides between volumes of one
        name or one capacity; `places` holds the volumes' places in it (a volume that moved
        changes the result as much as one edited). Returns the claims whose bind edge
        changed."""
        dirty: set[Pool] = set()
        gone: list[str] = []
        if default != self.default:  # (whether a claim of unset class fits depends on it)
            self.default = default
            for node, claim in self.claims.items():
                if claim.storage_class is None:
                    dirty.add(self._pool_of[node])
                    self._move(node, self._pool(claim), dirty)
        for node, read in reads.items():
            known = self.claims.get(node) or self.volumes.get(node)
            place = places.get(node)
            if read == known and self._place_of.get(node) == place:
                continue
            if place is None:
                self._place_of.pop(node, None)
            else:
                self._place_of[node] = place
            if node in self._pool_of:  # its pool, and those its references reached
                dirty.add(self._pool_of[node])
                dirty.update(self._pool_of[other] for other in self._links(node))
                self._remove(node)
                gone.append(node)
            if read is not None:
                self._add(node, read)
                dirty.add(self._pool_of[node])
        return self._simulate(self._joined(dirty), gone, in_order) if dirty else set()

    # --- the pools ---------------------------------------------------------------------------
    def _pool(self, read: Claim | Volume) -> Pool:
        if isinstance(read, Claim):
            if read.volume_name:
                return ("volumeName", read.volume_name)
            return ("class", binding.effective_class(read, self.default))
        if read.claim_name:
            return ("claimRef", read.claim_namespace, read.claim_name)
        return ("class", read.storage_class)

    def _add(self, node: str, read: Claim | Volume) -> None:
        pool = self._pool_of[node] = self._pool(read)
        self._pools.add(pool, node)
        if isinstance(read, Claim):
            self.claims[node] = read
            self._claims_named.add((read.namespace, read.name), node)
            if read.volume_name:
                self._naming.add(read.volume_name, node)
        else:
            self.volumes[node] = read
            self._volumes_named.add(read.name, node)
            if read.claim_name:
                self._reserving.add((read.claim_namespace, read.claim_name), node)

    def _remove(self, node: str) -> None:
        self._pools.discard(self._pool_of.pop(node), node)
        claim = self.claims.pop(node, None)
        if claim is not None:
            self._claims_named.discard((claim.namespace, claim.name), node)
            if claim.volume_name:
                self._naming.discard(claim.volume_name, node)
        volume = self.volumes.pop(node, None)
        if volume is not None:
            self._volumes_named.discard(volume.name, node)
            if volume.claim_name:
                self._reserving.discard((volume.claim_namespace, volume.claim_name), node)

    def _move(self, node: str, pool: Pool, dirty: set[Pool]) -> None:
        old = self._pool_of[node]
        if old != pool:
            dirty.update((old, pool))
            self._pools.discard(old, node)
            self._pools.add(pool, node)
            self._pool_of[node] = pool

    def _links(self, node: str) -> Iterable[str]:
        """The nodes in other pools that `node` can meet in the simulation: the volumes that
        reserve a claim or that it names, the claims a volume reserves or that name it."""
        claim = self.claims.get(node)
        if claim is not None:
            yield from self._reserving.get((claim.namespace, claim.name))
            if claim.volume_name:
                yield from self._volumes_named.get(claim.volume_name)
            return
        volume = self.volumes[node]
        if volume.claim_name:
            yield from self._claims_named.get((volume.claim_namespace, volume.claim_name))
        yield from self._naming.get(volume.name)

    def _joined(self, pools: set[Pool]) -> set[Pool]:
        """`pools` and every pool a claimRef or volumeName reaches from them, transitively."""
        todo, seen = list(pools), set(pools)
        while todo:
            for node in self._pools.get(todo.pop()):
                for other in self._links(node):
                    pool = self._pool_of[other]
                    if pool not in seen:
                        seen.add(pool)
                        todo.append(pool)
        return seen

    def _simulate(self, pools: set[Pool], gone: list[str],
                  in_order: Callable[[Iterable[str]], list[str]]) -> set[str]:
        nodes = [node for pool in pools for node in self._pools.get(pool)]
        claims = [self.claims[n] for n in nodes if n in self.claims]
        volumes = [self.volumes[n] for n in in_order(n for n in nodes if n in self.volumes)]
        result = binding.simulate(claims, volumes, self.default)
        new = {edge[0]: edge for edge in binding.edges_of(result)}
        changed = set()
        decided = [c.node for c in claims] + [n for n in gone if n not in self.claims]
        for claim in decided:
            self.bindings.pop(claim, None)
        self.bindings.update((bound.claim, bound) for bound in result)
        for claim in decided:
            edge = new.get(claim)
            old = self.edges.get(claim)
            if old != edge:
                changed.add(claim)
                if old is not None and self.bound_to.get(old[1]) == claim:
                    del self.bound_to[old[1]]
                if edge is None:
                    del self.edges[claim]
                else:
                    self.edges[claim] = edge
                    self.bound_to[edge[1]] = claim
        return changed
