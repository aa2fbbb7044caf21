from __future__ import annotations

from kubecanvas.model.document import Document
from kubecanvas.model.edits import SetField
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.references import EdgeType

from .factories import deployment, pv, pvc, service, simple


def _types(graph: WiringGraph, source: str) -> set[tuple[str, str]]:
    return {(e.type, e.target) for e in graph.out_edges(source)}


def test_service_selects_matching_workload_in_same_namespace_only():
    web = deployment("web")
    other_ns = deployment("web", ns="other")
    svc = service("web", {"app": "web"})
    doc = Document([web, other_ns, svc])
    graph = WiringGraph(doc)
    assert _types(graph, svc.id) == {(EdgeType.SELECTS, web.id)}


def test_workload_selector_matching_its_template_is_a_template_edge():
    web = deployment("web")
    doc = Document([web])
    graph = WiringGraph(doc)
    assert (EdgeType.TEMPLATE, web.id) in _types(graph, web.id)
    SetField(web.id, ("spec", "template", "metadata", "labels", "app"), "Web").apply(doc)
    assert (EdgeType.TEMPLATE, web.id) not in _types(graph, web.id)


def test_missing_reference_is_a_dangling_edge_to_a_missing_node():
    web = deployment("web", volumes=[{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}])
    doc = Document([web])
    graph = WiringGraph(doc)
    [edge] = graph.out_edges(web.id, EdgeType.MOUNTS)
    assert graph.is_missing(edge.target)
    assert edge.field == "spec.template.spec.volumes[0].persistentVolumeClaim.claimName"
    claim = pvc("data")
    doc.add(claim)
    [edge] = graph.out_edges(web.id, EdgeType.MOUNTS)
    assert edge.target == claim.id
    assert not any(graph.is_missing(n) for n in graph.graph.nodes)


def test_statefulset_claims_per_replica_and_governing_service():
    sts = simple("StatefulSet", "web", serviceName="web", replicas=2,
                 selector={"matchLabels": {"app": "web"}},
                 template={"metadata": {"labels": {"app": "web"}},
                           "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
                 volumeClaimTemplates=[{"metadata": {"name": "data"}, "spec": {
                     "accessModes": ["ReadWriteOnce"], "storageClassName": "manual",
                     "resources": {"requests": {"storage": "1Gi"}}}}])
    svc = service("web", {"app": "web"}, headless=True)
    volume = pv("pv-1", cls="manual")
    doc = Document([sts, svc, volume])
    graph = WiringGraph(doc)
    created = {graph.node_data(e.target)["name"] for e in graph.out_edges(sts.id, EdgeType.CREATES)}
    assert created == {"data-web-0", "data-web-1"}
    assert (EdgeType.GOVERNS, svc.id) in _types(graph, sts.id)
    # one of the generated claims binds the only PV
    binds = [e for e in graph.edges() if e.type == EdgeType.BINDS]
    assert len(binds) == 1 and binds[0].target == volume.id
    assert graph.node_data(binds[0].source)["name"] == "data-web-0"


def test_pvc_binds_smallest_fitting_pv_and_volume_name_wins():
    small, big = pv("small", "5Gi", cls="fast"), pv("big", "50Gi", cls="fast")
    claim = pvc("data", "2Gi", cls="fast")
    doc = Document([small, big, claim])
    graph = WiringGraph(doc)
    assert _types(graph, claim.id) >= {(EdgeType.BINDS, small.id)}
    SetField(claim.id, ("spec", "volumeName"), "big").apply(doc)
    assert (EdgeType.BINDS, big.id) in _types(graph, claim.id)
    assert (EdgeType.BINDS, small.id) not in _types(graph, claim.id)


def test_unset_class_takes_default_storage_class_and_empty_class_does_not():
    default_sc = simple("StorageClass", "standard")
    default_sc.manifest["metadata"]["annotations"] = {
        "storageclass.kubernetes.io/is-default-class": "true"}
    default_sc.manifest["provisioner"] = "x"
    no_class_pv = pv("plain", "10Gi")
    unset = pvc("unset", "1Gi")
    empty = pvc("empty", "1Gi", cls="")
    doc = Document([default_sc, no_class_pv, unset, empty])
    graph = WiringGraph(doc)
    assert not graph.out_edges(unset.id, EdgeType.BINDS)
    assert [e.target for e in graph.out_edges(empty.id, EdgeType.BINDS)] == [no_class_pv.id]


def test_ingress_routes_tls_and_class_edges():
    ing = simple("Ingress", "shop", ingressClassName="nginx",
                 tls=[{"hosts": ["shop.example.com"], "secretName": "shop-tls"}],
                 rules=[{"host": "shop.example.com", "http": {"paths": [
                     {"path": "/api", "pathType": "Prefix",
                      "backend": {"service": {"name": "api", "port": {"number": 8080}}}}]}}])
    api = service("api", {"app": "api"}, port=8080)
    doc = Document([ing, api])
    graph = WiringGraph(doc)
    [route] = graph.out_edges(ing.id, EdgeType.ROUTES)
    assert route.target == api.id and route.label == "shop.example.com/api -> 8080"
    assert {graph.node_data(e.target).get("kind") for e in graph.out_edges(ing.id)
            if graph.is_missing(e.target)} == {"Secret", "IngressClass"}


def test_hpa_scales_and_env_and_owner_references():
    web = deployment("web", env_from=[{"configMapRef": {"name": "cfg"}}])
    cfg = simple("ConfigMap", "cfg")
    hpa = simple("HorizontalPodAutoscaler", "web",
                 scaleTargetRef={"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"})
    rs = simple("ReplicaSet", "web-123")
    rs.manifest["metadata"]["ownerReferences"] = [{"kind": "Deployment", "name": "web",
                                                   "apiVersion": "apps/v1", "uid": "1"}]
    doc = Document([web, cfg, hpa, rs])
    graph = WiringGraph(doc)
    assert (EdgeType.ENV, cfg.id) in _types(graph, web.id)
    assert (EdgeType.SCALES, web.id) in _types(graph, hpa.id)
    assert (EdgeType.OWNED_BY, web.id) in _types(graph, rs.id)


def test_generic_resource_with_selector_selects_pods():
    web = deployment("web")
    custom = simple("PodMonitor", "mon", selector={"matchLabels": {"app": "web"}})
    custom.manifest["apiVersion"] = "monitoring.coreos.com/v1"
    doc = Document([web, custom])
    graph = WiringGraph(doc)
    assert (EdgeType.SELECTS, web.id) in _types(graph, custom.id)


def test_last_touched_is_local_to_the_edit():
    apps = [deployment(f"app{i}") for i in range(20)]
    services = [service(f"app{i}", {"app": f"app{i}"}) for i in range(20)]
    doc = Document(apps + services)
    graph = WiringGraph(doc)
    SetField(apps[3].id, ("spec", "replicas"), 3).apply(doc)
    assert graph.last_touched == {apps[3].id, services[3].id}
