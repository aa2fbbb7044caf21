"""RBAC and NetworkPolicy traffic edges in the wiring graph, and their layers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, RemoveResource, SetField
from kubecanvas.model.graph import EdgeCategory, WiringGraph
from kubecanvas.model.layers import DEFAULT_LAYERS, Layer, is_shown, layer_of, parse_layers
from kubecanvas.model.rbac import rule_lines
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.traffic import ports_label

from .factories import deployment
from .test_graph_incremental import assert_follows_rebuild


def res(manifest: dict) -> Resource:
    return Resource(manifest)


def binding(kind: str, name: str, role_kind: str, role: str, accounts: list[tuple[str, str]],
            ns: str | None = "prod") -> Resource:
    meta = {"name": name, **({"namespace": ns} if ns and kind == "RoleBinding" else {})}
    return res({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind, "metadata": meta,
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": role_kind,
                            "name": role},
                "subjects": [{"kind": "ServiceAccount", "name": a, **({"namespace": n} if n
                                                                        else {})}
                             for a, n in accounts]})


def named(kind: str, name: str, ns: str | None = "prod", **extra: object) -> Resource:
    meta = {"name": name, **({"namespace": ns} if ns else {})}
    return res({"apiVersion": "v1", "kind": kind, "metadata": meta, **extra})


def namespace(name: str, labels: dict | None = None) -> Resource:
    return res({"apiVersion": "v1", "kind": "Namespace",
                "metadata": {"name": name, **({"labels": labels} if labels else {})}})


def policy(name: str, selects: dict, ns: str = "prod", ingress: list | None = None,
           egress: list | None = None) -> Resource:
    spec: dict = {"podSelector": {"matchLabels": selects}}
    if ingress is not None:
        spec["ingress"] = ingress
    if egress is not None:
        spec["egress"] = egress
        spec["policyTypes"] = ["Ingress", "Egress"] if ingress is not None else ["Egress"]
    return res({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": {"name": name, "namespace": ns}, "spec": spec})


def names(doc: Document, graph: WiringGraph, edge_type: str) -> list[tuple[str, str, str]]:
    def name(node: str) -> str:
        found = doc.find(node)
        return f"{found.kind}/{found.name}" if found else node
    return sorted((name(e.source), name(e.target), e.label) for e in graph.edges()
                  if e.type == edge_type)


# --- RBAC ----------------------------------------------------------------------------------
def test_a_role_binding_wires_its_role_and_service_accounts() -> None:
    doc = Document([binding("RoleBinding", "read", "Role", "reader", [("app", "")]),
                    named("Role", "reader", rules=[{"apiGroups": [""], "resources": ["pods"],
                                                    "verbs": ["get", "list"]}]),
                    named("ServiceAccount", "app")])
    graph = WiringGraph(doc, subscribe=False)
    assert names(doc, graph, EdgeType.ROLE_REF) == [("RoleBinding/read", "Role/reader", "")]
    assert names(doc, graph, EdgeType.SUBJECT) == [("RoleBinding/read", "ServiceAccount/app", "")]
    assert all(e.category == EdgeCategory.REF for e in graph.edges())


def test_a_cluster_role_binding_finds_accounts_in_their_namespace_and_builtin_roles() -> None:
    doc = Document([binding("ClusterRoleBinding", "admins", "ClusterRole", "cluster-admin",
                            [("ops", "tools"), ("nowhere", "")]),
                    named("ServiceAccount", "ops", "tools")])
    graph = WiringGraph(doc, subscribe=False)
    # the subject without a namespace names nothing that can exist: no edge
    assert names(doc, graph, EdgeType.SUBJECT) == [("ClusterRoleBinding/admins",
                                                    "ServiceAccount/ops", "")]
    [role] = [e for e in graph.edges() if e.type == EdgeType.ROLE_REF]
    assert graph.is_missing(role.target)
    assert graph.node_data(role.target)["provided"] is True  # the cluster bootstraps it


def test_a_missing_role_is_a_missing_stand_in_not_provided() -> None:
    doc = Document([binding("RoleBinding", "read", "Role", "reder", [("default", "")])])
    graph = WiringGraph(doc, subscribe=False)
    by_type = {e.type: e for e in graph.edges()}
    assert graph.node_data(by_type[EdgeType.ROLE_REF].target)["provided"] is False
    assert graph.node_data(by_type[EdgeType.SUBJECT].target)["provided"] is True  # "default"


def test_rule_lines_say_what_a_role_allows() -> None:
    role = {"rules": [{"apiGroups": [""], "resources": ["pods", "services"],
                       "verbs": ["get", "list", "watch"]},
                      {"apiGroups": ["apps"], "resources": ["deployments"],
                       "resourceNames": ["web"], "verbs": ["patch"]},
                      {"nonResourceURLs": ["/healthz"], "verbs": ["get"]}]}
    assert rule_lines(role) == ["pods, services: get, list, watch",
                                "deployments.apps (web): patch", "/healthz: get"]
    assert rule_lines({"aggregationRule": {}}) == ["aggregated from other ClusterRoles"]


# --- NetworkPolicy traffic -----------------------------------------------------------------
def boutique() -> list[Resource]:
    return [deployment("cart", ns="prod"), deployment("front", ns="prod"),
            deployment("checkout", ns="prod"), deployment("redis", ns="prod")]


def test_ingress_peers_become_edges_to_the_selected_workloads_with_ports() -> None:
    doc = Document([*boutique(), policy("cart", {"app": "cart"}, ingress=[{
        "from": [{"podSelector": {"matchLabels": {"app": "front"}}},
                 {"podSelector": {"matchLabels": {"app": "checkout"}}}],
        "ports": [{"port": 7070, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]}],
        egress=[{}])])
    graph = WiringGraph(doc, subscribe=False)
    assert names(doc, graph, EdgeType.TRAFFIC) == [
        ("Deployment/checkout", "Deployment/cart", "7070, 53/UDP"),
        ("Deployment/front", "Deployment/cart", "7070, 53/UDP")]
    assert {e.category for e in graph.edges() if e.type == EdgeType.TRAFFIC} == {
        EdgeCategory.DERIVED}


def test_egress_peers_point_away_and_open_rules_use_external_stand_ins() -> None:
    doc = Document([*boutique(), policy("front", {"app": "front"}, ingress=[{}], egress=[
        {"to": [{"podSelector": {"matchLabels": {"app": "cart"}}}]},
        {"to": [{"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}}]},
        {"to": [{"namespaceSelector": {}}], "ports": [{"port": 53, "protocol": "UDP"}]},
        {"to": [{"namespaceSelector": {"matchLabels": {"team": "db"}},
                 "podSelector": {"matchLabels": {"app": "pg"}}}]}])])
    graph = WiringGraph(doc, subscribe=False)
    edges = names(doc, graph, EdgeType.TRAFFIC)
    assert edges == sorted([
        ("Deployment/front", "Deployment/cart", ""),
        ("Deployment/front", "external:prod:IPBlock:10.0.0.0/8 except 10.1.0.0/16", ""),
        ("Deployment/front", "external:prod:Namespace:pods in all namespaces", "53/UDP"),
        ("Deployment/front", "external:prod:Namespace:pods app=pg in namespaces team=db", ""),
        ("external:prod:Peer:any source", "Deployment/front", "")])
    data = graph.node_data("external:prod:IPBlock:10.0.0.0/8 except 10.1.0.0/16")
    assert data["external"] and data["kind"] == "IPBlock" and data["namespace"] == "prod"


def test_namespace_selectors_match_namespaces_of_the_design_by_label() -> None:
    doc = Document([*boutique(), deployment("pg", ns="db"),
                    namespace("db"),
                    policy("pg", {"app": "pg"}, ns="db", ingress=[{"from": [
                        {"namespaceSelector": {"matchLabels": {
                            "kubernetes.io/metadata.name": "prod"}},
                         "podSelector": {"matchLabels": {"app": "checkout"}}}]}])])
    graph = WiringGraph(doc, subscribe=False)
    assert names(doc, graph, EdgeType.TRAFFIC) == [
        ("Deployment/checkout", "Deployment/pg", "")]


def test_traffic_follows_a_label_edit_and_a_removed_policy() -> None:
    doc = Document([*boutique(), policy("cart", {"app": "cart"}, ingress=[
        {"from": [{"podSelector": {"matchLabels": {"app": "front"}}}]}])])
    graph = WiringGraph(doc)
    front = next(r for r in doc if r.name == "front")
    SetField(front.id, ("spec", "template", "metadata", "labels", "app"), "other").apply(doc)
    assert names(doc, graph, EdgeType.TRAFFIC) == []
    SetField(front.id, ("spec", "template", "metadata", "labels", "app"), "front").apply(doc)
    assert graph.last_touched >= {front.id}
    assert len(names(doc, graph, EdgeType.TRAFFIC)) == 1
    RemoveResource(next(r.id for r in doc if r.kind == "NetworkPolicy")).apply(doc)
    assert names(doc, graph, EdgeType.TRAFFIC) == []
    assert not any(n.startswith("external:") for n in graph.graph)


def test_ports_label() -> None:
    assert ports_label([{"port": 80}, {"port": 80, "protocol": "TCP"},
                        {"port": 8000, "endPort": 8080}]) == "80, 8000-8080"
    assert ports_label(None) == ""


# --- layers --------------------------------------------------------------------------------
def test_layers_of_edge_types_and_parsing() -> None:
    assert layer_of(EdgeType.MOUNTS) == Layer.WIRING
    assert layer_of(EdgeType.SUBJECT) == Layer.RBAC
    assert layer_of(EdgeType.TRAFFIC) == Layer.NETWORK
    assert {Layer.WIRING} == DEFAULT_LAYERS
    assert not is_shown(EdgeType.ROLE_REF, DEFAULT_LAYERS)
    assert parse_layers("wiring, RBAC") == {Layer.WIRING, Layer.RBAC}
    assert parse_layers("all") == set(Layer)
    with pytest.raises(ValueError, match="unknown layer netwrk: choose from wiring, rbac, network"):
        parse_layers("wiring,netwrk")


# --- incremental == rebuild ----------------------------------------------------------------
def _make(kind: str, name: str, ns: str | None) -> Resource:
    if kind == "Deployment":
        return deployment(name, ns=ns, serviceAccountName=name)
    if kind == "NetworkPolicy":
        return policy(name, {"app": name}, ns=ns or "default", ingress=[
            {"from": [{"podSelector": {"matchLabels": {"app": "a" if name == "b" else "b"}}},
                      {"namespaceSelector": {"matchLabels": {"team": name}}},
                      {"ipBlock": {"cidr": "10.0.0.0/8"}}]}],
            egress=[{"to": [{"podSelector": {}}]}])
    if kind == "RoleBinding":
        return binding("RoleBinding", name, "Role", name, [(name, ""), ("a", "prod")], ns=ns)
    if kind == "Namespace":
        return namespace("prod" if name == "a" else "default", {"team": name})
    return named(kind, name, ns)


KINDS = ["Deployment", "NetworkPolicy", "RoleBinding", "Role", "ServiceAccount", "Namespace"]
ACTIONS = ["add", "add", "add", "label", "rename", "remove", "namespace"]
ops = st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(KINDS), st.integers(0, 50),
                         st.sampled_from(["a", "b"]), st.sampled_from([None, "prod"])),
               min_size=1, max_size=25)


def _apply(doc: Document, op: tuple) -> None:
    action, kind, index, b, ns = op
    if action == "add":
        doc.add(_make(kind, b, ns))
        return
    if not len(doc):
        return
    target = doc.get(doc.ids()[index % len(doc)])
    if action == "remove":
        RemoveResource(target.id).apply(doc)
    elif action == "rename":
        SetField(target.id, ("metadata", "name"), b).apply(doc)
    elif action == "namespace":
        SetField(target.id, ("metadata", "namespace"), ns if ns else DELETE).apply(doc)
    elif target.kind == "Deployment":
        SetField(target.id, ("spec", "template", "metadata", "labels", "app"), b).apply(doc)
    else:
        SetField(target.id, ("metadata", "labels", "team"), b).apply(doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_incremental_layers_equal_rebuild(operations: list[tuple]) -> None:
    assert_follows_rebuild(operations, _apply)


def test_a_subject_disconnects_and_follows_a_rename_but_a_role_ref_stays() -> None:
    from kubecanvas.model.rewiring import disconnect_edit, rename_edit

    doc = Document([binding("RoleBinding", "read", "Role", "reader", [("app", ""), ("ci", "")]),
                    named("Role", "reader"), named("ServiceAccount", "app"),
                    named("ServiceAccount", "ci")])
    graph = WiringGraph(doc)
    rb = next(r for r in doc if r.kind == "RoleBinding")
    app = next(r for r in doc if r.name == "app")
    rename_edit(doc, graph, app.id, "web").apply(doc)
    assert [s["name"] for s in doc.get(rb.id).manifest["subjects"]] == ["web", "ci"]
    by_type = {e.type: e for e in graph.out_edges(rb.id) if e.field == "subjects[0].name"
               or e.type == EdgeType.ROLE_REF}
    assert disconnect_edit(doc, graph, by_type[EdgeType.ROLE_REF]) is None  # roleRef is required
    disconnect_edit(doc, graph, by_type[EdgeType.SUBJECT]).apply(doc)
    assert [s["name"] for s in doc.get(rb.id).manifest["subjects"]] == ["ci"]
