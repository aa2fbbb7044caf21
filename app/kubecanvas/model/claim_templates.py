"""A StatefulSet's claims drawn as their template: `data ×3` instead of `data-web-0`, `-1`, `-2`.

The wiring graph keeps one node per claim a StatefulSet creates (the binding simulation and the
validator need each); pictures draw the claims of one `volumeClaimTemplate` as one box, named
after the template with the replica count. The canvas (`ui/canvas/stand_ins.py`) and the
diagram writers (`io/diagram.py`) share these two functions, so a DOT or draw.io export has the
boxes the canvas has.
"""

from __future__ import annotations

from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import get_path, replicas
from kubecanvas.model.references import Reference

PREFIX = "template:"


def template_node(graph: WiringGraph, node: str) -> str | None:
    """The template box a generated claim `node` is drawn as (None for any other node)."""
    if not node.startswith("generated:"):
        return None
    data = graph.node_data(node)
    ref = data.get("reference")
    index = ref.get("template") if isinstance(ref, Reference) else None
    if data.get("kind") != "PersistentVolumeClaim" or not isinstance(index, int):
        return None
    return f"{PREFIX}{data['owner']}:{index}"


def template_title(graph: WiringGraph, template: str) -> tuple[str, str, int]:
    """(template name, owner id, replica count) of a template box id."""
    owner_id, index = template.removeprefix(PREFIX).rsplit(":", 1)
    owner = graph.document.find(owner_id)
    if owner is None:
        return "", owner_id, 0
    name = get_path(owner.manifest, ("spec", "volumeClaimTemplates", int(index), "metadata",
                                     "name"))
    return (name if isinstance(name, str) else ""), owner_id, replicas(owner)
