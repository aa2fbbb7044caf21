"""Hints and prompts quote what is on screen: every quoted UI label is a real label in that
language (a menu entry, a panel title, a wiring action of the lesson's own diagram)."""

from __future__ import annotations

import re
from importlib.resources import files
from itertools import permutations
from pathlib import Path

from kubecanvas.model.connect import connect_actions
from kubecanvas.model.graph import WiringGraph
from kubecanvas.teaching.lessons import Lesson, load_lessons

I18N = Path(str(files("kubecanvas.resources"))) / "i18n"
#: Quoted messages of other programs (the API server), not KubeCanvas labels.
FOREIGN = {"field is immutable"}
_QUOTED = re.compile(r'"([^"]+)"')


def ui_labels(language: str) -> list[str]:
    """Every text the editor and teaching mode show, from the translation sources."""
    out = []
    for path in sorted(I18N.glob("*.ts")):
        text = path.read_text(encoding="utf-8")
        tag = "source" if language == "en" else "translation"
        out += re.findall(rf"<{tag}>(.*?)</{tag}>", text, re.S)
    return [label.replace("&amp;", "&") for label in out]


def wiring_labels(lesson: Lesson, language: str) -> list[str]:
    doc = lesson.document()
    graph = WiringGraph(doc)
    ids = doc.ids()
    return [action.description.get(language)  # type: ignore[attr-defined]
            for a, b in permutations(ids, 2) for action in connect_actions(doc, graph, a, b)]


def quoted_labels(text: str, language: str) -> list[str]:
    found = []
    for quote in _QUOTED.findall(text):
        if quote in FOREIGN:
            continue
        if language == "ko" and re.search("[\uac00-\ud7a3]", quote) or language == "en" and re.fullmatch(r"[A-Za-z][A-Za-z .]*\s[A-Za-z .]*", quote):
            found.append(quote)
    return found


def shown(quote: str, labels: list[str]) -> bool:
    parts = [p.strip().lower() for p in quote.split("...") if p.strip()]
    return any(all(p in label.lower() for p in parts) for label in labels)


def test_quoted_labels_are_real_labels() -> None:
    missing = []
    for lesson in load_lessons():
        for language in ("en", "ko"):
            labels = ui_labels(language) + wiring_labels(lesson, language)
            for step in lesson.steps:
                for name in ("prompt", "hint"):
                    for quote in quoted_labels(step.text(name, language), language):
                        if not shown(quote, labels):
                            missing.append(f"{lesson.id}/{step.id} {name} ({language}): {quote}")
    assert missing == []
