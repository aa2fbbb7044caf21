"""Hand-typed YAML (the inspector's YAML tab) parsed by io, its problems returned with where."""

from __future__ import annotations

from kubecanvas.io.yaml_dialect import ParseProblem, parse_typed


def test_a_manifest_parses() -> None:
    data, problem = parse_typed("apiVersion: v1\nkind: ConfigMap\ndata:\n  port: \"80\"\n")
    assert problem is None
    assert data == {"apiVersion": "v1", "kind": "ConfigMap", "data": {"port": "80"}}


def test_broken_yaml_says_what_and_where_counting_from_one() -> None:
    data, problem = parse_typed("kind: Service\nmetadata:\n  name: [web\n")
    assert data is None and isinstance(problem, ParseProblem)
    assert (problem.line, problem.column) == (4, 1)  # the list is still open at the end
    assert problem.message


def test_empty_text_is_no_document_and_no_problem() -> None:
    assert parse_typed("") == (None, None)
