"""The compact line under a node's name (pure function, no window)."""

from __future__ import annotations

import pytest

from kubecanvas.model.resource import Resource
from kubecanvas.model.templates import default_manifest
from kubecanvas.ui.canvas.summary import summary


@pytest.mark.parametrize(("kind", "expected"), [
    ("Deployment", "1 replica · nginx:1.27"),
    ("Service", "ClusterIP · 80→http"),
    ("PersistentVolumeClaim", "1Gi · RWO"),
    ("PersistentVolume", "10Gi · RWO · hostPath"),
    ("CronJob", "0 * * * * · busybox:1.36"),
    ("Secret", "Opaque · 1 key"),
    ("HorizontalPodAutoscaler", "1–5 replicas"),
    ("NetworkPolicy", "Ingress · app=web"),
    ("PodDisruptionBudget", "minAvailable 1"),
])
def test_summary_of_default_resources(kind: str, expected: str) -> None:
    assert summary(Resource(default_manifest(kind, "web"))) == expected


def test_summary_of_a_headless_service_and_a_sized_claim() -> None:
    svc = Resource({"kind": "Service", "metadata": {"name": "db"},
                    "spec": {"clusterIP": "None", "ports": [{"port": 5432}]}})
    assert summary(svc) == "headless · 5432"
    claim = Resource({"kind": "PersistentVolumeClaim", "metadata": {"name": "d"},
                      "spec": {"accessModes": ["ReadWriteMany"], "storageClassName": "fast",
                               "resources": {"requests": {"storage": "10Gi"}}}})
    assert summary(claim) == "10Gi · RWX · fast"
