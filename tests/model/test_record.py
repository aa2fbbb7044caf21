"""`record` behaves as `dataclasses.dataclass` does on every shape of record KubeCanvas uses.

Each shape is declared twice, once with each decorator, and every observable behaviour is
compared: construction (positional, keyword, defaults, factories, errors), equality, hashing,
repr, frozenness, `replace`, pickling and copying.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from kubecanvas.model import record as rec


def _shapes(decorate: Callable[..., Any], field: Callable[..., Any]) -> dict[str, type]:
    @decorate(frozen=True)
    class Point:
        x: int
        y: int = 0
        label: str | None = None

    @decorate(frozen=True)
    class Hidden:
        name: str
        lookup: Any = field(default=None, compare=False, repr=False)
        size: int = field(default=3)

    @decorate(frozen=True)
    class Single:
        value: int

    @decorate
    class Mutable:
        kind: str
        items: list[int] = field(default_factory=list)
        note: str | None = field(default=None, repr=False)

    @decorate(frozen=True)
    class Derived:
        name: str
        index: dict[str, int] = field(default_factory=dict, init=False, compare=False,
                                      repr=False)

        def __post_init__(self) -> None:
            self.index[self.name] = len(self.name)

    @decorate(frozen=True)
    class OwnEq:
        a: int
        b: int = 1

        def __eq__(self, other: object) -> bool:
            return isinstance(other, OwnEq) and other.a == self.a

    return {c.__name__: c for c in (Point, Hidden, Single, Mutable, Derived, OwnEq)}


REFERENCE = _shapes(dataclasses.dataclass, dataclasses.field)
RECORDS = _shapes(rec.record, rec.field)

CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("Point", (1,), {}), ("Point", (1, 2), {}), ("Point", (1,), {"label": "a"}),
    ("Point", (), {"x": 3, "y": 4, "label": "b"}), ("Point", (), {}), ("Point", (1, 2, 3, 4), {}),
    ("Point", (1,), {"x": 2}), ("Point", (1,), {"z": 2}),
    ("Hidden", ("a",), {}), ("Hidden", ("a", len), {"size": 5}), ("Hidden", ("a", str, 4), {}),
    ("Single", (7,), {}), ("Single", (), {}),
    ("Mutable", ("x",), {}), ("Mutable", ("x", [1, 2]), {"note": "n"}),
    ("Derived", ("abc",), {}), ("Derived", ("abc",), {"index": {}}),
    ("OwnEq", (1,), {}), ("OwnEq", (1, 2), {}),
]


def _make(shapes: dict[str, type], name: str, args: tuple[Any, ...],
          kwargs: dict[str, Any]) -> Any:
    try:
        return shapes[name](*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except TypeError:
        return TypeError


def _state(obj: Any) -> Any:
    if obj is TypeError:
        return obj
    return (repr(obj), sorted(vars(obj).items(), key=lambda kv: kv[0]))


@pytest.mark.parametrize(("name", "args", "kwargs"), CALLS)
def test_construction_repr_and_fields_match_dataclasses(name: str, args: tuple[Any, ...],
                                                        kwargs: dict[str, Any]) -> None:
    ours, theirs = _make(RECORDS, name, args, kwargs), _make(REFERENCE, name, args, kwargs)
    assert _state(ours) == _state(theirs)


def test_equality_and_hash_match_dataclasses() -> None:
    made = [(_make(RECORDS, *c), _make(REFERENCE, *c)) for c in CALLS]
    made = [(a, b) for a, b in made if a is not TypeError]
    for a1, b1 in made:
        for a2, b2 in made:
            assert (a1 == a2) == (b1 == b2), (a1, a2)
        hashable = type(b1).__hash__ is not None
        assert (type(a1).__hash__ is not None) == hashable
        if hashable:
            assert hash(a1) == hash(b1)
    assert RECORDS["Point"](1) != REFERENCE["Point"](1)  # another class is never equal
    assert RECORDS["Hidden"]("a", len) == RECORDS["Hidden"]("a", str)  # compare=False


def test_frozen_records_refuse_assignment_and_mutable_ones_allow_it() -> None:
    point = RECORDS["Point"](1)
    with pytest.raises(AttributeError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.y
    with pytest.raises(AttributeError):
        point.other = 1  # type: ignore[attr-defined]
    mutable = RECORDS["Mutable"]("a")
    mutable.kind = "b"
    assert mutable == RECORDS["Mutable"]("b")


def test_defaults_are_class_attributes_and_factories_are_fresh() -> None:
    for shapes in (RECORDS, REFERENCE):
        assert shapes["Point"].y == 0
        assert shapes["Hidden"].size == 3
        assert not hasattr(shapes["Mutable"], "items")
        first, second = shapes["Mutable"]("a"), shapes["Mutable"]("a")
        first.items.append(1)
        assert second.items == []
    assert RECORDS["Point"].__match_args__ == REFERENCE["Point"].__match_args__


def test_replace_pickle_and_copy_match_dataclasses() -> None:
    for name, args, changes in [("Point", (1, 2, "a"), {"y": 5}), ("Hidden", ("a",), {"size": 1}),
                                ("Mutable", ("k", [1]), {"note": "x"}),
                                ("Derived", ("abc",), {"name": "de"})]:
        ours = rec.replace(RECORDS[name](*args), **changes)
        theirs = dataclasses.replace(REFERENCE[name](*args), **changes)
        assert _state(ours) == _state(theirs)
    with pytest.raises(ValueError):
        rec.replace(RECORDS["Derived"]("abc"), index={})
    with pytest.raises(TypeError):
        rec.replace(RECORDS["Point"](1), z=1)
    # a real dataclass is handed to dataclasses.replace
    assert rec.replace(REFERENCE["Point"](1), y=3) == REFERENCE["Point"](1, 3)


def test_records_pickle_and_copy() -> None:
    point = Picklable(1, "a")
    for clone in (pickle.loads(pickle.dumps(point)), copy.copy(point), copy.deepcopy(point)):
        assert clone == point and clone is not point and repr(clone) == repr(point)
        with pytest.raises(AttributeError):
            clone.x = 2  # type: ignore[misc]


def test_bad_declarations_are_refused_as_dataclasses_refuses_them() -> None:
    with pytest.raises(TypeError):
        @rec.record
        class Order:
            a: int = 0
            b: int

    with pytest.raises(ValueError):
        @rec.record
        class Shared:
            a: list[int] = []  # noqa: RUF012

    with pytest.raises(ValueError):
        rec.field(default=1, default_factory=list)


@rec.record(frozen=True)
class Picklable:
    x: int
    name: str = ""


def test_equality_and_hash_before_the_first_instantiation_match_dataclasses() -> None:
    """Records made without `__init__` (as unpickling makes them) compare and hash as
    dataclasses do: each method is compiled on its first call, whatever calls it first."""
    @rec.record(frozen=True)
    class Fresh:
        a: int
        b: str = ""
        c: Any = rec.field(default=None, compare=False)

    @dataclasses.dataclass(frozen=True)
    class Reference:
        a: int
        b: str = ""
        c: Any = dataclasses.field(default=None, compare=False)

    def bare(a: int, b: str, c: Any) -> Fresh:
        obj = object.__new__(Fresh)
        for name, value in (("a", a), ("b", b), ("c", c)):
            object.__setattr__(obj, name, value)
        return obj

    one, two, other = bare(1, "x", 1), bare(1, "x", 2), bare(2, "x", 1)
    assert one == two and one != other
    assert hash(one) == hash(Reference(1, "x", 1))
    assert repr(one) == repr(Reference(1, "x", 1)).replace("Reference", "Fresh")
    compiled = Fresh(1, "x", 3)  # compiles __init__
    assert compiled == one and hash(compiled) == hash(one) and compiled != other


@pytest.mark.parametrize("after", [0, 10_000])
def test_generic_and_compiled_methods_both_match_dataclasses(monkeypatch: pytest.MonkeyPatch,
                                                             after: int) -> None:
    """A record's first `COMPILE_AFTER` calls of a method walk its fields (`_generic`); later
    ones run the compiled method (`_compile`). Fresh classes, held to dataclasses either way:
    with 0 every call is compiled, with 10,000 none is."""
    monkeypatch.setattr(rec, "COMPILE_AFTER", after)
    records = _shapes(rec.record, rec.field)
    made = []
    for name, args, kwargs in CALLS:
        ours, theirs = _make(records, name, args, kwargs), _make(REFERENCE, name, args, kwargs)
        assert _state(ours) == _state(theirs), (name, args, kwargs)
        if ours is not TypeError:
            made.append((ours, theirs))
    for a1, b1 in made:
        for a2, b2 in made:
            assert (a1 == a2) == (b1 == b2), (a1, a2)
        if type(b1).__hash__ is not None:
            assert hash(a1) == hash(b1)
    compiled = [name for name in ("__init__", "__eq__") if name in records["Point"].__dict__
                and records["Point"].__dict__[name].__name__ == name]
    assert compiled == (["__init__", "__eq__"] if after == 0 else [])


def test_a_record_method_is_compiled_after_its_first_calls() -> None:
    @rec.record(frozen=True)
    class Counted:
        a: int
        b: str = ""

    for n in range(rec.COMPILE_AFTER):
        assert Counted(n).a == n
        assert Counted.__init__.__name__ == "compile_and_call"  # still the generic one
    assert Counted(1, "x") == Counted(a=1, b="x")
    assert Counted.__init__.__name__ == "__init__"  # compiled from then on
