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
from kubecanvas.model.edits import Compound, Edit, SetField, UndoStack
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource
from kubecanvas.teaching.lessons import (
    LessonError,
    current_step,
    load_lesson,
    load_lessons,
    progress,
)
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


TPL = ("spec", "template", "spec")

LEARNER: dict[str, list[Learner]] = {
    "architecture": [
        set_field("Deployment", "web", (*TPL, "containers", 0, "image"), "nginx:1.27"),
        set_field("Deployment", "web", ("spec", "replicas"), 3),
        wire(("Service", "web"), ("Deployment", "web"), "selects pods app=web"),
        set_field("Deployment", "client", (*TPL, "containers", 0, "env", 0, "value"),
                  "http://web"),
        set_field("Service", "web", ("spec", "ports", 0, "targetPort"), "http"),
    ],
    "networking": [
        set_field("Deployment", "web", ("spec", "replicas"), 3),
        wire(("NetworkPolicy", "api-allow-web"), ("Deployment", "api"), "applies to"),
        set_field("NetworkPolicy", "api-allow-web",
                  ("spec", "ingress", 0, "from", 0, "podSelector", "matchLabels"), {"app": "web"}),
    ],
    "deployments": [
        set_field("Deployment", "web", ("spec", "template", "metadata", "labels", "tier"),
                  "frontend"),
        set_field("Deployment", "web", ("spec", "replicas"), 4),
        fields(set_field("Deployment", "web", ("spec", "strategy", "rollingUpdate", "maxSurge"), 1),
               set_field("Deployment", "web",
                         ("spec", "strategy", "rollingUpdate", "maxUnavailable"), 0)),
    ],
    "statefulsets": [
        wire(("StatefulSet", "db"), ("Service", "db"), "headless"),
        set_field("StatefulSet", "db", ("spec", "replicas"), 3),
        set_field("StatefulSet", "db", ("spec", "podManagementPolicy"), "Parallel"),
    ],
    "jobs": [
        set_field("Job", "thumbnails", (*TPL, "restartPolicy"), "Never"),
        fields(set_field("Job", "thumbnails", ("spec", "completions"), 6),
               set_field("Job", "thumbnails", ("spec", "parallelism"), 2)),
        set_field("CronJob", "nightly-report", ("spec", "schedule"), "30 2 * * *"),
    ],
    "services": [
        wire(("Service", "web"), ("Deployment", "web"), "selects pods app=web"),
        set_field("Service", "web", ("spec", "ports", 0, "targetPort"), "http"),
        set_field("Service", "web", ("spec", "type"), "NodePort"),
    ],
    "ingress": [
        set_field("Ingress", "shop",
                  ("spec", "rules", 0, "http", "paths", 1, "backend", "service", "name"), "api"),
        wire(("Ingress", "shop"), ("Secret", "shop-tls"), "terminates TLS"),
        wire(("Ingress", "shop"), ("Service", "web"), "unmatched requests"),
    ],
    "config-secrets": [
        set_field("Secret", "app-secret", ("data", "password"), "czNjcmV0"),
        wire(("Deployment", "app"), ("ConfigMap", "app-config"), "environment variables"),
        set_field("Deployment", "app",
                  (*TPL, "containers", 0, "env", 0, "valueFrom", "secretKeyRef", "key"), "password"),
    ],
    "volumes": [
        set_field("Deployment", "web", (*TPL, "volumes", 0, "name"), "cache"),
        wire(("Deployment", "web"), ("ConfigMap", "nginx-conf"), "as files",
             mount_path="/etc/nginx/conf.d"),
        fields(set_field("Deployment", "web", (*TPL, "volumes", 3), {
            "name": "podinfo", "downwardAPI": {"items": [
                {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}}),
            set_field("Deployment", "web", (*TPL, "containers", 1, "volumeMounts", 1),
                      {"name": "podinfo", "mountPath": "/etc/podinfo"})),
    ],
    "persistent-volumes": [
        set_field("PersistentVolumeClaim", "data", ("spec", "storageClassName"), "manual"),
        wire(("Deployment", "app"), ("PersistentVolumeClaim", "data"), "mounts claim",
             mount_path="/var/lib/app"),
        set_field("PersistentVolume", "pv-big", ("spec", "persistentVolumeReclaimPolicy"),
                  "Retain"),
    ],
    "downward-api": [
        set_field("Deployment", "shop", (*TPL, "volumes", 0, "downwardAPI", "items", 0),
                  {"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}),
        set_field("Deployment", "shop", (*TPL, "containers", 0, "env", 2),
                  {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}}),
        set_field("Deployment", "shop", (*TPL, "containers", 0, "env", 3),
                  {"name": "MEMORY_LIMIT_MI", "valueFrom": {"resourceFieldRef": {
                      "resource": "limits.memory", "divisor": "1Mi"}}}),
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
        for name in ("prompt", "hint"):
            assert step.text(name, "en") and step.text(name, "ko")
    assert all(url.startswith("https://kubernetes.io/docs/") for url in lesson.docs)


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
    doc = lesson.document()
    graph = WiringGraph(doc)
    stack = UndoStack(doc)
    learner = LEARNER[lesson.id]
    assert len(learner) == len(lesson.steps)
    assert not any(s.done for s in progress(lesson, doc, graph))
    for index, act in enumerate(learner):
        statuses = progress(lesson, doc, graph)
        assert current_step(statuses) == index
        assert not statuses[index].done, statuses[index].results
        before = json.dumps([r.manifest for r in doc], sort_keys=True)
        stack.push(act(doc, graph))
        statuses = progress(lesson, doc, graph)
        assert statuses[index].done, statuses[index].results
        assert all(s.done for s in statuses[: index + 1])
        stack.undo()  # undo makes the step not done again, redo restores it
        assert json.dumps([r.manifest for r in doc], sort_keys=True) == before
        assert not progress(lesson, doc, graph)[index].done
        stack.redo()
    assert current_step(progress(lesson, doc, graph)) is None
    assert validate_document(doc) == []
    exported = dump_resources(list(doc))  # the finished diagram exports YAML that validates
    assert validate_document(Document(load_text(exported).resources)) == []


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
