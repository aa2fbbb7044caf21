"""Running the rules: a one-shot full check, and a validator that follows the document.

`validate_document` checks everything once (the CLI). `Validator` is told of each change after the
wiring graph (the editor's `ui.session` runs the two in that order) and re-checks only the
resources the graph touched, their graph neighbours, and the resources whose findings a rule
declared to depend on the changed ones (see `Context.depend`). A property test holds it to the
same answer as a full check.
"""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from collections.abc import Iterable

from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import effective_namespace
from kubecanvas.model.order import order_key, ranks
from kubecanvas.model.resource import Resource
from kubecanvas.validation.check_runs import full_check_blocks, once_on_no_resource, run_checks
from kubecanvas.validation.context import (
    ANY_KIND,
    POD_LABELS,
    Context,
    DependencyKey,
    KindIndex,
    dependency_keys,
    pod_identity,
)
from kubecanvas.validation.finding_order import FindingOrder
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.profiles import PROFILES, active_profiles
from kubecanvas.validation.registry import DERIVED_KEYS, checks
from kubecanvas.validation.versions import normalize_version

IgnoreSet = Iterable[tuple[str, str]]


def is_ignored(finding: Finding, ignored: IgnoreSet) -> bool:
    """True when (rule, resource id) is ignored; '*' as resource id ignores the rule everywhere,
    and a rule pattern may use shell wildcards ('schema.*')."""
    rid = finding.resource_id or ""
    for rule, target in ignored:
        if target not in ("*", rid):
            continue
        if rule == finding.rule or ("*" in rule and fnmatch.fnmatchcase(finding.rule, rule)):
            return True
    return False


def filter_ignored(findings: Iterable[Finding], ignored: IgnoreSet) -> list[Finding]:
    ignored = list(ignored)
    if not ignored:
        return list(findings)
    return [f for f in findings if not is_ignored(f, ignored)]


def document_profiles(document: Document, extra: Iterable[str] | None = None) -> frozenset[str]:
    """The profiles a validation of `document` runs: the default one, the project's
    (`settings.profiles`, unknown names from a newer KubeCanvas skipped) and `extra`."""
    return active_profiles([p for p in document.settings.profiles if p in PROFILES], extra)


def sort_findings(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """The canonical resource order (`model.order`: file and line, else namespace, kind and
    name), then field, rule and message: the same for the same input, whatever the resources'
    ids and whatever order they were read or drawn in."""
    findings = list(findings)
    # rank only the resources the findings name (the canonical order restricted to them is the
    # same order): ranking all 5,000 resources of a design after each edit cost 45 ms
    named = {f.resource_id for f in findings if f.resource_id} | {
        r for f in findings for r in f.related}
    order = ranks(r for r in map(document.find, named) if r is not None)
    return sorted(findings, key=lambda f: (order.get(f.resource_id or "", -1), f.field, f.rule,
                                           str(f.message),
                                           tuple(order.get(r, -1) for r in f.related)))


def _kube_version(document: Document, kube_version: str | None) -> str:
    return normalize_version(kube_version or document.settings.kube_version)


#: Resources from which `validate_document(jobs=N)` shares the checks out: below, forking the
#: workers costs more than it saves.
PARALLEL_FROM = 500


def validate_document(document: Document, graph: WiringGraph | None = None,
                      kube_version: str | None = None,
                      profiles: Iterable[str] | None = None, jobs: int = 1) -> list[Finding]:
    """Every finding on `document`, minus those its settings ignore, in a deterministic order.

    Args:
        document: the document to check.
        graph: its wiring graph if the caller already has one (built here otherwise).
        kube_version: target version ('1.33'); default the project's, else the newest shipped.
        profiles: profiles to run beyond the default one and the project's ('hardening').
        jobs: processes to share the checks out over (`validation.parallel`; the findings are
            the same, their fixes only describe themselves).
    """
    if graph is None:
        graph = WiringGraph(document, subscribe=False)
    version, active = _kube_version(document, kube_version), document_profiles(document, profiles)
    if jobs > 1 and len(document) >= PARALLEL_FROM:
        from kubecanvas.validation.parallel import run_checks_in_processes

        findings = run_checks_in_processes(document, graph, version, active, jobs)
    else:
        seen: set[tuple[object, ...]] = set()
        findings = [f for _, found, _ in full_check_blocks(document, graph, version, active,
                                                             record=False)
                    for f in once_on_no_resource(found, seen)]
    return sort_findings(document, filter_ignored(findings, document.settings.ignored))


class Validator:
    """Findings kept current with the document, re-checked incrementally after each change.

    `apply(change, touched)` brings it up to date once the graph has applied the change (the
    editor's session calls the two in that order). With `subscribe` it follows the document on
    its own, after a graph subscribed before it, and reads what that graph touched last.
    """

    def __init__(self, document: Document, graph: WiringGraph, kube_version: str | None = None,
                 subscribe: bool = True) -> None:
        self.document = document
        self.graph = graph
        self._explicit_version = kube_version
        self.kube_version = _kube_version(document, kube_version)
        self._by_resource: dict[str, list[Finding]] = {}
        self._deps: dict[str, set[DependencyKey]] = {}
        self._dependents: dict[DependencyKey, set[str]] = defaultdict(set)
        #: which checks declared each (resource, key), and which check reported each stored
        #: finding (by its id): see `_recheck_partly`
        self._declared: dict[tuple[str, DependencyKey], set[object]] = {}
        self._reported_by: dict[int, object] = {}
        self._order = FindingOrder(document, graph, sort_findings)
        self._index = KindIndex(document)
        #: the profiles run (the default one plus the project's `settings.profiles`).
        self.profiles = document_profiles(document)
        #: ids re-checked by the last update (for tests and the editor's status line).
        self.last_checked: set[str] = set()
        #: ids whose findings the last update replaced (None: possibly any, after a full check
        #: or a settings change): what a view of the findings needs to look at again.
        self.last_replaced: set[str] | None = None
        self.full_check()
        if subscribe:
            document.subscribe(self._on_change)

    # --- reading -------------------------------------------------------------------------------
    @property
    def findings(self) -> list[Finding]:
        """Current findings, ignored ones removed, in document order."""
        ignored = self.document.settings.ignored
        return list(self._order.current(self._by_resource,
                                        lambda found: filter_ignored(found, ignored)))

    @property
    def order(self) -> FindingOrder:
        """The sorted findings and the steps of their updates (`FindingOrder.since`): what a
        view that shows all of them follows, after reading `findings`."""
        return self._order

    def findings_for(self, rid: str) -> list[Finding]:
        """Current findings on one resource (ignored ones removed)."""
        return filter_ignored(self._by_resource.get(rid, ()), self.document.settings.ignored)

    # --- updating ------------------------------------------------------------------------------
    def full_check(self) -> None:
        self._by_resource.clear()
        self._deps.clear()
        self._dependents.clear()
        self._declared.clear()
        self._reported_by.clear()
        self._order = FindingOrder(self.document, self.graph, sort_findings)
        self.last_checked = set(self.document.ids())
        self.last_replaced = None
        self._index = KindIndex(self.document)
        seen: set[tuple[object, ...]] = set()
        for block, found, ctx in full_check_blocks(self.document, self.graph, self.kube_version,
                                                   self.profiles, self._index):
            self._store(set(block), once_on_no_resource(found, seen), ctx)
            for rid in ctx.dependencies.keys() - set(block):  # (declared while on another)
                if rid in self.document:
                    self._depend(rid, ctx)

    def recheck(self, ids: Iterable[str]) -> None:
        """Re-run every rule for `ids` (ids no longer in the document are just dropped)."""
        ids = set(ids)
        present = {rid for rid in ids if rid in self.document}
        for rid in ids - present:
            self._forget(rid)
        self.last_checked = present
        if present:
            self._store(present, *run_checks(self.document, self.graph, self.kube_version,
                                             present, self._index, self.profiles))
        if self.last_replaced is not None:
            self.last_replaced |= ids

    def _forget(self, rid: str) -> None:
        found = self._by_resource.pop(rid, ())
        self._order.count_related(found, -1)
        self._order.replaced([rid])
        for finding in found:
            self._reported_by.pop(id(finding), None)
        for key in list(self._deps.get(rid, ())):
            self._undepend(rid, key)
        self._deps.pop(rid, None)

    def _undepend(self, rid: str, key: DependencyKey) -> None:
        self._deps[rid].discard(key)
        self._declared.pop((rid, key), None)
        bucket = self._dependents.get(key)
        if bucket is not None:
            bucket.discard(rid)
            if not bucket:
                del self._dependents[key]

    def _depend(self, rid: str, ctx: Context) -> None:
        """Record what the checks run on `rid` in `ctx` declared they read."""
        for key, declared in ctx.dependencies.get(rid, {}).items():
            self._deps.setdefault(rid, set()).add(key)
            self._dependents[key].add(rid)
            self._declared.setdefault((rid, key), set()).update(declared)

    def _store(self, ids: set[str], findings: list[Finding], ctx: Context) -> None:
        for rid in ids:
            self._forget(rid)
        for finding in findings:
            self._by_resource.setdefault(finding.resource_id or "", []).append(finding)
            self._order.replaced([finding.resource_id or ""])
            self._reported_by[id(finding)] = ctx.reported_by.get(id(finding))
        self._order.count_related(findings, 1)
        for rid in ids:
            self._depend(rid, ctx)

    def _recheck_partly(self, partial: dict[str, set[object]]) -> None:
        """Re-run on each resource only the checks that declared the dependency an edit
        reached it through (`Context.dependencies`), keeping its other findings: an edit of one
        PersistentVolume reaches each claim no volume fits (its finding names the closest
        ones), and ran all 59 checks on 180 StatefulSets at 15,000 resources for one."""
        groups: dict[frozenset[object], set[str]] = defaultdict(set)
        whole: set[str] = set()
        for rid, declared in partial.items():
            if rid in self.document:
                (whole if None in declared else groups[frozenset(declared)]).add(rid)
        rank: dict[object, int] = {check: n for n, check in enumerate(checks(self.profiles))}
        same: set[str] = set()  # re-checked to the same findings: no view needs to look again
        for only, rids in groups.items():
            findings, ctx = run_checks(self.document, self.graph, self.kube_version, rids,
                                       self._index, self.profiles, only)  # type: ignore[arg-type]
            if any(f.resource_id not in rids for f in findings):
                whole |= rids  # (a finding on no resource: as a full re-check stores it)
                continue
            mine: dict[str, list[Finding]] = defaultdict(list)
            for finding in findings:
                mine[finding.resource_id or ""].append(finding)
                self._reported_by[id(finding)] = ctx.reported_by.get(id(finding))
            for rid in sorted(rids):
                old = self._by_resource.get(rid, [])
                new = [f for f in old if self._reported_by.get(id(f)) not in only] + mine[rid]
                new.sort(key=lambda f: rank.get(self._reported_by.get(id(f)), -1))
                if new == old:  # (an unbound claim's closest volumes, after a PV edit)
                    same.add(rid)
                    for finding in mine[rid]:
                        self._reported_by.pop(id(finding), None)
                else:
                    self._replace_partly(rid, old, new, only)
                for key in list(self._deps.get(rid, ())):
                    by = self._declared.get((rid, key))
                    if by is not None and not by - only:
                        self._undepend(rid, key)
                    elif by is not None:
                        by -= only
                self._depend(rid, ctx)
        checked = self.last_checked
        if whole:
            self.recheck(whole)
        partly = {rid for rids in groups.values() for rid in rids}
        self.last_checked = checked | whole | partly
        if self.last_replaced is not None:
            self.last_replaced |= checked | whole | (partly - same)

    def _replace_partly(self, rid: str, old: list[Finding], new: list[Finding],
                        only: frozenset[object]) -> None:
        """Store `new` as `rid`'s findings in place of `old`, of which those `only`'s checks
        reported are gone."""
        for finding in old:
            if self._reported_by.get(id(finding)) in only:
                self._reported_by.pop(id(finding), None)
        self._order.count_related(old, -1)
        self._order.replaced([rid])
        if new:
            self._by_resource[rid] = new
        else:
            self._by_resource.pop(rid, None)
        self._order.count_related(new, 1)

    def _affected(self, change: Change, graph_touched: Iterable[str]
                  ) -> tuple[set[str], dict[str, set[object]]]:
        """(the resources to check whole, and those reached only through a key declared by
        some checks, with those checks)."""
        dirty = set(change.added) | set(change.changed) | set(change.removed)
        # The graph's touched set is the changed resources and their neighbours before and
        # after the change: every rule reads a resource, its own edges and the resources at
        # their other end, so that is enough; the rest comes from declared dependencies.
        touched = set(graph_touched) | dirty | self._twins_and_neighbours(change)
        keys: set[DependencyKey] = set()
        every: list[Resource] = []
        for rid in dirty:
            versions = [res for res in (change.removed.get(rid), change.changed.get(rid),
                                        self.document.find(rid)) if res is not None]
            every += versions
            mine = set().union(*map(dependency_keys, versions))
            if rid in change.changed and len({order_key(r) for r in versions}) == 1:
                mine = {key for key in mine if key[0] != ANY_KIND}  # see ANY_KIND
                if len({pod_identity(r) for r in versions}) == 1:
                    mine = {key for key in mine if key[0] != POD_LABELS}  # see POD_LABELS
            keys |= mine
        for derive in DERIVED_KEYS:  # values worked out from many resources (registry)
            keys |= derive(self.graph, every)
        partial: dict[str, set[object]] = defaultdict(set)
        for key in keys:
            for rid in self._dependents.get(key, ()):
                if rid not in touched:
                    partial[rid] |= self._declared.get((rid, key)) or {None}
        return touched, partial

    def _twins_and_neighbours(self, change: Change) -> set[str]:
        """When a resource of the same kind, namespace and name as others comes, goes or is
        renamed, which definition `kubectl apply` keeps may change, and with it what the
        others' neighbours see (a PodDisruptionBudget that selected the pods of the shadowed
        StatefulSet): those twins and their neighbours are re-checked too."""
        found: set[str] = set()
        versions = [*map(self.document.find, change.added), *change.removed.values(),
                    *change.changed.values(), *map(self.document.find, change.changed)]
        for res in versions:
            if res is None:
                continue
            twins = self.graph.lookup(res.kind, effective_namespace(res), res.name)
            if len(twins) + (res.id not in twins) < 2:
                continue
            for twin in twins:
                found.add(twin)
                found.update(e.source for e in self.graph.in_edges(twin))
                found.update(e.target for e in self.graph.out_edges(twin))
        return {rid for rid in found if rid in self.document}

    def _on_change(self, change: Change) -> None:
        self.apply(change, self.graph.last_touched)

    def apply(self, change: Change, graph_touched: Iterable[str]) -> None:
        """Re-check after `change`, which the graph has applied touching `graph_touched`."""
        self.last_replaced = set()
        if change.settings:
            version = _kube_version(self.document, self._explicit_version)
            profiles = document_profiles(self.document)
            self._order.forget()  # the ignores may have changed
            self.last_replaced = None
            if version != self.kube_version or profiles != self.profiles:
                self.kube_version, self.profiles = version, profiles
                self.full_check()
                return
        if change.structural:
            self._index.update(self.document, [*change.added, *change.changed, *change.removed])
            whole, partial = self._affected(change, graph_touched)
            self.recheck(whole)
            self._recheck_partly(partial)
            self._order.moved(self._moved(change), self._by_resource)

    def _moved(self, change: Change) -> set[str]:
        """The resources whose place in the canonical order may have changed (see
        `FindingOrder`): all but those edited in place, keeping their order key, with no twin."""
        moved = set(change.added) | set(change.removed)
        for rid, before in change.changed.items():
            after = self.document.find(rid)
            if after is None or order_key(after) != order_key(before) or \
                    len(self.graph.lookup(after.kind, effective_namespace(after), after.name)) > 1:
                moved.add(rid)
        return moved

    def forget_order(self) -> None:
        """Sort the findings again at the next read: resources changed their place without a
        change of the document (a save gave them the files they were written to)."""
        self._order.forget()
        self._index.reorder()
        self.last_replaced = None
