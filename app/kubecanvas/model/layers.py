"""Layers: which relations a picture draws.

The wiring graph holds every relation the manifests make, but a picture of all of them at once
is a hairball: RBAC bindings and NetworkPolicy traffic are questions of their own ("who may do
what", "who may talk to whom"). Each edge type belongs to one layer; the editor's View menu and
`kubecanvas render --layers` choose the layers drawn. Only the wiring layer is on by default:
it is what the application *is* (routes, selectors, mounts), the other two are views on top,
and turning them on adds wires the default layout does not lay out around.

The layers drawn are view state of the project (`settings.view["layers"]`, saved with it like
the presentation views); the editor changes them with the undoable `SetLayers`, and `render
--layers` overrides them for one picture.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kubecanvas.model.document import Document
from kubecanvas.model.edits import UndoRecord
from kubecanvas.model.record import field, record
from kubecanvas.model.references import EdgeType
from kubecanvas.model.text import Text


class Layer(StrEnum):
    """A group of edge types drawn or hidden together."""

    WIRING = "wiring"
    RBAC = "rbac"
    NETWORK = "network"


#: every layer, in the order menus and help texts list them
ALL_LAYERS: tuple[Layer, ...] = (Layer.WIRING, Layer.RBAC, Layer.NETWORK)
DEFAULT_LAYERS: frozenset[Layer] = frozenset({Layer.WIRING})

_LAYER_OF_TYPE: dict[str, Layer] = {
    EdgeType.ROLE_REF: Layer.RBAC,
    EdgeType.SUBJECT: Layer.RBAC,
    EdgeType.TRAFFIC: Layer.NETWORK,
}


def layer_of(edge_type: str) -> Layer:
    """The layer an edge type is drawn on (wiring for every type not listed elsewhere)."""
    return _LAYER_OF_TYPE.get(edge_type, Layer.WIRING)


def is_shown(edge_type: str, layers: Iterable[str]) -> bool:
    """True when an edge of `edge_type` is drawn with `layers` on."""
    return layer_of(edge_type) in set(layers)


def parse_layers(text: str) -> frozenset[Layer]:
    """`"wiring,rbac"` -> the layers named; `all` names every layer.

    Raises:
        ValueError: a name that is no layer (the message lists the valid ones).
    """
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if names == ["all"]:
        return frozenset(ALL_LAYERS)
    unknown = [n for n in names if n not in {layer.value for layer in ALL_LAYERS}]
    if unknown or not names:
        valid = ", ".join(layer.value for layer in ALL_LAYERS)
        shown = ", ".join(unknown) if unknown else "(none)"
        raise ValueError(f"unknown layer {shown}: choose from {valid} (comma-separated) or all")
    return frozenset(Layer(n) for n in names)


def layer_names(layers: Iterable[str]) -> list[str]:
    """The layers as sorted plain strings, in `ALL_LAYERS` order (for saving view state)."""
    chosen = set(layers)
    return [layer.value for layer in ALL_LAYERS if layer in chosen]


#: where the project keeps the layers drawn (`ProjectSettings.view`)
VIEW_KEY = "layers"


def document_layers(document: Document) -> frozenset[Layer]:
    """The layers a document's pictures draw: its saved choice (unknown names ignored, so a
    newer project opens), else `DEFAULT_LAYERS`."""
    saved = document.settings.view.get(VIEW_KEY)
    if not isinstance(saved, list):
        return DEFAULT_LAYERS
    return frozenset(Layer(n) for n in saved if n in {layer.value for layer in ALL_LAYERS})


@record
class SetLayers:
    """Draw exactly `layers` (an undoable change of the project's view settings)."""

    layers: frozenset[str]
    description: str = ""
    _undo: UndoRecord = field(default_factory=UndoRecord, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.description:
            shown = ", ".join(layer_names(self.layers)) or "none"
            self.description = Text(f"Show layers: {shown}", f"레이어 표시: {shown}")

    def apply(self, doc: Document) -> None:
        self._undo.append(doc.settings.view.get(VIEW_KEY))
        doc.settings.view[VIEW_KEY] = layer_names(self.layers)
        doc.touch_settings()

    def revert(self, doc: Document) -> None:
        before = self._undo.pop_latest()
        if before is None:
            doc.settings.view.pop(VIEW_KEY, None)
        else:
            doc.settings.view[VIEW_KEY] = before
        doc.touch_settings()
