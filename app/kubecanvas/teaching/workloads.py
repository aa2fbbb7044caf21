"""What workload controllers do with a manifest: ReplicaSets, rollouts, ordered pods (Jobs: jobs.py).

The rollout follows the Deployment controller's arithmetic: `maxSurge` and `maxUnavailable`
(default 25% each) are resolved against `replicas`, a percentage of surge rounding up and one of
unavailability rounding down; if both come out 0, unavailability becomes 1 (as
`ResolveFenceposts` does). Each round the controller scales the new ReplicaSet up as far as the
surge allows, scales old pods down as far as the availability floor allows, then the new pods
become ready. Pods are assumed to start instantly and never fail, which is exactly what makes the
step-by-step table easy to read and to check by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_mapping
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace, replicas
from kubecanvas.model.references import EdgeType, statefulset_claim_names
from kubecanvas.teaching.cluster import (
    CLUSTER_DOMAIN,
    Highlight,
    SimCluster,
    SimPod,
    template_hash,
    workload_pod_names,
)
from kubecanvas.teaching.text import Text


@dataclass(frozen=True)
class RolloutStep:
    """The state after one step of a rollout.

    Attributes:
        number: 1-based step number.
        action: what the controller did, in words (a `Text`).
        old_ready: pods of the old ReplicaSet still running (all ready).
        new_ready: pods of the new ReplicaSet that are ready.
        new_starting: pods of the new ReplicaSet created but not ready yet.
    """

    number: int
    action: str
    old_ready: int
    new_ready: int
    new_starting: int = 0

    @property
    def total(self) -> int:
        return self.old_ready + self.new_ready + self.new_starting

    @property
    def available(self) -> int:
        return self.old_ready + self.new_ready


@dataclass(frozen=True)
class RolloutPlan:
    strategy: str  # 'RollingUpdate' or 'Recreate'
    replicas: int
    max_surge: int
    max_unavailable: int
    steps: tuple[RolloutStep, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeploymentSimulation:
    """A Deployment's ReplicaSet and pods now, and how a template change rolls out."""

    deployment: str
    replica_set: str
    pod_template_hash: str
    next_replica_set: str
    pods: tuple[SimPod, ...]
    rollout: RolloutPlan
    highlight: Highlight


def resolve_int_or_percent(value: object, total: int, round_up: bool, default: str) -> int:
    """maxSurge/maxUnavailable as a number of pods: '25%' of 10 is 3 rounding up, 2 down."""
    if value is None or isinstance(value, bool):
        value = default
    if isinstance(value, int):
        return max(value, 0)
    text = str(value).strip()
    if text.endswith("%") and text[:-1].isdigit():
        exact = total * int(text[:-1]) / 100
        return math.ceil(exact) if round_up else math.floor(exact)
    if text.isdigit():
        return int(text)
    return resolve_int_or_percent(default, total, round_up, default)


def rolling_update(total: int, max_surge: object = None,
                   max_unavailable: object = None) -> RolloutPlan:
    """The steps of a RollingUpdate from `total` old pods to `total` new ones."""
    surge = resolve_int_or_percent(max_surge, total, True, "25%")
    unavailable = resolve_int_or_percent(max_unavailable, total, False, "25%")
    written_surge = max_surge if max_surge is not None else "25%"
    written_unavailable = max_unavailable if max_unavailable is not None else "25%"
    notes = [Text(f"maxSurge {written_surge} of {total} = {surge} (rounded up): at most "
                  f"{total + surge} pods exist at once.",
                  f"maxSurge {written_surge} (파드 {total}개 기준) = {surge} (올림): 파드는 동시에 "
                  f"최대 {total + surge}개까지 존재합니다."),
             Text(f"maxUnavailable {written_unavailable} of {total} = {unavailable} (rounded "
                  f"down): at least {total - unavailable} pods stay available.",
                  f"maxUnavailable {written_unavailable} (파드 {total}개 기준) = {unavailable} "
                  f"(내림): 최소 {total - unavailable}개의 파드가 계속 사용 가능합니다.")]
    if surge == 0 and unavailable == 0:
        unavailable = 1
        notes.append(Text("Both resolve to 0, so the controller allows 1 unavailable pod to make "
                          "progress (the API server rejects both set to 0 explicitly).",
                          "둘 다 0이 되므로 컨트롤러는 진행을 위해 사용할 수 없는 파드 1개를 "
                          "허용합니다(둘 다 명시적으로 0이면 API 서버가 거부합니다)."))
    old, new_ready, starting = total, 0, 0
    steps: list[RolloutStep] = []
    while old > 0 or new_ready < total:
        add = max(0, min(total + surge - (old + new_ready + starting),
                         total - (new_ready + starting)))
        remove = max(0, min(old, old + new_ready - (total - unavailable)))
        starting, old = starting + add, old - remove
        if add or remove:
            steps.append(RolloutStep(len(steps) + 1, _scale_action(add, remove), old,
                                     new_ready, starting))
        if starting:
            new_ready, starting = new_ready + starting, 0
            steps.append(RolloutStep(len(steps) + 1, _READY, old, new_ready))
        elif not (add or remove):
            break  # cannot progress (total 0)
    return RolloutPlan("RollingUpdate", total, surge, unavailable, tuple(steps), tuple(notes))


_READY = Text("New pods become ready", "새 파드가 준비(Ready) 상태가 됩니다")


def _scale_action(add: int, remove: int) -> Text:
    """One round of a rollout in words: "Create 1 new pod(s) and delete 1 old pod(s)"."""
    parts = ([f"create {add} new pod(s)"] if add else []) + (
        [f"delete {remove} old pod(s)"] if remove else [])
    if add and remove:
        korean = f"새 파드 {add}개를 만들고 기존 파드 {remove}개를 삭제합니다"
    elif add:
        korean = f"새 파드 {add}개를 만듭니다"
    else:
        korean = f"기존 파드 {remove}개를 삭제합니다"
    return Text(" and ".join(parts).capitalize(), korean)


def recreate(total: int) -> RolloutPlan:
    """Recreate: every old pod is deleted before any new one starts (a short outage)."""
    steps = (RolloutStep(1, Text(f"Delete all {total} old pod(s); nothing serves meanwhile",
                                 f"기존 파드 {total}개를 모두 삭제합니다. 그동안에는 요청을 처리하는 "
                                 "파드가 없습니다"), 0, 0),
             RolloutStep(2, Text(f"Create {total} new pod(s)", f"새 파드 {total}개를 만듭니다"),
                         0, 0, total),
             RolloutStep(3, _READY, 0, total))
    return RolloutPlan("Recreate", total, 0, total, steps,
                       (Text("Recreate suits apps that cannot run two versions side by side; the "
                             "price is downtime between the two versions.",
                             "Recreate는 두 버전을 동시에 실행할 수 없는 앱에 맞습니다. 그 대가로 "
                             "두 버전 사이에 중단 시간이 생깁니다."),))


def history_note(limit: object) -> Text:
    """Old ReplicaSets are kept scaled to 0 for `kubectl rollout undo`, but only the newest
    `revisionHistoryLimit` of them (default 10); the Deployment controller deletes older ones
    (Deployment documentation, "Clean up Policy")."""
    if isinstance(limit, int) and not isinstance(limit, bool) and limit >= 0:
        kept, default = limit, ""
    else:
        kept, default = 10, " (the default)"
    if kept == 0:
        return Text("revisionHistoryLimit 0: each old ReplicaSet is deleted once scaled to 0, so "
                    "the Deployment cannot be rolled back.",
                    "revisionHistoryLimit이 0이므로 기존 레플리카셋은 0으로 줄어들면 바로 "
                    "삭제되어 롤백할 수 없습니다.")
    return Text(f"After the rollout the old ReplicaSet stays, scaled to 0, for a rollback; only "
                f"the newest {kept} old ReplicaSets are kept (revisionHistoryLimit {kept}"
                f"{default}), older ones are deleted.",
                f"롤아웃이 끝나도 기존 레플리카셋은 롤백을 위해 0개로 줄어든 채 남습니다. 다만 "
                f"가장 최근의 {kept}개만 남기고(revisionHistoryLimit {kept}"
                f"{'(기본값)' if default else ''}) 더 오래된 것은 삭제됩니다.")


def simulate_deployment(doc: Document, graph: WiringGraph, deployment_id: str,
                        cluster: SimCluster | None = None) -> DeploymentSimulation:
    """The ReplicaSet `<name>-<pod-template-hash>` and its pods, and the rollout plan."""
    res = doc.get(deployment_id)
    cluster = cluster or SimCluster(doc)
    strategy = as_mapping(res.spec.get("strategy"))
    total = replicas(res)
    if strategy.get("type") == "Recreate":
        plan = recreate(total)
    else:
        rolling = as_mapping(strategy.get("rollingUpdate"))
        plan = rolling_update(total, rolling.get("maxSurge"), rolling.get("maxUnavailable"))
    plan = replace(plan, notes=(*plan.notes, history_note(res.spec.get("revisionHistoryLimit"))))
    pod_hash = template_hash(res)
    selectors = [e for e in graph.in_edges(deployment_id, EdgeType.SELECTS)]
    highlight = Highlight((deployment_id, *(e.source for e in selectors)),
                          tuple((e.source, e.target, e.key) for e in selectors))
    return DeploymentSimulation(deployment_id, f"{res.name}-{pod_hash}", pod_hash,
                                f"{res.name}-{template_hash(res, '/next-revision')}",
                                tuple(cluster.pods_of(deployment_id)), plan, highlight)


# --- StatefulSet ------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatefulPod:
    name: str
    ordinal: int
    dns_name: str | None
    claims: tuple[str, ...]


@dataclass(frozen=True)
class StatefulSetSimulation:
    """A StatefulSet's pods with their stable identity, and the order they come and go in.

    Attributes:
        create_order: groups of pod names created together (one per group when OrderedReady,
            everything in one group when Parallel).
        delete_order: pod names in the order a scale-down to zero deletes them.
    """

    statefulset: str
    service: str | None
    headless: bool
    policy: str
    pods: tuple[StatefulPod, ...]
    create_order: tuple[tuple[str, ...], ...]
    delete_order: tuple[str, ...]
    notes: tuple[str, ...]
    highlight: Highlight


def simulate_statefulset(doc: Document, graph: WiringGraph,
                         statefulset_id: str) -> StatefulSetSimulation:
    """`web-0..N-1`, their DNS names under the governing Service, and their claims."""
    res = doc.get(statefulset_id)
    ns = effective_namespace(res)
    service_name = res.spec.get("serviceName")
    found = graph.lookup("Service", ns, str(service_name)) if service_name else []
    headless = bool(found) and doc.get(found[0]).spec.get("clusterIP") == "None"
    claims: dict[int, list[str]] = {}
    for _t, _tname, claim in statefulset_claim_names(res):
        index = int(claim.rsplit("-", 1)[1])
        claims.setdefault(index, []).append(claim)
    names = workload_pod_names(res)
    pods = []
    for i, (name, ordinal) in enumerate(names):
        assert ordinal is not None
        dns = f"{name}.{service_name}.{ns}.svc.{CLUSTER_DOMAIN}" if headless else None
        # the claim is named after the pod: <template>-<pod name>, whatever the first ordinal
        own = tuple(c.replace(f"-{res.name}-{i}", f"-{name}") for c in claims.get(i, ()))
        pods.append(StatefulPod(name, ordinal, dns, own))
    policy = str(res.spec.get("podManagementPolicy") or "OrderedReady")
    if policy == "Parallel":
        create: tuple[tuple[str, ...], ...] = (tuple(p.name for p in pods),) if pods else ()
    else:
        create = tuple((p.name,) for p in pods)
    notes = [_order_note(policy, pods)]
    if not headless:
        notes.append(Text(f"serviceName {service_name or '(unset)'} does not name a headless "
                          "Service in the diagram, so the pods get no DNS names of their own.",
                          f"serviceName {service_name or '(설정 안 됨)'}: 다이어그램의 헤드리스 "
                          "서비스(clusterIP: None)를 가리키지 않으므로, 파드가 자신만의 DNS 이름을 "
                          "받지 못합니다."))
    if claims:
        notes.append(Text("Deleting or scaling down the StatefulSet keeps the claims (and their "
                          "data) by default; a pod that comes back gets the same claim again.",
                          "스테이트풀셋을 삭제하거나 스케일 다운해도 기본적으로 퍼시스턴트볼륨 "
                          "클레임(과 그 데이터)은 남습니다. 다시 생긴 파드는 같은 클레임을 다시 "
                          "받습니다."))
    edges = [e for e in graph.out_edges(statefulset_id)
             if e.type in (EdgeType.GOVERNS, EdgeType.CREATES)]
    return StatefulSetSimulation(
        statefulset_id, found[0] if found else None, headless, policy, tuple(pods), create,
        tuple(p.name for p in reversed(pods)), tuple(notes),
        Highlight((statefulset_id, *(e.target for e in edges if e.target in doc)),
                  tuple((e.source, e.target, e.key) for e in edges)))


def _order_note(policy: str, pods: list[StatefulPod]) -> Text:
    if not pods:
        return Text("replicas is 0: no pods.", "replicas가 0입니다: 파드가 없습니다.")
    first, last = pods[0].name, pods[-1].name
    if policy == "Parallel":
        return Text(f"Parallel: {first}..{last} are created (and deleted) all at once, without "
                    "waiting for each other; names and claims stay stable.",
                    f"Parallel: {first}부터 {last}까지의 파드가 서로를 기다리지 않고 한꺼번에 "
                    "생성(및 삭제)됩니다. 이름과 클레임은 그대로 유지됩니다.")
    return Text(f"OrderedReady: {first} is created first, and each next pod only once the "
                f"previous one is Running and Ready; a scale-down removes {last} first, one at a "
                "time.",
                f"OrderedReady: 파드 {first}부터 먼저 생성되고, 다음 파드는 앞의 파드가 Running이자 "
                f"Ready가 된 뒤에야 생성됩니다. 스케일 다운은 {last}부터 한 번에 하나씩 "
                "제거합니다.")
