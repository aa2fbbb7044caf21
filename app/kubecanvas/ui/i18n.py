"""English and Korean for the whole editor, through Qt's own translation files.

Texts are written in English in the code and looked up with a `tr()` that `translator()` made
(context "Editor"; the teaching docks use their own context "Teaching", see
`kubecanvas.ui.teaching.i18n`). Texts kept in tables are marked with `N_()` so the tests can
find every text the code may ask for. The Korean translations live in `resources/i18n/*.ts`
(the sources, edited by hand, following the official Korean Kubernetes glossary) and the `.qm`
files built from them with `pyside6-lrelease resources/i18n/<name>.ts` (shipped with
PySide6-Essentials; a test fails when a source and its binary disagree). One language setting,
kept in QSettings, serves the editor and teaching mode, so the next start opens in the language
chosen last; `notifier.changed` tells every open window to retranslate itself at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

import kubecanvas.resources as shipped
from kubecanvas.model.text import Text, local

if TYPE_CHECKING:  # (PySide builds a class, and its enums, when first named: 1.1 ms of a
    from PySide6.QtCore import QSettings  # render, which keeps no settings)

EDITOR = "Editor"
SETTINGS_KEY = "language"
#: where versions before the editor was translated kept the (teaching) language
LEGACY_KEY = "teaching/language"
LANGUAGES = {"en": "English", "ko": "한국어"}
#: the translation files loaded for a language: `<name>_<code>.qm` under resources/i18n
CATALOGUES = ("kubecanvas", "kubecanvas_editor")
#: English needs a catalogue too, for its plural forms only ("%n error(s)" -> "1 error")
ENGLISH_CATALOGUES = ("kubecanvas_editor",)

#: English texts asked for in Korean that had no translation (tests assert it stays empty).
MISSING: set[str] = set()

_state = {"language": "en"}
_translators: list[QTranslator] = []
#: while `in_languages` words a text: the catalogues of the language it asks for, not installed
_asking: list[list[QTranslator]] = []
_catalogues: dict[str, list[QTranslator]] = {}


class _Notifier(QObject):
    """Emits `changed(code)` after the language switched (windows retranslate on it)."""

    changed = Signal(str)


notifier = _Notifier()


def i18n_dir() -> Path:
    """Beside the `kubecanvas.resources` package's own file, as `io.kinds_file.shipped_kinds`
    finds its data: `importlib.resources` costs a small render 7 ms of imports."""
    return Path(str(shipped.__file__)).parent / "i18n"


def language() -> str:
    """The current language: 'en' or 'ko'."""
    return _state["language"]


def translate(context: str, text: str, n: int = -1) -> str:
    """`text` of `context` in the current language (the English text when it has none); with
    a count `n`, `%n` becomes the number in the plural form the language needs."""
    untranslated = text.replace("%n", str(n)) if n >= 0 else text
    if _asking:  # `in_languages` is wording a text in a language that may not be the current
        found = next((found for catalogue in _asking[-1]
                      if (found := catalogue.translate(context, text, None, n))), text)
        result = found.replace("%n", str(n)) if n >= 0 else found  # as QCoreApplication does
    else:
        result = QCoreApplication.translate(context, text, None, n)
    if _state["language"] != "en" and result == untranslated and has_letters(text):
        MISSING.add(text)
    return result


def translator(context: str) -> Callable[..., str]:
    """The `tr()` of the texts kept under `context` in the catalogues: the one way the UI asks
    for a translation. Most modules use the editor's (`tr` here); teaching has its own context
    ("Teaching"), and the cluster's panel, dialog and controller keep the contexts their texts
    were filed under ("ClusterPanel", ...). Texts with a count say `%n` and pass it as `n`:
    Qt's plural forms then give "1 problem" and "2 problems" (and Korean's one form)."""

    def tr(text: str, n: int = -1) -> str:
        return translate(context, text, n)

    return tr


#: An editor text in the current language.
tr = translator(EDITOR)


#: every kind the editor names, for the translation tests (kind names are looked up as texts)
KINDS = ("Ingress", "Service", "IngressClass", "NetworkPolicy", "Deployment", "StatefulSet",
         "DaemonSet", "Job", "CronJob", "Pod", "ConfigMap", "Secret", "ServiceAccount",
         "PersistentVolumeClaim", "PersistentVolume", "StorageClass", "HorizontalPodAutoscaler",
         "PodDisruptionBudget", "Namespace", "ReplicaSet", "ReplicationController")


def kind_label(kind: str) -> str:
    """A kind as users should read it: 'Deployment', or in Korean '디플로이먼트 (Deployment)' --
    the English name stays beside the glossary term because YAML needs it."""
    if _state["language"] == "en" or kind not in KINDS:
        return kind
    local = tr(kind)
    return kind if local == kind else f"{local} ({kind})"


def resource_label(kind: str, namespace: str, name: str) -> str:
    """How a resource is named in messages: 'Deployment shop/web' (`Resource.label()`), with the
    kind as `kind_label` gives it."""
    where = f"{namespace}/" if namespace else ""
    return f"{kind_label(kind or '?')} {where}{name or tr('(unnamed)')}"


def short_kind(kind: str) -> str:
    """A kind's glossary term alone ('디플로이먼트'), for places too narrow for both names."""
    return tr(kind) if _state["language"] != "en" and kind in KINDS else kind


def local_text(value: object) -> str:
    """A model text (`kubecanvas.model.text.Text`: wiring actions, undo steps, edge words) in
    the current language; plain strings (names, paths, texts already translated) as they are."""
    return local(value, _state["language"])


def N_(text: str) -> str:  # noqa: N802 - the customary name of the no-op marker
    """Mark a text kept in a table as translatable; it is translated where it is shown."""
    return text


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def stored_language(settings: QSettings) -> str:
    value = str(settings.value(SETTINGS_KEY, settings.value(LEGACY_KEY, "en")))
    return value if value in LANGUAGES else "en"


def qt_translator(code: str) -> QTranslator | None:
    """Qt's shipped `qtbase_<code>` translation (file dialogs, message boxes), looked for where Qt
    says it keeps translations and, in a bundle that moved them, beside the PySide6 package."""
    import PySide6
    from PySide6.QtCore import QLibraryInfo

    translator = QTranslator()
    for folder in (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
                   str(Path(PySide6.__file__).parent / "Qt" / "translations")):
        if translator.load(f"qtbase_{code}", folder):
            return translator
    return None


def in_languages(word: Callable[[], str]) -> Text:
    """What `word()` says in English and in Korean, as a `Text`: for texts that outlive a
    language switch, such as undo steps ("Move 2 resources" becomes "리소스 2개 이동" when the user
    switches after the move). `word` is called once per language with every `tr()`, `kind_label`
    and `resource_label` answering in that language; the language in use does not change."""
    words = {}
    previous = _state["language"]
    try:
        for code in ("en", "ko"):
            _asking.append(_loaded_catalogues(code))
            _state["language"] = code
            try:
                words[code] = word()
            finally:
                _asking.pop()
    finally:
        _state["language"] = previous
    return Text(words["en"], words["ko"])


def _loaded_catalogues(code: str) -> list[QTranslator]:
    """The catalogues of `code`, loaded once and kept (not installed) for `in_languages`."""
    if code not in _catalogues:
        _catalogues[code] = _load_catalogues(code)
    return _catalogues[code]


def _load_catalogues(code: str) -> list[QTranslator]:
    loaded: list[QTranslator] = []
    for name in ENGLISH_CATALOGUES if code == "en" else CATALOGUES:
        translator = QTranslator()
        path = i18n_dir() / f"{name}_{code}.qm"
        if not translator.load(str(path)):
            raise ValueError(f"{path}: cannot load the translation file")
        loaded.append(translator)
    return loaded


def set_language(code: str, settings: QSettings | None = None) -> None:
    """Switch every text to `code` (installing the Qt translators) and remember it.

    Raises:
        ValueError: an unknown language, or a translation file that cannot be loaded.
    """
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    loaded = _load_catalogues(code)
    if code != "en":
        qt_own = qt_translator(code)  # Qt's own dialogs and buttons ("Look in:", Save ...)
        if qt_own is not None:
            loaded.append(qt_own)
    app = QCoreApplication.instance()
    for old in _translators:
        if app is not None:
            app.removeTranslator(old)
    _translators[:] = loaded
    for translator in loaded:
        if app is not None:
            app.installTranslator(translator)
    changed = _state["language"] != code
    _state["language"] = code
    if settings is not None:
        settings.setValue(SETTINGS_KEY, code)
        settings.remove(LEGACY_KEY)
    if changed:
        notifier.changed.emit(code)
