"""English and Korean: switching, persistence, and a Korean text for every visible string."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kubecanvas.ui.teaching import i18n
from kubecanvas.ui.teaching.i18n import CONTEXT, has_hangul

from .helpers import LESSONS, select
from .test_happens import learn

TS = i18n.i18n_dir() / "kubecanvas_ko.ts"
#: English terms and the Korean glossary term their translation must use.
GLOSSARY = {"Pod": "파드", "pod": "파드", "ReplicaSet": "레플리카셋", "Service": "서비스",
            "Ingress": "인그레스", "Secret": "시크릿", "PersistentVolume": "퍼시스턴트볼륨",
            "Job": "잡"}


def ts_messages() -> dict[str, str]:
    root = ET.parse(TS).getroot()
    return {str(m.findtext("source")): str(m.findtext("translation"))
            for m in root.iter("message")}


def visible_texts(controller) -> list[str]:
    """Every text a user sees on the teaching docks, menus and actions (not simulation output)."""
    texts = [controller.menu.title(), controller.language_menu.title()]
    texts += [a.text() for a in controller.actions.values()]
    texts += [a.text() for a in controller.menu.actions() if a.text()]
    for dock in (controller.lessons_panel, controller.happens_panel, controller.explain_panel):
        texts.append(dock.windowTitle())
        for widget in dock.findChildren(QWidget):
            if widget.isHidden() or not widget.isVisibleTo(dock):
                continue
            if isinstance(widget, QLabel | QAbstractButton):
                texts.append(widget.text())
            if isinstance(widget, QLineEdit):
                texts.append(widget.placeholderText())
    panel = controller.lessons_panel
    texts += [panel.list.item(i).text() for i in range(panel.list.count())]
    return [t for t in texts if t and i18n.has_letters(t)]


def test_switching_to_korean_translates_and_is_remembered(teaching, tmp_path) -> None:
    window, controller = teaching("services")
    assert controller.lessons_panel.windowTitle() == "Lessons"
    controller.language_actions["ko"].trigger()
    assert i18n.language() == "ko"
    assert controller.lessons_panel.windowTitle() == "레슨"
    assert controller.lessons_panel.title.text() == "서비스와 레이블 셀렉터"
    assert "셀렉터" in controller.lessons_panel.steps[0].prompt.text()
    assert controller.lessons_panel.steps[0].hint_button.text() == "힌트"
    assert controller.menu.title() == "학습(&T)"
    assert controller.actions["present"].text() == "프레젠테이션 모드(&P)"
    select(window, "Service", "web")
    assert controller.happens_panel.heading.text() == "서비스(Service) web"
    assert "트래픽이 어떤 파드에도 도달하지 않습니다." in controller.happens_panel.browser.toPlainText()
    assert controller.explain_panel.browser.toPlainText().startswith("서비스(Service)")
    assert window.settings.value(i18n.SETTINGS_KEY) == "ko"
    controller.language_actions["en"].trigger()
    assert controller.lessons_panel.title.text() == "Services and label selectors"


def test_the_next_start_opens_in_the_remembered_language(make_window, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    first = make_window()
    first.teaching.language_actions["ko"].trigger()  # the user picks Korean ...
    first.settings.sync()
    i18n.set_language("en")
    try:  # ... and the next start (same settings file) opens in Korean
        window = make_window()
        assert QSettings(first.settings.fileName(), QSettings.Format.IniFormat).value(
            i18n.SETTINGS_KEY) == "ko"
        controller = window.teaching
        assert controller.lessons_panel.windowTitle() == "레슨"
        assert controller.language_actions["ko"].isChecked()
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_every_visible_string_is_korean(teaching, lesson_id) -> None:
    window, controller = teaching(lesson_id)
    controller.set_language("ko")
    for step in controller.lessons_panel.steps:
        step.hint_button.click()
    learn(window, lesson_id, 1)
    for res in list(window.session.document):  # every simulation's headings
        window.scene.select_ids([res.id])
        if res.kind == "Ingress":
            controller.happens_panel.walk()
            assert controller.overlay.items
    window.scene.clearSelection()
    controller.presentation.enter()
    texts = visible_texts(controller) + [controller.presentation.caption.text()]
    controller.presentation.leave()
    assert len(texts) > 30
    english = [t for t in texts if not has_hangul(t) and t not in i18n.LANGUAGES.values()]
    assert english == []
    assert set() == i18n.MISSING


def test_the_translation_binary_matches_its_source() -> None:
    """`kubecanvas_ko.qm` was rebuilt after the last edit of `kubecanvas_ko.ts`."""
    messages = ts_messages()
    translator = QTranslator()
    assert translator.load(str(i18n.i18n_dir() / "kubecanvas_ko.qm"))
    assert {s: translator.translate(CONTEXT, s) for s in messages} == messages
    assert all(has_hangul(t) for t in messages.values())


def asked_texts() -> set[str]:
    """Every literal text the teaching UI code passes to `tr()`, and its action texts."""
    from kubecanvas.ui.teaching import controller, happens_panel, happens_render, learner

    literal = r'"[^"]*"|\'[^\']*\''
    asked: set[str] = set()
    for path in Path(controller.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(rf"\btr\(\s*((?:(?:{literal})\s*)+)\)", source):
            asked.add("".join(p[1:-1] for p in re.findall(literal, match.group(1))))
    asked |= {text for _name, text, _keys in controller.ACTIONS}
    asked |= {text for _name, text in learner.ACTIONS}
    asked |= set(happens_render.STAGES.values()) | set(happens_render.OUTCOMES.values())
    asked |= {happens_panel.NOTHING_TO_SIMULATE, happens_panel.TOO_LARGE,
              happens_panel.POLICY_TOO_LARGE}
    return asked


def test_every_text_the_code_asks_for_is_translated() -> None:
    asked = asked_texts()
    assert len(asked) > 90
    assert sorted(asked - set(ts_messages())) == []
    assert sorted(set(ts_messages()) - asked) == []  # and the file holds nothing stale


def test_korean_uses_the_glossary_terms() -> None:
    for source, translation in ts_messages().items():
        for english, korean in GLOSSARY.items():
            if re.search(rf"\b{english}s?\b", source):
                assert korean in translation, (source, translation)


def test_every_lesson_and_step_has_both_languages() -> None:
    for lesson in LESSONS.values():
        for name in ("title", "explanation"):
            assert lesson.text(name, "en") and has_hangul(lesson.text(name, "ko"))
        for step in lesson.steps:
            assert step.text("prompt", "en") and has_hangul(step.text("prompt", "ko"))
            if step.kind != "troubleshoot":  # troubleshooting is done without a hint
                assert step.text("hint", "en") and has_hangul(step.text("hint", "ko"))


def test_an_unknown_language_is_refused(tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr", settings)
    assert i18n.stored_language(settings) == "en"
