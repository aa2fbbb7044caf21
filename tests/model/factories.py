"""The shared builders (`tests.builders`) as resources, for model and editor tests."""

from __future__ import annotations

from tests import builders

deployment = builders.resources(builders.deployment, replicas=1, image="nginx")
service = builders.resources(builders.service)
simple = builders.resources(builders.simple)
pvc = builders.resources(builders.pvc)
pv = builders.resources(builders.pv)
