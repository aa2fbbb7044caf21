"""The pods a workload will run, named the way its controller names them.

A StatefulSet's pods are `web-0`, `web-1`, ... each with its own claims (`data-web-0`); a
Deployment's are `web-<hash>-xxxxx` (the hash of the pod template and a random suffix, unknown
until the cluster makes them), so it shows one line with the count; a DaemonSet runs one per
node; a Job runs `completions` pods. Pure Python, so the naming rules are tested without Qt.
"""

from __future__ import annotations

from kubecanvas.model.kinds import get_path, replicas
from kubecanvas.model.record import record
from kubecanvas.model.resource import Resource
from kubecanvas.ui.i18n import tr

#: More replicas than this are summarised as "+N more" so a big StatefulSet does not bury the
#: canvas under chips.
MAX_SHOWN = 5
REPLICA_KINDS = frozenset({"StatefulSet", "Deployment", "ReplicaSet", "DaemonSet", "Job",
                           "CronJob"})


@record(frozen=True)
class Replica:
    """One line of the replica list: a pod name (or pattern) and what belongs to it only."""

    name: str
    claims: tuple[str, ...] = ()


def _claim_templates(res: Resource) -> list[str]:
    templates = get_path(res.manifest, ("spec", "volumeClaimTemplates"))
    if not isinstance(templates, list):
        return []
    names = [get_path(t, ("metadata", "name")) for t in templates if isinstance(t, dict)]
    return [n for n in names if isinstance(n, str) and n]


def replica_lines(res: Resource) -> list[Replica]:
    """What a workload's replica list shows (empty for kinds that own no pods)."""
    name = res.name or "pod"
    if res.kind == "StatefulSet":
        count = replicas(res)
        claims = _claim_templates(res)
        lines = [Replica(f"{name}-{i}", tuple(f"{c}-{name}-{i}" for c in claims))
                 for i in range(min(count, MAX_SHOWN))]
        if count > MAX_SHOWN:
            lines.append(Replica(tr("+{count} more, up to {last}").format(
                count=count - MAX_SHOWN, last=f"{name}-{count - 1}")))
        return lines or [Replica(tr("no pods (replicas: 0)"))]
    if res.kind in ("Deployment", "ReplicaSet"):
        count = replicas(res)
        pattern = f"{name}-<hash>-xxxxx" if res.kind == "Deployment" else f"{name}-xxxxx"
        return [Replica(f"{count} × {pattern}" if count else tr("no pods (replicas: 0)"))]
    if res.kind == "DaemonSet":
        return [Replica(tr("one {pod} per node").format(pod=f"{name}-xxxxx"))]
    if res.kind in ("Job", "CronJob"):
        spec = res.spec if res.kind == "Job" else get_path(
            res.manifest, ("spec", "jobTemplate", "spec"))
        completions = get_path(spec, ("completions",)) if isinstance(spec, dict) else None
        parallel = get_path(spec, ("parallelism",)) if isinstance(spec, dict) else None
        count = completions if isinstance(completions, int) else 1
        prefix = f"{name}-<time>" if res.kind == "CronJob" else name
        text = f"{count} × {prefix}-xxxxx"
        if isinstance(parallel, int) and parallel > 1:
            text += " " + tr("({count} at a time)").format(count=parallel)
        return [Replica(text)]
    return []
