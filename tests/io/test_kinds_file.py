"""Custom-kind mapping files: the format, its errors, and what the graph makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.io.kinds_file import (
    PROJECT_KINDS_FILE,
    KindsFileError,
    load_kinds,
    parse_kinds,
    shipped_kinds,
)
from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.custom_kinds import KindMappings
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.references import EdgeType

APP = """\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: istio
  listeners:
  - name: https
    tls: {certificateRefs: [{kind: Secret, name: web-tls}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: gw, sectionName: https}]
  rules:
  - backendRefs: [{name: web, port: 8080}, {kind: ServiceImport, name: far}]
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: cert, namespace: shop}
spec:
  secretName: web-tls
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: {name: letsencrypt}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop, labels: {metrics: "on"}}
spec: {selector: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: other, namespace: shop}
spec: {selector: {app: other}}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, namespace: shop}
spec: {selector: {matchLabels: {metrics: "on"}}}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: istio-gw, namespace: shop}
spec: {gatewayClassName: not-a-gateway-api-field}
"""


def graph_of(text: str, mappings=None) -> tuple[Document, WiringGraph]:
    document = Document(load_text(text, "app.yaml").resources)
    document.kind_mappings = shipped_kinds() if mappings is None else mappings
    return document, WiringGraph(document, subscribe=False)


def wires(document: Document, graph: WiringGraph) -> set[tuple[str, str, str, str]]:
    def name(node: str) -> str:
        found = document.find(node)
        return f"{found.kind}/{found.name}" if found else \
            f"{graph.node_data(node)['kind']}/{graph.node_data(node)['name']}"
    return {(name(e.source), e.type, name(e.target), e.label) for e in graph.edges()
            if e.type in (EdgeType.REFERS, EdgeType.CREATES, EdgeType.SELECTS)}


def test_the_shipped_mappings_wire_gateway_api_cert_manager_and_service_monitors() -> None:
    document, graph = graph_of(APP)
    assert wires(document, graph) == {
        ("Gateway/gw", "refers", "GatewayClass/istio", "class"),
        ("Gateway/gw", "refers", "Secret/web-tls", "tls"),
        ("HTTPRoute/web", "refers", "Gateway/gw", "parent https"),
        ("HTTPRoute/web", "refers", "Service/web", "8080"),
        ("Certificate/cert", "refers", "ClusterIssuer/letsencrypt", "issuer"),
        ("Certificate/cert", "creates", "Secret/web-tls", "writes"),
        ("ServiceMonitor/web", "selects", "Service/web", "scrapes"),
    }
    # the Gateway's certificate is the Secret the Certificate will write: one stand-in
    tls = {e.target for e in graph.edges() if e.field.endswith("certificateRefs[0].name")
           or e.field == "spec.secretName"}
    assert len(tls) == 1 and graph.is_generated(tls.pop())
    istio = next(e.target for e in graph.edges() if e.label == "class")
    assert graph.node_data(istio)["provided"] is True


def test_without_mappings_custom_resources_make_no_edges() -> None:
    document, graph = graph_of(APP, mappings=parse_kinds("kinds: []", "empty.yaml"))
    assert wires(document, graph) == set()


def test_a_project_file_adds_kinds_and_wins_over_the_shipped_ones(tmp_path: Path) -> None:
    (tmp_path / PROJECT_KINDS_FILE).parent.mkdir()
    (tmp_path / PROJECT_KINDS_FILE).write_text(
        "kinds:\n"
        "  - kind: Widget\n    group: example.com\n    colour: '#123456'\n    icon: Secret\n"
        "    references:\n      - field: spec.configs[].name\n        kind: ConfigMap\n")
    mappings = load_kinds([tmp_path / "app.yaml"])
    widget = mappings.for_kind("Widget", "example.com/v1")
    assert widget is not None and widget.colour == "#123456" and widget.icon == "Secret"
    assert mappings.for_kind("Widget", "other.io/v1") is None  # another group's Widget
    assert mappings.for_kind("Certificate", "cert-manager.io/v1") is not None  # still shipped
    document, graph = graph_of(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
        "spec: {configs: [{name: a}, {name: b}]}\n", mappings)
    assert sorted(e.field for e in graph.edges()) == ["spec.configs[0].name",
                                                      "spec.configs[1].name"]


@pytest.mark.parametrize(("text", "message"), [
    ("kinds:\n  - kind: Widget\n    colour: blue\n",
     "widgets.yaml:3: kinds[0].colour: expected a colour such as \"#2b8a3e\""),
    ("kinds:\n  - kind: Widget\n    references:\n      - field: spec.x.name\n",
     "widgets.yaml:4: kinds[0].references[0].kind: give either `kind` or `kinds`"),
    ("kinds:\n  - kind: Widget\n    references:\n      - field: spec..name\n"
     "        kind: Secret\n",
     "widgets.yaml:4: kinds[0].references[0].field: expected a field path"),
    ("kinds:\n  - kind: Widget\n    refrences: []\n",
     "widgets.yaml:3: kinds[0].refrences: unknown field (expected one of"),
    ("kinds:\n  - group: example.com\n",
     "widgets.yaml:2: kinds[0].kind: missing"),
    ("kinds:\n  - kind: Widget\n    scope: Global\n",
     "widgets.yaml:3: kinds[0].scope: expected Namespaced or Cluster"),
    ("kinds:\n  - kind: Widget\n    references:\n      - field: spec.a\n        kind: Secret\n"
     "        provided: maybe\n",
     "widgets.yaml:6: kinds[0].references[0].provided: expected true or false"),
    ("kinds: [\n", "widgets.yaml:2: not valid YAML"),
    ("widgets: []\n", "widgets.yaml:1: widgets: unknown field"),
])
def test_a_bad_file_is_refused_naming_file_line_and_field(text: str, message: str) -> None:
    with pytest.raises(KindsFileError) as error:
        parse_kinds(text, "widgets.yaml")
    assert str(error.value).startswith(message), str(error.value)


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(KindsFileError, match="missing.yaml: cannot read the kinds file"):
        load_kinds([], [tmp_path / "missing.yaml"])


def test_service_monitor_edges_follow_edits_as_a_rebuild_would() -> None:
    from kubecanvas.model.edits import RemoveResource, SetField

    document = Document(load_text(APP, "app.yaml").resources)
    document.kind_mappings = shipped_kinds()
    graph = WiringGraph(document)
    other = next(r for r in document if r.name == "other")
    monitor = next(r for r in document if r.kind == "ServiceMonitor")
    steps = [SetField(other.id, ("metadata", "labels"), {"metrics": "on"}),
             SetField(monitor.id, ("spec", "namespaceSelector"), {"any": True}),
             SetField(other.id, ("metadata", "namespace"), "elsewhere"),
             SetField(monitor.id, ("spec", "selector", "matchLabels", "metrics"), "off"),
             RemoveResource(monitor.id)]
    for step in steps:
        step.apply(document)
        fresh = WiringGraph(document, subscribe=False)
        assert graph.edge_signature() == fresh.edge_signature(), step
    assert not any(e.type == EdgeType.SELECTS and e.field == "spec.selector"
                   for e in graph.edges())


def test_a_mapping_belongs_to_its_api_group_and_a_named_group_wins_over_none() -> None:
    shipped = shipped_kinds()
    gateway_api = shipped.for_kind("Gateway", "gateway.networking.k8s.io/v1")
    assert gateway_api is not None and gateway_api.colour == "#0b7285"
    # Istio's Gateway is another kind that happens to share the name
    assert shipped.for_kind("Gateway", "networking.istio.io/v1") is None
    mine = parse_kinds("kinds:\n  - kind: Gateway\n    group: networking.istio.io\n"
                       "    colour: '#466bb0'\n  - kind: Widget\n    colour: '#111111'\n"
                       "  - kind: Widget\n    group: example.com\n    colour: '#222222'\n",
                       "mine.yaml")
    both = shipped.merged(mine)
    istio = both.for_kind("Gateway", "networking.istio.io/v1beta1")
    assert istio is not None and istio.colour == "#466bb0"
    assert both.for_kind("Gateway", "gateway.networking.k8s.io/v1") == gateway_api
    # a stand-in has no apiVersion: the kind's latest mapping
    assert both.for_kind("Gateway") == istio
    # the group-less Widget is the fallback, whichever of the two came later
    for mappings in (mine, parse_kinds("kinds: []", "x.yaml").merged(mine),
                     KindMappings(tuple(reversed(mine.kinds)))):
        named = mappings.for_kind("Widget", "example.com/v1")
        assert named is not None and named.colour == "#222222"
        other = mappings.for_kind("Widget", "other.io/v1")
        assert other is not None and other.colour == "#111111"


def test_an_istio_gateway_makes_no_gateway_api_edges() -> None:
    document, graph = graph_of(
        "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: a}\n"
        "spec:\n  gatewayClassName: istio\n  selector: {istio: ingressgateway}\n",
        shipped_kinds())
    assert wires(document, graph) == set()


ISTIO_AND_GATEWAY_API = """\
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: main, namespace: web}
spec: {selector: {istio: ingressgateway}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: main, namespace: web}
spec: {gatewayClassName: istio}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: web}
spec: {parentRefs: [{name: main}]}
"""


def test_an_istio_gateway_and_a_gateway_api_gateway_of_one_name_are_two_objects() -> None:
    """Kubernetes keeps objects per API group: both Gateways may be called `main` in one
    namespace (meshes moving to the Gateway API have both). Neither is a duplicate, and a
    route's parentRef names the Gateway API's only; alone, the Istio one leaves it missing."""
    document, graph = graph_of(ISTIO_AND_GATEWAY_API)
    assert graph.duplicated() == []
    [parent] = [e.target for e in graph.edges() if e.label == "parent"]
    assert document.find(parent).api_version == "gateway.networking.k8s.io/v1"
    twice = ISTIO_AND_GATEWAY_API + "---\n" + ISTIO_AND_GATEWAY_API.split("---\n")[1]
    document, graph = graph_of(twice)
    [ids] = graph.duplicated()  # the Gateway API's, defined twice
    assert {document.find(rid).group for rid in ids} == {"gateway.networking.k8s.io"}
    only_istio = "---\n".join(ISTIO_AND_GATEWAY_API.split("---\n")[::2])
    document, graph = graph_of(only_istio)
    [parent] = [e.target for e in graph.edges() if e.label == "parent"]
    assert graph.is_missing(parent)
