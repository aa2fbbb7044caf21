"""`kubecanvas import --kustomize DIR | --helm CHART`: the renderers' output as a project, each
resource remembering the command that produced it; stand-in programs on PATH (see conftest), and
the real `kubectl kustomize` when kubectl is installed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kubecanvas.io.external import ExternalToolError, kustomize_command, render_kustomize
from kubecanvas.io.project import load_project

RENDERED = """\
apiVersion: v1
kind: Service
metadata: {name: prod-web, namespace: prod}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: prod-web, namespace: prod}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
"""


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    folder = tmp_path / "k8s" / "overlays" / "prod"
    folder.mkdir(parents=True)
    (folder / "kustomization.yaml").write_text("resources: []\n", encoding="utf-8")
    return folder


def _sources(project: Path) -> set[str | None]:
    return {r.origin.source if r.origin else None for r in load_project(project)}


def test_kustomize_through_kubectl(stand_ins, cli, overlay: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl", "kustomize")
    stand_ins.prints(RENDERED)
    code, _out, err = cli("import", "--kustomize", str(overlay), "-o", str(tmp_path / "a.kcanvas"))
    assert code == 0, err
    assert [c["args"] for c in stand_ins.calls()] == [["kustomize", str(overlay)]]
    assert [c["program"] for c in stand_ins.calls()] == ["kubectl"]
    assert _sources(tmp_path / "a.kcanvas") == {f"kubectl kustomize {overlay}"}
    assert "imported 2 resource(s) from 1 source(s)" in err


def test_kustomize_program_when_kubectl_is_absent(stand_ins, cli, overlay: Path,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    stand_ins.install("kustomize")
    stand_ins.prints(RENDERED)
    code, _out, err = cli("import", "--kustomize", str(overlay), "-o", str(tmp_path / "a.kcanvas"))
    assert code == 0, err
    assert [c["args"] for c in stand_ins.calls()] == [["build", str(overlay)]]
    assert _sources(tmp_path / "a.kcanvas") == {f"kustomize build {overlay}"}


def test_helm_template_with_values_and_release(stand_ins, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("helm")
    stand_ins.prints(RENDERED)
    values = tmp_path / "prod values.yaml"
    values.write_text("replicas: 3\n", encoding="utf-8")
    code, _out, err = cli("import", "--helm", "charts/shop", "--values", str(values),
                          "--release", "prod", "--namespace", "prod",
                          "-o", str(tmp_path / "a.kcanvas"))
    assert code == 0, err
    assert [c["args"] for c in stand_ins.calls()] == [
        ["template", "prod", "charts/shop", "--values", str(values), "--namespace", "prod"]]
    (source,) = _sources(tmp_path / "a.kcanvas")
    assert source == f"helm template prod charts/shop --values '{values}' --namespace prod"


def test_yaml_files_and_a_render_combine(stand_ins, cli, overlay: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stand_ins.install("kubectl")
    stand_ins.prints(RENDERED)
    extra = tmp_path / "extra.yaml"
    extra.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: prod}\n",
                     encoding="utf-8")
    code, _out, err = cli("import", str(extra), "--kustomize", str(overlay),
                          "-o", str(tmp_path / "a.kcanvas"))
    assert code == 0, err
    assert _sources(tmp_path / "a.kcanvas") == {None, f"kubectl kustomize {overlay}"}


def test_missing_programs_say_what_to_install(stand_ins, cli, overlay: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = str(tmp_path / "a.kcanvas")
    code, _out, err = cli("import", "--kustomize", str(overlay), "-o", out)
    assert code == 2 and "needs kubectl (which includes Kustomize) or kustomize" in err
    code, _out, err = cli("import", "--helm", "charts/shop", "-o", out)
    assert code == 2 and "needs helm; install helm" in err
    assert not os.path.exists(out)


def test_renderer_failure_and_bad_output_are_reported(stand_ins, cli, overlay: Path,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    stand_ins.install("helm")
    stand_ins.configure(fail="Error: INSTALLATION FAILED: template: shop/templates/a.yaml:3:9: "
                             "executing \"x\" at <.Values.nope.x>: nil pointer")
    code, _out, err = cli("import", "--helm", "charts/shop", "-o", str(tmp_path / "a.kcanvas"))
    assert code == 2
    assert "`helm template charts/shop` failed: Error: INSTALLATION FAILED: template: " \
           "shop/templates/a.yaml:3:9" in err
    stand_ins.configure()
    stand_ins.prints(RENDERED + "---\nkind: [broken\n")
    code, _out, err = cli("import", "--helm", "charts/shop", "-o", str(tmp_path / "b.kcanvas"))
    assert code == 1  # the rest was imported, the broken document reported with its line
    assert "helm template charts/shop:19:1: error: invalid YAML" in err
    assert len(load_project(tmp_path / "b.kcanvas")) == 2


def test_usage_errors(stand_ins, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("import", "-o", str(tmp_path / "a.kcanvas"))
    assert code == 2 and "nothing to import" in err
    code, _out, err = cli("import", "x.yaml", "--values", "v.yaml", "-o", str(tmp_path / "a"))
    assert code == 2 and "go with --helm" in err
    code, _out, err = cli("import", "--kustomize", str(tmp_path / "nope"), "-o",
                          str(tmp_path / "a.kcanvas"))
    assert code == 2 and "no such folder" in err


def test_library_raises_a_typed_error(stand_ins, overlay: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExternalToolError) as caught:
        render_kustomize(str(overlay))
    assert caught.value.missing


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl is not installed")
def test_real_kubectl_kustomize(tmp_path: Path) -> None:
    base = tmp_path / "base"
    prod = tmp_path / "prod"
    base.mkdir()
    prod.mkdir()
    (base / "app.yaml").write_text(RENDERED.replace("prod-web", "web").replace(
        "namespace: prod", "namespace: x"), encoding="utf-8")
    (base / "kustomization.yaml").write_text("resources: [app.yaml]\n", encoding="utf-8")
    (prod / "kustomization.yaml").write_text(
        "resources: [../base]\nnamePrefix: prod-\nnamespace: prod\n", encoding="utf-8")
    assert kustomize_command(str(prod))[:2] == ["kubectl", "kustomize"]
    rendered = render_kustomize(str(prod))
    names = sorted((r.kind, r.namespace, r.name) for r in rendered.result.resources)
    assert names == [("Deployment", "prod", "prod-web"), ("Service", "prod", "prod-web")]
    assert all(r.origin and r.origin.source == f"kubectl kustomize {prod}"
               for r in rendered.result.resources)
