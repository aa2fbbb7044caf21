"""The keyed directed multigraph that stores the wiring graph's nodes and edges.

The wiring graph used networkx's `MultiDiGraph` only as a store: nodes and keyed edges with
attributes, edges in and out of a node, predecessors, in-degree. It used none of networkx's
algorithms, yet importing networkx costs 0.28 s of CPU (a process that only imports it takes
0.33 s against 0.05 s for an empty one), more than the whole budget of a `kubecanvas validate`
of a small file in CI (issue 16). This class keeps exactly the part of networkx's interface the
wiring graph uses, on the same layout of dictionaries (a node's successors and predecessors
share each edge's key dictionary), so iteration orders are networkx's too;
`tests/model/test_multigraph.py` holds it equal to networkx over random operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

Attrs = dict[str, Any]
KeyDict = dict[str, Attrs]


class NodeView:
    """`graph.nodes`: iterate ids, `n in nodes`, `nodes[n]` (attributes), `nodes(data=True)`."""

    __slots__ = ("_node",)

    def __init__(self, node: dict[str, Attrs]) -> None:
        self._node = node

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    def __getitem__(self, node: str) -> Any:  # Any, as networkx's: callers read their own keys
        return self._node[node]

    def __call__(self, data: bool = False) -> Iterator[Any]:
        return iter(self._node.items()) if data else iter(self._node)


class MultiDiGraph:
    """Nodes with attributes and directed edges `(u, v, key)` with attributes."""

    def __init__(self) -> None:
        self._node: dict[str, Attrs] = {}
        self._succ: dict[str, dict[str, KeyDict]] = {}
        self._pred: dict[str, dict[str, KeyDict]] = {}
        self.nodes = NodeView(self._node)

    def __contains__(self, node: object) -> bool:
        return node in self._node

    def __iter__(self) -> Iterator[str]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def clear(self) -> None:
        self._node.clear()
        self._succ.clear()
        self._pred.clear()

    def add_node(self, node: str, **attrs: Any) -> None:
        """Add `node` (or update its attributes)."""
        if node not in self._node:
            self._node[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}
        self._node[node].update(attrs)

    def remove_node(self, node: str) -> None:
        """Remove `node` and every edge into or out of it.

        Raises:
            KeyError: no such node.
        """
        for target in self._succ[node]:
            del self._pred[target][node]
        for source in self._pred[node]:
            del self._succ[source][node]
        del self._succ[node], self._pred[node], self._node[node]

    def add_edge(self, u: str, v: str, key: str, **attrs: Any) -> str:
        """Add edge `(u, v, key)` (adding missing nodes), or update its attributes."""
        for node in (u, v):
            if node not in self._node:
                self.add_node(node)
        keys = self._succ[u].get(v)
        if keys is None:
            keys = self._succ[u][v] = self._pred[v][u] = {}
        data = keys.get(key)
        if data is None:
            data = keys[key] = {}
        data.update(attrs)
        return key

    def remove_edge(self, u: str, v: str, key: str) -> None:
        """Remove edge `(u, v, key)`.

        Raises:
            KeyError: no such edge.
        """
        keys = self._succ[u][v]
        del keys[key]
        if not keys:
            del self._succ[u][v], self._pred[v][u]

    def has_edge(self, u: str, v: str, key: str) -> bool:
        try:
            return key in self._succ[u][v]
        except KeyError:
            return False

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self._pred[node])

    def successors(self, node: str) -> Iterator[str]:
        return iter(self._succ[node])

    def all_neighbors(self, node: str) -> Iterator[str]:
        """Predecessors, then successors (a node can appear in both)."""
        return chain(self._pred[node], self._succ[node])

    def in_degree(self, node: str) -> int:
        """Edges into `node`, each key counted."""
        return sum(len(keys) for keys in self._pred[node].values())

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[Any]:
        """Every edge, by source in insertion order, as networkx's `edges(keys=, data=)`."""
        for u, targets in self._succ.items():
            yield from _rows(((u, v, k, d) for v, ks in targets.items() for k, d in ks.items()),
                             keys, data)

    def out_edges(self, node: str, keys: bool = False, data: bool = False) -> Iterator[Any]:
        """Edges out of `node`, as networkx's `out_edges(node, keys=, data=)`."""
        return _rows(((node, v, k, d) for v, ks in self._succ[node].items()
                      for k, d in ks.items()), keys, data)

    def in_edges(self, node: str, keys: bool = False, data: bool = False) -> Iterator[Any]:
        """Edges into `node`, as networkx's `in_edges(node, keys=, data=)`."""
        return _rows(((u, node, k, d) for u, ks in self._pred[node].items()
                      for k, d in ks.items()), keys, data)


def _rows(edges: Iterator[tuple[str, str, str, Attrs]], keys: bool, data: bool
          ) -> Iterator[Any]:
    if keys and data:
        return edges
    if keys:
        return ((u, v, k) for u, v, k, _ in edges)
    if data:
        return ((u, v, d) for u, v, _, d in edges)
    return ((u, v) for u, v, _, _ in edges)
