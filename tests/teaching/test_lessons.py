"""Every lesson walked as a learner would: each step's edit flips its check from not-done to done.

The learner's edits go through the same model API the editor uses: `connect_actions` for the
wiring gestures (pick the action the hint describes), `SetField` for inspector edits. After the
last step the diagram must validate clean; before the first it must show exactly the findings the
lesson says it breaks on purpose.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kubecanvas.io import dump_resources, load_text
from kubecanvas.model.connect import connect_actions
from kubecanvas.model.document import Document
from kubecanvas.model.edits import AddResource, Compound, Edit, SetField, UndoStack
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.checks import LessonState
from kubecanvas.teaching.lessons import (
    LessonError,
    current_step,
    load_lesson,
    load_lessons,
    progress,
)
from kubecanvas.teaching.questions import answer_question, measure, question_choices
from kubecanvas.validation import validate_document

Learner = Callable[[Document, WiringGraph], Edit]

GLOSSARY = ("파드", "디플로이먼트", "레플리카셋", "스테이트풀셋", "잡", "크론잡", "서비스", "인그레스",
            "컨피그맵", "시크릿", "퍼시스턴트볼륨", "퍼시스턴트볼륨클레임", "네임스페이스", "레이블",
            "셀렉터")


def res(doc: Document, kind: str, name: str) -> Resource:
    return next(r for r in doc.by_kind(kind) if r.name == name)


def wire(a: tuple[str, str], b: tuple[str, str], contains: str, **params: object) -> Learner:
    """Drag a wire from `a` to `b` and pick the action whose description contains `contains`."""
    def act(doc: Document, graph: WiringGraph) -> Edit:
        actions = connect_actions(doc, graph, res(doc, *a).id, res(doc, *b).id)
        chosen = [x for x in actions if contains in x.description]
        assert chosen, [x.description for x in actions]
        return chosen[0].edit(**params)
    return act


def set_field(kind: str, name: str, path: tuple[str | int, ...], value: object) -> Learner:
    return lambda doc, graph: SetField(res(doc, kind, name).id, path, value)


def fields(*learners: Learner) -> Learner:
    return lambda doc, graph: Compound([learner(doc, graph) for learner in learners])


#: A question step: the learner answers it (the walk picks wrong, then the simulation's value).
ANSWER: Learner = lambda doc, graph: Compound([])  # noqa: E731


def fix(*learners: Learner) -> Learner:
    """A troubleshooting step: its broken design is added first, then these edits repair it."""
    act = fields(*learners)
    act.troubleshoot = True  # type: ignore[attr-defined]
    return act


TPL = ("spec", "template", "spec")

LEARNER: dict[str, list[Learner]] = {
    "architecture": [
        ANSWER,
        set_field("Deployment", "web", (*TPL, "containers", 0, "image"), "nginx:1.27"),
        set_field("Deployment", "web", ("spec", "replicas"), 3),
        ANSWER,
        wire(("Service", "web"), ("Deployment", "web"), "selects pods app=web"),
        set_field("Deployment", "client", (*TPL, "containers", 0, "env", 0, "value"),
                  "http://web"),
        set_field("Service", "web", ("spec", "ports", 0, "targetPort"), "http"),
        fix(set_field("Deployment", "api", ("spec", "template", "metadata", "labels", "app"),
                      "api")),
    ],
    "networking": [
        set_field("Deployment", "web", ("spec", "replicas"), 3),
        ANSWER,
        wire(("NetworkPolicy", "api-allow-web"), ("Deployment", "api"), "applies to"),
        ANSWER,
        set_field("NetworkPolicy", "api-allow-web",
                  ("spec", "ingress", 0, "from", 0, "podSelector", "matchLabels"), {"app": "web"}),
        ANSWER,
        fix(set_field("NetworkPolicy", "batch-egress",
                      ("spec", "egress", 0, "to", 0, "podSelector", "matchLabels"), {"app": "web"})),
    ],
    "deployments": [
        set_field("Deployment", "web", ("spec", "template", "metadata", "labels", "tier"),
                  "frontend"),
        set_field("Deployment", "web", ("spec", "replicas"), 4),
        ANSWER,
        fields(set_field("Deployment", "web", ("spec", "strategy", "rollingUpdate", "maxSurge"), 1),
               set_field("Deployment", "web",
                         ("spec", "strategy", "rollingUpdate", "maxUnavailable"), 0)),
        fields(set_field("Deployment", "web", (*TPL, "containers", 0, "image"), "nginx:1.27.3"),
               set_field("Deployment", "web", ("spec", "revisionHistoryLimit"), 3)),
        ANSWER,
        fields(set_field("Deployment", "web", (*TPL, "containers", 0, "readinessProbe"),
                         {"httpGet": {"path": "/", "port": "http"}}),
               set_field("Deployment", "web", ("spec", "progressDeadlineSeconds"), 120)),
        fix(set_field("Deployment", "api", ("spec", "strategy", "rollingUpdate", "maxUnavailable"),
                      1)),
    ],
    "statefulsets": [
        wire(("StatefulSet", "db"), ("Service", "db"), "headless"),
        ANSWER,
        set_field("StatefulSet", "db", ("spec", "replicas"), 3),
        ANSWER,
        set_field("StatefulSet", "db", ("spec", "podManagementPolicy"), "Parallel"),
        set_field("StatefulSet", "db", ("spec", "updateStrategy"),
                  {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}),
        set_field("StatefulSet", "db", ("spec", "persistentVolumeClaimRetentionPolicy"),
                  {"whenDeleted": "Retain", "whenScaled": "Delete"}),
        fix(set_field("StatefulSet", "cache", ("spec", "updateStrategy"), {"type": "OnDelete"})),
    ],
    "jobs": [
        set_field("Job", "thumbnails", (*TPL, "restartPolicy"), "Never"),
        ANSWER,
        fields(set_field("Job", "thumbnails", ("spec", "completions"), 6),
               set_field("Job", "thumbnails", ("spec", "parallelism"), 2)),
        ANSWER,
        set_field("CronJob", "nightly-report", ("spec", "schedule"), "30 2 * * *"),
        fields(set_field("Job", "thumbnails", ("spec", "activeDeadlineSeconds"), 600),
               set_field("Job", "thumbnails", ("spec", "ttlSecondsAfterFinished"), 3600)),
        fix(set_field("Job", "import", (*TPL, "restartPolicy"), "Never")),
    ],
    "services": [
        wire(("Service", "web"), ("Deployment", "web"), "selects pods app=web"),
        ANSWER,
        set_field("Service", "web", ("spec", "ports", 0, "targetPort"), "http"),
        ANSWER,
        set_field("Service", "web", ("spec", "type"), "NodePort"),
        set_field("Service", "web", ("spec", "type"), "LoadBalancer"),
        fix(set_field("Service", "api", ("spec", "selector", "app"), "api"),
            set_field("Service", "api", ("spec", "ports", 0, "targetPort"), "http")),
    ],
    "ingress": [
        ANSWER,
        set_field("Ingress", "shop",
                  ("spec", "rules", 0, "http", "paths", 1, "backend", "service", "name"), "api"),
        ANSWER,
        wire(("Ingress", "shop"), ("Secret", "shop-tls"), "terminates TLS"),
        wire(("Ingress", "shop"), ("Service", "web"), "unmatched requests"),
        fix(set_field("Ingress", "blog", ("spec", "rules", 0, "http", "paths", 0, "backend",
                                          "service", "port"), {"name": "http"})),
    ],
    "config-secrets": [
        set_field("Secret", "app-secret", ("data", "password"), "czNjcmV0"),
        ANSWER,
        wire(("Deployment", "app"), ("ConfigMap", "app-config"), "environment variables"),
        ANSWER,
        set_field("Deployment", "app",
                  (*TPL, "containers", 0, "env", 0, "valueFrom", "secretKeyRef", "key"), "password"),
        set_field("ConfigMap", "app-config", ("immutable",), True),
        fix(set_field("Secret", "report-login", ("stringData",), {"username": "reporter"})),
    ],
    "volumes": [
        set_field("Deployment", "web", (*TPL, "volumes", 0, "name"), "cache"),
        ANSWER,
        wire(("Deployment", "web"), ("ConfigMap", "nginx-conf"), "as files",
             mount_path="/etc/nginx/conf.d"),
        ANSWER,
        fields(set_field("Deployment", "web", (*TPL, "volumes", 3), {
            "name": "podinfo", "downwardAPI": {"items": [
                {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}),
            set_field("Deployment", "web", (*TPL, "containers", 1, "volumeMounts", 1),
                      {"name": "podinfo", "mountPath": "/etc/podinfo"})),
        fields(set_field("Deployment", "web", (*TPL, "volumes", 4), {
            "name": "site", "projected": {"sources": [
                {"configMap": {"name": "nginx-conf"}}, {"secret": {"name": "site-token"}},
                {"downwardAPI": {"items": [
                    {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}]}}),
            set_field("Deployment", "web", (*TPL, "containers", 1, "volumeMounts", 2),
                      {"name": "site", "mountPath": "/etc/site", "readOnly": True})),
        set_field("Deployment", "web", (*TPL, "volumes", 0, "emptyDir"),
                  {"medium": "Memory", "sizeLimit": "64Mi"}),
        fix(set_field("Deployment", "docs", (*TPL, "containers", 0, "volumeMounts", 0, "subPath"),
                      "site.conf")),
    ],
    "persistent-volumes": [
        ANSWER,
        set_field("PersistentVolumeClaim", "data", ("spec", "storageClassName"), "manual"),
        ANSWER,
        wire(("Deployment", "app"), ("PersistentVolumeClaim", "data"), "mounts claim",
             mount_path="/var/lib/app"),
        set_field("PersistentVolume", "pv-big", ("spec", "persistentVolumeReclaimPolicy"),
                  "Retain"),
        fix(set_field("PersistentVolumeClaim", "logs", ("spec", "accessModes"), ["ReadWriteOnce"])),
    ],
    "downward-api": [
        ANSWER,
        set_field("Deployment", "shop", (*TPL, "volumes", 0, "downwardAPI", "items", 0),
                  {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}),
        set_field("Deployment", "shop", (*TPL, "containers", 0, "env", 2),
                  {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}),
        ANSWER,
        set_field("Deployment", "shop", (*TPL, "containers", 0, "env", 3),
                  {"name": "MEMORY_LIMIT_MI", "valueFrom": {"resourceFieldRef": {
                      "resource": "limits.memory", "divisor": "1Mi"}}}),
        fix(set_field("Deployment", "audit", (*TPL, "containers", 0, "env", 0, "valueFrom",
                                              "fieldRef", "fieldPath"), "metadata.labels['app']")),
    ],
}

LESSONS = load_lessons()


def test_eleven_lessons_one_per_topic_architecture_first() -> None:
    assert [lesson.id for lesson in LESSONS] == [
        "architecture", "deployments", "services", "config-secrets", "volumes",
        "persistent-volumes", "statefulsets", "jobs", "ingress", "networking", "downward-api"]
    assert set(LEARNER) == {lesson.id for lesson in LESSONS}


def _kinds_referenced(check: object) -> set[str]:
    """Kinds a step's check names (`Kind/name` strings anywhere in it)."""
    if isinstance(check, str):
        match = re.match(r"^([A-Z][A-Za-z]+)/", check)
        return {match.group(1)} if match else set()
    if isinstance(check, dict):
        return set().union(*(_kinds_referenced(v) for v in check.values()))
    if isinstance(check, list):
        return set().union(*(_kinds_referenced(v) for v in check))
    return set()


def test_each_lesson_uses_only_what_it_or_an_earlier_lesson_teaches() -> None:
    """Kinds in a lesson's diagram and in its steps' checks must be taught (`teaches:`) by that
    lesson or one before it: no lesson leans on a Service, Secret or claim taught later."""
    taught: set[str] = set()
    for lesson in LESSONS:
        taught |= set(lesson.teaches)
        used = {r.kind for r in lesson.document()}
        used |= set().union(*(_kinds_referenced(s.check) for s in lesson.steps))
        assert sorted(used - taught) == [], lesson.id


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_texts_exist_in_english_and_korean(lesson) -> None:
    for name in ("title", "explanation"):
        assert lesson.text(name, "en") and lesson.text(name, "ko")
        assert lesson.text(name, "en") != lesson.text(name, "ko")
    for step in lesson.steps:
        assert step.text("prompt", "en") and step.text("prompt", "ko")
        # a troubleshooting step is done without a hint; every other step has one
        assert bool(step.text("hint", "en")) == bool(step.text("hint", "ko")) == (
            step.kind != "troubleshoot" or bool(step.hint)), step.id
    assert all(url.startswith("https://kubernetes.io/docs/") for url in lesson.docs)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_every_lesson_has_depth_questions_and_a_troubleshooting_end(lesson) -> None:
    """5 to 8 steps, at least two predict-then-simulate questions, and as the last step a
    troubleshooting step whose own broken design the learner adds and repairs without a hint."""
    kinds = [step.kind for step in lesson.steps]
    assert 5 <= len(kinds) <= 8, kinds
    assert kinds.count("question") >= 2, kinds
    assert lesson.steps[-1].id == "troubleshoot"
    assert lesson.steps[-1].kind == "troubleshoot"


def test_korean_texts_use_the_glossary_terms() -> None:
    korean = " ".join(lesson.text("explanation", "ko") + " ".join(
        s.text("prompt", "ko") + s.text("hint", "ko") for s in lesson.steps) for lesson in LESSONS)
    assert [term for term in GLOSSARY if term not in korean] == []
    # the English kind name stands beside the Korean term where YAML needs it
    for pair in ("서비스(Service)", "디플로이먼트(Deployment)", "시크릿(Secret)",
                 "컨피그맵(ConfigMap)", "스테이트풀셋(StatefulSet)", "인그레스(Ingress)"):
        assert pair in korean


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_diagram_loads_and_breaks_only_as_the_lesson_says(lesson) -> None:
    loaded = lesson.load_diagram()
    assert loaded.problems == []
    doc = Document(loaded.resources)
    found = {f.rule for f in validate_document(doc)}
    assert found == set(lesson.expected_findings)
    comment = lesson.diagram.read_text(encoding="utf-8")
    for rule in lesson.expected_findings:  # the diagram says which breakage is deliberate
        assert rule in comment


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_walking_the_steps_as_a_learner(lesson) -> None:
    """Tasks: the edit flips the step to done (and undo back). Questions: a wrong pick leaves the
    step open, the simulation's own value (one of the lesson's choices) closes it. Troubleshooting:
    the broken design is added (the step stays open), then the learner's repair closes it."""
    doc = lesson.document()
    graph = WiringGraph(doc)
    stack = UndoStack(doc)
    answered: set[str] = set()
    learner = LEARNER[lesson.id]
    assert len(learner) == len(lesson.steps)
    assert not any(s.done for s in progress(lesson, doc, graph))
    for index, act in enumerate(learner):
        step = lesson.steps[index]
        statuses = progress(lesson, doc, graph, answered=answered)
        assert current_step(statuses) == index
        assert not statuses[index].done, statuses[index].results
        if step.question is not None:
            assert act is ANSWER, step.id
            _answer(lesson, step, doc, graph, answered)
            continue
        assert act is not ANSWER, step.id
        if getattr(act, "troubleshoot", False):
            for res in lesson.broken_design(step).resources:
                stack.push(AddResource(res))
            statuses = progress(lesson, doc, graph, answered=answered)
            assert all(s.done for s in statuses[:index]) and not statuses[index].done
        before = json.dumps([r.manifest for r in doc], sort_keys=True)
        stack.push(act(doc, graph))
        statuses = progress(lesson, doc, graph, answered=answered)
        assert statuses[index].done, statuses[index].results
        assert all(s.done for s in statuses[: index + 1])
        stack.undo()  # undo makes the step not done again, redo restores it
        assert json.dumps([r.manifest for r in doc], sort_keys=True) == before
        assert not progress(lesson, doc, graph, answered=answered)[index].done
        stack.redo()
    assert current_step(progress(lesson, doc, graph, answered=answered)) is None
    assert validate_document(doc) == []
    exported = dump_resources(list(doc))  # the finished diagram exports YAML that validates
    assert validate_document(Document(load_text(exported).resources)) == []


def _answer(lesson, step, doc: Document, graph: WiringGraph, answered: set[str]) -> None:
    state = LessonState(doc, graph)
    measured = measure(step.question, state)
    choices = [str(c) for c in step.question["choices"]]
    if step.id == "predict-name":  # the pod's name is generated: the simulation adds it
        assert measured.value not in choices and measured.value.startswith("shop-")
        choices = question_choices(step.question, measured)
    assert measured.value in choices, (step.id, measured.value)  # the lesson offers the answer
    wrong = next(c for c in choices if c != measured.value)
    verdict = answer_question(step.question, wrong, state)
    assert not verdict.correct and verdict.measured.value == measured.value
    assert measured.why.en and measured.why.ko
    verdict = answer_question(step.question, measured.value, state)
    assert verdict.correct
    answered.add(step.id)
    assert progress(lesson, doc, graph, answered=answered)[lesson.steps.index(step)].done


def test_a_malformed_lesson_is_reported_with_its_file_and_step(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "lesson.yaml").write_text(
        "title: T\ntitle_ko: 티\nexplanation: E\nexplanation_ko: 이\n"
        "docs: [https://kubernetes.io/docs/]\nsteps:\n"
        "  - {prompt: p, prompt_ko: 프, hint: h, hint_ko: 힌, check: {edges: {}}}\n",
        encoding="utf-8")
    with pytest.raises(LessonError, match=r"lesson.yaml: step 1: unknown check 'edges'"):
        load_lesson(folder)
    (folder / "lesson.yaml").write_text("title: T\n", encoding="utf-8")
    with pytest.raises(LessonError, match="title_ko is missing"):
        load_lesson(folder)
