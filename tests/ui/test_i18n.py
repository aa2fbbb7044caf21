"""English and Korean for the editor: the translation files, the switch, and persistence.

The walk over a fully built Korean window is in `test_i18n_walk.py`.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTranslator

import kubecanvas.ui
from kubecanvas.ui import i18n
from kubecanvas.ui.commands.diagram_formats import DIAGRAM_FORMATS
from kubecanvas.ui.i18n import EDITOR, KINDS, has_hangul

UI = Path(kubecanvas.ui.__file__).parent
TS = i18n.i18n_dir() / "kubecanvas_editor_ko.ts"
#: English words and the glossary term their Korean translation must use
GLOSSARY = {"Pod": "파드", "Deployment": "디플로이먼트", "ReplicaSet": "레플리카셋",
            "StatefulSet": "스테이트풀셋", "Job": "잡", "CronJob": "크론잡", "Service": "서비스",
            "Ingress": "인그레스", "ConfigMap": "컨피그맵", "Secret": "시크릿",
            "PersistentVolume": "퍼시스턴트볼륨",
            "PersistentVolumeClaim": "퍼시스턴트볼륨클레임", "Namespace": "네임스페이스",
            "Labels?": "레이블", "Selector": "셀렉터"}
#: the standard desktop terms of the menus
MENU_TERMS = {"&File": "파일(&F)", "&Edit": "편집(&E)", "&View": "보기(&V)", "&Open…": "열기(&O)…",
              "&Save": "저장(&S)", "Save &As…": "다른 이름으로 저장(&A)…", "&Undo": "실행 취소(&U)",
              "&Redo": "다시 실행(&R)", "Cu&t": "잘라내기(&T)", "&Copy": "복사(&C)",
              "&Paste": "붙여넣기(&P)", "&Delete": "삭제(&D)", "Select &All": "모두 선택(&A)",
              "&Find…": "찾기(&F)…", "Zoom &In": "확대(&I)", "Zoom &Out": "축소(&O)"}
#: calls whose first literal argument is a text shown to users (FieldSpec: the form label,
#: FieldError: a form error template). `tr` looks up under its module's context: "Editor", or
#: the one its module names with `tr = translator("...")`.
_CALLS = {"tr", "N_", "FieldError", "FieldSpec"}


def _translation(message: ET.Element) -> str:
    """A message's translation; a counted one's plural forms joined by `|`."""
    forms = [f.text or "" for f in message.iter("numerusform")]
    return "|".join(forms) if forms else str(message.findtext("translation"))


def ts_contexts(path: Path = TS) -> dict[str, dict[str, str]]:
    root = ET.parse(path).getroot()
    return {str(c.findtext("name")): {str(m.findtext("source")): _translation(m)
                                      for m in c.iter("message")}
            for c in root.iter("context")}


def _module_context(module: ast.Module) -> str:
    """The context of a module's `tr`: the argument of `tr = translator("...")`, else Editor."""
    for stmt in module.body:
        if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "tr"
                                                for t in stmt.targets):
            call = stmt.value
            assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and \
                call.func.id == "translator", ast.dump(stmt)
            first = call.args[0]
            if isinstance(first, ast.Name) and first.id == "EDITOR":  # ui/i18n.py's own
                return EDITOR
            assert isinstance(first, ast.Constant) and isinstance(first.value, str)
            return first.value
    return EDITOR


class _Asked(ast.NodeVisitor):
    def __init__(self) -> None:
        self.context = EDITOR
        self.found: dict[str, set[str]] = {}

    def visit_Module(self, node: ast.Module) -> None:
        self.context = _module_context(node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else \
            func.attr if isinstance(func, ast.Attribute) else ""
        first = node.args[0] if node.args else None
        if name in _CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            assert not isinstance(func, ast.Attribute), "QObject.tr: use the module's tr()"
            self.found.setdefault(self.context if name == "tr" else EDITOR, set()).add(
                first.value)
        self.generic_visit(node)


def asked_texts() -> dict[str, set[str]]:
    """Every literal text the editor's modules (not teaching's) ask to be translated."""
    visitor = _Asked()
    for path in sorted(UI.rglob("*.py")):
        if "teaching" in path.relative_to(UI).parts:
            continue
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    visitor.found.setdefault(EDITOR, set()).update(KINDS, DIAGRAM_FORMATS.values())
    return visitor.found


def test_every_text_the_editor_asks_for_is_translated_and_nothing_is_stale() -> None:
    asked, messages = asked_texts(), ts_contexts()
    assert sum(map(len, asked.values())) > 280
    for context, texts in asked.items():
        assert sorted(texts - set(messages.get(context, {}))) == [], context
    for context, translations in messages.items():
        assert sorted(set(translations) - asked.get(context, set())) == [], context  # stale
        for source, text in translations.items():
            words = i18n.has_letters(re.sub(r"\{\w+\}", "", source))  # not only placeholders
            assert has_hangul(text) or not words, (context, source, text)
            assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", text)), \
                (source, text)  # the same placeholders, so .format() fills both


def test_the_binaries_match_their_sources() -> None:
    """Each `.qm` was rebuilt with pyside6-lrelease after the last edit of its `.ts`."""
    for name in i18n.CATALOGUES:
        translator = QTranslator()
        assert translator.load(str(i18n.i18n_dir() / f"{name}_ko.qm")), name
        for context, messages in ts_contexts(i18n.i18n_dir() / f"{name}_ko.ts").items():
            assert {s: translator.translate(context, s, None, 2 if "%n" in s else -1)
                    for s in messages} == messages


def test_korean_uses_the_glossary_and_the_standard_menu_terms() -> None:
    editor = ts_contexts()[EDITOR]
    for source, translation in editor.items():
        for english, korean in GLOSSARY.items():
            if re.search(rf"\b{english}s?\b", source):
                assert korean in translation, (source, translation)
    for source, translation in MENU_TERMS.items():
        assert editor[source] == translation
    for source, translation in editor.items():  # every mnemonic survives, Korean style
        mnemonic = re.search(r"&(\w)", source)
        if mnemonic:
            assert f"(&{mnemonic.group(1).upper()})" in translation, (source, translation)


@pytest.fixture
def korean(qapp) -> Iterator[None]:
    i18n.set_language("ko")
    yield
    i18n.set_language("en")
    i18n.MISSING.clear()


def test_qt_own_file_dialog_texts_are_korean_too(korean) -> None:
    """Qt's shipped qtbase_ko is installed with the application's catalogues, so Qt's own file
    dialog says 파일 형식 instead of "Files of type:"."""
    from PySide6.QtCore import QCoreApplication

    assert i18n.qt_translator("ko") is not None
    for text in ("Look in:", "Files of type:"):
        assert i18n.has_hangul(QCoreApplication.translate("QFileDialog", text))
    i18n.set_language("en")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"


def test_kind_names_keep_the_english_name_for_yaml(korean) -> None:
    assert i18n.kind_label("Deployment") == "디플로이먼트 (Deployment)"
    assert i18n.kind_label("PersistentVolumeClaim") == "퍼시스턴트볼륨클레임 (PersistentVolumeClaim)"
    assert i18n.kind_label("Widget") == "Widget"  # a custom kind has no glossary term
    assert i18n.short_kind("Service") == "서비스"
    i18n.set_language("en")
    assert i18n.kind_label("Deployment") == "Deployment"


def test_switching_retranslates_the_window_and_back(make_window) -> None:
    window = make_window()
    file_menu = window.menuBar().actions()[0]
    assert file_menu.text() == "&File"
    window.language_actions["ko"].trigger()
    try:
        assert i18n.language() == "ko" and window.language_actions["ko"].isChecked()
        assert file_menu.text() == "파일(&F)"
        assert window.actions_by_name["save_as"].text() == "다른 이름으로 저장(&A)…"
        assert window.actions_by_name["save"].iconText() == "저장"  # toolbar: no '(S)'
        assert window.palette_panel.windowTitle() == "팔레트"
        assert window.palette_panel.item_for("Deployment").text() == "디플로이먼트 (Deployment)"
        assert window.problems.tree.headerItem().text(1) == "문제"
        assert window.teaching.menu.title() == "학습(&T)"  # one setting for the teaching UI too
        assert window.teaching.language_actions["ko"].isChecked()
        assert window.settings.value(i18n.SETTINGS_KEY) == "ko"
        window.teaching.language_actions["en"].trigger()  # the Teaching menu's switch ...
        assert file_menu.text() == "&File"  # ... switches the editor back as well
        assert window.language_actions["en"].isChecked()
        assert window.palette_panel.item_for("Deployment").text() == "Deployment"
        assert window.problems.tree.headerItem().text(1) == "Problem"
        assert window.inspector.split.tabText(0) == "Form"
    finally:
        i18n.set_language("en")


def test_the_next_start_opens_in_the_chosen_language(make_window, tmp_path) -> None:
    first = make_window()
    first.set_language("ko")
    first.settings.sync()
    i18n.set_language("en")
    try:
        second = make_window()  # the same settings file
        assert i18n.language() == "ko"
        assert second.menuBar().actions()[0].text() == "파일(&F)"
        assert second.find_box.placeholderText() == "찾기: 이름, app=web, kind:서비스, ns:shop"
        assert second.language_actions["ko"].isChecked()
    finally:
        i18n.set_language("en")


def test_the_old_teaching_setting_is_still_read(tmp_path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(i18n.LEGACY_KEY, "ko")
    assert i18n.stored_language(settings) == "ko"
    i18n.set_language("en", settings)
    assert settings.value(i18n.SETTINGS_KEY) == "en" and not settings.contains(i18n.LEGACY_KEY)


def test_form_errors_are_shown_in_korean(make_window, korean) -> None:
    """A form error is a template and its values, so it can be shown in Korean."""
    from tests.model.factories import deployment

    window = make_window([deployment("web")])
    window.set_language("ko")
    window.scene.select_ids([next(iter(window.session.document)).id])
    field = window.inspector.field_widget("Replicas")
    field.setText("three")
    field.editingFinished.emit()
    assert window.inspector.form_error.text() == "레플리카 수: 정수여야 합니다('three' 값은 정수가 아닙니다)"
