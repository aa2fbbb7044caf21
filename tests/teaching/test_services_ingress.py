"""Service and Ingress simulations against hand-worked expectations (and a corpus app)."""

from __future__ import annotations

import ipaddress
import re

import pytest

from kubecanvas.io import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.cluster import SAFE_ALPHABET, SimCluster
from kubecanvas.teaching.ingress import host_matches, parse_request, path_matches, walk_ingress
from kubecanvas.teaching.services import simulate_service

from .helpers import build, deployment, rid, service

SAFE = f"[{SAFE_ALPHABET}]"


def test_service_reaches_every_replica_on_the_named_container_port() -> None:
    doc, graph = build(deployment("web", replicas=3) + service("web", "web"))
    sim = simulate_service(doc, graph, rid(doc, "Service", "web"))
    assert sim.workloads == (rid(doc, "Deployment", "web"),)
    names = [p.name for p in sim.pods]
    assert len(names) == 3 and len(set(names)) == 3
    assert all(re.fullmatch(rf"web-{SAFE}{{10}}-{SAFE}{{5}}", n) for n in names)
    assert len({n.rsplit("-", 1)[0] for n in names}) == 1  # one ReplicaSet, one hash
    (route,) = sim.ports
    assert (route.port, route.target) == (80, "http")
    assert {(e.container, e.port) for e in route.endpoints} == {("web", 8080)}
    assert sim.dns_names == ("web.default.svc.cluster.local", "web.default.svc", "web.default",
                             "web")
    assert sim.srv_records == ("_http._tcp.web.default.svc.cluster.local",)
    assert ipaddress.ip_address(sim.cluster_ip or "") in ipaddress.ip_network("10.96.0.0/12")
    assert sim.highlight.resources == (rid(doc, "Service", "web"), rid(doc, "Deployment", "web"))
    assert sim.highlight.edges == ((rid(doc, "Service", "web"), rid(doc, "Deployment", "web"),
                                    "select:spec.selector"),)


def test_cluster_ip_is_stable_when_other_services_are_added() -> None:
    doc, _ = build(service("web", "web"))
    alone = SimCluster(doc).cluster_ip(rid(doc, "Service", "web"))
    doc2, _ = build(service("web", "web") + service("api", "api") + service("db", "db"))
    assert SimCluster(doc2).cluster_ip(rid(doc2, "Service", "web")) == alone
    ips = {SimCluster(doc2).cluster_ip(r.id) for r in doc2.by_kind("Service")}
    assert len(ips) == 3 and "10.96.0.1" not in ips and "10.96.0.10" not in ips


def test_numeric_and_missing_named_target_ports() -> None:
    doc, graph = build(deployment("web", replicas=2) + service("a", "web", target="9999")
                       + service("b", "web", target="metrics"))
    numeric = simulate_service(doc, graph, rid(doc, "Service", "a")).ports[0]
    assert {e.port for e in numeric.endpoints} == {9999}
    assert all("no container declares port 9999" in e.note for e in numeric.endpoints)
    named = simulate_service(doc, graph, rid(doc, "Service", "b")).ports[0]
    assert named.ready_endpoints == ()
    assert 'no container port is named "metrics"' in named.endpoints[0].note


def test_headless_service_gives_statefulset_pods_their_own_names() -> None:
    doc, graph = build("""
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          clusterIP: None
          selector: {app: web}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web, namespace: shop}
        spec:
          serviceName: web
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 80}]}]
        """)
    sim = simulate_service(doc, graph, rid(doc, "Service", "web"))
    assert sim.headless and sim.cluster_ip is None
    assert sim.pod_dns_names == (("web-0", "web-0.web.shop.svc.cluster.local"),
                                 ("web-1", "web-1.web.shop.svc.cluster.local"))
    assert "pod IPs directly" in sim.dns_answer


def test_a_service_without_matching_pods_says_so() -> None:
    doc, graph = build(deployment("web") + service("web", "wbe"))
    sim = simulate_service(doc, graph, rid(doc, "Service", "web"))
    assert sim.pods == () and any("matches no pods" in n for n in sim.notes)


# --- Ingress -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("rule", "host", "ok"), [
    ("foo.bar.com", "foo.bar.com", True), ("foo.bar.com", "bar.com", False),
    ("*.foo.com", "bar.foo.com", True), ("*.foo.com", "baz.bar.foo.com", False),
    ("*.foo.com", "foo.com", False), ("", "anything.example", True),
])
def test_host_matching_follows_the_ingress_api(rule: str, host: str, ok: bool) -> None:
    assert host_matches(rule, host) is ok


# the examples table of the Ingress documentation ("Examples" under "Path types")
@pytest.mark.parametrize(("kind", "pattern", "path", "ok"), [
    ("Prefix", "/", "/anything/at/all", True), ("Exact", "/foo", "/foo", True),
    ("Exact", "/foo", "/bar", False), ("Exact", "/foo", "/foo/", False),
    ("Exact", "/foo/", "/foo", False), ("Prefix", "/foo", "/foo/", True),
    ("Prefix", "/foo/", "/foo", True), ("Prefix", "/aaa/bb", "/aaa/bbb", False),
    ("Prefix", "/aaa/bbb", "/aaa/bbb", True), ("Prefix", "/aaa/bbb/", "/aaa/bbb", True),
    ("Prefix", "/aaa/bbb", "/aaa/bbb/", True), ("Prefix", "/aaa/bbb", "/aaa/bbb/ccc", True),
    ("Prefix", "/aaa/bbb", "/aaa/bbbxyz", False),
])
def test_path_matching_follows_the_documented_examples(kind, pattern, path, ok) -> None:
    assert path_matches(kind, pattern, path) is ok


def test_parse_request() -> None:
    assert parse_request("GET shop.example.com/api/items") == (
        "GET", "http", "shop.example.com", "/api/items")
    assert parse_request("https://Shop.Example.com:443") == ("GET", "https", "shop.example.com",
                                                            "/")
    with pytest.raises(ValueError, match="not a request"):
        parse_request("/only/a/path")


SHOP = (deployment("web", replicas=2) + deployment("api", replicas=2, port=9090)
        + service("web", "web") + service("api", "api") + """
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
          - {path: /api/admin, pathType: Exact, backend: {service: {name: admin, port: {number: 80}}}}
    - host: "*.example.com"
      http:
        paths:
          - {path: /api, pathType: ImplementationSpecific, backend: {service: {name: api, port: {number: 8080}}}}
""")


def test_a_request_walks_host_path_service_port_pods_and_container() -> None:
    doc, graph = build(SHOP)
    walk = walk_ingress(doc, graph, rid(doc, "Ingress", "shop"), "GET shop.example.com/api/items")
    assert walk.reached and walk.broken_at is None
    assert (walk.rule, walk.path_index) == (0, 1)
    assert walk.service == rid(doc, "Service", "api")
    assert (walk.service_port, walk.target_port) == (80, "http")
    assert {p.owner for p in walk.pods} == {rid(doc, "Deployment", "api")}
    assert {(c, port) for _, c, port in walk.containers} == {("api", 9090)}
    assert [s.stage for s in walk.steps] == ["request", "class", "host", "path", "service",
                                             "port", "pods", "container"]
    assert "IngressClass \"nginx\"" in walk.steps[1].text and "not in the diagram" in \
        walk.steps[1].text
    ingress, svc, api = (rid(doc, "Ingress", "shop"), rid(doc, "Service", "api"),
                         rid(doc, "Deployment", "api"))
    assert walk.highlight.edges == (
        (ingress, svc, "ref:spec.rules[0].http.paths[1].backend.service.name"),
        (svc, api, "select:spec.selector"))
    assert walk.highlight.resources == (ingress, svc, api)


def test_the_longest_path_wins_and_exact_paths_must_match_whole() -> None:
    doc, graph = build(SHOP)
    ingress = rid(doc, "Ingress", "shop")
    root = walk_ingress(doc, graph, ingress, "GET shop.example.com/apis")  # not /api: elements
    assert (root.path_index, root.service) == (0, rid(doc, "Service", "web"))
    admin = walk_ingress(doc, graph, ingress, "GET shop.example.com/api/admin")
    assert admin.path_index == 2 and admin.broken_at == "service"
    assert "Service admin, which does not exist" in (admin.reason or "")
    deeper = walk_ingress(doc, graph, ingress, "GET shop.example.com/api/admin/users")
    assert deeper.path_index == 1 and deeper.reached  # Exact /api/admin does not match


def test_wildcard_rule_implementation_specific_and_a_bad_port() -> None:
    doc, graph = build(SHOP)
    walk = walk_ingress(doc, graph, rid(doc, "Ingress", "shop"), "GET m.example.com/api/x")
    assert walk.rule == 1
    path_step = next(s for s in walk.steps if s.stage == "path")
    assert "treated here as Prefix" in path_step.text
    assert walk.broken_at == "port" and "has no port 8080" in (walk.reason or "")


def test_unmatched_host_goes_to_the_default_backend_or_404() -> None:
    doc, graph = build(SHOP)
    walk = walk_ingress(doc, graph, rid(doc, "Ingress", "shop"), "GET other.org/")
    assert walk.reached and walk.service == rid(doc, "Service", "web")
    assert "defaultBackend" in next(s for s in walk.steps if s.stage == "path").text
    no_default = SHOP.replace("  defaultBackend: {service: {name: web, port: {number: 80}}}\n", "")
    doc, graph = build(no_default)
    walk = walk_ingress(doc, graph, rid(doc, "Ingress", "shop"), "GET other.org/")
    assert walk.broken_at == "path" and "404" in (walk.reason or "")


def test_a_service_without_pods_breaks_the_walk() -> None:
    doc, graph = build(SHOP.replace("app: api\n  ports", "app: nothing\n  ports"))
    walk = walk_ingress(doc, graph, rid(doc, "Ingress", "shop"), "GET shop.example.com/api")
    assert walk.broken_at == "pods" and "selects no pods" in (walk.reason or "")


def test_corpus_aks_store_front_walk(corpus) -> None:
    path = corpus / "aks-store-demo" / "aks-store-ingress-quickstart" / \
        "aks-store-ingress-quickstart.yaml"
    doc = Document(load_paths([path]).resources)
    graph = WiringGraph(doc)
    ingress = next(r for r in doc.by_kind("Ingress") if r.name == "store-front")
    walk = walk_ingress(doc, graph, ingress.id, "GET store.example.com/products/42")
    # rule without host, path / Prefix -> Service store-front port 80 -> targetPort 8080,
    # which container store-front declares as port "store-front" 8080 (worked from the file)
    assert walk.reached
    assert doc.get(walk.service or "").name == "store-front"
    assert (walk.service_port, walk.target_port) == (80, 8080)
    assert [doc.get(p.owner).name for p in walk.pods] == ["store-front"]
    assert {(c, port) for _, c, port in walk.containers} == {("store-front", 8080)}
    host = next(s for s in walk.steps if s.stage == "host")
    assert "rule without a host" in host.text
    cls = next(s for s in walk.steps if s.stage == "class")
    assert "webapprouting.kubernetes.azure.com" in cls.text


def test_corpus_wildcard_host_example_breaks_where_the_services_are_missing(corpus) -> None:
    path = corpus / "k8s-website" / "ingress-variants" / "ingress-wildcard-host.yaml"
    doc = Document(load_paths([path]).resources)
    graph = WiringGraph(doc)
    ingress = doc.by_kind("Ingress")[0].id
    exact = walk_ingress(doc, graph, ingress, "GET foo.bar.com/bar/baz")
    assert (exact.rule, exact.broken_at) == (0, "service")
    assert "Service service1" in (exact.reason or "")
    wildcard = walk_ingress(doc, graph, ingress, "GET bar.foo.com/foo")
    assert (wildcard.rule, wildcard.broken_at) == (1, "service")
    assert "Service service2" in (wildcard.reason or "")
    too_deep = walk_ingress(doc, graph, ingress, "GET baz.bar.foo.com/foo")
    assert too_deep.broken_at == "path" and "No rule matches host" in (too_deep.reason or "")
