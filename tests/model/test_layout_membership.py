"""`BlockKey` (a record, its order written out) sorts, compares and hashes as the
`dataclass(frozen=True, order=True)` it replaced: by namespace, then application."""

from __future__ import annotations

import itertools

import pytest

from kubecanvas.model.layout.membership import BlockKey
from kubecanvas.model.record import FrozenRecordError

KEYS = [BlockKey(ns, app) for ns in ("", "shop", "a", "shop-b") for app in
        ("~under", "app=web", "", "shared", "app=api")]


def test_block_keys_sort_by_namespace_then_application() -> None:
    assert sorted(KEYS) == sorted(KEYS, key=lambda k: (k.namespace, k.app))
    assert sorted(reversed(KEYS)) == sorted(KEYS)


def test_every_comparison_agrees_with_the_pair_of_fields() -> None:
    for a, b in itertools.product(KEYS, repeat=2):
        pa, pb = (a.namespace, a.app), (b.namespace, b.app)
        assert (a < b, a <= b, a > b, a >= b, a == b) == (pa < pb, pa <= pb, pa > pb, pa >= pb,
                                                         pa == pb), (a, b)


def test_a_block_key_is_not_ordered_against_a_tuple_and_is_frozen() -> None:
    key = BlockKey("shop", "app=web")
    with pytest.raises(TypeError):
        _ = key < ("shop", "app=web")  # type: ignore[operator]
    assert key != ("shop", "app=web")
    assert hash(key) == hash(BlockKey("shop", "app=web"))
    with pytest.raises(FrozenRecordError):
        key.app = "other"  # type: ignore[misc]
