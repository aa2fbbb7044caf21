"""Every fix the validator offers really fixes its finding: build the smallest document that
triggers the rule, apply `finding.fix.edit()`, re-validate, and the finding is gone without any
new error. A guard test makes sure a rule cannot start offering fixes without a row here."""

from __future__ import annotations

import pytest

from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.rules_clashes import next_free_node_port

from .docs import configmap, container, deployment, doc, meta, service
from .test_rules_access import binding, role, service_account
from .test_rules_wiring import hpa, ingress, statefulset


def _node_port_service(name, port=30080):
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta(name),
            "spec": {"type": "NodePort", "selector": {"app": "web"},
                     "ports": [{"name": "http", "port": 80, "targetPort": "http",
                                "nodePort": port}]}}


def _env_key(key, optional=None):
    ref = {"name": "app-config", "key": key}
    if optional is not None:
        ref["optional"] = optional
    return [container(env=[{"name": "K", "valueFrom": {"configMapKeyRef": ref}}])]


ITEMS = [{"name": "cfg", "configMap": {"name": "app-config", "items": [
    {"key": "setings.yaml", "path": "s.yaml"}]}}]
MOUNT = [container(volumeMounts=[{"name": "cfg", "mountPath": "/etc/app"}])]
PDB_BETA = {"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget", "metadata": meta("p"),
            "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "web"}}}}

#: (rule, manifests that trigger it with a fix)
FIX_CASES = [
    ("api.removed", [PDB_BETA, deployment()]),
    ("api.unknown-kind", [{**configmap(), "kind": "ConfigMapp"}]),
    ("schema.unknown-field", [deployment(containers=[container(ports=[{"containerport": 80}])])]),
    ("ref.missing", [deployment(containers=[container(envFrom=[{"configMapRef": {
        "name": "app-confg"}}])]), configmap()]),
    ("ref.missing.optional", [deployment(containers=[container(envFrom=[{"configMapRef": {
        "name": "app-confg", "optional": True}}])]), configmap()]),
    ("service.selector.no-match", [deployment(), service(selector={"app": "web", "tier": "x"})]),
    ("workload.selector.template-mismatch", [deployment(labels={"app": "web"},
                                                        selector={"app": "web", "tier": "fe"})]),
    ("service.targetPort.missing", [deployment(), service(selector={"app": "web"},
                                                          target="htp")]),
    ("service.targetPort.undeclared", [deployment(), service(selector={"app": "web"},
                                                             target=9090)]),
    ("ingress.backend.port.missing", [ingress(port={"number": 8080}), deployment(),
                                      service(selector={"app": "web"})]),
    ("ref.key.missing", [deployment(containers=_env_key("databse_url")),
                         configmap(data={"database_url": "x"})]),
    ("ref.key.missing", [deployment(containers=MOUNT, volumes=ITEMS),
                         configmap(data={"settings.yaml": "x"})]),
    ("ref.key.missing.optional", [deployment(containers=_env_key("databse_url", True)),
                                  configmap(data={"database_url": "x"})]),
    ("statefulset.service.not-headless", [statefulset(), service("db", {"app": "db"})]),
    ("hpa.target.replicas", [deployment("web", replicas=3), hpa()]),
    ("hpa.metric.requestMissing", [deployment("web"), hpa()]),
    ("service.nodePort.duplicate", [deployment(), _node_port_service("a"),
                                    _node_port_service("b"),
                                    _node_port_service("c", 30081)]),
    ("job.template.restartPolicy", [{"apiVersion": "batch/v1", "kind": "Job",
                                     "metadata": meta("j"), "spec": {"template": {"spec": {
                                         "containers": [container()]}}}}]),
    ("workload.template.restartPolicy", [deployment(restartPolicy="OnFailure")]),
    ("rbac.roleRef.missing", [role("reader"), binding(role_name="raeder")]),
    ("rbac.roleRef.missing.cluster", [role("reader", cluster=True),
                                      binding(role_name="raeder", cluster_role=True)]),
    ("rbac.subject.missing", [role("reader"), service_account("builder"),
                              binding(subject="bilder")]),
]
FIXABLE = frozenset(rule for rule, _ in FIX_CASES)


def _errors(findings: list[Finding]) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.resource_id, f.field) for f in findings if f.severity.value == "error"}


@pytest.mark.parametrize(("rule", "manifests"), FIX_CASES,
                         ids=[f"{i}-{rule}" for i, (rule, _) in enumerate(FIX_CASES)])
def test_fix_removes_its_finding(rule, manifests):
    document = doc(*manifests)
    before = validate_document(document)
    fixable = [f for f in before if f.rule == rule and f.fix is not None]
    assert fixable, [(f.rule, f.field, f.message) for f in before]
    finding = fixable[0]
    finding.fix.edit().apply(document)
    after = validate_document(document)
    assert not [f for f in after if f.rule == rule and f.resource_id == finding.resource_id
                and f.field == finding.field], finding.fix.description
    assert _errors(after) <= _errors(before), [(f.rule, f.field, f.message) for f in after]


def test_fix_is_undoable():
    document = doc(deployment(containers=_env_key("databse_url")),
                   configmap(data={"database_url": "x"}))
    snapshot = [r.manifest for r in document]
    finding = next(f for f in validate_document(document) if f.rule == "ref.key.missing")
    assert finding.fix.description == "did you mean key database_url?"
    assert finding.field.endswith("configMapKeyRef.key")
    edit = finding.fix.edit()
    edit.apply(document)
    edit.revert(document)
    assert [r.manifest for r in document] == snapshot


def test_node_port_fix_skips_ports_in_use():
    document = doc(deployment(), _node_port_service("a"), _node_port_service("b"),
                   _node_port_service("c", 30081))
    finding = next(f for f in validate_document(document)
                   if f.rule == "service.nodePort.duplicate")
    assert "30082" in finding.fix.description


@pytest.mark.parametrize(("used", "after", "expected"), [
    (set(), 30080, 30081), ({30081, 30082}, 30080, 30083), ({32767}, 32766, 30000),
    (set(range(30000, 32768)), 30000, None), (set(), 80, 30000),
])
def test_next_free_node_port(used, after, expected):
    assert next_free_node_port(used, after) == expected


def test_every_rule_offering_a_fix_has_a_fix_case(corpus):
    """Rules seen offering fixes (on the fix cases and the whole corpus) all have a row."""
    seen: set[str] = set()
    for _, manifests in FIX_CASES:
        seen |= {f.rule for f in validate_document(doc(*manifests)) if f.fix is not None}
    for app in sorted({p.parent for p in corpus.rglob("*.yaml")}):
        document = Document(load_paths([app]).resources)
        seen |= {f.rule for f in validate_document(document) if f.fix is not None}
    assert seen <= FIXABLE, seen - FIXABLE
