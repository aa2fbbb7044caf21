"""Table-driven tests for the volume, mount, device and container rules of `rules_volumes`,
`rules_containers` and the hostPath/subPathExpr checks of `rules_pod`: each rule with the
smallest pod that triggers it and a close one that must not."""

from __future__ import annotations

import copy

import pytest

from kubecanvas.model.document import Document
from kubecanvas.model.resource import Resource
from kubecanvas.validation.engine import validate_document

from .docs import check, container, meta


def pod(volumes=None, containers=None, name="p", **spec):
    body = {"containers": containers or [container()], **spec}
    if volumes is not None:
        body["volumes"] = volumes
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta(name), "spec": body}


def template(volumes=None, containers=None, **spec):
    """The same pod spec inside a Deployment (a template: no pod name yet)."""
    inner = pod(volumes, containers, **spec)["spec"]
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta("d"),
            "spec": {"selector": {"matchLabels": {"app": "d"}}, "template": {
                "metadata": {"labels": {"app": "d"}}, "spec": inner}}}


def vol(name="v", **source):
    return {"name": name, **source}


def mounted(*mounts, **extra):
    return [container(volumeMounts=list(mounts), **extra)]


def resources(requests=None, limits=None):
    body = {}
    if requests is not None:
        body["requests"] = requests
    if limits is not None:
        body["limits"] = limits
    return [container(resources=body)]


def env(*entries, env_from=None):
    extra = {"envFrom": env_from} if env_from is not None else {}
    return [container(env=list(entries), **extra)]


def key_ref(kind="configMapKeyRef", name="cfg", key="k"):
    ref = {}
    if name is not None:
        ref["name"] = name
    if key is not None:
        ref["key"] = key
    return {"name": "E", "valueFrom": {kind: ref}}


def sleep(seconds, **spec):
    hook = {"preStop": {"sleep": {"seconds": seconds}}}
    return pod(containers=[container(lifecycle=hook)], **spec)


PROJ_CM = {"configMap": {"name": "a", "items": [{"key": "k", "path": "x"}]}}
PROJ_SECRET = {"secret": {"name": "s", "items": [{"key": "k", "path": "x"}]}}
CLAIM = {"persistentVolumeClaim": {"claimName": "data"}}
EPHEMERAL = {"ephemeral": {"volumeClaimTemplate": {"spec": {
    "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}}}
MOUNT_V = {"name": "v", "mountPath": "/data"}

CASES = [
    # projected sources
    ("proj-two-types", pod([vol(projected={"sources": [{**PROJ_CM, **PROJ_SECRET}]})]),
     "pod.volume.projected.sources", True),
    ("proj-dup-path", pod([vol(projected={"sources": [PROJ_CM, PROJ_SECRET]})]),
     "pod.volume.projected.sources", True),
    ("proj-no-name", pod([vol(projected={"sources": [{"configMap": {"items": []}}]})]),
     "pod.volume.projected.sources", True),
    ("proj-ok", pod([vol(projected={"sources": [PROJ_CM, {"secret": {"name": "s"}}]})]),
     "pod.volume.projected.sources", False),
    ("satoken-short", pod([vol(projected={"sources": [{"serviceAccountToken": {
        "path": "t", "expirationSeconds": 300}}]})]), "pod.volume.projected.saToken", True),
    ("satoken-no-path", pod([vol(projected={"sources": [{"serviceAccountToken": {
        "expirationSeconds": 3600}}]})]), "pod.volume.projected.saToken", True),
    ("satoken-ok", pod([vol(projected={"sources": [{"serviceAccountToken": {
        "path": "t", "expirationSeconds": 7200}}]})]), "pod.volume.projected.saToken", False),
    # nfs, csi
    ("nfs-relative", pod([vol(nfs={"server": "nfs.local", "path": "data"})]),
     "pod.volume.nfs", True),
    ("nfs-no-server", pod([vol(nfs={"path": "/data"})]), "pod.volume.nfs", True),
    ("nfs-ok", pod([vol(nfs={"server": "nfs.local", "path": "/data"})]), "pod.volume.nfs", False),
    ("csi-empty", pod([vol(csi={"driver": ""})]), "pod.volume.csi.driver", True),
    ("csi-bad", pod([vol(csi={"driver": "my_driver"})]), "pod.volume.csi.driver", True),
    ("csi-long", pod([vol(csi={"driver": "a" * 60 + ".example.com"})]),
     "pod.volume.csi.driver", True),
    ("csi-upper-ok", pod([vol(csi={"driver": "Secrets-Store.csi.k8s.io"})]),
     "pod.volume.csi.driver", False),
    # ephemeral
    ("eph-no-template", pod([vol(ephemeral={})]), "pod.volume.ephemeral", True),
    ("eph-name-set", pod([vol(ephemeral={"volumeClaimTemplate": {
        "metadata": {"name": "x"}, **EPHEMERAL["ephemeral"]["volumeClaimTemplate"]}})]),
     "pod.volume.ephemeral", True),
    ("eph-no-storage", pod([vol(ephemeral={"volumeClaimTemplate": {"spec": {
        "accessModes": ["ReadWriteOnce"]}}})]), "pod.volume.ephemeral", True),
    ("eph-claimed", pod([vol("scratch", **EPHEMERAL),
                         vol("other", persistentVolumeClaim={"claimName": "p-scratch"})]),
     "pod.volume.ephemeral", True),
    ("eph-ok", pod([vol("scratch", **EPHEMERAL)]), "pod.volume.ephemeral", False),
    ("eph-template-ok", template([vol("scratch", **EPHEMERAL)]), "pod.volume.ephemeral", False),
    # emptyDir, deprecated, hostPath
    ("emptydir-negative", pod([vol(emptyDir={"sizeLimit": "-1Gi"})]),
     "pod.volume.emptyDir.sizeLimit", True),
    ("emptydir-ok", pod([vol(emptyDir={"sizeLimit": "1Gi"})]),
     "pod.volume.emptyDir.sizeLimit", False),
    ("gitrepo", pod([vol(gitRepo={"repository": "https://x"})]), "pod.volume.deprecated", True),
    ("emptydir-not-deprecated", pod([vol(emptyDir={})]), "pod.volume.deprecated", False),
    ("hostpath-type", pod([vol(hostPath={"path": "/var", "type": "Dir"})]),
     "pod.volume.hostPath", True),
    ("hostpath-no-path", pod([vol(hostPath={"path": ""})]), "pod.volume.hostPath", True),
    ("hostpath-ok", pod([vol(hostPath={"path": "/var", "type": "DirectoryOrCreate"})]),
     "pod.volume.hostPath", False),
    # mounts
    ("subpathexpr-abs", pod([vol()], mounted({**MOUNT_V, "subPathExpr": "/$(POD)"})),
     "pod.mount.subPath", True),
    ("subpathexpr-ok", pod([vol()], mounted({**MOUNT_V, "subPathExpr": "$(POD)"})),
     "pod.mount.subPath", False),
    ("prop-unknown", pod([vol()], mounted({**MOUNT_V, "mountPropagation": "Shared"})),
     "pod.mount.propagation", True),
    ("prop-bidi-unprivileged", pod([vol()], mounted({**MOUNT_V,
                                                     "mountPropagation": "Bidirectional"})),
     "pod.mount.propagation", True),
    ("prop-bidi-privileged", pod([vol()], mounted(
        {**MOUNT_V, "mountPropagation": "Bidirectional"},
        securityContext={"privileged": True})), "pod.mount.propagation", False),
    ("rro-not-readonly", pod([vol()], mounted({**MOUNT_V, "recursiveReadOnly": "Enabled"})),
     "pod.mount.recursiveReadOnly", True),
    ("rro-propagation", pod([vol()], mounted({**MOUNT_V, "readOnly": True,
                                              "recursiveReadOnly": "IfPossible",
                                              "mountPropagation": "HostToContainer"})),
     "pod.mount.recursiveReadOnly", True),
    ("rro-ok", pod([vol()], mounted({**MOUNT_V, "readOnly": True,
                                     "recursiveReadOnly": "IfPossible"})),
     "pod.mount.recursiveReadOnly", False),
    # devices
    ("device-configmap", pod([vol(configMap={"name": "c"})], [container(
        volumeDevices=[{"name": "v", "devicePath": "/dev/x"}])]), "pod.device", True),
    ("device-also-mounted", pod([vol(**CLAIM)], [container(
        volumeMounts=[MOUNT_V], volumeDevices=[{"name": "v", "devicePath": "/dev/x"}])]),
     "pod.device", True),
    ("device-dup-path", pod([vol(**CLAIM), vol("w", **EPHEMERAL)], [container(volumeDevices=[
        {"name": "v", "devicePath": "/dev/x"}, {"name": "w", "devicePath": "/dev/x"}])]),
     "pod.device", True),
    ("device-unknown", pod([], [container(volumeDevices=[{"name": "v", "devicePath": "/d"}])]),
     "pod.device", True),
    ("device-ok", pod([vol(**CLAIM)], [container(
        volumeDevices=[{"name": "v", "devicePath": "/dev/xvda"}])]), "pod.device", False),
    # resources
    ("gpu-no-limit", pod(containers=resources({"nvidia.com/gpu": 1})),
     "pod.resources.nonOvercommit", True),
    ("gpu-unequal", pod(containers=resources({"nvidia.com/gpu": 1}, {"nvidia.com/gpu": 2})),
     "pod.resources.nonOvercommit", True),
    ("gpu-limit-only", pod(containers=resources(None, {"nvidia.com/gpu": 2})),
     "pod.resources.nonOvercommit", False),
    ("cpu-overcommit-ok", pod(containers=resources({"cpu": "100m"}, {"cpu": "1"})),
     "pod.resources.nonOvercommit", False),
    ("gpu-fraction", pod(containers=resources(None, {"nvidia.com/gpu": "500m"})),
     "pod.resources.integer", True),
    ("gpu-whole", pod(containers=resources(None, {"nvidia.com/gpu": "2"})),
     "pod.resources.integer", False),
    ("hugepages-alone", pod(containers=resources(None, {"hugepages-2Mi": "100Mi"})),
     "pod.resources.hugepages", True),
    ("hugepages-odd", pod(containers=resources(None, {"hugepages-2Mi": "3Mi", "memory": "1Gi"})),
     "pod.resources.hugepages", True),
    ("hugepages-ok", pod(containers=resources(None, {"hugepages-2Mi": "100Mi",
                                                     "memory": "1Gi"})),
     "pod.resources.hugepages", False),
    ("claims-unknown", pod(containers=[container(resources={"claims": [{"name": "gpu"}]})]),
     "pod.resources.claims", True),
    ("claims-ok", pod(containers=[container(resources={"claims": [{"name": "gpu"}]})],
                      resourceClaims=[{"name": "gpu", "resourceClaimName": "g"}]),
     "pod.resources.claims", False),
    # env references
    ("keyref-no-name", pod(containers=env(key_ref(name=None))), "pod.env.keyRef.name", True),
    ("keyref-bad-name", pod(containers=env(key_ref("secretKeyRef", name="My_Secret"))),
     "pod.env.keyRef.name", True),
    ("keyref-ok", pod(containers=env(key_ref())), "pod.env.keyRef.name", False),
    ("keyref-no-key", pod(containers=env(key_ref(key=None))), "pod.env.keyRef.key", True),
    ("keyref-bad-key", pod(containers=env(key_ref(key="a/b"))), "pod.env.keyRef.key", True),
    ("keyref-key-ok", pod(containers=env(key_ref(key="app.conf"))), "pod.env.keyRef.key",
     False),
    ("envfrom-no-name", pod(containers=env(env_from=[{"configMapRef": {}}])),
     "pod.envFrom.name", True),
    ("envfrom-ok", pod(containers=env(env_from=[{"secretRef": {"name": "db"}}])),
     "pod.envFrom.name", False),
    ("envfrom-prefix", pod(containers=env(env_from=[{"prefix": "A=", "configMapRef": {
        "name": "c"}}])), "pod.envFrom.prefix", True),
    ("envfrom-prefix-ok", pod(containers=env(env_from=[{"prefix": "APP_", "configMapRef": {
        "name": "c"}}])), "pod.envFrom.prefix", False),
    ("subscript-bad", pod(containers=env({"name": "L", "valueFrom": {"fieldRef": {
        "fieldPath": "metadata.labels['bad key']"}}})), "pod.env.fieldRef.subscript", True),
    ("subscript-ok", pod(containers=env({"name": "L", "valueFrom": {"fieldRef": {
        "fieldPath": "metadata.labels['app.kubernetes.io/name']"}}})),
     "pod.env.fieldRef.subscript", False),
    ("env-dup", pod(containers=env({"name": "A", "value": "1"}, {"name": "A", "value": "2"})),
     "pod.env.duplicate", True),
    ("env-dup-self-ref", pod(containers=env({"name": "P", "value": "/a"},
                                            {"name": "P", "value": "$(P):/b"})),
     "pod.env.duplicate", False),
    # lifecycle, ports, pull secrets
    ("sleep-too-long", sleep(60), "pod.lifecycle.sleep", True),
    ("sleep-negative", sleep(-1), "pod.lifecycle.sleep", True),
    ("sleep-within-grace", sleep(60, terminationGracePeriodSeconds=90),
     "pod.lifecycle.sleep", False),
    ("sleep-zero-133", sleep(0), "pod.lifecycle.sleep", False),
    ("port-dup", pod(containers=[container(ports=[{"containerPort": 80}]),
                                 container("b", ports=[{"containerPort": 80}])]),
     "pod.port.duplicate", True),
    ("port-hostip", pod(containers=[container(ports=[{"containerPort": 80,
                                                      "hostIP": "10.0.0.1"}])]),
     "pod.port.duplicate", True),
    ("port-udp-ok", pod(containers=[container(ports=[{"containerPort": 53}, {
        "containerPort": 53, "protocol": "UDP"}])]), "pod.port.duplicate", False),
    ("pull-empty", pod(imagePullSecrets=[{"name": ""}]), "pod.imagePullSecrets", True),
    ("pull-dup", pod(imagePullSecrets=[{"name": "r"}, {"name": "r"}]),
     "pod.imagePullSecrets", True),
    ("pull-ok", pod(imagePullSecrets=[{"name": "r"}]), "pod.imagePullSecrets", False),
]


@pytest.mark.parametrize(("manifest", "rule", "fires"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_volume_and_container_rule_table(manifest, rule, fires):
    findings = check(manifest, version="1.33")
    found = [f for f in findings if f.rule == rule]
    assert bool(found) == fires, [(f.rule, f.field, f.message) for f in findings]


def test_sleep_zero_is_rejected_before_133():
    assert [f for f in check(sleep(0), version="1.32") if f.rule == "pod.lifecycle.sleep"]


def test_findings_name_the_field():
    manifest = pod([vol(nfs={"server": "s", "path": "data"})])
    (finding,) = [f for f in check(manifest) if f.rule == "pod.volume.nfs"]
    assert finding.field == "spec.volumes[0].nfs.path"
    assert "absolute" in finding.message


def test_template_findings_point_into_the_template():
    manifest = template([vol(csi={"driver": ""})])
    (finding,) = [f for f in check(manifest) if f.rule == "pod.volume.csi.driver"]
    assert finding.field == "spec.template.spec.volumes[0].csi.driver"


@pytest.mark.parametrize(("manifest", "rule"), [
    (pod([vol(projected={"sources": [{"serviceAccountToken": {"path": "t",
                                                              "expirationSeconds": 60}}]})]),
     "pod.volume.projected.saToken"),
    (pod([vol()], mounted({**MOUNT_V, "recursiveReadOnly": "Enabled"})),
     "pod.mount.recursiveReadOnly"),
    (pod(containers=resources({"nvidia.com/gpu": 1})), "pod.resources.nonOvercommit"),
    (template(containers=resources({"nvidia.com/gpu": 1}, {"nvidia.com/gpu": 2})),
     "pod.resources.nonOvercommit"),
])
def test_fixes_clear_the_finding(manifest, rule):
    document = Document([Resource(copy.deepcopy(manifest))])
    (finding,) = [f for f in validate_document(document) if f.rule == rule]
    assert finding.fix is not None
    finding.fix.make_edit().apply(document)
    assert not [f for f in validate_document(document) if f.rule == rule]
