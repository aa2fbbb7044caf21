"""Graphviz DOT export: clusters per namespace, card-sized boxes, labelled styled edges."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from tests.ecosystem.test_diagrams import small

from kubecanvas.io.dot import quote, to_dot


def test_dot_has_a_cluster_per_namespace_the_boxes_and_the_edges() -> None:
    text = to_dot(*small())
    assert text.startswith("digraph kubecanvas {\n") and text.endswith("}\n")
    assert 'label="namespace shop"' in text
    assert text.count("subgraph cluster_") == 1
    assert 'label="Deployment\\nweb"' in text
    assert "width=2.500, height=1.000" in text  # the size of the editor's cards
    assert text.count('" -> "') == 3
    assert "not defined" in text and "style=\"rounded,dashed\"" in text  # the missing ConfigMap


def test_same_document_gives_the_same_dot() -> None:
    assert to_dot(*small()) == to_dot(*small())


def test_quote_escapes_what_dot_reads_as_syntax() -> None:
    assert quote('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_reads_the_dot_text() -> None:
    done = subprocess.run(["dot", "-Tjson"], input=to_dot(*small()), capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert '"namespace shop"' in done.stdout
