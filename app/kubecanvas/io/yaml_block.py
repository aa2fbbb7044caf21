"""Writing small pieces of YAML that sit inside a document someone wrote by hand.

Write-back splices edited values into the original text (see `yaml_splice`). What it inserts
must look like its neighbours: nested mappings indented by the document's own step, sequences
indented or not as the document does it, the dash followed by as many spaces as the other items.
PyYAML's emitter knows one layout only (sequences never indented under their key), so the block
structure is written here, and PyYAML still renders every scalar, which is where the quoting
rules (and the Go-YAML ones in `ManifestDumper`) live.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io.yaml_dialect import ManifestDumper

_NO_FOLD = 1 << 30
_KEY = ScalarNode("tag:yaml.org,2002:str", "k")


@dataclass(frozen=True)
class Layout:
    """How a document lays out its blocks.

    Attributes:
        step: columns a nested mapping is indented by, relative to its key.
        seq_indent: columns a sequence's dash is indented by, relative to its key (0 when the
            document writes `key:` and `- item` in the same column, as kubectl does).
        dash_pad: columns from a dash to its item's content (2 for `- item`).
    """

    step: int = 2
    seq_indent: int = 0
    dash_pad: int = 2


def detect_layout(root: Node, near: Node | None = None) -> Layout:
    """The layout most blocks of `root` use; the entries directly in `near` (a mapping being
    added to) count first, so a new field looks like its siblings."""
    steps: Counter[int] = Counter()
    seqs: Counter[int] = Counter()
    pads: Counter[int] = Counter()
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                _count_entry(key, value, steps, seqs)
                stack.append(value)
        elif isinstance(node, SequenceNode):
            if not node.flow_style and node.value:
                first = node.value[0]
                if first.start_mark.line == node.start_mark.line:
                    pads[first.start_mark.column - node.start_mark.column] += 1
            stack.extend(node.value)
    if isinstance(near, MappingNode):
        local_steps: Counter[int] = Counter()
        local_seqs: Counter[int] = Counter()
        for key, value in near.value:
            _count_entry(key, value, local_steps, local_seqs)
        steps = local_steps or steps
        seqs = local_seqs or seqs
    default = Layout()
    return Layout(_most(steps, default.step, 1), _most(seqs, default.seq_indent, 0),
                  _most(pads, default.dash_pad, 2))


def _count_entry(key: Node, value: Node, steps: Counter[int], seqs: Counter[int]) -> None:
    if isinstance(value, (MappingNode, SequenceNode)) and not value.flow_style and value.value:
        offset = value.start_mark.column - key.start_mark.column
        if value.start_mark.line > key.start_mark.line:
            (steps if isinstance(value, MappingNode) else seqs)[offset] += 1


def _most(counts: Counter[int], default: int, least: int) -> int:
    valid = [(n, -value) for value, n in counts.items() if value >= least]
    return -max(valid)[1] if valid else default


def render_scalar(value: Any, style: str | None = None, flow: bool = False) -> str:
    """One scalar on one line, as it reads back as `value` in block (or flow) context.

    Args:
        value: a string, number, boolean or None.
        style: for strings, the quoting to keep (`'` or `"`); the emitter picks another when
            the string cannot be written that way. Multi-line strings are double-quoted.
        flow: the scalar sits inside `[...]` or `{...}`, where `,[]{}` need quoting.
    """
    node = ManifestDumper(io.StringIO()).represent_data(value)
    if not isinstance(node, ScalarNode):
        raise TypeError(f"not a scalar: {type(value).__name__}")
    if isinstance(value, str):
        node.style = style if style in ("'", '"') else None
        if node.style != '"' and any(ch in value for ch in "\n\x85\u2028\u2029"):
            node.style = '"'
    wrapper: Node
    if flow:
        wrapper = SequenceNode("tag:yaml.org,2002:seq", [node], flow_style=True)
    else:
        wrapper = MappingNode("tag:yaml.org,2002:map", [(_KEY, node)], flow_style=False)
    text = str(yaml.serialize(wrapper, Dumper=ManifestDumper, width=_NO_FOLD,
                              allow_unicode=True))
    body = text[1:-2] if flow else text[3:-1]
    if "\n" in body:  # single quotes fold line breaks into blank lines: escape them instead
        return render_scalar(value, '"', flow)
    return body


def render_flow(value: Any) -> str:
    """A value on one line in flow style (`{a: 1, b: [x, y]}`)."""
    if not isinstance(value, (dict, list)):
        return render_scalar(value, flow=True)
    text = str(yaml.dump(value, Dumper=ManifestDumper, default_flow_style=True, sort_keys=False,
                         width=_NO_FOLD, allow_unicode=True))
    return text.rstrip("\n")


def is_block(value: Any) -> bool:
    """True for what is written as a block of its own lines: a non-empty mapping or list."""
    return isinstance(value, (dict, list)) and bool(value)


def render_inline(value: Any, flow: bool = False) -> str:
    """A value that fits after `key: ` or `- ` on one line (empty collections as `{}`/`[]`)."""
    if isinstance(value, (dict, list)):
        return render_flow(value)
    return render_scalar(value, flow=flow)


def literal_lines(value: Any, content_col: int) -> list[str] | None:
    """A multi-line string as a `|` block: the header, then its lines at `content_col`; None
    when the value is not such a string or the literal style cannot hold it exactly."""
    if not isinstance(value, str) or "\n" not in value:
        return None
    text = str(yaml.dump({"k": value}, Dumper=ManifestDumper, default_flow_style=False,
                         width=_NO_FOLD, allow_unicode=True))
    lines = text.split("\n")[:-1]
    header = lines[0][3:]
    if not lines[0].startswith("k: |") or any(ch.isdigit() for ch in header):
        return None
    body = [" " * content_col + line[2:] if line else "" for line in lines[1:]]
    return [header, *body]


def block_lines(value: dict[str, Any] | list[Any], col: int, layout: Layout) -> list[str]:
    """A non-empty mapping or list as block lines starting at column `col`."""
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.extend(entry_lines(render_scalar(key), item, col, layout))
    else:
        for item in value:
            lines.extend(item_lines(item, col, layout))
    return lines


def entry_lines(key_src: str, value: Any, col: int, layout: Layout) -> list[str]:
    """`key: value` at column `col`, the value's block below it when it has one."""
    head = " " * col + key_src + ":"
    if is_block(value):
        inner = col + (layout.step if isinstance(value, dict) else layout.seq_indent)
        return [head, *block_lines(value, inner, layout)]
    literal = literal_lines(value, col + layout.step)
    if literal is not None:
        return [f"{head} {literal[0]}", *literal[1:]]
    return [f"{head} {render_inline(value)}"]


def item_lines(value: Any, col: int, layout: Layout) -> list[str]:
    """`- value` with its dash at column `col`."""
    dash = " " * col + "-" + " " * (layout.dash_pad - 1)
    body = col + layout.dash_pad
    if is_block(value):
        inner = block_lines(value, body, layout)
        return [dash + inner[0][body:], *inner[1:]]
    literal = literal_lines(value, body)
    if literal is not None:
        return [dash + literal[0], *literal[1:]]
    return [dash + render_inline(value)]


def body_text(value: Any, col: int, layout: Layout) -> str:
    """A value that starts where an existing value started (column `col`, after `- ` or at the
    top of the document): its first line without indentation, the others indented."""
    if is_block(value):
        lines = block_lines(value, col, layout)
        return "\n".join([lines[0][col:], *lines[1:]])
    literal = literal_lines(value, col + layout.step)
    if literal is not None:
        return "\n".join(literal)
    return render_inline(value)
