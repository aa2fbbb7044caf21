"""The traps peers' issue trackers list, each avoided and held by a test, and the hand-written
fully hardened Deployment that gets no hardening finding at all."""

from __future__ import annotations

from kubecanvas.model.edits import DELETE
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.hardening import DECLARED_BY_ID
from kubecanvas.validation.profiles import HARDENING

from ..docs import doc, meta
from .manifests import C0, POD, budget, changed, hard, hardened, hardened_app, job, policy


def hardening_findings(*manifests):
    return [f for f in validate_document(doc(*manifests), profiles=[HARDENING])
            if f.rule in DECLARED_BY_ID]


def rules(findings):
    return sorted({f.rule for f in findings})


def test_fully_hardened_deployment_gets_no_hardening_finding():
    everything = validate_document(doc(*hardened_app()), profiles=[HARDENING])
    assert [(f.rule, f.field, f.message) for f in everything] == []


def test_digest_pinned_image_is_pinned():
    image = "ghcr.io/acme/web@sha256:" + "0" * 64
    assert hardening_findings(*hard(((*C0, "image"), image))) == []
    tagged_and_pinned = "ghcr.io/acme/web:latest@sha256:" + "0" * 64
    assert hardening_findings(*hard(((*C0, "image"), tagged_and_pinned))) == []


def test_probes_on_named_ports_are_probes():
    manifests = hard(((*C0, "livenessProbe"), {"tcpSocket": {"port": "http"}}),
                     ((*C0, "readinessProbe"), {"httpGet": {"port": "http", "path": "/"}}))
    assert rules(hardening_findings(*manifests)) == []


def test_jobs_and_cronjobs_need_no_probes():
    cron = {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("nightly"),
            "spec": {"schedule": "0 3 * * *", "startingDeadlineSeconds": 300,
                     "jobTemplate": {"spec": job(ttlSecondsAfterFinished=60)["spec"]}}}
    found = rules(hardening_findings(job(ttlSecondsAfterFinished=60), cron))
    assert not [r for r in found if r.startswith("reliability.probe")], found


def test_one_off_pod_needs_no_probes():
    pod_spec = changed(hardened(), ((*C0, "livenessProbe"), DELETE),
                       ((*C0, "readinessProbe"), DELETE))["spec"]["template"]["spec"]
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": meta("migrate"),
           "spec": {**pod_spec, "restartPolicy": "Never", "topologySpreadConstraints": []}}
    assert not [r for r in rules(hardening_findings(pod)) if r.startswith("reliability.probe")]


def test_init_containers_need_no_probes_or_requests():
    init = {"name": "setup", "image": "busybox:1.36",
            "securityContext": {"allowPrivilegeEscalation": False,
                                "readOnlyRootFilesystem": True,
                                "capabilities": {"drop": ["ALL"]}}}
    manifests = hard(((*POD, "initContainers"), [init]))
    assert rules(hardening_findings(*manifests)) == []


def test_daemonset_node_agent_hostpath_is_reported_with_its_reason():
    agent = changed(hardened("logs"), ((*POD, "volumes", 1), {
        "name": "varlog", "hostPath": {"path": "/var/log"}}))
    agent["kind"] = "DaemonSet"
    del agent["spec"]["replicas"]
    found = [f for f in hardening_findings(agent) if f.rule == "pss.hostPath"]
    assert len(found) == 1
    assert "node agent" in found[0].message and "노드 에이전트" in found[0].message.ko
    deployment = changed(hardened(), ((*POD, "volumes", 1), {
        "name": "varlog", "hostPath": {"path": "/var/log"}}))
    (plain,) = [f for f in hardening_findings(deployment, budget(), policy())
                if f.rule == "pss.hostPath"]
    assert "node agent" not in plain.message


def test_sensitive_host_paths_are_named():
    sock = changed(hardened(), ((*POD, "volumes", 1), {
        "name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}))
    root = changed(hardened(), ((*POD, "volumes", 1), {"name": "root",
                                                       "hostPath": {"path": "/"}}))
    (on_sock,) = [f for f in hardening_findings(sock) if f.rule == "pss.hostPath"]
    (on_root,) = [f for f in hardening_findings(root) if f.rule == "pss.hostPath"]
    assert "container runtime" in on_sock.message
    assert "whole filesystem" in on_root.message


def test_default_service_account_with_automount_disabled():
    account = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("default"),
               "automountServiceAccountToken": False}
    manifests = hard(((*POD, "automountServiceAccountToken"), DELETE))
    assert "security.serviceAccountToken" in rules(hardening_findings(*manifests))
    assert rules(hardening_findings(*manifests, account)) == []
