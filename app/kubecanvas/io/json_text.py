"""JSON text exactly as `json.dumps(value, indent=1, ensure_ascii=False, allow_nan=False)`
writes it, in about 40 % of the time.

The project file is written with `indent=1`, and with an indent the standard library encodes
with its pure-Python encoder (nested generators, one `yield` per token; its C encoder is used
only without an indent on the Python versions KubeCanvas runs on). Serializing the 5,000
resources of `tests/bench/generate.py` took 870 ms that way and takes 390 ms here (one recursive
function appending to a list, strings escaped by the same C function `json` uses), which is
most of a first autosave copy or an explicit Save. The output is held byte-equal to `json.dumps`
by a property test (`tests/io/test_json_text.py`) and over the corpus.

Only what a project file holds is accepted: mappings with string keys, lists, strings, numbers,
booleans and None. Anything else raises TypeError (where `json.dumps` would convert a tuple or a
number key, whose text then reads back different), a NaN or infinity raises ValueError with
`json`'s message.
"""

from __future__ import annotations

import math
from json.encoder import encode_basestring
from typing import Any


def indented_json(value: Any, depth: int = 0) -> str:
    """The JSON text of `value`, every line after the first indented by `depth` more spaces
    (what `json.dumps` writes for `value` nested `depth` levels deep in a larger document).

    Raises:
        TypeError: a value or key of a type a project file does not hold.
        ValueError: a float that is NaN or infinite.
        RecursionError: `value` nests deeper than Python's recursion limit allows.
    """
    out: list[str] = []
    _write(value, "\n" + " " * depth, out.append)
    return "".join(out)


def _write(value: Any, newline: str, emit: Any) -> None:
    """Append the text of `value` to the output (`emit`), `newline` being the line break and
    indentation of the line `value` starts on."""
    if isinstance(value, str):
        emit(encode_basestring(value))
    elif value is None:
        emit("null")
    elif value is True:
        emit("true")
    elif value is False:
        emit("false")
    elif isinstance(value, int):
        emit(int.__repr__(value))  # as json: an IntEnum is its number
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        emit(float.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            emit("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"keys must be str, not {type(key).__name__}")
            emit(separator)
            emit(encode_basestring(key))
            emit(": ")
            if item.__class__ is str:  # most values: no call for them
                emit(encode_basestring(item))
            else:
                _write(item, inner, emit)
            separator = "," + inner
        emit(newline)
        emit("}")
    elif isinstance(value, list):
        if not value:
            emit("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            emit(separator)
            if item.__class__ is str:
                emit(encode_basestring(item))
            else:
                _write(item, inner, emit)
            separator = "," + inner
        emit(newline)
        emit("]")
    else:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
