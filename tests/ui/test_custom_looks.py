"""Mapped custom kinds look as their mapping says, in their own API group only."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from kubecanvas.io.kinds_file import parse_kinds, shipped_kinds
from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.card_text import card_kind
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.style import CATEGORY_COLOURS

TWO_GATEWAYS = """\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: api, namespace: web}
spec: {gatewayClassName: istio}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: mesh, namespace: web}
spec: {selector: {istio: ingressgateway}}
"""
GATEWAY_API_COLOUR = "#0b7285"  # resources/kinds/gateway-api.yaml


def _scene(mappings) -> tuple[CanvasScene, dict[str, NodeItem]]:  # type: ignore[no-untyped-def]
    resources = load_text(TWO_GATEWAYS, "app.yaml").resources
    for i, res in enumerate(resources):
        res.position = (i * 2 * NODE_WIDTH, 0.0)
    document = Document(resources)
    document.kind_mappings = mappings
    scene = CanvasScene(document, WiringGraph(document, subscribe=False))
    return scene, {n.name: n for n in scene.nodes.values() if n.kind == "Gateway"}


def _icon_colour(scene: CanvasScene, node: NodeItem) -> str:
    """The colour the card's icon is filled with, as painted (a point of its top edge)."""
    image = QImage(int(NODE_WIDTH), int(NODE_HEIGHT), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT),
                 QRectF(node.pos().x(), node.pos().y(), NODE_WIDTH, NODE_HEIGHT))
    painter.end()
    return image.pixelColor(30, 16).name()


def test_an_istio_gateway_does_not_take_the_gateway_api_look(qtbot) -> None:  # type: ignore[no-untyped-def]
    scene, gateways = _scene(shipped_kinds())
    api, mesh = gateways["api"], gateways["mesh"]
    assert _icon_colour(scene, api) == GATEWAY_API_COLOUR
    # Istio's Gateway is a custom kind no mapping styles: the colour of other kinds, initials
    assert _icon_colour(scene, mesh) == CATEGORY_COLOURS["other"]
    assert _icon_colour(scene, mesh) != _icon_colour(scene, api)


def test_a_mapping_for_the_istio_group_styles_only_istio_gateways(qtbot) -> None:  # type: ignore[no-untyped-def]
    istio = parse_kinds("kinds:\n  - kind: Gateway\n    group: networking.istio.io\n"
                        "    short: IGW\n    colour: '#466bb0'\n", "istio.yaml")
    scene, gateways = _scene(shipped_kinds().merged(istio))
    api, mesh = gateways["api"], gateways["mesh"]
    assert _icon_colour(scene, mesh) == "#466bb0"
    assert _icon_colour(scene, api) == GATEWAY_API_COLOUR
    assert card_kind(mesh.kind, lambda _: True, mesh.api_version) == "IGW"
    assert card_kind(api.kind, lambda _: True, api.api_version) == "Gateway"
    # the card follows an edit of its apiVersion
    mesh.set_content(mesh.kind, mesh.name, mesh.line, mesh.namespace,
                     "gateway.networking.k8s.io/v1")
    assert _icon_colour(scene, mesh) == GATEWAY_API_COLOUR
