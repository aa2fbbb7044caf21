"""Exporting the diagram for diagrams.net (draw.io), where many teams keep their architecture.

The file is the tool's own uncompressed XML (`mxfile` > `diagram` > `mxGraphModel` > `root`):
one vertex `mxCell` per resource at its canvas position, 180 x 72 like on the canvas, labelled
with kind and name, coloured by kind; one edge `mxCell` per wiring-graph edge with its label and
the editor's line style; stand-ins for missing references dashed. Positions and labels are plain
attributes, so diagrams.net opens the file, lets the user move and relabel everything, and saves
it back in the same shape.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kubecanvas.io.diagram import Box, Line, build_diagram
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH

_ROOT_ID = "0"
_LAYER_ID = "1"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _vertex_style(box: Box) -> str:
    parts = ["rounded=1", "whiteSpace=wrap", "html=1", "arcSize=12",
             f"strokeColor={box.colour}", "fillColor=#ffffff", "fontColor=#1d232b",
             f"kubecanvasKind={box.kind}"]
    if box.ghost:
        parts += ["dashed=1", "dashPattern=6 4", "fontColor=#5a6470", "opacity=80"]
    else:
        parts += ["strokeWidth=2"]
    return ";".join(parts) + ";"


def _vertex_label(box: Box) -> str:
    """Kind in bold over the name; draw.io renders the (escaped) HTML because of `html=1`."""
    lines = [f"<b>{_html(box.kind)}</b>", _html(box.name)]
    if box.ghost == "missing":
        lines.append("<i>not defined</i>")
    elif box.ghost == "generated":
        lines.append("<i>created per replica</i>")
    elif box.namespace:
        lines.append(f"<font color=\"#5a6470\">{_html(box.namespace)}</font>")
    return "<br>".join(lines)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _edge_style(line: Line) -> str:
    colour, dashed, width = line.style
    parts = ["edgeStyle=orthogonalEdgeStyle", "rounded=1", "html=1", "endArrow=block",
             "endFill=1", f"strokeColor={colour}", f"strokeWidth={_number(width)}",
             f"fontColor={colour}", "labelBackgroundColor=#ffffff",
             f"kubecanvasEdge={line.type}"]
    if dashed:
        parts.append("dashed=1")
    return ";".join(parts) + ";"


def _add_vertex(root: ET.Element, box: Box) -> None:
    cell = ET.SubElement(root, "mxCell", {"id": box.id, "value": _vertex_label(box),
                                          "style": _vertex_style(box), "vertex": "1",
                                          "parent": _LAYER_ID})
    ET.SubElement(cell, "mxGeometry", {"x": _number(box.x), "y": _number(box.y),
                                       "width": _number(NODE_WIDTH),
                                       "height": _number(NODE_HEIGHT), "as": "geometry"})


def _add_edge(root: ET.Element, line: Line) -> None:
    cell = ET.SubElement(root, "mxCell", {"id": line.id, "value": _html(line.text),
                                          "style": _edge_style(line), "edge": "1",
                                          "parent": _LAYER_ID, "source": line.source,
                                          "target": line.target})
    ET.SubElement(cell, "mxGeometry", {"relative": "1", "as": "geometry"})


def to_drawio(document: Document, graph: WiringGraph, name: str = "KubeCanvas") -> str:
    """The diagram as diagrams.net XML text (UTF-8, with an XML declaration)."""
    diagram = build_diagram(document, graph)
    mxfile = ET.Element("mxfile", host="KubeCanvas", version="24.0.0", type="device")
    page = ET.SubElement(mxfile, "diagram", id="kubecanvas", name=name)
    model = ET.SubElement(page, "mxGraphModel", dx="1200", dy="800", grid="1", gridSize="10",
                          guides="1", tooltips="1", connect="1", arrows="1", fold="1",
                          page="0", pageScale="1", math="0", shadow="0")
    root = ET.SubElement(model, "root")
    ET.SubElement(root, "mxCell", id=_ROOT_ID)
    ET.SubElement(root, "mxCell", {"id": _LAYER_ID, "parent": _ROOT_ID})
    for box in diagram.boxes:
        _add_vertex(root, box)
    for line in diagram.lines:
        _add_edge(root, line)
    ET.indent(mxfile, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(mxfile, "unicode") + "\n"
