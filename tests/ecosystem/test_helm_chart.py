"""Helm chart export: the chart's structure, and that its templates rendered with its own values
give back the design, field for field (with a small renderer for exactly the template forms the
exporter writes; with the real `helm template` too when helm is installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.io.helm_chart import HelmChartError, build_chart, values_key, write_chart
from kubecanvas.io.yaml_in import load_paths, load_text
from kubecanvas.model.resource import Resource

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "shop.yaml"

TRICKY = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: a
  annotations: {note: "uses {{ braces }} literally"}
data:
  template.txt: "Hello {{ .Name }}\\n"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: a}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      initContainers:
      - {name: migrate, image: "tools:1"}
      containers:
      - name: web
        image: "nginx:1.27"
        resources: {limits: {cpu: 500m, memory: 1Gi}, requests: {cpu: 0.25}}
        envFrom: [{configMapRef: {name: web-config}}]
      - {name: log-shipper, image: "fluent-bit:3"}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: b}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.26"}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: a}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
"""

_VALUE = re.compile(r"\{\{ \.Values\.([A-Za-z0-9_.]+) \| toJson \}\}")
_LITERAL = '{{ "{{" }}'


def render(template: str, values: dict[str, Any]) -> Any:
    """What Helm prints for the two template forms the exporter writes."""
    assert "{{" not in _VALUE.sub("", template).replace(_LITERAL, ""), "unexpected action"

    def lookup(match: re.Match[str]) -> str:
        node: Any = values
        for part in match.group(1).split("."):
            node = node[part]
        return json.dumps(node)

    parts = template.split(_LITERAL)
    return yaml.safe_load("{{".join(_VALUE.sub(lookup, part) for part in parts))


def rendered(resources: list[Resource], name: str = "shop") -> list[Any]:
    chart = build_chart(resources, name)
    values = yaml.safe_load(chart.files["values.yaml"])
    assert values == chart.values
    return [render(text, values) for path, text in chart.files.items()
            if path.startswith("templates/")]


def _same(resources: list[Resource], outputs: list[Any]) -> None:
    def key(manifest: Any) -> str:
        return json.dumps(manifest, sort_keys=True)

    assert sorted(map(key, outputs)) == sorted(key(r.manifest) for r in resources)


def test_example_renders_back_to_itself() -> None:
    resources = load_paths([EXAMPLE]).resources
    _same(resources, rendered(resources))


def test_tricky_document_renders_back_to_itself() -> None:
    resources = load_text(TRICKY, "t.yaml").resources
    _same(resources, rendered(resources))


def test_values_are_lifted_per_resource() -> None:
    chart = build_chart(load_text(TRICKY, "t.yaml").resources, "shop")
    values = chart.values
    assert values["web"]["name"] == "web"
    assert values["web"]["replicas"] == 3
    assert values["web"]["containers"]["web"]["image"] == "nginx:1.27"
    assert values["web"]["containers"]["logShipper"]["image"] == "fluent-bit:3"
    assert values["web"]["initContainers"]["migrate"]["image"] == "tools:1"
    assert values["web"]["containers"]["web"]["resources"]["limits"]["cpu"] == "500m"
    assert values["web"]["ports"] == [{"name": "http", "port": 80, "targetPort": 8080}]
    assert values["webB"] == {"name": "web", "image": "nginx:1.26"}  # same name, other namespace
    assert values["webConfig"]["name"] == "web-config"
    deployment = chart.files["templates/deployment-a-web.yaml"]
    assert "name: {{ .Values.webConfig.name | toJson }}" in deployment  # a reference by name
    assert "replicas: {{ .Values.web.replicas | toJson }}" in deployment


def test_chart_structure_on_disk(tmp_path: Path) -> None:
    resources = load_paths([EXAMPLE]).resources
    written = write_chart(build_chart(resources, "shop"), tmp_path / "chart")
    names = sorted(p.relative_to(tmp_path / "chart").as_posix() for p in written)
    assert names[:2] == ["Chart.yaml", "templates/configmap-shop-config.yaml"]
    assert "values.yaml" in names
    assert len([n for n in names if n.startswith("templates/")]) == len(resources)
    chart = yaml.safe_load((tmp_path / "chart" / "Chart.yaml").read_text(encoding="utf-8"))
    assert chart["apiVersion"] == "v2" and chart["name"] == "shop" and chart["version"]


def test_bad_names_and_stale_templates_are_refused(tmp_path: Path) -> None:
    resources = load_paths([EXAMPLE]).resources
    with pytest.raises(HelmChartError, match="not valid"):
        build_chart(resources, "My_Chart")
    with pytest.raises(HelmChartError, match="no resources"):
        build_chart([], "shop")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "old-thing.yaml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(HelmChartError, match="old-thing.yaml"):
        write_chart(build_chart(resources, "shop"), tmp_path)


def test_values_key() -> None:
    assert values_key("web-api.v2") == "webApiV2"
    assert values_key("0day") == "r0day"
    assert values_key("--") == "resource"


def test_export_command_writes_a_chart(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = cli("export", str(EXAMPLE), "--helm-chart", str(tmp_path / "Shop_Chart"))
    assert code == 0, err
    chart = yaml.safe_load((tmp_path / "Shop_Chart" / "Chart.yaml").read_text(encoding="utf-8"))
    assert chart["name"] == "shop-chart"
    code, _out, err = cli("export", str(EXAMPLE), "--helm-chart", str(tmp_path / "c"),
                          "--chart-name", "Bad Name")
    assert code == 2 and "not valid" in err
    code, _out, err = cli("export", str(EXAMPLE), "--helm-chart", str(tmp_path / "c"), "-o", "-")
    assert code == 2 and "cannot be combined" in err


@pytest.mark.skipif(shutil.which("helm") is None, reason="helm is not installed")
def test_real_helm_template_gives_back_the_design(tmp_path: Path) -> None:
    resources = load_text(TRICKY, "t.yaml").resources + load_paths([EXAMPLE]).resources
    write_chart(build_chart(resources, "shop"), tmp_path / "chart")
    done = subprocess.run(["helm", "template", "shop", str(tmp_path / "chart")],
                          capture_output=True, text=True, check=True, timeout=120)
    _same(resources, [d for d in yaml.safe_load_all(done.stdout) if d])


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=40, deadline=None)
@given(image=_TEXT, note=_TEXT, replicas=st.integers(0, 10**6),
       cpu=st.one_of(st.floats(0.001, 64, allow_nan=False), st.text("0123456789m", min_size=1,
                                                                    max_size=6)))
def test_any_values_render_back(image: str, note: str, replicas: int, cpu: object) -> None:
    """Whatever a lifted or fixed field holds (template braces, quotes, colons, unicode)."""
    manifest = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "annotations": {"note": note}},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "web", "image": image,
                                                       "resources": {"limits": {"cpu": cpu}}}]}}},
    }
    resources = [Resource(manifest)]
    _same(resources, rendered(resources))
