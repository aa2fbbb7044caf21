"""Mechanical fixes the rules attach to findings, built from ordinary model edits.

Each helper returns a `Fix` whose edit is created on demand (edits carry undo state), so the
editor can apply it as one undoable click and the CLI can print its description. The edits
module is imported only then: `kubecanvas validate` reports fixes, it never makes their edits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kubecanvas.model.fields import FieldPath
from kubecanvas.model.kinds import pod_template_path
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text, resource_ko
from kubecanvas.validation.findings import Fix

if TYPE_CHECKING:
    from kubecanvas.model.edits import Edit


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance; with a `limit`, any distance above it comes back as limit + 1.

    With a limit only the cells within `limit` of the diagonal are computed (a path through
    any other cell costs more than the limit): `closest` compares a name with every name of
    its kind in the namespace after an edit, and the whole table cost 2 ms per look-up at
    15,000 resources."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if limit is None:
        limit = len(a)
    elif len(a) - len(b) > limit:
        return limit + 1
    over = limit + 1
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        best = current[0] if low == 1 else over
        for j in range(low, high + 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != b[j - 1]))
            current[j] = cost = cost if cost <= limit else over
            best = min(best, cost)
        if best > limit:
            return over
        previous = current
    return previous[-1]


def closest(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `name` by edit distance, if it is plausibly a typo of it
    (distance at most a third of the length, at least 1 and at most 3); ties go to the
    alphabetically first."""
    limit = min(3, max(1, len(name) // 3))
    size = len(name)
    best: tuple[int, str] | None = None
    # a length more than `limit` away is that far by edit distance too: such names are dropped
    # before sorting and measuring (callers pass every name of a kind in a namespace, 460
    # ConfigMaps in each namespace of the generated 50,000 resources)
    for cand in sorted({c for c in candidates if abs(len(c) - size) <= limit}):
        if cand == name:
            continue
        dist = edit_distance(name, cand, limit)
        if dist <= limit and (best is None or dist < best[0]):
            best = (dist, cand)
    return best[1] if best else None


def ko_label(res: Resource) -> str:
    """`res.label()` in Korean: '디플로이먼트 shop/web'."""
    return resource_ko(res.kind, res.namespace, res.name)


def set_field(res: Resource, path: FieldPath, value: Any, description: Text) -> Fix:
    """A fix that sets one field of one resource."""
    rid = res.id

    def make() -> Edit:
        from kubecanvas.model.edits import SetField

        return SetField(rid, tuple(path), value, description)

    return Fix(description, make)


def set_fields(res: Resource, changes: Sequence[tuple[FieldPath, Any]],
               description: Text) -> Fix:
    """A fix that sets several fields of one resource in one undoable step."""
    rid = res.id
    items = [(tuple(p), v) for p, v in changes]

    def make() -> Edit:
        from kubecanvas.model.edits import Compound, SetField

        return Compound([SetField(rid, p, v, description) for p, v in items], description)

    return Fix(description, make)


def add_template_labels(res: Resource, labels: Mapping[str, str]) -> Fix | None:
    """'add label app=web to the pod template of Deployment shop/web'."""
    tpath = pod_template_path(res)
    if tpath is None or not labels:
        return None
    text = ",".join(f"{k}={v}" for k, v in labels.items())
    noun = "label" if len(labels) == 1 else "labels"
    where = f"the pod template of {res.label()}" if tpath else f"the labels of {res.label()}"
    where_ko = f"{ko_label(res)}의 파드 템플릿" if tpath else ko_label(res)
    description = Text(f"add {noun} {text} to {where}", f"{where_ko}에 레이블 {text}{eul_reul(text)} 추가합니다")
    return set_fields(res, [((*tpath, "metadata", "labels", k), v) for k, v in labels.items()],
                      description)
