"""Table-driven tests for the findings that come straight from the wiring graph."""

from __future__ import annotations

import pytest

from kubecanvas.model.edits import UndoStack
from kubecanvas.validation.engine import validate_document

from .docs import check, configmap, container, deployment, doc, file_doc, secret, service

ENV_FROM_CM = [container(envFrom=[{"configMapRef": {"name": "app-confg"}}])]
OPTIONAL_CM = [container(envFrom=[{"configMapRef": {"name": "gone", "optional": True}}])]
PVC_VOLUME = {"volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}
SC_PVC = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data"},
          "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
                   "resources": {"requests": {"storage": "1Gi"}}}}

CASES = [
    # (case id, manifests, rule, expected to fire)
    ("cm-missing", [deployment(containers=ENV_FROM_CM)], "ref.missing", True),
    ("cm-present", [deployment(containers=ENV_FROM_CM), configmap("app-confg")],
     "ref.missing", False),
    ("cm-other-ns", [deployment(containers=ENV_FROM_CM), configmap("app-confg", ns="other")],
     "ref.missing", True),
    ("optional-missing-is-info", [deployment(containers=OPTIONAL_CM)],
     "ref.missing.optional", True),
    ("optional-missing-no-warning", [deployment(containers=OPTIONAL_CM)], "ref.missing", False),
    ("pvc-missing", [deployment(**PVC_VOLUME)], "ref.missing", True),
    ("storageclass-is-cluster", [SC_PVC], "ref.missing.cluster", True),
    ("storageclass-not-warning", [SC_PVC], "ref.missing", False),
    ("tls-secret-missing", [{"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                             "metadata": {"name": "i"}, "spec": {"tls": [{"secretName": "t"}]}}],
     "ref.missing", True),
    ("svc-no-match", [deployment("web"), service("web", {"app": "wbe"})],
     "service.selector.no-match", True),
    ("svc-match", [deployment("web"), service("web", {"app": "web"})],
     "service.selector.no-match", False),
    ("svc-other-ns", [deployment("web", ns="a"), service("web", {"app": "web"}, ns="b")],
     "service.selector.no-match", True),
    ("svc-no-selector", [service("ext")], "service.selector.no-match", False),
    ("svc-externalname", [service("ext", {"app": "x"}, type="ExternalName",
                                  externalName="example.com")],
     "service.selector.no-match", False),
    ("deploy-mismatch", [deployment("web", labels={"app": "web"}, selector={"app": "api"})],
     "workload.selector.template-mismatch", True),
    ("deploy-match", [deployment("web")], "workload.selector.template-mismatch", False),
    ("deploy-subset", [deployment("web", labels={"app": "web", "tier": "fe"},
                                  selector={"app": "web"})],
     "workload.selector.template-mismatch", False),
]


@pytest.mark.parametrize(("manifests", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_rule_table(manifests, rule, fires):
    findings = [f for f in check(*manifests) if f.rule == rule]
    assert bool(findings) == fires, findings


def test_missing_reference_points_at_field_and_suggests_name():
    d = doc(deployment(containers=ENV_FROM_CM), configmap("app-config"))
    (finding,) = [f for f in validate_document(d) if f.rule == "ref.missing"]
    assert finding.field == "spec.template.spec.containers[0].envFrom[0].configMapRef.name"
    assert finding.related == ("missing:ConfigMap:default:app-confg",)
    assert finding.fix is not None
    assert finding.fix.description == "did you mean ConfigMap app-config?"
    UndoStack(d).push(finding.fix.edit())
    assert not [f for f in validate_document(d) if f.rule.startswith("ref.")]


@pytest.mark.parametrize(("names", "guess"), [
    (["app-confg-extra-long", "app-co", "ap"], "app-co"),  # 3 shorter: 3 deleted
    (["app-confgxyz", "app-confgxyzw"], "app-confgxyz"),  # 3 longer: 3 added
    (["app-config", "app-confh", "app-confgx"], "app-confgx"),  # of equals, alphabetical
    (["app-confg-missing", "a"], None),  # far longer or shorter: no suggestion
])
def test_suggested_names_are_the_closest_within_three_characters(names, guess):
    d = doc(deployment(containers=ENV_FROM_CM), *(configmap(n) for n in names))
    (finding,) = [f for f in validate_document(d) if f.rule == "ref.missing"]
    assert (finding.fix.description if finding.fix else None) == (
        f"did you mean ConfigMap {guess}?" if guess else None)


def test_no_suggestion_for_unrelated_name():
    d = doc(deployment(containers=ENV_FROM_CM), configmap("database"))
    (finding,) = [f for f in validate_document(d) if f.rule == "ref.missing"]
    assert finding.fix is None


def test_service_fix_adds_label_to_template():
    d = doc(deployment("web", labels={"app": "web"}), service("web", {"app": "web", "tier": "fe"}))
    (finding,) = [f for f in validate_document(d) if f.rule == "service.selector.no-match"]
    assert finding.fix is not None
    assert finding.fix.description == ("add label tier=fe to the pod template of "
                                       "Deployment web")
    UndoStack(d).push(finding.fix.edit())
    assert not validate_document(d)


def test_service_fix_reaims_selector_on_conflict():
    d = doc(deployment("web"), service("web", {"app": "wbe"}))
    (finding,) = validate_document(d)
    assert finding.fix is not None
    assert "change the selector to app=web" in finding.fix.description
    stack = UndoStack(d)
    stack.push(finding.fix.edit())
    assert not validate_document(d)
    stack.undo()
    assert validate_document(d)


def test_template_mismatch_fix():
    d = doc(deployment("web", labels={"tier": "fe"}, selector={"app": "web"}))
    (finding,) = [f for f in validate_document(d)
                  if f.rule == "workload.selector.template-mismatch"]
    assert finding.severity.value == "error"
    assert finding.fix is not None
    UndoStack(d).push(finding.fix.edit())
    assert not [f for f in validate_document(d)
                if f.rule == "workload.selector.template-mismatch"]


def test_job_generated_selector_not_checked():
    job = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"},
           "spec": {"selector": {"matchLabels": {"a": "b"}},
                    "template": {"spec": {"restartPolicy": "Never",
                                          "containers": [container()]}}}}
    assert not [f for f in check(job) if f.rule == "workload.selector.template-mismatch"]
    job["spec"]["manualSelector"] = True
    assert [f for f in check(job) if f.rule == "workload.selector.template-mismatch"]


def test_secret_reference_found():
    env = [container(env=[{"name": "P", "valueFrom": {"secretKeyRef": {"name": "db",
                                                                       "key": "password"}}}])]
    assert not [f for f in check(deployment(containers=env), secret("db"))
                if f.rule.startswith("ref.")]


def test_service_fixes_of_a_namespace_score_its_pod_owners_once_and_break_ties_by_order():
    # both workloads share the selector's key and neither its value: a tie, which goes to the
    # first in the files (never to the id), for every Service of the namespace alike
    d = file_doc(deployment("zeta", labels={"app": "zeta"}),
                 deployment("alpha", labels={"app": "alpha"}),
                 service("one", {"app": "nothing"}), service("two", {"app": "none"}))
    fixes = sorted(f.fix.description for f in validate_document(d)
                   if f.rule == "service.selector.no-match" and f.fix is not None)
    assert fixes == ["change the selector to app=zeta (the pod labels of Deployment zeta)"] * 2
