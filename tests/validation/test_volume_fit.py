"""The grouped explanation of `pvc.binding.no-match` equals scoring every volume (issue 18)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model import binding
from kubecanvas.model.record import replace
from kubecanvas.validation.volume_fit import VolumeFit

CLASSES = st.sampled_from(["", "standard", "fast"])
MODES = st.frozensets(st.sampled_from(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"]))
SIZES = st.sampled_from([None, Fraction(1 << 30), Fraction(5 << 30)])
CLAIMS = st.sampled_from([("shop", "data"), ("shop", "logs"), ("web", "data"), ("", "")])


@st.composite
def volumes(draw: st.DrawFn) -> binding.Volume:
    ns, name = draw(CLAIMS)
    return binding.Volume(
        node=draw(st.uuids()).hex, name=draw(st.sampled_from(["pv-a", "pv-b", "pv-c", "pv-d"])),
        storage_class=draw(CLASSES), access_modes=draw(MODES), capacity=draw(SIZES),
        volume_mode=draw(st.sampled_from(["Filesystem", "Block"])),
        labels=draw(st.sampled_from([{}, {"tier": "db"}])), claim_namespace=ns, claim_name=name,
        phase=draw(st.sampled_from(["Available", "Released"])))


@st.composite
def claims(draw: st.DrawFn) -> binding.Claim:
    ns, name = draw(CLAIMS.filter(lambda c: c[1]))
    return binding.Claim(
        node="claim", namespace=ns, name=name, storage_class=draw(st.none() | CLASSES),
        access_modes=draw(MODES), request=draw(SIZES),
        volume_mode=draw(st.sampled_from(["Filesystem", "Block"])),
        selector=draw(st.sampled_from([None, {"matchLabels": {"tier": "db"}}])), volume_name="")


def scan(claim: binding.Claim, found: list[binding.Volume], default: str | None
         ) -> tuple[list[tuple[int, str, str, str]], int]:
    scored = []
    for volume in found:
        reasons = binding.mismatches(claim, volume, default)
        if reasons:
            scored.append((len(reasons), volume.name, "; ".join(reasons),
                           "; ".join(r.ko for r in reasons)))
    scored.sort()
    return scored[:3], len(scored)


@settings(max_examples=300, deadline=None)
@given(st.lists(volumes(), max_size=14), claims(), st.none() | CLASSES)
def test_grouped_equals_a_scan_of_every_volume(found: list[binding.Volume], claim: binding.Claim,
                                               default: str | None) -> None:
    fit = VolumeFit({v.node: v for v in found})
    assert fit.closest(claim, default) == scan(claim, found, default)


@settings(max_examples=300, deadline=None)
@given(st.lists(volumes(), max_size=10), st.lists(volumes(), max_size=6),
       st.lists(st.booleans(), min_size=10, max_size=10), claims(), st.none() | CLASSES)
def test_groups_kept_from_one_check_to_the_next_equal_a_scan(
        before: list[binding.Volume], changed: list[binding.Volume], kept: list[bool],
        claim: binding.Claim, default: str | None) -> None:
    """`sync` after volumes came, went and changed (a new object under an old node) explains
    exactly as a scan of the volumes now."""
    fit = VolumeFit({v.node: v for v in before})
    now = {v.node: v for v, keep in zip(before, kept, strict=False) if keep}
    for old, new in zip(before, changed, strict=False):  # the same node, another volume
        now[old.node] = replace(new, node=old.node)
    now.update({v.node: v for v in changed[len(before):]})
    fit.sync(now)
    assert fit.closest(claim, default) == scan(claim, list(now.values()), default)


def test_a_volume_no_longer_reserved_leaves_the_claims_it_was_reserved_for() -> None:
    reserved = binding.Volume(
        node="n1", name="pv-a", storage_class="fast", access_modes=frozenset({"ReadWriteOnce"}),
        capacity=Fraction(1 << 30), volume_mode="Filesystem", labels={},
        claim_namespace="shop", claim_name="data", phase="Available")
    claim = binding.Claim(
        node="claim", namespace="shop", name="data", storage_class="standard",
        access_modes=frozenset({"ReadWriteOnce"}), request=Fraction(1 << 30),
        volume_mode="Filesystem", selector=None, volume_name="")
    fit = VolumeFit({"n1": reserved})
    free = replace(reserved, claim_namespace="", claim_name="")
    fit.sync({"n1": free})
    assert fit.closest(claim, None) == scan(claim, [free], None)


def fitting_scan(claim: binding.Claim, found: list[binding.Volume], default: str | None
                 ) -> tuple[list[str], int]:
    names = sorted(v.name for v in found if not binding.mismatches(claim, v, default))
    return names[:3], len(names)


@settings(max_examples=300, deadline=None)
@given(st.lists(volumes(), max_size=14), st.lists(volumes(), max_size=4), claims(),
       st.none() | CLASSES)
def test_the_volumes_that_fit_and_the_kept_explanation_equal_a_scan(
        found: list[binding.Volume], added: list[binding.Volume], claim: binding.Claim,
        default: str | None) -> None:
    """`fitting` is every volume with no reason against it; `explained`, asked for a claim of
    another name first and kept across a `sync`, still answers as a scan of the volumes now,
    and `sync` names the claim's shape when its answer changed."""
    fit = VolumeFit({v.node: v for v in found})
    twin = replace(claim, name="other", node="other")
    fit.explained(twin, default)
    assert fit.fitting(claim, default) == fitting_scan(claim, found, default)
    assert fit.explained(claim, default) == (scan(claim, found, default),
                                             fitting_scan(claim, found, default))
    before, shape = fit.explained(claim, default), fit.shape(claim, default)
    now = found + added
    changed = fit.sync({v.node: v for v in now})
    after = fit.explained(claim, default)
    assert after == (scan(claim, now, default), fitting_scan(claim, now, default))
    # a verdict that read its shape's answer is re-checked when that answer changed (the
    # engine re-checks the claims `sync` names; a claim with an answer of its own reads all)
    if shape is not None and fit.shape(claim, default) == shape and after != before:
        assert shape in changed
