"""Building small documents from YAML text for the simulation tests."""

from __future__ import annotations

import textwrap

from kubecanvas.io import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.resource import Resource


def build(text: str) -> tuple[Document, WiringGraph]:
    loaded = load_text(textwrap.dedent(text), "test.yaml")
    assert loaded.problems == [], loaded.problems
    doc = Document(loaded.resources)
    return doc, WiringGraph(doc)


def rid(doc: Document, kind: str, name: str) -> str:
    return find(doc, kind, name).id


def find(doc: Document, kind: str, name: str) -> Resource:
    return next(r for r in doc.by_kind(kind) if r.name == name)


def deployment(name: str, replicas: int = 1, port: int = 8080, port_name: str = "http",
               labels: str = "", ns: str = "") -> str:
    """A Deployment with one container declaring one port, as YAML."""
    extra = f"\n        {labels}" if labels else ""
    where = f"\n  namespace: {ns}" if ns else ""
    return f"""
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{where}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}{extra}
    spec:
      containers:
        - name: {name}
          image: nginx:1.27
          ports:
            - name: {port_name}
              containerPort: {port}
---"""


def service(name: str, selector: str, port: int = 80, target: str = "http", ns: str = "",
            extra: str = "") -> str:
    where = f"\n  namespace: {ns}" if ns else ""
    return f"""
apiVersion: v1
kind: Service
metadata:
  name: {name}{where}
spec:{extra}
  selector:
    app: {selector}
  ports:
    - name: http
      port: {port}
      targetPort: {target}
---"""
