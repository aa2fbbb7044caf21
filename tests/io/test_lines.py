"""Field positions come from the parse that loaded the document, never from a second compose."""

from __future__ import annotations

from pathlib import Path

import pytest

from kubecanvas.io import lines, yaml_dialect
from kubecanvas.io.lines import LineIndex
from kubecanvas.io.yaml_in import load_paths, load_text

TEXT = """\
# leading comment
apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: &meta
    name: web
    labels: {app: web}
  spec:
    template:
      spec:
        containers:
        - name: web
          image: nginx
          ports: [{containerPort: 80}]
- apiVersion: v1
  kind: ConfigMap
  metadata:
    <<: *meta
    name: settings
  data:
    true: yes
    ~: nothing
"""

PATHS = [
    ("items", 0, "spec", "template", "spec", "containers", 0, "image"),
    ("items", 0, "spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"),
    ("items", 0, "metadata", "labels", "app"),
    ("items", 1, "metadata", "name"),
    ("items", 1, "metadata", "labels"),
    ("items", 1, "data", "true"),
    ("items", 1, "data", "null"),
    ("items", 1, "data", "missing"),
    ("items", 7),
    ("items", "x"),
    (),
]


def test_positions_from_the_load_match_a_fresh_compose() -> None:
    result = load_text(TEXT, "list.yaml")
    deployment, configmap = result.resources
    fresh = LineIndex(TEXT, 1)
    for path in PATHS:
        if len(path) >= 2 and path[1] in (0, 1):
            resource = deployment if path[1] == 0 else configmap
            assert resource.origin is not None and resource.origin.lines is not None
            assert resource.origin.lines(path[2:]) == fresh.lookup(path), path
    assert fresh.lookup(("items", 0, "spec", "template", "spec", "containers", 0,
                         "image")) == (15, 11)
    assert fresh.lookup(("items", 1, "metadata", "name")) == (21, 5)  # the own key beats <<
    assert fresh.lookup(("items", 1, "metadata", "labels")) == (9, 5)  # merged from the anchor
    assert fresh.lookup(("items", 1, "data", "missing")) is None
    assert fresh.lookup(()) == (2, 1)


def test_loading_and_looking_up_never_composes_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("composed a second time")

    monkeypatch.setattr(lines, "compose_document", refuse)
    result = load_text(TEXT, "list.yaml")
    deployment = result.resources[0]
    assert deployment.origin is not None
    assert deployment.origin.line_of(("spec", "template", "spec", "containers", 0, "image")) == 15
    assert deployment.origin.line_of(("spec", "no", "such", "field")) == 10


def test_without_positions_the_load_indexes_nothing_and_a_lookup_finds_the_same(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`kubecanvas render` loads with `positions=False`: no document is indexed while it is
    read, and a lookup made later (a finding's line) still gives the line the index gives."""
    path = tmp_path / "list.yaml"
    path.write_text(TEXT, "utf-8")
    indexed = load_paths([path]).resources
    walked: list[object] = []
    monkeypatch.setattr(yaml_dialect, "position_tree", lambda node: walked.append(node))
    monkeypatch.setattr(yaml_dialect, "data_and_positions",
                        lambda loader, node: walked.append(node))
    lazy = load_paths([path], positions=False).resources
    assert walked == []
    for eager, later in zip(indexed, lazy, strict=True):
        assert eager.manifest == later.manifest
        assert later.origin is not None and eager.origin is not None
        for path_in in PATHS:
            if len(path_in) >= 2 and path_in[1] in (0, 1):
                assert later.origin.lines(path_in[2:]) == eager.origin.lines(path_in[2:])
    assert lazy[0].origin is not None
    assert lazy[0].origin.line_of(("spec", "template", "spec", "containers", 0, "image")) == 15
