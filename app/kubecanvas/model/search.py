"""Finding resources by what people type into a search box: part of a name, or `key=value`.

Pure, so the editor's Find box and any other front end answer alike and it is tested without Qt.
`search` gives the ids found; `matches` the same resources for a results list, each with why it
matched (name, label) and ranked (exact name, name start, name part, label), then by kind,
namespace and name, never by id.
"""

from __future__ import annotations

from dataclasses import dataclass

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import template_labels
from kubecanvas.model.text import Text

#: how a match ranks: lower first
_EXACT, _PREFIX, _PART, _LABEL = range(4)


def search(document: Document, text: str) -> list[str]:
    """Ids, in document order, of the resources `text` finds.

    `key=value` finds the resources labelled so, on themselves or on their pod template; other
    text finds names containing it (ignoring case) and resources with a label of exactly that
    value. Blank text finds nothing.
    """
    needle = text.strip()
    if not needle:
        return []
    key, sep, value = needle.partition("=")
    hits = []
    for res in document:
        labels = {**template_labels(res), **res.labels}
        if sep:
            found = labels.get(key.strip()) == value.strip()
        else:
            found = needle.lower() in res.name.lower() or needle in labels.values()
        if found:
            hits.append(res.id)
    return hits


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


def _why(name: str, labels: dict[str, str], needle: str) -> tuple[int, Text]:
    key, sep, value = needle.partition("=")
    lower, own = needle.lower(), name.lower()
    if not sep and own == lower:
        return _EXACT, Text("name", "이름")
    if not sep and own.startswith(lower):
        return _PREFIX, Text("name", "이름")
    if not sep and lower in own:
        return _PART, Text("name", "이름")
    wanted = value.strip() if sep else needle
    found = key.strip() if sep else next(k for k, v in sorted(labels.items()) if v == wanted)
    return _LABEL, Text(f"label {found}={labels[found]}", f"레이블 {found}={labels[found]}")


def matches(document: Document, text: str) -> list[Match]:
    """What `search` finds, each with why, best first (see the module text)."""
    needle = text.strip()
    found = []
    for rid in search(document, needle):
        res = document.get(rid)
        rank, why = _why(res.name, {**template_labels(res), **res.labels}, needle)
        found.append(Match(rid, res.kind, res.namespace, res.name, why, rank))
    return sorted(found, key=Match.order)
