"""Table-driven: every declared rule with the smallest documents that trigger it and that do
not (most cases break one field of the hand-hardened Deployment in `manifests.py`)."""

from __future__ import annotations

import pytest

from kubecanvas.model.edits import DELETE
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.hardening import DECLARED
from kubecanvas.validation.profiles import CPU_LIMITS, HARDENING

from ..docs import configmap, deployment, doc, file_doc, meta, service
from .manifests import (
    C0,
    POD,
    PODSC,
    SC,
    binding_to,
    changed,
    cpu_utilization,
    cronjob,
    hard,
    hardened,
    hardened_app,
    hpa,
    ingress,
    job,
    namespace,
    policy,
    role,
)

DOCKER_SOCK = [{"name": "sock", "hostPath": {"path": "/var/run/docker.sock"}}]
PRIVILEGED_POD = {"apiVersion": "v1", "kind": "Pod", "metadata": meta("p", "shop"),
                  "spec": {"containers": [{"name": "c", "image": "nginx:1.27",
                                           "securityContext": {"privileged": True}}]}}


def _rules(**extra):
    return [{"apiGroups": [""], **extra}]


CASES = [
    # --- Pod Security Standards (hardening) ---------------------------------------------------
    ("host-process", hard(((*SC, "windowsOptions", "hostProcess"), True)),
     "pss.hostProcess", True),
    ("host-process-off", hard(((*SC, "windowsOptions", "hostProcess"), False)),
     "pss.hostProcess", False),
    ("host-network", hard(((*POD, "hostNetwork"), True)), "pss.hostNamespaces", True),
    ("host-network-false", hard(((*POD, "hostNetwork"), False)), "pss.hostNamespaces", False),
    ("privileged", hard(((*SC, "privileged"), True)), "pss.privileged", True),
    ("privileged-false", hard(((*SC, "privileged"), False)), "pss.privileged", False),
    ("cap-sys-admin", hard(((*SC, "capabilities", "add"), ["SYS_ADMIN"])),
     "pss.capabilities.add", True),
    ("cap-chown-restricted", hard(((*SC, "capabilities", "add"), ["CHOWN"])),
     "pss.capabilities.add", True),
    ("cap-net-bind", hard(((*SC, "capabilities", "add"), ["NET_BIND_SERVICE"])),
     "pss.capabilities.add", False),
    ("drop-net-raw-only", hard(((*SC, "capabilities", "drop"), ["NET_RAW"])),
     "pss.capabilities.dropAll", True),
    ("drop-all", hardened_app(), "pss.capabilities.dropAll", False),
    ("docker-sock", hard(((*POD, "volumes"), DOCKER_SOCK)), "pss.hostPath", True),
    ("empty-dir", hardened_app(), "pss.hostPath", False),
    ("host-port", hard(((*C0, "ports", 0, "hostPort"), 8080)), "pss.hostPort", True),
    ("host-port-zero", hard(((*C0, "ports", 0, "hostPort"), 0)), "pss.hostPort", False),
    ("apparmor-unconfined", hard(((*SC, "appArmorProfile"), {"type": "Unconfined"})),
     "pss.appArmor", True),
    ("apparmor-annotation", hard((("spec", "template", "metadata", "annotations"), {
        "container.apparmor.security.beta.kubernetes.io/app": "unconfined"})),
     "pss.appArmor", True),
    ("apparmor-default", hard(((*SC, "appArmorProfile"), {"type": "RuntimeDefault"})),
     "pss.appArmor", False),
    ("selinux-spc", hard(((*SC, "seLinuxOptions"), {"type": "spc_t"})), "pss.seLinux", True),
    ("selinux-user", hard(((*PODSC, "seLinuxOptions"), {"user": "sysadm_u"})),
     "pss.seLinux", True),
    ("selinux-container-t", hard(((*SC, "seLinuxOptions"), {"type": "container_t",
                                                             "level": "s0:c1,c2"})),
     "pss.seLinux", False),
    ("proc-unmasked", hard(((*SC, "procMount"), "Unmasked")), "pss.procMount", True),
    ("proc-default", hard(((*SC, "procMount"), "Default")), "pss.procMount", False),
    ("seccomp-unconfined", hard(((*PODSC, "seccompProfile", "type"), "Unconfined")),
     "pss.seccompProfile", True),
    ("seccomp-unset", hard(((*PODSC, "seccompProfile"), DELETE)), "pss.seccompProfile", True),
    ("seccomp-per-container", hard(((*PODSC, "seccompProfile"), DELETE),
                                   ((*SC, "seccompProfile"), {"type": "Localhost",
                                                              "localhostProfile": "p.json"})),
     "pss.seccompProfile", False),
    ("sysctl-unsafe", hard(((*PODSC, "sysctls"), [{"name": "net.core.somaxconn",
                                                  "value": "1024"}])), "pss.sysctls", True),
    ("sysctl-safe", hard(((*PODSC, "sysctls"), [{"name": "net.ipv4.tcp_syncookies",
                                                "value": "1"}])), "pss.sysctls", False),
    ("volume-nfs", hard(((*POD, "volumes", 1), {"name": "n", "nfs": {"server": "s",
                                                                     "path": "/x"}})),
     "pss.volumeTypes", True),
    ("volume-pvc", hard(((*POD, "volumes", 1), {"name": "d", "persistentVolumeClaim": {
        "claimName": "data"}})), "pss.volumeTypes", False),
    ("escalation-unset", hard(((*SC, "allowPrivilegeEscalation"), DELETE)),
     "pss.allowPrivilegeEscalation", True),
    ("escalation-false", hardened_app(), "pss.allowPrivilegeEscalation", False),
    ("non-root-unset", hard(((*PODSC, "runAsNonRoot"), DELETE)), "pss.runAsNonRoot", True),
    ("non-root-container-false", hard(((*SC, "runAsNonRoot"), False)), "pss.runAsNonRoot", True),
    ("non-root-per-container", hard(((*PODSC, "runAsNonRoot"), DELETE),
                                    ((*SC, "runAsNonRoot"), True)), "pss.runAsNonRoot", False),
    ("uid-0", hard(((*SC, "runAsUser"), 0)), "pss.runAsUser", True),
    ("uid-10001", hardened_app(), "pss.runAsUser", False),
    # --- other security ----------------------------------------------------------------------
    ("writable-root", hard(((*SC, "readOnlyRootFilesystem"), False)),
     "security.readOnlyRootFilesystem", True),
    ("read-only-root", hardened_app(), "security.readOnlyRootFilesystem", False),
    ("token-mounted", hard(((*POD, "automountServiceAccountToken"), DELETE)),
     "security.serviceAccountToken", True),
    ("token-off", hardened_app(), "security.serviceAccountToken", False),
    ("token-used-by-binding", [*hard(((*POD, "automountServiceAccountToken"), DELETE),
                                     ((*POD, "serviceAccountName"), "builder")),
                               binding_to("ClusterRole", "view", subject="builder")],
     "security.serviceAccountToken", False),
    ("env-password", hard(((*C0, "env"), [{"name": "DB_PASSWORD", "value": "hunter22"}])),
     "security.env.secretLiteral", True),
    ("env-secret-ref", hard(((*C0, "env"), [{"name": "DB_PASSWORD", "valueFrom": {
        "secretKeyRef": {"name": "db", "key": "password"}}},
        {"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"}])),
     "security.env.secretLiteral", False),
    ("configmap-token", [configmap(data={"api_token": "c2VjcmV0LXZhbHVl"})],
     "security.configMap.sensitive", True),
    ("configmap-private-key", [configmap(data={"tls.pem": "-----BEGIN RSA PRIVATE KEY-----\nx"})],
     "security.configMap.sensitive", True),
    ("configmap-plain", [configmap(data={"log_level": "debug", "token_ttl": "3600"})],
     "security.configMap.sensitive", False),
    # --- reliability --------------------------------------------------------------------------
    ("no-cpu-request", hard(((*C0, "resources", "requests", "cpu"), DELETE)),
     "reliability.requests.cpu", True),
    ("cpu-request", hardened_app(), "reliability.requests.cpu", False),
    ("no-memory-request", hard(((*C0, "resources", "requests", "memory"), DELETE),
                               ((*C0, "resources", "limits"), DELETE)),
     "reliability.requests.memory", True),
    ("memory-request-from-limit", hard(((*C0, "resources", "requests", "memory"), DELETE),
                                       ((*C0, "resources", "limits", "memory"), "256Mi")),
     "reliability.requests.memory", False),
    ("no-memory-limit", hard(((*C0, "resources", "limits"), DELETE)),
     "reliability.limits.memory", True),
    ("memory-limit", hardened_app(), "reliability.limits.memory", False),
    ("no-cpu-limit", hardened_app(), "reliability.limits.cpu", True),
    ("cpu-limit", hard(((*C0, "resources", "limits", "cpu"), "1")),
     "reliability.limits.cpu", False),
    ("no-ephemeral", hard(((*C0, "resources", "requests", "ephemeral-storage"), DELETE)),
     "reliability.requests.ephemeralStorage", True),
    ("ephemeral", hardened_app(), "reliability.requests.ephemeralStorage", False),
    ("no-liveness", hard(((*C0, "livenessProbe"), DELETE)), "reliability.probe.liveness", True),
    ("job-no-liveness", [job(ttlSecondsAfterFinished=600)], "reliability.probe.liveness", False),
    ("no-readiness", hard(((*C0, "readinessProbe"), DELETE)),
     "reliability.probe.readiness", True),
    ("cronjob-no-readiness", [cronjob(startingDeadlineSeconds=300)],
     "reliability.probe.readiness", False),
    ("liveness-first", hard(((*C0, "livenessProbe", "failureThreshold"), 1)),
     "reliability.probe.livenessBeforeReadiness", True),
    ("liveness-patient", hardened_app(), "reliability.probe.livenessBeforeReadiness", False),
    ("one-replica", [changed(hardened(), (("spec", "replicas"), 1))],
     "reliability.replicas", True),
    ("three-replicas", hardened_app(), "reliability.replicas", False),
    ("no-budget", [hardened(), policy()], "reliability.pdb.missing", True),
    ("budget", hardened_app(), "reliability.pdb.missing", False),
    ("no-spread", hard(((*POD, "topologySpreadConstraints"), DELETE)),
     "reliability.spread.missing", True),
    ("anti-affinity", hard(((*POD, "topologySpreadConstraints"), DELETE),
                           ((*POD, "affinity"), {"podAntiAffinity": {
                               "preferredDuringSchedulingIgnoredDuringExecution": [{
                                   "weight": 100, "podAffinityTerm": {
                                       "topologyKey": "kubernetes.io/hostname",
                                       "labelSelector": {"matchLabels": {"app": "web"}}}}]}})),
     "reliability.spread.missing", False),
    ("hpa-min-1", [*hard((("spec", "replicas"), DELETE)),
                   hpa(low=1, metrics=[cpu_utilization()])],
     "reliability.hpa.minReplicas", True),
    ("hpa-min-2", [*hard((("spec", "replicas"), DELETE)),
                   hpa(low=2, metrics=[cpu_utilization()])],
     "reliability.hpa.minReplicas", False),
    ("job-no-ttl", [job()], "reliability.job.ttl", True),
    ("job-ttl", [job(ttlSecondsAfterFinished=600)], "reliability.job.ttl", False),
    ("cron-no-deadline", [cronjob()], "reliability.cronjob.startingDeadline", True),
    ("cron-deadline", [cronjob(startingDeadlineSeconds=300)],
     "reliability.cronjob.startingDeadline", False),
    # --- supply chain and exposure ------------------------------------------------------------
    ("image-latest", hard(((*C0, "image"), "nginx:latest")), "image.tag.unpinned", True),
    ("image-untagged", hard(((*C0, "image"), "registry.example.com:5000/web")),
     "image.tag.unpinned", True),
    ("image-digest", hard(((*C0, "image"), "nginx@sha256:" + "a" * 64)),
     "image.tag.unpinned", False),
    ("image-port-and-tag", hard(((*C0, "image"), "registry.example.com:5000/web:1.2")),
     "image.tag.unpinned", False),
    ("node-port", [service(selector={"app": "web"}, type="NodePort")],
     "exposure.service.external", True),
    ("cluster-ip", [service(selector={"app": "web"})], "exposure.service.external", False),
    ("ingress-no-tls", [ingress(tls=False)], "exposure.ingress.tls", True),
    ("ingress-tls", [ingress()], "exposure.ingress.tls", False),
    ("ingress-snippet", [ingress(annotations={
        "nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers x;"})],
     "exposure.ingress.snippet", True),
    ("ingress-rewrite", [ingress(annotations={
        "nginx.ingress.kubernetes.io/rewrite-target": "/"})], "exposure.ingress.snippet", False),
    # --- RBAC -------------------------------------------------------------------------------
    ("rbac-star-verbs", [role(_rules(resources=["pods"], verbs=["*"]))], "rbac.wildcard", True),
    ("rbac-explicit", [role(_rules(resources=["pods"], verbs=["get", "list"]))],
     "rbac.wildcard", False),
    ("cluster-admin", [binding_to("ClusterRole", "cluster-admin", "ClusterRoleBinding")],
     "rbac.clusterAdmin", True),
    ("cluster-view", [binding_to("ClusterRole", "view", "ClusterRoleBinding")],
     "rbac.clusterAdmin", False),
    ("pods-exec", [role(_rules(resources=["pods/exec"], verbs=["create"]))],
     "rbac.podsExec", True),
    ("pods-log", [role(_rules(resources=["pods", "pods/log"], verbs=["get"]))],
     "rbac.podsExec", False),
    ("secrets-list", [role(_rules(resources=["secrets"], verbs=["list"]))],
     "rbac.secretsRead", True),
    ("secrets-named", [role(_rules(resources=["secrets"], verbs=["get"],
                                   resourceNames=["app-tls"]))], "rbac.secretsRead", False),
    ("escalate", [role([{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"],
                         "verbs": ["escalate"]}])], "rbac.escalation", True),
    ("no-escalate", [role([{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"],
                            "verbs": ["get"]}])], "rbac.escalation", False),
    # --- default profile: wiring ------------------------------------------------------------
    ("psa-enforce-pod", [namespace("shop", enforce="baseline"), PRIVILEGED_POD],
     "psa.enforce", True),
    ("psa-enforce-baseline-only", [namespace("shop", enforce="baseline"),
                                   deployment(ns="shop")], "psa.enforce", False),
    ("psa-warn", [namespace("shop", warn="restricted"), deployment(ns="shop")],
     "psa.warn", True),
    ("psa-warn-hardened", [namespace("default", warn="restricted"), *hardened_app()],
     "psa.warn", False),
    ("psa-audit", [namespace("shop", audit="baseline"), PRIVILEGED_POD], "psa.audit", True),
    ("psa-audit-privileged-level", [namespace("shop", audit="privileged"), PRIVILEGED_POD],
     "psa.audit", False),
    ("hpa-no-request", [deployment(), hpa(metrics=[cpu_utilization()])],
     "hpa.metric.requestMissing", True),
    ("hpa-container-resource", [deployment(), hpa(metrics=[cpu_utilization(
        "ContainerResource", "memory")])], "hpa.metric.requestMissing", True),
    ("hpa-v1-default", [deployment(), hpa(api="autoscaling/v1")],
     "hpa.metric.requestMissing", True),
    ("hpa-request-set", [*hardened_app(), hpa(metrics=[cpu_utilization()])],
     "hpa.metric.requestMissing", False),
    ("hpa-average-value", [deployment(), hpa(metrics=[cpu_utilization(target={
        "type": "AverageValue", "averageValue": "500m"})])], "hpa.metric.requestMissing", False),
    ("hpa-min-above-max", [deployment(), hpa(low=5, high=3, metrics=[])],
     "hpa.replicas.range", True),
    ("hpa-range-ok", [deployment(), hpa(low=2, high=3)], "hpa.replicas.range", False),
    ("netpol-port-undeclared", [hardened(), policy(port="metrics")],
     "networkpolicy.port.undeclared", True),
    ("netpol-port-declared", [hardened(), policy(port="http")],
     "networkpolicy.port.undeclared", False),
    ("netpol-port-number", [hardened(), policy(port=9090)],
     "networkpolicy.port.undeclared", False),
]


def findings_of(manifests, profiles=(HARDENING, CPU_LIMITS)):
    return validate_document(doc(*manifests), profiles=profiles)


@pytest.mark.parametrize(("case", "manifests", "rule", "fires"), CASES,
                         ids=[c[0] for c in CASES])
def test_rule(case, manifests, rule, fires):
    found = [f for f in findings_of(manifests) if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in found] or case


def test_every_declared_rule_has_a_firing_and_a_quiet_case():
    firing = {rule for _c, _m, rule, fires in CASES if fires}
    quiet = {rule for _c, _m, rule, fires in CASES if not fires}
    declared = {d.id for d in DECLARED}
    assert declared - firing == set()
    assert declared - quiet == set()


def test_hardening_rules_are_off_by_default():
    broken = hard(((*SC, "privileged"), True), ((*C0, "image"), "nginx:latest"))
    default = {f.rule for f in validate_document(doc(*broken))}
    hardened_run = {f.rule for f in findings_of(broken, (HARDENING,))}
    assert "pss.privileged" in hardened_run and "image.tag.unpinned" in hardened_run
    assert not {r for r in default if r.startswith(("pss.", "image.", "reliability."))}
    assert "reliability.limits.cpu" not in hardened_run  # opt-in profile of its own


@pytest.mark.parametrize("labelled_last", [True, False])
def test_a_namespace_defined_twice_admits_by_its_last_definition(labelled_last):
    """`kubectl apply -f` keeps the last definition of a Namespace: its Pod Security labels
    decide admission, even when that definition has none (an earlier one's do not linger)."""
    labelled, bare = namespace("shop", enforce="baseline"), namespace("shop")
    first, last = (bare, labelled) if labelled_last else (labelled, bare)
    found = validate_document(file_doc(first, last, PRIVILEGED_POD), profiles=(HARDENING,))
    assert any(f.rule == "psa.enforce" for f in found) == labelled_last
