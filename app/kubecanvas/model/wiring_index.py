"""The indexes the wiring graph keeps over a document: by name, kind, reference, selector and
pod label, so that one edit finds what it touches without walking every resource.

`WiringGraph` adds a resource to the index when it appears or changes and removes it before; every
set holds resource ids, and an emptied bucket is deleted, so a rebuilt index equals an
incrementally kept one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kubecanvas.model.custom_kinds import KindMappings, custom_references
from kubecanvas.model.kinds import effective_namespace, pod_template, template_labels
from kubecanvas.model.rbac import rbac_references
from kubecanvas.model.references import Reference, references
from kubecanvas.model.resource import Resource
from kubecanvas.model.selectors import SelectorInfo, selector_of

NameKey = tuple[str, str, str]  # (kind, namespace, name)


def name_key(res: Resource) -> NameKey:
    """(kind, namespace it lands in, name): what references by name resolve to."""
    return (res.kind, effective_namespace(res), res.name)


class WiringIndex:
    """Resource ids by name key, kind, what they refer to, the selectors they apply and the
    labels of the pods they own."""

    def __init__(self) -> None:
        self.key_of: dict[str, NameKey] = {}
        self.by_key: dict[NameKey, set[str]] = defaultdict(set)
        #: rid -> the API group of its apiVersion: Istio's `Gateway` and the Gateway API's are
        #: two kinds of object, so one of each may share a namespace and a name
        self.group_of: dict[str, str] = {}
        #: keys of objects defined more than once (buckets of `by_key` with several ids of
        #: one API group)
        self.duplicated: set[NameKey] = set()
        self.by_kind: dict[str, set[str]] = defaultdict(set)
        self.refs: dict[str, list[Reference]] = {}
        #: name key -> the resources that refer to it
        self.wanted: dict[NameKey, set[str]] = defaultdict(set)
        #: names of objects that controllers will create -> the resources that create them
        self.gen_index: dict[NameKey, set[str]] = defaultdict(set)
        self.selectors: dict[str, SelectorInfo] = {}
        self.selectors_in_ns: dict[str, set[str]] = defaultdict(set)
        self.pod_labels: dict[str, dict[str, str]] = {}
        self.pods_in_ns: dict[str, set[str]] = defaultdict(set)
        #: (namespace, label key, label value) -> pod owners whose pods carry that label
        self.by_label: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        #: the custom kinds whose mapped fields are references too (the document's)
        self.mappings = KindMappings()

    def clear(self) -> None:
        for index in (self.key_of, self.by_key, self.group_of, self.duplicated, self.by_kind,
                      self.refs,
                      self.wanted, self.gen_index, self.selectors, self.selectors_in_ns,
                      self.pod_labels, self.pods_in_ns, self.by_label):
            index.clear()

    def add(self, res: Resource) -> None:
        rid = res.id
        key = name_key(res)
        self.key_of[rid] = key
        self.by_key[key].add(rid)
        self.group_of[rid] = res.group
        self._check_duplicated(key)
        self.by_kind[key[0]].add(rid)
        refs = references(res) + rbac_references(res, key[1]) \
            + custom_references(res, key[1], self.mappings)
        self.refs[rid] = refs
        for ref in refs:
            self.wanted[(ref.kind, ref.namespace, ref.name)].add(rid)
            if ref.get("generated"):
                self.gen_index[(ref.kind, ref.namespace, ref.name)].add(rid)
        info = selector_of(res)
        if info is not None:
            self.selectors[rid] = info
            self.selectors_in_ns[info.namespace].add(rid)
        if pod_template(res) is not None:
            labels = self.pod_labels[rid] = template_labels(res)
            self.pods_in_ns[key[1]].add(rid)
            for item in labels.items():
                self.by_label[(key[1], *item)].add(rid)

    def remove(self, rid: str) -> None:
        key = self.key_of.pop(rid, None)
        self.group_of.pop(rid, None)
        if key is not None:
            _discard(self.by_key, key, rid)
            self._check_duplicated(key)
            _discard(self.by_kind, key[0], rid)
        for ref in self.refs.pop(rid, ()):
            _discard(self.wanted, (ref.kind, ref.namespace, ref.name), rid)
            _discard(self.gen_index, (ref.kind, ref.namespace, ref.name), rid)
        info = self.selectors.pop(rid, None)
        if info is not None:
            _discard(self.selectors_in_ns, info.namespace, rid)
        labels = self.pod_labels.pop(rid, None)
        if labels is not None and key is not None:
            _discard(self.pods_in_ns, key[1], rid)
            for item in labels.items():
                _discard(self.by_label, (key[1], *item), rid)

    def _check_duplicated(self, key: NameKey) -> None:
        if len(self.by_key.get(key, ())) < 2:  # one definition (nearly every key): no grouping
            self.duplicated.discard(key)
        elif any(len(ids) > 1 for ids in self.same_object(key)):
            self.duplicated.add(key)
        else:
            self.duplicated.discard(key)

    def same_object(self, key: NameKey) -> list[list[str]]:
        """The ids under `key`, one sorted list per API group (each list one object, defined
        once or more), in the order of their groups."""
        groups: dict[str, list[str]] = defaultdict(list)
        for rid in self.by_key.get(key, ()):
            groups[self.group_of[rid]].append(rid)
        return [sorted(groups[group]) for group in sorted(groups)]

    def targets(self, ref: Reference) -> set[str]:
        """The ids a reference resolves to: by kind, namespace and name, and by API group when
        the reference names one (a custom kind's mapping does)."""
        found = self.by_key.get((ref.kind, ref.namespace, ref.name), set())
        group = ref.get("group")
        if group is None or not found:
            return found
        return {rid for rid in found if self.group_of[rid] == group}


def _discard(index: dict[Any, set[str]], key: Any, rid: str) -> None:
    bucket = index.get(key)
    if bucket is not None:
        bucket.discard(rid)
        if not bucket:
            del index[key]
