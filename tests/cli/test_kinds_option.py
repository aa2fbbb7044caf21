"""`validate --kinds FILE` and the project's `.kubecanvas/kinds.yaml`: references of custom
kinds are checked like any other; a bad mapping file is a clear error, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from kubecanvas.cli.main import main

ROUTE = """\
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  rules:
  - backendRefs: [{name: wbe, port: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 8080}]}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec: {configRef: settings}
"""
WIDGETS = "kinds:\n  - kind: Widget\n    references:\n      - field: spec.configRef\n" \
          "        kind: ConfigMap\n"


def findings(capsys, *args: str) -> tuple[int, list[dict]]:
    code = main(["validate", *args, "--format", "json"])
    out = capsys.readouterr().out
    return code, json.loads(out)["findings"] if out.strip() else []


def missing(found: list[dict]) -> list[str]:
    return sorted(f["message"] for f in found if f["rule"] == "ref.missing")


def test_shipped_mappings_check_a_routes_backend(tmp_path: Path, capsys) -> None:
    (tmp_path / "app.yaml").write_text(ROUTE)
    _, found = findings(capsys, str(tmp_path))
    assert any("Service wbe does not exist in namespace shop" in m for m in missing(found))
    assert not any("ConfigMap settings" in m for m in missing(found))  # Widget is not mapped


def test_kinds_option_and_the_project_file_add_mappings(tmp_path: Path, capsys) -> None:
    (tmp_path / "app.yaml").write_text(ROUTE)
    (tmp_path / "widgets.yaml").write_text(WIDGETS)
    _, found = findings(capsys, str(tmp_path / "app.yaml"), "--kinds",
                        str(tmp_path / "widgets.yaml"))
    assert any("ConfigMap settings does not exist" in m for m in missing(found))
    (tmp_path / ".kubecanvas").mkdir()
    (tmp_path / ".kubecanvas" / "kinds.yaml").write_text(WIDGETS)
    _, found = findings(capsys, str(tmp_path / "app.yaml"))
    assert any("ConfigMap settings does not exist" in m for m in missing(found))


def test_a_bad_mapping_file_exits_2_naming_file_line_and_field(tmp_path: Path, capsys) -> None:
    (tmp_path / "app.yaml").write_text(ROUTE)
    bad = tmp_path / "widgets.yaml"
    bad.write_text(WIDGETS.replace("kind: ConfigMap", "kinds: ConfigMap"))
    assert main(["validate", str(tmp_path / "app.yaml"), "--kinds", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5: kinds[0].references[0].kinds: expected a list" in err
    assert "Traceback" not in err
