"""Limits that keep hostile or broken input from hanging or crashing the reader.

A YAML file from a stranger's repository can be built to hurt: an alias bomb ("billion laughs")
is a few hundred bytes that expand to billions of values, a document nested a hundred thousand
levels deep overflows libyaml's recursive composer (a crash, not an exception), and a huge file
exhausts memory. The limits bound that harm, not the size of honest input: generated manifests
of a large platform (`helm template` or `kustomize build` of a monorepo) reach 50,000 resources
and more, and load. Reading checks, before the expensive step each time:

- the size of each file, and of all files read together, before reading them, and the size of
  each document before parsing it; each document counts as at least `document_floor_bytes`
  towards the total, because a tiny document costs the loader records of its own (a file of a
  million `---` lines is refused after some 130,000 of them, in bounded time);
- the nesting depth of each document, before libyaml composes it (a cheap bound from the text,
  and an exact count from the parser's event stream only when that bound is too high);
- the number of values each document holds once its aliases are expanded, and that no alias
  refers to the value that contains it, before any Python data is built; and the values that
  aliases expand to over the whole import (a document without aliases holds no more values than
  its text has bytes, so the byte limits bound it already).

Each limit is a field of `Limits`; callers pass their own (tests lower them, `--limit` raises
them), and every refusal is a `LimitError` whose message says what was too large and how large
it may be.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from kubecanvas.model.record import record
from kubecanvas.model.text import Text

_MiB = 1024 * 1024


@record(frozen=True)
class Limits:
    """How much one import may read.

    Attributes:
        max_file_bytes: largest single file (64 MiB holds some 140,000 generated resources;
            loaded and checked they take about 37 bytes of memory per byte of YAML).
        max_total_bytes: largest sum over the files of one import, each document counting as
            at least `document_floor_bytes`.
        max_document_bytes: largest single document (`---` section); the largest real
            CustomResourceDefinitions are around 1 MiB.
        document_floor_bytes: what each document counts towards `max_total_bytes` at least.
        max_depth: deepest nesting of mappings and lists in one document (real manifests,
            CRD schemas included, stay far below; deeper data also trips Python's recursion).
        max_nodes: most values in one document with its aliases expanded.
        max_total_nodes: most values that the documents holding aliases expand to, over one
            import.
        max_project_bytes: largest project file (JSON is bigger than the YAML it holds).
    """

    max_file_bytes: int = 64 * _MiB
    max_total_bytes: int = 64 * _MiB
    max_document_bytes: int = 8 * _MiB
    document_floor_bytes: int = 512
    max_depth: int = 200
    max_nodes: int = 500_000
    max_total_nodes: int = 5_000_000
    max_project_bytes: int = 256 * _MiB


#: The names `--limit NAME=VALUE` takes, with the field each sets.
LIMIT_NAMES = {
    "file-bytes": "max_file_bytes", "total-bytes": "max_total_bytes",
    "document-bytes": "max_document_bytes", "depth": "max_depth",
    "document-values": "max_nodes", "total-alias-values": "max_total_nodes",
    "project-bytes": "max_project_bytes",
}


DEFAULT_LIMITS = Limits()


class LimitError(yaml.YAMLError):
    """Input refused because it exceeds a `Limits` bound; the message says which and why.

    A YAMLError so that callers which already report unreadable documents report this too.
    """


class BudgetSpent(LimitError):
    """One import used up a total budget (`max_total_bytes` or `max_total_nodes`): the rest of
    the input is not read."""


class Budget:
    """What one import may still read, shared by its files and their documents."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.bytes_left = limits.max_total_bytes
        self.nodes_left = limits.max_total_nodes

    def take_document(self, size: int) -> None:
        """Count one document of `size` characters (the file's text is counted when read; a
        document smaller than the floor adds the difference).

        Raises:
            BudgetSpent: the import has now read more than `max_total_bytes`.
        """
        self.bytes_left -= max(self.limits.document_floor_bytes - size, 0)
        if self.bytes_left < 0:
            total = describe_size(self.limits.max_total_bytes)
            floor = self.limits.document_floor_bytes
            raise BudgetSpent(Text(
                f"the import reached its limit of {total} here (each document counts as at "
                f"least {floor} bytes); the rest was not read. Raise it with --limit "
                "total-bytes=SIZE if the input is trusted",
                f"가져오기가 여기서 한도 {total}에 이르렀습니다(문서 하나는 적어도 {floor}바이트로 "
                "셉니다). 나머지는 읽지 않았습니다. 믿을 수 있는 입력이면 --limit total-bytes=크기로 "
                "한도를 올릴 수 있습니다"))

    def take_nodes(self, count: int) -> None:
        """Count the values one document expands to through its aliases.

        Raises:
            BudgetSpent: the import's documents with aliases now expand to more than
                `max_total_nodes` values.
        """
        self.nodes_left -= count
        if self.nodes_left < 0:
            most = f"{self.limits.max_total_nodes:,}"
            raise BudgetSpent(Text(
                f"the documents read so far expand to more than {most} values through their "
                "aliases (*name); the rest was not read (alias bombs spread over many "
                "documents). Raise it with --limit total-alias-values=N if the input is trusted",
                f"지금까지 읽은 문서의 별칭(*name)을 펼치면 값이 {most}개보다 많습니다. 나머지는 "
                "읽지 않았습니다(여러 문서에 나뉜 별칭 폭탄). 믿을 수 있는 입력이면 --limit "
                "total-alias-values=N으로 한도를 올릴 수 있습니다"))


_UNITS = {"": 1, "k": 1000, "m": 1000 ** 2, "g": 1000 ** 3, "ki": 1024, "mi": _MiB,
          "gi": 1024 * _MiB}


def parse_limit(text: str) -> tuple[str, int]:
    """`NAME=VALUE` of `--limit` as (field of `Limits`, value); values may carry k, M, G or
    Ki, Mi, Gi (`file-bytes=256Mi`, `total-alias-values=20M`).

    Raises:
        ValueError: unknown name or unreadable value, with a message listing what is known.
    """
    name, _, value = text.partition("=")
    field = LIMIT_NAMES.get(name.strip().lower())
    if field is None:
        raise ValueError(f"unknown limit {name.strip()!r}; known: {', '.join(LIMIT_NAMES)}")
    number = value.strip().lower().removesuffix("b")
    digits = number.rstrip("kmgi")
    unit = number[len(digits):]
    if not digits.isdigit() or unit not in _UNITS or int(digits) * _UNITS[unit] < 1:
        raise ValueError(f"{name.strip()}: {value.strip()!r} is not a positive whole number "
                         "(units k, M, G, Ki, Mi, Gi may follow)")
    return field, int(digits) * _UNITS[unit]


def exc_message(exc: BaseException) -> str:
    """An exception's message with its Korean kept: `str(exc)` turns a `Text` message into
    plain English, so take the `Text` itself when the exception was raised with one."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, Text) else str(exc)


def describe_size(size: int) -> str:
    return f"{size / _MiB:.1f} MiB" if size >= _MiB else f"{size:,} bytes"


#: What can open nested block collections at the start of a line: indentation, the `-`, `?`
#: and `:` indicators, and the anchors and tags that may precede a nested node.
_LEAD_UNIT = r"(?:[ \t?:-]|[&!][^ \t\r\n]*)"


@functools.lru_cache(maxsize=8)
def _lead_at_least(width: int) -> re.Pattern[str]:
    return re.compile(f"^{_LEAD_UNIT}{{{width}}}", re.MULTILINE)


def depth_bound_within(text: str, max_depth: int) -> bool:
    """True when the text alone proves `text` nests at most `max_depth` deep (fast: counts
    and one regular-expression scan, no parsing).

    A nested block collection starts at a larger column than its parent, except a list that is
    the value of a key, which may share the key's column; so block depth is at most twice the
    widest line lead, plus one. Flow depth is at most the number of opening brackets.
    """
    flow = text.count("[") + text.count("{")
    widest_allowed = (max_depth - flow) // 2 - 1
    if widest_allowed < 0:
        return False
    # Each unit of a lead takes a character: lines no longer than `widest_allowed` hold no
    # lead that wide, and the expression is not run. It tries `^` at every character of the
    # text (no literal to skip ahead by): 2.5% of the instructions of a 5,000-resource render.
    if max(map(len, text.split("\n"))) <= widest_allowed:
        return True
    return _lead_at_least(widest_allowed + 1).search(text) is None


def check_depth(text: str, limits: Limits, loader: Any) -> None:
    """Refuse `text` if its collections nest deeper than `limits.max_depth`.

    Uses the text bound when it suffices, else walks the event stream of `loader` (a PyYAML
    loader class; its event parser is iterative, unlike the composer), stopping at the limit.

    Raises:
        LimitError: the document is too deep.
        yaml.YAMLError: the text does not parse (only raised when the event walk is needed).
    """
    if depth_bound_within(text, limits.max_depth):
        return
    try:
        _walk_depth(text, limits, loader)
    except LimitError:
        raise
    except yaml.YAMLError:
        # libyaml (PyYAML >= 6.0.4) refuses deep flow nesting itself, with its own wording and
        # before this walk reaches the limit: count the brackets here, so that the refusal is
        # ours and reads the same whichever library version is installed. Any other error
        # re-raises as it is.
        deepest = _flow_depth_exceeded(text, limits.max_depth)
        if deepest is None:
            raise
        raise LimitError(_deep_message(limits, deepest)) from None


class _Mark:
    """A position in the text, shaped like a PyYAML mark (0-based line and column)."""

    def __init__(self, text: str, index: int) -> None:
        self.line = text.count("\n", 0, index)
        self.column = index - (text.rfind("\n", 0, index) + 1)


def _flow_depth_exceeded(text: str, max_depth: int) -> _Mark | None:
    """Where flow brackets (`[`, `{` outside quotes and comments) first nest deeper than
    `max_depth`, or None. Only asked once the parser has refused the text, so a bracket inside
    a plain scalar, which this count takes for a collection, can only change the wording of a
    refusal, never refuse a document that loads."""
    depth, quote, comment, previous = 0, "", False, "\n"
    index = 0
    while index < len(text):
        char = text[index]
        if comment:
            comment = char != "\n"
        elif quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                if quote == "'" and text.startswith("''", index):
                    index += 1
                else:
                    quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and previous in " \t\n":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return _Mark(text, index)
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char
        index += 1
    return None


def _walk_depth(text: str, limits: Limits, loader: Any) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                raise LimitError(_deep_message(limits, event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _deep_message(limits: Limits, mark: Any) -> Text:
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    where_ko = f"({mark.line + 1}행 {mark.column + 1}열)" if mark is not None else ""
    return Text(f"the document nests lists and mappings more than {limits.max_depth} levels "
                f"deep{where}; it was refused (no Kubernetes manifest is nested this deeply)",
                f"문서가 리스트와 매핑을 {limits.max_depth}단계보다 깊게 중첩합니다{where_ko}. "
                "거부되었습니다(이렇게 깊이 중첩된 쿠버네티스 매니페스트는 없습니다)")


def check_nodes(root: Node, limits: Limits) -> int:
    """How many values a composed document holds with its aliases expanded; refuses one that
    expands to more than `limits.max_nodes` values, or in which an alias refers to a node that
    contains it (data that would never end).

    Nodes reached through several aliases are counted once per reference (that is what the
    expanded data costs) but visited once, so an alias bomb is measured without expanding it.

    Raises:
        LimitError: too many values, or a self-referencing alias.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > limits.max_nodes:
                raise LimitError(_many_message(limits, root))
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise LimitError(Text(
                f"an alias at line {mark.line + 1} refers to a value that contains it, which "
                "would make endless data; the document was refused",
                f"{mark.line + 1}행의 별칭이 자신을 담은 값을 가리켜 데이터가 끝없이 "
                "이어집니다. 문서가 거부되었습니다"))
        on_path.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in on_path:
                mark = child.start_mark
                raise LimitError(Text(
                    f"an alias refers to the value that contains it (the anchor at line "
                    f"{mark.line + 1}), which would make endless data; the document was refused",
                    f"별칭이 자신을 담은 값(앵커: {mark.line + 1}행)을 가리켜 데이터가 끝없이 "
                    "이어집니다. 문서가 거부되었습니다"))
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(root)]


def data_depth_exceeds(value: Any, max_depth: int) -> bool:
    """True when plain data (dicts and lists, as read from JSON) nests deeper than `max_depth`;
    iterative, so deep data cannot exhaust the stack while being measured. Level by level,
    keeping only the containers: scalars (most of a manifest) are looked at once and dropped
    (a third of loading a project of 15,000 resources went to pushing them on a stack)."""
    level = [value] if isinstance(value, (dict, list)) else []
    depth = 0
    while level:
        if depth >= max_depth:
            return True
        deeper = []
        for item in level:
            for child in item.values() if isinstance(item, dict) else item:
                if isinstance(child, (dict, list)):
                    deeper.append(child)
        level = deeper
        depth += 1
    return False


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _many_message(limits: Limits, root: Node) -> Text:
    return Text(f"the document holds more than {limits.max_nodes:,} values once its aliases "
                "(*name) are expanded; it was refused (an alias bomb, or far larger than a "
                "manifest)",
                f"별칭(*name)을 펼치면 문서의 값이 {limits.max_nodes:,}개보다 많아져 "
                "거부되었습니다(별칭 폭탄이거나 매니페스트보다 훨씬 큽니다)")
