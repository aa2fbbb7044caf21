"""English and Korean for the teaching UI: the editor's language machinery, context "Teaching".

The language setting, the translators and the switch live in `kubecanvas.ui.i18n` (one setting
for the whole editor); this module re-exports them and adds `tr()` for the teaching texts, which
are looked up under their own context ("Teaching") in `resources/i18n/kubecanvas_ko.ts` (built
into `kubecanvas_ko.qm` with `pyside6-lrelease`). Lesson and explanation texts carry both
languages in their own data files and are picked with `language()`.
"""

from __future__ import annotations

from kubecanvas.ui.i18n import (
    LANGUAGES,
    MISSING,
    SETTINGS_KEY,
    has_hangul,
    has_letters,
    i18n_dir,
    language,
    notifier,
    set_language,
    stored_language,
    translator,
)

CONTEXT = "Teaching"

__all__ = ["CONTEXT", "LANGUAGES", "MISSING", "SETTINGS_KEY", "has_hangul", "has_letters",
           "i18n_dir", "language", "notifier", "set_language", "stored_language", "tr"]

#: A teaching text in the current language (the English text when it has no translation).
tr = translator(CONTEXT)
