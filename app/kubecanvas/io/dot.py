"""Exporting the diagram as Graphviz DOT, for `dot -Tsvg` and the tools that read DOT.

One `cluster_` subgraph per namespace (cluster-scoped resources outside them), a box per resource
labelled with kind and name, the size of the editor's cards (so a layout by `dot` and by
KubeCanvas can be compared at equal node sizes, as tests/bench/bench_layout.py does), a labelled
edge per wiring-graph edge in the editor's colours and dashes, stand-ins dashed and grey. Node
ids are quoted strings numbered in the canonical order (`io.diagram`), so the same document
always gives the same text.
"""

from __future__ import annotations

from kubecanvas.io.diagram import GHOST_COLOUR, Box, build_diagram
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH

#: DOT measures node sizes in inches of 72 points; the canvas's units are points.
POINTS_PER_INCH = 72.0


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes and quotes escaped, newlines as `\\n`)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _node(box: Box, indent: str) -> str:
    extra = {"missing": "\nnot defined", "generated": "\ncreated per replica"}.get(box.ghost, "")
    style = 'style="rounded,dashed"' if box.ghost else 'style="rounded,filled"'
    colour = GHOST_COLOUR if box.ghost else box.colour
    return (f"{indent}{quote(box.id)} [label={quote(f'{box.kind}{chr(10)}{box.name}{extra}')}, "
            f"{style}, color={quote(colour)}];")


def to_dot(document: Document, graph: WiringGraph) -> str:
    """The diagram as DOT text (`digraph kubecanvas {...}`), laid out left to right."""
    diagram = build_diagram(document, graph)
    width, height = NODE_WIDTH / POINTS_PER_INCH, NODE_HEIGHT / POINTS_PER_INCH
    out = ["digraph kubecanvas {",
           '  rankdir=LR; compound=true; fontname="sans-serif";',
           f'  node [shape=box, fixedsize=true, width={width:.3f}, height={height:.3f}, '
           'fontname="sans-serif", fontsize=11, fillcolor="#ffffff"];',
           '  edge [fontname="sans-serif", fontsize=10];']
    namespaces = sorted({box.namespace for box in diagram.boxes if box.namespace})
    for number, namespace in enumerate(namespaces, start=1):
        out.append(f"  subgraph cluster_{number} {{")
        out.append(f'    label={quote(f"namespace {namespace}")}; style="rounded,dashed";')
        out += [_node(b, "    ") for b in diagram.boxes if b.namespace == namespace]
        out.append("  }")
    out += [_node(b, "  ") for b in diagram.boxes if not b.namespace]
    for line in diagram.lines:
        colour, dashed, pen = line.style
        attrs = [f"label={quote(line.text)}", f"color={quote(colour)}", f"penwidth={pen:g}"]
        if dashed:
            attrs.append("style=dashed")
        out.append(f"  {quote(line.source)} -> {quote(line.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"
