"""The simulated cluster (pods, pod IPs, ClusterIPs) with a memo kept across edits."""

from __future__ import annotations

from typing import Any


def _followed(count: int, seed: int) -> tuple[Any, Any]:
    """A generated design and a memo told of each of its changes, as What Happens keeps it."""
    import sys
    from pathlib import Path

    from kubecanvas.io import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.teaching.cluster import NODE_COUNT
    from kubecanvas.teaching.cluster_memo import ClusterMemo

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    document = Document(load_text(generate_yaml(count, seed)).resources)
    memo = ClusterMemo(NODE_COUNT)
    document.subscribe(memo.follow)
    return document, memo


def _same(document: Any, memo: Any, cluster: Any = None) -> None:
    """The cluster made with the memo (by `cluster`, SimCluster by default) equals a fresh one."""
    from kubecanvas.teaching.cluster import SimCluster

    with_memo, fresh = (cluster or SimCluster)(document, memo), SimCluster(document)
    assert with_memo.all_pods() == fresh.all_pods()
    assert {r.id: with_memo.cluster_ip(r.id) for r in document} == {
        r.id: fresh.cluster_ip(r.id) for r in document}


def test_a_pod_memo_gives_the_same_cluster_and_follows_edits() -> None:
    from kubecanvas.model.edits import SetField

    document, memo = _followed(200, 4)

    def same() -> None:
        _same(document, memo)

    same()
    deployment = next(r for r in document if r.kind == "Deployment")
    kept = memo.entries[next(r.id for r in document if r.kind == "StatefulSet")]
    SetField(deployment.id, ("spec", "template", "metadata", "labels", "tier"), "x").apply(
        document)  # a new template hash: new pod names and labels
    SetField(deployment.id, ("spec", "replicas"), 5).apply(document)
    same()
    assert memo.entries[next(r.id for r in document if r.kind == "StatefulSet")] is kept
    service = next(r for r in document if r.kind == "Service")
    SetField(service.id, ("metadata", "name"), "renamed").apply(document)  # a new address
    same()
    SetField(service.id, ("spec", "clusterIP"), "None").apply(document)  # headless: none
    same()
    document.remove(deployment.id)
    same()


def _every_pod_at_once(document):  # type: ignore[no-untyped-def]
    """The cluster as it was computed before pods were made on demand: every workload's pods in
    document order, round-robin over the nodes (the reference the lazy cluster must equal)."""
    from kubecanvas.model.kinds import effective_namespace
    from kubecanvas.teaching.cluster import NODE_COUNT, SimCluster, SimPod

    identities = SimCluster(document)._identities  # noqa: SLF001 - names and labels only
    counters, slot, pods = [1] * (NODE_COUNT + 1), 0, {}
    for res in document:
        found = identities(res)
        if found is None:
            continue
        pods[res.id] = []
        for i, (name, ordinal, labels) in enumerate(found):
            node = i + 1 if res.kind == "DaemonSet" else slot % NODE_COUNT + 1
            slot += res.kind != "DaemonSet"
            counters[node] += 1
            pods[res.id].append(SimPod(name, res.id, effective_namespace(res), f"node-{node}",
                                       node, f"10.244.{node}.{counters[node]}", dict(labels),
                                       ordinal))
    return pods


def test_pods_made_on_demand_equal_every_pod_made_at_once_through_edits() -> None:
    """One workload's pods, asked for alone from a memo kept across edits (as What Happens
    does for the selection), are the ones a placement of every pod gives it, also after edits
    that shift the workloads after it, add and remove some; each Service's address is the one
    a fresh allocation of all of them gives."""
    import random
    import sys
    from pathlib import Path

    from kubecanvas.io import load_text
    from kubecanvas.model.document import Document
    from kubecanvas.model.edits import SetField
    from kubecanvas.teaching.cluster import NODE_COUNT, SimCluster
    from kubecanvas.teaching.cluster_memo import ClusterMemo

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    document = Document(load_text(generate_yaml(300, 7)).resources)
    memo = ClusterMemo(NODE_COUNT)
    document.subscribe(memo.follow)
    chance = random.Random(3)
    workloads = [r.id for r in document if r.kind in ("Deployment", "StatefulSet", "DaemonSet")]
    services = [r.id for r in document if r.kind == "Service"]
    assert workloads and services
    for _ in range(12):
        expected = _every_pod_at_once(document)
        everything = SimCluster(document)
        for rid in chance.sample(workloads, 5):  # a fresh cluster per question, like the panel
            assert SimCluster(document, memo).pods_of(rid) == expected.get(rid, [])
        assert everything.all_pods() == [p for rid in document.ids()
                                         for p in expected.get(rid, [])]
        addresses = {rid: everything.cluster_ip(rid) for rid in services}
        for rid in chance.sample(services, 5):
            assert SimCluster(document, memo).cluster_ip(rid) == addresses[rid]
        edited = chance.choice(workloads)
        SetField(edited, ("spec", "replicas"), chance.randint(0, 6)).apply(document)
        renamed = chance.choice(services)
        SetField(renamed, ("metadata", "name"), f"svc-{chance.randint(0, 10**6)}").apply(document)
        if chance.random() < 0.3:  # a workload leaves (and its pods' places close up)
            workloads.remove(gone := chance.choice(workloads))
            document.remove(gone)
        elif chance.random() < 0.3:  # a DaemonSet's pods stop (a pod template emptied)
            daemon = next((r.id for r in document if r.kind == "DaemonSet"), None)
            if daemon is not None:
                SetField(daemon, ("spec", "template", "spec", "containers"), []).apply(document)


def test_pods_are_counted_as_many_as_they_are_named_over_the_corpus_and_examples() -> None:
    """Counting pods before a workload (without hashing templates) gives as many as naming
    them does, for every workload kind: the editor's new resources, the examples, the lessons
    and the real corpus (when it is there: a fresh clone has no ../shared/corpus)."""
    from pathlib import Path

    from kubecanvas.io import load_paths
    from kubecanvas.model.kinds import pod_spec, pod_template
    from kubecanvas.model.resource import Resource
    from kubecanvas.model.templates import default_manifest
    from kubecanvas.teaching.cluster import pod_count, workload_pod_names

    workload_kinds = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
    for kind in sorted(workload_kinds):
        made = Resource(default_manifest(kind, "x"))
        assert pod_count(made) == len(workload_pod_names(made)), kind

    root = Path(__file__).resolve().parents[2]
    corpus = root.parents[0] / "shared" / "corpus"
    paths = sorted((root / "resources" / "examples").glob("*.yaml")) \
        + sorted((root / "resources" / "lessons").glob("*/diagram.yaml")) \
        + (sorted(p for p in corpus.rglob("*") if p.suffix in (".yaml", ".yml"))
           if corpus.is_dir() else [])
    kinds = set()
    for path in paths:
        for res in load_paths([path]).resources:
            if pod_template(res) is not None and pod_spec(res) is not None:
                kinds.add(res.kind)
                assert pod_count(res) == len(workload_pod_names(res)), (path, res.name)
    assert {"Deployment", "StatefulSet", "Job", "CronJob"} <= kinds  # the examples' own


def test_a_warmed_memo_reads_no_resource_again_and_an_addition_reads_only_it() -> None:
    """`warm_steps` reads the whole design in steps before anyone asks; afterwards a question
    reads nothing again, and a resource added or removed (a drop, an undo) is the only one read:
    the counts of all the others are kept with the very resources they came from."""
    from kubecanvas.model.edits import AddResource, RemoveResource, SetField
    from kubecanvas.model.resource import Resource
    from kubecanvas.teaching.cluster import SimCluster

    document, memo = _followed(300, 2)
    read: list[str] = []

    class Counting(SimCluster):
        def _counts(self, res):  # type: ignore[no-untyped-def]
            read.append(res.id)
            return super()._counts(res)

    steps = sum(1 for _ in Counting(document, memo).warm_steps())
    assert steps > 1  # in steps, not in one go
    assert sorted(read) == sorted(document.ids())
    read.clear()

    def same() -> None:
        _same(document, memo, Counting)

    same()
    assert read == []
    workload = Resource({"apiVersion": "apps/v1", "kind": "Deployment",
                         "metadata": {"name": "late", "namespace": "shop"},
                         "spec": {"replicas": 2, "selector": {"matchLabels": {"a": "b"}},
                                  "template": {"metadata": {"labels": {"a": "b"}},
                                               "spec": {"containers": [{"name": "c",
                                                                        "image": "x"}]}}}})
    service = Resource({"apiVersion": "v1", "kind": "Service",
                        "metadata": {"name": "late", "namespace": "shop"},
                        "spec": {"selector": {"a": "b"}, "ports": [{"port": 80}]}})
    for resource in (workload, service):
        AddResource(resource).apply(document)
        same()
        assert set(read) == {resource.id}
        read.clear()
    first = next(r for r in document if r.kind == "Deployment")
    RemoveResource(first.id).apply(document)
    same()
    assert set(read) <= {first.id}
    SetField(service.id, ("metadata", "name"), "renamed").apply(document)  # another address
    same()
    RemoveResource(service.id).apply(document)
    same()


def test_no_step_of_the_warm_up_walks_the_whole_design() -> None:
    """The warm-up runs between events right after a design opens: adding the counts up and
    allocating the addresses were one step each over every resource (30 and 24 ms at 15,000).
    Counted by what a step reads: no step reads more than `step` resources' counts, and
    no question is answered by a full count once the warm-up has run."""
    from kubecanvas.teaching.cluster import SimCluster
    from kubecanvas.teaching.cluster_memo import ClusterMemo

    document, memo = _followed(1500, 5)
    walks: list[int] = []
    full = ClusterMemo._count_all

    def counted(self, document, counts):  # type: ignore[no-untyped-def]
        if self is memo:  # (not the fresh cluster `_same` compares with)
            walks.append(len(document))
        return full(self, document, counts)

    ClusterMemo._count_all = counted  # type: ignore[method-assign]
    try:
        steps = SimCluster(document, memo).warm_steps()
        read: list[int] = []
        for _ in steps:
            read.append(len(memo._counted))
        assert walks == []  # the sums were made in steps, not by the full count
        grew = [b - a for a, b in zip([0, *read], read, strict=False)]
        assert max(grew) <= 250
        _same(document, memo)
        assert walks == []
    finally:
        ClusterMemo._count_all = full  # type: ignore[method-assign]


def test_a_change_during_the_warm_up_leaves_answers_right() -> None:
    """The warm-up yields between events, and an edit may come in between: what it read then
    is not kept, and the answers are the fresh cluster's."""
    from kubecanvas.model.edits import RemoveResource, SetField
    from kubecanvas.teaching.cluster import SimCluster

    for stop in (1, 3, 6, 9):
        document, memo = _followed(800, stop)
        steps = SimCluster(document, memo).warm_steps()
        for _ in range(stop):
            next(steps, None)
        workload = next(r for r in document if r.kind in ("Deployment", "StatefulSet"))
        SetField(workload.id, ("spec", "replicas"), 7).apply(document)
        service = next(r for r in document if r.kind == "Service")
        RemoveResource(service.id).apply(document)
        for _ in steps:
            pass
        _same(document, memo)
