"""SARIF 2.1.0 output: structurally valid (checked against the parts of the OASIS schema that
code-scanning tools rely on), with repository-relative URIs and the right lines."""

from __future__ import annotations

import json

import jsonschema
import pytest

from kubecanvas.cli.main import main as cli_main
from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.output import help_uri, sarif_uri, to_sarif_data
from kubecanvas.validation.registry import RULES

#: The required properties, types and enumerations of sarif-schema-2.1.0.json (OASIS) for the
#: objects KubeCanvas writes, plus what GitHub code scanning needs (a rule's shortDescription and
#: helpUri, a result's physical location with a start line).
_MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_REGION = {"type": "object", "required": ["startLine"],
           "properties": {"startLine": {"type": "integer", "minimum": 1},
                          "startColumn": {"type": "integer", "minimum": 1}}}
_LOCATION = {"type": "object", "properties": {
    "physicalLocation": {"type": "object", "required": ["artifactLocation", "region"],
                         "properties": {"artifactLocation": {
                             "type": "object", "required": ["uri"],
                             "properties": {"uri": {"type": "string", "minLength": 1},
                                            "uriBaseId": {"type": "string"}}},
                             "region": _REGION}},
    "logicalLocations": {"type": "array", "items": {"type": "object"}}}}
_RULE = {"type": "object", "required": ["id", "shortDescription", "helpUri"],
         "properties": {"id": {"type": "string", "minLength": 1},
                        "shortDescription": _MESSAGE, "fullDescription": _MESSAGE,
                        "helpUri": {"type": "string", "format": "uri",
                                    "pattern": "^https://"},
                        "defaultConfiguration": {"type": "object", "properties": {
                            "level": {"enum": ["none", "note", "warning", "error"]}}}}}
_RESULT = {"type": "object", "required": ["ruleId", "level", "message", "locations"],
           "properties": {"ruleId": {"type": "string"}, "ruleIndex": {"type": "integer",
                                                                      "minimum": 0},
                          "level": {"enum": ["none", "note", "warning", "error"]},
                          "message": _MESSAGE,
                          "locations": {"type": "array", "minItems": 1, "items": _LOCATION}}}
SARIF_SUBSET = {
    "type": "object", "required": ["$schema", "version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name", "rules"],
                    "properties": {"name": {"type": "string", "minLength": 1},
                                   "rules": {"type": "array", "items": _RULE}}}}},
                "originalUriBaseIds": {"type": "object", "additionalProperties": {
                    "type": "object", "required": ["uri"]}},
                "results": {"type": "array", "items": _RESULT}}}}}}

APP = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: URL
              valueFrom:
                configMapKeyRef: {name: app-config, key: databse_url}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  database_url: postgres://db
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: wbe}
  ports:
    - port: 80
"""


@pytest.fixture()
def project(tmp_path, monkeypatch):
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "app.yaml").write_text(APP, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(log):
    jsonschema.validate(log, SARIF_SUBSET, format_checker=jsonschema.FormatChecker())
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    return run


def test_sarif_validates_and_points_at_lines(project):
    document = Document(load_paths([project / "k8s"]).resources)  # absolute path on purpose
    run = _check(to_sarif_data(document, validate_document(document)))
    located = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in run["results"]}
    key = located["ref.key.missing"]
    assert key["artifactLocation"] == {"uri": "k8s/app.yaml", "uriBaseId": "%SRCROOT%"}
    assert key["region"]["startLine"] == 18  # the configMapKeyRef line
    assert located["service.selector.no-match"]["region"]["startLine"] == 32  # selector
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"


def test_cli_writes_valid_sarif(project, capsys):
    code = cli_main(["validate", "k8s", "--format", "sarif"])
    assert code == 0  # warnings only
    run = _check(json.loads(capsys.readouterr().out))
    assert run["tool"]["driver"]["name"] == "KubeCanvas"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris == {"k8s/app.yaml"}


def test_cli_sarif_reports_load_problems_with_locations(project, capsys):
    (project / "k8s" / "broken.yaml").write_text("kind: [\n", encoding="utf-8")
    cli_main(["validate", "k8s", "--format", "sarif"])
    run = _check(json.loads(capsys.readouterr().out))
    assert "k8s/broken.yaml" in {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                 for r in run["results"]}


def test_sarif_uri_outside_the_working_directory(tmp_path):
    base = tmp_path / "repo"
    base.mkdir()
    assert sarif_uri(str(base / "a b.yaml"), base) == ("a%20b.yaml", True)
    outside = tmp_path / "elsewhere.yaml"
    assert sarif_uri(str(outside), base) == (outside.resolve().as_uri(), False)
    assert sarif_uri("k8s/app.yaml", base) == ("k8s/app.yaml", True)


def test_every_rule_has_a_help_page():
    assert all(help_uri(rule.id).startswith("https://kubernetes.io/docs/") for rule in RULES)
    assert help_uri("pod.tolerations").endswith("/taint-and-toleration/")
    assert help_uri("rbac.subject.missing").endswith("/rbac/")


def test_unlocated_findings_still_validate():
    from .docs import doc, service

    document = doc(service(selector={"app": "nothing"}))
    log = to_sarif_data(document, validate_document(document))
    for result in log["runs"][0]["results"]:
        assert "physicalLocation" not in result["locations"][0]
        assert result["locations"][0]["logicalLocations"]
    jsonschema.validate(log, SARIF_SUBSET)
