"""Custom resources the wiring graph understands through a declarative mapping.

A mapping names a kind (and its API group) and says how to draw it (short name, colour, icon)
and which of its fields refer to which kinds: `spec.issuerRef.name` to an Issuer or (by the
sibling `kind` field) a ClusterIssuer, `spec.rules[].backendRefs[].name` to a Service. `[]`
after a step walks every item of a list. A label selector can be mapped too (a ServiceMonitor's
`spec.selector` choosing Services by their labels, in the namespaces its `namespaceSelector`
names).

The model holds plain data only: `io.kinds_file` reads the YAML files (the shipped ones, the
project's `.kubecanvas/kinds.yaml`, `--kinds FILE`) into these classes. By-name references
become ordinary wiring-graph references (drawn, gone missing, renamed and validated like any
other, with the `refers` edge type); selector mappings are resolved as a whole with the other
derived edges (`graph`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.record import field, record
from kubecanvas.model.references import EdgeType, Reference
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import Selector, parse_label_selector


@record(frozen=True)
class FieldRef:
    """One field of a mapped kind that names another object.

    Attributes:
        path: steps to the name; a step ending in `[]` walks a list (`("spec", "parentRefs[]",
            "name")`).
        kinds: the kinds it may name; the first is the default when `kind_field` is absent.
        kind_field: the sibling key that says which kind is meant (Gateway API's `kind`).
        namespace_field: the sibling key holding the target's namespace (else the referrer's).
        cluster_kinds: target kinds that are cluster-scoped (looked up without a namespace).
        label: the wire's label; `label_field` appends a sibling's value (a backend's port).
        provided: the cluster usually provides the target (an issuer, a gateway class): a
            missing one is drawn muted and reported as info, not as a defect.
        creates: the resource's controller creates the target (a Certificate's Secret): drawn
            as a stand-in "created by a controller", which other references then reach.
    """

    path: tuple[str, ...]
    kinds: tuple[str, ...]
    kind_field: str = ""
    namespace_field: str = ""
    cluster_kinds: frozenset[str] = frozenset()
    label: str = ""
    label_field: str = ""
    provided: bool = False
    creates: bool = False


@record(frozen=True)
class SelectorRef:
    """A label selector of a mapped kind that chooses objects of `kind` by their labels.

    Attributes:
        path: steps to the LabelSelector (`("spec", "selector")`).
        kind: the kind whose `metadata.labels` it matches.
        namespace_selector: steps to a Prometheus-style `{any: bool, matchNames: [...]}`; absent
            means the referrer's own namespace.
        label: the wire's label.
    """

    path: tuple[str, ...]
    kind: str
    namespace_selector: tuple[str, ...] = ()
    label: str = ""


@record(frozen=True)
class KindMapping:
    """How to draw one custom kind and what its fields refer to."""

    kind: str
    group: str = ""
    short: str = ""
    colour: str = ""
    icon: str = ""
    cluster_scoped: bool = False
    refs: tuple[FieldRef, ...] = ()
    selectors: tuple[SelectorRef, ...] = ()
    source: str = ""  # "file:line" the mapping was read from, for messages


@record(frozen=True)
class KindMappings:
    """Every mapping in force; a later mapping of the same kind and group wins."""

    kinds: tuple[KindMapping, ...] = ()
    _by_kind: dict[str, list[KindMapping]] = field(default_factory=dict, init=False,
                                                   repr=False, compare=False)

    def __post_init__(self) -> None:
        for mapping in self.kinds:
            self._by_kind.setdefault(mapping.kind, []).insert(0, mapping)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def merged(self, other: KindMappings) -> KindMappings:
        """These mappings with `other`'s added after them (so `other` wins)."""
        return KindMappings(self.kinds + other.kinds)

    def for_kind(self, kind: str, api_version: str = "") -> KindMapping | None:
        """The mapping for a kind in the API group of `api_version`.

        A mapping that names the group wins over one that names none, whatever their order:
        a project's group-less `Gateway` must not take the shipped Gateway API look and fields
        away from Gateway API's own Gateways. An empty `api_version` (a stand-in, known only by
        the kind a reference names) takes the latest mapping of the kind.
        """
        mappings = self._by_kind.get(kind, ())
        if not api_version:
            return mappings[0] if mappings else None
        group = api_version.rpartition("/")[0] if "/" in api_version else ""
        exact = next((m for m in mappings if m.group == group), None)
        return exact or next((m for m in mappings if not m.group), None)

    def group_of_kind(self, kind: str) -> str:
        """The API group the mappings give `kind` ('' when none names one): what a mapped
        field naming that kind refers to."""
        return next((m.group for m in self._by_kind.get(kind, ()) if m.group), "")

    def of(self, res: Resource) -> KindMapping | None:
        return self.for_kind(res.kind, res.api_version)

    def selector_kinds(self) -> frozenset[str]:
        """Kinds whose change can change a selector mapping's edges (both ends)."""
        kinds = {m.kind for m in self.kinds if m.selectors}
        kinds |= {s.kind for m in self.kinds for s in m.selectors}
        return frozenset(kinds)


def _walk(node: Any, steps: tuple[str, ...],
          path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, Any]]]:
    """(path, mapping) of every mapping that holds the last step, walking `[]` lists."""
    if not isinstance(node, Mapping):
        return
    if len(steps) == 1:
        yield path, node
        return
    step = steps[0]
    if step.endswith("[]"):
        key = step[:-2]
        for i, item in enumerate(as_list(node.get(key))):
            yield from _walk(item, steps[1:], (*path, key, i))
    else:
        yield from _walk(node.get(step), steps[1:], (*path, step))


def custom_references(res: Resource, namespace: str, mappings: KindMappings) -> list[Reference]:
    """The by-name references a mapped custom resource makes (`namespace`: where it lands)."""
    mapping = mappings.of(res) if mappings else None
    if mapping is None:
        return []
    out: list[Reference] = []
    for ref in mapping.refs:
        last = ref.path[-1]
        for path, holder in _walk(res.manifest, ref.path, ()):
            name = holder.get(last)
            if not isinstance(name, str) or not name:
                continue
            kind = str(holder.get(ref.kind_field) or "") if ref.kind_field else ""
            kind = kind or ref.kinds[0]
            if kind not in ref.kinds:
                continue  # a kind the mapping does not draw (a ServiceImport backend)
            target_ns = "" if kind in ref.cluster_kinds else str(
                holder.get(ref.namespace_field) or "" if ref.namespace_field else "") or namespace
            label = ref.label
            if ref.label_field and holder.get(ref.label_field) is not None:
                label = f"{label} {holder[ref.label_field]}".strip()
            detail: tuple[tuple[str, Any], ...] = (("provided", ref.provided),)
            group = mappings.group_of_kind(kind)
            if group:  # a Gateway API parentRef is not an Istio Gateway of the same name
                detail += (("group", group),)
            if ref.creates:
                detail += (("generated", True),)
            out.append(Reference(EdgeType.CREATES if ref.creates else EdgeType.REFERS,
                                 (*path, last), kind, name, target_ns, label, detail=detail))
    return out


@record(frozen=True)
class SelectorMatch:
    """One selector mapping of one resource, ready to match labels."""

    path: tuple[str, ...]
    kind: str
    selector: Selector
    namespaces: tuple[str, ...] | None  # None: every namespace
    label: str


def selector_matches(res: Resource, namespace: str,
                     mappings: KindMappings) -> list[SelectorMatch]:
    """The label selectors a mapped resource applies, parsed (none for an absent selector)."""
    mapping = mappings.of(res) if mappings else None
    if mapping is None:
        return []
    out = []
    for sel in mapping.selectors:
        raw = _get(res.manifest, sel.path)
        selector = parse_label_selector(raw) if raw is not None else None
        if selector is None:
            continue
        spaces: tuple[str, ...] | None = (namespace,)
        if sel.namespace_selector:
            ns_sel = as_mapping(_get(res.manifest, sel.namespace_selector))
            if ns_sel.get("any") is True:
                spaces = None
            elif as_list(ns_sel.get("matchNames")):
                spaces = tuple(sorted(str(n) for n in as_list(ns_sel.get("matchNames"))))
        out.append(SelectorMatch(sel.path, sel.kind, selector, spaces, sel.label))
    return out


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        if not isinstance(data, Mapping):
            return None
        data = data.get(step)
    return data
