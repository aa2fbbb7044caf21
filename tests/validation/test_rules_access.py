"""Table-driven tests for RBAC bindings, NetworkPolicy peers and apply order."""

from __future__ import annotations

import pytest

from .docs import check, deployment, meta, secret, service


def role(name, cluster=False, ns=None):
    return {"apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRole" if cluster else "Role", "metadata": meta(name, ns),
            "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]}


def service_account(name, ns=None):
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta(name, ns)}


def binding(role_name="reader", cluster_role=False, cluster_binding=False, subject="builder",
            subject_ns=None, ns=None):
    subj = {"kind": "ServiceAccount", "name": subject}
    if subject_ns or cluster_binding:
        subj["namespace"] = subject_ns or "default"
    return {"apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "ClusterRoleBinding" if cluster_binding else "RoleBinding",
            "metadata": meta("b", None if cluster_binding else ns),
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io",
                        "kind": "ClusterRole" if cluster_role else "Role", "name": role_name},
            "subjects": [subj]}


def netpol_peer(peer):
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("np"),
            "spec": {"podSelector": {"matchLabels": {"app": "web"}},
                     "ingress": [{"from": [peer]}]}}


def route_ingress(name, host="a.example.com", path="/", tls_hosts=None):
    spec = {"ingressClassName": "nginx", "rules": [{"host": host, "http": {"paths": [{
        "path": path, "pathType": "Prefix", "backend": {"service": {
            "name": "web", "port": {"number": 80}}}}]}}]}
    if tls_hosts is not None:
        spec["tls"] = [{"hosts": tls_hosts, "secretName": "tls"}]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta(name),
            "spec": spec}


def ingress_class(name, default):
    annotations = {"ingressclass.kubernetes.io/is-default-class": str(default).lower()}
    return {"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
            "metadata": {"name": name, "annotations": annotations},
            "spec": {"controller": "example.com/ingress"}}


def pdb(**spec):
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta("pdb"),
            "spec": {"selector": {"matchLabels": {"app": "web"}}, **spec}}


def monitor(labels, port="http", namespaces=None):
    spec = {"selector": {"matchLabels": labels}, "endpoints": [{"port": port}]}
    if namespaces is not None:
        spec["namespaceSelector"] = namespaces
    return {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
            "metadata": meta("mon"), "spec": spec}


def labelled_service(labels):
    out = service(selector={"app": "web"})
    out["metadata"]["labels"] = labels
    return out


NAMESPACE = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}
CRD = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
       "metadata": {"name": "widgets.example.com"},
       "spec": {"group": "example.com", "names": {"kind": "Widget", "plural": "widgets"},
                "scope": "Namespaced", "versions": [{"name": "v1", "served": True,
                                                     "storage": True}]}}
WIDGET = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": meta("w")}

CASES = [
    ("role-present", [role("reader"), service_account("builder"), binding()],
     "rbac.roleRef.missing", False),
    ("role-missing", [service_account("builder"), binding()], "rbac.roleRef.missing", True),
    ("role-builtin-kube-system", [binding(role_name="extension-apiserver-authentication-reader",
                                          ns="kube-system", subject="default")],
     "rbac.roleRef.missing", False),
    ("role-system-prefix", [binding(role_name="system:controller:token-cleaner",
                                    ns="kube-system", subject="default")],
     "rbac.roleRef.missing.cluster", False),
    ("clusterrole-builtin", [service_account("builder"),
                             binding(role_name="view", cluster_role=True)],
     "rbac.roleRef.missing.cluster", False),
    ("clusterrole-missing", [service_account("builder"),
                             binding(role_name="widget-reader", cluster_role=True)],
     "rbac.roleRef.missing.cluster", True),
    ("crb-role-kind", [binding(cluster_binding=True)], "rbac.roleRef.kind", True),
    ("crb-clusterrole-kind", [binding(cluster_binding=True, cluster_role=True, role_name="view")],
     "rbac.roleRef.kind", False),
    ("subject-missing", [role("reader"), binding()], "rbac.subject.missing", True),
    ("subject-default-sa", [role("reader"), binding(subject="default")],
     "rbac.subject.missing", False),
    ("subject-other-namespace", [role("reader"), binding(subject="x", subject_ns="monitoring")],
     "rbac.subject.missing", False),
    ("peer-no-match", [deployment("web"), netpol_peer({"podSelector": {"matchLabels": {
        "app": "api"}}})], "networkpolicy.peer.no-match", True),
    ("peer-match", [deployment("web"), deployment("api"), netpol_peer(
        {"podSelector": {"matchLabels": {"app": "api"}}})], "networkpolicy.peer.no-match", False),
    ("peer-other-namespaces", [deployment("web"), netpol_peer(
        {"podSelector": {"matchLabels": {"app": "api"}}, "namespaceSelector": {}})],
     "networkpolicy.peer.no-match", False),
    ("peer-ip-block", [deployment("web"), netpol_peer({"ipBlock": {"cidr": "10.0.0.0/8"}})],
     "networkpolicy.peer.no-match", False),
    ("namespace-after", [deployment("web", ns="shop"), NAMESPACE], "apply.order", True),
    ("namespace-before", [NAMESPACE, deployment("web", ns="shop")], "apply.order", False),
    ("priority-missing", [deployment(priorityClassName="high")], "pod.priorityClass.missing",
     True),
    ("priority-builtin", [deployment(priorityClassName="system-cluster-critical")],
     "pod.priorityClass.missing", False),
    ("priority-present", [{"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
                           "metadata": {"name": "high"}, "value": 1000},
                          deployment(priorityClassName="high")], "pod.priorityClass.missing",
     False),
    ("runtime-missing", [deployment(runtimeClassName="gvisor")], "pod.runtimeClass.missing",
     True),
    ("pull-secret-opaque", [deployment(imagePullSecrets=[{"name": "regcred"}]),
                            secret("regcred")], "pod.imagePullSecret.type", True),
    ("pull-secret-docker", [deployment(imagePullSecrets=[{"name": "regcred"}]),
                            secret("regcred", type="kubernetes.io/dockerconfigjson",
                                   string_data={".dockerconfigjson": "{}"})],
     "pod.imagePullSecret.type", False),
    ("route-twice", [route_ingress("a"), route_ingress("b")], "ingress.route.duplicate", True),
    ("route-other-path", [route_ingress("a"), route_ingress("b", path="/api")],
     "ingress.route.duplicate", False),
    ("tls-host-uncovered", [route_ingress("a", tls_hosts=["b.example.com"])],
     "ingress.tls.host-uncovered", True),
    ("tls-host-wildcard", [route_ingress("a", tls_hosts=["*.example.com"])],
     "ingress.tls.host-uncovered", False),
    ("two-default-classes", [ingress_class("a", True), ingress_class("b", True)],
     "ingressclass.default.multiple", True),
    ("one-default-class", [ingress_class("a", True), ingress_class("b", False)],
     "ingressclass.default.multiple", False),
    ("pdb-min-equals-replicas", [deployment("web", replicas=2), pdb(minAvailable=2)],
     "pdb.blocks-eviction", True),
    ("pdb-min-below-replicas", [deployment("web", replicas=3), pdb(minAvailable=2)],
     "pdb.blocks-eviction", False),
    ("pdb-max-unavailable-zero", [deployment("web", replicas=3), pdb(maxUnavailable=0)],
     "pdb.blocks-eviction", True),
    ("monitor-no-service", [labelled_service({"app": "web"}), monitor({"app": "api"})],
     "servicemonitor.selector.no-match", True),
    ("monitor-selects-labels-not-selector", [service(selector={"app": "web"}),
                                             monitor({"app": "web"})],
     "servicemonitor.selector.no-match", True),
    ("monitor-match", [labelled_service({"app": "web"}), monitor({"app": "web"})],
     "servicemonitor.selector.no-match", False),
    ("monitor-any-namespace", [monitor({"app": "api"}, namespaces={"any": True})],
     "servicemonitor.selector.no-match", False),
    ("monitor-port-missing", [labelled_service({"app": "web"}), monitor({"app": "web"},
                                                                        port="metrics")],
     "servicemonitor.port.missing", True),
    ("monitor-port-ok", [labelled_service({"app": "web"}), monitor({"app": "web"})],
     "servicemonitor.port.missing", False),
    ("crd-same-apply", [CRD, WIDGET], "apply.crd", True),
    ("crd-elsewhere", [WIDGET], "apply.crd", False),
]


@pytest.mark.parametrize(("manifests", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_access_rule_table(manifests, rule, fires):
    findings = check(*manifests)
    found = [f for f in findings if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in findings]
