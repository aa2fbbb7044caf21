"""The `.kubecanvas-ignore` file: findings to ignore without editing the manifests.

Format (one entry per line; blank lines and everything after `#` are ignored)::

    # rule-id  resource
    service.selector.no-match  Service/shop/legacy     # kind/namespace/name
    ref.missing                ConfigMap/app-config    # kind/name: cluster-scoped, or namespace 'default'
    schema.unknown-field       *                       # the rule everywhere
    schema.*                   Deployment/shop/web     # shell wildcards in the rule id

`parse_ignore_file` turns the text into (rule, resource) pairs where the resource is
`kind/namespace/name` (namespace empty for cluster-scoped kinds) or `*`; `resolve_ignores` maps
them to the (rule, resource id) pairs that `ProjectSettings.ignored` holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from kubecanvas.model.document import Document
from kubecanvas.model.kinds import effective_namespace, kind_info


class IgnoreFileError(ValueError):
    """A line of an ignore file cannot be understood; the message names the line."""


def _normalize_target(target: str, lineno: int) -> str:
    if target == "*":
        return target
    parts = target.split("/")
    if len(parts) == 2:
        kind, name = parts
        ns = "default" if kind_info(kind).namespaced else ""
    elif len(parts) == 3:
        kind, ns, name = parts
        if not kind_info(kind).namespaced:
            ns = ""
    else:
        raise IgnoreFileError(f"line {lineno}: {target!r} is not kind/namespace/name, "
                              f"kind/name or *")
    if not kind or not name:
        raise IgnoreFileError(f"line {lineno}: {target!r} needs a kind and a name")
    return f"{kind}/{ns}/{name}"


def parse_ignore_file(text: str) -> set[tuple[str, str]]:
    """Parse `.kubecanvas-ignore` text into (rule-id, 'kind/namespace/name' or '*') pairs.

    Raises:
        IgnoreFileError: a line has no resource part, too many parts, or a malformed resource.
    """
    out: set[tuple[str, str]] = set()
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise IgnoreFileError(f"line {lineno}: expected 'rule-id kind/namespace/name' or "
                                  f"'rule-id *', got {raw.strip()!r}")
        out.add((parts[0], _normalize_target(parts[1], lineno)))
    return out


def resolve_ignores(pairs: Iterable[tuple[str, str]],
                    document: Document) -> set[tuple[str, str]]:
    """Map (rule, 'kind/namespace/name' | '*') pairs to (rule, resource id | '*') pairs for
    `document.settings.ignored`; entries that name no resource in the document are dropped."""
    index: dict[str, list[str]] = {}
    for res in document:
        index.setdefault(f"{res.kind}/{effective_namespace(res)}/{res.name}", []).append(res.id)
    out: set[tuple[str, str]] = set()
    for rule, target in pairs:
        if target == "*":
            out.add((rule, "*"))
        else:
            out.update((rule, rid) for rid in index.get(target, ()))
    return out
