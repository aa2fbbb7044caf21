"""Fewer crossings once every wire is routed: rip-up and reroute, then a sweep over ports.

`routing.route_all` routes wires one after another, each around the cards and across the
fewest wires routed *before* it; a wire routed early cannot see the ones after it. Two
published remedies run here on the finished routing, both only keeping a change that crosses
fewer wires (so they never make the picture worse):

- rip-up and reroute (as in VLSI routers and libavoid's improvement pass): each wire that
  crosses others is taken out and routed again with all the others in place;
- a transposition sweep over ports (the adjacent-exchange step of layered crossing reduction,
  applied to the order of wires along a card's side): two wires meeting one side of a card next
  to each other swap their ports when, routed again, they cross fewer wires. Ports are ordered
  by where the other ends are, but a wire that must come round from below then takes a port
  above one that comes straight in, and the two cross at the card (ingress-variants).

Measured on ../shared/corpus (tests/bench/bench_layout.py): 83 -> 20 crossings with the gaps
and detours of `route_wire`; the largest application (Online Boutique, 47 wires) routes in
0.45 s of CPU instead of 0.07 s. The cost grows much faster than the wires (a generated
design of 538 wires: 29 s instead of 2 s), so `route_all` does this only up to
`routing.DETOUR_LIMIT` wires.
The router itself comes in as `route(i)` (wire `i` routed among the others as they are now,
in steps: `grid_astar.astar_steps`), so this module needs only the index of routed segments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from kubecanvas.model.layout.grid_astar import Steps
from kubecanvas.model.layout.quality import Point
from kubecanvas.model.layout.segment_index import SegmentIndex

#: rip-up and reroute: passes over the wires that still cross others once all are routed
REROUTE_PASSES = 2
#: wire number -> (start port, end port, side it leaves by)
Wires = dict[int, tuple[Point, Point, str]]


def uncross(routes: list[tuple[Point, ...]], wires: Wires, ends: Sequence[tuple[str, str]],
            drawn: SegmentIndex, route: Callable[[int], Steps[tuple[Point, ...]]]
            ) -> Steps[None]:
    """Improve `routes` in place (and `wires`' ports); `drawn` holds every route, by number.

    Args:
        routes: each wire's polyline, by wire number.
        wires: each routed wire's ports and side (ports may be swapped).
        ends: each wire's (source, target) card ids.
        drawn: the routed segments, each wire's added under its number.
        route: routes wire `i` from its ports in `wires` among what `drawn` holds now.
    """
    yield from _reroute(routes, wires, drawn, route)
    yield from _swap_ports(routes, wires, ends, drawn, route)


def _reroute(routes: list[tuple[Point, ...]], wires: Wires, drawn: SegmentIndex,
             route: Callable[[int], Steps[tuple[Point, ...]]]) -> Steps[None]:
    """Rip-up and reroute: each wire that crosses others is routed again with every other
    wire in place (the first pass saw only those routed before it), and keeps the new route
    when it crosses fewer; a few passes, until none improves."""
    for _ in range(REROUTE_PASSES):
        improved = False
        for i in wires:
            drawn.remove(i)
            crossed = drawn.crossings(routes[i])
            if crossed:
                again = yield from route(i)
                if drawn.crossings(again) < crossed:
                    routes[i] = again
                    improved = True
            drawn.add(routes[i], i)
        if not improved:
            return


def _swap_ports(routes: list[tuple[Point, ...]], wires: Wires, ends: Sequence[tuple[str, str]],
                drawn: SegmentIndex, route: Callable[[int], Steps[tuple[Point, ...]]]
                ) -> Steps[None]:
    """One sweep along each card side: neighbouring wires swap ports where that uncrosses."""
    sides: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, (_, _, side) in wires.items():
        sides[(ends[i][0], 0, side)].append(i)
        sides[(ends[i][1], 1, side)].append(i)
    for (_, end, _), group in sides.items():
        group.sort(key=lambda i: (wires[i][end], i))
        for a, b in zip(group, group[1:], strict=False):
            old = {a: (wires[a], routes[a]), b: (wires[b], routes[b])}
            before = _pair_crossings(a, b, routes, drawn)
            if before == 0:
                continue
            (sa, ea, side), (sb, eb, _) = wires[a], wires[b]
            wires[a], wires[b] = ((sa, eb, side), (sb, ea, side)) if end else \
                ((sb, ea, side), (sa, eb, side))
            for i in (a, b):
                drawn.remove(i)
            for i in (a, b):
                routes[i] = yield from route(i)
                drawn.add(routes[i], i)
            if _pair_crossings(a, b, routes, drawn) >= before:  # no better: as it was
                for i in (a, b):
                    drawn.remove(i)
                for i, (wire, path) in old.items():
                    wires[i], routes[i] = wire, path
                    drawn.add(path, i)


def _pair_crossings(a: int, b: int, routes: Sequence[tuple[Point, ...]],
                    drawn: SegmentIndex) -> int:
    """The wires that wires `a` and `b` cross (a crossing of the two counted once)."""
    total = 0
    for i in (a, b):
        drawn.remove(i)
    for i in (a, b):
        total += drawn.crossings(routes[i])
        drawn.add(routes[i], i)
    return total
