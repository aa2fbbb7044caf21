"""The grouped explanation of `pvc.binding.no-match` equals scoring every volume (issue 18)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model import binding
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
    assert VolumeFit(found).closest(claim, default) == scan(claim, found, default)
