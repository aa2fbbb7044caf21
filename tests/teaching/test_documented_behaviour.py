"""Simulation statements checked against the documented controller behaviour (issue #14, points
2, 3, 4 and 7; Jobs and CronJobs are in test_jobs.py and test_workloads.py)."""

from __future__ import annotations

from kubecanvas.teaching.files import simulate_environment
from kubecanvas.teaching.storage import reclaim_outcome, simulate_claim
from kubecanvas.teaching.workloads import simulate_deployment
from kubecanvas.validation.immutable import immutable_changes

from .helpers import build, deployment, rid

PV = """
apiVersion: v1
kind: PersistentVolume
metadata: {{name: {name}}}
spec:
  storageClassName: {cls}
  capacity: {{storage: {size}}}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: {policy}
  hostPath: {{path: {path}}}
"""
PVC = """
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {{name: data}}
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {{requests: {{storage: 5Gi}}}}
  {extra}
"""


def pv(name: str = "pv-big", cls: str = "manual", size: str = "10Gi", policy: str = "Retain",
       path: str = "/mnt/data/big") -> str:
    return PV.format(name=name, cls=cls, size=size, policy=policy, path=path)


def test_volume_name_naming_a_volume_that_does_not_fit_stays_pending() -> None:
    """kubernetes.io/docs/concepts/storage/persistent-volumes/#reserving-a-persistentvolume:
    binding by volumeName skips some matching criteria (node affinity), but "the control plane
    still checks that storage class, access modes, and requested storage size are valid"; the PV
    controller's checkVolumeSatisfyClaim fails and the claim stays Pending (VolumeMismatch)."""
    doc, graph = build(pv(size="1Gi") + "---" + PVC.format(extra="volumeName: pv-big"))
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.outcome == "pending" and sim.volume is None
    assert "VolumeMismatch" in sim.explanation and "1Gi" in sim.explanation
    doc, graph = build(pv(cls="slow") + "---" + PVC.format(extra="volumeName: pv-big"))
    assert simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data")).outcome == \
        "pending"
    doc, graph = build(pv() + "---" + PVC.format(extra="volumeName: pv-big"))
    fits = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert (fits.outcome, fits.how) == ("bound", "volumeName")


def test_volume_name_of_a_missing_volume_is_not_provisioned() -> None:
    """PV controller `syncUnboundClaim`: a claim with spec.volumeName only waits for that
    volume; it is neither matched to another PV nor dynamically provisioned."""
    doc, graph = build(pv(name="other") + "---" + PVC.format(extra="volumeName: pv-big"))
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.outcome == "pending" and "does not exist" in sim.explanation


def test_delete_on_a_hostpath_volume_outside_tmp_fails_and_keeps_the_data() -> None:
    """kubernetes.io/docs/concepts/storage/persistent-volumes/#delete and the in-tree hostPath
    plugin (pkg/volume/hostpath/host_path.go, newDeleter: "host_path deleter only supports
    /tmp/.+"): Delete on a hand-made hostPath PV elsewhere leaves the PV Failed, data kept."""
    doc, graph = build(pv(policy="Delete") + "---" + PVC.format(extra=""))
    sim = simulate_claim(doc, graph, rid(doc, "PersistentVolumeClaim", "data"))
    assert sim.outcome == "bound"
    assert sim.on_delete is not None and "Failed" in sim.on_delete and "stays" in sim.on_delete
    tmp = reclaim_outcome({"spec": {"persistentVolumeReclaimPolicy": "Delete",
                                    "hostPath": {"path": "/tmp/data"}}})
    assert "deletes the PV and the directory /tmp/data" in tmp
    kept = reclaim_outcome({"spec": {"persistentVolumeReclaimPolicy": "Retain",
                                     "hostPath": {"path": "/mnt/data"}}})
    assert "Released" in kept


def test_a_pod_whose_claim_is_missing_stays_pending_not_container_creating() -> None:
    """kube-scheduler VolumeBinding plugin (PreFilter): a pod whose PersistentVolumeClaim does
    not exist is UnschedulableAndUnresolvable, `persistentvolumeclaim "data" not found`, so it
    stays Pending and never reaches ContainerCreating on a node."""
    doc, graph = build("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          selector: {matchLabels: {app: app}}
          template:
            metadata: {labels: {app: app}}
            spec:
              containers:
                - name: app
                  image: busybox
                  volumeMounts: [{name: data, mountPath: /data}]
              volumes:
                - name: data
                  persistentVolumeClaim: {claimName: data}
        """)
    env = simulate_environment(doc, graph, rid(doc, "Deployment", "app"))
    problems = [p for c in env.containers for p in c.problems]
    assert any("Pending" in p and "not found" in p for p in problems)
    assert not any("ContainerCreating" in p for p in problems)


def test_old_replica_sets_are_kept_up_to_revision_history_limit() -> None:
    """kubernetes.io/docs/concepts/workloads/controllers/deployment/#clean-up-policy: by default
    10 old ReplicaSets are kept; revisionHistoryLimit sets how many, 0 disables rollback."""
    doc, graph = build(deployment("web", replicas=2))
    notes = simulate_deployment(doc, graph, rid(doc, "Deployment", "web")).rollout.notes
    assert any("newest 10 old ReplicaSets" in n and "default" in n for n in notes)
    doc, graph = build(deployment("web", replicas=2).replace("spec:\n", "spec:\n  "
                                                             "revisionHistoryLimit: 0\n", 1))
    notes = simulate_deployment(doc, graph, rid(doc, "Deployment", "web")).rollout.notes
    assert any("cannot be rolled back" in n for n in notes)


def test_immutable_fields_of_a_live_object_are_named() -> None:
    """ValidateStatefulSetUpdate ("updates to statefulset spec for fields other than 'replicas',
    'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit',
    'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden") and
    ValidateServiceUpdate (spec.clusterIP: field is immutable)."""
    live_sts = {"kind": "StatefulSet", "metadata": {"name": "db"},
                "spec": {"serviceName": "db", "replicas": 2, "podManagementPolicy":
                         "OrderedReady", "template": {"metadata": {"labels": {"x": "1"}}}}}
    design = {"kind": "StatefulSet", "metadata": {"name": "db"},
              "spec": {"serviceName": "db", "replicas": 3, "podManagementPolicy": "Parallel",
                       "template": {"metadata": {"labels": {"x": "2"}}}}}
    changes = immutable_changes(design, live_sts)
    assert [c.path for c in changes] == [("spec", "podManagementPolicy")]
    assert "Delete the StatefulSet and create it again" in changes[0].message
    unchanged = {**design, "spec": {"serviceName": "db", "replicas": 5}}
    assert immutable_changes(unchanged, live_sts) == []  # default OrderedReady, replicas mutable
    live_svc = {"kind": "Service", "metadata": {"name": "db"},
                "spec": {"clusterIP": "10.96.0.12", "ports": [{"port": 5432}]}}
    headless = {"kind": "Service", "metadata": {"name": "db"},
                "spec": {"clusterIP": "None", "ports": [{"port": 5432}]}}
    assert [c.path for c in immutable_changes(headless, live_svc)] == [("spec", "clusterIP")]
    no_ip = {"kind": "Service", "metadata": {"name": "db"}, "spec": {"ports": [{"port": 80}]}}
    assert immutable_changes(no_ip, live_svc) == []


def test_the_lessons_state_the_corrected_behaviour() -> None:
    """The lesson texts follow the same documentation as the simulations above: no Job waves,
    the 5-minute kubelet cap for OnFailure, the hostPath deleter's /tmp rule, immutable
    StatefulSet and Service fields taught as delete-and-recreate, revisionHistoryLimit."""
    from kubecanvas.teaching.lessons import load_lessons

    lessons = {lesson.id: lesson for lesson in load_lessons()}

    def text(lesson_id: str) -> str:
        lesson = lessons[lesson_id]
        return " ".join([lesson.explanation, *(s.prompt for s in lesson.steps)])

    jobs = text("jobs")
    assert "three waves" not in jobs and "There are no waves" in jobs
    assert "up to 5 minutes" in jobs and "restart counts add" in jobs
    assert "/tmp" in text("persistent-volumes")
    sts = text("statefulsets")
    assert "field is immutable" in sts and "--cascade=orphan" in sts
    assert "revisionHistoryLimit" in text("deployments")
