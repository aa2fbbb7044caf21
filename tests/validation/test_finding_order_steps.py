"""The validator's sorted findings write each update down as a step (`FindingOrder.since`): the
list before, less the findings a step removed, plus those it added, is the list after, in the
order of the keys the steps carry; a whole sort (a rename that moves findings others name)
ends the steps, so a reader compares whole lists instead."""

from __future__ import annotations

import random

from tests.bench.generate import generate_yaml

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.edits import RemoveResource, SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation.engine import Validator, validate_document


def _design() -> tuple[Document, Validator]:
    document = Document(load_text(generate_yaml(200, 3), "g.yaml").resources)
    return document, Validator(document, WiringGraph(document))


def _edit(document: Document, rng: random.Random, number: int) -> None:
    resources = sorted(document, key=lambda r: (r.kind, r.namespace, r.name))
    services = [r for r in resources if r.kind == "Service" and r.spec.get("selector")]
    choice = rng.randrange(4)
    if choice == 0:
        target = rng.choice(services)
        key = sorted(target.spec["selector"])[0]
        SetField(target.id, ("spec", "selector", key), f"v{number}").apply(document)
    elif choice == 1:
        target = rng.choice([r for r in resources if r.kind == "Deployment"])
        SetField(target.id, ("spec", "replicas"), number % 3).apply(document)
    elif choice == 2:
        RemoveResource(rng.choice(resources).id).apply(document)
    else:
        target = rng.choice([r for r in resources if r.kind == "ConfigMap"])
        SetField(target.id, ("data", "k"), str(number)).apply(document)


def test_steps_turn_the_list_before_into_the_list_after() -> None:
    document, validator = _design()
    rng = random.Random(7)
    before = validator.findings
    mark = validator.order.mark()
    stepped = 0
    for number in range(30):
        _edit(document, rng, number)
        after = validator.findings
        steps = validator.order.since(mark)
        if steps is None:  # a whole sort: nothing to follow
            before, mark = after, validator.order.mark()
            continue
        rows = list(before)
        for removed, added in steps:
            gone = {id(f) for _, f in removed}
            assert gone <= {id(f) for f in rows}, "a step removes only findings listed"
            rows = [f for f in rows if id(f) not in gone] + [f for _, f in added]
        assert sorted(map(id, rows)) == sorted(map(id, after))
        keys = [validator.order.key_of(f) for f in after]
        assert keys == sorted(keys), "the list is in the order of the keys"
        for _, added in steps:
            for key, finding in added:
                assert validator.order.key_of(finding) == key
        stepped += bool(steps)
        before, mark = after, validator.order.mark()
    assert stepped > 15
    assert validator.findings == validate_document(document)


def test_a_whole_sort_or_updates_not_read_end_the_steps() -> None:
    document, validator = _design()
    validator.findings  # noqa: B018 - read: the list is sorted
    mark = validator.order.mark()
    assert validator.order.since(mark) == []
    target = next(r for r in sorted(document, key=lambda r: r.name) if r.kind == "ConfigMap")
    SetField(target.id, ("data", "k"), "v").apply(document)
    assert validator.order.since(mark) is None, "the update is not applied before a read"
    validator.findings  # noqa: B018
    assert validator.order.since(mark) is not None
    validator.forget_order()
    validator.findings  # noqa: B018
    assert validator.order.since(mark) is None
