"""What the Job controller does with a Job: the pods it keeps running, and what a failure costs.

Two behaviours teachers get asked about, both followed from the controller rather than from a
rule of thumb:

- **No waves.** The Job controller keeps `min(parallelism, completions - succeeded)` pods active
  and starts a replacement as soon as one succeeds (Job documentation, "Controlling
  parallelism"; `job_controller.go` `manageJob`). The timeline below gives each pod a run time
  (fixed per pod name, 40-89 s, stated in the notes as an assumption) so that the learner sees
  slots refilled one by one instead of batches.
- **Counting failures differs by restartPolicy** (Job documentation, "Pod backoff failure
  policy"). `Never`: each failure is a failed pod, the controller creates a new one after a
  back-off of 10 s doubling up to 6 minutes, and the Job fails once failed pods exceed
  backoffLimit. `OnFailure`: the kubelet restarts the container inside the same pod after its
  own back-off (10 s doubling, capped at 5 minutes: Pod lifecycle, "Container restarts"), and the
  controller fails the Job when the restart counts of its pods add up to backoffLimit
  (`pastBackoffLimitOnFailure`; with backoffLimit 0, at the first restart).
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass

from kubecanvas.model.document import Document
from kubecanvas.model.fields import as_mapping
from kubecanvas.model.kinds import get_path
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.cluster import Highlight, job_counts, safe_hash
from kubecanvas.teaching.text import Text

#: Back-off caps in seconds: the kubelet's for restarting a container (OnFailure), the Job
#: controller's for creating a new pod (Never).
KUBELET_BACKOFF_CAP = 300
JOB_BACKOFF_CAP = 360
#: Assumed run time of one pod, in seconds: MIN + (hash of its name) % SPREAD.
RUN_TIME_MIN, RUN_TIME_SPREAD = 40, 50


@dataclass(frozen=True)
class JobRun:
    """One pod of the timeline: it runs from `start` to `end` (seconds after the Job started)."""

    pod: str
    start: int
    end: int
    index: int | None = None


@dataclass(frozen=True)
class JobSimulation:
    """How a Job's completions and parallelism play out, and what a failure does.

    Attributes:
        completions: successful pods needed; None for a work-queue Job (parallelism only).
        timeline: every pod the controller starts when every pod succeeds, in start order.
        events: the timeline in words, one `Text` per moment something starts or ends.
        retries: what happens when a pod fails, step by step, until backoffLimit is used up.
    """

    job: str
    mode: str  # 'NonIndexed' or 'Indexed'
    completions: int | None
    parallelism: int
    restart_policy: str
    backoff_limit: int
    timeline: tuple[JobRun, ...]
    events: tuple[str, ...]
    retries: tuple[str, ...]
    notes: tuple[str, ...]
    highlight: Highlight = Highlight()

    @property
    def max_active(self) -> int:
        """The most pods running at the same moment of the timeline."""
        moments = sorted({r.start for r in self.timeline})
        return max((sum(r.start <= t < r.end for r in self.timeline) for t in moments), default=0)


def run_time(pod: str) -> int:
    """The assumed run time of `pod` in seconds (deterministic: from its name)."""
    digest = int.from_bytes(hashlib.sha256(pod.encode("utf-8")).digest()[:4], "big")
    return RUN_TIME_MIN + digest % RUN_TIME_SPREAD


def _pod_name(name: str, serial: int, index: int | None) -> str:
    if index is not None:
        return f"{name}-{index}-{safe_hash(f'{name}/{index}/0', 5)}"
    return f"{name}-{safe_hash(f'{name}/{serial}', 5)}"


def timeline(name: str, completions: int | None, parallelism: int,
             indexed: bool) -> list[JobRun]:
    """The pods the Job controller starts when every pod succeeds.

    A work-queue Job (no completions) starts `parallelism` pods and none after the first success;
    otherwise a finished pod's slot is refilled at once while successes are still missing.
    """
    if parallelism <= 0:
        return []
    if completions is None:
        pods = [_pod_name(name, i, None) for i in range(parallelism)]
        return [JobRun(p, 0, run_time(p)) for p in pods]
    runs: list[JobRun] = []
    running: list[tuple[int, int]] = []  # (end, serial)
    succeeded = 0

    def start(at: int) -> None:
        serial = len(runs)
        index = serial if indexed else None
        pod = _pod_name(name, serial, index)
        runs.append(JobRun(pod, at, at + run_time(pod), index))
        heapq.heappush(running, (runs[-1].end, serial))

    while len(runs) < min(parallelism, completions):
        start(0)
    while running:
        now, _serial = heapq.heappop(running)
        succeeded += 1
        want = min(parallelism, completions - succeeded)
        while len(running) < want and len(runs) < completions:
            start(now)
    return runs


def _events(runs: list[JobRun], completions: int | None) -> list[Text]:
    moments: dict[int, tuple[list[str], list[str]]] = {}
    for run in runs:
        moments.setdefault(run.start, ([], []))[1].append(run.pod)
        moments.setdefault(run.end, ([], []))[0].append(run.pod)
    out: list[Text] = []
    done = 0
    for moment in sorted(moments):
        ended, started = moments[moment]
        done += len(ended)
        parts_en, parts_ko = [], []
        if ended:
            parts_en.append(f"{', '.join(ended)} succeeded ({done} done)")
            parts_ko.append(f"{', '.join(ended)} 성공(완료 {done}개)")
        if started:
            parts_en.append(f"{'starts' if ended else 'start'} {', '.join(started)}")
            parts_ko.append(f"{', '.join(started)} 시작")
        if ended and started:
            out.append(Text(f"{moment}s: {parts_en[0]}; the controller at once "
                            f"{parts_en[1]}.",
                            f"{moment}초: {parts_ko[0]}. 컨트롤러가 곧바로 {parts_ko[1]}."))
        else:
            out.append(Text(f"{moment}s: {' '.join(parts_en)}.",
                            f"{moment}초: {' '.join(parts_ko)}."))
    if runs and completions is not None:
        last = max(r.end for r in runs)
        out.append(Text(f"{last}s: {completions} successful pod(s): the Job is Complete.",
                        f"{last}초: 성공한 파드가 {completions}개가 되어 잡이 완료(Complete)됩니다."))
    return out


def retries(name: str, restart: str, backoff: int) -> list[Text]:
    """What failures do, step by step, until the Job fails (see the module docstring)."""
    pod = f"{name}-{safe_hash(f'{name}/0', 5)}"
    if restart == "OnFailure":
        return _retries_on_failure(pod, backoff)
    out = []
    for attempt in range(1, backoff + 2):
        delay = min(10 * 2 ** (attempt - 2), JOB_BACKOFF_CAP) if attempt > 1 else 0
        new = pod if attempt == 1 else f"{name}-{safe_hash(f'{name}/0/retry{attempt}', 5)}"
        wait = f"after a {delay}s back-off, " if delay else ""
        wait_ko = f"{delay}초 백오프 후 " if delay else ""
        out.append(Text(f"Attempt {attempt}: {wait}the Job controller creates a new pod {new}, "
                        "which fails; the failed pods stay for their logs.",
                        f"시도 {attempt}: {wait_ko}잡 컨트롤러가 새 파드 {new}{eul_reul(new)} 만들고, 이 "
                        "파드가 실패합니다. 실패한 파드는 로그를 볼 수 있도록 남습니다."))
    out.append(Text(f"{backoff + 1} failed pods are more than backoffLimit {backoff}: the Job "
                    "is marked Failed with reason BackoffLimitExceeded.",
                    f"실패한 파드 {backoff + 1}개가 backoffLimit {backoff}보다 많으므로 잡은 "
                    "BackoffLimitExceeded 사유로 실패(Failed)합니다."))
    return out


def _retries_on_failure(pod: str, backoff: int) -> list[Text]:
    out = [Text(f"Run 1: the container in pod {pod} fails (restart count 0).",
                f"실행 1: 파드 {pod}의 컨테이너가 실패합니다(재시작 횟수 0).")]
    restarts = max(backoff, 1)  # backoffLimit 0: the first restart already exceeds it
    for count in range(1, restarts + 1):
        delay = min(10 * 2 ** (count - 1), KUBELET_BACKOFF_CAP)
        if count < restarts:
            out.append(Text(f"Run {count + 1}: after a {delay}s back-off the kubelet restarts "
                            f"the container inside the same pod {pod} (restart count {count}); "
                            "it fails again.",
                            f"실행 {count + 1}: {delay}초 백오프 후 kubelet이 같은 파드 {pod} "
                            f"안에서 컨테이너를 재시작합니다(재시작 횟수 {count}). 다시 "
                            "실패합니다."))
        else:
            out.append(Text(f"After a {delay}s back-off the kubelet restarts the container "
                            f"(restart count {count}). The pods' restart counts now add up to "
                            f"backoffLimit {backoff}, so the Job controller marks the Job Failed "
                            f"(BackoffLimitExceeded) and stops pod {pod}.",
                            f"{delay}초 백오프 후 kubelet이 컨테이너를 재시작합니다(재시작 횟수 "
                            f"{count}). 파드들의 재시작 횟수 합이 backoffLimit {backoff}에 "
                            "이르렀으므로 잡 컨트롤러가 잡을 실패(Failed, BackoffLimitExceeded)로 "
                            f"표시하고 파드 {pod}{eul_reul(pod)} 중지합니다."))
    return out


def _job_notes(completions: int | None, parallelism: int, indexed: bool,
               restart: str) -> list[Text]:
    notes = []
    if completions is None:
        notes.append(Text(f"No completions: a work-queue Job. {parallelism} pod(s) run; the Job "
                          "succeeds once any pod succeeds and all of them have stopped.",
                          f"completions가 없으므로 작업 큐(work queue) 잡입니다. 파드 "
                          f"{parallelism}개가 실행되며, 어느 한 파드가 성공하고 모든 파드가 멈추면 "
                          "잡이 성공합니다."))
    else:
        notes.append(Text(f"{completions} successful pod(s) needed, at most {parallelism} at a "
                          "time: each pod that succeeds is replaced at once while successes are "
                          "missing, so there are no waves.",
                          f"성공한 파드 {completions}개가 필요하며 한 번에 최대 {parallelism}개가 "
                          "실행됩니다. 파드 하나가 성공하면 성공이 모자라는 동안 곧바로 새 파드가 "
                          "그 자리를 채우므로, 묶음으로 실행되지 않습니다."))
    notes.append(Text(f"Run times are assumed ({RUN_TIME_MIN}-"
                      f"{RUN_TIME_MIN + RUN_TIME_SPREAD - 1}s, fixed per pod name); real pods "
                      "take as long as their work.",
                      f"실행 시간은 가정한 값입니다({RUN_TIME_MIN}~"
                      f"{RUN_TIME_MIN + RUN_TIME_SPREAD - 1}초, 파드 이름마다 고정). 실제 파드는 "
                      "작업에 걸리는 만큼 실행됩니다."))
    if indexed:
        notes.append(Text("Indexed: each pod gets one index (env JOB_COMPLETION_INDEX and the "
                          "annotation batch.kubernetes.io/job-completion-index); every index must "
                          "succeed once.",
                          "Indexed: 파드마다 인덱스 하나를 받습니다(환경 변수 "
                          "JOB_COMPLETION_INDEX와 어노테이션 "
                          "batch.kubernetes.io/job-completion-index). 모든 인덱스가 한 번씩 "
                          "성공해야 합니다."))
    if restart not in ("OnFailure", "Never"):
        notes.append(Text(f"restartPolicy {restart} is rejected for Jobs: use OnFailure or Never.",
                          f"잡에서는 restartPolicy {restart}{eul_reul(restart)} 허용하지 않습니다. OnFailure나 "
                          "Never를 쓰십시오."))
    return notes


def _int_field(res: Resource, path: tuple[str, ...], default: int) -> int:
    value = get_path(res.manifest, path)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def simulate_job(doc: Document, job_id: str) -> JobSimulation:
    """The pod timeline of a Job (or a CronJob's job template) and its retry behaviour."""
    res = doc.get(job_id)
    base = ("spec",) if res.kind == "Job" else ("spec", "jobTemplate", "spec")
    spec = as_mapping(get_path(res.manifest, base))
    completions, parallelism = job_counts(res)
    indexed = spec.get("completionMode") == "Indexed"
    restart = str(get_path(res.manifest, (*base, "template", "spec", "restartPolicy")) or "Always")
    backoff = _int_field(res, (*base, "backoffLimit"), 6)
    name = res.name if res.kind == "Job" else f"{res.name}-<scheduled>"
    runs = timeline(name, completions, parallelism, indexed)
    return JobSimulation(job_id, "Indexed" if indexed else "NonIndexed", completions,
                         parallelism, restart, backoff, tuple(runs),
                         tuple(_events(runs, completions)), tuple(retries(name, restart, backoff)),
                         tuple(_job_notes(completions, parallelism, indexed, restart)),
                         Highlight((job_id,)))
