"""Record classes: the behaviour of `dataclasses.dataclass` for the plain records the command
line creates at start-up, without its start-up cost.

Why not `dataclasses`: on Python 3.11 it compiles every generated method with an `exec` of its
own (about six per frozen class) and imports `inspect`, `ast` and `dis`. The 40 records a
`kubecanvas validate` of one small file defines cost 58 ms of CPU that way, plus 15 ms for those
imports: about a quarter of the whole process (measured with `tests/bench/bench_cli.py`).

`record` keeps the same semantics for what our records use (positional and keyword `__init__`
with defaults and `field(default_factory=...)`, `init=False` fields and `__post_init__`,
`compare=False` and `repr=False` fields, `frozen`), and `tests/model/test_record.py` holds it
equal to `dataclasses` on each of them. What differs is only when the work is done:
`__repr__` and frozenness are shared functions over the class's field names, and `__init__`,
`__eq__` and `__hash__` walk the fields for their first `COMPILE_AFTER` calls and are then the
code dataclasses would generate, compiled, so a method that a run calls rarely or never costs
no compile. `replace` is `dataclasses.replace` for
records (and hands real dataclasses to it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")
MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
#: calls of a record class's `__init__`, `__eq__` or `__hash__` answered by walking its fields
#: (`_generic`) before the method is compiled (`_compile`): most classes a small command makes
#: a handful of times, and the 27 compiles of a small render took 2.5-3.5 ms, more than a
#: dozen calls of the generic method (about 2 us each) cost
COMPILE_AFTER = 16


class FrozenRecordError(AttributeError):
    """An assignment to a field of a frozen record (like `dataclasses.FrozenInstanceError`)."""


class Field:
    """One field of a record: its name, default or default factory, and whether `__init__`
    takes it, equality and the hash compare it, and `repr` shows it."""

    __slots__ = ("name", "default", "default_factory", "init", "compare", "repr")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING,
                 init: bool = True, compare: bool = True, repr: bool = True) -> None:
        self.name = ""
        self.default, self.default_factory = default, default_factory
        self.init, self.compare, self.repr = init, compare, repr


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | Any = MISSING,
          init: bool = True, compare: bool = True, repr: bool = True) -> Any:
    """Like `dataclasses.field`, for the options records support."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, compare, repr)


@overload
@dataclass_transform(field_specifiers=(field,))
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, frozen: bool = False) -> Callable[[type[T]], type[T]]: ...


def record(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """Make `cls` a record, as `@dataclass` or `@dataclass(frozen=True)` would."""
    def wrap(cls: type[T]) -> type[T]:
        _make(cls, frozen)
        return cls
    return wrap if cls is None else wrap(cls)


def _fields_of(cls: type) -> list[Field]:
    fields: dict[str, Field] = {f.name: f for base in reversed(cls.__mro__[1:])
                                for f in getattr(base, "__record_fields__", ())}
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        if isinstance(spec.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(spec.default)} for field {name} "
                             "is not allowed: use default_factory")
        spec.name = name
        fields[name] = spec
        if isinstance(value, Field):  # the class attribute is the default, as in dataclasses
            if spec.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
    return list(fields.values())


def _make(cls: type, frozen: bool) -> None:
    fields = _fields_of(cls)
    seen_default = False
    for f in fields:
        if f.init:
            has_default = f.default is not MISSING or f.default_factory is not MISSING
            if seen_default and not has_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            seen_default |= has_default
    shown = tuple(f.name for f in fields if f.repr)
    names = {f.name for f in fields}
    own = cls.__dict__
    type.__setattr__(cls, "__record_fields__", tuple(fields))
    type.__setattr__(cls, "__match_args__", tuple(f.name for f in fields if f.init))

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenRecordError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)  # a subclass's own attribute

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenRecordError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    def first(name: str) -> Callable[..., Any]:
        generic, calls = _generic(cls, fields, frozen, name), [0]

        def compile_and_call(self: Any, *args: Any, **kwargs: Any) -> Any:
            calls[0] += 1
            if calls[0] <= COMPILE_AFTER:
                return generic(self, *args, **kwargs)
            made = _compile(cls, fields, frozen, name)
            type.__setattr__(cls, name, made)
            return made(self, *args, **kwargs)
        return compile_and_call

    methods: dict[str, Any] = {"__init__": first("__init__"), "__repr__": __repr__,
                               "__eq__": first("__eq__")}
    # as dataclasses decide: a class that writes `__eq__` alone gets `__hash__ = None` from
    # Python, which does not count as a hash of its own
    if "__hash__" not in own or (own["__hash__"] is None and "__eq__" in own):
        methods["__hash__"] = first("__hash__") if frozen else None
    if frozen:
        methods.update(__setattr__=__setattr__, __delattr__=__delattr__)
    for name, method in methods.items():
        if name not in own or name == "__hash__":
            if callable(method):
                method.__qualname__ = f"{cls.__qualname__}.{name}"
            type.__setattr__(cls, name, method)


def _generic(cls: type, fields: list[Field], frozen: bool, name: str) -> Callable[..., Any]:
    """The method `name` for a record's first `COMPILE_AFTER` calls: the same work as the
    compiled one (`_compile`), done by walking the fields."""
    compared = tuple(f.name for f in fields if f.compare)
    if name == "__eq__":
        def __eq__(self: Any, other: Any) -> Any:
            if other.__class__ is self.__class__:
                return (tuple(getattr(self, n) for n in compared)
                        == tuple(getattr(other, n) for n in compared))
            return NotImplemented
        return __eq__
    if name == "__hash__":
        return lambda self: hash(tuple(getattr(self, n) for n in compared))
    taken = [f.name for f in fields if f.init]
    names = set(taken)
    put = object.__setattr__ if frozen else setattr
    post = hasattr(cls, "__post_init__")

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(taken):
            raise TypeError(f"__init__() takes {len(taken) + 1} positional arguments but "
                            f"{len(args) + 1} were given")
        given = dict(zip(taken, args, strict=False))
        for key, value in kwargs.items():
            if key not in names or key in given:
                raise TypeError(f"__init__() got an unexpected or repeated argument {key!r}")
            given[key] = value
        for f in fields:
            value = given.get(f.name, MISSING) if f.init else MISSING
            if value is MISSING:
                if f.default_factory is not MISSING:
                    value = f.default_factory()
                elif f.default is not MISSING:
                    value = f.default
                elif f.init:
                    raise TypeError(f"__init__() missing required argument: {f.name!r}")
                else:
                    continue
            put(self, f.name, value)
        if post:
            self.__post_init__()
    return __init__


def _compile(cls: type, fields: list[Field], frozen: bool, name: str) -> Callable[..., Any]:
    """The `__init__`, `__eq__` or `__hash__` dataclasses would generate for `fields`, compiled
    after its first `COMPILE_AFTER` calls (one `exec`): the methods run as fast as dataclasses'
    (the loader creates hundreds of thousands of records), and a method a run calls rarely or
    never costs no compile (validate compares and hashes no record)."""
    scope: dict[str, Any] = {"MISSING": MISSING, "setattr": object.__setattr__}
    mine = "".join(f"self.{f.name}," for f in fields if f.compare)
    if name == "__eq__":
        theirs = "".join(f"other.{f.name}," for f in fields if f.compare)
        source = ["def __eq__(self, other):", "    if other.__class__ is self.__class__:",
                  f"        return ({mine}) == ({theirs})", "    return NotImplemented"]
    elif name == "__hash__":
        source = ["def __hash__(self):", f"    return hash(({mine}))"]
    else:
        source = [f"def __init__({', '.join(_init_parameters(fields, scope))}):",
                  *(f"    {line}" for line in _init_body(cls, fields, frozen) or ["pass"])]
    exec("\n".join(source), scope)  # noqa: S102  (our own text, from the class's field names)
    method: Callable[..., Any] = scope[name]
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    return method


def _init_parameters(fields: list[Field], scope: dict[str, Any]) -> list[str]:
    params = ["self"]
    for f in fields:
        scope[f"default_{f.name}"], scope[f"factory_{f.name}"] = f.default, f.default_factory
        if not f.init:
            continue
        if f.default_factory is not MISSING:
            params.append(f"{f.name}=MISSING")
        elif f.default is not MISSING:
            params.append(f"{f.name}=default_{f.name}")
        else:
            params.append(f.name)
    return params


def _init_body(cls: type, fields: list[Field], frozen: bool) -> list[str]:
    body = []
    for f in fields:
        if f.init:
            value = (f"factory_{f.name}() if {f.name} is MISSING else {f.name}"
                     if f.default_factory is not MISSING else f.name)
        elif f.default_factory is not MISSING:
            value = f"factory_{f.name}()"
        elif f.default is not MISSING:
            value = f"default_{f.name}"
        else:
            continue
        body.append(f"setattr(self, {f.name!r}, {value})" if frozen
                    else f"self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    return body


def fields(obj: Any) -> tuple[Field, ...]:
    """The fields of a record or record class, in order (empty for anything else)."""
    return tuple(getattr(obj, "__record_fields__", ()))


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of the record `obj` with `changes`, like `dataclasses.replace` (which is used for
    a dataclass)."""
    fields = getattr(type(obj), "__record_fields__", None)
    if fields is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for f in fields:
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be "
                                 "specified with replace()")
        elif f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
