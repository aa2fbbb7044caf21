"""Text, JSON and SARIF output, and the .kubecanvas-ignore format."""

from __future__ import annotations

import json

import pytest

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Origin, Resource
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.ignore import IgnoreFileError, parse_ignore_file, resolve_ignores
from kubecanvas.validation.output import render, to_json_data, to_sarif_data, to_text
from kubecanvas.validation.registry import RULES

from .docs import container, deployment, service

LINES = {("spec", "selector"): (9, 3), ("spec",): (7, 1)}


def _document() -> Document:
    svc = Resource(service("web", {"app": "wbe"}, ns="shop"),
                   origin=Origin("k8s/app.yaml", line=1, lines=LINES.get))
    dep = Resource(deployment("web", ns="shop", containers=[container(
        envFrom=[{"configMapRef": {"name": "cfg"}}])]), origin=Origin("k8s/app.yaml", line=20))
    unsaved = Resource(service("new", {"app": "none"}, ns="shop"))
    return Document([svc, dep, unsaved])


def test_json_shape():
    d = _document()
    data = to_json_data(d, validate_document(d))
    assert set(data) == {"findings", "summary"}
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "message", "resource", "file", "line", "field",
                          "related", "fix"}
    assert first["resource"] == {"apiVersion": "v1", "kind": "Service", "namespace": "shop",
                                 "name": "web"}
    assert (first["file"], first["line"], first["field"]) == ("k8s/app.yaml", 9, "spec.selector")
    assert first["severity"] in ("error", "warning", "info")
    missing = [f for f in data["findings"] if f["rule"] == "ref.missing"][0]
    assert missing["line"] == 20  # no line lookup: the document start
    assert missing["related"] == [{"apiVersion": "", "kind": "ConfigMap", "namespace": "shop",
                                   "name": "cfg"}]
    unsaved = [f for f in data["findings"] if f["resource"]["name"] == "new"][0]
    assert unsaved["file"] is None and unsaved["line"] is None
    assert data["summary"]["warnings"] == 3 and data["summary"]["total"] == 3
    json.loads(render(d, validate_document(d), "json"))


def test_text_groups_by_file_with_lines():
    d = _document()
    text = to_text(d, validate_document(d))
    lines = text.splitlines()
    assert lines[0] == "k8s/app.yaml"
    assert lines[1].lstrip().startswith("9:")
    assert "(not saved)" in lines
    assert "fix: change the selector" in text or "fix: add label" in text
    assert lines[-1] == "0 error(s), 3 warning(s), 0 info"


def test_sarif_shape():
    d = _document()
    findings = validate_document(d)
    log = to_sarif_data(d, findings)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= {r.id for r in RULES}
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    assert len(run["results"]) == len(findings)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        for loc in result["locations"]:
            if "physicalLocation" in loc:
                phys = loc["physicalLocation"]
                assert phys["artifactLocation"]["uri"] == "k8s/app.yaml"
                assert phys["region"]["startLine"] >= 1
    json.loads(render(d, findings, "sarif"))
    with pytest.raises(ValueError):
        render(d, findings, "xml")


def test_parse_ignore_file():
    text = """
    # comment
    service.selector.no-match  Service/shop/web   # trailing comment
    ref.missing ConfigMap/app-config
    schema.* *
    ref.missing.cluster StorageClass/x/fast
    """
    assert parse_ignore_file(text) == {
        ("service.selector.no-match", "Service/shop/web"),
        ("ref.missing", "ConfigMap/default/app-config"),
        ("schema.*", "*"),
        ("ref.missing.cluster", "StorageClass//fast"),
    }


@pytest.mark.parametrize("bad", ["just-a-rule", "rule a/b/c/d", "rule Kind/", "a b c"])
def test_parse_ignore_file_errors_name_the_line(bad):
    with pytest.raises(IgnoreFileError, match="line 2"):
        parse_ignore_file(f"# ok\n{bad}\n")


def test_resolve_ignores_silences_findings():
    d = _document()
    pairs = parse_ignore_file("service.selector.no-match Service/shop/web\nref.missing *\n")
    d.settings.ignored = resolve_ignores(pairs, d)
    remaining = validate_document(d)
    assert [(f.rule, d.get(f.resource_id or "").name) for f in remaining] == [
        ("service.selector.no-match", "new")]
