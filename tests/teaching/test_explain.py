"""Every kind, edge type and validator rule has an explanation in English and Korean."""

from __future__ import annotations

import re

import pytest

from kubecanvas.model.kinds import KINDS
from kubecanvas.model.references import EdgeType
from kubecanvas.teaching.explain import (
    explain_edge,
    explain_finding,
    explain_kind,
    explain_node,
    explain_rule,
)
from kubecanvas.validation import RULES, validate_document

from .helpers import build, deployment, rid, service

HANGUL = re.compile("[\uac00-\ud7a3]")
FIELDS = ("title", "what", "runtime", "why")


def assert_complete(explanation) -> None:
    for name in FIELDS:
        english, korean = explanation.text(name, "en"), explanation.text(name, "ko")
        assert english.strip() and korean.strip(), (explanation.key, name)
        if name != "title":
            assert HANGUL.search(korean), (explanation.key, name, korean)
            assert not HANGUL.search(english), (explanation.key, name)
    assert explanation.url.startswith("https://kubernetes.io/docs/"), explanation.key


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_every_rule_is_explained_in_both_languages(rule: str) -> None:
    assert_complete(explain_rule(rule))


@pytest.mark.parametrize("edge_type", EdgeType.ALL)
def test_every_edge_type_is_explained_in_both_languages(edge_type: str) -> None:
    assert_complete(explain_edge(edge_type))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_known_in_depth_is_explained(kind: str) -> None:
    explanation = explain_kind(kind)
    assert explanation is not None
    assert_complete(explanation)


def test_korean_titles_put_the_english_kind_beside_the_glossary_term() -> None:
    assert explain_kind("Service").title_ko == "서비스(Service)"  # type: ignore[union-attr]
    assert explain_kind("PersistentVolumeClaim").title_ko == (  # type: ignore[union-attr]
        "퍼시스턴트볼륨클레임(PersistentVolumeClaim)")
    assert explain_kind("MyCustomThing") is None


def test_unknown_rule_and_edge_are_errors() -> None:
    with pytest.raises(KeyError):
        explain_rule("no.such.rule")
    with pytest.raises(KeyError):
        explain_edge("teleports")


def test_a_finding_and_a_node_explained() -> None:
    doc, graph = build(deployment("web") + service("web", "wbe"))
    finding = next(f for f in validate_document(doc, graph)
                   if f.rule == "service.selector.no-match")
    explanation = explain_finding(finding)
    assert explanation.what.startswith(finding.message)
    assert "breaks or misbehaves" in explanation.why
    assert explanation.url.endswith("/concepts/services-networking/service/")
    node = explain_node(graph, rid(doc, "Deployment", "web"))
    assert node is not None and node.key == "kind:Deployment"
