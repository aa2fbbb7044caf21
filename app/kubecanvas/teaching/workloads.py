"""What workload controllers do with a manifest: ReplicaSets, rollouts, ordered pods, Job waves.

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
from dataclasses import dataclass

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import as_mapping, effective_namespace, get_path, replicas
from kubecanvas.model.references import EdgeType, statefulset_claim_names
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import (
    CLUSTER_DOMAIN,
    Highlight,
    SimCluster,
    SimPod,
    job_counts,
    safe_hash,
    template_hash,
    workload_pod_names,
)


@dataclass(frozen=True)
class RolloutStep:
    """The state after one step of a rollout.

    Attributes:
        number: 1-based step number.
        action: what the controller did, in words.
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
    notes = [f"maxSurge {max_surge if max_surge is not None else '25%'} of {total} = {surge} "
             "(rounded up): at most " f"{total + surge} pods exist at once.",
             f"maxUnavailable {max_unavailable if max_unavailable is not None else '25%'} of "
             f"{total} = {unavailable} (rounded down): at least {total - unavailable} pods stay "
             "available."]
    if surge == 0 and unavailable == 0:
        unavailable = 1
        notes.append("Both resolve to 0, so the controller allows 1 unavailable pod to make "
                     "progress (the API server rejects both set to 0 explicitly).")
    old, new_ready, starting = total, 0, 0
    steps: list[RolloutStep] = []
    while old > 0 or new_ready < total:
        add = max(0, min(total + surge - (old + new_ready + starting),
                         total - (new_ready + starting)))
        remove = max(0, min(old, old + new_ready - (total - unavailable)))
        starting, old = starting + add, old - remove
        if add or remove:
            parts = ([f"create {add} new pod(s)"] if add else []) + (
                [f"delete {remove} old pod(s)"] if remove else [])
            steps.append(RolloutStep(len(steps) + 1, " and ".join(parts).capitalize(), old,
                                     new_ready, starting))
        if starting:
            new_ready, starting = new_ready + starting, 0
            steps.append(RolloutStep(len(steps) + 1, "New pods become ready", old, new_ready))
        elif not (add or remove):
            break  # cannot progress (total 0)
    return RolloutPlan("RollingUpdate", total, surge, unavailable, tuple(steps), tuple(notes))


def recreate(total: int) -> RolloutPlan:
    """Recreate: every old pod is deleted before any new one starts (a short outage)."""
    steps = (RolloutStep(1, f"Delete all {total} old pod(s); nothing serves meanwhile", 0, 0),
             RolloutStep(2, f"Create {total} new pod(s)", 0, 0, total),
             RolloutStep(3, "New pods become ready", 0, total))
    return RolloutPlan("Recreate", total, 0, total, steps,
                       ("Recreate suits apps that cannot run two versions side by side; the "
                        "price is downtime between the two versions.",))


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
        notes.append(f"serviceName {service_name or '(unset)'} does not name a headless Service "
                     "in the diagram, so the pods get no DNS names of their own.")
    if claims:
        notes.append("Deleting or scaling down the StatefulSet keeps the claims (and their "
                     "data) by default; a pod that comes back gets the same claim again.")
    edges = [e for e in graph.out_edges(statefulset_id)
             if e.type in (EdgeType.GOVERNS, EdgeType.CREATES)]
    return StatefulSetSimulation(
        statefulset_id, found[0] if found else None, headless, policy, tuple(pods), create,
        tuple(p.name for p in reversed(pods)), tuple(notes),
        Highlight((statefulset_id, *(e.target for e in edges if e.target in doc)),
                  tuple((e.source, e.target, e.key) for e in edges)))


def _order_note(policy: str, pods: list[StatefulPod]) -> str:
    if not pods:
        return "replicas is 0: no pods."
    first, last = pods[0].name, pods[-1].name
    if policy == "Parallel":
        return (f"Parallel: {first}..{last} are created (and deleted) all at once, without "
                "waiting for each other; names and claims stay stable.")
    return (f"OrderedReady: {first} is created first, and each next pod only once the previous "
            f"one is Running and Ready; a scale-down removes {last} first, one at a time.")


# --- Jobs --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobWave:
    number: int
    pods: tuple[str, ...]
    indexes: tuple[int, ...] = ()


@dataclass(frozen=True)
class JobSimulation:
    """How a Job's completions and parallelism play out, and what a failure does.

    Attributes:
        completions: successful pods needed; None for a work-queue Job (parallelism only).
        waves: the pods running together, wave by wave, when every pod succeeds.
        retries: what happens when a pod fails, step by step, until backoffLimit is used up.
    """

    job: str
    mode: str  # 'NonIndexed' or 'Indexed'
    completions: int | None
    parallelism: int
    restart_policy: str
    backoff_limit: int
    waves: tuple[JobWave, ...]
    retries: tuple[str, ...]
    notes: tuple[str, ...]
    highlight: Highlight = Highlight()


def _int_field(res: Resource, path: tuple[str, ...], default: int) -> int:
    value = get_path(res.manifest, path)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _waves(name: str, completions: int | None, parallelism: int,
           indexed: bool) -> list[JobWave]:
    if completions is None:
        pods = tuple(f"{name}-{safe_hash(f'{name}/{i}', 5)}" for i in range(parallelism))
        return [JobWave(1, pods)] if pods else []
    waves: list[JobWave] = []
    done = 0
    while done < completions and parallelism > 0:
        count = min(parallelism, completions - done)
        span = range(done, done + count)
        if indexed:
            pods = tuple(f"{name}-{i}-{safe_hash(f'{name}/{i}/0', 5)}" for i in span)
        else:
            pods = tuple(f"{name}-{safe_hash(f'{name}/{i}', 5)}" for i in span)
        waves.append(JobWave(len(waves) + 1, pods, tuple(span) if indexed else ()))
        done += count
    return waves


def _retries(name: str, restart: str, backoff: int) -> list[str]:
    pod = f"{name}-{safe_hash(f'{name}/0', 5)}"
    out = []
    for attempt in range(1, backoff + 2):
        cap = 300 if restart == "OnFailure" else 360  # kubelet vs Job controller back-off caps
        delay = min(10 * 2 ** (attempt - 2), cap) if attempt > 1 else 0
        wait = f"after a {delay}s back-off, " if delay else ""
        if restart == "OnFailure":
            out.append(f"Attempt {attempt}: {wait}the kubelet restarts the failed container "
                       f"inside the same pod {pod} (restart count {attempt - 1}).")
        else:
            new = pod if attempt == 1 else f"{name}-{safe_hash(f'{name}/0/retry{attempt}', 5)}"
            out.append(f"Attempt {attempt}: {wait}the Job controller creates a new pod {new}; "
                       "the failed pods stay for their logs.")
    out.append(f"After {backoff + 1} failed attempts (backoffLimit {backoff}) the Job is marked "
               "Failed with reason BackoffLimitExceeded and its running pods are stopped.")
    return out


def simulate_job(doc: Document, job_id: str) -> JobSimulation:
    """Waves of pods for a Job (or a CronJob's job template) and its retry behaviour."""
    res = doc.get(job_id)
    base = ("spec",) if res.kind == "Job" else ("spec", "jobTemplate", "spec")
    spec = as_mapping(get_path(res.manifest, base))
    completions, parallelism = job_counts(res)
    indexed = spec.get("completionMode") == "Indexed"
    restart = str(get_path(res.manifest, (*base, "template", "spec", "restartPolicy")) or "Always")
    backoff = _int_field(res, (*base, "backoffLimit"), 6)
    name = res.name if res.kind == "Job" else f"{res.name}-<scheduled>"
    notes = []
    if completions is None:
        notes.append(f"No completions: a work-queue Job. {parallelism} pod(s) run; the Job "
                     "succeeds once any pod succeeds and all of them have stopped.")
    else:
        notes.append(f"{completions} successful pod(s) needed, at most {parallelism} at a time.")
    if indexed:
        notes.append("Indexed: each pod gets one index (env JOB_COMPLETION_INDEX and the "
                     "annotation batch.kubernetes.io/job-completion-index); every index must "
                     "succeed once.")
    if restart not in ("OnFailure", "Never"):
        notes.append(f"restartPolicy {restart} is rejected for Jobs: use OnFailure or Never.")
    return JobSimulation(job_id, "Indexed" if indexed else "NonIndexed", completions,
                         parallelism, restart, backoff,
                         tuple(_waves(name, completions, parallelism, indexed)),
                         tuple(_retries(name, restart, backoff)), tuple(notes),
                         Highlight((job_id,)))
