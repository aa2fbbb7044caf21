"""Finding resources by what people type into a search box.

Pure, so the editor's Find box and any other front end answer alike and it is tested without Qt.
The text is one or more terms, all of which must match (`kind:Service ns:shop web`):

- `kind:X` a kind: its name, plural or kubectl short name (`svc`, `deploy`), or its Korean term
  (`디플로이먼트`), ignoring case; a start of one is enough while typing (`kind:Dep`);
- `ns:X` or `namespace:X` a namespace (a start of its name is enough);
- `key=value` a label, on the resource or its pod template;
- any other word: part of the name (ignoring case), a whole label value, or a kind written out as
  `kind:` takes it (`deployment`, `services`, `파드`), but whole.

`search` gives the ids found; `matches` the same resources for a results list, each with why it
matched (name, kind, namespace, label) and ranked (exact name, name start, name part, label,
kind or namespace alone), then by kind, namespace and name, never by id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import template_labels
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import TERMS, Text, join

#: how a match ranks: lower first
_EXACT, _PREFIX, _PART, _LABEL, _OTHER = range(5)
#: kubectl's short names (`kubectl api-resources`), so `kind:svc` finds Services
SHORT_NAMES = {
    "Pod": ("po",), "Deployment": ("deploy",), "ReplicaSet": ("rs",), "StatefulSet": ("sts",),
    "DaemonSet": ("ds",), "CronJob": ("cj",), "Service": ("svc",), "Ingress": ("ing",),
    "ConfigMap": ("cm",), "PersistentVolume": ("pv",), "PersistentVolumeClaim": ("pvc",),
    "Namespace": ("ns",), "StorageClass": ("sc",), "ServiceAccount": ("sa",),
    "NetworkPolicy": ("netpol",), "HorizontalPodAutoscaler": ("hpa",),
    "PodDisruptionBudget": ("pdb",), "ReplicationController": ("rc",),
}
_KIND_KEYS = ("kind",)
_NAMESPACE_KEYS = ("ns", "namespace")
_SPACED = re.compile(r"\s*([=:])\s*")


def _plural(word: str) -> str:
    if word.endswith("y"):
        return word[:-1] + "ies"
    return word + ("es" if word.endswith("s") else "s")


@lru_cache(maxsize=512)
def kind_names(kind: str) -> frozenset[str]:
    """Every way a person may write `kind`, lower-cased: the kind, its plural, its short names
    and its Korean term (with and without spaces)."""
    lower = kind.lower()
    names = {lower, _plural(lower), *SHORT_NAMES.get(kind, ())}
    term = TERMS.get(kind)
    if term:
        names |= {term, term.replace(" ", "")}
    return frozenset(names)


@dataclass(frozen=True)
class _Term:
    """One term of the text: `how` is 'kind', 'namespace', 'label' or 'word'."""

    how: str
    value: str
    key: str = ""


def _terms(text: str) -> list[_Term]:
    terms = []
    for word in _SPACED.sub(r"\1", text.strip()).split():
        key, colon, value = word.partition(":")
        if colon and value and key.lower() in _KIND_KEYS:
            terms.append(_Term("kind", value.lower()))
        elif colon and value and key.lower() in _NAMESPACE_KEYS:
            terms.append(_Term("namespace", value.lower()))
        elif "=" in word.strip("="):
            key, _, value = word.partition("=")
            terms.append(_Term("label", value, key))
        else:
            terms.append(_Term("word", word))
    return terms


def _reason(term: _Term, res: Resource, labels: Mapping[str, str]) -> tuple[int, Text] | None:
    """How `res` matches `term` (rank and why), None when it does not."""
    if term.how == "kind":
        if any(n.startswith(term.value) for n in kind_names(res.kind)):
            return _OTHER, Text(f"kind {res.kind}", f"종류 {TERMS.get(res.kind, res.kind)}")
        return None
    if term.how == "namespace":
        if res.namespace.lower().startswith(term.value):
            return _OTHER, Text(f"namespace {res.namespace}", f"네임스페이스 {res.namespace}")
        return None
    if term.how == "label":
        if labels.get(term.key) == term.value:
            return _LABEL, Text(f"label {term.key}={term.value}",
                                f"레이블 {term.key}={term.value}")
        return None
    lower, own = term.value.lower(), res.name.lower()
    if lower in own:
        rank = _EXACT if own == lower else _PREFIX if own.startswith(lower) else _PART
        return rank, Text("name", "이름")
    found = next((k for k, v in sorted(labels.items()) if v == term.value), None)
    if found is not None:
        return _LABEL, Text(f"label {found}={labels[found]}", f"레이블 {found}={labels[found]}")
    if lower in kind_names(res.kind):
        return _OTHER, Text(f"kind {res.kind}", f"종류 {TERMS.get(res.kind, res.kind)}")
    return None


def _match(res: Resource, terms: list[_Term]) -> tuple[int, Text] | None:
    """Rank and why when every term matches `res`."""
    labels = {**template_labels(res), **res.labels}
    found = []
    for term in terms:
        reason = _reason(term, res, labels)
        if reason is None:
            return None
        found.append(reason)
    whys = list(dict.fromkeys(why for _rank, why in found))
    why = whys[0] if len(whys) == 1 else join(whys, ", ")
    return min(rank for rank, _why in found), why


def search(document: Document, text: str) -> list[str]:
    """Ids, in document order, of the resources `text` finds (see the module text). Blank
    text finds nothing."""
    terms = _terms(text)
    if not terms:
        return []
    return [res.id for res in document if _match(res, terms) is not None]


@dataclass(frozen=True)
class Match:
    """One resource found, and why."""

    rid: str
    kind: str
    namespace: str
    name: str
    why: Text
    rank: int

    def order(self) -> tuple[int, str, str, str]:
        return (self.rank, self.kind, self.namespace, self.name)


def matches(document: Document, text: str) -> list[Match]:
    """What `search` finds, each with why, best first (see the module text)."""
    terms = _terms(text)
    found = []
    for res in document if terms else ():
        hit = _match(res, terms)
        if hit is not None:
            found.append(Match(res.id, res.kind, res.namespace, res.name, hit[1], hit[0]))
    return sorted(found, key=Match.order)
