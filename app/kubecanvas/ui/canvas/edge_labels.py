"""Edge labels that stay readable in the room between two columns.

A label is the manifest's own words (`shop.example.com/api -> http`, `/var/lib/uploads`,
`DB_PASSWORD, DB_USER`). When it does not fit, it is shortened by what carries meaning rather than
cut in the middle of a word: a route drops its host first (the path and port are what a reader
follows), a mount path keeps its last folder, a list keeps its first item and says how many more,
and a word glossed with its field ('환경 변수 (envFrom)') drops the gloss.
The full text is always in the edge's tooltip. Pure Python, so the rules are tested without Qt.
"""

from __future__ import annotations

from functools import lru_cache

from kubecanvas.model.references import EDGE_WORDS, EdgeType
from kubecanvas.model.text import Text

ELLIPSIS = "…"


def localized_label(label: str, language: str) -> str:
    """An edge label in `language`: the model's own words ('pull', 'tls', 'default -> http')
    are `Text`, and plain labels that are one of `EDGE_WORDS` (the graph's 'binds') are looked
    up; everything else is the manifest's own words and stays as written."""
    if isinstance(label, Text):
        return label.get(language)
    word = EDGE_WORDS.get(label)
    return word.get(language) if word is not None else label


def _elide(text: str, limit: int) -> str:
    """Cut in the middle only as a last resort, keeping both ends."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS
    head = (limit - 1 + 1) // 2
    tail = limit - 1 - head
    return text[:head] + ELLIPSIS + (text[-tail:] if tail else "")


def _short_path(path: str, limit: int) -> str:
    """`/var/lib/uploads` -> `…/uploads`: the last folder names what is mounted."""
    if len(path) <= limit:
        return path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return _elide(f"{ELLIPSIS}/{last}" if last else path, limit)


def _short_route(label: str, limit: int) -> str:
    """`shop.example.com/api -> http` -> `/api -> http` -> `/api→http`."""
    target, arrow, port = label.partition(" -> ")
    slash = target.find("/")
    path = target[slash:] if slash >= 0 else target
    for candidate in (f"{path} -> {port}" if arrow else path, f"{path}→{port}" if arrow else path):
        if len(candidate) <= limit:
            return candidate
    if arrow:
        room = max(1, limit - len(port) - 1)
        return f"{_short_path(path, room)}→{port}" if room > 3 else _elide(f"{path}→{port}", limit)
    return _short_path(path, limit)


def _short_list(label: str, limit: int) -> str:
    """`A, B, C` -> `A +2`."""
    parts = [p.strip() for p in label.split(",") if p.strip()]
    if len(parts) <= 1:
        return _elide(label, limit)
    more = f" +{len(parts) - 1}"
    return _elide(parts[0], max(1, limit - len(more))) + more


def _short_name(name: str, limit: int) -> str:
    """`WORDPRESS_DB_PASSWORD` -> `…DB_PASSWORD`: a variable's last words say what it holds."""
    if len(name) <= limit:
        return name
    words = name.split("_")
    for start in range(1, len(words)):
        tail = ELLIPSIS + "_".join(words[start:])
        if len(tail) <= limit:
            return tail
    return _elide(name, limit)


@lru_cache(maxsize=4096)
def _selector_forms(label: str) -> tuple[str, tuple[str, str, str]]:
    """A selector label's " +N" and its three shorter forms, longest first (`_short_selector`).
    Cached: a wire's label is fitted by asking for it one character shorter at a time."""
    parts = [p.strip() for p in label.split(",") if p.strip()]
    more = f" +{len(parts) - 1}" if len(parts) > 1 else ""
    first = parts[0] if parts else label
    key, sep, value = first.partition("=")
    return more, (first, f"{key.rsplit('/', 1)[-1]}{sep}{value}", value or first)


def _short_selector(label: str, limit: int) -> str:
    """`app.kubernetes.io/name=kube-state-metrics, tier=x` -> `name=kube-state-metrics +1` ->
    `kube-state-metrics +1`: the value is what names the pods."""
    more, forms = _selector_forms(label)
    for candidate in forms:
        if len(candidate) + len(more) <= limit:
            return candidate + more
    return _elide(forms[2], max(1, limit - len(more))) + more


def short_label(edge_type: str, label: str, limit: int) -> str:
    """The label shortened to at most `limit` characters, keeping what it means.

    Args:
        edge_type: the edge's type (routes, mounts, env, ...), which decides what to keep.
        label: the full label from the wiring graph.
        limit: the number of characters that fit.
    """
    label = label.strip()
    if len(label) <= limit:
        return label
    word, gloss, field = label.partition(" (")
    if gloss and field.endswith(")") and word:  # '환경 변수 (envFrom)': the field is in the tooltip
        return short_label(edge_type, word, limit)
    if edge_type == EdgeType.ROUTES:
        return _short_route(label, limit)
    if edge_type == EdgeType.SELECTS:
        return _short_selector(label, limit)
    parts = [p.strip() for p in label.split(",") if p.strip()]
    if edge_type == EdgeType.MOUNTS:
        first = parts[0] if parts else label
        more = f" +{len(parts) - 1}" if len(parts) > 1 else ""
        return _short_path(first, max(4, limit - len(more))) + more
    if edge_type == EdgeType.ENV:
        more = f" +{len(parts) - 1}" if len(parts) > 1 else ""
        return _short_name(parts[0] if parts else label, max(4, limit - len(more))) + more
    if len(parts) > 1:
        return _short_list(label, limit)
    return _elide(label, limit)
