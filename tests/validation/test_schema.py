"""Schema rules: OpenAPI violations with field paths, removed and unknown API versions."""

from __future__ import annotations

import pytest

from kubecanvas.model.edits import UndoStack
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.rules_schema import removed_api
from kubecanvas.validation.schema import schema_file_name, schemas_for
from kubecanvas.validation.versions import (
    UnknownVersionError,
    available_versions,
    default_kube_version,
    normalize_version,
)

from .docs import check, container, deployment, doc, service

pytestmark = pytest.mark.skipif(not available_versions(), reason="no schemas installed")


def _with(manifest, path, value):
    node = manifest
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return manifest


CASES = [
    ("unknown-field", _with(deployment(), ("spec", "replica"), 2), "schema.unknown-field",
     "spec.replica"),
    ("unknown-field-in-container",
     deployment(containers=[container(imagePullPolice="Always")]), "schema.unknown-field",
     "spec.template.spec.containers[0].imagePullPolice"),
    ("wrong-type", _with(deployment(), ("spec", "replicas"), "3"), "schema.type",
     "spec.replicas"),
    ("required", deployment(containers=[{"image": "nginx"}]), "schema.required",
     "spec.template.spec.containers[0].name"),
    ("enum", _with(service(), ("spec", "ipFamilyPolicy"), "Sometimes"), "schema.enum",
     "spec.ipFamilyPolicy"),
    ("int-or-string-list", service(target=[80]), "schema.type", "spec.ports[0].targetPort"),
    ("no-kind", {"apiVersion": "v1", "metadata": {"name": "x"}}, "schema.required", "kind"),
    ("removed", {**deployment(), "apiVersion": "extensions/v1beta1"}, "api.removed",
     "apiVersion"),
    ("unknown-version", {**deployment(), "apiVersion": "apps/v2"}, "api.unknown-version",
     "apiVersion"),
    ("unknown-kind", {**deployment(), "kind": "Deploymnet"}, "api.unknown-kind", "kind"),
]


@pytest.mark.parametrize(("manifest", "rule", "field"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_schema_rule_fires_with_path(manifest, rule, field):
    found = [(f.rule, f.field) for f in check(manifest)]
    assert (rule, field) in found


@pytest.mark.parametrize("manifest", [
    deployment(), service(selector={"app": "web"}), service(target=8080),
    {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
     "spec": {"anything": [1, 2]}},
    {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
     "metadata": {"name": "high"}, "value": 1000, "description": "a field named description"},
], ids=["deployment", "service", "service-int-target", "custom-resource", "priorityclass"])
def test_valid_manifests_have_no_schema_findings(manifest):
    assert not [f for f in check(manifest) if f.rule.startswith(("schema.", "api."))]


def test_every_error_reported_not_just_first():
    manifest = deployment(containers=[container(imagePullPolice="x", portz=[])])
    manifest["spec"]["replicas"] = "two"
    rules = sorted((f.rule, f.field) for f in check(manifest) if f.rule.startswith("schema."))
    assert len(rules) == 3


def test_unknown_field_suggests_and_fixes_rename():
    d = doc(deployment(containers=[container(imagepullpolicy="Always")]))
    (finding,) = [f for f in validate_document(d) if f.rule == "schema.unknown-field"]
    assert "did you mean 'imagePullPolicy'" in finding.message
    assert finding.fix is not None and finding.fix.description == (
        "rename imagepullpolicy to imagePullPolicy")
    UndoStack(d).push(finding.fix.edit())
    assert not [f for f in validate_document(d) if f.rule.startswith("schema.")]


def test_removed_api_names_replacement_and_respects_version():
    ingress = {"apiVersion": "extensions/v1beta1", "kind": "Ingress", "metadata": {"name": "i"},
               "spec": {"backend": {"serviceName": "s", "servicePort": 80}}}
    (finding,) = [f for f in check(ingress) if f.rule == "api.removed"]
    assert "networking.k8s.io/v1" in finding.message
    assert removed_api("batch/v1beta1", "CronJob", "1.24") is None
    assert removed_api("batch/v1beta1", "CronJob", "1.25") == ("batch/v1", "1.25")
    assert removed_api("policy/v1beta1", "PodSecurityPolicy", "1.30") == ("", "1.25")
    assert removed_api("autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26")


def test_version_selection():
    assert normalize_version("v1.33.2") == "1.33"
    assert normalize_version(None) == default_kube_version() == available_versions()[-1]
    with pytest.raises(UnknownVersionError):
        normalize_version("latest")
    with pytest.raises(UnknownVersionError):
        schemas_for("1.2").validator("v1", "Service")
    assert schema_file_name("networking.k8s.io/v1", "Ingress") == "ingress-networking-v1.json"
    assert schema_file_name("v1", "Service") == "service-v1.json"


def test_validator_compiled_once():
    schemas = schemas_for(default_kube_version())
    assert schemas.validator("apps/v1", "Deployment") is schemas.validator("apps/v1",
                                                                           "Deployment")
