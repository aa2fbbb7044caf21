"""What a node, an edge or a finding is, what it does at run time and why it matters.

Selecting anything on the canvas can show one `Explanation`, in English or Korean, with a link to
the matching page of the Kubernetes documentation. Kinds are explained here, edge types in
`explain_edges`, the validator's rules in `explain_rules` (their "what" is the registry's summary,
their "why" follows from the severity: an error is refused by `kubectl apply`, a warning is
accepted but misbehaves, an info is advice). Korean follows the official Korean Kubernetes glossary.
"""

from __future__ import annotations

from dataclasses import dataclass

from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import KINDS
from kubecanvas.teaching.explain_edges import EDGES
from kubecanvas.teaching.explain_rules import DOCS, FAMILIES, FAMILY_WHY
from kubecanvas.teaching.explain_rules_ko import RULE_KO
from kubecanvas.validation import RULES, Finding, Severity
from kubecanvas.validation.hardening import DECLARED_BY_ID, Declared
from kubecanvas.validation.profiles import CPU_LIMITS, HARDENING


@dataclass(frozen=True)
class Explanation:
    """A short explanation in two languages.

    Attributes:
        key: what is explained: 'kind:Deployment', 'edge:selects' or 'rule:<id>'.
        title / title_ko: a heading.
        what / what_ko: what it is.
        runtime / runtime_ko: what it does at run time, in the cluster.
        why / why_ko: why it matters.
        url: the kubernetes.io page to read next.
    """

    key: str
    title: str
    title_ko: str
    what: str
    what_ko: str
    runtime: str
    runtime_ko: str
    why: str
    why_ko: str
    url: str

    def text(self, name: str, language: str = "en") -> str:
        """One of title, what, runtime, why in 'en' or 'ko'."""
        return str(getattr(self, name if language == "en" else f"{name}_{language}"))


# kind: (Korean name, url, what, what_ko, runtime, runtime_ko, why, why_ko)
_KINDS: dict[str, tuple[str, str, str, str, str, str, str, str]] = {
    "Namespace": (
        "네임스페이스", "concepts/overview/working-with-objects/namespaces/",
        "A named space that groups resources; names only have to be unique inside one.",
        "리소스를 묶는 이름 있는 공간입니다. 이름은 그 안에서만 고유하면 됩니다.",
        "Namespaced objects live in one; references by name (selectors, claims, Secrets) never "
        "cross namespaces.",
        "네임스페이스 범위 오브젝트는 그 안에 있고, 이름으로 하는 참조(셀렉터, 클레임, 시크릿)는 "
        "네임스페이스를 넘지 않습니다.",
        "It separates teams and environments and scopes access control and quotas.",
        "팀과 환경을 나누고 접근 제어와 쿼터의 범위가 됩니다."),
    "StorageClass": (
        "스토리지클래스", "concepts/storage/storage-classes/",
        "A class of storage offered by the cluster, with the provisioner that creates volumes.",
        "클러스터가 제공하는 저장소 종류와, 볼륨을 만드는 프로비저너입니다.",
        "When a claim of this class finds no fitting volume, the provisioner creates one, now or "
        "when the first pod is scheduled (volumeBindingMode).",
        "이 클래스의 클레임에 맞는 볼륨이 없으면 프로비저너가 볼륨을 바로, 또는 첫 파드가 스케줄될 때 "
        "만듭니다(volumeBindingMode).",
        "It decides where data lives, how fast it is and whether it is deleted with the claim.",
        "데이터가 어디에 저장되고, 얼마나 빠르고, 클레임과 함께 지워지는지를 정합니다."),
    "IngressClass": (
        "인그레스클래스", "concepts/services-networking/ingress/#ingress-class",
        "Names the Ingress controller that serves Ingresses of this class.",
        "이 클래스의 인그레스를 처리할 인그레스 컨트롤러를 가리킵니다.",
        "The controller named in spec.controller watches Ingresses whose ingressClassName is this "
        "class and programs its proxy from them.",
        "spec.controller에 적힌 컨트롤러가 ingressClassName이 이 클래스인 인그레스를 지켜보고 프록시를 "
        "설정합니다.",
        "Without a running controller for the class, its Ingresses do nothing.",
        "그 클래스를 위한 컨트롤러가 실행되지 않으면 인그레스는 아무 일도 하지 않습니다."),
    "PersistentVolume": (
        "퍼시스턴트볼륨", "concepts/storage/persistent-volumes/",
        "A piece of storage in the cluster, not tied to any namespace or pod.",
        "네임스페이스나 파드에 묶이지 않은 클러스터의 저장소 한 조각입니다.",
        "The control plane binds it to one claim that fits its class, size and access modes; "
        "when the claim goes away its reclaimPolicy keeps or deletes the data.",
        "컨트롤 플레인이 클래스, 크기, 접근 모드가 맞는 클레임 하나에 바인딩합니다. 클레임이 사라지면 "
        "reclaimPolicy에 따라 데이터를 남기거나 지웁니다.",
        "It is where data outlives pods; Retain versus Delete decides whether it survives "
        "mistakes.",
        "파드보다 오래 남는 데이터가 있는 곳입니다. Retain이면 클레임을 실수로 지워도 데이터가 남고, Delete면 함께 지워집니다."),
    "PersistentVolumeClaim": (
        "퍼시스턴트볼륨클레임", "concepts/storage/persistent-volumes/#persistentvolumeclaims",
        "A request for storage: a size, access modes and a StorageClass.",
        "저장소 요청입니다. 크기, 접근 모드, 스토리지클래스를 적습니다.",
        "It binds to one fitting PersistentVolume, or its class provisions a new one; pods mount "
        "the claim by name.",
        "맞는 퍼시스턴트볼륨 하나에 바인딩되거나 클래스가 새 볼륨을 만듭니다. 파드는 이름으로 클레임을 "
        "마운트합니다.",
        "A claim that binds nothing stays Pending, and so do the pods that mount it.",
        "아무것에도 바인딩되지 않은 클레임은 Pending으로 남고, 그것을 마운트하는 파드도 그렇습니다."),
    "ServiceAccount": (
        "서비스어카운트", "concepts/security/service-accounts/",
        "An identity for the processes in pods.",
        "파드 안 프로세스를 위한 신원입니다.",
        "Pods that name it get a token for it; RBAC bindings decide what that token may do.",
        "이것을 지정한 파드는 그 토큰을 받고, RBAC 바인딩이 토큰으로 할 수 있는 일을 정합니다.",
        "It limits what a compromised pod can do to the cluster.",
        "침해된 파드가 클러스터에 할 수 있는 일을 제한합니다."),
    "ConfigMap": (
        "컨피그맵", "concepts/configuration/configmap/",
        "Non-secret configuration as key-value pairs.",
        "비밀이 아닌 설정을 키-값 쌍으로 담습니다.",
        "Pods read its keys as environment variables (at start) or as files (kept up to date).",
        "파드는 키를 환경 변수(시작할 때)나 파일(최신으로 유지)로 읽습니다.",
        "It keeps configuration out of images, so one image runs in every environment.",
        "설정을 이미지 밖에 두어 이미지 하나를 모든 환경에서 쓸 수 있게 합니다."),
    "Secret": (
        "시크릿", "concepts/configuration/secret/",
        "Sensitive data (passwords, tokens, certificates) as key-value pairs, base64-encoded.",
        "민감한 데이터(비밀번호, 토큰, 인증서)를 base64로 인코딩한 키-값 쌍입니다.",
        "Pods read it as environment variables or files; Ingresses read TLS certificates from it; "
        "kubelets read image pull credentials from it.",
        "파드는 환경 변수나 파일로 읽고, 인그레스는 TLS 인증서를, kubelet은 이미지를 받을 자격 증명을 "
        "읽습니다.",
        "base64 is not encryption: anyone who can read the Secret can read the value.",
        "base64는 암호화가 아닙니다. 시크릿을 읽을 수 있으면 누구나 값을 읽을 수 있습니다."),
    "Service": (
        "서비스", "concepts/services-networking/service/",
        "A stable name and virtual IP in front of the pods its selector matches.",
        "셀렉터와 일치하는 파드 앞에 놓인 변하지 않는 이름과 가상 IP다.",
        "Its ready matching pods become endpoints; kube-proxy spreads connections to the Service "
        "port over them, on each pod's targetPort.",
        "일치하고 준비된 파드가 엔드포인트가 되고, kube-proxy가 서비스 포트로 온 연결을 각 파드의 "
        "targetPort로 나눠 보냅니다.",
        "Clients keep working while pods are replaced; a selector typo silently sends traffic "
        "nowhere.",
        "파드가 교체되어도 클라이언트가 계속 동작합니다. 셀렉터에 오타가 있으면 트래픽이 조용히 사라집니다."),
    "Pod": (
        "파드", "concepts/workloads/pods/",
        "One or more containers that run together on one node, sharing an IP and volumes.",
        "한 노드에서 함께 실행되며 IP와 볼륨을 나눠 쓰는 하나 이상의 컨테이너입니다.",
        "The scheduler picks a node; the kubelet there starts the containers and restarts them "
        "per restartPolicy.",
        "스케줄러가 노드를 고르고, 그 노드의 kubelet이 컨테이너를 시작하며 restartPolicy에 따라 다시 "
        "시작합니다.",
        "A bare pod is not replaced when its node fails; controllers (Deployments...) are.",
        "단독 파드는 노드가 실패하면 다시 만들어지지 않습니다. 컨트롤러(디플로이먼트 등)가 만든 파드는 "
        "다시 만들어집니다."),
    "Deployment": (
        "디플로이먼트", "concepts/workloads/controllers/deployment/",
        "Runs a number of identical, interchangeable pods and updates them declaratively.",
        "서로 바꿔 쓸 수 있는 같은 파드 여러 개를 실행하고 선언적으로 업데이트합니다.",
        "It creates a ReplicaSet per pod-template version and rolls pods from old to new within "
        "maxSurge and maxUnavailable.",
        "파드 템플릿 버전마다 레플리카셋을 만들고, maxSurge와 maxUnavailable 안에서 파드를 옛 것에서 새 "
        "것으로 옮깁니다.",
        "It gives zero-downtime updates and rollbacks for stateless apps.",
        "상태 없는 앱에 중단 없는 업데이트와 롤백을 제공합니다."),
    "ReplicaSet": (
        "레플리카셋", "concepts/workloads/controllers/replicaset/",
        "Keeps a given number of pods matching its selector running.",
        "셀렉터와 일치하는 파드를 정해진 개수만큼 계속 실행합니다.",
        "It creates pods from its template when there are too few and deletes some when there "
        "are too many.",
        "파드가 모자라면 템플릿으로 만들고 많으면 지웁니다.",
        "Deployments manage ReplicaSets for you; write a Deployment instead.",
        "디플로이먼트가 레플리카셋을 대신 관리하므로 보통은 디플로이먼트를 씁니다."),
    "StatefulSet": (
        "스테이트풀셋", "concepts/workloads/controllers/statefulset/",
        "Runs pods with a stable identity: ordinal names, DNS names and storage per replica.",
        "고정된 정체성(순번 이름, DNS 이름, 레플리카별 저장소)을 가진 파드를 실행합니다.",
        "Pods <name>-0..N-1 are created in order (or in parallel) and each gets its own claims "
        "from volumeClaimTemplates.",
        "<이름>-0..N-1 파드를 순서대로(또는 한꺼번에) 만들고, 각 파드가 volumeClaimTemplates로 자기 "
        "클레임을 받습니다.",
        "Databases and clustered apps need to find the same peer and data after a restart.",
        "데이터베이스와 클러스터형 앱은 다시 시작한 뒤에도 같은 동료와 데이터를 찾아야 합니다."),
    "DaemonSet": (
        "데몬셋", "concepts/workloads/controllers/daemonset/",
        "Runs one pod on every (matching) node.",
        "(조건에 맞는) 모든 노드에 파드를 하나씩 실행합니다.",
        "When a node joins, a pod is added to it; when it leaves, the pod goes too.",
        "노드가 추가되면 파드가 추가되고, 노드가 빠지면 파드도 사라집니다.",
        "Node-level agents (logs, monitoring, networking) run this way.",
        "로그, 모니터링, 네트워크 같은 노드 단위 에이전트가 이렇게 실행됩니다."),
    "Job": (
        "잡", "concepts/workloads/controllers/job/",
        "Runs pods until a number of them complete successfully.",
        "정해진 개수의 파드가 성공적으로 끝날 때까지 파드를 실행합니다.",
        "It runs up to parallelism pods at a time until completions succeed, retrying failures "
        "up to backoffLimit.",
        "completions만큼 성공할 때까지 한 번에 parallelism개까지 실행하고, 실패는 backoffLimit까지 "
        "다시 시도합니다.",
        "Batch work gets retried and finishes, instead of running forever.",
        "일괄 작업이 계속 실행되지 않고 재시도를 거쳐 끝납니다."),
    "CronJob": (
        "크론잡", "concepts/workloads/controllers/cron-jobs/",
        "Creates a Job on a repeating schedule.",
        "반복 일정에 따라 잡을 만듭니다.",
        "Each time the schedule fires (in spec.timeZone) it creates a Job; concurrencyPolicy "
        "decides about overlapping runs.",
        "일정이 될 때마다(spec.timeZone 기준) 잡을 만들고, concurrencyPolicy가 겹치는 실행을 정합니다.",
        "Backups, reports and cleanups run without anyone starting them.",
        "백업, 보고서, 정리 작업이 누가 시작하지 않아도 실행됩니다."),
    "ReplicationController": (
        "레플리케이션 컨트롤러", "concepts/workloads/controllers/replicationcontroller/",
        "The predecessor of ReplicaSet: keeps a number of pods running.",
        "레플리카셋의 전신으로, 정해진 수의 파드를 계속 실행합니다.",
        "It replaces missing pods matching its equality-only selector.",
        "등호만 쓰는 셀렉터와 일치하는 파드가 없어지면 다시 만듭니다.",
        "Use a Deployment instead for new applications.",
        "새 애플리케이션에는 디플로이먼트를 씁니다."),
    "Ingress": (
        "인그레스", "concepts/services-networking/ingress/",
        "HTTP(S) routing rules from host names and paths to Services.",
        "호스트 이름과 경로에서 서비스로 가는 HTTP(S) 라우팅 규칙입니다.",
        "An Ingress controller matches each request's host and path against the rules and "
        "forwards it to the backend Service; TLS is terminated with the named Secret.",
        "인그레스 컨트롤러가 요청의 호스트와 경로를 규칙과 맞춰 백엔드 서비스로 전달하고, 지정한 "
        "시크릿으로 TLS를 종료합니다.",
        "One entry point serves many Services; without a controller nothing happens.",
        "입구 하나로 여러 서비스를 제공합니다. 컨트롤러가 없으면 아무 일도 일어나지 않습니다."),
    "HorizontalPodAutoscaler": (
        "HorizontalPodAutoscaler", "concepts/workloads/autoscaling/horizontal-pod-autoscale/",
        "Scales a workload's replicas from metrics such as CPU usage.",
        "CPU 사용량 같은 지표로 워크로드의 레플리카 수를 조정합니다.",
        "It periodically compares the metric with its target and sets the target's replicas "
        "between minReplicas and maxReplicas.",
        "주기적으로 지표를 목표와 비교해 대상의 레플리카 수를 minReplicas와 maxReplicas 사이로 정합니다.",
        "Capacity follows load; a replicas field in the workload fights it on every apply.",
        "용량이 부하를 따라갑니다. 워크로드의 replicas 필드는 적용할 때마다 이와 충돌합니다."),
    "PodDisruptionBudget": (
        "PodDisruptionBudget", "concepts/workloads/pods/disruptions/",
        "Limits how many of the selected pods voluntary disruptions may take down at once.",
        "자발적 중단이 선택된 파드를 한 번에 몇 개까지 내릴 수 있는지 제한합니다.",
        "Node drains and cluster upgrades evict pods only while minAvailable / maxUnavailable "
        "still hold.",
        "노드 드레인과 클러스터 업그레이드는 minAvailable / maxUnavailable이 지켜지는 동안에만 파드를 "
        "축출합니다.",
        "It keeps an app available during maintenance.",
        "유지 보수 중에도 앱을 사용할 수 있게 합니다."),
    "NetworkPolicy": (
        "네트워크폴리시", "concepts/services-networking/network-policies/",
        "An allow list of connections for the pods its podSelector matches.",
        "podSelector와 일치하는 파드에 대한 연결 허용 목록입니다.",
        "Once a policy selects a pod, only traffic some rule allows reaches it (Ingress) or "
        "leaves it (Egress); the network plugin enforces this.",
        "정책이 파드를 선택하면 어떤 규칙이 허용한 트래픽만 그 파드로 들어가거나(Ingress) 나갑니다"
        "(Egress). 네트워크 플러그인이 이를 강제합니다.",
        "It limits what an attacker can reach from one compromised pod.",
        "침해된 파드 하나에서 공격자가 닿을 수 있는 범위를 제한합니다."),
}

_SEVERITY_WHY = {
    Severity.ERROR: ("kubectl apply rejects the object, so nothing of it reaches the cluster.",
                     "kubectl apply가 오브젝트를 거부하므로 그 내용이 클러스터에 전혀 반영되지 않습니다."),
    Severity.WARNING: ("The cluster accepts it, but it breaks or misbehaves at run time.",
                       "클러스터는 받아들이지만 실행 중에 고장 나거나 잘못 동작합니다."),
    Severity.INFO: ("Nothing fails; it is advice worth a look.",
                    "실패하는 것은 없습니다. 살펴볼 만한 조언입니다."),
}


def known_kinds() -> tuple[str, ...]:
    return tuple(KINDS)


def explain_kind(kind: str) -> Explanation | None:
    """The explanation of a kind the core knows in depth; None for other kinds."""
    entry = _KINDS.get(kind)
    if entry is None:
        return None
    ko, url, what, what_ko, runtime, runtime_ko, why, why_ko = entry
    return Explanation(f"kind:{kind}", kind, f"{ko}({kind})" if ko != kind else kind, what,
                       what_ko, runtime, runtime_ko, why, why_ko, DOCS + url)


def explain_edge(edge_type: str) -> Explanation:
    """The explanation of a wiring-graph edge type (KeyError for unknown types)."""
    title, title_ko, url, what, what_ko, runtime, runtime_ko, why, why_ko = EDGES[edge_type]
    return Explanation(f"edge:{edge_type}", title, title_ko, what, what_ko, runtime, runtime_ko,
                       why, why_ko, DOCS + url)


def _family(rule_id: str) -> tuple[str, str, str, str]:
    best = max((f for f in FAMILIES if rule_id.startswith(f[0])), key=lambda f: len(f[0]),
               default=None)
    if best is None:
        raise KeyError(f"no explanation family for rule {rule_id}")
    return best


def explain_rule(rule_id: str) -> Explanation:
    """The explanation of a validator rule (KeyError for an unknown rule id)."""
    declared = DECLARED_BY_ID.get(rule_id)
    if declared is not None:  # a rule whose module declares its explanation itself
        return _declared(declared)
    rule = next((r for r in RULES if r.id == rule_id), None)
    if rule is None or rule_id not in RULE_KO:
        raise KeyError(f"no explanation for rule {rule_id}")
    prefix, url, runtime, runtime_ko = _family(rule_id)
    severity, severity_ko = _SEVERITY_WHY[rule.severity]
    effect, effect_ko = FAMILY_WHY[prefix]
    return Explanation(f"rule:{rule_id}", rule_id, rule_id, rule.summary, RULE_KO[rule_id],
                       runtime, runtime_ko, f"{severity} {effect}", f"{severity_ko} {effect_ko}",
                       url)


_PROFILE_WHY = {
    HARDENING: ("A hardening rule: the cluster accepts the object, and it runs, but it is less "
                "secure or less reliable than it could be.",
                "하드닝 규칙입니다. 클러스터는 오브젝트를 받아들이고 실행도 되지만, 더 안전하거나 더 안정적일 "
                "수 있습니다."),
    CPU_LIMITS: ("An opt-in rule of the cpu-limits profile: advice some teams want.",
                 "cpu-limits 프로파일의 선택 규칙입니다. 일부 팀이 원하는 조언입니다."),
}


def _declared(declared: Declared) -> Explanation:
    if declared.profile in _PROFILE_WHY:
        why, why_ko = _PROFILE_WHY[declared.profile]
    else:
        why, why_ko = _SEVERITY_WHY[declared.severity]
    return Explanation(f"rule:{declared.id}", declared.id, declared.id, declared.summary,
                       declared.summary_ko, declared.why, declared.why_ko, why, why_ko,
                       declared.url)


def explain_finding(finding: Finding) -> Explanation:
    """A finding's rule explained, its own message leading the "what" (English only: findings'
    messages are produced in English by the validator)."""
    base = explain_rule(finding.rule)
    return Explanation(base.key, base.title, base.title_ko, f"{finding.message} ({base.what})",
                       base.what_ko, base.runtime, base.runtime_ko, base.why, base.why_ko,
                       base.url)


def explain_node(graph: WiringGraph, node: str) -> Explanation | None:
    """The explanation for whatever a canvas node stands for: a resource of a known kind, a
    missing reference or an object a controller will create."""
    data = graph.node_data(node)
    if data.get("missing") or data.get("generated"):
        return explain_kind(str(data.get("kind") or ""))
    res = graph.document.find(node)
    return explain_kind(res.kind) if res is not None else None
