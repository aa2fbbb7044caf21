"""draw.io and Mermaid export: golden files on a small document, and parse-back checks.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change (then read the diff).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kubecanvas.io.drawio import to_drawio
from kubecanvas.io.mermaid import escape, node_id, to_mermaid
from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import H_GAP, NODE_WIDTH

GOLDEN = Path(__file__).parent / "golden"

SMALL = """\
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - path: '/a"b<c>|[d]'
        pathType: Prefix
        backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        envFrom: [{configMapRef: {name: settings}}]
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: end}
provisioner: example.com/nfs
"""

POSITIONS = [(0, 0), (0, 120), (260, 120), (520, 120), (0, 300)]


def small() -> tuple[Document, WiringGraph]:
    document = Document(load_text(SMALL, "small.yaml").resources)
    for resource, position in zip(list(document), POSITIONS, strict=True):
        document.move(resource.id, (float(position[0]), float(position[1])))
    return document, WiringGraph(document, subscribe=False)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_GOLDEN=1 to accept"


def test_drawio_matches_the_golden_file() -> None:
    check_golden("small.drawio", to_drawio(*small()))


def test_mermaid_matches_the_golden_file() -> None:
    check_golden("small.mmd", to_mermaid(*small()))


def _cells(text: str) -> tuple[list[ET.Element], list[ET.Element]]:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "mxfile"
    model = root.find("diagram/mxGraphModel/root")
    assert model is not None
    cells = model.findall("mxCell")
    return [c for c in cells if c.get("vertex") == "1"], [c for c in cells if c.get("edge") == "1"]


def test_drawio_parses_back_with_every_resource_edge_position_and_label() -> None:
    document, graph = small()
    vertices, edges = _cells(to_drawio(document, graph))
    by_kind = {re.search(r"kubecanvasKind=(\w+)", v.get("style", "")).group(1): v  # type: ignore[union-attr]
               for v in vertices}
    for resource in document:
        cell = by_kind[resource.kind]
        assert resource.name in cell.get("value", "")
        geometry = cell.find("mxGeometry")
        assert geometry is not None
        assert (float(geometry.get("x", "nan")), float(geometry.get("y", "nan"))) \
            == resource.position
        assert (geometry.get("width"), geometry.get("height")) == ("180", "72")
    drawn = [e for e in graph.edges() if e.source != e.target]
    assert len(edges) == len(drawn) == 3
    ids = {v.get("id") for v in vertices}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    routes = [e for e in edges if "kubecanvasEdge=routes" in e.get("style", "")]
    assert routes and '/a"b<c>|[d]' in routes[0].get("value", "").replace("&lt;", "<") \
        .replace("&gt;", ">").replace("&amp;", "&")


def test_drawio_ghost_for_a_missing_reference_is_dashed() -> None:
    vertices, edges = _cells(to_drawio(*small()))
    ghosts = [v for v in vertices if "dashed=1" in v.get("style", "")]
    assert len(ghosts) == 1
    assert "settings" in ghosts[0].get("value", "") and "not defined" in ghosts[0].get("value", "")
    assert any(e.get("target") == ghosts[0].get("id") for e in edges)
    # placed right of the Deployment that refers to it, not on top of anything
    geometry = ghosts[0].find("mxGeometry")
    assert geometry is not None and float(geometry.get("x", "0")) == 520 + NODE_WIDTH + H_GAP


def test_mermaid_has_subgraphs_nodes_edges_and_safe_text() -> None:
    document, _graph = small()
    text = to_mermaid(*small())
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert '  subgraph ns_shop["namespace shop"]' in lines
    assert lines.count("  end") == 1
    node_lines = [line for line in lines if re.match(r"^\s+\w+\[\".*\"\]$", line)]
    assert len(node_lines) == len(document) + 1  # the missing ConfigMap too
    edge_lines = [line for line in lines if "-->|" in line]
    assert len(edge_lines) == 3
    assert sum(line.startswith("  linkStyle ") for line in lines) == 3
    for line in node_lines + edge_lines:
        label = re.findall(r'"([^"]*)"', line)
        assert label and all(not set(part) & set('"<>|[]') - {"<", ">"} for part in label)
    assert "#quot;" in text and "#124;" in text and "#91;" in text
    assert "StorageClass__end" in text  # the id carries the reserved word, never alone
    assert re.search(r"\bclassDef missing .*stroke-dasharray", text)


def test_mermaid_escape_and_ids() -> None:
    assert escape('a"b<c>#d') == "a#quot;b#lt;c#gt;#35;d"
    taken: set[str] = set()
    assert node_id("end", taken) == "n_end"
    assert node_id("Deployment_shop_web-1.2", taken) == "Deployment_shop_web_1_2"
    assert node_id("Deployment_shop_web-1.2", taken) == "Deployment_shop_web_1_2_2"
    assert node_id("9lives", taken) == "n_9lives"


@pytest.mark.parametrize("render", [to_drawio, to_mermaid])
def test_same_document_gives_the_same_text(render) -> None:  # type: ignore[no-untyped-def]
    assert render(*small()) == render(*small())


def test_render_command_writes_both_formats(tmp_path: Path) -> None:
    """`kubecanvas render` (routed to the editor package, in its own process: Qt stays out of
    this one) writes both text formats with these writers."""
    source = tmp_path / "small.yaml"
    source.write_text(SMALL, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("d.drawio", "d.mmd"):
        done = subprocess.run([sys.executable, "-m", "kubecanvas", "render", str(source), "-o",
                               str(tmp_path / name)], capture_output=True, text=True, env=env,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    vertices, edges = _cells((tmp_path / "d.drawio").read_text(encoding="utf-8"))
    assert len(vertices) == 6 and len(edges) == 3
    assert (tmp_path / "d.mmd").read_text(encoding="utf-8").startswith("flowchart LR\n")
