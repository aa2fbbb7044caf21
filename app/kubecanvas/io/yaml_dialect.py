"""The YAML dialect KubeCanvas reads and writes: safe, JSON-shaped, Kubernetes-minded.

Reading goes through a subclass of PyYAML's C safe loader (the pure-Python one when libyaml is
missing) that keeps every value JSON-serializable, because manifests are stored in the project file
as JSON and compared as plain data:

- timestamps stay the strings they were written as (Kubernetes treats them as strings);
- `!!binary` keeps its base64 text, `!!set` becomes a mapping to nulls, `!!omap`/`!!pairs` a list
  of one-entry mappings, `.inf`/`.nan` keep their text;
- mapping keys that are not strings become the strings Kubernetes' own YAML-to-JSON step makes
  of them (`1` -> "1", `true` -> "true"), and a key written twice is remembered for a warning;
- `!!python/...` and unknown tags are refused with a message; nothing is ever executed;
- string keys are interned (`sys.intern`). Every manifest repeats the same few hundred names;
  shared, each is one object instead of one per mapping (20 MB less for 15,000 resources), and
  a lookup by a name written in the code finds its key by identity, without reading the key.
  Reading, wiring, laying out and checking 15,000 resources then missed the last-level cache
  18 % less (cachegrind): the passes after parsing (wiring, layout, checks) read keys that
  parsing left far behind in memory.

Writing uses the C safe dumper with aliases off, multi-line strings as `|` blocks, and extra
quoting for strings that Go's YAML reader (which kubectl uses) would take for numbers or booleans
even though PyYAML would not (`1e3`, `0o17`, `y`, `n`).
"""

from __future__ import annotations

import math
import re
from sys import intern
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io.limits import (
    DEFAULT_LIMITS,
    Budget,
    LimitError,
    Limits,
    check_depth,
    check_nodes,
    describe_size,
)
from kubecanvas.io.positions import Entry, data_and_positions, position_tree
from kubecanvas.model.korean import eun_neun, euro_ro
from kubecanvas.model.record import record
from kubecanvas.model.text import Text

_BaseLoader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_BaseDumper: Any = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_FLATTEN_TAGS = frozenset({_MERGE_TAG, "tag:yaml.org,2002:value"})


def key_text(key: object) -> str:
    """A mapping key as the string Kubernetes' YAML-to-JSON conversion makes of it."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


#: Tags of plain scalars seen so far (see `ManifestLoader.resolve`), bounded.
_PLAIN_TAGS: dict[str, str] = {}


class ManifestLoader(_BaseLoader):  # type: ignore[misc]
    """Safe loader producing JSON-shaped data. `duplicate_keys` collects (line, column, key) of
    keys written twice in one mapping (0-based marks, relative to the parsed text)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, int, str]] = []

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        """PyYAML's tag resolution, remembering the tag of short plain scalars (keys and values
        repeat across manifests: `name`, `metadata`, `Always`). The composer asks for every node,
        and trying the implicit resolvers' regular expressions each time cost a tenth of
        loading. With no path resolvers (this loader takes none), a plain scalar's tag depends
        on its text alone, and any other node's tag on its kind alone, as in
        `BaseResolver.resolve`."""
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR_TAG
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 64 and len(_PLAIN_TAGS) < 50_000:
                    _PLAIN_TAGS[value] = tag
            return tag
        return _MAP_TAG if kind is MappingNode else _SEQ_TAG

    # The composer calls these two for every node, to follow path resolvers; without any they
    # do nothing, and PyYAML's versions cost a tenth of composing in doing so.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    @classmethod
    def add_path_resolver(cls, *args: Any, **kwargs: Any) -> None:
        raise TypeError("ManifestLoader resolves tags without path resolvers (see resolve)")

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[str, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, f"expected a mapping, found {type(node).__name__}",
                                   node.start_mark)
        first_own = 0
        for key_node, _ in node.value:
            if key_node.tag in _FLATTEN_TAGS:  # merges (<<) and `=` keys: let PyYAML expand them
                own = sum(1 for k, _ in node.value if k.tag != _MERGE_TAG)
                self.flatten_mapping(node)
                first_own = len(node.value) - own
                break
        construct = self.construct_object
        mapping: dict[str, Any] = {}
        for index, (key_node, value_node) in enumerate(node.value):
            key = construct(key_node, deep=deep)
            if type(key) is str:
                key = intern(key)
            else:
                if isinstance(key, (dict, list)):
                    raise ConstructorError("while constructing a mapping", node.start_mark,
                                           "found a mapping or list used as a key",
                                           key_node.start_mark)
                key = key_text(key)
            if key in mapping and index >= first_own and key_node.start_mark is not None:
                mark = key_node.start_mark
                self.duplicate_keys.append((mark.line, mark.column, key))
            mapping[key] = construct(value_node, deep=deep)
        return mapping

    def construct_kc_string(self, node: Node) -> str:
        return str(self.construct_scalar(node))

    def construct_kc_binary(self, node: Node) -> str:
        return "".join(str(self.construct_scalar(node)).split())

    def construct_kc_float(self, node: ScalarNode) -> float | str:
        value = SafeConstructor.construct_yaml_float(self, node)
        return value if math.isfinite(value) else str(self.construct_scalar(node))

    def construct_kc_set(self, node: Node) -> Any:
        data: dict[str, Any] = {}
        yield data
        data.update(self.construct_mapping(node))

    def construct_kc_pairs(self, node: Node) -> Any:
        data: list[dict[str, Any]] = []
        yield data
        if not isinstance(node, SequenceNode):
            raise ConstructorError(None, None, f"expected a list of pairs, found {type(node).__name__}",
                                   node.start_mark)
        for item in node.value:
            data.append(self.construct_mapping(item, deep=True))

    def refuse_python(self, suffix: str, node: Node) -> None:
        raise ConstructorError(
            None, None,
            Text(f"the Python tag !!python/{suffix} is refused: KubeCanvas reads plain YAML "
                 "data only and never runs code from a file; remove the tag",
                 f"Python 태그 !!python/{suffix}{eun_neun(suffix)} 거부됩니다: KubeCanvas는 일반 YAML 데이터만 "
                 "읽고 파일의 코드를 절대 실행하지 않습니다. 태그를 지워야 합니다"),
            node.start_mark)

    def refuse_unknown(self, node: Node) -> None:
        raise ConstructorError(
            None, None,
            Text(f"unknown YAML tag {node.tag!r}: Kubernetes manifests hold plain mappings, "
                 "lists and scalars; remove the tag",
                 f"알 수 없는 YAML 태그 {node.tag!r}: 쿠버네티스 매니페스트는 일반 매핑, "
                 "리스트, 스칼라만 담습니다. 태그를 지워야 합니다"),
            node.start_mark)


ManifestLoader.add_constructor("tag:yaml.org,2002:timestamp", ManifestLoader.construct_kc_string)
ManifestLoader.add_constructor("tag:yaml.org,2002:binary", ManifestLoader.construct_kc_binary)
ManifestLoader.add_constructor("tag:yaml.org,2002:float", ManifestLoader.construct_kc_float)
ManifestLoader.add_constructor("tag:yaml.org,2002:set", ManifestLoader.construct_kc_set)
ManifestLoader.add_constructor("tag:yaml.org,2002:omap", ManifestLoader.construct_kc_pairs)
ManifestLoader.add_constructor("tag:yaml.org,2002:pairs", ManifestLoader.construct_kc_pairs)
ManifestLoader.add_multi_constructor("tag:yaml.org,2002:python/", ManifestLoader.refuse_python)
ManifestLoader.add_constructor(None, ManifestLoader.refuse_unknown)


def parse_document(text: str, limits: Limits = DEFAULT_LIMITS
                   ) -> tuple[Any, list[tuple[int, int, str]]]:
    """Parse one document chunk; returns (data or None when empty, duplicate keys).

    Raises:
        yaml.YAMLError: as `parse_document_node`.
    """
    data, duplicates, _ = parse_document_node(text, limits)
    return data, duplicates


@record(frozen=True)
class ParseProblem:
    """Why typed text is not YAML: the parser's words and, when it knows, where (from 1)."""

    message: str
    line: int | None = None
    column: int | None = None


def parse_typed(text: str) -> tuple[Any, ParseProblem | None]:
    """Parse one document typed by hand (the inspector's YAML tab); returns (data, None), or
    (None, the problem) instead of raising, so a front end can say it in its own words."""
    try:
        data, _ = parse_document(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return None, ParseProblem(str(exc.problem or exc), mark.line + 1 if mark else None,
                                  mark.column + 1 if mark else None)
    except yaml.YAMLError as exc:
        return None, ParseProblem(str(exc))
    return data, None


def parse_document_node(text: str, limits: Limits = DEFAULT_LIMITS, budget: Budget | None = None
                        ) -> tuple[Any, list[tuple[int, int, str]], Node | None]:
    """Parse one document chunk; returns (data or None when empty, duplicate keys, the composed
    node tree, for a caller that wants positions from this same parse).

    The nesting depth is checked before libyaml composes the text (its composer recurses in C
    and would crash on a very deep document), the expanded size before any data is built (an
    alias bomb is small as nodes, enormous as data); what aliases expand to is also counted
    against the import's `budget`, when given.

    Raises:
        yaml.YAMLError: the text is not valid YAML, holds a refused value, or exceeds `limits`
            (`LimitError`; `BudgetSpent` when the import's budget is used up).
    """
    data, duplicates, node, _ = _parse(text, limits, budget, False)
    return data, duplicates, node


def parse_document_positions(text: str, limits: Limits = DEFAULT_LIMITS,
                             budget: Budget | None = None
                             ) -> tuple[Any, list[tuple[int, int, str]], Entry | None]:
    """`parse_document_node` with the document's positions (`positions.position_tree`) in place
    of its node tree, built in the same walk as the data where the document has no anchor; None
    for a document read as JSON (its positions are composed when first asked) or empty."""
    data, duplicates, node, root = _parse(text, limits, budget, True)
    return data, duplicates, root if root is not None else position_tree(node)


def _parse(text: str, limits: Limits, budget: Budget | None, positions: bool
           ) -> tuple[Any, list[tuple[int, int, str]], Node | None, Entry | None]:
    """(data, duplicate keys, node tree, positions when built with the data) of one chunk."""
    if len(text) > limits.max_document_bytes:
        size, most = describe_size(len(text)), describe_size(limits.max_document_bytes)
        raise LimitError(Text(
            f"the document is {size}, larger than the {most} KubeCanvas reads as one document; "
            "it was refused (raise it with --limit document-bytes=SIZE if it is trusted)",
            f"문서가 {size}{euro_ro(size)}, KubeCanvas가 문서 하나로 읽는 {most}보다 큽니다. "
            "거부되었습니다(믿을 수 있는 문서면 --limit document-bytes=크기로 올릴 수 있습니다)"))
    check_depth(text, limits, _BaseLoader)
    as_json = _json_document(text)
    if as_json is not None:  # read by JSON's rules: no node tree (positions are composed later)
        return as_json, [], None, None
    loader = ManifestLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, loader.duplicate_keys, None, None
        if "&" not in text:  # no anchor, so no alias: nothing to expand or share
            if positions:
                data, root = data_and_positions(loader, node)
                return data, loader.duplicate_keys, node, root
            return _construct_plain(loader, node), loader.duplicate_keys, node, None
        if "*" in text:  # without an alias there is nothing to expand: the data is no bigger
            expanded = check_nodes(node, limits)  # than the text
            if budget is not None:
                budget.take_nodes(expanded)
        return loader.construct_document(node), loader.duplicate_keys, node, None
    finally:
        loader.dispose()


def _construct_plain(loader: ManifestLoader, node: Node) -> Any:
    """The data of a document without anchors, as `construct_document` makes it, faster.

    Strings, and mappings and lists whose keys are strings, are built here directly; anything
    else (numbers, booleans, tags, merge keys) goes to the loader's own constructor, node by
    node. PyYAML's generic constructor was the largest single
    cost of `kubecanvas validate` (a third of its time at 15,000 resources); this walk costs a
    fraction of it. `test_yaml_dialect` holds the two equal on every corpus file.
    """
    tag = node.tag
    if tag == _STR_TAG and type(node) is ScalarNode:
        return node.value
    if tag == _MAP_TAG and type(node) is MappingNode:
        mapping = {}
        noted = len(loader.duplicate_keys)
        for key_node, value_node in node.value:
            if key_node.tag != _STR_TAG or type(key_node) is not ScalarNode:
                del loader.duplicate_keys[noted:]  # the loader notes this mapping's again
                return loader.construct_object(node, deep=True)
            key = intern(key_node.value)
            if key in mapping:  # noted where and when `construct_mapping` notes it
                mark = key_node.start_mark
                loader.duplicate_keys.append((mark.line, mark.column, key))
            mapping[key] = _construct_plain(loader, value_node)
        return mapping
    if tag == _SEQ_TAG and type(node) is SequenceNode:
        return [_construct_plain(loader, item) for item in node.value]
    return loader.construct_object(node, deep=True)


class _NotPlainJson(ValueError):
    """The text is not one clean JSON object; the YAML reader takes it instead."""


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _NotPlainJson("a key written twice")
    return mapping


def _json_number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotPlainJson(text)
    return value


def _refuse_constant(text: str) -> Any:
    raise _NotPlainJson(text)


def _json_document(text: str) -> dict[str, Any] | None:
    """A document that is one JSON object (a `.json` manifest, `kubectl get -o json`) read as
    JSON, as kubectl does; None for anything else.

    YAML 1.1 reads most JSON, but not all of it the same way: `1e3` stays a string and escaped
    surrogate pairs (`"\\ud83d\\ude00"`, which `json.dumps` writes for any emoji) are refused.
    Text that is not clean JSON (a key written twice, NaN, a YAML flow mapping) goes to the YAML
    reader, which reports positions and duplicate keys.
    """
    body = text.lstrip("\ufeff \t\r\n")
    if not body.startswith("{"):
        return None
    import json  # (YAML documents need none: 4 ms of a small `render`'s start)

    try:
        data = json.loads(body, object_pairs_hook=_json_object, parse_float=_json_number,
                          parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def dump_json_like(data: Any, original: str) -> str | None:
    """`data` written as JSON indented like `original`, when `original` is a JSON document (so
    saving an edited `.json` manifest keeps it JSON); None when it is YAML."""
    if _json_document(original) is None:
        return None
    import json  # (as in `_json_document`)

    found = re.search(r"\n([ \t]+)\S", original)
    if found is None:  # all on one line
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=found.group(1)) + "\n"


def compose_document(text: str, limits: Limits = DEFAULT_LIMITS) -> Node | None:
    """The node tree of one chunk (for line numbers); None when it is empty.

    Raises:
        yaml.YAMLError: as `parse_document`.
    """
    check_depth(text, limits, _BaseLoader)
    loader = ManifestLoader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


# --- writing ----------------------------------------------------------------------------------

class ManifestDumper(_BaseDumper):  # type: ignore[misc]
    """Safe dumper for `kubectl apply`-ready YAML."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


def _represent_str(dumper: ManifestDumper, data: str) -> ScalarNode:
    # NEL and the Unicode line/paragraph separators are line breaks to a YAML reader; only the
    # double-quoted style escapes them reliably (PyYAML's Python emitter writes them raw).
    if _ODD_BREAKS.search(data):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    node: ScalarNode = dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)
    return node


ManifestDumper.add_representer(str, _represent_str)
# Strings Go's YAML reader (sigs.k8s.io/yaml, used by kubectl) resolves to numbers or booleans
# although YAML 1.1 in PyYAML does not: quote them on output so they stay strings in the cluster.
ManifestDumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)[eE][-+]?[0-9]+$"),
    list("-+0123456789."))
ManifestDumper.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?0[oO][0-7_]+$"), list("-+0"))
ManifestDumper.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:y|Y|n|N)$"), list("yYnN"))

#: Effectively no line folding (the C emitter needs an int).
_NO_FOLD = 1 << 30


def dump_document(data: Any) -> str:
    """One document as block-style YAML, keys in their order, unicode kept, lines not folded."""
    text: str = yaml.dump(data, Dumper=ManifestDumper, default_flow_style=False,
                          sort_keys=False, allow_unicode=True, width=_NO_FOLD)
    return text
