"""RBAC wires say in their own tooltip what the role on them allows, in both languages, as the
role is now."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from kubecanvas.model.edits import SetField
from kubecanvas.model.layers import Layer, SetLayers
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.commands.undo import push_edit
from kubecanvas.ui.window.main_window import MainWindow

RBAC = "rbac.authorization.k8s.io/v1"
MANIFESTS = [
    {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web"}},
    {"apiVersion": RBAC, "kind": "Role", "metadata": {"name": "read"},
     "rules": [{"apiGroups": [""], "resources": ["pods", "services"],
                "verbs": ["get", "list"]},
               {"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["watch"]}]},
    {"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": "web-read"},
     "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "read"},
     "subjects": [{"kind": "ServiceAccount", "name": "web"}]},
    {"apiVersion": RBAC, "kind": "ClusterRoleBinding", "metadata": {"name": "web-admin"},
     "roleRef": {"apiGroup": RBAC, "kind": "ClusterRole", "name": "cluster-admin"},
     "subjects": [{"kind": "ServiceAccount", "name": "web", "namespace": "default"}]},
    {"apiVersion": RBAC, "kind": "RoleBinding", "metadata": {"name": "web-gone"},
     "roleRef": {"apiGroup": RBAC, "kind": "Role", "name": "gone"}},
]


def _window(make_window) -> MainWindow:  # type: ignore[no-untyped-def]
    resources = [Resource(m) for m in MANIFESTS]
    for i, res in enumerate(resources):
        res.position = (float(i % 3) * 400, float(i // 3) * 400)
    window = make_window(resources)
    push_edit(window.undo_stack, window.session.document,
              SetLayers(frozenset({Layer.WIRING, Layer.RBAC})))
    return window


def _wire(window: MainWindow, type_: str, binding: str) -> EdgeItem:
    [item] = [i for i in window.scene.edge_items.values()
              if i.edge.type == type_ and i.source.name == binding]
    return item


def _shown_tooltip(window: MainWindow, item: EdgeItem) -> str:
    """Move the mouse onto the wire and ask for the tooltip, as a resting pointer does."""
    view = window.view
    view.centerOn(item.mapToScene(item.path().pointAtPercent(0.5)))
    pos = view.mapFromScene(item.mapToScene(item.path().pointAtPercent(0.5)))
    viewport = view.viewport()
    QApplication.sendEvent(viewport, QMouseEvent(
        QEvent.Type.MouseMove, pos, viewport.mapToGlobal(pos), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, pos,
                                                viewport.mapToGlobal(pos)))
    text = QToolTip.text()
    QToolTip.hideText()
    return text


def test_both_wires_of_a_binding_list_the_roles_rules(make_window) -> None:  # type: ignore[no-untyped-def]
    window = _window(make_window)
    rules = "Rights of Role read:\n  pods, services: get, list\n  deployments.apps: watch"
    for type_ in (EdgeType.ROLE_REF, EdgeType.SUBJECT):
        assert rules in _wire(window, type_, "web-read").toolTip()
    assert "web-read" not in rules and "cluster-admin" not in \
        _wire(window, EdgeType.SUBJECT, "web-read").toolTip()
    # a role the cluster makes, and one nobody defined: no rules to list, and it says why
    admin = _wire(window, EdgeType.ROLE_REF, "web-admin").toolTip()
    assert "ClusterRole cluster-admin: the cluster provides it" in admin
    assert "the cluster provides it" in _wire(window, EdgeType.SUBJECT, "web-admin").toolTip()
    assert "Role gone is not defined in these files" in \
        _wire(window, EdgeType.ROLE_REF, "web-gone").toolTip()
    # other wires say nothing of rights
    assert all("Rights of" not in i.toolTip() for i in window.scene.edge_items.values()
               if i.edge.type not in (EdgeType.ROLE_REF, EdgeType.SUBJECT))


def test_the_tooltip_shown_follows_an_edit_of_the_role(make_window) -> None:  # type: ignore[no-untyped-def]
    window = _window(make_window)
    subject = _wire(window, EdgeType.SUBJECT, "web-read")
    assert "pods, services: get, list" in _shown_tooltip(window, subject)
    [role] = window.session.document.by_kind("Role")
    push_edit(window.undo_stack, window.session.document, SetField(
        role.id, ("rules",), [{"apiGroups": [""], "resources": ["secrets"], "verbs": []}]))
    subject = _wire(window, EdgeType.SUBJECT, "web-read")
    shown = _shown_tooltip(window, subject)
    assert "Rights of Role read:\n  secrets: (no verbs)\n" in shown
    assert "pods" not in shown


def test_the_rights_are_korean_in_korean(make_window) -> None:  # type: ignore[no-untyped-def]
    window = _window(make_window)
    window.set_language("ko")
    try:
        tip = _wire(window, EdgeType.ROLE_REF, "web-read").toolTip()
        assert "Role read의 권한:\n  pods, services: get, list" in tip
        assert "클러스터가 제공하므로" in _wire(window, EdgeType.ROLE_REF, "web-admin").toolTip()
        assert "Rights of" not in tip and not i18n.MISSING
    finally:
        i18n.set_language("en")
        i18n.MISSING.clear()
