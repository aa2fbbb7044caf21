"""What an RBAC wire's tooltip says: the rights the role on it grants, rule by rule.

A RoleBinding draws two kinds of wire (`model.rbac`): to the role it grants (`role-ref`) and to
each ServiceAccount it grants that role to (`subject`). Before, only the role's card listed the
role's rules, so reading who may do what meant hovering the wire, then finding the role's card.
Now both wires say it: the role-ref wire for its target, a subject wire for the role its binding
grants. The text is made when the tooltip is about to show (`EdgeItem` refreshes it on hover),
from the document and the wiring graph as they are then, so an edit of the role's rules or of
the binding's `roleRef` never leaves a stale list behind.
"""

from __future__ import annotations

from kubecanvas.model.document import Document
from kubecanvas.model.graph import Edge, WiringGraph
from kubecanvas.model.rbac import is_aggregated, rules
from kubecanvas.model.references import EdgeType
from kubecanvas.ui.i18n import kind_label, tr

RBAC_WIRES = frozenset({EdgeType.ROLE_REF, EdgeType.SUBJECT})


def role_of(edge: Edge, graph: WiringGraph) -> str | None:
    """The graph node of the role an RBAC wire is about (None: not an RBAC wire, or a binding
    whose `roleRef` names nothing that could exist, so it draws no role wire)."""
    if edge.type == EdgeType.ROLE_REF:
        return edge.target
    if edge.type == EdgeType.SUBJECT:
        granted = graph.out_edges(edge.source, EdgeType.ROLE_REF)
        return granted[0].target if granted else None
    return None


def rights_text(edge: Edge, document: Document, graph: WiringGraph) -> str:
    """The tooltip lines on the rights of the role an RBAC wire is about ('' for other wires):
    a heading naming the role, then `resources: verbs` per rule, in the manifest's words."""
    node = role_of(edge, graph)
    if node is None:
        return ""
    role = document.find(node)
    if role is None:  # a stand-in: the role is referred to but not in these files
        data = graph.node_data(node)
        kind, name = kind_label(str(data.get("kind", ""))), str(data.get("name", ""))
        if data.get("provided"):
            return tr("{kind} {name}: the cluster provides it; its rules are not in these "
                      "files").format(kind=kind, name=name)
        return tr("{kind} {name} is not defined in these files: its rules are not known").format(
            kind=kind, name=name)
    lines = [tr("Rights of {kind} {name}:").format(kind=kind_label(role.kind), name=role.name)]
    for what, verbs in rules(role.manifest):
        lines.append(f"  {what or tr('(no resources)')}: {verbs or tr('(no verbs)')}")
    if is_aggregated(role.manifest):
        lines.append("  " + tr("aggregated from other ClusterRoles"))
    elif len(lines) == 1:
        lines.append("  " + tr("(no rules: it allows nothing)"))
    return "\n".join(lines)
