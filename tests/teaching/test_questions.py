"""Predict, then simulate: the right answer is whatever the simulation computes, never a string.

Each measure follows a documented behaviour, cited at its test:
- Service endpoints: a pod is selected only when it carries every label of the selector
  (kubernetes.io/docs/concepts/services-networking/service/#services-in-kubernetes).
- Headless Services: DNS returns the ready pods' IPs, one record each
  (kubernetes.io/docs/concepts/services-networking/service/#headless-services).
- Rolling updates: maxSurge is rounded up from a percentage
  (kubernetes.io/docs/concepts/workloads/controllers/deployment/#max-surge).
- StatefulSet OrderedReady creates pod 0 alone, Parallel all at once
  (kubernetes.io/docs/concepts/workloads/controllers/statefulset/#pod-management-policies).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.io import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.checks import LessonError, LessonState
from kubecanvas.teaching.lesson_check import check_path
from kubecanvas.teaching.lessons import load_lesson, progress
from kubecanvas.teaching.questions import answer_question, measure, question_choices

WEB = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", ports: [{name: http, containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
"""


def state(text: str = WEB) -> LessonState:
    doc = Document(load_text(text).resources)
    return LessonState(doc, WiringGraph(doc))


def test_endpoints_follow_the_selector_and_a_what_if_never_touches_the_design() -> None:
    live = state()
    question = {"measure": {"endpoints": "Service/web"}, "choices": [0, 3]}
    assert measure(question, live).value == "3"
    narrowed = {**question, "what_if": [
        {"resource": "Service/web", "path": "spec.selector.tier", "set": "frontend"}]}
    assert measure(narrowed, live).value == "0"
    service = live.find("Service/web")
    assert service is not None and "tier" not in service.manifest["spec"]["selector"]


def test_the_right_answer_changes_with_the_design() -> None:
    """The same question, two designs: the pick is compared with the simulation each time."""
    question = {"measure": {"endpoints": "Service/web"}, "choices": [0, 2, 3]}
    assert answer_question(question, "3", state()).correct
    two = state(WEB.replace("replicas: 3", "replicas: 2"))
    verdict = answer_question(question, "3", two)
    assert not verdict.correct and verdict.measured.value == "2"
    assert "2 pod(s)" in verdict.measured.why and "2개" in verdict.measured.why.ko


def test_headless_dns_returns_one_address_per_pod() -> None:
    question = {"measure": {"dns_addresses": "Service/web"}, "choices": [1, 3]}
    assert measure(question, state()).value == "1"
    headless = {**question, "what_if": [
        {"resource": "Service/web", "path": "spec.clusterIP", "set": "None"}]}
    assert measure(headless, state()).value == "3"


@pytest.mark.parametrize(("replicas", "surge", "most"), [(4, "25%", 5), (3, "25%", 4),
                                                         (4, "50%", 6), (10, 0, 10)])
def test_max_surge_rounds_up(replicas: int, surge: object, most: int) -> None:
    question = {"measure": {"max_pods_during_rollout": "Deployment/web"}, "choices": [1, 2],
                "what_if": [
                    {"resource": "Deployment/web", "path": "spec.replicas", "set": replicas},
                    {"resource": "Deployment/web", "path": "spec.strategy.rollingUpdate.maxSurge",
                     "set": surge}]}
    assert measure(question, state()).value == str(most)


def test_an_unknown_resource_is_a_lesson_error_naming_it() -> None:
    with pytest.raises(LessonError, match="Service/nope"):
        measure({"measure": {"endpoints": "Service/nope"}, "choices": [0, 1]}, state())


def test_the_simulations_value_is_offered_sorted_when_the_lesson_lacks_it() -> None:
    question = {"measure": {"endpoints": "Service/web"}, "choices": [0, 10, 1]}
    measured = measure(question, state())
    assert question_choices(question, measured) == ["0", "1", "3", "10"]
    assert question_choices(question, None) == ["0", "10", "1"]


LESSON = """title: T
title_ko: 티
explanation: E
explanation_ko: 설명입니다.
docs: [https://kubernetes.io/docs/concepts/services-networking/service/]
steps:
  - id: ask
    prompt: How many?
    prompt_ko: 몇 개입니까?
    hint: Count.
    hint_ko: 세어 보십시오.
    question:
      measure: {endpoints: Service/web}
      choices: [0, 3]
  - id: troubleshoot
    prompt: Fix it.
    prompt_ko: 고치십시오.
    troubleshoot: broken.yaml
    check:
      edge: {type: selects, from: Service/api, to: Deployment/web}
"""

BROKEN = """apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: wbe}
  ports: [{name: http, port: 80, targetPort: http}]
"""


def _folder(tmp_path: Path, lesson: str = LESSON, broken: str | None = BROKEN) -> Path:
    folder = tmp_path / "lesson"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(lesson, encoding="utf-8")
    (folder / "diagram.yaml").write_text(WEB, encoding="utf-8")
    if broken is not None:
        (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    return folder


def test_a_question_is_done_once_answered_and_a_troubleshooting_step_once_repaired(
        tmp_path: Path) -> None:
    lesson = load_lesson(_folder(tmp_path))
    assert [s.kind for s in lesson.steps] == ["question", "troubleshoot"]
    assert lesson.steps[1].hint == ""  # no hint for troubleshooting
    doc = lesson.document()
    graph = WiringGraph(doc)
    assert [s.done for s in progress(lesson, doc, graph)] == [False, False]
    assert [s.done for s in progress(lesson, doc, graph, answered={"ask"})] == [True, False]
    assert [r.name for r in lesson.broken_design(lesson.steps[1]).resources] == ["api"]
    assert check_path(tmp_path / "lesson") == []


def test_the_checker_names_the_line_of_a_bad_question(tmp_path: Path) -> None:
    folder = _folder(tmp_path, LESSON.replace("endpoints: Service/web", "guess: Service/web"))
    problems = check_path(folder)
    assert [(p.line, "question.measure is one of" in p.message) for p in problems] == [(13, True)]


def test_the_checker_refuses_a_broken_design_that_is_already_repaired(tmp_path: Path) -> None:
    folder = _folder(tmp_path, broken=BROKEN.replace("app: wbe", "app: web"))
    problems = check_path(folder)
    assert [p.line for p in problems] == [20]
    assert "already passes" in problems[0].message


def test_a_missing_broken_design_is_reported(tmp_path: Path) -> None:
    problems = check_path(_folder(tmp_path, broken=None))
    assert len(problems) == 1 and "troubleshoot names a YAML file" in problems[0].message
