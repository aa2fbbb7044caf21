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
        #: keys of objects defined more than once (buckets of `by_key` with several ids)
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
        for index in (self.key_of, self.by_key, self.duplicated, self.by_kind, self.refs,
                      self.wanted, self.gen_index, self.selectors, self.selectors_in_ns,
                      self.pod_labels, self.pods_in_ns, self.by_label):
            index.clear()

    def add(self, res: Resource) -> None:
        rid = res.id
        key = name_key(res)
        self.key_of[rid] = key
        self.by_key[key].add(rid)
        if len(self.by_key[key]) > 1:
            self.duplicated.add(key)
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
        if key is not None:
            _discard(self.by_key, key, rid)
            if len(self.by_key.get(key, ())) < 2:
                self.duplicated.discard(key)
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


def _discard(index: dict[Any, set[str]], key: Any, rid: str) -> None:
    bucket = index.get(key)
    if bucket is not None:
        bucket.discard(rid)
        if not bucket:
            del index[key]
