"""The same design routes the same way whatever ids its resources got when it was read.

Resource ids are random per load; some edge keys hold one (a claim template's card binds each
replica's volume by a `bind:<volume id>` edge), and so do the graph's nodes for the claims a
StatefulSet creates (`generated:<owner id>:...`): ordered by those, wires went to swapped ports
and were drawn in another order from one `render` to the next.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.commands.design_files import lay_out

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _routes(text: str) -> list[tuple[str, str, str, tuple[tuple[float, float], ...]]]:
    """Each wire by what it joins (never by ids), with its route, in the order the scene
    made them (the order a picture draws them in)."""
    document = Document(load_text(text, "generated.yaml").resources)
    graph = WiringGraph(document, subscribe=False)
    lay_out(document, graph)
    scene = CanvasScene(document, graph)
    return [(f"{w.source.kind}/{w.source.namespace}/{w.source.name}",
             f"{w.target.kind}/{w.target.namespace}/{w.target.name}",
             w.edge.type, w.route.points if w.route else ())
            for w in scene.edge_items.values()]


def test_two_reads_of_one_design_route_alike(qtbot) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from generate import generate_yaml
    finally:
        sys.path.remove(str(BENCH))
    text = generate_yaml(100)  # within routing.DETOUR_LIMIT: detours and `uncross` too
    first = _routes(text)
    assert any("×" in source for source, *_ in first)  # a claim template's card is drawn
    assert _routes(text) == first
