"""One edge of the wiring graph as callers see it, and the names of the graph's stand-in nodes.

Plain values with no graph behind them, so that the graph (`graph`), the scene and the rules can
pass edges around without caring how the graph stores them.
"""

from __future__ import annotations

from enum import StrEnum

from kubecanvas.model.record import record
from kubecanvas.model.references import Reference


class EdgeCategory(StrEnum):
    """What made an edge: a reference by name, a selector matching pods, the PV controller's
    binding, or a workload's selector matching its own pod template."""

    REF = "ref"
    SELECT = "select"
    BIND = "bind"
    TEMPLATE = "template"
    #: recomputed as a whole from several resources (`derived`: NetworkPolicy traffic,
    #: custom selectors)
    DERIVED = "derived"


@record(frozen=True)
class Edge:
    """One edge as callers see it."""

    source: str
    target: str
    key: str
    type: str
    field: str
    label: str
    category: EdgeCategory
    reference: Reference | None = None

    @property
    def path(self) -> tuple[str | int, ...]:
        return self.reference.path if self.reference is not None else ()


def missing_node(kind: str, namespace: str, name: str) -> str:
    return f"missing:{kind}:{namespace}:{name}"


def generated_node(owner: str, kind: str, name: str) -> str:
    return f"generated:{owner}:{kind}:{name}"
