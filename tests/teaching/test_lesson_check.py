"""`kubecanvas lesson check`: a teacher's lesson checked with file and line (issue #14)."""

from __future__ import annotations

import re
from pathlib import Path

from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.lesson_check import check_path
from kubecanvas.teaching.lessons import lessons_root, load_lesson, progress

DOCS = Path(__file__).resolve().parents[2] / "docs" / "lessons.md"
DIAGRAM = """\
# Deliberate breakage: the Service selects app=wbe (service.selector.no-match).
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: wbe}
  ports: [{port: 80, targetPort: http}]
"""


def documented_example() -> str:
    """The lesson.yaml example of docs/lessons.md, exactly as a teacher would copy it."""
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"## lesson.yaml\s+```yaml\n(.*?)```", text, re.S)
    assert block is not None
    return block.group(1)


def write(folder: Path, lesson: str, diagram: str = DIAGRAM) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lesson.yaml").write_text(lesson, encoding="utf-8")
    (folder / "diagram.yaml").write_text(diagram, encoding="utf-8")
    return folder


def test_a_lesson_written_from_the_documented_format_loads_and_checks(tmp_path: Path) -> None:
    folder = write(tmp_path / "services", documented_example())
    assert check_path(folder) == []
    lesson = load_lesson(folder)
    doc = lesson.document()
    [status] = progress(lesson, doc, WiringGraph(doc))
    assert not status.done  # the learner has something to do


def test_the_shipped_lessons_check_clean() -> None:
    assert [str(p) for p in check_path(lessons_root())] == []


def test_problems_name_the_file_and_line(tmp_path: Path) -> None:
    broken = documented_example().replace("hint_ko:", "hunt_ko:").replace(
        "- service.selector.no-match", "- service.selector.no-such-rule")
    folder = write(tmp_path / "broken", broken)
    problems = check_path(folder)
    lines = broken.splitlines()
    shown = [(Path(p.file).name, p.line, p.message) for p in problems]
    assert ("lesson.yaml", next(i for i, text in enumerate(lines, 1) if "no-such-rule" in text),
            "expected_findings: 'service.selector.no-such-rule' is not a rule id") in shown
    hint_line = next(i for i, text in enumerate(lines, 1) if text.strip().startswith("- id:"))
    assert any(m.startswith("step 1: hint_ko is missing") and line == hint_line
               for _, line, m in shown)


def test_unknown_check_bad_yaml_and_a_step_already_done(tmp_path: Path) -> None:
    lesson = documented_example()
    unknown = lesson.replace("- edge:", "- edgy:")
    [problem] = check_path(write(tmp_path / "a", unknown))
    assert "unknown check 'edgy'" in problem.message
    assert unknown.splitlines()[problem.line - 1].strip().startswith("- edgy")
    [bad] = check_path(write(tmp_path / "b", lesson.replace("title: Services", "title: [oops")))
    assert bad.message.startswith("not valid YAML") and bad.line > 1
    fixed = DIAGRAM.replace("app: wbe", "app: web")
    problems = check_path(write(tmp_path / "c", lesson.replace(
        "  - service.selector.no-match\n", ""), fixed.replace("# Deliberate", "# No")))
    assert [p.message for p in problems] == [
        "step 1 (fix-selector): the check already passes on the starting diagram, so there is "
        "nothing to do"]


def test_a_folder_without_lessons_is_reported(tmp_path: Path) -> None:
    [problem] = check_path(tmp_path)
    assert "no lesson.yaml" in problem.message
