"""Talking to a cluster, only through the user's own kubectl and kubeconfig.

`kubectl` runs kubectl (and recognises 'not installed', 'no context' and 'unreachable'),
`server` checks a design with a server-side dry run or applies it and reports the answer per
resource, `namespace` reads what runs in a namespace back as a design. Nothing here stores or
reads credentials. This package sits beside io and validation and imports only the model; callers
pass it the YAML text to send (from io's exporter) and load what it fetches with io's reader.
"""

from __future__ import annotations

from kubecanvas.cluster.kubectl import ClusterError, Completed, Kubectl, find_kubectl
from kubecanvas.cluster.namespace import (
    NAMESPACED_TYPES,
    Fetched,
    designed_resources,
    fetch_namespace,
)
from kubecanvas.cluster.server import Answer, ServerReport, apply_resources

__all__ = [
    "NAMESPACED_TYPES",
    "Answer",
    "ClusterError",
    "Completed",
    "Fetched",
    "Kubectl",
    "ServerReport",
    "apply_resources",
    "designed_resources",
    "fetch_namespace",
    "find_kubectl",
]
