"""What a rule sees: the document, its wiring graph, the target Kubernetes version, and the subset
of resources to check.

Rules are pure functions `(ctx) -> Iterable[Finding]`. They never walk the whole document to find
what to check: they ask `ctx.targets(...)`, which yields every resource on a full check and only
the touched resources (and their neighbours) on an incremental one. A rule whose verdict on a
resource depends on resources that are *not* its graph neighbours (a "did you mean" over every
ConfigMap in the namespace, nodePorts unique across Services) says so with `ctx.depend`, so the
incremental validator knows to re-check it when such a resource changes.
"""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kubecanvas.model.document import Document
from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.kinds import effective_namespace, is_known, pod_template, template_labels
from kubecanvas.model.order import OrderKey, in_order, kept, order_key
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation.findings import Finding, Fix, RuleId, Severity

#: A dependency key: (kind, namespace). `PODS` as kind stands for every pod-owning resource.
DependencyKey = tuple[str, str]
PODS = "*pods*"
#: Every resource of a kind KubeCanvas does not know in depth (custom resources).
CUSTOM = "*custom*"
#: Every resource whatever its kind: a dependency on which resources exist where (their kind,
#: namespace, name and place in the files), not on what they hold. An edit that keeps all of
#: that (a value, replicas) does not invalidate it, so a namespace-wide rule is not re-run by
#: every edit in its namespace.
ANY_KIND = "*any*"
ANY_NAMESPACE = "*"
#: Every pod-owning resource, for a rule that reads only which pod owners exist where, their
#: pod labels and their names (a Service that selects nothing, and the workload its fix
#: offers). Like `ANY_KIND`, an edit that keeps all of that (replicas, an image) does not
#: invalidate it: with `PODS`, each such edit re-ran the fix of every such Service of the
#: namespace, scoring all its pod owners (15 ms at 15,000 resources).
POD_LABELS = "*pod-labels*"


def dependency_keys(res: Resource) -> set[DependencyKey]:
    """The keys a change to `res` invalidates (see `Context.depend`)."""
    ns = effective_namespace(res)
    keys = {(res.kind, ns), (res.kind, ANY_NAMESPACE), (ANY_KIND, ns), (ANY_KIND, ANY_NAMESPACE)}
    if pod_template(res) is not None:
        keys |= {(PODS, ns), (PODS, ANY_NAMESPACE), (POD_LABELS, ns)}
    if not is_known(res.kind):
        keys |= {(CUSTOM, ns), (CUSTOM, ANY_NAMESPACE)}
    for key, value in template_labels(res).items():
        keys.add((label_key(key, value), ns))
    keys.add((name_key(res.kind, res.name), ns))
    keys |= {(host, ANY_NAMESPACE) for host in ingress_host_keys(res)}
    return keys


def pod_identity(res: Resource) -> tuple[object, ...]:
    """What a `POD_LABELS` dependency reads of a resource (see there)."""
    labels = template_labels(res) if pod_template(res) is not None else None
    return (res.kind, effective_namespace(res), res.name,
            None if labels is None else tuple(sorted(labels.items())))


def ingress_host_keys(res: Resource) -> set[str]:
    """The index 'kinds' standing for every Ingress that routes a host (`*host:<host>*`, with
    `*host:*` for rules without a host); host names are global, so the namespace is '*'."""
    if res.kind != "Ingress":
        return set()
    rules = res.spec.get("rules")
    hosts = {str(r.get("host") or "") for r in rules if isinstance(r, Mapping)} \
        if isinstance(rules, list) else set()
    return {f"*host:{host}*" for host in hosts}


def name_key(kind: str, name: str) -> str:
    """The dependency 'kind' standing for the resources of `kind` named `name`."""
    return f"*name:{kind}/{name}*"


def label_key(key: str, value: str) -> str:
    """The dependency 'kind' standing for every pod owner whose pods carry key=value."""
    return f"*label:{key}={value}*"


class KindIndex:
    """Resource ids by (kind, namespace), with '*' for any namespace and `CUSTOM` for kinds not
    known in depth; kept current from document changes so look-ups cost nothing per edit."""

    def __init__(self, document: Document) -> None:
        self._ids: dict[DependencyKey, set[str]] = defaultdict(set)
        self._keys: dict[str, tuple[DependencyKey, ...]] = {}
        self._namespaces: Counter[str] = Counter()
        self._in_namespace: dict[str, set[str]] = defaultdict(set)
        #: `ordered`'s lists, kept from one edit's run to the next (sorting a namespace's
        #: Services or ConfigMaps again for each edit grew with the design: 30 % of the
        #: validation of an edit at 15,000 resources); dropped when one of theirs changes
        self._ordered: dict[DependencyKey, list[Resource]] = {}
        for res in document:
            self._add(res)

    @staticmethod
    def keys_of(res: Resource) -> tuple[DependencyKey, ...]:
        ns = effective_namespace(res)
        keys = [(res.kind, ns), (res.kind, ANY_NAMESPACE)]
        if not is_known(res.kind):
            keys += [(CUSTOM, ns), (CUSTOM, ANY_NAMESPACE)]
        keys += [(host, ANY_NAMESPACE) for host in sorted(ingress_host_keys(res))]
        return tuple(keys)

    def _add(self, res: Resource) -> None:
        keys = self.keys_of(res)
        self._keys[res.id] = keys
        self._namespaces[keys[0][1]] += 1
        self._in_namespace[keys[0][1]].add(res.id)
        for key in keys:
            self._ids[key].add(res.id)
            self._ordered.pop(key, None)

    def _remove(self, rid: str) -> None:
        keys = self._keys.pop(rid, ())
        if keys:
            self._namespaces[keys[0][1]] -= 1
            self._in_namespace[keys[0][1]].discard(rid)
            if not self._namespaces[keys[0][1]]:
                del self._namespaces[keys[0][1]]
                del self._in_namespace[keys[0][1]]
        for key in keys:
            self._ordered.pop(key, None)
            bucket = self._ids.get(key)
            if bucket is not None:
                bucket.discard(rid)
                if not bucket:
                    del self._ids[key]

    def update(self, document: Document, rids: Iterable[str]) -> None:
        """Re-index `rids` (added, changed or removed) after a change."""
        for rid in rids:
            self._remove(rid)
            res = document.find(rid)
            if res is not None:
                self._add(res)

    def ids(self, kind: str, namespace: str) -> list[str]:
        return sorted(self._ids.get((kind, namespace), ()))

    def ordered(self, document: Document, key: DependencyKey) -> list[Resource]:
        """The resources of `key` (kind, namespace) in the canonical order (`in_order`); the
        list is shared: do not change it."""
        found = self._ordered.get(key)
        if found is None:
            found = self._ordered[key] = in_order(
                r for r in map(document.find, self._ids.get(key, ())) if r is not None)
        return found

    def reorder(self) -> None:
        """Sort again at the next `ordered`: resources changed their place without a change of
        the document (a save gave them the files they were written to)."""
        self._ordered.clear()

    def in_namespace(self, namespace: str) -> set[str]:
        """Ids of the resources whose effective namespace is `namespace` (do not change it)."""
        return self._in_namespace.get(namespace, set())

    def has_namespace(self, namespace: str) -> bool:
        """True when some resource lands in `namespace` ('' holds the cluster-scoped ones)."""
        return namespace in self._namespaces


class Context:
    """The read-only view a rule gets of one validation run.

    Attributes:
        document: the document being checked.
        graph: its wiring graph, up to date.
        kube_version: the target Kubernetes version as 'MAJOR.MINOR' (for example '1.33').
        dependencies: filled by rules through `depend`: resource id -> the keys its findings
            rely on -> the checks that declared each.
        record: whether `depend` fills `dependencies`, which only a run that is followed by
            incremental re-checks reads (`Validator`); a one-shot check leaves it empty.
    """

    def __init__(self, document: Document, graph: WiringGraph, kube_version: str,
                 severities: Mapping[str, Severity], ids: Iterable[str] | None = None,
                 index: KindIndex | None = None, record: bool = True) -> None:
        self.document = document
        self.index = index if index is not None else KindIndex(document)
        self.graph = graph
        self.kube_version = kube_version
        self._severities = severities
        self._ids: set[str] | None = None if ids is None else set(ids)
        self._by_kind: dict[str, list[Resource]] | None = None
        self._of_kind: dict[DependencyKey, list[Resource]] = {}
        self._overwritten: set[str] | None = None
        self._targets: dict[tuple[str, ...], list[Resource]] = {}
        #: scratch space for rules that share an index within one run (keyed by rule), of what
        #: the document holds: kept for every block of a full check (`for_targets`)
        self.cache: dict[str, Any] = {}
        #: likewise, of what depends on the targets (their pod specs): each block starts afresh
        self.target_cache: dict[str, Any] = {}
        # Order keys and sorted edges, asked for again and again by the rules of one run (the
        # document and graph do not change during a run; a Context lives for one run).
        self._order: dict[str, OrderKey] = {}
        self._edges: dict[tuple[str, str | None, bool], list[Edge]] = {}
        #: the check running now (`check_runs.run_checks` sets it): each dependency is recorded
        #: with the checks that declared it, so a resource an edit reaches only through a
        #: declared key has only those checks run on it again (`Validator`)
        self.check: object = None
        self.dependencies: dict[str, dict[DependencyKey, set[object]]] = {}
        self.record = record
        #: the check that reported each finding, by the finding's id (`check_runs.run_checks`)
        self.reported_by: dict[int, object] = {}

    def for_targets(self, ids: Iterable[str]) -> Context:
        """A context for the next block of a full check (`check_runs.full_check_blocks`), with
        `ids` as targets: it shares what depends only on the document and graph (order keys,
        edges, lists by kind, `cache`), and records its own findings' checks and dependencies.
        """
        other = copy.copy(self)
        other._ids = set(ids)
        other._by_kind = None
        other._targets = {}
        other.target_cache = {}
        other.dependencies = {}
        other.reported_by = {}
        return other

    # --- what to check -------------------------------------------------------------------------
    @property
    def full(self) -> bool:
        """True on a full check (every resource is a target)."""
        return self._ids is None

    def _targets_by_kind(self) -> dict[str, list[Resource]]:
        if self._by_kind is None:
            by_kind: dict[str, list[Resource]] = defaultdict(list)
            if self._ids is None:
                resources: Iterable[Resource] = self.document
            else:
                resources = (r for r in (self.document.find(i) for i in sorted(self._ids)) if r)
            for res in resources:
                by_kind[res.kind].append(res)
            self._by_kind = dict(by_kind)
        return self._by_kind

    def targets(self, *kinds: str) -> Iterator[Resource]:
        """The resources to check, all kinds or only `kinds`, in a stable order. A definition
        that a later definition of the same object overwrites is not checked (kubectl apply
        leaves only the last one; `resource.duplicate` says so): see `all_targets`.

        Listed once per run for each `kinds` asked: most checks walk every target, and
        filtering them again through two generators for each check cost 0.3 s of the checks of
        50,000 resources (800,000 items)."""
        found = self._targets.get(kinds)
        if found is None:
            overwritten = self.overwritten()
            found = self._targets[kinds] = [res for res in self.all_targets(*kinds)
                                            if res.id not in overwritten]
        return iter(found)

    def all_targets(self, *kinds: str) -> Iterator[Resource]:
        """Like `targets`, overwritten definitions included (for the duplicate rule)."""
        by_kind = self._targets_by_kind()
        if not kinds:
            for group in by_kind.values():
                yield from group
            return
        for kind in kinds:
            yield from by_kind.get(kind, ())

    def overwritten(self) -> set[str]:
        """Ids of definitions that a later definition of the same object overwrites on apply."""
        if self._overwritten is None:
            self._overwritten = set()
            for ids in self.graph.duplicated():
                ordered = in_order(r for r in map(self.document.find, ids) if r is not None)
                self._overwritten.update(r.id for r in ordered[:-1])
        return self._overwritten

    def is_target(self, rid: str) -> bool:
        return self._ids is None or rid in self._ids

    # --- looking around ------------------------------------------------------------------------
    def resource(self, rid: str) -> Resource | None:
        return self.document.find(rid)

    def lookup(self, kind: str, namespace: str, name: str) -> list[Resource]:
        """Resources with that kind, effective namespace and name, in the canonical order (see
        `model.order`; several only when the object is defined more than once). A neighbour-free
        look-up: callers that rely on it for a verdict should also call `depend`."""
        ids = self.graph.lookup(kind, namespace, name)
        if len(ids) == 1:  # the common case, asked once or more per resource: nothing to order
            res = self.document.find(ids[0])
            return [] if res is None else [res]
        return in_order(r for r in map(self.document.find, ids) if r is not None)

    def kept(self, kind: str, namespace: str, name: str) -> Resource | None:
        """The definition of that object `kubectl apply` leaves in the cluster (the last one
        applied) when it is defined more than once: the one every rule judges by."""
        return kept(self.lookup(kind, namespace, name))

    def is_kept(self, res: Resource) -> bool:
        """False for a definition that a later definition of the same object overwrites."""
        winner = self.kept(res.kind, effective_namespace(res), res.name)
        return winner is None or winner.id == res.id

    def order_of(self, rid: str) -> OrderKey:
        """A node's place in the canonical order; nodes that are not resources (stand-ins for
        missing or generated objects, whose ids are made from kind and name) sort after."""
        found = self._order.get(rid)
        if found is None:
            res = self.document.find(rid)
            found = self._order[rid] = order_key(res) if res is not None else (2, rid)
        return found

    def of_kind(self, kind: str, namespace: str | None = None) -> list[Resource]:
        """Every resource of `kind` (in `namespace` if given), in a stable order. Kind `CUSTOM`
        gives every resource of a kind not known in depth."""
        key = (kind, ANY_NAMESPACE if namespace is None else namespace)
        found = self._of_kind.get(key)
        if found is None:
            found = self.index.ordered(self.document, key)
            self._of_kind[key] = found
        return list(found)

    def out_edges(self, rid: str, type: str | None = None) -> list[Edge]:
        """Edges from `rid`, sorted (the graph's own order depends on its edit history, and
        findings must not). Edges to a definition that a later one overwrites are left out: every rule judges an
        object by the definition kubectl apply keeps."""
        return list(self._edges_at(rid, type, True))

    def in_edges(self, rid: str, type: str | None = None) -> list[Edge]:
        return list(self._edges_at(rid, type, False))

    def _edges_at(self, rid: str, type: str | None, outgoing: bool) -> list[Edge]:
        """`out_edges` or `in_edges`, shared (do not change it).

        Edges of one type are those of the edges of every type already listed, when they are
        (filtering a sorted list keeps it sorted), and a list of none or one edge is not
        sorted: at 50,000 resources the rules asked for these lists 250,000 times, most of them
        empty or of one edge, and a third of them of one type of edges already listed."""
        found = self._edges.get((rid, type, outgoing))
        if found is not None:
            return found
        every = self._edges.get((rid, None, outgoing)) if type is not None else None
        if every is not None:
            found = [e for e in every if e.type == type]
        else:
            edges = (self.graph.out_edges if outgoing else self.graph.in_edges)(rid, type)
            overwritten = self.overwritten()
            if outgoing:
                found = [e for e in edges if e.target not in overwritten]
                if len(found) > 1:
                    found.sort(key=lambda e: (self.order_of(e.target), e.key))
            else:
                found = [e for e in edges if e.source not in overwritten]
                if len(found) > 1:
                    found.sort(key=lambda e: (self.order_of(e.source), e.key))
        self._edges[rid, type, outgoing] = found
        return found

    def depend(self, rid: str, kind: str, namespace: str = ANY_NAMESPACE) -> None:
        """Record that the findings on `rid` depend on every resource of `kind` in `namespace`
        (kind `PODS`: every pod-owning resource), not only on its graph neighbours.

        Nothing is kept when the run does not `record`: a one-shot full check
        (`validate_document`: the CLI, the lessons) is never re-checked, and the record it
        built and threw away was the largest thing its checks kept (5.1 MiB in 36,000 blocks
        at 5,000 resources, 15.4 MiB at 15,000: a third of what they keep), memory the rest of
        the run shared the caches with."""
        if not self.record:
            return
        self.dependencies.setdefault(rid, {}).setdefault((kind, namespace), set()).add(self.check)

    # --- reporting -----------------------------------------------------------------------------
    def report(self, rule: RuleId, res: Resource | str | None, message: Text,
               path: tuple[str | int, ...] = (), related: Iterable[str] = (),
               fix: Fix | None = None, severity: Severity | None = None) -> Finding:
        """A finding of `rule` (its registered severity unless `severity` is given).

        `message` is a `Text`: the English sentence the CLI, JSON and SARIF print, carrying the
        Korean one the editor's Problems panel shows when the window speaks Korean."""
        rid = res.id if isinstance(res, Resource) else res
        if severity is None:
            try:
                severity = self._severities[rule]
            except KeyError:
                raise KeyError(f"rule {rule!r} is not registered in validation.registry.RULES") \
                    from None
        return Finding(rule, severity, message, rid, tuple(path), tuple(related), fix)
