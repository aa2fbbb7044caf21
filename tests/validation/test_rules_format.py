"""Table-driven tests for the API server's format rules: each rule with the smallest document
that triggers it and a close one that must not."""

from __future__ import annotations

import copy

import pytest

from kubecanvas.validation.rules_meta import cron_errors

from .docs import check, configmap, container, deployment, meta, secret, service


def pod(**spec):
    body = {"containers": [container()]}
    body.update(spec)
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta("p"), "spec": body}


def job(**pod_spec):
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("j"),
            "spec": {"template": {"spec": {"containers": [container()], **pod_spec}}}}


def cronjob(schedule="*/5 * * * *", name="c"):
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta(name),
            "spec": {"schedule": schedule, "jobTemplate": {"spec": {"template": {"spec": {
                "restartPolicy": "Never", "containers": [container()]}}}}}}


def ingress(path="/", path_type="Prefix", host=None, port=None):
    rule = {"http": {"paths": [{"path": path, "pathType": path_type, "backend": {"service": {
        "name": "web", "port": port if port is not None else {"number": 80}}}}]}}
    if host:
        rule["host"] = host
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta("i"),
            "spec": {"rules": [rule]}}


def pvc(modes=("ReadWriteOnce",), storage="1Gi"):
    spec = {"accessModes": list(modes), "resources": {"requests": {"storage": storage}}}
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta("c"),
            "spec": spec}


def pv(**spec):
    body = {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"},
            "hostPath": {"path": "/x"}}
    body.update(spec)
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta("v"), "spec": body}


def named(manifest, name):
    out = copy.deepcopy(manifest)
    out["metadata"]["name"] = name
    return out


def labelled(manifest, labels):
    out = copy.deepcopy(manifest)
    out["metadata"]["labels"] = labels
    return out


ENV_LABELS = [container(env=[{"name": "L", "valueFrom": {"fieldRef": {
    "fieldPath": "metadata.labels"}}}])]
ENV_LABEL_KEY = [container(env=[{"name": "L", "valueFrom": {"fieldRef": {
    "fieldPath": "metadata.labels['app']"}}}])]
DOWNWARD_VOLUME = {"name": "d", "downwardAPI": {"items": [{"path": "n", "fieldRef": {
    "fieldPath": "spec.nodeName"}}]}}
MOUNT = [container(volumeMounts=[{"name": "cfg", "mountPath": "/etc/x"}])]
CFG_VOLUME = [{"name": "cfg", "configMap": {"name": "x"}}]

CASES = [
    # (case, manifest, rule, fires)
    ("svc-name-digit", named(service(), "1web"), "meta.name.format", True),
    ("svc-name-ok", named(service(), "web1"), "meta.name.format", False),
    ("deploy-name-dots-ok", named(deployment(), "web.v1"), "meta.name.format", False),
    ("deploy-name-dots-warn", named(deployment(), "web.v1"), "meta.workloadName.dnsLabel", True),
    ("sts-name-dots", {**named(deployment(), "db.v1"), "kind": "StatefulSet"},
     "meta.name.format", True),
    ("cm-name-upper", named(configmap(), "Config"), "meta.name.format", True),
    ("rbac-name-colon-ok", {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                            "metadata": meta("system:metrics")}, "meta.name.format", False),
    ("label-key-bad", labelled(configmap(), {"a/b/c": "x"}), "meta.labels.key", True),
    ("label-value-long", labelled(configmap(), {"a": "x" * 64}), "meta.labels.value", True),
    ("label-ok", labelled(configmap(), {"app.kubernetes.io/name": "web-1"}), "meta.labels.value",
     False),
    ("sel-operator", {**deployment(), "spec": {**deployment()["spec"], "selector": {
        "matchExpressions": [{"key": "app", "operator": "Equals", "values": ["web"]}]}}},
     "sel.expr.operator", True),
    ("sel-empty", {**deployment(), "spec": {**deployment()["spec"], "selector": {}}},
     "workload.selector.empty", True),
    ("container-name", deployment(containers=[container(name="My_App")]),
     "pod.container.name.format", True),
    ("container-dup", pod(containers=[container(), container()]), "pod.container.name.unique",
     True),
    ("image-missing", pod(containers=[{"name": "a"}]), "pod.container.image.required", True),
    ("port-name-long", pod(containers=[container(ports=[{"containerPort": 80,
                                                         "name": "metrics-endpoint-http"}])]),
     "pod.port.name.format", True),
    ("port-name-ok", pod(containers=[container(ports=[{"containerPort": 80, "name": "http"}])]),
     "pod.port.name.format", False),
    ("protocol-lower", pod(containers=[container(ports=[{"containerPort": 80,
                                                         "protocol": "tcp"}])]),
     "schema.enum", True),
    ("env-bare-labels", pod(containers=ENV_LABELS), "pod.env.fieldRef.path", True),
    ("env-label-key", pod(containers=ENV_LABEL_KEY), "pod.env.fieldRef.path", False),
    ("volume-nodename", pod(volumes=[DOWNWARD_VOLUME]), "pod.volume.downwardAPI.path", True),
    ("env-value-and-from", pod(containers=[container(env=[{"name": "A", "value": "x",
                                                           "valueFrom": {"fieldRef": {
                                                               "fieldPath": "metadata.name"}}}])]),
     "pod.env.valueFrom.withValue", True),
    ("env-name-strict-old", pod(containers=[container(env=[{"name": "1A", "value": "x"}])]),
     "pod.env.name.format", True),
    ("mount-undeclared", pod(containers=MOUNT), "pod.mount.name.exists", True),
    ("mount-declared", pod(containers=MOUNT, volumes=CFG_VOLUME), "pod.mount.name.exists", False),
    ("volume-two-sources", pod(volumes=[{"name": "v", "configMap": {"name": "a"},
                                         "secret": {"secretName": "b"}}]),
     "pod.volume.source.exactlyOne", True),
    ("volume-no-source-is-emptydir", pod(volumes=[{"name": "v"}]),
     "pod.volume.source.exactlyOne", False),
    ("volume-mode", pod(volumes=[{"name": "v", "configMap": {"name": "a", "defaultMode": 777}}]),
     "pod.volume.mode", True),
    ("requests-over-limits", pod(containers=[container(resources={
        "requests": {"memory": "2Gi"}, "limits": {"memory": "1024Mi"}})]),
     "pod.resources.requests<=limits", True),
    ("requests-equal-limits", pod(containers=[container(resources={
        "requests": {"memory": "1Gi"}, "limits": {"memory": "1024Mi"}})]),
     "pod.resources.requests<=limits", False),
    ("quantity-syntax", pod(containers=[container(resources={"limits": {"memory": "500MB"}})]),
     "pod.resources.quantity.syntax", True),
    ("probe-two-handlers", pod(containers=[container(livenessProbe={
        "exec": {"command": ["true"]}, "tcpSocket": {"port": 80}})]),
     "pod.probe.handler.exactlyOne", True),
    ("probe-named-port-missing", pod(containers=[container(readinessProbe={
        "httpGet": {"port": "http", "path": "/"}})]), "wire.pod.namedProbePort", True),
    ("job-restart-default", job(), "job.template.restartPolicy", True),
    ("job-restart-never", job(restartPolicy="Never"), "job.template.restartPolicy", False),
    ("deploy-restart-onfailure", deployment(restartPolicy="OnFailure"),
     "workload.template.restartPolicy", True),
    ("deploy-replicas-negative", deployment(replicas=-1), "workload.counts", True),
    ("cron-dow-7", cronjob("0 0 * * 7"), "cron.schedule.syntax", True),
    ("cron-6-fields", cronjob("0 0 0 * * *"), "cron.schedule.syntax", True),
    ("cron-ok", cronjob("*/5 1-3 * jan mon-fri"), "cron.schedule.syntax", False),
    ("cron-name-long", cronjob(name="c" * 53), "cron.name.len52", True),
    ("svc-no-ports", service(selector={"app": "web"}) | {"spec": {"selector": {"app": "web"}}},
     "svc.ports.required", True),
    ("svc-headless-no-ports", {**service(), "spec": {"clusterIP": "None"}},
     "svc.ports.required", False),
    ("svc-nodeport-range", service(type="NodePort") | {"spec": {"type": "NodePort", "ports": [
        {"port": 80, "nodePort": 8080}]}}, "svc.nodePort.range", True),
    ("svc-nodeport-clusterip", {**service(), "spec": {"ports": [{"port": 80, "nodePort": 30080}]}},
     "svc.nodePort.clusterIP", True),
    ("svc-two-unnamed", {**service(), "spec": {"ports": [{"port": 80}, {"port": 81}]}},
     "svc.port.name.required", True),
    ("svc-target-name-long", service(target="http-metrics-port"), "svc.port.targetPort", True),
    ("svc-type-case", service(type="Nodeport"), "schema.enum", True),
    ("svc-externalname-missing", service(type="ExternalName"), "svc.externalName.required",
     True),
    ("ing-path-relative", ingress(path="api"), "ing.path.absolute", True),
    ("ing-path-regex-prefix", ingress(path="/api(/|$)(.*)//"), "ing.path.sequences", True),
    ("ing-path-regex-implspecific", ingress(path="/api(/|$)(.*)",
                                            path_type="ImplementationSpecific"),
     "ing.path.sequences", False),
    ("ing-pathtype-case", ingress(path_type="prefix"), "schema.enum", True),
    ("ing-host-ip", ingress(host="10.0.0.1"), "ing.rule.host.format", True),
    ("ing-host-port", ingress(host="example.com:80"), "ing.rule.host.format", True),
    ("ing-host-wildcard", ingress(host="*.example.com"), "ing.rule.host.format", False),
    ("ing-port-both", ingress(port={"number": 80, "name": "http"}), "ing.backend.service.port",
     True),
    ("cm-key-slash", configmap(data={"app/config.yaml": "x"}), "cm.key.format", True),
    ("cm-key-ok", configmap(data={"app.config.yaml": "x"}), "cm.key.format", False),
    ("secret-tls-keys", secret("t", type="kubernetes.io/tls", string_data={"tls.crt": "x"}),
     "secret.type.required-keys", True),
    ("secret-tls-ok", secret("t", type="kubernetes.io/tls",
                             string_data={"tls.crt": "x", "tls.key": "y"}),
     "secret.type.required-keys", False),
    ("secret-base64", {**secret("s"), "data": {"password": "hunter2!"}}, "secret.data.base64",
     True),
    ("secret-base64-ok", {**secret("s"), "data": {"password": "aHVudGVyMg=="}},
     "secret.data.base64", False),
    ("pvc-no-modes", pvc(modes=()), "pvc.accessModes.required", True),
    ("pvc-rwop-mixed", pvc(modes=("ReadWriteOncePod", "ReadWriteOnce")), "pvc.accessModes.rwop",
     True),
    ("pvc-zero", pvc(storage="0"), "pvc.storage.positive", True),
    ("pv-two-sources", pv(nfs={"server": "s", "path": "/x"}), "pv.source.exactlyOne", True),
    ("pv-ok", pv(), "pv.source.exactlyOne", False),
    ("pv-no-capacity", pv(capacity={}), "pv.capacity.required", True),
    ("pv-local-affinity", {**pv(), "spec": {"accessModes": ["ReadWriteOnce"],
                                            "capacity": {"storage": "1Gi"},
                                            "local": {"path": "/mnt"}}},
     "pv.local.nodeAffinity", True),
]


@pytest.mark.parametrize(("manifest", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_format_rule_table(manifest, rule, fires):
    version = "1.31" if rule == "pod.env.name.format" else None
    found = [f for f in check(manifest, version=version) if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in check(manifest)]


def test_env_names_relaxed_from_132():
    manifest = pod(containers=[container(env=[{"name": "1A", "value": "x"}])])
    assert not [f for f in check(manifest, version="1.33") if f.rule == "pod.env.name.format"]


def test_clean_documents_have_no_findings():
    clean = [deployment(), service(selector={"app": "web"}, target="http"),
             configmap(), secret("db"), job(restartPolicy="OnFailure"), cronjob(),
             ingress(), pvc(), pv()]
    findings = [(f.rule, f.field) for f in check(*clean) if f.severity.value == "error"]
    assert findings == []


@pytest.mark.parametrize(("schedule", "ok"), [
    ("@hourly", True), ("@every 1h30m", True), ("@often", False), ("CRON_TZ=UTC 0 * * * *", False),
    ("0 0 1 1 *", True), ("60 * * * *", False), ("0 0 * * sun", True), ("0 0 ? * *", True),
])
def test_cron_parser(schedule, ok):
    assert (cron_errors(schedule) == []) == ok
