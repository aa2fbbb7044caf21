"""In Korean, the "What happens" panel and the step tooltips show no English sentence.

Resource names, DNS names, addresses, YAML kinds and field names, numbers and units stay as they
are (a learner types them into YAML); what must not appear is English prose. The detector looks
for English function words standing on their own (not inside a name like `web-the-0`).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
from collections.abc import Iterator
from typing import Any

import pytest

from kubecanvas.ui.teaching.happens_panel import default_request
from kubecanvas.ui.teaching.i18n import has_hangul

from .helpers import LESSONS
from .test_happens import learn

#: Words that only English prose uses; none of them is a YAML field or a kind.
FUNCTION_WORDS = {"the", "a", "an", "is", "are", "to", "of", "and", "or", "with", "from", "for",
                  "by", "on", "its", "it", "this", "that", "which", "when", "once", "until",
                  "so", "be", "can", "may", "does", "only", "each", "every", "at", "as", "pods",
                  "pod", "new", "old", "no", "not", "there", "their", "they", "but", "if",
                  "then", "still", "here", "whose", "reaches", "matches", "receives"}
WORD = re.compile(r"(?<![\w\-./:$@'\"])([A-Za-z]+)(?![\w\-./:'\"])")
#: HTTP status lines a controller answers with: shown as they are, like the numbers.
STATUS = re.compile(r"\b(Not Found|Service Unavailable)")


def english_words(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """English function words of `text`, outside names, paths, quoted values and the values
    the user wrote in the YAML (`data`: a ConfigMap's text is the user's, not the panel's)."""
    for value in data:
        text = text.replace(value, " ")
    return [w for w in WORD.findall(STATUS.sub(" ", text)) if w.lower() in FUNCTION_WORDS]


def _scalars(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from _scalars(value)
    elif isinstance(node, list):
        for value in node:
            yield from _scalars(value)
    elif isinstance(node, str):
        yield node
        with contextlib.suppress(binascii.Error, ValueError):  # a revealed Secret, decoded
            yield base64.b64decode(node, validate=True).decode("utf-8")


def user_data(document) -> tuple[str, ...]:
    """Every string the design's YAML holds, longest first."""
    values = {v for res in document for v in _scalars(res.manifest) if len(v.strip()) > 2}
    return tuple(sorted(values, key=len, reverse=True))


def test_the_detector_finds_english_and_spares_names() -> None:
    assert english_words("The request reaches container app on port 8080.") == [
        "The", "reaches", "on"]
    assert english_words("요청이 컨테이너 a-pod의 8080번 포트에 도착합니다 (maxSurge 25%)") == []
    assert english_words("web-0.db.default.svc.cluster.local, app=web, 'is'") == []


def panel_texts(window, controller) -> list[tuple[str, str]]:
    """(resource, plain text) of the panel for every resource of the design and the network."""
    panel = controller.happens_panel
    out = []
    for res in list(window.session.document):
        window.scene.select_ids([res.id])
        requests = [None]
        if res.kind == "Ingress":
            requests = [default_request(window.session.document, res.id),
                        "GET nowhere.invalid/", "GET example"]
        for request in requests:
            if request is not None:
                panel.request_edit.setText(request)
                panel.walk()
            out.append((f"{res.kind}/{res.name} {request or ''}", panel.browser.toPlainText()))
    window.scene.clearSelection()
    out.append(("network", panel.browser.toPlainText()))
    return out


@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_what_happens_and_step_tooltips_are_korean(teaching, lesson_id) -> None:
    window, controller = teaching(lesson_id)
    controller.set_language("ko")
    controller.happens_panel.reveal.setChecked(True)
    seen = panel_texts(window, controller)
    tooltips = [w.toolTip() for w in controller.lessons_panel.steps]
    learn(window, lesson_id)  # every step done: the fixed design, and done checks
    seen += panel_texts(window, controller)
    tooltips += [w.toolTip() for w in controller.lessons_panel.steps]
    assert all(has_hangul(text) for _where, text in seen)
    data = user_data(window.session.document)
    leaks = {where: english_words(text, data) for where, text in seen
             if english_words(text, data)}
    assert leaks == {}
    assert all(t and has_hangul(t) for t in tooltips)
    assert [t for t in tooltips if english_words(t)] == []


def test_switching_back_to_english_restores_the_english_sentences(teaching) -> None:
    window, controller = teaching("services")
    controller.set_language("ko")
    window.scene.select_ids([next(r.id for r in window.session.document
                                  if r.kind == "Service")])
    korean = controller.happens_panel.browser.toPlainText()
    tip = controller.lessons_panel.steps[0].toolTip()
    assert "셀렉터와 일치하는 파드가 없습니다" in korean and "→" in tip
    controller.set_language("en")
    english = controller.happens_panel.browser.toPlainText()
    assert "The selector matches no pods" in english
    assert not has_hangul(controller.lessons_panel.steps[0].toolTip())
