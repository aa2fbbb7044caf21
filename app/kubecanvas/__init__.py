"""KubeCanvas: draw, wire, validate and export Kubernetes applications."""

from __future__ import annotations

__version__ = "0.1.0"
