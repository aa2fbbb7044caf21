"""Exporting the diagram as D2 (https://d2lang.com), for `d2 diagram.d2 out.svg` and its tools.

A container per namespace (cluster-scoped resources outside them), a rectangle per resource
labelled with kind and name and outlined in the editor's colour for its kind, a labelled arrow
per wiring-graph edge in the editor's colours and dashes, stand-ins dashed and grey. `direction:
right` makes traffic read left to right as on the canvas. Keys are the diagram's numbered ids
(`io.diagram`), so the same document always gives the same text; every label is a quoted string
with D2's escapes.
"""

from __future__ import annotations

from kubecanvas.io.diagram import GHOST_COLOUR, Box, build_diagram
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph


def quote(text: str) -> str:
    """A D2 double-quoted string (backslashes, quotes and newlines escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _node(box: Box, indent: str) -> list[str]:
    extra = {"missing": "\nnot defined", "generated": "\ncreated per replica"}.get(box.ghost, "")
    colour = GHOST_COLOUR if box.ghost else box.colour
    out = [f"{indent}{box.id}: {quote(f'{box.kind}{chr(10)}{box.name}{extra}')} {{",
           f"{indent}  style.stroke: {quote(colour)}"]
    if box.ghost:
        out.append(f"{indent}  style.stroke-dash: 4")
    out.append(f"{indent}}}")
    return out


def to_d2(document: Document, graph: WiringGraph) -> str:
    """The diagram as D2 text."""
    diagram = build_diagram(document, graph)
    out = ["direction: right", ""]
    namespaces = sorted({box.namespace for box in diagram.boxes if box.namespace})
    path: dict[str, str] = {}
    for number, namespace in enumerate(namespaces, start=1):
        container = f"ns{number}"
        out.append(f"{container}: {quote(f'namespace {namespace}')} {{")
        out.append("  style.stroke-dash: 3")
        for box in diagram.boxes:
            if box.namespace == namespace:
                out += _node(box, "  ")
                path[box.id] = f"{container}.{box.id}"
        out.append("}")
    for box in diagram.boxes:
        if not box.namespace:
            out += _node(box, "")
            path[box.id] = box.id
    for line in diagram.lines:
        colour, dashed, width = line.style
        out.append(f"{path[line.source]} -> {path[line.target]}: {quote(line.text)} {{")
        out.append(f"  style.stroke: {quote(colour)}")
        out.append(f"  style.stroke-width: {max(1, round(width))}")
        if dashed:
            out.append("  style.stroke-dash: 3")
        out.append("}")
    return "\n".join(out) + "\n"
