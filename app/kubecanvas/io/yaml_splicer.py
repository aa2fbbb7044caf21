"""The walk behind `yaml_splice`: old and new data compared as a tree, each difference turned
into a text edit (start, end, replacement) at the positions of the composed YAML nodes.

Positions come from libyaml's marks as (line, column), turned into offsets with the text's own line
starts, so a multi-byte character or a CRLF line end does not shift them.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from typing import Any

from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.io.yaml_block import (
    Layout,
    body_text,
    detect_layout,
    entry_lines,
    is_block,
    item_lines,
    literal_lines,
    render_flow,
    render_inline,
    render_scalar,
)
from kubecanvas.io.yaml_dialect import ManifestLoader, key_text

_STR = "tag:yaml.org,2002:str"

Edit = tuple[int, int, str]


class Refused(Exception):
    """This change cannot be spliced at this level; a coarser one re-emits more."""


def canonical(data: Any) -> str:
    """Data as comparable text: 1, 1.0 and true differ, key order does not."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


class Splicer:
    """Collects the text edits that turn the old data into the new one.

    Args:
        text: the document's text.
        root: its composed node tree.
        limit: None to splice at the finest level; otherwise a collection at this depth (0 is
            the whole document) that holds a change is re-emitted whole.
        as_json: the document is JSON (a `.json` manifest): what is written stays JSON.
    """

    def __init__(self, text: str, root: Node, limit: int | None, as_json: bool = False) -> None:
        self.text = text
        self.as_json = as_json
        self.root = root
        self.limit = limit
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.ops: list[Edit] = []
        self.deepest = 0
        self._starts = [0]
        found = text.find("\n")
        while found >= 0:
            self._starts.append(found + 1)
            found = text.find("\n", found + 1)
        self._layout: Layout | None = None
        self._keys: ManifestLoader | None = None  # for keys that are not plain strings

    def diff(self, old: Any, new: Any) -> list[Edit]:
        self._value(self.root, old, new, 0, None, False)
        return self.ops

    # --- positions ------------------------------------------------------------------------

    def _at(self, mark: Mark) -> int:
        return self._starts[mark.line] + mark.column

    def _line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def _line_end(self, offset: int) -> int:
        """Just past the end of the line holding `offset`, its line break included."""
        found = self.text.find("\n", offset)
        return len(self.text) if found < 0 else found + 1

    def _end(self, node: Node) -> int:
        """Where a node's own text ends (a block collection's end mark lies at the next token,
        past comments and blank lines; a block scalar's past its trailing blank lines)."""
        if isinstance(node, ScalarNode):
            end = self._at(node.end_mark)
            if node.style in ("|", ">"):
                floor = self._at(node.start_mark) + 1
                while end > floor and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        if not isinstance(node, (MappingNode, SequenceNode)) or node.flow_style or not node.value:
            return self._at(node.end_mark)
        last = node.value[-1]
        return self._end(last[1] if isinstance(node, MappingNode) else last)

    def _dash(self, item: Node) -> int:
        """The offset of the `-` of a block sequence item, which must begin its line."""
        position = self._at(item.start_mark) - 1
        while position >= 0 and self.text[position] in " \t\r\n":
            position -= 1
        if position < 0 or self.text[position] != "-":
            raise Refused
        if self.text[self._line_start(position):position].strip(" \t"):
            raise Refused
        return position

    def _delete_lines(self, start: int, end: int) -> None:
        """Delete the lines from the one holding `start` to the one holding `end`; at the end of
        a file without a final line break, the break before them goes instead."""
        first, last = self._line_start(start), self._line_end(end)
        if last == len(self.text) and not self.text.endswith("\n") and first > 0:
            first -= 2 if self.text[first - 2:first] == "\r\n" else 1
        self.ops.append((first, last, ""))

    def _append_lines(self, after: Node, text: str) -> None:
        """Insert whole lines (`text` ends with a line break) below the line where `after`
        ends. At the end of a file without a final line break the new lines get none either,
        and a `|` block that ended the file keeps its value without a final line break."""
        position = self._line_end(self._end(after))
        if position == len(self.text) and not self.text.endswith("\n"):
            text = "\n" + text[:-1]
            while isinstance(after, (MappingNode, SequenceNode)) and after.value:
                last = after.value[-1]
                after = last[1] if isinstance(after, MappingNode) else last
            if isinstance(after, ScalarNode) and after.style in ("|", ">"):
                header = self._at(after.start_mark) + 1
                indicators = re.match(r"[-+0-9]*", self.text[header:])
                if indicators is None or "+" in indicators[0]:
                    raise Refused
                if "-" not in indicators[0]:
                    self.ops.append((header, header, "-"))
        self.ops.append((position, position, text))

    def _scalar(self, value: Any, style: str | None = None, flow: bool = False) -> str:
        if self.as_json:
            return json.dumps(value, ensure_ascii=False)
        return render_scalar(value, style, flow)

    def _flow(self, value: Any) -> str:
        if self.as_json:
            return json.dumps(value, ensure_ascii=False)
        return render_flow(value)

    @staticmethod
    def _separator(node: Node, starts: list[Node]) -> str:
        """What goes between two entries of a flow collection: `, ` when they share a line, a
        line break and their column when each has a line of its own (pretty-printed JSON)."""
        lines = [start.start_mark.line for start in starts]
        if len(set(lines)) < len(lines) or lines[0] == node.start_mark.line:
            return ", "
        return ",\n" + " " * starts[-1].start_mark.column

    def layout(self) -> Layout:
        if self._layout is None:
            self._layout = detect_layout(self.root)
        return self._layout

    def _key(self, node: Node) -> str:
        if isinstance(node, ScalarNode) and node.tag == _STR:
            return str(node.value)
        if self._keys is None:
            self._keys = ManifestLoader("")
        return key_text(self._keys.construct_object(node, deep=True))

    # --- the walk ---------------------------------------------------------------------------

    def _value(self, node: Node, old: Any, new: Any, depth: int, key: Node | None,
               flow: bool) -> None:
        """Turn `node` (holding `old`) into `new`. `key` is the mapping key it is the value
        of (None for list items and the document itself); `flow` when inside `[...]`/`{...}`."""
        if canonical(old) == canonical(new):
            return
        both_maps = isinstance(node, MappingNode) and isinstance(old, dict) and isinstance(
            new, dict)
        both_lists = isinstance(node, SequenceNode) and isinstance(old, list) and isinstance(
            new, list)
        if not (both_maps or both_lists) or not old or not new or (
                self.limit is not None and depth >= self.limit):
            self._replace(node, new, key, flow)
            return
        self.deepest = max(self.deepest, depth)
        inner = flow or bool(getattr(node, "flow_style", False))
        if isinstance(node, MappingNode):
            self._mapping(node, old, new, depth, inner)
        elif isinstance(node, SequenceNode):
            self._sequence(node, old, new, depth, inner)

    def _replace(self, node: Node, new: Any, key: Node | None, flow: bool) -> None:
        """Write `new` over the whole of `node`."""
        start, end = self._at(node.start_mark), self._end(node)
        if isinstance(node, ScalarNode) and not is_block(new):
            if node.style in ("|", ">") and not flow:
                literal = literal_lines(new, self._block_column(node))
                if literal is not None:
                    self.ops.append((start, end, "\n".join(literal)))
                    return
            style = node.style if isinstance(new, str) else None
            rendered = self._scalar(new, style, flow) if not isinstance(
                new, (dict, list)) else self._flow(new)
            if start == end and start > 0 and self.text[start - 1] == ":":
                rendered = " " + rendered  # `key:` with nothing after it
            self.ops.append((start, end, rendered))
            return
        if flow or getattr(node, "flow_style", False):
            self.ops.append((start, end, self._flow(new) if flow or self.as_json
                             else render_inline(new)))
            return
        if key is not None:
            lines = entry_lines(self.text[self._at(key.start_mark):self._at(key.end_mark)], new,
                                key.start_mark.column, self.layout())
            self.ops.append((self._at(key.start_mark), end,
                             "\n".join([lines[0][key.start_mark.column:], *lines[1:]])))
            return
        self.ops.append((start, end, body_text(new, node.start_mark.column, self.layout())))

    def _block_column(self, node: ScalarNode) -> int:
        """The column of a block scalar's content lines."""
        first = self._line_end(self._at(node.start_mark))
        end = self._at(node.end_mark)
        while first < end:
            line = self.text[first:self._line_end(first)]
            if line.strip():
                return len(line) - len(line.lstrip(" "))
            first += len(line)
        return node.start_mark.column + self.layout().step

    # --- mappings ---------------------------------------------------------------------------

    def _mapping(self, node: MappingNode, old: dict[str, Any], new: dict[str, Any], depth: int,
                 flow: bool) -> None:
        entries: dict[str, list[tuple[Node, Node]]] = {}
        for pair in node.value:
            entries.setdefault(self._key(pair[0]), []).append(pair)
        if set(entries) != set(old):
            raise Refused
        for name, value in new.items():
            if name in old:
                key_node, value_node = entries[name][-1]
                self._value(value_node, old[name], value, depth + 1, key_node, flow)
        for name in old:
            if name not in new:
                for pair in entries[name]:
                    self._delete_entry(node, pair, flow)
        added = [name for name in new if name not in old]
        if added:
            self._insert_entries(node, entries, new, added, flow)

    def _delete_entry(self, node: MappingNode, pair: tuple[Node, Node], flow: bool) -> None:
        index = next(i for i, entry in enumerate(node.value) if entry is pair)
        key_node, value_node = pair
        start, end = self._at(key_node.start_mark), self._end(value_node)
        following = node.value[index + 1][0] if index + 1 < len(node.value) else None
        if flow:
            if index > 0:
                self.ops.append((self._end(node.value[index - 1][1]), end, ""))
            elif following is not None:
                self.ops.append((start, self._at(following.start_mark), ""))
            else:
                raise Refused
            return
        prefix = self.text[self._line_start(start):start].strip(" \t")
        if not prefix:
            self._delete_lines(start, end)
        elif prefix == "-" and following is not None:  # first key of a list item: the next
            self.ops.append((start, self._at(following.start_mark), ""))  # moves up to the dash
        else:
            raise Refused

    def _insert_entries(self, node: MappingNode, entries: dict[str, list[tuple[Node, Node]]],
                        new: dict[str, Any], added: list[str], flow: bool) -> None:
        names = list(new)
        if flow:
            rendered = [f"{self._scalar(name, flow=True)}: {self._flow(new[name])}"
                        for name in added]
            if not node.value:
                self.ops.append((self._at(node.start_mark), self._at(node.end_mark),
                                 "{" + ", ".join(rendered) + "}"))
                return
            separator = self._separator(node, [key for key, _ in node.value])
            for name, text in zip(added, rendered, strict=True):
                anchor = self._anchor(names, name, entries)
                if anchor is None:
                    self.ops.append((self._at(node.value[0][0].start_mark),) * 2 + (
                        text + separator,))
                else:
                    self.ops.append((self._end(anchor[1]),) * 2 + (separator + text,))
            return
        first_key = node.value[0][0]
        column = first_key.start_mark.column
        first_at = self._at(first_key.start_mark)
        starts_line = not self.text[self._line_start(first_at):first_at].strip(" \t")
        layout = detect_layout(self.root, node)
        for name in added:
            lines = entry_lines(render_scalar(name), new[name], column, layout)
            text = "\n".join(lines) + "\n"
            anchor = self._anchor(names, name, entries)
            if anchor is None and starts_line:
                self.ops.append((self._line_start(first_at),) * 2 + (text,))
                continue
            self._append_lines(node.value[-1][1] if anchor is None else anchor[1], text)

    @staticmethod
    def _anchor(names: list[str], name: str, entries: dict[str, list[tuple[Node, Node]]]
                ) -> tuple[Node, Node] | None:
        """The old entry a new key goes after: the nearest one before it in the new order."""
        for before in reversed(names[:names.index(name)]):
            if before in entries:
                return entries[before][-1]
        return None

    # --- sequences --------------------------------------------------------------------------

    def _sequence(self, node: SequenceNode, old: list[Any], new: list[Any], depth: int,
                  flow: bool) -> None:
        items = node.value
        if len(items) != len(old):
            raise Refused
        matcher = SequenceMatcher(None, [canonical(x) for x in old], [canonical(x) for x in new],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(i2 - i1, j2 - j1)
            for step in range(paired):
                self._value(items[i1 + step], old[i1 + step], new[j1 + step], depth + 1, None,
                            flow)
            for index in range(i1 + paired, i2):
                self._delete_item(node, index, flow)
            if j1 + paired < j2:
                after = i1 + paired - 1
                self._insert_items(node, after, new[j1 + paired:j2], flow)

    def _delete_item(self, node: SequenceNode, index: int, flow: bool) -> None:
        items = node.value
        item = items[index]
        end = self._end(item)
        if flow:
            if index > 0:
                self.ops.append((self._end(items[index - 1]), end, ""))
            elif index + 1 < len(items):
                self.ops.append((self._at(item.start_mark), self._at(items[index + 1].start_mark),
                                 ""))
            else:
                raise Refused
            return
        self._delete_lines(self._dash(item), end)

    def _insert_items(self, node: SequenceNode, after: int, values: list[Any], flow: bool
                      ) -> None:
        """Insert `values` after item `after` (-1: before the first item)."""
        items = node.value
        if flow:
            rendered = [self._flow(value) for value in values]
            separator = self._separator(node, items)
            if after < 0:
                self.ops.append((self._at(items[0].start_mark),) * 2 + (
                    "".join(text + separator for text in rendered),))
            else:
                self.ops.append((self._end(items[after]),) * 2 + (
                    "".join(separator + text for text in rendered),))
            return
        reference = items[max(after, 0)]
        dash = self._dash(reference)
        column = dash - self._line_start(dash)
        layout = self.layout()
        if reference.start_mark.line == self._line_of(dash):
            pad = reference.start_mark.column - column
            layout = Layout(layout.step, layout.seq_indent, pad)
        text = "".join("\n".join(item_lines(value, column, layout)) + "\n" for value in values)
        if after < 0:
            self.ops.append((self._line_start(dash),) * 2 + (text,))
            return
        self._append_lines(items[after], text)

    def _line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)
