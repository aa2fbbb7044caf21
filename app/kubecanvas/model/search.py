"""Finding resources by what people type into a search box: part of a name, or `key=value`.

Pure, so the editor's Find box and any other front end answer alike and it is tested without Qt.
"""

from __future__ import annotations

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import template_labels


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
