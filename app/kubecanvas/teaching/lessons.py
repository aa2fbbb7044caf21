"""Lessons: an example diagram, a short explanation and guided steps checked live.

Each lesson lives in `resources/lessons/<id>/`: `lesson.yaml` (titles, explanation, documentation
links and steps, in English and Korean) and `diagram.yaml` (the example application, plain
Kubernetes YAML). A step's `check` is declarative, so the lesson text says what done means and
`evaluate_check` decides it against the live model, the wiring graph, the validator's findings
and the simulations:

    edge:       {type: selects, from: Service/web, to: Deployment/web}
    no_edge:    {type: ..., from: ..., to: ...}
    finding:    service.selector.no-match        (or {rule: ..., resource: Kind/name})
    no_finding: service.selector.no-match
    field:      {resource: Deployment/web, path: spec.replicas, equals: 3}   (or in:, exists:)
    resource:   ConfigMap/app-config
    env:        {resource: Deployment/app, container: app, name: LOG_LEVEL, equals: debug}
    file:       {resource: Deployment/app, container: app, path: /etc/x/y, contains: z}
    binds:      {claim: PersistentVolumeClaim/data, volume: PersistentVolume/pv-big}
    reaches:    {ingress: Ingress/shop, request: GET shop.example.com/api, workload: Deployment/api}
    reachable:  {from: Deployment/web, to: Deployment/api, port: 8080, allowed: true}
    all: [...], any: [...], not: {...}

Two other kinds of step (see docs/lessons.md): a `question:` step asks the learner to predict
what a simulation will show (`kubecanvas.teaching.questions`; done once answered right), and a
`troubleshoot:` step adds a broken design from a file in the lesson folder, to be repaired
without a hint (done when its check, run by the validator and the simulations, holds).

Resources are named `Kind/name` (any namespace) or `Kind/namespace/name`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from kubecanvas.io import LoadResult, load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.checks import PRIMITIVES, CheckResult, LessonError, LessonState
from kubecanvas.teaching.questions import question_shape
from kubecanvas.teaching.text import Text, join
from kubecanvas.validation import Finding

LANGUAGES = ("en", "ko")
TEXT_FIELDS = ("title", "explanation")
STEP_TEXT_FIELDS = ("prompt", "hint")
CHECK_KINDS = ("edge", "no_edge", "finding", "no_finding", "field", "resource", "env", "file",
               "binds", "reaches", "reachable", "all", "any", "not")


@dataclass(frozen=True)
class Step:
    """One step. `check` is None for a question step (its `question` decides); `troubleshoot`
    names the YAML file of broken resources the step adds (its hint may be empty)."""

    id: str
    prompt: str
    prompt_ko: str
    hint: str
    hint_ko: str
    check: Mapping[str, Any] | None
    question: Mapping[str, Any] | None = None
    troubleshoot: str | None = None

    @property
    def kind(self) -> str:
        """'question', 'troubleshoot' or 'task'."""
        return "question" if self.question is not None else (
            "troubleshoot" if self.troubleshoot else "task")

    def text(self, name: str, language: str = "en") -> str:
        """`prompt` or `hint` in the language ('en' or 'ko')."""
        return str(getattr(self, name if language == "en" else f"{name}_{language}"))


@dataclass(frozen=True)
class Lesson:
    """One lesson as read from its folder.

    Attributes:
        expected_findings: rule ids the diagram shows on purpose before the steps are done
            (the breakage the steps ask the learner to fix); everything else must be clean.
        teaches: the kinds this lesson introduces; a lesson's diagram and checks may only use
            kinds taught by it or by a lesson before it (a test holds the order to that).
    """

    id: str
    order: int
    title: str
    title_ko: str
    explanation: str
    explanation_ko: str
    docs: tuple[str, ...]
    folder: Path
    steps: tuple[Step, ...]
    expected_findings: tuple[str, ...] = field(default=())
    teaches: tuple[str, ...] = field(default=())

    @property
    def diagram(self) -> Path:
        return self.folder / "diagram.yaml"

    def text(self, name: str, language: str = "en") -> str:
        return str(getattr(self, name if language == "en" else f"{name}_{language}"))

    def load_diagram(self) -> LoadResult:
        """The example application, read like any imported YAML."""
        return load_paths([self.diagram])

    def document(self) -> Document:
        """A fresh document holding the lesson's diagram."""
        return Document(self.load_diagram().resources)

    def broken_design(self, step: Step) -> LoadResult:
        """The resources a troubleshooting step adds to the design (read like any YAML)."""
        if not step.troubleshoot:
            raise LessonError(f"{self.folder}: step {step.id} is not a troubleshooting step")
        return load_paths([self.folder / step.troubleshoot])


def lessons_root() -> Path:
    return Path(str(files("kubecanvas.resources") / "lessons"))


def _require_text(data: Mapping[str, Any], names: Sequence[str], where: str) -> dict[str, str]:
    out = {}
    for name in names:
        for key in (name, f"{name}_ko"):
            value = data.get(key)
            if not isinstance(value, str) or not value.strip():
                raise LessonError(f"{where}: {key} is missing or empty")
            out[key] = value.strip()
    return out


def _check_shape(check: Any, where: str) -> None:
    if not isinstance(check, Mapping) or len(check) != 1:
        raise LessonError(f"{where}: a check is a mapping with exactly one of "
                          f"{', '.join(CHECK_KINDS)}")
    kind, value = next(iter(check.items()))
    if kind not in CHECK_KINDS:
        raise LessonError(f"{where}: unknown check {kind!r}")
    if kind in ("all", "any"):
        if not isinstance(value, list) or not value:
            raise LessonError(f"{where}: {kind} needs a non-empty list of checks")
        for item in value:
            _check_shape(item, where)
    elif kind == "not":
        _check_shape(value, where)


def _step(raw: Mapping[str, Any], index: int, folder: Path, where: str) -> Step:
    troubleshoot = raw.get("troubleshoot")
    question = raw.get("question")
    if troubleshoot is not None and not (isinstance(troubleshoot, str)
                                         and (folder / troubleshoot).is_file()):
        raise LessonError(f"{where}: troubleshoot names a YAML file in the lesson folder")
    texts = _require_text(raw, ("prompt",), where)
    if troubleshoot is None or raw.get("hint") or raw.get("hint_ko"):
        texts |= _require_text(raw, ("hint",), where)
    else:
        texts |= {"hint": "", "hint_ko": ""}  # a troubleshooting step is done without hints
    if question is not None:
        question_shape(question, where)
        if "check" in raw:
            raise LessonError(f"{where}: a question step has no check (the answer decides)")
    else:
        _check_shape(raw.get("check"), where)
    return Step(str(raw.get("id") or f"step-{index + 1}"), check=raw.get("check"),
                question=question, troubleshoot=troubleshoot, **texts)


def load_lesson(folder: Path) -> Lesson:
    """Read one lesson folder.

    Raises:
        LessonError: the file is missing, not YAML, or lacks a required field.
    """
    path = folder / "lesson.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LessonError(f"{path}: cannot read the lesson: {exc}") from exc
    if not isinstance(data, Mapping):
        raise LessonError(f"{path}: a lesson is a mapping")
    texts = _require_text(data, TEXT_FIELDS, str(path))
    steps = []
    for i, raw in enumerate(data.get("steps") or []):
        where = f"{path}: step {i + 1}"
        if not isinstance(raw, Mapping):
            raise LessonError(f"{where}: a step is a mapping")
        steps.append(_step(raw, i, folder, where))
    docs = data.get("docs")
    if not isinstance(docs, list) or not docs or not all(
            isinstance(d, str) and d.startswith("https://kubernetes.io/") for d in docs):
        raise LessonError(f"{path}: docs must list kubernetes.io links")
    if not steps:
        raise LessonError(f"{path}: a lesson needs steps")
    return Lesson(str(data.get("id") or folder.name), int(data.get("order") or 0), folder=folder,
                  docs=tuple(docs), steps=tuple(steps),
                  expected_findings=tuple(str(r) for r in data.get("expected_findings") or ()),
                  teaches=tuple(str(k) for k in data.get("teaches") or ()),
                  **texts)


def load_lessons(root: Path | None = None) -> list[Lesson]:
    """Every lesson under `root` (the shipped ones by default), in teaching order."""
    root = root or lessons_root()
    folders = sorted(p for p in root.iterdir() if (p / "lesson.yaml").is_file())
    return sorted((load_lesson(p) for p in folders), key=lambda lesson: (lesson.order, lesson.id))


# --- evaluating checks ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StepStatus:
    step: Step
    done: bool
    results: tuple[CheckResult, ...]


def evaluate_check(check: Mapping[str, Any], state: LessonState) -> list[CheckResult]:
    """The primitive results of one check; the check holds when all of them are ok (for `any`,
    one result summarises the alternatives)."""
    kind, value = next(iter(check.items()))
    if kind == "all":
        return [r for item in value for r in evaluate_check(item, state)]
    if kind == "any":
        options = [evaluate_check(item, state) for item in value]
        ok = any(all(r.ok for r in option) for option in options)
        text = join((join([r.text for r in o]) for o in options), " or ", " 또는 ")
        return [CheckResult(ok, text)]
    if kind == "not":
        results = evaluate_check(value, state)
        inner = join([r.text for r in results])
        return [CheckResult(not all(r.ok for r in results),
                            Text(f"not ({inner})", f"다음이 아님: ({inner.ko})"))]
    return [PRIMITIVES[kind](value, state)]


_ANSWERED = Text("answered with what the simulation shows", "시뮬레이션 결과와 같은 답을 고름")


def step_status(step: Step, state: LessonState,
                answered: Collection[str] = ()) -> StepStatus:
    """A task or troubleshooting step is done when its check holds now; a question step once
    the learner picked the answer the simulation gave (`answered` holds its id)."""
    if step.check is None:
        done = step.id in answered
        return StepStatus(step, done, (CheckResult(done, _ANSWERED),))
    results = tuple(evaluate_check(step.check, state))
    return StepStatus(step, all(r.ok for r in results), results)


def progress(lesson: Lesson, doc: Document, graph: WiringGraph,
             findings: Sequence[Finding] | None = None,
             answered: Collection[str] = ()) -> list[StepStatus]:
    """The status of every step of `lesson` against the document as it is now."""
    state = LessonState(doc, graph, findings)
    return [step_status(step, state, answered) for step in lesson.steps]


def current_step(statuses: Sequence[StepStatus]) -> int | None:
    """Index of the first step not done yet; None when the lesson is complete."""
    return next((i for i, s in enumerate(statuses) if not s.done), None)

