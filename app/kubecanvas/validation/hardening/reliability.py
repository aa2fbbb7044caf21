"""Reliability hygiene (hardening profile): requests and limits, probes, replicas, disruption
budgets, spreading, and clean-up of finished Jobs.

Probes are asked of long-running containers only: not of Jobs, CronJobs, one-off Pods or init
containers, which are meant to finish. Requests are asked of regular containers (an init
container's request only matters while it runs, before the app starts). The CPU limit is an
opt-in rule of its own profile (`cpu-limits`): a CPU limit throttles a container even when the
node is idle, and many teams deliberately set none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kubecanvas.model.fields import FieldPath, as_list, as_mapping
from kubecanvas.model.kinds import replicas
from kubecanvas.model.korean import eul_reul, i_ga
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Ask, Finding, Fix
from kubecanvas.validation.hardening.declare import (
    DOCS,
    INFO,
    Declared,
    PodView,
    W,
    container_label,
    is_long_running,
    pod_views,
)
from kubecanvas.validation.profiles import CPU_LIMITS
from kubecanvas.validation.rule import RuleId

if TYPE_CHECKING:
    from kubecanvas.model.edits import SetField

# --- the rule ids this module reports ------------------------------------------------------------
RELIABILITY_REQUESTS_CPU = RuleId("reliability.requests.cpu")
RELIABILITY_REQUESTS_MEMORY = RuleId("reliability.requests.memory")
RELIABILITY_LIMITS_MEMORY = RuleId("reliability.limits.memory")
RELIABILITY_LIMITS_CPU = RuleId("reliability.limits.cpu")
RELIABILITY_REQUESTS_EPHEMERAL_STORAGE = RuleId("reliability.requests.ephemeralStorage")
RELIABILITY_PROBE_LIVENESS = RuleId("reliability.probe.liveness")
RELIABILITY_PROBE_READINESS = RuleId("reliability.probe.readiness")
RELIABILITY_PROBE_LIVENESS_BEFORE_READINESS = RuleId("reliability.probe.livenessBeforeReadiness")
RELIABILITY_REPLICAS = RuleId("reliability.replicas")
RELIABILITY_PDB_MISSING = RuleId("reliability.pdb.missing")
RELIABILITY_SPREAD_MISSING = RuleId("reliability.spread.missing")
RELIABILITY_HPA_MIN_REPLICAS = RuleId("reliability.hpa.minReplicas")
RELIABILITY_JOB_TTL = RuleId("reliability.job.ttl")
RELIABILITY_CRONJOB_STARTING_DEADLINE = RuleId("reliability.cronjob.startingDeadline")

RESOURCES_URL = DOCS + "concepts/configuration/manage-resources-containers/"
PROBES_URL = DOCS + "tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
#: The value offered when asking for a request or limit (the user types their own).
SUGGESTED = {"cpu": "100m", "memory": "128Mi", "ephemeral-storage": "1Gi"}


def ask_field(res: Resource, path: FieldPath, prompt: Text, suggestion: str,
              description: Text, convert: Any = str) -> Fix:
    """A fix that sets one field to a value the user gives (suggestion offered)."""
    rid, target = res.id, tuple(path)

    def make(value: str) -> SetField:
        from kubecanvas.model.edits import SetField  # when the fix is applied (see `fixes`)

        return SetField(rid, target, convert(value), description)

    hint = Text(f"{description.en} (a value you choose, for example {suggestion})",
                f"{description.ko} (값은 직접 정합니다. 예: {suggestion})")
    return Fix(hint, lambda: make(suggestion), Ask(prompt, suggestion, make))


def _regular(view: PodView) -> Iterator[tuple[Mapping[str, Any], FieldPath, str]]:
    """Regular containers, and init containers that run beside them (sidecars)."""
    for c, path, section in view.containers():
        if section == "containers" or (section == "initContainers" and
                                       c.get("restartPolicy") == "Always"):
            yield c, path, section


def resources(ctx: Context) -> Iterator[Finding]:
    """`reliability.requests.*` and `reliability.limits.*`."""
    wanted = (("requests", "cpu", RELIABILITY_REQUESTS_CPU),
              ("requests", "memory", RELIABILITY_REQUESTS_MEMORY),
              ("limits", "memory", RELIABILITY_LIMITS_MEMORY),
              ("limits", "cpu", RELIABILITY_LIMITS_CPU),
              ("requests", "ephemeral-storage", RELIABILITY_REQUESTS_EPHEMERAL_STORAGE))
    why = {RELIABILITY_REQUESTS_CPU: Text(
        "the scheduler counts it as needing nothing, so nodes get overcommitted and the "
        "container is the first to starve", "스케줄러가 필요량을 0으로 보아 노드에 리소스가 초과 할당되고 "
        "이 컨테이너가 가장 먼저 굶습니다"),
        RELIABILITY_REQUESTS_MEMORY: Text(
            "the scheduler counts it as needing nothing, and under memory pressure its pod is "
            "evicted first", "스케줄러가 필요량을 0으로 보고, 메모리가 부족하면 이 파드가 가장 먼저 "
            "축출됩니다"),
        RELIABILITY_LIMITS_MEMORY: Text(
            "a leak can take the node's memory until the kernel kills other pods",
            "메모리 누수가 노드의 메모리를 차지해 커널이 다른 파드를 죽이게 됩니다"),
        RELIABILITY_LIMITS_CPU: Text(
            "it may use every idle CPU of the node (you asked for this opt-in rule)",
            "노드의 유휴 CPU를 모두 쓸 수 있습니다(직접 켠 선택 규칙입니다)"),
        RELIABILITY_REQUESTS_EPHEMERAL_STORAGE: Text(
            "its logs and scratch files are not counted, and a full disk evicts pods at random",
            "로그와 임시 파일이 계산되지 않아 디스크가 차면 파드가 무작위로 축출됩니다")}
    for view in pod_views(ctx):
        for c, path, section in _regular(view):
            res_spec = as_mapping(c.get("resources"))
            who = container_label(c, section)
            for group, name, rule in wanted:
                if name in as_mapping(res_spec.get(group)):
                    continue
                if group == "requests" and name in as_mapping(res_spec.get("limits")):
                    continue  # the request defaults to the limit
                where = (*path, "resources", group, name)
                field = f"resources.{group}.{name}"
                yield ctx.report(rule, view.res, Text(
                    f"{who} sets no {field}: {why[rule].en}.",
                    f"{who.ko}: {field} 값이 없습니다. {why[rule].ko}."), where,
                    fix=ask_field(view.res, where, Text(
                        f"{name} {group[:-1]} for {who.en}", f"{who.ko}의 {name} {group[:-1]}"),
                        SUGGESTED[name], Text(f"set {field} of {who.en}",
                                              f"{who.ko}의 {field} 값을 설정합니다")))


def _give_up(probe: Mapping[str, Any]) -> int | None:
    """Seconds after start at which a probe that keeps failing acts (None: not numbers)."""
    try:
        delay = int(probe.get("initialDelaySeconds", 0))
        period = int(probe.get("periodSeconds", 10))
        failures = int(probe.get("failureThreshold", 3))
    except (TypeError, ValueError):
        return None
    return delay + period * failures


def _port_suggestion(c: Mapping[str, Any]) -> str | None:
    for port in as_list(c.get("ports")):
        port = as_mapping(port)
        if port.get("name"):
            return str(port["name"])
        if port.get("containerPort") is not None:
            return str(port["containerPort"])
    return None


def _port_value(value: str) -> int | str:
    return int(value) if value.strip().isdigit() else value.strip()


def probes(ctx: Context) -> Iterator[Finding]:
    """`reliability.probe.*` on long-running containers."""
    for view in pod_views(ctx):
        if not is_long_running(view.res, view.spec):
            continue
        for c, path, section in view.containers(init=False):
            who = container_label(c, section)
            port = _port_suggestion(c)
            for key, rule, why in (
                    ("livenessProbe", RELIABILITY_PROBE_LIVENESS, Text(
                        "a hung process keeps its pod Running and is never restarted",
                        "멈춘 프로세스가 있어도 파드가 Running으로 남고 재시작되지 않습니다")),
                    ("readinessProbe", RELIABILITY_PROBE_READINESS, Text(
                        "Services send traffic to it before it is ready and while it is "
                        "overloaded", "준비되기 전에도, 과부하 중에도 서비스가 트래픽을 보냅니다"))):
                if isinstance(c.get(key), Mapping):
                    continue
                fix = None
                if port is not None:
                    where = (*path, key, "tcpSocket", "port")
                    fix = ask_field(view.res, where, Text(
                        f"port the {key} of {who.en} checks (TCP)",
                        f"{who.ko}의 {key}{i_ga(key)} 확인할 포트(TCP)"), port, Text(
                        f"add a TCP {key} on port {port} to {who.en}",
                        f"{who.ko}에 {port} 포트를 확인하는 TCP {key}{eul_reul(key)} 추가합니다"), _port_value)
                yield ctx.report(rule, view.res, Text(
                    f"{who} has no {key}: {why.en}.", f"{who.ko}: {key}{i_ga(key)} 없습니다. {why.ko}."),
                    (*path, key), fix=fix)
            yield from _probe_order(ctx, view.res, c, path, section)


def _probe_order(ctx: Context, res: Resource, c: Mapping[str, Any], path: FieldPath,
                 section: str) -> Iterator[Finding]:
    live, ready = c.get("livenessProbe"), c.get("readinessProbe")
    if not (isinstance(live, Mapping) and isinstance(ready, Mapping)):
        return
    live_at, ready_at = _give_up(live), _give_up(ready)
    if live_at is None or ready_at is None or live_at >= ready_at:
        return
    who = container_label(c, section)
    yield ctx.report(RELIABILITY_PROBE_LIVENESS_BEFORE_READINESS, res, Text(
        f"{who}'s liveness probe restarts it after {live_at}s of failures, before the "
        f"readiness probe takes it out of the Service ({ready_at}s): a slow moment becomes a "
        "restart instead of a pause in traffic. Give the liveness probe a larger "
        "failureThreshold or periodSeconds.",
        f"{who.ko}: 실패가 {live_at}초 이어지면 liveness 프로브가 재시작하는데, 이는 readiness "
        f"프로브가 서비스에서 빼는 시점({ready_at}초)보다 빠릅니다. 잠깐 느려도 트래픽이 멈추는 대신 "
        "재시작됩니다. liveness 프로브의 failureThreshold나 periodSeconds를 늘립니다."),
        (*path, "livenessProbe"))


def _scalers(ctx: Context, res: Resource) -> list[Resource]:
    return [h for h in (ctx.resource(e.source) for e in ctx.in_edges(res.id, EdgeType.SCALES))
            if h is not None]


def _replicated(ctx: Context, res: Resource) -> bool:
    if any(_int(h.spec.get("maxReplicas"), 0) >= 2 for h in _scalers(ctx, res)):
        return True
    return replicas(res) >= 2


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def replication(ctx: Context) -> Iterator[Finding]:
    """`reliability.replicas`, `reliability.pdb.missing`, `reliability.spread.missing`."""
    for res in ctx.targets("Deployment", "StatefulSet"):
        if not _scalers(ctx, res) and replicas(res) < 2:
            yield ctx.report(RELIABILITY_REPLICAS, res, Text(
                f"{res.kind} runs {replicas(res)} pod: a node drain, an eviction or a rollout "
                "leaves it with none for a while.",
                f"파드가 {replicas(res)}개뿐입니다. 노드 드레인, 축출, 롤아웃 때 잠시 파드가 하나도 없게 "
                "됩니다."), ("spec", "replicas"), fix=Fix(Text(
                    "set spec.replicas to 2", "spec.replicas 필드를 2 값으로 설정합니다"),
                    _set(res, ("spec", "replicas"), 2)))
        if not _replicated(ctx, res):
            continue
        budgets = [e for e in ctx.in_edges(res.id, EdgeType.SELECTS)
                   if (ctx.resource(e.source) or res).kind == "PodDisruptionBudget"]
        if not budgets:
            yield ctx.report(RELIABILITY_PDB_MISSING, res, Text(
                "no PodDisruptionBudget selects these pods: a node drain may evict all replicas "
                "at once. Add one with maxUnavailable: 1.",
                "이 파드를 선택하는 파드 중단 버짓이 없습니다. 노드를 드레인하면 레플리카가 한꺼번에 "
                "축출될 수 있습니다. maxUnavailable: 1인 버짓을 추가합니다."))
        spec = as_mapping(as_mapping(as_mapping(res.spec.get("template")).get("spec")))
        if not as_mapping(spec.get("affinity")).get("podAntiAffinity") and \
                not as_list(spec.get("topologySpreadConstraints")):
            yield ctx.report(RELIABILITY_SPREAD_MISSING, res, Text(
                "no pod anti-affinity or topologySpreadConstraints: the scheduler may put every "
                "replica on one node or zone, and losing it loses them all.",
                "파드 안티어피니티도 topologySpreadConstraints도 없습니다. 스케줄러가 모든 레플리카를 한 "
                "노드나 영역에 둘 수 있어 그곳을 잃으면 모두 잃습니다."),
                ("spec", "template", "spec", "topologySpreadConstraints"))


def _set(res: Resource, path: FieldPath, value: Any) -> Any:
    rid = res.id

    def make() -> SetField:
        from kubecanvas.model.edits import SetField  # when the fix is applied (see `fixes`)

        return SetField(rid, path, value)

    return make


def scaling(ctx: Context) -> Iterator[Finding]:
    """`reliability.hpa.minReplicas`."""
    for hpa in ctx.targets("HorizontalPodAutoscaler"):
        low = _int(hpa.spec.get("minReplicas"), 1)
        if low < 2 and _int(hpa.spec.get("maxReplicas"), 0) >= 2:
            yield ctx.report(RELIABILITY_HPA_MIN_REPLICAS, hpa, Text(
                f"minReplicas is {low}: when load is low the autoscaler leaves a single pod, and "
                "one disruption takes the workload down.",
                f"minReplicas가 {low}입니다. 부하가 낮으면 오토스케일러가 파드를 하나만 남겨 한 번의 "
                "중단으로 워크로드가 멈춥니다."), ("spec", "minReplicas"), fix=Fix(Text(
                    "set spec.minReplicas to 2", "spec.minReplicas 필드를 2 값으로 설정합니다"),
                    _set(hpa, ("spec", "minReplicas"), 2)))


def batch(ctx: Context) -> Iterator[Finding]:
    """`reliability.job.ttl`, `reliability.cronjob.startingDeadline`."""
    for res in ctx.targets("Job"):
        if res.spec.get("ttlSecondsAfterFinished") is None:
            yield ctx.report(RELIABILITY_JOB_TTL, res, Text(
                "no ttlSecondsAfterFinished: the finished Job and its pods stay in the cluster "
                "until someone deletes them.",
                "ttlSecondsAfterFinished가 없습니다. 끝난 잡과 그 파드가 누가 지울 때까지 클러스터에 "
                "남습니다."), ("spec", "ttlSecondsAfterFinished"))
    for res in ctx.targets("CronJob"):
        if res.spec.get("startingDeadlineSeconds") is None:
            yield ctx.report(RELIABILITY_CRONJOB_STARTING_DEADLINE, res, Text(
                "no startingDeadlineSeconds: after the controller was down for 100 missed "
                "schedules, the CronJob stops starting Jobs altogether.",
                "startingDeadlineSeconds가 없습니다. 컨트롤러가 멈춘 사이 일정을 100번 놓치면 크론잡이 잡을 "
                "아예 시작하지 않습니다."), ("spec", "startingDeadlineSeconds"))


def _r(rule: RuleId, severity: Any, summary: str, summary_ko: str, why: str, why_ko: str,
       url: str, function: Any, profile: str | None = None) -> Declared:
    if profile is None:
        return Declared(rule, severity, summary, summary_ko, why, why_ko, url, function)
    return Declared(rule, severity, summary, summary_ko, why, why_ko, url, function, profile)


_WL = DOCS + "concepts/workloads/"
DECLARED: tuple[Declared, ...] = (
    _r(RELIABILITY_REQUESTS_CPU, W, "A container sets no CPU request.",
       "컨테이너에 CPU 요청량이 없습니다.",
       "The scheduler places pods by their requests; without one the node is overcommitted.",
       "스케줄러는 요청량으로 파드를 배치합니다. 요청량이 없으면 노드가 과다 할당됩니다.",
       RESOURCES_URL, resources),
    _r(RELIABILITY_REQUESTS_MEMORY, W, "A container sets no memory request.",
       "컨테이너에 메모리 요청량이 없습니다.",
       "Pods without a memory request are evicted first when the node runs short.",
       "메모리 요청량이 없는 파드는 노드 메모리가 모자랄 때 가장 먼저 축출됩니다.",
       RESOURCES_URL, resources),
    _r(RELIABILITY_LIMITS_MEMORY, W, "A container sets no memory limit.",
       "컨테이너에 메모리 상한이 없습니다.",
       "Without a memory limit one leak can exhaust the node and take other pods with it.",
       "메모리 상한이 없으면 누수 하나가 노드를 고갈시켜 다른 파드까지 쓰러뜨립니다.",
       RESOURCES_URL, resources),
    _r(RELIABILITY_LIMITS_CPU, INFO, "A container sets no CPU limit (opt-in rule).",
       "컨테이너에 CPU 상한이 없습니다(선택 규칙).",
       "Only for teams that want every container capped; a CPU limit throttles even on an "
       "idle node, which is why this rule is off unless the cpu-limits profile is on.",
       "모든 컨테이너에 상한을 두려는 팀을 위한 규칙입니다. CPU 상한은 노드가 놀고 있어도 속도를 "
       "제한하므로 cpu-limits 프로파일을 켤 때만 동작합니다.",
       RESOURCES_URL, resources, CPU_LIMITS),
    _r(RELIABILITY_REQUESTS_EPHEMERAL_STORAGE, INFO,
       "A container sets no ephemeral-storage request.",
       "컨테이너에 ephemeral-storage 요청량이 없습니다.",
       "Logs and scratch files use node disk; a full disk evicts pods.",
       "로그와 임시 파일은 노드 디스크를 씁니다. 디스크가 차면 파드가 축출됩니다.",
       RESOURCES_URL + "#local-ephemeral-storage", resources),
    _r(RELIABILITY_PROBE_LIVENESS, W, "A long-running container has no liveness probe.",
       "오래 실행되는 컨테이너에 liveness 프로브가 없습니다.",
       "The kubelet restarts a container only when its liveness probe fails; a hung process "
       "otherwise stays up forever.",
       "kubelet은 liveness 프로브가 실패할 때만 컨테이너를 재시작합니다. 없으면 멈춘 프로세스가 계속 "
       "남습니다.", PROBES_URL, probes),
    _r(RELIABILITY_PROBE_READINESS, W, "A long-running container has no readiness probe.",
       "오래 실행되는 컨테이너에 readiness 프로브가 없습니다.",
       "Services route only to ready pods; without a probe a pod is ready as soon as it "
       "starts.", "서비스는 준비된 파드로만 보냅니다. 프로브가 없으면 시작하자마자 준비된 것으로 봅니다.",
       PROBES_URL, probes),
    _r(RELIABILITY_PROBE_LIVENESS_BEFORE_READINESS, W,
       "The liveness probe gives up before the readiness probe would.",
       "liveness 프로브가 readiness 프로브보다 먼저 포기합니다.",
       "A container that is merely slow is restarted instead of being taken out of traffic, "
       "which turns load into restarts.",
       "느릴 뿐인 컨테이너가 트래픽에서 빠지는 대신 재시작되어 부하가 재시작으로 바뀝니다.",
       PROBES_URL, probes),
    _r(RELIABILITY_REPLICAS, W, "A Deployment or StatefulSet runs fewer than 2 replicas.",
       "디플로이먼트나 스테이트풀셋의 레플리카가 2개보다 적습니다.",
       "A single replica means downtime on every node drain, eviction and many rollouts.",
       "레플리카가 하나면 노드 드레인, 축출, 여러 롤아웃 때마다 중단됩니다.",
       _WL + "controllers/deployment/", replication),
    _r(RELIABILITY_PDB_MISSING, W, "A replicated workload has no PodDisruptionBudget.",
       "레플리카가 여럿인 워크로드에 파드 중단 버짓이 없습니다.",
       "Voluntary disruptions (drains, upgrades) respect budgets; without one they may evict "
       "every replica together.",
       "드레인, 업그레이드 같은 자발적 중단은 버짓을 지킵니다. 버짓이 없으면 모든 레플리카를 함께 "
       "축출할 수 있습니다.", _WL + "pods/disruptions/", replication),
    _r(RELIABILITY_SPREAD_MISSING, INFO,
       "A replicated workload has no pod anti-affinity or topology spread.",
       "레플리카가 여럿인 워크로드에 파드 안티어피니티나 토폴로지 분배가 없습니다.",
       "Replicas on one node or zone fail together.",
       "한 노드나 영역에 모인 레플리카는 함께 실패합니다.",
       DOCS + "concepts/scheduling-eviction/topology-spread-constraints/", replication),
    _r(RELIABILITY_HPA_MIN_REPLICAS, W, "An HPA's minReplicas is below 2.",
       "HPA의 minReplicas가 2보다 작습니다.",
       "At low load the autoscaler scales down to one pod, a single point of failure.",
       "부하가 낮으면 오토스케일러가 파드를 하나로 줄여 단일 장애점이 됩니다.",
       DOCS + "tasks/run-application/horizontal-pod-autoscale/", scaling),
    _r(RELIABILITY_JOB_TTL, INFO, "A Job without ttlSecondsAfterFinished.",
       "잡에 ttlSecondsAfterFinished가 없습니다.",
       "Finished Jobs and their pods pile up in the cluster until deleted by hand.",
       "끝난 잡과 파드가 손으로 지울 때까지 클러스터에 쌓입니다.",
       _WL + "controllers/ttlafterfinished/", batch),
    _r(RELIABILITY_CRONJOB_STARTING_DEADLINE, INFO,
       "A CronJob without startingDeadlineSeconds.",
       "크론잡에 startingDeadlineSeconds가 없습니다.",
       "After more than 100 missed schedules the controller stops starting the CronJob.",
       "일정을 100번 넘게 놓치면 컨트롤러가 크론잡을 더 이상 시작하지 않습니다.",
       _WL + "controllers/cron-jobs/#job-creation", batch),
)
