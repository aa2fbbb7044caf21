"""Counted texts through Qt's plural forms: "1 error", "2 errors", and Korean's one form;
articles that fit the word ("an Ingress")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from tests.ui.test_i18n import asked_texts, ts_contexts

from kubecanvas.model.document import Document
from kubecanvas.model.templates import new_resource
from kubecanvas.model.text import a_an
from kubecanvas.ui import i18n
from kubecanvas.ui.i18n import tr
from kubecanvas.ui.panels.palette import KIND_ROLE, PalettePanel


@pytest.fixture
def english(qapp) -> Iterator[None]:
    i18n.set_language("en")
    yield


@pytest.fixture
def korean(qapp) -> Iterator[None]:
    i18n.set_language("ko")
    yield
    i18n.set_language("en")
    i18n.MISSING.clear()


def test_english_counts_take_singular_and_plural(english) -> None:
    assert tr("%n error(s)", 1) == "1 error"
    assert tr("%n error(s)", 2) == "2 errors"
    assert tr("%n error(s)", 0) == "0 errors"
    assert tr("Move %n resource(s)", 1) == "Move 1 resource"


def test_korean_counts_have_one_form(korean) -> None:
    assert tr("%n error(s)", 1) == "오류 1개"
    assert tr("%n error(s)", 5) == "오류 5개"
    assert not i18n.MISSING


def test_every_counted_text_has_english_and_korean_forms() -> None:
    counted = {t for t in asked_texts()[i18n.EDITOR] if "%n" in t}
    assert len(counted) >= 10
    english = ts_contexts(i18n.i18n_dir() / "kubecanvas_editor_en.ts")[i18n.EDITOR]
    korean = ts_contexts()[i18n.EDITOR]
    for text in sorted(counted):
        assert len(english[text].split("|")) == 2, text
        assert "%n" in korean[text] and "|" not in korean[text], text
    assert set(english) == counted  # nothing stale in the English file


def test_english_binary_matches_its_source() -> None:
    translator = QTranslator()
    assert translator.load(str(i18n.i18n_dir() / "kubecanvas_editor_en.qm"))
    for source, forms in ts_contexts(i18n.i18n_dir() / "kubecanvas_editor_en.ts")[
            i18n.EDITOR].items():
        one, many = forms.split("|")
        assert translator.translate(i18n.EDITOR, source, None, 1) == one
        assert translator.translate(i18n.EDITOR, source, None, 3) == many


def test_problems_summary_counts_one_error_in_the_singular(make_window) -> None:
    window = make_window([new_resource("Service", Document())])
    text = window.problems.summary.text()
    assert "1 warning" in text or "1 error" in text or "1 note" in text
    assert "1 errors" not in text and "1 warnings" not in text and "1 notes" not in text


@pytest.mark.parametrize(("word", "article"), [
    ("Ingress", "an"), ("IngressClass", "an"), ("Deployment", "a"),
    ("HorizontalPodAutoscaler", "a"), ("Service", "a"), ("", "a")])
def test_article(word: str, article: str) -> None:
    assert a_an(word) == article


def test_palette_hint_uses_the_fitting_article(english) -> None:
    panel = PalettePanel()
    hints = {panel.list.item(i).data(KIND_ROLE): panel.list.item(i).toolTip()
             for i in range(panel.list.count()) if panel.list.item(i).data(KIND_ROLE)}
    assert hints["Ingress"].endswith("add an Ingress")
    assert hints["Deployment"].endswith("add a Deployment")


def test_what_happens_says_one_pod_in_the_singular(make_window) -> None:
    from tests.model.factories import deployment, service

    web, svc = deployment("web", replicas=1), service("front", {"app": "web"})
    window = make_window([web, svc])
    panel = window.teaching.happens_panel
    panel.show()
    window.scene.select_ids([svc.id])
    panel.show_resource(svc.id)
    panel.refresh()
    text = panel.browser.toPlainText()
    assert "Traffic reaches 1 pod." in text and "1 pods" not in text
    assert "(1 endpoint)" in text


def test_what_happens_counts_endpoints_after_the_noun_in_korean(make_window) -> None:
    from tests.model.factories import deployment, service

    from kubecanvas.ui import i18n

    web, svc = deployment("web", replicas=1), service("front", {"app": "web"})
    window = make_window([web, svc])
    window.set_language("ko")
    try:
        panel = window.teaching.happens_panel
        panel.show()
        window.scene.select_ids([svc.id])
        panel.show_resource(svc.id)
        panel.refresh()
        text = panel.browser.toPlainText()
        assert "(엔드포인트 1개)" in text and "(1 엔드포인트)" not in text
    finally:
        window.set_language("en")
        i18n.set_language("en")
