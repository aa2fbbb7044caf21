"""Teaching mode, headless: "what happens when I apply this", lessons and explanations.

Everything here is pure Python over the document and its wiring graph (no Qt, no cluster), so the
lessons panel and presentation mode only display what these functions return. Simulations return
frozen dataclasses carrying a `Highlight` (resource ids and wiring-graph edge keys) for the canvas:

- `simulate_service`, `walk_ingress` (services, ingress)
- `simulate_deployment`, `rolling_update`, `simulate_statefulset` (workloads), `simulate_job` (jobs)
- `simulate_cronjob`, `next_runs` (cron)
- `simulate_claim` (storage)
- `simulate_environment` (env and files of every container; Secret values masked unless revealed)
- `simulate_network`, `reachable` (pod IPs, localhost, ClusterIPs, NetworkPolicies)

Lessons: `load_lessons`, `progress`, `current_step`. Explanations: `explain_kind`,
`explain_edge`, `explain_rule`, `explain_finding`, `explain_node`.

Every sentence the simulations and the lesson checks produce is a `Text`: the English `str`
(unchanged, so tests and the CLI read it as before) carrying its Korean; the UI shows
`text.get(language)`.
"""

from __future__ import annotations

from kubecanvas.teaching.checks import LessonError
from kubecanvas.teaching.cluster import Highlight, SimCluster, SimPod
from kubecanvas.teaching.cron import CronJobSimulation, ScheduleError, next_runs, simulate_cronjob
from kubecanvas.teaching.explain import (
    Explanation,
    explain_edge,
    explain_finding,
    explain_kind,
    explain_node,
    explain_rule,
)
from kubecanvas.teaching.files import PodEnvironment, simulate_environment
from kubecanvas.teaching.ingress import IngressWalk, walk_ingress
from kubecanvas.teaching.jobs import JobSimulation, simulate_job
from kubecanvas.teaching.lessons import (
    Lesson,
    Step,
    StepStatus,
    current_step,
    load_lessons,
    progress,
)
from kubecanvas.teaching.network import NetworkSimulation, reachable, simulate_network
from kubecanvas.teaching.services import ServiceSimulation, simulate_service
from kubecanvas.teaching.storage import ClaimSimulation, simulate_claim
from kubecanvas.teaching.text import Text
from kubecanvas.teaching.workloads import (
    DeploymentSimulation,
    RolloutPlan,
    StatefulSetSimulation,
    rolling_update,
    simulate_deployment,
    simulate_statefulset,
)

__all__ = [
    "ClaimSimulation", "CronJobSimulation", "DeploymentSimulation", "Explanation", "Highlight",
    "IngressWalk", "JobSimulation", "Lesson", "LessonError", "NetworkSimulation",
    "PodEnvironment", "RolloutPlan", "ScheduleError", "ServiceSimulation", "SimCluster",
    "SimPod", "StatefulSetSimulation", "Step", "StepStatus", "Text", "current_step",
    "explain_edge",
    "explain_finding", "explain_kind", "explain_node", "explain_rule", "load_lessons",
    "next_runs", "progress", "reachable", "rolling_update", "simulate_claim",
    "simulate_cronjob", "simulate_deployment", "simulate_environment", "simulate_job",
    "simulate_network", "simulate_service", "simulate_statefulset", "walk_ingress",
]
