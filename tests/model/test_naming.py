"""Designing from scratch: new resources' namespaces, labels generated from a name following a
rename, undo texts that tell the truth, and articles that fit the kind."""

from __future__ import annotations

import json

from kubecanvas.model.connect import connect_actions, rename_edit, why_not
from kubecanvas.model.document import Document
from kubecanvas.model.edits import Compound, SetField, UndoStack
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import get_path
from kubecanvas.model.references import EdgeType
from kubecanvas.model.templates import drop_namespace, new_resource

from .factories import deployment, service

FIVE = ("Deployment", "Service", "Ingress", "ConfigMap", "PersistentVolumeClaim")


def _dump(doc: Document) -> str:
    return json.dumps([r.manifest for r in doc], sort_keys=True)


def _add(doc: Document, kind: str, frame: str | None = None):
    res = new_resource(kind, doc, namespace=drop_namespace(doc, frame))
    doc.add(res)
    return res


def test_design_without_namespaces_gives_every_new_resource_none() -> None:
    doc = Document()
    # the canvas draws a `default` frame around namespace-less resources; dropping inside it
    # must not write `namespace: default` into some kinds and not others
    made = [_add(doc, kind, "default" if doc else None) for kind in FIVE]
    assert [r.namespace for r in made] == [""] * 5


def test_new_resource_takes_the_namespace_the_design_names() -> None:
    doc = Document([deployment("web", ns="shop")])
    made = [_add(doc, kind, "shop") for kind in FIVE]
    assert {r.namespace for r in made} == {"shop"}
    assert _add(doc, "ConfigMap", None).namespace == ""


def test_a_namespace_resource_makes_its_frame_a_named_namespace() -> None:
    doc = Document([new_resource("Namespace", [])])
    ns = next(iter(doc)).name
    assert _add(doc, "Service", ns).namespace == ns


def test_generated_labels_follow_a_rename_in_one_undo_step() -> None:
    doc = Document()
    web = _add(doc, "Deployment")
    svc = _add(doc, "Service")
    graph = WiringGraph(doc)
    stack = UndoStack(doc)
    stack.push(connect_actions(doc, graph, svc.id, web.id)[0].edit())
    assert [e.target for e in graph.out_edges(svc.id, EdgeType.SELECTS)] == [web.id]
    before = _dump(doc)
    stack.push(rename_edit(doc, graph, web.id, "web"))
    renamed = doc.get(web.id).manifest
    assert get_path(renamed, ("spec", "template", "metadata", "labels")) == {"app": "web"}
    assert get_path(renamed, ("spec", "selector", "matchLabels")) == {"app": "web"}
    assert doc.get(svc.id).manifest["spec"]["selector"] == {"app": "web"}
    assert [e.target for e in graph.out_edges(svc.id, EdgeType.SELECTS)] == [web.id]
    stack.undo()
    assert _dump(doc) == before


def test_imported_or_user_labels_never_change_on_rename() -> None:
    web = deployment("web")  # as if imported: nothing generated
    doc = Document([web])
    graph = WiringGraph(doc)
    doc_edit = rename_edit(doc, graph, web.id, "shop")
    UndoStack(doc).push(doc_edit)
    assert get_path(doc.get(web.id).manifest, ("spec", "template", "metadata", "labels")) == \
        {"app": "web"}


def test_a_label_the_user_changed_stays_on_rename() -> None:
    doc = Document()
    web = _add(doc, "Deployment")
    graph = WiringGraph(doc)
    stack = UndoStack(doc)
    path = ("spec", "template", "metadata", "labels", "app")
    stack.push(Compound([SetField(web.id, path, "frontend"),
                         SetField(web.id, ("spec", "selector", "matchLabels", "app"), "frontend")]))
    stack.push(rename_edit(doc, graph, web.id, "web"))
    assert get_path(doc.get(web.id).manifest, path) == "frontend"


def test_a_service_selector_that_selects_pods_is_wiring_not_a_name_copy() -> None:
    doc = Document()
    svc = _add(doc, "Service")
    # pods labelled app=service-1: the generated selector now selects them
    doc.add(deployment("pods", labels={"app": svc.name}))
    graph = WiringGraph(doc)
    UndoStack(doc).push(rename_edit(doc, graph, svc.id, "front"))
    assert doc.get(svc.id).manifest["spec"]["selector"] == {"app": "service-1"}


def test_a_service_that_selects_nothing_carries_its_selector_along() -> None:
    doc = Document()
    lone = _add(doc, "Service")
    graph = WiringGraph(doc)
    UndoStack(doc).push(rename_edit(doc, graph, lone.id, "api"))
    assert doc.get(lone.id).manifest["spec"]["selector"] == {"app": "api"}


def test_a_selector_shared_with_other_pods_does_not_follow() -> None:
    doc = Document()
    web = _add(doc, "Deployment")
    other = deployment("other", labels={"app": web.name})
    doc.add(other)
    svc = service("front", {"app": web.name})
    doc.add(svc)
    graph = WiringGraph(doc)
    UndoStack(doc).push(rename_edit(doc, graph, web.id, "web"))
    assert doc.get(svc.id).manifest["spec"]["selector"] == {"app": web.name}


def test_mount_undo_text_names_the_chosen_path() -> None:
    doc = Document()
    web = _add(doc, "Deployment")
    claim = _add(doc, "PersistentVolumeClaim")
    graph = WiringGraph(doc)
    (action,) = connect_actions(doc, graph, web.id, claim.id)
    assert "/data" in action.description
    edit = action.edit(mount_path="/var/lib/web")
    assert "/var/lib/web" in edit.description and "/data" not in edit.description
    assert "/var/lib/web" in edit.description.ko


def test_no_wiring_message_uses_fitting_articles() -> None:
    doc = Document()
    ing = _add(doc, "Ingress")
    cm = _add(doc, "ConfigMap")
    graph = WiringGraph(doc)
    text = why_not(doc, graph, ing.id, cm.id)
    assert text.startswith("An Ingress and a ConfigMap"), text
