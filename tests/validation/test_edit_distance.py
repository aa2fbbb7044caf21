"""`edit_distance` with a limit computes only a band around the diagonal: it must give the exact
distance whenever that is within the limit, and limit + 1 otherwise; `closest` picks the same
name as before."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from kubecanvas.validation.fixes import closest, edit_distance

_names = st.text(alphabet="abc-9", max_size=10)


def _whole_table(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@settings(max_examples=400)
@given(_names, _names, st.integers(min_value=0, max_value=5))
@example("abcd", "d", 3)  # a path along the band's edge: three deletions first
@example("d", "abcd", 3)
@example("web-config", "web-confgi", 2)
def test_the_band_gives_the_whole_tables_distance_within_the_limit(a: str, b: str,
                                                                   limit: int) -> None:
    exact = _whole_table(a, b)
    assert edit_distance(a, b) == exact
    assert edit_distance(a, b, limit) == (exact if exact <= limit else limit + 1)


def test_closest_names() -> None:
    names = ["web-config", "web-secret", "api-config", "db"]
    assert closest("web-confg", names) == "web-config"
    assert closest("api-configx", names) == "api-config"
    assert closest("cache", names) is None
    assert closest("db", ["db", "dc", "da"]) == "da"  # itself left out; ties alphabetical


def _closest_over_all(name: str, candidates: list[str]) -> str | None:
    """`closest` as it was: every candidate sorted and measured, whatever its length."""
    limit = min(3, max(1, len(name) // 3))
    best: tuple[int, str] | None = None
    for cand in sorted(set(candidates)):
        if cand == name:
            continue
        dist = edit_distance(name, cand, limit)
        if dist <= limit and (best is None or dist < best[0]):
            best = (dist, cand)
    return best[1] if best else None


@settings(max_examples=300)
@given(_names, st.lists(_names, max_size=12))
@example("web-config", ["web-config-x", "web-confi", "web-conf", "web-configxyz"])
def test_closest_skipping_far_lengths_picks_the_same_name(name: str, names: list[str]) -> None:
    # candidates whose length is beyond the limit are dropped unmeasured: the same answer
    assert closest(name, names) == _closest_over_all(name, names)
