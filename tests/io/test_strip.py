"""Stripping what a cluster set, tested on `kubectl get -o yaml` dumps of every seed kind.

The dumps under `cluster_dumps/` are written as a Kubernetes 1.30 API server returns them (status,
server metadata, controller annotations, allocated addresses and ports, admission defaults); each
`NAME.stripped.yaml` is the design that must come out of `NAME.yaml`, exactly.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from kubecanvas.io import load_paths, load_text, strip_cluster_fields
from kubecanvas.io.strip import LAST_APPLIED

DUMPS = Path(__file__).parent / "cluster_dumps"
NAMES = ["deployment", "statefulset", "services", "ingress", "storage", "jobs", "config", "pods"]


def stripped(name: str) -> list[dict[str, Any]]:
    result = load_paths([DUMPS / f"{name}.yaml"], strip_cluster_fields=True)
    assert not result.problems
    return [r.manifest for r in result.resources]


def expected(name: str) -> list[dict[str, Any]]:
    result = load_paths([DUMPS / f"{name}.stripped.yaml"])
    assert not result.problems
    return [r.manifest for r in result.resources]


def test_every_seed_kind_has_a_dump() -> None:
    kinds = {m["kind"] for name in NAMES for m in stripped(name)}
    assert kinds == {"Deployment", "StatefulSet", "Service", "Ingress", "PersistentVolumeClaim",
                     "PersistentVolume", "Job", "CronJob", "ConfigMap", "Secret", "Pod"}
    types = {m["spec"].get("type") for m in stripped("services")}
    heads = [m["spec"].get("clusterIP") for m in stripped("services")]
    assert types == {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"} and "None" in heads


@pytest.mark.parametrize("name", NAMES)
def test_a_dump_strips_to_exactly_the_design(name: str) -> None:
    assert stripped(name) == expected(name)


#: What a server sets, as a test-side list (independent of the implementation's tables).
_SERVER_METADATA = {"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                    "selfLink", "ownerReferences"}
_SERVER_ANNOTATION_PREFIXES = (LAST_APPLIED, "deployment.kubernetes.io/", "pv.kubernetes.io/",
                               "volume.beta.kubernetes.io/storage-provisioner",
                               "volume.kubernetes.io/", "batch.kubernetes.io/")
_JOB_LABELS = {"controller-uid", "job-name", "batch.kubernetes.io/controller-uid",
               "batch.kubernetes.io/job-name"}


def server_set(manifest: dict[str, Any]) -> list[str]:
    """Every server-set field left in a stripped manifest, as readable paths."""
    found: list[str] = []
    if "status" in manifest:
        found.append("status")
    metadata = manifest.get("metadata", {})
    found += [f"metadata.{key}" for key in metadata if key in _SERVER_METADATA]
    found += [f"annotation {key}" for key in metadata.get("annotations", {})
              if key.startswith(_SERVER_ANNOTATION_PREFIXES)]
    found += [f"finalizer {f}" for f in metadata.get("finalizers", [])]

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                here = f"{path}.{key}"
                if key in ("creationTimestamp", "uid", "resourceVersion", "nodeName",
                           "serviceAccount", "clusterIPs", "healthCheckNodePort"):
                    found.append(here)
                if key == "clusterIP" and value != "None":
                    found.append(here)
                if key in ("labels", "matchLabels") and isinstance(value, dict):
                    found.extend(f"{here}.{k}" for k in value if k in _JOB_LABELS)
                if key == "name" and isinstance(value, str) and value.startswith("kube-api-access"):
                    found.append(here)
                walk(value, here)
        elif isinstance(node, list):
            for number, item in enumerate(node):
                walk(item, f"{path}[{number}]")

    walk(manifest.get("spec", {}), "spec")
    return found


@pytest.mark.parametrize("name", NAMES)
def test_nothing_server_set_is_left(name: str) -> None:
    for manifest in stripped(name):
        assert server_set(manifest) == [], manifest["metadata"]["name"]
    assert any(server_set(r.manifest) or "status" in r.manifest
               for r in load_paths([DUMPS / f"{name}.yaml"]).resources)


@pytest.mark.parametrize("name", NAMES)
def test_what_is_left_passes_the_schema(name: str) -> None:
    kubernetes_validate = pytest.importorskip("kubernetes_validate")
    for manifest in stripped(name):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kubernetes_validate.validate(manifest, "1.30", strict=True)


@pytest.mark.parametrize("name", NAMES)
def test_stripping_twice_changes_nothing_and_leaves_the_input_alone(name: str) -> None:
    for resource in load_paths([DUMPS / f"{name}.yaml"]).resources:
        before = copy.deepcopy(resource.manifest)
        once = strip_cluster_fields(resource.manifest)
        assert resource.manifest == before
        assert strip_cluster_fields(once) == once


# --- how a value the user wrote is told from an allocated one --------------------------------

def service(spec: dict[str, Any], applied: dict[str, Any] | None = None) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": "s", "uid": "u-1", "resourceVersion": "7"}
    if applied is not None:
        metadata["annotations"] = {LAST_APPLIED: json.dumps(
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": applied})}
    return {"apiVersion": "v1", "kind": "Service", "metadata": metadata, "spec": spec}


def test_a_cluster_ip_the_user_applied_is_kept() -> None:
    live = {"clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "ports": [{"port": 53}]}
    assert strip_cluster_fields(service(live, {"clusterIP": "10.96.0.10"}))["spec"] == {
        "clusterIP": "10.96.0.10", "ports": [{"port": 53}]}
    assert strip_cluster_fields(service(live))["spec"] == {"ports": [{"port": 53}]}


def test_node_ports_are_matched_to_the_users_ports_by_name_or_port() -> None:
    live = {"type": "NodePort", "ports": [
        {"port": 80, "nodePort": 30080}, {"port": 443, "nodePort": 31999},
        {"name": "dns", "port": 53, "protocol": "UDP", "nodePort": 30053}]}
    applied = {"type": "NodePort", "ports": [
        {"port": 443}, {"port": 80, "nodePort": 30080}, {"name": "dns", "port": 53,
                                                         "protocol": "UDP", "nodePort": 30053}]}
    ports = strip_cluster_fields(service(live, applied))["spec"]["ports"]
    assert ports == [{"port": 80, "nodePort": 30080}, {"port": 443},
                     {"name": "dns", "port": 53, "protocol": "UDP", "nodePort": 30053}]
    # without a record of what the user wrote, every node port is taken as allocated
    assert all("nodePort" not in p for p in strip_cluster_fields(service(live))["spec"]["ports"])


def test_a_hand_written_service_is_left_as_written() -> None:
    """No trace of a server (uid, resourceVersion, status...): every value is the author's."""
    written = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
               "spec": {"type": "NodePort", "clusterIP": "10.96.0.10",
                        "ports": [{"port": 80, "nodePort": 30080}]}}
    assert strip_cluster_fields(written) == written


def test_a_client_side_dry_run_keeps_its_node_port() -> None:
    """`kubectl create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client
    -o yaml`: null creationTimestamp and an empty status, but no server allocated anything."""
    dry_run = {"apiVersion": "v1", "kind": "Service",
               "metadata": {"creationTimestamp": None, "labels": {"app": "web"}, "name": "web"},
               "spec": {"ports": [{"name": "80-8080", "nodePort": 30080, "port": 80,
                                   "protocol": "TCP", "targetPort": 8080}],
                        "selector": {"app": "web"}, "type": "NodePort"},
               "status": {"loadBalancer": {}}}
    result = strip_cluster_fields(dry_run)
    assert result["spec"] == dry_run["spec"] and "status" not in result
    assert "creationTimestamp" not in result["metadata"]


def test_dual_stack_and_chosen_policies_are_kept() -> None:
    live = {"ipFamilies": ["IPv4", "IPv6"], "ipFamilyPolicy": "PreferDualStack",
            "sessionAffinity": "ClientIP", "internalTrafficPolicy": "Local"}
    assert strip_cluster_fields(service(dict(live)))["spec"] == live


def claim(annotations: dict[str, str], volume: str, uid: str = "u-1") -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": "c", "uid": uid, "annotations": annotations},
            "spec": {"volumeName": volume}}


@pytest.mark.parametrize(("annotations", "volume", "kept"), [
    ({"pv.kubernetes.io/bind-completed": "yes"}, "nfs-1", True),  # the user pre-bound it
    ({"pv.kubernetes.io/bind-completed": "yes",
      "pv.kubernetes.io/bound-by-controller": "yes"}, "nfs-1", False),  # the binder chose
    ({}, "pvc-u-1", False),  # the name dynamic provisioning gives
    ({LAST_APPLIED: json.dumps({"spec": {"resources": {}}})}, "nfs-1", False),
    ({LAST_APPLIED: json.dumps({"spec": {"volumeName": "nfs-1"}})}, "nfs-1", True),
])
def test_a_claims_volume_name_is_kept_only_when_the_user_chose_it(
        annotations: dict[str, str], volume: str, kept: bool) -> None:
    spec = strip_cluster_fields(claim(annotations, volume))["spec"]
    assert ("volumeName" in spec) is kept


def test_a_job_with_its_own_selector_keeps_it() -> None:
    labels = {"app": "m", "job-name": "m"}
    job = {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "m", "uid": "u-1"},
           "spec": {"manualSelector": True, "selector": {"matchLabels": labels},
                    "template": {"metadata": {"labels": labels}, "spec": {}}}}
    assert strip_cluster_fields(job)["spec"] == job["spec"]
    generated = copy.deepcopy(job)
    del generated["spec"]["manualSelector"]
    assert strip_cluster_fields(generated)["spec"] == {
        "template": {"metadata": {"labels": {"app": "m"}}, "spec": {}}}


def test_a_pod_pinned_to_a_node_by_the_user_keeps_it() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "p", "uid": "u-1", "annotations": {LAST_APPLIED: json.dumps(
               {"spec": {"nodeName": "node-1"}})}},
           "spec": {"nodeName": "node-1", "containers": []}}
    assert strip_cluster_fields(pod)["spec"] == {"nodeName": "node-1", "containers": []}


def test_kubectl_get_deploy_svc_through_import(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's own pipeline: `kubectl get deploy,svc -o yaml | kubecanvas import -
    --strip-cluster-fields` keeps no cluster IP, node port or revision annotation."""
    import io
    import sys

    from kubecanvas.cli.main import main
    from kubecanvas.io.project import load_project

    items = [r.manifest for r in load_paths([DUMPS / "deployment.yaml",
                                             DUMPS / "services.yaml"]).resources]
    dump = json.dumps({"apiVersion": "v1", "kind": "List", "items": items,
                       "metadata": {"resourceVersion": ""}})
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(dump.encode())))
    project = tmp_path / "p.kcanvas"
    assert main(["import", "-", "--strip-cluster-fields", "-o", str(project)]) == 0
    by_name = {(r.kind, r.name): r.manifest for r in load_project(project)}
    design = expected("deployment") + expected("services")
    assert by_name == {(m["kind"], m["metadata"]["name"]): m for m in design}


def test_load_text_strips_a_list_from_standard_input() -> None:
    text = (DUMPS / "services.yaml").read_text(encoding="utf-8")
    assert [r.manifest for r in load_text(text, strip_cluster_fields=True).resources] == \
        expected("services")


def test_objects_controllers_made_are_left_out_of_a_stripped_import(tmp_path):
    """`kubectl get all -o yaml` holds the ReplicaSets and Pods a Deployment made; imported as
    designed objects they would be created twice. Like `cluster import`, leave them out."""
    import subprocess
    import sys

    dump = tmp_path / "all.yaml"
    dump.write_text(
        "apiVersion: v1\nkind: List\nitems:\n"
        "- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata:\n    name: web-5d\n"
        "    namespace: default\n    uid: '11'\n    resourceVersion: '5'\n"
        "    ownerReferences:\n    - {apiVersion: apps/v1, kind: Deployment, name: web, "
        "uid: '22', controller: true}\n  spec:\n    selector: {matchLabels: {app: web}}\n"
        "    template:\n      metadata: {labels: {app: web}}\n"
        "      spec: {containers: [{name: c, image: 'nginx:1.27'}]}\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cfg, namespace: default, "
        "uid: '33', resourceVersion: '9'}\n  data: {a: '1'}\n")
    out = tmp_path / "d.kcanvas"
    done = subprocess.run([sys.executable, "-m", "kubecanvas", "import", str(dump),
                           "--strip-cluster-fields", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "left out 1 object(s) that controllers made" in done.stderr
    from kubecanvas.io.project import load_project
    assert [r.kind for r in load_project(out)] == ["ConfigMap"]
