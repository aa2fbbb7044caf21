"""Every finding message and fix description of the converted rule modules is bilingual.

The Problems panel shows a finding in the window's language, so a rule's message must be a
`kubecanvas.model.text.Text` carrying Korean beside the English sentence that the CLI and the
other tests read. The documents come from the table-driven cases of the other validation tests
(every case that fires), so each converted rule is checked on a document known to trigger it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.text import Text
from kubecanvas.validation import schema
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.hardening import DECLARED_BY_ID
from kubecanvas.validation.output import render
from kubecanvas.validation.registry import RULES

from . import (
    test_fixes,
    test_rules_access,
    test_rules_controllers,
    test_rules_fields,
    test_rules_format,
    test_rules_graph,
    test_rules_scheduling,
    test_rules_volumes,
    test_rules_wiring,
)
from .docs import check, container, deployment, doc, meta, service

#: Rule modules whose messages and fixes are bilingual (every module that registers a rule).
CONVERTED = (
    "rules_graph", "rules_wiring", "rules_storage", "rules_usage", "rules_traffic",
    "rules_schema", "rules_meta", "rules_pod", "rules_containers", "rules_volumes",
    "rules_controllers", "rules_claims", "rules_fields", "rules_access", "rules_keys",
    "rules_workloads", "rules_jobs", "rules_scheduling", "rules_network", "rules_objects",
    "rules_pod_volumes", "rules_affinity", "rules_clashes", "rules_config",
)

HANGUL = re.compile("[\uac00-\ud7a3]")
TABLES = (test_rules_access, test_rules_controllers, test_rules_fields, test_rules_format,
          test_rules_graph, test_rules_scheduling, test_rules_volumes, test_rules_wiring)


def _module(rule_function: Any) -> str:
    return str(rule_function.__module__).rsplit(".", 1)[-1]


CONVERTED_RULES = sorted(r.id for r in RULES if _module(r.function) in CONVERTED)
#: Converted rules no document reaches with the built-in schemas (they carry no constraint
#: beyond type, enum, required and unknown fields); tested on their message builder instead.
UNREACHABLE = {"schema.invalid"}


def _with_spec(manifest: dict[str, Any], **spec: Any) -> dict[str, Any]:
    return {**manifest, "spec": {**manifest["spec"], **spec}}


#: Documents for rules the other tests' tables do not trigger.
EXTRA: list[tuple[str, list[dict[str, Any]]]] = [
    ("operator-pods", [service("prom", {"app": "prom"}),
                       {"apiVersion": "monitoring.coreos.com/v1", "kind": "Prometheus",
                        "metadata": meta("prom", labels={"app": "prom"}), "spec": {}}]),
    ("binary-env", [deployment(containers=[container(env=[{"name": "K", "valueFrom": {
        "configMapKeyRef": {"name": "bin", "key": "blob"}}}])]),
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("bin"),
         "binaryData": {"blob": "AAEC"}}]),
    ("api-unknown-version", [{**deployment(), "apiVersion": "apps/v1beta9"}]),
    ("schema-type", [{**deployment(), "spec": {**deployment()["spec"], "replicas": "three"}}]),
    ("meta-name-required", [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}]),
    ("meta-namespace", [{"apiVersion": "v1", "kind": "ConfigMap",
                         "metadata": meta("c", ns="Bad_NS")},
                        {"apiVersion": "v1", "kind": "Namespace", "metadata": meta("n", ns="x")}]),
    ("meta-annotations", [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {
        "name": "c", "annotations": {"bad key!": "x", "big": "x" * 300_000}}}]),
    ("long-names", [{**deployment(), "kind": "StatefulSet",
                     "metadata": meta("s" * 53), "spec": {**deployment()["spec"],
                                                          "serviceName": "s"}},
                    {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("j" * 64),
                     "spec": {"template": {"spec": {"restartPolicy": "Never",
                                                    "containers": [container()]}}}}]),
    ("selector-syntax", [deployment(labels={"bad key!": "bad value!"},
                                    selector={"bad key!": "bad value!"}),
                         service("s", {"bad key!": "bad value!"}),
                         {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                          "metadata": meta("pdb"), "spec": {"minAvailable": 1, "selector": {
                              "matchExpressions": [
                                  {"key": "a", "operator": "In"},
                                  {"key": "b", "operator": "Exists", "values": ["x"]},
                                  {"key": "bad key!", "operator": "Exists"}]}}}]),
    ("pod-spec", [{"apiVersion": "v1", "kind": "Pod", "metadata": meta("p"), "spec": {
        "serviceAccountName": "Bad_SA", "priorityClassName": "Bad_PC",
        "runtimeClassName": "Bad_RC", "nodeName": "Bad_Node", "hostname": "Bad.Host",
        "subdomain": "Bad.Sub", "dnsPolicy": "None",
        "volumes": [{"name": "Bad_Vol", "emptyDir": {}}, {"name": "v", "emptyDir": {}},
                    {"name": "v", "configMap": {"items": [{"key": "k", "path": "../x"}]}},
                    {"name": "s", "secret": {}}],
        "containers": [container(
            image=" nginx ", restartPolicy="Always",
            ports=[{"containerPort": 70000, "hostPort": 70000, "name": "p"},
                   {"containerPort": 80, "name": "p"}],
            env=[{"name": "1=BAD", "value": "x"},
                 {"name": "E", "valueFrom": {}},
                 {"name": "F", "valueFrom": {"fieldRef": {"apiVersion": "v2",
                                                          "fieldPath": "metadata.name"}}},
                 {"name": "R", "valueFrom": {"resourceFieldRef": {"resource": "gpu"}}}],
            envFrom=[{}],
            volumeMounts=[{"name": "v", "mountPath": "/a"}, {"name": "s", "mountPath": "/a"}],
            resources={"limits": {"gpu": "1"}, "requests": {"cpu": "-1"}},
            livenessProbe={"httpGet": {"port": "Bad_Port_Name_Too_Long"}})]}}]),
    ("template-ephemeral", [deployment(ephemeralContainers=[container("debug")])]),
    ("no-containers", [{"apiVersion": "v1", "kind": "Pod", "metadata": meta("p"),
                        "spec": {"containers": []}}]),
    ("sa-secret-missing", [{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("sa"),
                            "imagePullSecrets": [{"name": "regcred"}],
                            "secrets": [{"name": "token"}]}]),
    ("workload-specs", [
        _with_spec(deployment("a", activeDeadlineSeconds=10), progressDeadlineSeconds=5,
                   minReadySeconds=10, strategy={"type": "Recreate", "rollingUpdate": {}}),
        _with_spec(deployment("b"), strategy={"rollingUpdate": {"maxSurge": "abc"}}),
        _with_spec(deployment("c"), strategy={"rollingUpdate": {"maxSurge": 0,
                                                                "maxUnavailable": 0}}),
        _with_spec(deployment("d"), strategy={"rollingUpdate": {"maxUnavailable": "150%"}}),
        {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("j"), "spec": {
            "podFailurePolicy": {"rules": []}, "template": {"spec": {
                "restartPolicy": "OnFailure", "containers": [container()]}}}},
        {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("c"), "spec": {
            "schedule": "0 * * * *", "timeZone": "Local", "jobTemplate": {"spec": {
                "template": {"spec": {"restartPolicy": "Never",
                                      "containers": [container()]}}}}}}]),
    ("manual-selectors", [
        {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("j"), "spec": {
            "manualSelector": True, "template": {"spec": {
                "restartPolicy": "Never", "containers": [container()]}}}},
        {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("c"), "spec": {
            "schedule": "0 * * * *", "jobTemplate": {"spec": {
                "manualSelector": True, "template": {"spec": {
                    "restartPolicy": "Never", "containers": [container()]}}}}}}]),
    ("network", [
        service("ext", {"app": "x"}, type="ExternalName", externalName="example.com"),
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta("a"),
         "spec": {"ingressClassName": "Bad_Class", "defaultBackend": {
             "service": {"name": "web", "port": {"number": 80}}}}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {
            "name": "b", "annotations": {"kubernetes.io/ingress.class": "traefik"}},
         "spec": {"ingressClassName": "nginx", "defaultBackend": {
             "service": {"name": "web", "port": {"number": 80}}}}}]),
    ("objects", [
        service("h", {"app": "web"}, type="NodePort", clusterIP="None"),
        service("ip", {"app": "web"}, clusterIP="not-an-ip"),
        {**service("ports", {"app": "web"}), "spec": {"selector": {"app": "web"}, "ports": [
            {"name": "Bad_Name", "port": 80}, {"name": "Bad_Name", "port": 70000},
            {"name": "x", "port": 80}]}},
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta("i"),
         "spec": {"tls": [{"hosts": ["Bad_Host"]}], "defaultBackend": {
             "service": {"name": "web", "port": {"number": 80}},
             "resource": {"apiGroup": "example.com", "kind": "Bucket", "name": "b"}}}},
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("big"),
         "data": {"k": "x" * 1_100_000}, "binaryData": {"k": "AAEC"}},
        {"apiVersion": "v1", "kind": "Secret", "metadata": meta("s"),
         "stringData": {"bad key!": "x" * 1_100_000}},
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta("pv1"), "spec": {
            "accessModes": [], "capacity": {"storage": "1Gi"}, "hostPath": {"path": "/x"}}},
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta("pv2"), "spec": {
            "accessModes": ["ReadWriteOncePod", "ReadWriteOnce"], "capacity": {"storage": "1Gi"},
            "hostPath": {"path": "/x"}}},
        {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta("c"),
         "spec": {"accessModes": ["ReadWriteOnce"], "resources": {}}}]),
    ("pdb-no-match", [{"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                       "metadata": meta("pdb"), "spec": {
                           "minAvailable": 1, "selector": {"matchLabels": {"app": "none"}}}}]),
]


def _documents() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(case id, manifests) of every firing case in the other tests' tables."""
    for table in TABLES:
        for case_id, manifests, _rule, fires in table.CASES:
            if fires:
                yield (f"{table.__name__.rsplit('.', 1)[-1]}:{case_id}",
                       manifests if isinstance(manifests, list) else [manifests])
    for rule, manifests in test_fixes.FIX_CASES:
        yield f"fix:{rule}", manifests
    yield from EXTRA


def _findings() -> list[tuple[str, Finding]]:
    out = []
    for case_id, manifests in _documents():
        out += [(case_id, f) for f in check(*manifests)
                if f.rule in CONVERTED_RULES]
    return out


@pytest.fixture(scope="module")
def findings() -> list[tuple[str, Finding]]:
    return _findings()


def _bilingual(value: str) -> bool:
    return isinstance(value, Text) and bool(HANGUL.search(value.ko)) and value.en == str(value)


def test_converted_messages_and_fixes_carry_korean(findings):
    bad = [(case, f.rule, f.message) for case, f in findings if not _bilingual(f.message)]
    assert not bad, bad[:20]
    bad_fixes = [(case, f.rule, f.fix.description) for case, f in findings
                 if f.fix is not None and not _bilingual(f.fix.description)]
    assert not bad_fixes, bad_fixes[:20]


def test_every_converted_rule_was_checked(findings):
    seen = {f.rule for _case, f in findings}
    assert set(CONVERTED_RULES) - seen - UNREACHABLE == set()


def test_schema_library_messages_get_a_korean_frame():
    class Minimum:  # stands for a jsonschema-rs error kind the converter does not word itself
        pass

    class Error:
        instance_path = ["spec", "replicas"]
        kind = Minimum()
        message = "-1 is less than the minimum of 0"

    [error] = schema._convert(Error(), {})
    assert error.rule == "schema.invalid"
    assert error.message == "-1 is less than the minimum of 0"
    assert _bilingual(error.message)
    assert error.message.ko == "스키마 오류: spec.replicas: -1 is less than the minimum of 0"



def test_every_rule_module_is_converted():
    # modules that declare their own rules (validation/hardening) are held to it in
    # tests/validation/hardening/test_messages.py
    assert {_module(r.function) for r in RULES if r.id not in DECLARED_BY_ID} == set(CONVERTED)


def test_korean_differs_from_english_and_keeps_the_values(findings):
    for _case, finding in findings:
        message = finding.message
        assert isinstance(message, Text)
        assert message.ko != message.en
        for quoted in re.findall(r'"([^"\s]{1,40})"', message.en):  # values, names
            assert quoted in message.ko, (finding.rule, message)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cli_output_stays_english(fmt):
    manifests = [deployment(containers=[container(envFrom=[{"configMapRef": {
        "name": "app-confg"}}])]), service("web", {"app": "wbe"})]
    document = doc(*manifests)
    findings = check(*manifests)
    assert {f.rule for f in findings} >= {"ref.missing", "service.selector.no-match"}
    out = render(document, findings, fmt)
    assert not HANGUL.search(out)
    assert "does not exist" in out and "matches no pods" in out


def test_corpus_findings_are_bilingual(corpus):
    """Real-world apps reach message branches the small documents above may not."""
    lines = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    apps = sorted({line.split("\t")[0] for line in lines if line.strip()})
    checked = 0
    for app in apps:
        document = Document(load_paths([corpus / app]).resources)
        for finding in validate_document(document):
            checked += 1
            assert _bilingual(finding.message), (app, finding.rule, finding.message)
            if finding.fix is not None:
                assert _bilingual(finding.fix.description), (app, finding.rule)
    assert checked > 50
