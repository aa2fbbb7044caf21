"""Reading fields of manifests that are user input: one definition of a field path, and of the
readers that treat a value of the wrong type as absent.

Manifests come from files people wrote: `spec.ports` may be a string, `metadata.labels` a list.
Every reader (graph, rules, teaching, export) asks for a mapping or a list and gets an empty one
when the value is something else; the schema rules are the ones that report the wrong type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: A path to a field of a manifest: mapping keys and list indexes ('spec', 'ports', 0, 'port').
FieldPath = tuple[str | int, ...]


class _Delete:
    """The `DELETE` sentinel: survives copying, so edits holding it can be deep-copied."""

    def __repr__(self) -> str:
        return "DELETE"

    def __copy__(self) -> _Delete:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Delete:
        return self


#: The value of a `SetField` edit (`model.edits`) that removes the field. Defined here, with
#: the field paths, so that the rules that offer such fixes need not import the edits.
DELETE: Any = _Delete()


def as_mapping(value: Any) -> Mapping[str, Any]:
    """`value` when it is a mapping, else an empty one. A plain dict is tested first, and an
    absent field (None) next: the ABC check costs ten times more, manifests are dicts, and a
    missing field was most of the 100,000 ABC checks that loading, wiring and laying out
    5,000 resources made."""
    if type(value) is dict:
        return value
    return {} if value is None or not isinstance(value, Mapping) else value


def as_list(value: Any) -> list[Any]:
    """`value` when it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def as_int(value: Any) -> int | None:
    """`value` when it is an integer (not a bool: YAML's `true` is no replica count), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
