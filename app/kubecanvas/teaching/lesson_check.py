"""Checking a lesson a teacher wrote: every problem with the file and line it is on.

`kubecanvas lesson check PATH` and the lessons panel's "Open Lesson Folder" use this before a
lesson is shown, so a teacher learns of a typo from the checker, not in front of a class. The
format itself is documented in docs/lessons.md; `load_lesson` stays the one reader, and this
module adds what it cannot say: the line of each problem (from the YAML node marks), the
diagram's own load problems, findings the diagram shows without `expected_findings` listing
them, unknown rule ids, and steps whose check already passes on the starting diagram (a step
nobody has to do).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.checks import LessonError, LessonState
from kubecanvas.teaching.lessons import (
    CHECK_KINDS,
    STEP_TEXT_FIELDS,
    TEXT_FIELDS,
    Step,
    evaluate_check,
    load_lesson,
)
from kubecanvas.teaching.questions import measure, question_shape
from kubecanvas.validation import RULES, validate_document


@dataclass(frozen=True, order=True)
class LessonProblem:
    """One thing wrong with a lesson, where it is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def lesson_folders(path: Path) -> list[Path]:
    """The lesson folders `path` names: a lesson.yaml, a lesson folder, or a folder of them."""
    if path.is_file():
        return [path.parent]
    if (path / "lesson.yaml").is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / "lesson.yaml").is_file()) \
        if path.is_dir() else []


def check_path(path: Path) -> list[LessonProblem]:
    """Every problem of every lesson under `path` (empty when all of them are fine)."""
    if not path.exists():
        return [LessonProblem(str(path), 0, "no such file or folder")]
    folders = lesson_folders(path)
    if not folders:
        return [LessonProblem(str(path), 0, "no lesson.yaml here (a lesson is a folder with "
                                            "lesson.yaml and diagram.yaml)")]
    return [p for folder in folders for p in check_lesson(folder)]


def _node_at(node: yaml.Node | None, *keys: str | int) -> yaml.Node | None:
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            node = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            node = node.value[key] if key < len(node.value) else None
        else:
            return None
    return node


def _line(root: yaml.Node | None, *keys: str | int) -> int:
    """1-based line of the value at `keys`, or of the nearest parent that exists."""
    while True:
        node = _node_at(root, *keys)
        if node is not None:
            return int(node.start_mark.line) + 1
        if not keys:
            return 1
        keys = keys[:-1]


def _structure(data: Mapping[str, Any], root: yaml.Node, file: str) -> Iterator[LessonProblem]:
    for name in TEXT_FIELDS:
        for key in (name, f"{name}_ko"):
            if not isinstance(data.get(key), str) or not data[key].strip():
                yield LessonProblem(file, _line(root, key), f"{key} is missing or empty")
    docs = data.get("docs")
    if not isinstance(docs, list) or not docs or not all(
            isinstance(d, str) and d.startswith("https://kubernetes.io/") for d in docs):
        yield LessonProblem(file, _line(root, "docs"), "docs must list kubernetes.io links")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        yield LessonProblem(file, _line(root, "steps"), "a lesson needs a list of steps")
        return
    known = {rule.id for rule in RULES}
    for i, rule in enumerate(data.get("expected_findings") or []):
        if str(rule) not in known:
            yield LessonProblem(file, _line(root, "expected_findings", i),
                                f"expected_findings: {rule!r} is not a rule id")
    for i, step in enumerate(steps):
        if not isinstance(step, Mapping):
            yield LessonProblem(file, _line(root, "steps", i), f"step {i + 1} is not a mapping")
            continue
        hint_needed = "troubleshoot" not in step  # troubleshooting is done without hints
        for name in STEP_TEXT_FIELDS:
            for key in (name, f"{name}_ko"):
                if (name == "prompt" or hint_needed) and (
                        not isinstance(step.get(key), str) or not step[key].strip()):
                    yield LessonProblem(file, _line(root, "steps", i, key),
                                        f"step {i + 1}: {key} is missing or empty")
        if "question" in step:
            try:
                question_shape(step["question"], f"step {i + 1}")
            except LessonError as exc:
                yield LessonProblem(file, _line(root, "steps", i, "question"), str(exc))
        else:
            yield from _check_shape(step.get("check"), root, file, ("steps", i, "check"), i)


def _check_shape(check: Any, root: yaml.Node, file: str, at: tuple[str | int, ...],
                 step: int) -> Iterator[LessonProblem]:
    line = _line(root, *at)
    if not isinstance(check, Mapping) or len(check) != 1:
        yield LessonProblem(file, line, f"step {step + 1}: a check is a mapping with exactly one "
                                        f"of {', '.join(CHECK_KINDS)}")
        return
    kind, value = next(iter(check.items()))
    if kind not in CHECK_KINDS:
        yield LessonProblem(file, line, f"step {step + 1}: unknown check {kind!r} (one of "
                                        f"{', '.join(CHECK_KINDS)})")
    elif kind in ("all", "any"):
        if not isinstance(value, list) or not value:
            yield LessonProblem(file, line, f"step {step + 1}: {kind} needs a list of checks")
            return
        for j, item in enumerate(value):
            yield from _check_shape(item, root, file, (*at, kind, j), step)
    elif kind == "not":
        yield from _check_shape(value, root, file, (*at, "not"), step)


def _semantics(folder: Path, root: yaml.Node, file: str) -> Iterator[LessonProblem]:
    """What needs the diagram: it loads, shows only the expected findings, every check can be
    evaluated and none is already done at the start."""
    try:
        lesson = load_lesson(folder)
    except LessonError as exc:
        yield LessonProblem(file, 1, str(exc))
        return
    if not lesson.diagram.is_file():
        yield LessonProblem(str(lesson.diagram), 0, "the lesson's diagram.yaml is missing")
        return
    loaded = lesson.load_diagram()
    for problem in loaded.problems:
        yield LessonProblem(str(lesson.diagram), problem.line, str(problem.message))
    doc = Document(loaded.resources)
    findings = validate_document(doc)
    unexpected = sorted({f.rule for f in findings} - set(lesson.expected_findings))
    for rule in unexpected:
        yield LessonProblem(str(lesson.diagram), 1, f"the diagram shows finding {rule}, which "
                                                    "expected_findings does not list")
    state = LessonState(doc, WiringGraph(doc), findings)
    for i, step in enumerate(lesson.steps):
        if step.question is not None:
            yield from _question(step, i, state, root, file)
            continue
        step_state = state
        if step.troubleshoot:
            broken = lesson.broken_design(step)
            for problem in broken.problems:
                yield LessonProblem(str(lesson.folder / step.troubleshoot), problem.line,
                                    str(problem.message))
            both = Document([*(r.clone() for r in doc), *broken.resources])
            step_state = LessonState(both, WiringGraph(both))
        yield from _not_done_yet(step, i, step_state, root, file)


def _question(step: Step, index: int, state: LessonState, root: yaml.Node,
              file: str) -> Iterator[LessonProblem]:
    assert step.question is not None
    try:
        measure(step.question, state)
    except (LessonError, KeyError, TypeError, ValueError) as exc:
        yield LessonProblem(file, _line(root, "steps", index, "question"),
                            f"step {index + 1} ({step.id}): the question cannot be simulated on "
                            f"the starting diagram: {exc}")


def _not_done_yet(step: Step, index: int, state: LessonState, root: yaml.Node,
                  file: str) -> Iterator[LessonProblem]:
    assert step.check is not None
    try:
        results = evaluate_check(step.check, state)
    except (LessonError, KeyError, TypeError, ValueError) as exc:
        yield LessonProblem(file, _line(root, "steps", index, "check"),
                            f"step {index + 1} ({step.id}): the check cannot be evaluated: {exc}")
        return
    if all(r.ok for r in results):
        yield LessonProblem(file, _line(root, "steps", index, "check"),
                            f"step {index + 1} ({step.id}): the check already passes on the "
                            "starting diagram, so there is nothing to do")


def check_lesson(folder: Path) -> list[LessonProblem]:
    """Every problem of one lesson folder, sorted by file and line."""
    path = folder / "lesson.yaml"
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except OSError as exc:
        return [LessonProblem(file, 0, f"cannot read: {exc.strerror or exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [LessonProblem(file, mark.line + 1 if mark else 1, f"not valid YAML: "
                              f"{getattr(exc, 'problem', None) or exc}")]
    if not isinstance(data, Mapping) or root is None:
        return [LessonProblem(file, 1, "a lesson is a mapping (title:, steps:, ...)")]
    problems = list(_structure(data, root, file))
    if not problems:
        problems = list(_semantics(folder, root, file))
    return sorted(problems)
