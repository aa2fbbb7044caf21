"""Text diagram formats (draw.io, Mermaid) written by the io layer, when it provides them.

The writers live in `kubecanvas.io.drawio` / `kubecanvas.io.mermaid` (`to_drawio(document, graph)`
and `to_mermaid(document, graph)`, both returning text). They are looked up by name so that the
editor and `kubecanvas render` offer exactly the formats this installation has.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph

Writer = Callable[[Document, WiringGraph], str]
DIAGRAM_FORMATS = {".drawio": "draw.io Diagram", ".mmd": "Mermaid Diagram",
                   ".dot": "Graphviz DOT", ".d2": "D2 Diagram"}
_WRITERS = {".drawio": ("kubecanvas.io.drawio", "to_drawio"),
            ".mmd": ("kubecanvas.io.mermaid", "to_mermaid"),
            ".dot": ("kubecanvas.io.dot", "to_dot"),
            ".d2": ("kubecanvas.io.d2", "to_d2")}


def diagram_writer(suffix: str) -> Writer | None:
    """The writer for a suffix, or None when the io layer does not provide it."""
    module_name, function = _WRITERS.get(suffix, ("", ""))
    if not module_name:
        return None
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    writer = getattr(module, function, None)
    return writer if callable(writer) else None


def write_diagram(document: Document, graph: WiringGraph, path: Path) -> Path:
    """Write the document as a text diagram; the suffix picks the format.

    Raises:
        ValueError: the suffix names no available format.
        OSError: the file could not be written.
    """
    writer = diagram_writer(path.suffix.lower())
    if writer is None:
        raise ValueError(f"{path.name}: no writer for {path.suffix or 'files without a suffix'}")
    atomic_write_text(path, writer(document, graph))
    return path
