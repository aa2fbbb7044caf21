"""`OrderMemo` gives what `in_order` gives, sorting again only when the order may have moved."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.model.order import OrderMemo, in_order
from kubecanvas.model.record import replace
from kubecanvas.model.resource import Resource


def _volume(name: str, size: str = "1Gi") -> Resource:
    return Resource({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
                     "spec": {"capacity": {"storage": size}}})


# (rename to one of a few names: ties; resize: same place; add; remove)
step = st.tuples(st.sampled_from(["rename", "resize", "add", "remove"]), st.integers(0, 20),
                 st.sampled_from(["a", "b", "c", "d"]))


@settings(max_examples=200, deadline=None)
@given(st.lists(step, max_size=25))
def test_the_memo_orders_as_in_order_after_any_changes(steps) -> None:
    resources = [_volume(name) for name in "dcab"]
    memo = OrderMemo()
    assert memo.ordered(resources) == in_order(resources)
    for action, index, name in steps:
        if action == "add" or not resources:
            resources.append(_volume(name, f"{index}Gi"))
        else:
            place = index % len(resources)
            res = resources[place]
            if action == "remove":
                del resources[place]
            else:
                manifest = {**res.manifest, "metadata": {"name": name}} if action == "rename" \
                    else {**res.manifest, "spec": {"capacity": {"storage": f"{index}Gi"}}}
                resources[place] = replace(res, manifest=manifest)
        assert [r.id for r in memo.ordered(resources)] == [r.id for r in in_order(resources)]


def test_a_change_that_keeps_every_place_reuses_the_order(monkeypatch) -> None:
    from kubecanvas.model import order

    resources = [_volume(name) for name in "dcab"]
    memo = OrderMemo()
    memo.ordered(resources)
    sorts: list[int] = []
    monkeypatch.setattr(order, "in_order", lambda found: sorts.append(1) or in_order(found))
    resources[0] = replace(resources[0], manifest={**resources[0].manifest,
                                                   "spec": {"capacity": {"storage": "5Gi"}}})
    assert [r.name for r in memo.ordered(resources)] == ["a", "b", "c", "d"]
    assert memo.ordered(resources)[3] is resources[0]  # the edited resource, in its place
    assert sorts == []
