"""The Control Plane dock's workload when none is selected, kept across edits, equals choosing
it from scratch after every edit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import builders

from kubecanvas.model.document import Document
from kubecanvas.model.edits import RemoveResource, SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.first_workload import FirstWorkload, first_workload

NAMES = ("web", "api", "db")


def _make(kind: str, name: str) -> Resource:
    if kind == "Deployment":
        return Resource(manifest=builders.deployment(name))
    if kind == "StatefulSet":
        return Resource(manifest=builders.deployment(name) | {"kind": "StatefulSet"})
    return Resource(manifest=builders.service(name, {"app": name}))


def test_the_most_pointed_at_workload_of_the_first_kind_wins() -> None:
    doc = Document([_make("StatefulSet", "a"), _make("Deployment", "web"),
                    _make("Deployment", "api"), _make("Service", "api")])
    graph = WiringGraph(doc)
    first = FirstWorkload(doc, graph)
    doc.subscribe(lambda change: first.follow(change, graph.last_touched))  # after the graph
    api, web = (next(r.id for r in doc if r.kind == "Deployment" and r.name == n)
                for n in ("api", "web"))
    assert first.current() == first_workload(doc, graph) == api  # a Service selects it
    service = next(r for r in doc if r.kind == "Service")
    SetField(service.id, ("spec", "selector", "app"), "web").apply(doc)
    assert first.current() == web


ops = st.lists(st.tuples(
    st.sampled_from(["add", "add", "rename", "select", "remove", "kind"]),
    st.sampled_from(["Deployment", "StatefulSet", "Service"]), st.integers(0, 40),
    st.sampled_from(NAMES)), min_size=1, max_size=25)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops, st.integers(0, 3))
def test_kept_across_edits_equals_a_choice_from_scratch(operations, read_every) -> None:  # type: ignore[no-untyped-def]
    doc = Document([_make("Deployment", "web")])
    graph = WiringGraph(doc)
    first = FirstWorkload(doc, graph)
    doc.subscribe(lambda change: first.follow(change, graph.last_touched))  # after the graph
    for step, (action, kind, index, name) in enumerate(operations):
        if action == "add" or not len(doc):
            doc.add(_make(kind, name))
        else:
            target = doc.get(doc.ids()[index % len(doc)])
            if action == "remove":
                RemoveResource(target.id).apply(doc)
            elif action == "rename":
                SetField(target.id, ("metadata", "name"), name).apply(doc)
            elif action == "kind" and target.kind != "Service":
                SetField(target.id, ("kind",), kind if kind != "Service" else "Job").apply(doc)
            elif target.kind == "Service":
                SetField(target.id, ("spec", "selector", "app"), name).apply(doc)
            else:
                SetField(target.id, ("spec", "template", "metadata", "labels", "app"),
                         name).apply(doc)
        if read_every and step % read_every == 0:  # read now and then, as the dock does
            assert first.current() == first_workload(doc, graph), (action, kind, name)
    assert first.current() == first_workload(doc, graph)
