"""What happens between `kubectl apply` and a request answered: the control plane, step by step.

For a workload of the learner's own design this walks the path the Kubernetes documentation
describes ("Cluster Architecture", "Components"): kubectl sends the manifest to the API server,
which validates it (admission) and stores it in etcd; the workload's controller creates the
ReplicaSet (Deployment) and the pods; the scheduler assigns each pod to a node; that node's
kubelet pulls the images and starts the containers; the EndpointSlice controller lists the ready
pods of every Service selecting them; kube-proxy on every node turns the Service's virtual IP
into those endpoints; CoreDNS answers the Service's name with its ClusterIP. Every step names
the learner's own resources and carries a `Highlight`, so the canvas can follow along.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, pod_spec
from kubecanvas.model.korean import eul_reul, euro_ro, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import (
    CLUSTER_DOMAIN,
    Highlight,
    SimCluster,
    SimPod,
    template_hash,
)
from kubecanvas.teaching.text import Text, kind_ko
from kubecanvas.validation import Severity, validate_document
from kubecanvas.validation.findings import Finding

#: The components in the order a request meets them, with their Korean names.
COMPONENTS = {"kubectl": "kubectl", "api-server": "API 서버", "etcd": "etcd",
              "controller": "컨트롤러", "scheduler": "스케줄러", "kubelet": "kubelet",
              "endpointslice": "엔드포인트슬라이스 컨트롤러", "kube-proxy": "kube-proxy",
              "coredns": "CoreDNS"}


@dataclass(frozen=True)
class FlowStep:
    """One component's part: `text` is a `Text`; `ok` is False where the design stops here."""

    component: str
    text: str
    highlight: Highlight
    ok: bool = True


@dataclass(frozen=True)
class ApplyFlow:
    workload: str
    steps: tuple[FlowStep, ...]

    @property
    def stopped_at(self) -> str | None:
        return next((s.component for s in self.steps if not s.ok), None)


WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod")


def apply_flow(doc: Document, graph: WiringGraph, workload_id: str,
               cluster: SimCluster | None = None,
               findings: Iterable[Finding] | None = None) -> ApplyFlow:
    """The path of `kubectl apply` for one workload, through every component that acts on it.

    `findings` are the design's current findings on the workload when the caller has them (the
    editor's validator keeps them); without them the whole design is validated, which at
    thousands of resources costs seconds: too much for every edit."""
    res = doc.get(workload_id)
    cluster = cluster or SimCluster(doc)
    me = Highlight((workload_id,))
    kind, name = res.kind, f"{effective_namespace(res)}/{res.name}"
    steps = [FlowStep("kubectl", Text(
        f"kubectl apply sends {kind} {name} to the API server (a PATCH or POST over HTTPS).",
        f"kubectl apply가 {kind_ko(kind)} {name}{eul_reul(name)} API 서버로 보냅니다(HTTPS로 PATCH나 "
        "POST)."), me)]
    if findings is None:
        findings = validate_document(doc, graph)
    errors = [f for f in findings
              if f.resource_id == workload_id and f.severity == Severity.ERROR]
    if errors:
        steps.append(FlowStep("api-server", Text(
            f"The API server refuses it ({errors[0].rule}): nothing is stored, no controller "
            "ever sees it. Fix the error first.",
            f"API 서버가 거부합니다({errors[0].rule}). 아무것도 저장되지 않고 어떤 컨트롤러도 "
            "보지 못합니다. 먼저 오류를 고치십시오."), me, ok=False))
        return ApplyFlow(workload_id, tuple(steps))
    steps += [
        FlowStep("api-server", Text(
            "The API server authenticates the request, checks it against the schema and the "
            "admission controllers, and fills in defaults.",
            "API 서버가 요청을 인증하고 스키마와 어드미션 컨트롤러로 검사한 뒤 기본값을 "
            "채웁니다."), me),
        FlowStep("etcd", Text(
            f"The object is stored in etcd, the cluster's only database; from now on {name} "
            "exists, even though nothing runs yet.",
            f"오브젝트가 클러스터의 유일한 데이터베이스인 etcd에 저장됩니다. 아직 아무것도 "
            f"실행되지 않지만 이제 {name}{i_ga(name)} 존재합니다."), me)]
    pods = cluster.pods_of(workload_id)
    steps.append(_controller_step(res, len(pods), me))
    if not pods:
        return ApplyFlow(workload_id, tuple(steps))
    nodes = sorted({p.node for p in pods})
    steps.append(FlowStep("scheduler", Text(
        f"The scheduler assigns each pod to a node with room for it: {_placed(pods)}.",
        f"스케줄러가 각 파드를 자리가 있는 노드에 배정합니다: {_placed(pods)}."), me))
    images = sorted({str(c.get("image") or "?") for c in (pod_spec(res) or {}).get(
        "containers", []) if isinstance(c, dict)})
    shown = ", ".join(images) or "이미지"
    steps.append(FlowStep("kubelet", Text(
        f"The kubelet on {', '.join(nodes)} pulls {', '.join(images) or 'the images'}, mounts "
        "the volumes and starts the containers; the pods get IPs "
        f"({', '.join(p.ip for p in pods[:3])}{', ...' if len(pods) > 3 else ''}).",
        f"{', '.join(nodes)}의 kubelet이 {shown}{eul_reul(shown)} 가져오고 볼륨을 "
        "마운트한 뒤 컨테이너를 시작합니다. 파드가 IP를 받습니다"
        f"({', '.join(p.ip for p in pods[:3])}{', ...' if len(pods) > 3 else ''})."), me))
    steps += _service_steps(doc, graph, cluster, workload_id, len(pods))
    return ApplyFlow(workload_id, tuple(steps))


def _placed(pods: list[SimPod]) -> str:
    shown = ", ".join(f"{p.name} → {p.node}" for p in pods[:3])
    return shown + (", ..." if len(pods) > 3 else "")


def _controller_step(res: Resource, count: int, me: Highlight) -> FlowStep:
    if res.kind == "Deployment":
        rs = f"{res.name}-{template_hash(res)}"
        return FlowStep("controller", Text(
            f"The Deployment controller sees the new Deployment and creates ReplicaSet {rs}; the "
            f"ReplicaSet controller creates {count} pod(s) from the template.",
            f"디플로이먼트 컨트롤러가 새 디플로이먼트를 보고 레플리카셋 {rs}{eul_reul(rs)} "
            f"만듭니다. 레플리카셋 컨트롤러가 템플릿으로 파드 {count}개를 만듭니다."), me)
    if res.kind == "Pod":
        return FlowStep("controller", Text(
            "A bare Pod has no controller: if it or its node dies, nothing recreates it.",
            "컨트롤러 없는 파드입니다. 파드나 노드가 죽으면 아무도 다시 만들지 않습니다."), me)
    return FlowStep("controller", Text(
        f"The {res.kind} controller sees the new object and creates {count} pod(s) from its "
        "template.",
        f"{kind_ko(res.kind)} 컨트롤러가 새 오브젝트를 보고 템플릿으로 파드 {count}개를 만듭니다."), me)


def _service_steps(doc: Document, graph: WiringGraph, cluster: SimCluster, workload_id: str,
                   count: int) -> list[FlowStep]:
    selecting = [e for e in graph.in_edges(workload_id, EdgeType.SELECTS)
                 if doc.get(e.source).kind == "Service"]
    if not selecting:
        return [FlowStep("endpointslice", Text(
            "No Service selects these pods, so no EndpointSlice lists them: nothing in the "
            "cluster can reach them by a stable name.",
            "이 파드를 선택하는 서비스가 없으므로 어떤 엔드포인트슬라이스에도 들어가지 않습니다. "
            "클러스터 안에서 고정된 이름으로 이 파드에 닿을 수 없습니다."),
            Highlight((workload_id,)), ok=False)]
    out = []
    for edge in selecting:
        svc = doc.get(edge.source)
        both = Highlight((svc.id, workload_id), ((edge.source, edge.target, edge.key),))
        ip = cluster.cluster_ip(svc.id)
        dns = f"{svc.name}.{effective_namespace(svc)}.svc.{CLUSTER_DOMAIN}"
        out.append(FlowStep("endpointslice", Text(
            f"The EndpointSlice controller adds the {count} ready pod(s) to the EndpointSlices of "
            f"Service {svc.name}.",
            f"엔드포인트슬라이스 컨트롤러가 준비된 파드 {count}개를 서비스 {svc.name}의 "
            "엔드포인트슬라이스에 넣습니다."), both))
        if ip:
            out.append(FlowStep("kube-proxy", Text(
                f"kube-proxy on every node programs the virtual IP {ip}: a connection to it is "
                "sent to one of those pods.",
                f"모든 노드의 kube-proxy가 가상 IP {ip}{eul_reul(ip)} 설정합니다. 이 주소로 온 "
                "연결은 그 파드 중 하나로 보내집니다."), both))
        out.append(FlowStep("coredns", Text(
            f"CoreDNS answers {dns} (or just {svc.name} from the same namespace) with "
            f"{ip or 'the pod IPs (headless)'}.",
            f"CoreDNS가 {dns}(같은 네임스페이스에서는 {svc.name}) 질의에 "
            f"{ip or '파드 IP들(헤드리스)'}{euro_ro(ip or '파드 IP들')} 응답합니다."), both))
    return out


# --- the control plane drawn beside the design -----------------------------------------------
#: The boxes of the drawing: id, English name, Korean name, and where they sit (control plane,
#: a worker node, add-on). The EndpointSlice controller runs inside the controller manager.
BOXES = (("kubectl", "kubectl", "kubectl", "client"),
         ("api-server", "API server", "API 서버", "control-plane"),
         ("etcd", "etcd", "etcd", "control-plane"),
         ("controller-manager", "controller manager", "컨트롤러 매니저", "control-plane"),
         ("scheduler", "scheduler", "스케줄러", "control-plane"),
         ("kubelet", "kubelet", "kubelet", "node"),
         ("kube-proxy", "kube-proxy", "kube-proxy", "node"),
         ("coredns", "CoreDNS", "CoreDNS", "add-on"))

#: Who talks to whom at each step of `apply_flow` ("Components", "Controllers" and
#: "Communication between Nodes and the Control Plane" pages): every component talks to the API
#: server only, which alone reads and writes etcd; controllers, the scheduler, the kubelet,
#: kube-proxy and CoreDNS watch it and write back through it.
MESSAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "kubectl": (("kubectl", "api-server"),),
    "api-server": (("api-server", "api-server"),),
    "etcd": (("api-server", "etcd"),),
    "controller": (("api-server", "controller-manager"), ("controller-manager", "api-server")),
    "scheduler": (("api-server", "scheduler"), ("scheduler", "api-server")),
    "kubelet": (("api-server", "kubelet"),),
    "endpointslice": (("api-server", "controller-manager"), ("controller-manager", "api-server")),
    "kube-proxy": (("api-server", "kube-proxy"),),
    "coredns": (("api-server", "coredns"),),
}
BOX_OF = {"controller": "controller-manager", "endpointslice": "controller-manager"}


@dataclass(frozen=True)
class Frame:
    """One moment of the animation: the box that acts, the messages it sends or receives (box id
    pairs; a box to itself is work done inside it), what happens (a `Text`), and the learner's
    resources it concerns. `ok` False: the design stops here."""

    box: str
    messages: tuple[tuple[str, str], ...]
    text: str
    highlight: Highlight
    ok: bool = True


def control_plane_frames(flow: ApplyFlow) -> tuple[Frame, ...]:
    """The animation of `flow`, one frame per step, in the order the components act."""
    return tuple(Frame(BOX_OF.get(step.component, step.component),
                       MESSAGES.get(step.component, ()), step.text, step.highlight, step.ok)
                 for step in flow.steps)
