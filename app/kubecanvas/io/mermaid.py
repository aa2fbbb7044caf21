"""Exporting the diagram as a Mermaid flowchart, which GitHub and GitLab render in Markdown.

`flowchart LR` with one subgraph per namespace (cluster-scoped resources outside them), a node per
resource labelled with kind and name, a labelled arrow per wiring-graph edge, a class per kind
category and a `linkStyle` per edge in the editor's colours, stand-ins for missing references
dashed. Mermaid's parser is strict about what stands inside a label, so every label is quoted and
the characters it treats specially are written as its entity codes (`#quot;`, `#lt;`...), and node
ids are built from letters, digits and underscores only.
"""

from __future__ import annotations

import re

from kubecanvas.io.diagram import CATEGORY_COLOURS, GHOST_COLOUR, Box, build_diagram
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph

#: Characters Mermaid reads as syntax even inside a quoted label -> its entity codes.
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;",
             "[": "#91;", "]": "#93;", "{": "#123;", "}": "#125;", "`": "#96;"}
_ENTITY_RE = re.compile("|".join(re.escape(c) for c in _ENTITIES))
#: Words Mermaid's grammar reserves; an id equal to one (in any case) breaks the chart.
_RESERVED = frozenset({"end", "subgraph", "graph", "flowchart", "click", "style", "class",
                       "classdef", "linkstyle", "direction", "default"})


def escape(text: str) -> str:
    """Text made safe inside a quoted Mermaid label."""
    return _ENTITY_RE.sub(lambda m: _ENTITIES[m.group(0)], text.replace("\n", " "))


def node_id(text: str, taken: set[str]) -> str:
    """A Mermaid node id from any text: letters, digits and underscores, unique in `taken`."""
    base = re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_") or "node"
    if base[0].isdigit() or base.lower() in _RESERVED:
        base = f"n_{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}_{number}", number + 1
    taken.add(candidate)
    return candidate


def _label(box: Box) -> str:
    extra = {"missing": "<br/><i>not defined</i>",
             "generated": "<br/><i>created per replica</i>"}.get(box.ghost, "")
    return f'"<b>{escape(box.kind)}</b><br/>{escape(box.name)}{extra}"'


def _class_defs() -> list[str]:
    lines = [f"  classDef {name} fill:#ffffff,stroke:{colour},stroke-width:2px,color:#1d232b"
             for name, colour in CATEGORY_COLOURS.items()]
    dashed = f"fill:#f7f8fa,stroke:{GHOST_COLOUR},stroke-width:1px,stroke-dasharray:6 4," \
             "color:#5a6470"
    lines.append(f"  classDef missing {dashed}")
    lines.append(f"  classDef generated {dashed}")
    return lines


def to_mermaid(document: Document, graph: WiringGraph) -> str:
    """The diagram as Mermaid text (`flowchart LR ...`), ready for a ```mermaid block."""
    diagram = build_diagram(document, graph)
    taken: set[str] = set()
    ids = {box.id: node_id(f"{box.kind}_{box.namespace}_{box.name}", taken)
           for box in diagram.boxes}
    out = ["flowchart LR"]
    namespaces = sorted({box.namespace for box in diagram.boxes if box.namespace})
    ns_taken: set[str] = set(taken)
    for namespace in namespaces:
        out.append(f'  subgraph {node_id(f"ns_{namespace}", ns_taken)}'
                   f'["namespace {escape(namespace)}"]')
        out += [f"    {ids[b.id]}[{_label(b)}]" for b in diagram.boxes
                if b.namespace == namespace]
        out.append("  end")
    out += [f"  {ids[b.id]}[{_label(b)}]" for b in diagram.boxes if not b.namespace]
    for line in diagram.lines:
        out.append(f'  {ids[line.source]} -->|"{escape(line.text)}"| {ids[line.target]}')
    out += _class_defs()
    by_class: dict[str, list[str]] = {}
    for box in diagram.boxes:
        by_class.setdefault(box.category, []).append(ids[box.id])
    out += [f"  class {','.join(members)} {name}" for name, members in sorted(by_class.items())]
    for index, line in enumerate(diagram.lines):
        colour, dashed, width = line.style
        dash = ",stroke-dasharray:5 4" if dashed else ""
        out.append(f"  linkStyle {index} stroke:{colour},stroke-width:{width:g}px{dash}")
    return "\n".join(out) + "\n"
