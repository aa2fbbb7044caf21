"""The daily forms: containers, volumes, Ingress TLS, PV source, data, Job policies.

Pure text <-> value tests first, then the real inspector widgets: each edit is one undo step and
the YAML tab keeps showing the whole manifest.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest
from tests.model.factories import deployment
from tests.ui.gestures import snapshot

from kubecanvas.io.yaml_dialect import dump_document
from kubecanvas.model.resource import Resource
from kubecanvas.model.templates import default_manifest
from kubecanvas.ui.panels.inspector_fields import current_value, form_fields, parse_text, to_text
from kubecanvas.ui.panels.inspector_formats import FORMATS


def _spec(res: Resource, label: str):
    return next(f for f in form_fields(res) if f.label == label)


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("env", "MODE=prod; PW=secret:db/password; CONF=configmap:settings/level; "
            "POD=field:metadata.name; CPU=resource:limits.cpu", [
        {"name": "MODE", "value": "prod"},
        {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
        {"name": "CONF", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "level"}}},
        {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}]),
    ("envfrom", "configmap:settings; APP_ secret:creds", [
        {"configMapRef": {"name": "settings"}},
        {"prefix": "APP_", "secretRef": {"name": "creds"}}]),
    ("probe", "http:/healthz:8080", {"httpGet": {"path": "/healthz", "port": 8080}}),
    ("probe", "tcp:db", {"tcpSocket": {"port": "db"}}),
    ("probe", "exec:cat /tmp/ready", {"exec": {"command": ["cat", "/tmp/ready"]}}),
    ("mounts", "data:/var/lib/data; conf:/etc/app:ro", [
        {"name": "data", "mountPath": "/var/lib/data"},
        {"name": "conf", "mountPath": "/etc/app", "readOnly": True}]),
    ("volumes", "data=pvc:claim; conf=configmap:cm; creds=secret:s; tmp=emptydir; "
                "info=downwardapi:labels,annotations; host=hostpath:/mnt", [
        {"name": "data", "persistentVolumeClaim": {"claimName": "claim"}},
        {"name": "conf", "configMap": {"name": "cm"}},
        {"name": "creds", "secret": {"secretName": "s"}},
        {"name": "tmp", "emptyDir": {}},
        {"name": "info", "downwardAPI": {"items": [
            {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}},
            {"path": "annotations", "fieldRef": {"fieldPath": "metadata.annotations"}}]}},
        {"name": "host", "hostPath": {"path": "/mnt"}}]),
    ("tls", "shop-tls: shop.example.com, www.example.com", [
        {"secretName": "shop-tls", "hosts": ["shop.example.com", "www.example.com"]}]),
    ("data", "A=1; B=x, y", {"A": "1", "B": "x, y"}),
])
def test_short_forms_round_trip(kind: str, text: str, value: Any) -> None:
    to_text_, parse = FORMATS[kind]
    assert parse(text, None) == value
    assert parse(to_text_(value), None) == value
    assert parse("", value) is None  # an empty field removes it


@pytest.mark.parametrize(("kind", "text", "message"), [
    ("env", "PW=secret:db", "object/key"), ("probe", "ping", "http:/path:port"),
    ("mounts", "data:relative", "/mount/path"), ("volumes", "x=nfs:a", "pvc:claim"),
    ("envfrom", "settings", "configmap:NAME"), ("tls", "hosts-only", "SECRET: host"),
])
def test_bad_short_forms_say_what_to_write(kind: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FORMATS[kind][1](text, None)


def test_edits_keep_what_the_short_form_does_not_show() -> None:
    probe = {"httpGet": {"path": "/", "port": 80}, "initialDelaySeconds": 5, "periodSeconds": 3}
    assert FORMATS["probe"][1]("http:/ready:8080", probe) == {
        "httpGet": {"path": "/ready", "port": 8080}, "initialDelaySeconds": 5,
        "periodSeconds": 3}
    env = [{"name": "PW", "valueFrom": {"secretKeyRef": {"name": "a", "key": "k",
                                                         "optional": True}}}]
    assert FORMATS["env"][1]("PW=secret:b/k", env) == [
        {"name": "PW", "valueFrom": {"secretKeyRef": {"name": "b", "key": "k",
                                                      "optional": True}}}]
    volumes = [{"name": "c", "configMap": {"name": "a", "defaultMode": 420}}]
    assert FORMATS["volumes"][1]("c=configmap:b", volumes) == [
        {"name": "c", "configMap": {"name": "b", "defaultMode": 420}}]


def test_secret_data_is_shown_decoded_and_stored_base64() -> None:
    secret = Resource({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                       "data": {"password": base64.b64encode(b"hunter2").decode()}})
    spec = _spec(secret, "Data")
    assert to_text(spec, current_value(secret, spec)) == "password=hunter2"
    assert parse_text(spec, "password=s3cret; user=me", None) == {
        "password": base64.b64encode(b"s3cret").decode(), "user": "bWU="}
    raw = {"blob": "not base64!"}
    assert parse_text(spec, to_text(spec, raw), raw) == raw  # invalid data is kept as is
    string = Resource({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                       "stringData": {"password": "hunter2"}})
    assert [f.label for f in form_fields(string)][-1] == "String data"
    assert parse_text(_spec(string, "String data"), "password=x", None) == {"password": "x"}


def test_every_kind_offers_its_daily_fields() -> None:
    labels = {kind: [f.label for f in form_fields(Resource(default_manifest(kind, "x")))]
              for kind in ("Deployment", "Job", "CronJob", "Ingress", "PersistentVolume")}
    assert {"Image", "Container ports", "Env", "Env from", "CPU limit", "Liveness probe",
            "Readiness probe", "Volume mounts", "Volumes"} <= set(labels["Deployment"])
    assert {"Completions", "Parallelism", "Backoff limit", "Restart policy"} <= set(labels["Job"])
    assert {"Schedule", "Concurrency", "Completions"} <= set(labels["CronJob"])
    assert "TLS" in labels["Ingress"]
    assert {"Capacity", "Host path"} <= set(labels["PersistentVolume"])


def _commit(window, label: str, text: str) -> None:
    widget = window.inspector.field_widget(label)
    assert widget is not None, label
    if hasattr(widget, "setText"):
        widget.setText(text)
        widget.editingFinished.emit()
    else:
        widget.setCurrentText(text)
        widget.activated.emit(0)


def test_container_form_edits_are_single_undo_steps_and_yaml_follows(make_window):
    web = deployment("web")
    window = make_window([web])
    window.scene.select_ids([web.id])
    before = snapshot(window.session.document)
    _commit(window, "Env", "MODE=prod; POD=field:metadata.name")
    _commit(window, "Liveness probe", "http:/healthz:8080")
    _commit(window, "Volumes", "info=downwardapi:labels")
    _commit(window, "Volume mounts", "info:/etc/podinfo:ro")
    assert window.undo_stack.count() == 4
    pod = window.session.document.get(web.id).spec["template"]["spec"]
    assert pod["containers"][0]["env"][1]["valueFrom"] == {
        "fieldRef": {"fieldPath": "metadata.name"}}
    assert pod["volumes"][0]["downwardAPI"]["items"][0]["path"] == "labels"
    manifest = window.session.document.get(web.id).manifest
    assert window.inspector.yaml_edit.toPlainText() == dump_document(manifest)
    for _ in range(4):
        window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_job_policies_from_the_form(make_window):
    job = Resource(default_manifest("CronJob", "nightly"))
    window = make_window([job])
    window.scene.select_ids([job.id])
    _commit(window, "Concurrency", "Forbid")
    _commit(window, "Completions", "3")
    _commit(window, "Restart policy", "OnFailure")
    spec = window.session.document.get(job.id).spec
    assert spec["concurrencyPolicy"] == "Forbid"
    assert spec["jobTemplate"]["spec"]["completions"] == 3
    assert spec["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] == "OnFailure"
    assert window.undo_stack.count() == 3


def test_secret_form_values_are_hidden_until_asked(make_window):
    secret = Resource({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"},
                       "data": {"password": base64.b64encode(b"hunter2").decode()}})
    window = make_window([secret])
    window.scene.select_ids([secret.id])
    field = window.inspector.field_widget("Data")
    assert field.echoMode() == field.EchoMode.Password and field.isReadOnly()
    window.inspector.reveal_button.click()
    field = window.inspector.field_widget("Data")
    assert field.echoMode() == field.EchoMode.Normal and field.text() == "password=hunter2"
    field.setText("password=changed")
    field.editingFinished.emit()
    stored = window.session.document.get(secret.id).manifest["data"]["password"]
    assert base64.b64decode(stored) == b"changed"
