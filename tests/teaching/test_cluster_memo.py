"""The simulated cluster (pods, pod IPs, ClusterIPs) with a memo kept across edits."""

from __future__ import annotations


def test_a_pod_memo_gives_the_same_cluster_and_follows_edits() -> None:
    import sys
    from pathlib import Path

    from kubecanvas.io import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.model.edits import SetField
    from kubecanvas.teaching.cluster import PodMemo, SimCluster

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    document = Document(load_text(generate_yaml(200, 4)).resources)
    memo: PodMemo = {}

    def same() -> None:
        with_memo, fresh = SimCluster(document, memo), SimCluster(document)
        assert with_memo.all_pods() == fresh.all_pods()
        assert {r.id: with_memo.cluster_ip(r.id) for r in document} == {
            r.id: fresh.cluster_ip(r.id) for r in document}

    same()
    deployment = next(r for r in document if r.kind == "Deployment")
    kept = memo[next(r.id for r in document if r.kind == "StatefulSet")]
    SetField(deployment.id, ("spec", "template", "metadata", "labels", "tier"), "x").apply(
        document)  # a new template hash: new pod names and labels
    SetField(deployment.id, ("spec", "replicas"), 5).apply(document)
    same()
    assert memo[next(r.id for r in document if r.kind == "StatefulSet")] is kept
    service = next(r for r in document if r.kind == "Service")
    SetField(service.id, ("metadata", "name"), "renamed").apply(document)  # a new address
    same()
    SetField(service.id, ("spec", "clusterIP"), "None").apply(document)  # headless: none
    same()
    document.remove(deployment.id)
    same()
