"""SARIF carries the hardening rules with their help text, so code scanning shows why each
matters and links the Kubernetes documentation."""

from __future__ import annotations

from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.hardening import DECLARED_BY_ID
from kubecanvas.validation.output import to_sarif_data
from kubecanvas.validation.profiles import HARDENING

from ..docs import deployment, doc


def test_sarif_lists_hardening_rules_with_help():
    document = doc(deployment())
    findings = validate_document(document, profiles=[HARDENING])
    run = to_sarif_data(document, findings)["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    for rule_id, declared in DECLARED_BY_ID.items():
        rule = rules[rule_id]
        assert rule["helpUri"] == declared.url
        assert declared.why in rule["help"]["text"] and declared.url in rule["help"]["text"]
        assert declared.url in rule["help"]["markdown"]
        assert rule["properties"]["tags"][0] == declared.profile
    results = {r["ruleId"] for r in run["results"]}
    assert "pss.runAsNonRoot" in results
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["pss.runAsNonRoot"] == "warning"
    assert levels["reliability.requests.ephemeralStorage"] == "note"
