"""Form fields: text <-> manifest values (no window)."""

from __future__ import annotations

import pytest

from kubecanvas.model.resource import Resource
from kubecanvas.model.templates import default_manifest
from kubecanvas.ui.panels.inspector_fields import current_value, form_fields, parse_text, to_text


def _spec(res: Resource, label: str):
    return next(f for f in form_fields(res) if f.label == label)


def test_service_ports_round_trip_and_keep_unshown_fields() -> None:
    svc = Resource(default_manifest("Service", "web"))
    spec = _spec(svc, "Ports")
    assert to_text(spec, current_value(svc, spec)) == "http:80->http"
    value = parse_text(spec, "http:80->8080, admin:9090", current_value(svc, spec))
    assert value == [{"name": "http", "port": 80, "targetPort": 8080},
                     {"name": "admin", "port": 9090}]
    with pytest.raises(ValueError, match="a port is a number"):
        parse_text(spec, "http:eighty", None)


def test_env_keeps_value_from_entries() -> None:
    dep = Resource(default_manifest("Deployment", "web"))
    spec = _spec(dep, "Env")
    current = [{"name": "A", "value": "1"},
               {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "db", "key": "pw"}}}]
    assert to_text(spec, current) == "A=1; PW=secret:db/pw"
    assert parse_text(spec, "A=2; B=x, y; PW=secret:db/pw", current) == [
        {"name": "A", "value": "2"}, {"name": "B", "value": "x, y"}, current[1]]
    assert parse_text(spec, "", current) is None
    with pytest.raises(ValueError, match="NAME=value"):
        parse_text(spec, "A", current)


def test_labels_replicas_and_access_modes() -> None:
    dep = Resource(default_manifest("Deployment", "web"))
    assert parse_text(_spec(dep, "Labels"), "app=web, tier=front", None) == {
        "app": "web", "tier": "front"}
    assert parse_text(_spec(dep, "Replicas"), "3", 1) == 3
    with pytest.raises(ValueError, match="whole number"):
        parse_text(_spec(dep, "Replicas"), "three", 1)
    claim = Resource(default_manifest("PersistentVolumeClaim", "data"))
    modes = _spec(claim, "Access modes")
    assert to_text(modes, current_value(claim, modes)) == "ReadWriteOnce"
    assert parse_text(modes, "ReadWriteMany, ReadOnlyMany", None) == [
        "ReadWriteMany", "ReadOnlyMany"]


def test_ingress_routes_round_trip() -> None:
    ingress = Resource({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                        "metadata": {"name": "shop"}, "spec": {"rules": [{"http": {"paths": [
                            {"path": "/", "pathType": "Exact", "backend": {"service": {
                                "name": "web", "port": {"name": "http"}}}}]}}]}})
    spec = _spec(ingress, "Routes")
    current = current_value(ingress, spec)
    assert to_text(spec, current) == "/ -> web:http"
    assert parse_text(spec, "/ -> web:80, /api -> api:http", current) == [
        {"path": "/", "pathType": "Exact",
         "backend": {"service": {"name": "web", "port": {"number": 80}}}},
        {"path": "/api", "pathType": "Prefix",
         "backend": {"service": {"name": "api", "port": {"name": "http"}}}}]
    with pytest.raises(ValueError, match="/path -> service:port"):
        parse_text(spec, "api", current)
