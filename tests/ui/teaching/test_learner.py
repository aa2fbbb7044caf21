"""Progress kept per learner while doing a lesson in the window; a teacher's lesson folder."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from kubecanvas.model.edits import SetField
from kubecanvas.teaching.lessons import lessons_root
from kubecanvas.teaching.progress_store import ProgressStore
from teaching.test_lessons import LEARNER


def test_tries_and_done_steps_are_recorded_and_exported(teaching, tmp_path: Path) -> None:
    window, controller = teaching()
    controller.learner.store = ProgressStore(tmp_path / "progress.json")
    window.settings.setValue("teaching/learner", "kim")
    services = next(x for x in controller.lessons_panel.lessons if x.id == "services")
    assert controller.open_lesson(services)
    session = window.session
    service = next(r for r in session.document if r.kind == "Service")
    window.editor.push(SetField(service.id, ("spec", "type"), "NodePort"))  # a try, not done
    window.editor.push(LEARNER["services"][0](session.document, session.graph))
    record = controller.learner.store.step("kim", "services", controller.lesson.steps[0].id)
    assert record is not None and record.tries == 2 and record.done
    controller.learner.store.export(tmp_path / "class.csv")
    with (tmp_path / "class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["learner"], r["lesson"], r["done"], r["tries"]) for r in rows] == [
        ("kim", "services", "True", "2")]
    controller.learner.reset()
    assert controller.learner.store.step("kim", "services",
                                         controller.lesson.steps[0].id) is None


def test_a_teachers_lesson_folder_is_checked_and_listed(teaching, tmp_path: Path) -> None:
    window, controller = teaching()
    course = tmp_path / "course"
    shutil.copytree(lessons_root() / "services", course / "my-services")
    text = (course / "my-services" / "lesson.yaml").read_text(encoding="utf-8")
    (course / "my-services" / "lesson.yaml").write_text(
        text.replace("id: services", "id: my-services").replace("order: 3", "order: 11"),
        encoding="utf-8")
    added = controller.learner.add_lessons(course)
    assert [lesson.id for lesson in added] == ["my-services"]
    panel = controller.lessons_panel
    assert panel.list.count() == 12 and panel.list.item(11).text().startswith("11. ")
