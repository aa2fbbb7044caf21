"""Layers: which relations a picture draws.

The wiring graph holds every relation the manifests make, but a picture of all of them at once
is a hairball: RBAC bindings and NetworkPolicy traffic are questions of their own ("who may do
what", "who may talk to whom"). Each edge type belongs to one layer; the editor's View menu and
`kubecanvas render --layers` choose the layers drawn. Only the wiring layer is on by default:
it is what the application *is* (routes, selectors, mounts), the other two are views on top,
and turning them on adds wires the default layout does not lay out around.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kubecanvas.model.references import EdgeType


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
