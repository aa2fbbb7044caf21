"""The control plane step by step for the learner's own design (issue #14, the new lesson)."""

from __future__ import annotations

from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.architecture import apply_flow
from kubecanvas.teaching.lessons import load_lessons

from .test_lessons import ANSWER, LEARNER


def _lesson():
    return next(lesson for lesson in load_lessons() if lesson.id == "architecture")


def test_a_refused_object_stops_at_the_api_server() -> None:
    """kubernetes.io/docs/concepts/overview/components/: only what the API server accepts is
    stored in etcd; controllers act on stored objects only."""
    doc = _lesson().document()
    graph = WiringGraph(doc)
    web = next(r for r in doc if r.kind == "Deployment" and r.name == "web")
    flow = apply_flow(doc, graph, web.id)
    assert [s.component for s in flow.steps] == ["kubectl", "api-server"]
    assert flow.stopped_at == "api-server" and "pod.container.image.required" in flow.steps[1].text


def test_the_whole_path_names_the_learners_own_resources() -> None:
    """Architecture docs: API server -> etcd -> controllers (Deployment -> ReplicaSet -> Pod) ->
    scheduler -> kubelet; EndpointSlice controller -> kube-proxy (virtual IP) -> CoreDNS."""
    doc = _lesson().document()
    graph = WiringGraph(doc)
    tasks = [act for act in LEARNER["architecture"] if act is not ANSWER]
    for act in tasks[:3]:
        edit = act(doc, graph)
        edit.apply(doc)
        graph = WiringGraph(doc)
    web = next(r for r in doc if r.kind == "Deployment" and r.name == "web")
    flow = apply_flow(doc, graph, web.id)
    assert [s.component for s in flow.steps] == [
        "kubectl", "api-server", "etcd", "controller", "scheduler", "kubelet", "endpointslice",
        "kube-proxy", "coredns"]
    assert flow.stopped_at is None
    assert "ReplicaSet web-" in flow.steps[3].text and "3 pod(s)" in flow.steps[3].text
    assert "nginx:1.27" in flow.steps[5].text
    assert "web.default.svc.cluster.local" in flow.steps[-1].text
    assert all(step.text.ko for step in flow.steps)  # type: ignore[attr-defined]


def test_pods_no_service_selects_are_reachable_by_no_name() -> None:
    doc = _lesson().document()
    client = next(r for r in doc if r.name == "client")
    flow = apply_flow(doc, WiringGraph(doc), client.id)
    assert flow.stopped_at == "endpointslice"


def test_the_control_plane_animation_follows_the_apply_flow() -> None:
    """kubernetes.io/docs/concepts/overview/components/: only the API server talks to etcd; the
    controller manager (which runs the EndpointSlice controller), the scheduler, the kubelet,
    kube-proxy and CoreDNS watch the API server and write back through it."""
    from kubecanvas.teaching.architecture import BOXES, control_plane_frames

    doc = _lesson().document()
    graph = WiringGraph(doc)
    tasks = [act for act in LEARNER["architecture"] if act is not ANSWER]
    for act in tasks[:3]:
        act(doc, graph).apply(doc)
        graph = WiringGraph(doc)
    web = next(r for r in doc if r.kind == "Deployment" and r.name == "web")
    frames = control_plane_frames(apply_flow(doc, graph, web.id))
    assert [f.box for f in frames] == [
        "kubectl", "api-server", "etcd", "controller-manager", "scheduler", "kubelet",
        "controller-manager", "kube-proxy", "coredns"]
    boxes = {b[0] for b in BOXES}
    for frame in frames:
        assert frame.messages and all(a in boxes and b in boxes for a, b in frame.messages)
        assert all("etcd" not in (a, b) or {a, b} <= {"api-server", "etcd"}
                   for a, b in frame.messages)  # only the API server touches etcd
    start = _lesson().document()
    refused = control_plane_frames(apply_flow(start, WiringGraph(start), next(
        r.id for r in start if r.kind == "Deployment" and r.name == "web")))
    assert [f.ok for f in refused] == [True, False]
