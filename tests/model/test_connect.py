from __future__ import annotations

import json

from kubecanvas.model.connect import (
    connect_actions,
    disconnect_edit,
    remove_edit,
    rename_edit,
    why_not,
)
from kubecanvas.model.document import Document
from kubecanvas.model.edits import UndoStack
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.references import EdgeType
from kubecanvas.model.templates import default_manifest, new_resource

from .factories import deployment, pv, pvc, service, simple


def _setup(*resources):
    doc = Document(resources)
    return doc, WiringGraph(doc), UndoStack(doc)


def _dump(doc):
    return json.dumps([r.manifest for r in doc], sort_keys=True)


def test_service_to_deployment_selects_its_pods_in_either_direction():
    web = deployment("web")
    svc = service("front", None)
    doc, graph, stack = _setup(web, svc)
    for a, b in ((svc.id, web.id), (web.id, svc.id)):
        actions = connect_actions(doc, graph, a, b)
        assert [x.description for x in actions] == [
            "Service front selects pods app=web, port 80 -> http"]
    before = _dump(doc)
    stack.push(actions[0].edit())
    assert [e.target for e in graph.out_edges(svc.id, EdgeType.SELECTS)] == [web.id]
    stack.undo()
    assert _dump(doc) == before and not graph.out_edges(svc.id, EdgeType.SELECTS)


def test_service_to_unlabelled_workload_labels_template_and_selector():
    web = deployment("web", labels={})
    web.manifest["spec"].pop("selector")
    svc = service("web", None)
    doc, graph, stack = _setup(web, svc)
    [action] = connect_actions(doc, graph, svc.id, web.id)
    stack.push(action.edit())
    assert doc.get(web.id).manifest["spec"]["template"]["metadata"]["labels"] == {"app": "web"}
    assert doc.get(web.id).manifest["spec"]["selector"] == {"matchLabels": {"app": "web"}}
    assert graph.out_edges(svc.id, EdgeType.SELECTS)


def test_deployment_to_pvc_mounts_at_chosen_path_and_disconnect_removes_it():
    web, claim = deployment("api"), pvc("data")
    doc, graph, stack = _setup(web, claim)
    [action] = connect_actions(doc, graph, web.id, claim.id)
    assert action.description == "Deployment api mounts claim data at /data"
    before = _dump(doc)
    stack.push(action.edit(mount_path="/var/lib/data"))
    spec = doc.get(web.id).manifest["spec"]["template"]["spec"]
    assert spec["volumes"] == [{"name": "data", "persistentVolumeClaim": {"claimName": "data"}}]
    assert spec["containers"][0]["volumeMounts"] == [{"name": "data",
                                                      "mountPath": "/var/lib/data"}]
    [edge] = graph.out_edges(web.id, EdgeType.MOUNTS)
    assert edge.label == "/var/lib/data"
    stack.push(disconnect_edit(doc, graph, edge))
    assert _dump(doc) == before


def test_ingress_to_service_offers_each_port_and_default_backend():
    ing = simple("Ingress", "shop", rules=[{"http": {"paths": []}}])
    api = service("api", {"app": "api"}, port=8080)
    doc, graph, stack = _setup(ing, api)
    descriptions = [a.description for a in connect_actions(doc, graph, ing.id, api.id)]
    assert descriptions == ["Ingress shop routes / to Service api:http",
                            "Ingress shop sends unmatched requests to Service api"]
    stack.push(connect_actions(doc, graph, ing.id, api.id)[0].edit(path="/api"))
    [route] = graph.out_edges(ing.id, EdgeType.ROUTES)
    assert route.target == api.id and route.label == "/api -> http"


def test_pvc_to_pv_prebinds_both_ways_and_statefulset_governed():
    claim, volume = pvc("data", cls="fast"), pv("pv-1", cls="manual")
    doc, graph, stack = _setup(claim, volume)
    [action] = connect_actions(doc, graph, claim.id, volume.id)
    stack.push(action.edit())
    assert doc.get(volume.id).manifest["spec"]["claimRef"] == {"namespace": "default",
                                                               "name": "data"}
    assert doc.get(claim.id).manifest["spec"]["storageClassName"] == "manual"
    assert [e.target for e in graph.out_edges(claim.id, EdgeType.BINDS)] == [volume.id]
    sts = simple("StatefulSet", "db", selector={"matchLabels": {"app": "db"}},
                 template={"metadata": {"labels": {"app": "db"}},
                           "spec": {"containers": [{"name": "db", "image": "postgres"}]}})
    svc = service("db", {"app": "db"})
    doc2, graph2, stack2 = _setup(sts, svc)
    [gov] = connect_actions(doc2, graph2, sts.id, svc.id)
    assert "governed by headless Service db" in gov.description
    stack2.push(gov.edit())
    assert doc2.get(svc.id).manifest["spec"]["clusterIP"] == "None"
    assert graph2.out_edges(sts.id, EdgeType.GOVERNS)


def test_no_action_across_namespaces_and_reason_given():
    a, b = deployment("a", ns="x"), simple("ConfigMap", "c", "y")
    doc, graph, _ = _setup(a, b)
    assert connect_actions(doc, graph, a.id, b.id) == []
    assert "different namespaces" in why_not(doc, graph, a.id, b.id)


def test_rename_updates_references_and_remove_reports_referrers():
    web = deployment("web", env_from=[{"configMapRef": {"name": "cfg"}}])
    cfg = simple("ConfigMap", "cfg")
    doc, graph, stack = _setup(web, cfg)
    stack.push(rename_edit(doc, graph, cfg.id, "settings"))
    container = doc.get(web.id).manifest["spec"]["template"]["spec"]["containers"][0]
    assert container["envFrom"] == [{"configMapRef": {"name": "settings"}}]
    assert graph.out_edges(web.id, EdgeType.ENV)[0].target == cfg.id
    edit, dangling = remove_edit(doc, graph, [cfg.id])
    assert [e.source for e in dangling] == [web.id]
    edit, _ = remove_edit(doc, graph, [cfg.id], clean_references=True)
    stack.push(edit)
    assert "envFrom" not in doc.get(web.id).manifest["spec"]["template"]["spec"]["containers"][0] \
        or doc.get(web.id).manifest["spec"]["template"]["spec"]["containers"][0]["envFrom"] == []


def test_new_resources_get_free_names_and_wire_to_themselves():
    doc = Document()
    first = new_resource("Deployment", doc)
    doc.add(first)
    second = new_resource("Deployment", doc)
    assert (first.name, second.name) == ("deployment-1", "deployment-2")
    graph = WiringGraph(doc)
    assert graph.out_edges(first.id, EdgeType.TEMPLATE)
    for kind in ("Pod", "Service", "Ingress", "CronJob", "PersistentVolume", "Secret"):
        manifest = default_manifest(kind, "x")
        assert manifest["kind"] == kind and manifest["metadata"]["name"] == "x"


def test_renaming_a_namespace_moves_its_members():
    ns = simple("Namespace", "shop")
    web = deployment("web", ns="shop")
    other = deployment("api", ns="other")
    volume = pv("pv-1", claim=("shop", "data"))
    doc, graph, stack = _setup(ns, web, other, volume)
    before = _dump(doc)
    stack.push(rename_edit(doc, graph, ns.id, "store"))
    assert doc.get(web.id).namespace == "store"
    assert doc.get(other.id).namespace == "other"
    assert doc.get(volume.id).manifest["spec"]["claimRef"]["namespace"] == "store"
    stack.undo()
    assert _dump(doc) == before


def test_every_new_resource_applies_as_it_is() -> None:
    """A kind dropped on an empty canvas has a manifest the API server accepts: no finding of
    error severity (a new Ingress had an http rule with no paths, which the server refuses)."""
    from kubecanvas.model.kinds import KINDS
    from kubecanvas.validation.engine import validate_document
    from kubecanvas.validation.findings import Severity

    for kind in KINDS:
        doc = Document()
        doc.add(new_resource(kind, doc))
        errors = [f for f in validate_document(doc) if f.severity is Severity.ERROR]
        assert errors == [], kind


def test_a_new_ingress_wired_to_a_service_gets_its_first_path() -> None:
    doc = Document()
    ingress = new_resource("Ingress", doc)
    web = service("web", {"app": "web"})
    doc, graph, stack = _setup(ingress, web)
    routes = [a for a in connect_actions(doc, graph, ingress.id, web.id)
              if "routes /" in a.description]
    assert routes
    stack.push(routes[0].edit())
    rule = doc.get(ingress.id).spec["rules"][0]
    assert rule["host"] == "ingress-1.example.com"
    assert rule["http"]["paths"][0]["path"] == "/"
    assert rule["http"]["paths"][0]["backend"]["service"]["name"] == "web"
    assert [e.target for e in graph.out_edges(ingress.id, EdgeType.ROUTES)] == [web.id]
