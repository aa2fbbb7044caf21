"""Simulations never raise on real-world or malformed manifests: they describe, they don't crash."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kubecanvas.io import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import pod_template
from kubecanvas.teaching import (
    SimCluster,
    explain_node,
    simulate_claim,
    simulate_cronjob,
    simulate_deployment,
    simulate_environment,
    simulate_job,
    simulate_network,
    simulate_service,
    simulate_statefulset,
    walk_ingress,
)

from .helpers import build

START = datetime(2026, 1, 1, tzinfo=UTC)


def simulate_everything(doc: Document, graph: WiringGraph) -> int:
    cluster = SimCluster(doc)
    count = 0
    for res in doc:
        kind = res.kind
        if kind == "Service":
            simulate_service(doc, graph, res.id, cluster)
        elif kind == "Ingress":
            for request in ("GET example.com/", "GET shop.example.com/api/items"):
                walk_ingress(doc, graph, res.id, request, cluster)
        elif kind == "Deployment":
            simulate_deployment(doc, graph, res.id, cluster)
        elif kind == "StatefulSet":
            simulate_statefulset(doc, graph, res.id)
        elif kind == "PersistentVolumeClaim":
            simulate_claim(doc, graph, res.id)
        if kind in ("Job", "CronJob"):
            simulate_job(doc, res.id)
        if kind == "CronJob":
            simulate_cronjob(doc, res.id, START)
        if pod_template(res) is not None:
            simulate_environment(doc, graph, res.id, reveal=True, cluster=cluster)
        explain_node(graph, res.id)
        count += 1
    simulate_network(doc, graph, cluster)
    return count


def test_every_corpus_app_simulates_without_errors(corpus: Path) -> None:
    total = 0
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        doc = Document(load_paths([folder]).resources)
        total += simulate_everything(doc, WiringGraph(doc))
    assert total > 300


MALFORMED = """
apiVersion: apps/v1
kind: Deployment
metadata: {name: odd}
spec:
  replicas: three
  strategy: {rollingUpdate: {maxSurge: lots, maxUnavailable: -1}}
  selector: {matchLabels: {app: odd}}
  template:
    metadata: {labels: {app: odd}}
    spec:
      volumes: not-a-list
      containers:
        - name: c
          ports: [{containerPort: "80"}, 7, {name: 9}]
          env: [just-a-string, {name: X, valueFrom: {fieldRef: {fieldPath: spec.nope}}},
                {name: Y, valueFrom: {resourceFieldRef: {resource: limits.gpu, divisor: x}}}]
          envFrom: [{configMapRef: {}}, {secretRef: {name: s}}]
          volumeMounts: [{name: nothing, mountPath: /x}, 5]
        - just-a-string
---
apiVersion: v1
kind: Service
metadata: {name: odd}
spec:
  selector: {app: odd}
  ports: [{port: "eighty", targetPort: {}}, "junk", {targetPort: "8080"}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: odd}
spec:
  defaultBackend: {resource: {kind: Bucket, name: b}}
  rules: [{host: "*.example.com"}, "junk", {http: {paths: [{backend: {service: {name: odd}}}]}}]
  tls: [{hosts: [example.com]}, "junk"]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: odd}
spec:
  schedule: "61 * * * *"
  timeZone: Nowhere/City
  jobTemplate: {spec: {completions: -2, parallelism: "x", template: {spec: {containers: []}}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: odd}
spec:
  podSelector: {}
  ingress: [{from: [{ipBlock: {cidr: not-a-cidr}}, {}], ports: [{port: x}, {endPort: 9}]}]
  egress: "junk"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: odd}
spec: {resources: {requests: {storage: lots}}, accessModes: RWO}
"""


def test_malformed_manifests_are_described_not_crashed_on() -> None:
    doc, graph = build(MALFORMED)
    assert simulate_everything(doc, graph) == len(doc)
    cron = simulate_cronjob(doc, next(r.id for r in doc.by_kind("CronJob")), START)
    assert cron.error == "unknown time zone 'Nowhere/City'"
