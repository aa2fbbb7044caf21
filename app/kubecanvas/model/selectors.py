"""Label selectors with the API server's semantics.

Two shapes exist: the equality-only map of a Service or ReplicationController, and the
`metav1.LabelSelector` of workloads, NetworkPolicies and PodDisruptionBudgets (matchLabels and
matchExpressions, ANDed). `NotIn` and `DoesNotExist` also match objects without the key; an empty
LabelSelector matches everything; an absent one matches nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kubecanvas.model.kinds import effective_namespace, get_path, kind_info, pod_template
from kubecanvas.model.record import record
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource

OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


@record(frozen=True)
class Requirement:
    """One requirement of a label selector: `key In (values)`, `key Exists`, ..."""

    key: str
    operator: str
    values: frozenset[str] = frozenset()

    def matches(self, labels: Mapping[str, str]) -> bool:
        present = self.key in labels
        if self.operator == "In":
            return present and labels[self.key] in self.values
        if self.operator == "NotIn":
            return not present or labels[self.key] not in self.values
        if self.operator == "Exists":
            return present
        if self.operator == "DoesNotExist":
            return not present
        return False  # an unknown operator is rejected by the API server; it selects nothing

    def describe(self) -> str:
        values = ",".join(sorted(self.values))
        if self.operator == "In":
            return f"{self.key} in ({values})"
        if self.operator == "NotIn":
            return f"{self.key} notin ({values})"
        if self.operator == "Exists":
            return self.key
        if self.operator == "DoesNotExist":
            return f"!{self.key}"
        return f"{self.key} {self.operator} ({values})"


@record(frozen=True)
class Selector:
    """A parsed selector. `None` stands for 'selects nothing' and is never constructed here."""

    match_labels: tuple[tuple[str, str], ...] = ()
    requirements: tuple[Requirement, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True for `{}`: selects every object."""
        return not self.match_labels and not self.requirements

    def matches(self, labels: Mapping[str, str]) -> bool:
        for key, value in self.match_labels:
            if labels.get(key) != value:
                return False
        return all(req.matches(labels) for req in self.requirements)

    def describe(self) -> str:
        parts = [f"{k}={v}" for k, v in self.match_labels]
        parts += [req.describe() for req in self.requirements]
        return ",".join(parts) if parts else "(everything)"

    def index_key(self) -> tuple[str, str] | None:
        """One (key, value) pair every matching object must carry, for index look-ups."""
        if self.match_labels:
            return self.match_labels[0]
        for req in self.requirements:
            if req.operator == "In" and len(req.values) == 1:
                return (req.key, next(iter(req.values)))
        return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse_map_selector(raw: Any) -> Selector | None:
    """A Service/RC `spec.selector` map. Absent or empty means 'no selector' (None)."""
    if not isinstance(raw, Mapping) or not raw:
        return None
    return Selector(match_labels=tuple((str(k), _text(v)) for k, v in raw.items()))


def parse_label_selector(raw: Any) -> Selector | None:
    """A `metav1.LabelSelector`. Absent means None (nothing); `{}` means everything."""
    if not isinstance(raw, Mapping):
        return None
    labels = raw.get("matchLabels")
    pairs: tuple[tuple[str, str], ...] = ()
    if isinstance(labels, Mapping):
        pairs = tuple((str(k), _text(v)) for k, v in labels.items())
    requirements: list[Requirement] = []
    expressions = raw.get("matchExpressions")
    if isinstance(expressions, list):
        for expr in expressions:
            if not isinstance(expr, Mapping):
                continue
            values = expr.get("values")
            value_set = frozenset(_text(v) for v in values) if isinstance(values, list) else frozenset()
            requirements.append(
                Requirement(_text(expr.get("key")), _text(expr.get("operator")), value_set))
    return Selector(match_labels=pairs, requirements=tuple(requirements))


def parse_selector(raw: Any, style: str) -> Selector | None:
    return parse_map_selector(raw) if style == "map" else parse_label_selector(raw)


def selector_to_labels(selector: Selector) -> dict[str, str]:
    """Labels that a new pod template needs to be selected (equality terms and single `In`s)."""
    labels = dict(selector.match_labels)
    for req in selector.requirements:
        if req.operator == "In" and req.values:
            labels.setdefault(req.key, sorted(req.values)[0])
        elif req.operator == "Exists":
            labels.setdefault(req.key, "true")
    return labels


def format_labels(labels: Iterable[tuple[str, str]] | Mapping[str, str]) -> str:
    items = labels.items() if isinstance(labels, Mapping) else labels
    return ",".join(f"{k}={v}" for k, v in items)


# --- which selector a resource applies ------------------------------------------------------------
@record(frozen=True)
class SelectorInfo:
    """The pod selector a resource applies to other resources' pods, and where it is written."""

    selector: Selector
    path: tuple[str, ...]
    namespace: str
    edge_type: str


def selector_of(res: Resource) -> SelectorInfo | None:
    """The pod selector a resource applies to other resources' pods (not its own template)."""
    info = kind_info(res.kind)
    ns = effective_namespace(res)
    if res.kind == "Service":
        if res.spec.get("type") == "ExternalName":
            return None
        sel = parse_selector(res.spec.get("selector"), "map")
        return SelectorInfo(sel, ("spec", "selector"), ns, EdgeType.SELECTS) if sel else None
    if res.kind in ("NetworkPolicy", "PodDisruptionBudget"):
        assert info.selector is not None
        sel = parse_label_selector(get_path(res.manifest, info.selector))
        return SelectorInfo(sel, info.selector, ns, EdgeType.SELECTS) if sel else None
    if info.apply_rank == 90 and not info.owns_pods and pod_template(res) is None:
        raw = res.spec.get("selector")
        if isinstance(raw, Mapping) and raw:
            style = "label" if ("matchLabels" in raw or "matchExpressions" in raw) else "map"
            sel = parse_selector(raw, style)
            if sel is not None:
                return SelectorInfo(sel, ("spec", "selector"), ns, EdgeType.SELECTS)
    return None


def own_selector(res: Resource) -> Selector | None:
    """A workload's selector over its own pods."""
    info = kind_info(res.kind)
    if info.selector is None or not info.owns_pods:
        return None
    return parse_selector(get_path(res.manifest, info.selector), info.selector_style)
