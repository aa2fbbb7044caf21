"""The wiring graph's store behaves as networkx's MultiDiGraph over random operations.

networkx is no longer imported by KubeCanvas (its import alone cost more CPU than a whole small
`kubecanvas validate`); it stays a test dependency so this test can hold the replacement to it,
including iteration orders.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model.multigraph import MultiDiGraph

NODES = st.sampled_from(["a", "b", "c", "d"])
KEYS = st.sampled_from(["k1", "k2", "k3"])
OPS = st.lists(st.one_of(
    st.tuples(st.just("add_node"), NODES, st.integers(0, 3)),
    st.tuples(st.just("add_edge"), NODES, NODES, KEYS, st.integers(0, 3)),
    st.tuples(st.just("remove_edge"), NODES, NODES, KEYS),
    st.tuples(st.just("remove_node"), NODES),
    st.tuples(st.just("clear")),
), max_size=40)


def _views(g: Any, theirs: bool) -> list[object]:
    out: list[object] = [list(g), list(g.nodes), list(g.nodes(data=True)),
                         list(g.edges()), list(g.edges(data=True)),
                         list(g.edges(keys=True)), list(g.edges(keys=True, data=True))]
    for node in list(g):
        neighbours = nx.all_neighbors(g, node) if theirs else g.all_neighbors(node)
        out += [g.nodes[node], list(g.out_edges(node)),
                list(g.out_edges(node, keys=True)), list(g.out_edges(node, data=True)),
                list(g.out_edges(node, keys=True, data=True)), list(g.in_edges(node)),
                list(g.in_edges(node, keys=True)), list(g.in_edges(node, data=True)),
                list(g.in_edges(node, keys=True, data=True)),
                list(g.predecessors(node)), g.in_degree(node), list(neighbours)]
    for u in "abcd":
        for v in "abcd":
            out += [g.has_edge(u, v, k) for k in ("k1", "k2", "k3")]
        out.append(u in g)
    return out


@settings(max_examples=300, deadline=None)
@given(OPS)
def test_store_matches_networkx(ops: list[tuple[Any, ...]]) -> None:
    ours, theirs = MultiDiGraph(), nx.MultiDiGraph()
    for op in ops:
        name, *args = op
        if name == "add_node":
            node, value = args
            ours.add_node(node, weight=value)
            theirs.add_node(node, weight=value)
        elif name == "add_edge":
            u, v, key, value = args
            ours.add_edge(u, v, key=key, weight=value)
            theirs.add_edge(u, v, key=key, weight=value)
        elif name == "remove_edge":
            u, v, key = args
            if theirs.has_edge(u, v, key):
                ours.remove_edge(u, v, key)
                theirs.remove_edge(u, v, key)
            assert not ours.has_edge(u, v, key)
        elif name == "remove_node":
            (node,) = args
            if node in theirs:
                ours.remove_node(node)
                theirs.remove_node(node)
        else:
            ours.clear()
            theirs.clear()
        assert _views(ours, False) == _views(theirs, True)
