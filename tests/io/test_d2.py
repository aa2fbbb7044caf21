"""D2 export: containers per namespace, coloured boxes, labelled styled edges, safe strings."""

from __future__ import annotations

import re

from tests.ecosystem.test_diagrams import small

from kubecanvas.io.d2 import quote, to_d2


def test_d2_has_a_container_per_namespace_the_boxes_and_the_edges() -> None:
    text = to_d2(*small())
    assert text.startswith("direction: right\n")
    assert 'ns1: "namespace shop" {' in text
    assert '  n4: "Deployment\\nweb" {' in text
    assert len(re.findall(r"^\S+ -> \S+: ", text, flags=re.MULTILINE)) == 3
    assert "ns1.n4 -> " in text  # edges name boxes inside containers by their path
    assert 'not defined" {' in text and "style.stroke-dash: 4" in text  # the missing ConfigMap


def test_same_document_gives_the_same_d2() -> None:
    assert to_d2(*small()) == to_d2(*small())


def test_quote_escapes_what_d2_reads_as_syntax() -> None:
    assert quote('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
