"""English and Korean for the teaching UI, through Qt's own translation files.

Texts are written in English in the code and looked up with `tr()` under one context
("Teaching"); the Korean translations live in `resources/i18n/kubecanvas_ko.ts` (the source,
edited by hand, following the official Korean Kubernetes glossary) and `kubecanvas_ko.qm` (built
from it with `pyside6-lrelease resources/i18n/kubecanvas_ko.ts`, which ships with
PySide6-Essentials; a test fails when the two disagree). The chosen language is kept in QSettings
so the next start opens in it. Lesson and explanation texts carry both languages in their own
data files and are picked with `language()`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

CONTEXT = "Teaching"
SETTINGS_KEY = "teaching/language"
LANGUAGES = {"en": "English", "ko": "한국어"}

#: English texts asked for in Korean that had no translation (tests assert it stays empty).
MISSING: set[str] = set()

_state = {"language": "en"}
_translator: list[QTranslator] = []


def i18n_dir() -> Path:
    return Path(str(files("kubecanvas.resources") / "i18n"))


def language() -> str:
    """The current teaching language: 'en' or 'ko'."""
    return _state["language"]


def tr(text: str) -> str:
    """`text` in the current language (the English text when it has no translation)."""
    result = QCoreApplication.translate(CONTEXT, text)
    if _state["language"] != "en" and result == text and has_letters(text):
        MISSING.add(text)
    return result


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def stored_language(settings: QSettings) -> str:
    value = str(settings.value(SETTINGS_KEY, "en"))
    return value if value in LANGUAGES else "en"


def set_language(code: str, settings: QSettings | None = None) -> None:
    """Switch the teaching texts to `code` (installing the Qt translator) and remember it.

    Raises:
        ValueError: an unknown language, or a translation file that cannot be loaded.
    """
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    for old in _translator:
        if app is not None:
            app.removeTranslator(old)
    _translator.clear()
    if code != "en":
        translator = QTranslator()
        path = i18n_dir() / f"kubecanvas_{code}.qm"
        if not translator.load(str(path)):
            raise ValueError(f"{path}: cannot load the translation file")
        if app is not None:
            app.installTranslator(translator)
        _translator.append(translator)
    _state["language"] = code
    if settings is not None:
        settings.setValue(SETTINGS_KEY, code)
