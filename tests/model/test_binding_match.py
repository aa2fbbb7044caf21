"""The PV controller's match as `binding.simulate` plays it: the smallest free volume that fits
each unbound claim, in (namespace, name) order of the claims; among equal volumes the one whose
name's `spread` is nearest the claim's by XOR, so that one volume changed moves few bindings."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model import binding
from kubecanvas.model.binding import Claim, Volume, spread
from kubecanvas.model.record import replace

GI = Fraction(2**30)


def volume(name: str, size: int = 1, cls: str = "standard", modes: str = "RWO",
           labels: dict[str, str] | None = None) -> Volume:
    return Volume(f"pv/{name}", name, cls, frozenset(modes.split(",")), size * GI,
                  "Filesystem", labels or {}, "", "", "Available")


def claim(name: str, size: int = 1, cls: str = "standard", modes: str = "RWO",
          namespace: str = "default", selector: object = None) -> Claim:
    return Claim(f"pvc/{namespace}/{name}", namespace, name, cls, frozenset(modes.split(",")),
                 size * GI, "Filesystem", selector, "")


def matches(claims: list[Claim], volumes: list[Volume]) -> dict[str, str]:
    return {b.claim: b.volume for b in binding.simulate(claims, volumes)}


def reference(claims: list[Claim], volumes: list[Volume]) -> dict[str, str]:
    """The rule written plainly: every claim in order scans every free volume."""
    taken: set[str] = set()
    out = {}
    for c in sorted(claims, key=lambda c: (c.namespace, c.name)):
        fitting = [(v.capacity, spread(f"{c.namespace}/{c.name}") ^ spread(v.name), place, v)
                   for place, v in enumerate(volumes)
                   if v.node not in taken and binding.fits(c, v)]
        if fitting:
            chosen = min(fitting, key=lambda t: t[:3])[3]
            taken.add(chosen.node)
            out[c.node] = chosen.node
    return out


SIZES = st.sampled_from([1, 2, 5])
MODES = st.sampled_from(["RWO", "RWX", "RWO,RWX"])
CLASSES = st.sampled_from(["standard", "fast"])
LABELS = st.sampled_from([None, {"tier": "gold"}])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(SIZES, CLASSES, MODES, LABELS), max_size=25),
       st.lists(st.tuples(SIZES, CLASSES, MODES, st.booleans()), max_size=25))
def test_the_match_is_the_plain_rule(volume_specs, claim_specs) -> None:  # type: ignore[no-untyped-def]
    volumes = [volume(f"pv-{i}", *spec) for i, spec in enumerate(volume_specs)]
    claims = [claim(f"data-{i}", size, cls, modes,
                    selector={"matchLabels": {"tier": "gold"}} if picky else None)
              for i, (size, cls, modes, picky) in enumerate(claim_specs)]
    assert matches(claims, volumes) == reference(claims, volumes)


def test_the_smallest_fitting_volume_wins_before_any_tie_break() -> None:
    volumes = [volume("a-big", 5), volume("b-small", 1), volume("c-mid", 2)]
    assert matches([claim("data", 2)], volumes) == {"pvc/default/data": "pv/c-mid"}
    assert matches([claim("data", 1)], volumes) == {"pvc/default/data": "pv/b-small"}


def test_the_match_does_not_depend_on_the_order_volumes_are_listed_in() -> None:
    volumes = [volume(f"pv-{i:03}") for i in range(60)]
    claims = [claim(f"data-{i:03}") for i in range(45)]
    first = matches(claims, volumes)
    shuffled = list(volumes)
    random.Random(7).shuffle(shuffled)
    assert matches(claims, shuffled) == first


def test_one_volume_changed_moves_few_bindings_however_many_there_are() -> None:
    """300 equal free volumes and 400 claims (the bench's 15,000 resources have 341 and 716):
    before, claims took equal volumes by name, and resizing one moved every later claim along
    (hundreds of bindings for one edit)."""
    volumes = [volume(f"pv-{i:03}") for i in range(300)]
    claims = [claim(f"data-web-{i}") for i in range(400)]
    before = matches(claims, volumes)
    moved = []
    for i in range(0, 300, 15):
        edited = list(volumes)
        edited[i] = replace(volumes[i], capacity=2 * GI)
        after = matches(claims, edited)
        moved.append(sum(before.get(c) != after.get(c) for c in set(before) | set(after)))
    assert max(moved) <= 40
    assert sorted(moved)[len(moved) // 2] <= 20
