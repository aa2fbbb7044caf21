"""View > Layers: which relations the canvas draws (wiring, RBAC, NetworkPolicy traffic).

Each layer is a checkable action. Toggling one pushes `SetLayers`, an undoable change of the
project's view settings (saved with the project, like its presentation views); the scene follows
the settings change (`CanvasScene.apply`), so undo and opening another design update the wires
and the check marks alike. It needs only a narrow part of the window (`LayersHost`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from kubecanvas.model.layers import ALL_LAYERS, Layer, SetLayers, document_layers
from kubecanvas.ui.i18n import N_, tr

if TYPE_CHECKING:
    from kubecanvas.ui.commands.editing import Editor
    from kubecanvas.ui.session import Session

#: each layer's menu text and status tip (translated when the menu is retranslated)
LAYER_TEXTS: dict[Layer, tuple[str, str]] = {
    Layer.WIRING: (N_("&Wiring"), N_("Routes, selectors, mounts, env and the other references "
                                     "the manifests make")),
    Layer.RBAC: (N_("&RBAC Permissions"), N_("RoleBinding and ClusterRoleBinding: the role each grants and "
                                 "the ServiceAccounts it grants it to")),
    Layer.NETWORK: (N_("&Network Traffic"), N_("NetworkPolicy: which workloads (or outside "
                                                "peers) may connect to which, on which ports")),
}


class LayersHost(Protocol):
    """What this module uses of the window."""

    session: Session | None
    editor: Editor


def layer_actions(host: LayersHost, menu: QMenu) -> dict[Layer, QAction]:
    """Fill `menu` with one checkable action per layer; their marks follow the session's
    document each time the menu opens."""
    actions: dict[Layer, QAction] = {}
    for layer in ALL_LAYERS:
        text, tip = LAYER_TEXTS[layer]
        action = QAction(menu, checkable=True)
        action.setText(tr(text))
        action.setStatusTip(tr(tip))
        action.setProperty("source_text", text)
        action.setProperty("source_tip", tip)
        action.setObjectName(f"layer_{layer.value}")
        # the action's own check state: PySide does not hand `checked` to a partial
        action.triggered.connect(partial(_triggered, host, layer, action))
        menu.addAction(action)
        actions[layer] = action
    menu.aboutToShow.connect(partial(sync_checks, host, actions))
    sync_checks(host, actions)
    return actions


def sync_checks(host: LayersHost, actions: dict[Layer, QAction]) -> None:
    """Check the actions of the layers the current design draws."""
    shown = document_layers(host.session.document) if host.session is not None else frozenset()
    for layer, action in actions.items():
        action.setChecked(layer in shown)


def _triggered(host: LayersHost, layer: Layer, action: QAction) -> None:
    toggle_layer(host, layer, action.isChecked())


def toggle_layer(host: LayersHost, layer: Layer, on: bool) -> None:
    """Turn one layer on or off: one undo step, saved with the project."""
    if host.session is None:
        return
    shown = set(document_layers(host.session.document))
    wanted = shown | {layer} if on else shown - {layer}
    if wanted != shown:
        host.editor.push(SetLayers(frozenset(wanted)))
