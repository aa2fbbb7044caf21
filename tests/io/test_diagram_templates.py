"""Diagram exports draw a StatefulSet's claims as the canvas does: one box per claim template."""

from __future__ import annotations

from kubecanvas.io.diagram import build_diagram
from kubecanvas.io.dot import to_dot
from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph

STATEFUL = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis}
spec:
  serviceName: redis
  replicas: 3
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec: {containers: [{name: redis, image: "redis:7"}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  - metadata: {name: logs}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
"""


def _graph() -> tuple[Document, WiringGraph]:
    document = Document(load_text(STATEFUL, "s.yaml").resources)
    return document, WiringGraph(document, subscribe=False)


def test_one_box_per_claim_template_with_the_replica_count() -> None:
    document, graph = _graph()
    diagram = build_diagram(document, graph)
    claims = sorted(b.name for b in diagram.boxes if b.kind == "PersistentVolumeClaim")
    assert claims == ["data ×3", "logs ×3"]
    creates = [line for line in diagram.lines if line.type == "creates"]
    assert len(creates) == 2 and all(line.label == "" for line in creates)
    assert "data ×3" in to_dot(document, graph)


def test_per_replica_boxes_on_request() -> None:
    document, graph = _graph()
    diagram = build_diagram(document, graph, per_replica=True)
    claims = sorted(b.name for b in diagram.boxes if b.kind == "PersistentVolumeClaim")
    assert claims == [f"{t}-redis-{i}" for t in ("data", "logs") for i in range(3)]
