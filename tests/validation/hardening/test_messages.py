"""Every hardening-package finding speaks Korean too, keeps its quoted values, carries a
bilingual fix description, and its rule is explained with a kubernetes.io link."""

from __future__ import annotations

import re

import pytest

from kubecanvas.model.text import Text
from kubecanvas.teaching import explain_rule
from kubecanvas.validation.hardening import DECLARED

from .test_rules import CASES, findings_of

HANGUL = re.compile("[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"[이가을를은는와과]\([이가을를은는와과]\)")


def _firing():
    out = []
    for case, manifests, rule, fires in CASES:
        if fires:
            out += [(case, f) for f in findings_of(manifests) if f.rule == rule]
    return out


FIRING = _firing()


@pytest.mark.parametrize(("case", "finding"), FIRING, ids=[c for c, _ in FIRING])
def test_message_is_bilingual(case, finding):
    message = finding.message
    assert isinstance(message, Text) and HANGUL.search(message.ko), case
    assert message.ko != message.en
    assert not PLACEHOLDER.search(message.ko), message.ko
    for quoted in re.findall(r'"([^"\s]{1,40})"', message.en):
        assert quoted in message.ko, (finding.rule, message)
    if finding.fix is not None:
        assert isinstance(finding.fix.description, Text)
        assert HANGUL.search(finding.fix.description.ko)


@pytest.mark.parametrize("declared", DECLARED, ids=[d.id for d in DECLARED])
def test_rule_declares_why_and_a_kubernetes_io_page(declared):
    assert declared.url.startswith("https://kubernetes.io/docs/")
    assert declared.why and HANGUL.search(declared.why_ko) and HANGUL.search(declared.summary_ko)
    explanation = explain_rule(declared.id)
    assert explanation.url == declared.url
    assert explanation.runtime == declared.why and explanation.runtime_ko == declared.why_ko
