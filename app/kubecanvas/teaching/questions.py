"""Predict, then simulate: a lesson asks what will happen, and the simulation answers.

A question step names a *measure*: one number or word that a simulation computes from the
learner's own design (how many endpoints a Service has, which workload a request reaches,
whether a claim binds, where `kubectl apply` stops...), optionally after a *what if* change applied
to a copy of the design. The learner picks one of the choices; `answer_question` runs the
simulation at that moment and compares the pick with what the simulation returned, so the answer
is never a string written into the lesson: change the design before answering and the right
choice changes with it. When the simulation's value is not among the lesson's choices (the
learner's design went another way), it is offered as a choice too (`question_choices`).

In `lesson.yaml`:

    question:
      measure: {endpoints: Service/web}
      what_if:                                   # optional, applied to a copy
        - {resource: Service/web, path: spec.selector.tier, set: frontend}
        - {resource: Service/web, path: spec.clusterIP, remove: true}
        - {delete: PersistentVolumeClaim/data}
      choices: [0, 1, 3]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.edits import DELETE, set_in
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.teaching.architecture import apply_flow
from kubecanvas.teaching.checks import LessonError, LessonState, parse_path
from kubecanvas.teaching.cluster import Highlight
from kubecanvas.teaching.files import simulate_environment
from kubecanvas.teaching.ingress import walk_ingress
from kubecanvas.teaching.jobs import simulate_job
from kubecanvas.teaching.network import reachable, simulate_network
from kubecanvas.teaching.services import simulate_service
from kubecanvas.teaching.storage import simulate_claim
from kubecanvas.teaching.text import Text
from kubecanvas.teaching.workloads import simulate_deployment, simulate_statefulset


@dataclass(frozen=True)
class Measured:
    """What the simulation computed: the value a choice is compared with, and why (a `Text`)."""

    value: str
    why: Text
    highlight: Highlight = Highlight()


@dataclass(frozen=True)
class Answer:
    """The verdict on a learner's pick."""

    correct: bool
    chosen: str
    measured: Measured


def _state_with(state: LessonState, what_if: Sequence[Mapping[str, Any]]) -> LessonState:
    """A state over a copy of the design with the what-if changes applied (never the original)."""
    if not what_if:
        return state
    resources = [r.clone() for r in state.doc]
    doc = Document(resources)
    for change in what_if:
        if "delete" in change:
            res = LessonState(doc, WiringGraph(doc)).find(str(change["delete"]))
            if res is None:
                raise LessonError(f"what_if: {change['delete']} does not exist")
            doc = Document([r for r in doc if r.id != res.id])
            continue
        res = LessonState(doc, WiringGraph(doc)).find(str(change["resource"]))
        if res is None:
            raise LessonError(f"what_if: {change['resource']} does not exist")
        value = DELETE if change.get("remove") else change.get("set")
        manifest = set_in(res.manifest, parse_path(str(change["path"])), value)
        doc = Document([r.with_manifest(manifest) if r.id == res.id else r for r in doc])
    return LessonState(doc, WiringGraph(doc))


def _text(value: object) -> Text:
    return value if isinstance(value, Text) else Text(str(value or ""), str(value or ""))


def _need(state: LessonState, ref: Any) -> Any:
    res = state.find(str(ref))
    if res is None:
        raise LessonError(f"{ref} does not exist in the design")
    return res


def _endpoints(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    sim = simulate_service(state.doc, state.graph, res.id, state.cluster())
    count = len(sim.pods)
    names = ", ".join(p.name for p in sim.pods[:4]) + (", ..." if count > 4 else "")
    return Measured(str(count), Text(
        f"Service {res.name} selects {count} pod(s)" + (f": {names}." if count else "."),
        f"서비스 {res.name}{i_ga(res.name)} 선택하는 파드는 {count}개입니다"
        + (f": {names}." if count else ".")), sim.highlight)


def _dns_addresses(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    sim = simulate_service(state.doc, state.graph, res.id, state.cluster())
    count = len(sim.pods) if sim.headless else (1 if sim.cluster_ip else 0)
    answer = _text(sim.dns_answer)
    return Measured(str(count), Text(
        f"CoreDNS answers {sim.dns_names[0]} with {count} address(es): {answer.en}.",
        f"CoreDNS는 {sim.dns_names[0]} 질의에 주소 {count}개로 응답합니다. {answer.ko}."),
        sim.highlight)


def _pods(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    pods = state.cluster().pods_of(res.id)
    return Measured(str(len(pods)), Text(
        f"{res.kind} {res.name} runs {len(pods)} pod(s).",
        f"{res.kind} {res.name}{eun_neun(res.name)} 파드 {len(pods)}개를 실행합니다."),
        Highlight((res.id,)))


def _claim(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    sim = simulate_claim(state.doc, state.graph, res.id)
    bound = state.doc.get(sim.volume).name if sim.volume else None
    shown = bound or sim.outcome
    return Measured(shown, _text(sim.explanation), sim.highlight)


def _route(value: Mapping[str, Any], state: LessonState) -> Measured:
    ingress = _need(state, value["ingress"])
    walk = walk_ingress(state.doc, state.graph, ingress.id, str(value["request"]),
                        state.cluster())
    owners = sorted({state.doc.get(p.owner).name for p in walk.pods if p.owner in state.doc})
    shown = ", ".join(owners) if walk.reached and owners else "none"
    last = walk.steps[-1].text if walk.steps else ""
    reason = walk.reason if walk.reason is not None else last
    lit = tuple(dict.fromkeys(r for s in walk.steps for r in s.resources))
    return Measured(shown, _text(reason), Highlight(lit or (ingress.id,)))


def _connect(value: Mapping[str, Any], state: LessonState) -> Measured:
    source, target = _need(state, value["from"]), _need(state, value["to"])
    sim = state.cached("network", lambda: simulate_network(state.doc, state.graph,
                                                           state.cluster()))
    port = value.get("port")
    ok = reachable(sim, source.id, target.id, port)
    on = f" on port {port}" if port else ""
    on_ko = f"의 {port}번 포트" if port else ""
    return Measured("allowed" if ok else "denied", Text(
        f"Pods of {source.name} {'may' if ok else 'may not'} connect to {target.name}{on}"
        f" ({len(sim.policies)} NetworkPolicy(s) apply).",
        f"{source.name}의 파드는 {target.name}{on_ko}에 연결할 수 {'있습니다' if ok else '없습니다'}"
        f"(적용되는 네트워크폴리시 {len(sim.policies)}개)."), Highlight((source.id, target.id)))


def _apply_stops(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    flow = apply_flow(state.doc, state.graph, res.id, state.cluster())
    stop = flow.stopped_at or "none"
    last = next((s for s in flow.steps if not s.ok), flow.steps[-1])
    return Measured(stop, _text(last.text), last.highlight)


def _job_pods(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    sim = simulate_job(state.doc, res.id)
    end = max((r.end for r in sim.timeline), default=0)
    return Measured(str(len(sim.timeline)), Text(
        f"Job {res.name} runs {len(sim.timeline)} pod(s), at most {sim.parallelism} at a time; "
        f"the last one ends at {end} s.",
        f"잡 {res.name}{eun_neun(res.name)} 파드 {len(sim.timeline)}개를 동시에 최대 "
        f"{sim.parallelism}개씩 실행하고, 마지막 파드는 {end}초에 끝납니다."), sim.highlight)


def _surge(value: Any, state: LessonState) -> Measured:
    """replicas + maxSurge: the Deployment controller scales the new ReplicaSet up to that bound
    before it scales the old one down (the documentation's "at most 125% of the desired pods")."""
    res = _need(state, value)
    plan = simulate_deployment(state.doc, state.graph, res.id, state.cluster()).rollout
    most = plan.replicas + plan.max_surge
    return Measured(str(most), Text(
        f"During the rollout of {res.name} at most {most} pods exist at once: {plan.replicas} "
        f"replicas plus maxSurge {plan.max_surge} ({plan.strategy}).",
        f"{res.name}의 롤아웃 동안 파드는 동시에 최대 {most}개입니다. 레플리카 {plan.replicas}개에 "
        f"maxSurge {plan.max_surge}개를 더한 값입니다({plan.strategy})."), Highlight((res.id,)))


def _first_pod(value: Any, state: LessonState) -> Measured:
    res = _need(state, value)
    sim = simulate_statefulset(state.doc, state.graph, res.id)
    first = ", ".join(sim.create_order[0]) if sim.create_order else "none"
    return Measured(first, Text(
        f"StatefulSet {res.name} ({sim.policy}) creates first: {first}.",
        f"스테이트풀셋 {res.name}({sim.policy})이 처음 만드는 파드: {first}."), sim.highlight)


def _env(value: Mapping[str, Any], state: LessonState) -> Measured:
    res = _need(state, value["resource"])
    env = simulate_environment(state.doc, state.graph, res.id, reveal=True,
                               cluster=state.cluster())
    view = next((c for c in env.containers if c.container == value["container"]), None)
    var = next((v for v in view.env if v.name == value["name"]), None) if view else None
    shown = "unset" if var is None or var.value is None else str(var.value)
    return Measured(shown, Text(
        f"Container {value['container']} of {res.name} sees ${value['name']} = {shown}.",
        f"{res.name}의 컨테이너 {value['container']}에서 ${value['name']} 값은 {shown}입니다."),
        Highlight((res.id,)))


def _files_in(value: Mapping[str, Any], state: LessonState) -> Measured:
    res = _need(state, value["resource"])
    env = simulate_environment(state.doc, state.graph, res.id, reveal=True,
                               cluster=state.cluster())
    view = next((c for c in env.containers if c.container == value["container"]), None)
    folder = str(value["dir"]).rstrip("/") + "/"
    names = sorted({f.path[len(folder):].split("/")[0] for f in (view.files if view else ())
                    if f.kind == "file" and f.path.startswith(folder)})
    shown = ", ".join(names) or "none"
    return Measured(shown, Text(
        f"Container {value['container']} of {res.name} sees in {folder}: {shown}.",
        f"{res.name}의 컨테이너 {value['container']}에서 {folder} 안에 보이는 파일: {shown}."),
        Highlight((res.id,)))


Measure = Callable[[Any, LessonState], Measured]

MEASURES: dict[str, Measure] = {
    "endpoints": _endpoints, "dns_addresses": _dns_addresses, "pods": _pods, "claim": _claim,
    "route": _route, "connect": _connect, "apply_stops": _apply_stops, "job_pods": _job_pods,
    "max_pods_during_rollout": _surge, "first_pod": _first_pod, "env": _env,
    "files_in": _files_in,
}


def question_shape(question: Any, where: str) -> None:
    """Raise `LessonError` when a `question:` is not shaped as the module docstring says."""
    if not isinstance(question, Mapping):
        raise LessonError(f"{where}: question is a mapping (measure:, choices:, what_if:)")
    measure = question.get("measure")
    if not isinstance(measure, Mapping) or len(measure) != 1 or next(iter(measure)) not in MEASURES:
        raise LessonError(f"{where}: question.measure is one of {', '.join(sorted(MEASURES))}")
    choices = question.get("choices")
    if not isinstance(choices, list) or len(choices) < 2:
        raise LessonError(f"{where}: question.choices lists at least two answers")
    what_if = question.get("what_if") or []
    if not isinstance(what_if, list) or not all(
            isinstance(c, Mapping) and ("delete" in c or ("resource" in c and "path" in c
                                                          and ("set" in c or "remove" in c)))
            for c in what_if):
        raise LessonError(f"{where}: question.what_if lists {{resource, path, set|remove}} or "
                          "{delete} changes")


def measure(question: Mapping[str, Any], state: LessonState) -> Measured:
    """Run the question's simulation on the design (after its what-if changes, on a copy)."""
    kind, value = next(iter(question["measure"].items()))
    return MEASURES[kind](value, _state_with(state, question.get("what_if") or []))


def question_choices(question: Mapping[str, Any], measured: Measured | None = None) -> list[str]:
    """The choices to show: the lesson's, plus the simulation's value when it is not one of them."""
    shown = [str(c) for c in question["choices"]]
    if measured is None or measured.value in shown:
        return shown
    shown.append(measured.value)  # sorted, so the added one does not always come last
    numeric = all(_number(c) is not None for c in shown)
    return sorted(shown, key=lambda c: (_number(c) or 0.0, c) if numeric else (0.0, c.lower()))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def answer_question(question: Mapping[str, Any], chosen: object, state: LessonState) -> Answer:
    """Compare the learner's pick with what the simulation computes now."""
    result = measure(question, state)
    return Answer(str(chosen) == result.value, str(chosen), result)
