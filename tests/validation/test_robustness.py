"""Malformed manifests never crash the validator: any value anywhere gives findings, not a
traceback."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kubecanvas.model.kinds import KINDS

from .docs import check, configmap, deployment, secret, service

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 70000) | st.text(max_size=8)
    | st.sampled_from(["", "None", "http", "1Gi", "-1", "a/b", "*"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "spec", "ports", "selector", "matchLabels", "containers",
                         "volumes", "data", "port", "targetPort", "items", "key", "type",
                         "template", "metadata", "labels", "rules", "http", "paths",
                         "backend", "service", "resources", "limits", "requests", "env",
                         "valueFrom", "accessModes", "capacity", "claimRef", "x"]),
        inner, max_size=4),
    max_leaves=12)

BASES = [deployment(), service(selector={"app": "web"}), configmap(), secret("s")]
PATHS = [(), ("spec",), ("spec", "template"), ("spec", "template", "spec"),
         ("spec", "template", "spec", "containers"), ("spec", "selector"), ("metadata",),
         ("spec", "ports"), ("data",)]


def _graft(manifest: dict, path: tuple[str, ...], value) -> dict:
    out = copy.deepcopy(manifest)
    node = out
    for step in path[:-1]:
        child = node.get(step) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            return out
        node = child
    if path and isinstance(node, dict):
        node[path[-1]] = value
    elif not path and isinstance(value, dict):
        out.update(value)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(BASES), st.sampled_from(PATHS), json_values,
       st.sampled_from(sorted(KINDS)))
def test_any_value_anywhere_never_crashes(base, path, value, kind):
    manifest = _graft(base, path, value)
    manifest["kind"] = kind
    check(manifest, copy.deepcopy(base))


def test_a_rule_that_trips_over_wrong_types_does_not_hide_other_findings():
    """A list where a port number belongs once crashed the Service port rule; the schema
    findings must still be reported, and other resources still checked."""
    from kubecanvas.model.document import Document
    from kubecanvas.model.resource import Resource
    from kubecanvas.validation import validate_document

    broken = Resource({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                       "spec": {"selector": {"app": "web"},
                                "ports": [{"port": [], "targetPort": {}, "name": ["x"]}]}})
    other = Resource({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "Bad_Name"},
                      "spec": {"ports": [{"port": 80}, {"port": 80}]}})
    findings = validate_document(Document([broken, other]))
    rules = {(f.resource_id, f.rule) for f in findings}
    assert (broken.id, "schema.type") in rules
    assert (other.id, "meta.name.format") in rules or any(r == other.id for r, _ in rules)
    assert any(rid == other.id and rule.startswith("svc.") for rid, rule in rules)
