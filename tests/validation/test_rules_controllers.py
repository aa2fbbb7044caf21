"""Table-driven tests for `rules_controllers` (DaemonSet, StatefulSet, Job, CronJob), `rules_claims`
(PersistentVolume and claim fields) and `rules_keys` (unused keys, ServiceAccount Secrets): each
rule with the smallest document that triggers it and a close one that must not."""

from __future__ import annotations

import copy

import pytest

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.validation.engine import validate_document

from .docs import check, configmap, container, deployment, meta, secret


def daemonset(**strategy):
    spec = {"selector": {"matchLabels": {"app": "ds"}},
            "template": {"metadata": {"labels": {"app": "ds"}},
                         "spec": {"containers": [container()]}}}
    if strategy:
        spec["updateStrategy"] = strategy
    return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta("ds"), "spec": spec}


def statefulset(**extra):
    spec = {"selector": {"matchLabels": {"app": "db"}}, "serviceName": "db",
            "template": {"metadata": {"labels": {"app": "db"}},
                         "spec": {"containers": [container()]}}}
    spec.update(extra)
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": meta("db"), "spec": spec}


def job(labels=None, **spec):
    template = {"spec": {"restartPolicy": "Never", "containers": [container()]}}
    if labels:
        template["metadata"] = {"labels": labels}
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": meta("j"),
            "spec": {"template": template, **spec}}


def cronjob(**spec):
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("c"),
            "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": {"spec": {
                "restartPolicy": "Never", "containers": [container()]}}}}, **spec}}


def pv(**spec):
    body = {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1Gi"}}
    body.update(spec)
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": meta("v"), "spec": body}


CSI = {"driver": "ebs.csi.aws.com", "volumeHandle": "vol-1"}
AFFINITY = {"required": {"nodeSelectorTerms": [{"matchExpressions": [
    {"key": "kubernetes.io/hostname", "operator": "In", "values": ["n1"]}]}]}}


def pvc(**spec):
    body = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    body.update(spec)
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta("c"),
            "spec": body}


SNAPSHOT = {"apiGroup": "snapshot.storage.k8s.io", "kind": "VolumeSnapshot", "name": "snap"}

CASES = [
    # DaemonSet rolling update, after defaults (maxUnavailable 1, maxSurge 0)
    ("ds-default-ok", daemonset(), "ds.rollingUpdate", False),
    ("ds-surge-alone", daemonset(rollingUpdate={"maxSurge": 1}), "ds.rollingUpdate", True),
    ("ds-surge-ok", daemonset(rollingUpdate={"maxSurge": "10%", "maxUnavailable": 0}),
     "ds.rollingUpdate", False),
    ("ds-both-zero", daemonset(rollingUpdate={"maxUnavailable": 0}), "ds.rollingUpdate", True),
    ("ds-over-100", daemonset(rollingUpdate={"maxUnavailable": "150%"}), "ds.rollingUpdate",
     True),
    ("ds-malformed", daemonset(rollingUpdate={"maxUnavailable": "25"}), "ds.rollingUpdate", True),
    ("ds-ondelete-ok", daemonset(type="OnDelete", rollingUpdate={"maxSurge": 1}),
     "ds.rollingUpdate", False),
    # StatefulSet
    ("sts-partition", statefulset(updateStrategy={"rollingUpdate": {"partition": -1}}),
     "sts.rollingUpdate", True),
    ("sts-unavailable-zero", statefulset(updateStrategy={"rollingUpdate": {
        "maxUnavailable": 0}}), "sts.rollingUpdate", True),
    ("sts-rolling-ok", statefulset(updateStrategy={"rollingUpdate": {"partition": 2,
                                                                     "maxUnavailable": "50%"}}),
     "sts.rollingUpdate", False),
    ("sts-ondelete-rolling", statefulset(updateStrategy={"type": "OnDelete", "rollingUpdate": {
        "partition": 0}}), "sts.updateStrategy.onDelete", True),
    ("sts-ondelete-ok", statefulset(updateStrategy={"type": "OnDelete"}),
     "sts.updateStrategy.onDelete", False),
    ("sts-retention", statefulset(persistentVolumeClaimRetentionPolicy={"whenDeleted": "Keep"}),
     "sts.pvcRetention", True),
    ("sts-retention-ok", statefulset(persistentVolumeClaimRetentionPolicy={
        "whenDeleted": "Delete", "whenScaled": "Retain"}), "sts.pvcRetention", False),
    ("sts-ordinals", statefulset(ordinals={"start": -1}), "sts.counts", True),
    ("sts-ordinals-ok", statefulset(ordinals={"start": 1}), "sts.counts", False),
    ("sts-service-dots", statefulset(serviceName="db.svc"), "sts.serviceName.format", True),
    ("sts-service-ok", statefulset(), "sts.serviceName.format", False),
    # Job and CronJob
    ("job-managed-by", job(managedBy="kueue"), "job.managedBy", True),
    ("job-managed-by-ok", job(managedBy="kueue.x-k8s.io/multikueue"), "job.managedBy", False),
    ("job-name-label", job(labels={"batch.kubernetes.io/job-name": "other"}),
     "job.selector.templateLabels", True),
    ("job-uid-label", job(labels={"controller-uid": "123"}), "job.selector.templateLabels", True),
    ("job-name-label-ok", job(labels={"job-name": "j", "app": "x"}),
     "job.selector.templateLabels", False),
    ("job-manual-ok", job(labels={"job-name": "other"}, manualSelector=True,
                          selector={"matchLabels": {"job-name": "other"}}),
     "job.selector.templateLabels", False),
    ("cron-deadline-small", cronjob(startingDeadlineSeconds=5),
     "wire.cron.startingDeadline.small", True),
    ("cron-deadline-ok", cronjob(startingDeadlineSeconds=60),
     "wire.cron.startingDeadline.small", False),
    # PersistentVolume
    ("pv-csi-ok", pv(csi=CSI), "pv.csi", False),
    ("pv-csi-no-handle", pv(csi={"driver": "ebs.csi.aws.com"}), "pv.csi", True),
    ("pv-csi-bad-driver", pv(csi={**CSI, "driver": "ebs_csi"}), "pv.csi", True),
    ("pv-csi-secret-ns", pv(csi={**CSI, "nodePublishSecretRef": {"name": "s"}}), "pv.csi", True),
    ("pv-nfs", pv(nfs={"server": "n", "path": "exports"}), "pv.nfs", True),
    ("pv-nfs-ok", pv(nfs={"server": "n", "path": "/exports"}), "pv.nfs", False),
    ("pv-hostpath-type", pv(hostPath={"path": "/x", "type": "dir"}), "pv.hostPath", True),
    ("pv-hostpath-ok", pv(hostPath={"path": "/x", "type": "Directory"}), "pv.hostPath", False),
    ("pv-local-dots", pv(local={"path": "/mnt/../etc"}, nodeAffinity=AFFINITY), "pv.local", True),
    ("pv-local-ok", pv(local={"path": "/mnt/disk"}, nodeAffinity=AFFINITY), "pv.local", False),
    ("pv-affinity-no-required", pv(csi=CSI, nodeAffinity={}), "pv.nodeAffinity", True),
    ("pv-affinity-no-terms", pv(csi=CSI, nodeAffinity={"required": {"nodeSelectorTerms": []}}),
     "pv.nodeAffinity", True),
    ("pv-affinity-operator", pv(csi=CSI, nodeAffinity={"required": {"nodeSelectorTerms": [
        {"matchExpressions": [{"key": "zone", "operator": "Equals", "values": ["a"]}]}]}}),
     "pv.nodeAffinity", True),
    ("pv-affinity-ok", pv(csi=CSI, nodeAffinity=AFFINITY), "pv.nodeAffinity", False),
    ("pv-vac-empty", pv(csi=CSI, volumeAttributesClassName=""), "pv.vac", True),
    ("pv-vac-no-csi", pv(hostPath={"path": "/x"}, volumeAttributesClassName="gold"), "pv.vac",
     True),
    ("pv-vac-ok", pv(csi=CSI, volumeAttributesClassName="gold"), "pv.vac", False),
    ("pv-recycle-root", pv(hostPath={"path": "/"}, persistentVolumeReclaimPolicy="Recycle"),
     "pv.reclaimPolicy.hostPathRoot", True),
    ("pv-recycle-ok", pv(hostPath={"path": "/srv"}, persistentVolumeReclaimPolicy="Recycle"),
     "pv.reclaimPolicy.hostPathRoot", False),
    ("pv-class", pv(csi=CSI, storageClassName="Fast_SSD"), "pv.storageClassName", True),
    ("pv-class-ok", pv(csi=CSI, storageClassName="fast-ssd"), "pv.storageClassName", False),
    # claims
    ("pvc-class", pvc(storageClassName="Gold"), "pvc.storageClassName", True),
    ("pvc-class-empty-ok", pvc(storageClassName=""), "pvc.storageClassName", False),
    ("pvc-ds-core-kind", pvc(dataSource={"kind": "VolumeSnapshot", "name": "s"}),
     "pvc.dataSource", True),
    ("pvc-ds-no-name", pvc(dataSource={"kind": "PersistentVolumeClaim"}), "pvc.dataSource",
     True),
    ("pvc-ds-mismatch", pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "name": "other"}),
     "pvc.dataSource", True),
    ("pvc-ds-cross-ns", pvc(dataSource=SNAPSHOT, dataSourceRef={**SNAPSHOT, "namespace": "b"}),
     "pvc.dataSource", True),
    ("pvc-ds-ok", pvc(dataSource=SNAPSHOT, dataSourceRef=dict(SNAPSHOT)), "pvc.dataSource",
     False),
    ("pvc-clone-ok", pvc(dataSource={"kind": "PersistentVolumeClaim", "name": "src"}),
     "pvc.dataSource", False),
    ("sts-template-class", statefulset(volumeClaimTemplates=[{"metadata": {"name": "data"},
                                                              "spec": pvc(
                                                                  storageClassName="A")["spec"]}]),
     "pvc.storageClassName", True),
]


@pytest.mark.parametrize(("manifest", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_controller_and_storage_rule_table(manifest, rule, fires):
    # maxUnavailable on a StatefulSet counts from 1.35 on (the API server drops it before):
    # ask for that version rather than whichever is the newest the installed schemas know
    version = "1.35" if rule == "sts.rollingUpdate" else None
    findings = check(manifest, version=version)
    found = [f for f in findings if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in findings]


def _apply_fix(manifest, rule):
    document = Document([Resource(copy.deepcopy(manifest))])
    (finding,) = [f for f in validate_document(document) if f.rule == rule]
    assert finding.fix is not None
    finding.fix.make_edit().apply(document)
    return document, [f for f in validate_document(document) if f.rule == rule]


@pytest.mark.parametrize(("manifest", "rule"), [
    (daemonset(rollingUpdate={"maxSurge": 1}), "ds.rollingUpdate"),
    (statefulset(updateStrategy={"type": "OnDelete", "rollingUpdate": {"partition": 0}}),
     "sts.updateStrategy.onDelete"),
    (job(labels={"job-name": "other"}), "job.selector.templateLabels"),
    (cronjob(startingDeadlineSeconds=0), "wire.cron.startingDeadline.small"),
    (pv(csi=CSI, volumeAttributesClassName=""), "pv.vac"),
])
def test_fixes_clear_the_finding(manifest, rule):
    _, remaining = _apply_fix(manifest, rule)
    assert remaining == []


# --- unused keys (anchors.md row 27) and ServiceAccount Secrets (row 28) --------------------

def keyed_deployment(*refs, env_from=None, volumes=None):
    env = [{"name": f"E{i}", "valueFrom": {kind: {"name": name, "key": key}}}
           for i, (kind, name, key) in enumerate(refs)]
    extra = {"envFrom": env_from} if env_from else {}
    pod = {"volumes": volumes} if volumes else {}
    return deployment(containers=[container(env=env, **extra)], **pod)


CM = configmap("cfg", data={"used": "1", "spare": "2"})


def test_unused_key_is_reported_on_the_configmap():
    findings = [f for f in check(CM, keyed_deployment(("configMapKeyRef", "cfg", "used")))
                if f.rule == "ref.key.unused"]
    assert [(f.field, f.severity.value) for f in findings] == [("data.spare", "info")]
    assert "never read" in findings[0].message


@pytest.mark.parametrize("consumer", [
    keyed_deployment(env_from=[{"configMapRef": {"name": "cfg"}}]),
    keyed_deployment(volumes=[{"name": "c", "configMap": {"name": "cfg"}}]),
    keyed_deployment(("configMapKeyRef", "cfg", "used"), ("configMapKeyRef", "cfg", "spare")),
], ids=["envFrom", "whole-volume", "both-keys"])
def test_keys_are_used_when_a_consumer_takes_them_all(consumer):
    assert not [f for f in check(CM, consumer) if f.rule == "ref.key.unused"]


def test_unreferenced_configmap_is_left_to_resource_unused():
    assert not [f for f in check(CM) if f.rule == "ref.key.unused"]


def test_unused_secret_key_counts_string_data():
    s = secret("db", string_data={"user": "u", "password": "p"})
    findings = [f.field for f in check(s, keyed_deployment(("secretKeyRef", "db", "password")))
                if f.rule == "ref.key.unused"]
    assert findings == ["stringData.user"]


def service_account(**fields):
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("builder"), **fields}


@pytest.mark.parametrize(("fields", "present", "fires"), [
    ({"imagePullSecrets": [{"name": "regcred"}]}, [], True),
    ({"imagePullSecrets": [{"name": "regcred"}]}, [secret("regcred")], False),
    ({"secrets": [{"name": "token"}]}, [], True),
    ({"secrets": [{"name": "token"}]}, [secret("token")], False),
    ({}, [], False),
], ids=["pull-missing", "pull-present", "secrets-missing", "secrets-present", "none"])
def test_service_account_secrets_must_exist(fields, present, fires):
    findings = [f for f in check(service_account(**fields), *present)
                if f.rule == "ref.sa.secret.missing"]
    assert bool(findings) == fires


def test_service_account_secret_in_other_namespace_does_not_count():
    other = secret("regcred", ns="other")
    findings = [f for f in check(service_account(imagePullSecrets=[{"name": "regcred"}]), other)
                if f.rule == "ref.sa.secret.missing"]
    assert [f.field for f in findings] == ["imagePullSecrets[0].name"]


def test_service_account_finding_follows_the_secret_incrementally():
    """The Secret is not a graph neighbour of the ServiceAccount: the rule declares the
    dependency, so adding or renaming the Secret re-checks the account."""
    from kubecanvas.model.edits import SetField
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.validation.engine import Validator

    document = Document([Resource(service_account(imagePullSecrets=[{"name": "regcred"}]))])
    validator = Validator(document, WiringGraph(document))
    assert [f.rule for f in validator.findings if f.rule == "ref.sa.secret.missing"] == \
        ["ref.sa.secret.missing"]
    document.add(Resource(secret("regcred")))
    assert not [f for f in validator.findings if f.rule == "ref.sa.secret.missing"]
    sid = document.by_kind("Secret")[0].id
    SetField(sid, ("metadata", "name"), "other").apply(document)
    assert [f.rule for f in validator.findings if f.rule == "ref.sa.secret.missing"] == \
        ["ref.sa.secret.missing"]


def test_mistyped_key_is_reported_once_as_missing():
    findings = check(CM, keyed_deployment(("configMapKeyRef", "cfg", "used"),
                                          ("configMapKeyRef", "cfg", "spar")))
    assert [f.field for f in findings if f.rule == "ref.key.unused"] == []
    assert [f for f in findings if f.rule == "ref.key.missing" and "spare" in f.message]


def test_statefulset_max_unavailable_is_dropped_before_135():
    manifest = statefulset(updateStrategy={"rollingUpdate": {"maxUnavailable": 0}})
    assert not [f for f in check(manifest, version="1.34") if f.rule == "sts.rollingUpdate"]
    assert [f for f in check(manifest, version="1.35") if f.rule == "sts.rollingUpdate"]

