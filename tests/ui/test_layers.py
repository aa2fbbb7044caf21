"""Layers on the canvas, in View > Layers and in `render --layers`."""

from __future__ import annotations

from pathlib import Path

import yaml

from kubecanvas.model.document import Document
from kubecanvas.model.layers import DEFAULT_LAYERS, Layer, SetLayers
from kubecanvas.model.references import EdgeType
from kubecanvas.model.resource import Resource
from kubecanvas.ui.canvas.legend import add_legend
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.session import Session
from kubecanvas.ui.window.render_cli import main

MANIFESTS = [
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
     "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": {
         "metadata": {"labels": {"app": "web"}},
         "spec": {"serviceAccountName": "web", "containers": [{"name": "c", "image": "x"}]}}}},
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "db"},
     "spec": {"selector": {"matchLabels": {"app": "db"}}, "template": {
         "metadata": {"labels": {"app": "db"}},
         "spec": {"containers": [{"name": "c", "image": "x"}]}}}},
    {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "web"}},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": "read"},
     "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]},
    {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
     "metadata": {"name": "web-read"},
     "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "read"},
     "subjects": [{"kind": "ServiceAccount", "name": "web"}]},
    {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "db"},
     "spec": {"podSelector": {"matchLabels": {"app": "db"}}, "ingress": [
         {"from": [{"podSelector": {"matchLabels": {"app": "web"}}},
                   {"ipBlock": {"cidr": "10.0.0.0/8"}}], "ports": [{"port": 5432}]}]}},
]


def document() -> Document:
    return Document([Resource(m) for m in MANIFESTS])


def drawn_types(scene: CanvasScene) -> set[str]:
    return {item.edge.type for item in scene.edge_items.values()}


def test_the_scene_draws_the_wiring_layer_by_default_and_follows_set_layers(qtbot) -> None:
    session = Session.create(document())
    scene = CanvasScene(session.document, session.graph)
    assert scene.layers == DEFAULT_LAYERS
    assert EdgeType.ROLE_REF not in drawn_types(scene) and EdgeType.TRAFFIC not in drawn_types(
        scene)
    scene.set_layers({Layer.WIRING, Layer.RBAC, Layer.NETWORK})
    assert {EdgeType.ROLE_REF, EdgeType.SUBJECT, EdgeType.TRAFFIC} <= drawn_types(scene)
    ghosts = {node.name: node.ghost for node in scene.nodes.values() if node.ghost}
    assert ghosts == {"10.0.0.0/8": "external"}
    [traffic] = [i for i in scene.edge_items.values() if i.edge.type == EdgeType.TRAFFIC
                 and not i.source.ghost]
    assert (traffic.source.name, traffic.target.name, traffic.edge.label) == ("web", "db", "5432")
    scene.set_layers({Layer.WIRING})
    assert EdgeType.TRAFFIC not in drawn_types(scene)
    assert not any(node.ghost for node in scene.nodes.values())  # the peer went with its wire


def test_the_legend_lists_the_layer_wires_and_the_outside_peer(qtbot) -> None:
    session = Session.create(document())
    scene = CanvasScene(session.document, session.graph, layers=set(Layer))
    legend = add_legend(scene)
    assert legend is not None
    texts = [text for _, text, _ in legend.entries]
    assert {"grants role", "role subject", "may connect",
            "network peer outside the design"} <= set(texts)


def test_set_layers_is_undoable_and_the_scene_follows_the_settings(qtbot) -> None:
    session = Session.create(document())
    scene = CanvasScene(session.document, session.graph)
    session.listen("scene", scene.apply)
    edit = SetLayers(frozenset({Layer.WIRING, Layer.RBAC}))
    edit.apply(session.document)
    assert session.document.settings.view["layers"] == ["wiring", "rbac"]
    assert EdgeType.ROLE_REF in drawn_types(scene)
    edit.revert(session.document)
    assert "layers" not in session.document.settings.view
    assert EdgeType.ROLE_REF not in drawn_types(scene)


def test_view_layers_menu_toggles_one_undo_step(make_window) -> None:
    window = make_window([Resource(m) for m in MANIFESTS])
    action = window.findChild(type(window.actions_by_name["snap"]), "layer_network")
    assert action is not None and not action.isChecked()
    action.trigger()
    assert EdgeType.TRAFFIC in drawn_types(window.scene)
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert EdgeType.TRAFFIC not in drawn_types(window.scene)


def test_render_layers_reach_pictures_and_text_diagrams(qtbot, tmp_path: Path, capsys) -> None:
    source = tmp_path / "app.yaml"
    source.write_text(yaml.safe_dump_all(MANIFESTS))
    plain, layered = tmp_path / "plain.mmd", tmp_path / "layered.mmd"
    assert main([str(source), "-o", str(plain)]) == 0
    assert main([str(source), "-o", str(layered), "--layers", "wiring,rbac,network"]) == 0
    assert "may connect" not in plain.read_text() and "grants role" not in plain.read_text()
    text = layered.read_text()
    assert "traffic 5432" in text and "role ref" in text and "10.0.0.0/8" in text
    svg = tmp_path / "x.svg"
    assert main([str(source), "-o", str(svg), "--layers", "all"]) == 0
    assert "may connect" in svg.read_text()  # the legend names the new wire


def test_render_refuses_an_unknown_layer(qtbot, tmp_path: Path, capsys) -> None:
    try:
        code = main(["x.yaml", "-o", str(tmp_path / "x.png"), "--layers", "wiring,rabc"])
    except SystemExit as stop:
        code = int(stop.code or 0)
    assert code == 2
    assert "unknown layer rabc: choose from wiring, rbac, network" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


WIDGET_APP = ("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
              "spec: {configRef: settings}\n---\n"
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n")
WIDGETS = "kinds:\n  - kind: Widget\n    colour: '#123456'\n    icon: Secret\n" \
          "    references:\n      - field: spec.configRef\n        kind: ConfigMap\n"


def test_render_kinds_file_draws_the_mapped_wire(qtbot, tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(WIDGET_APP)
    (tmp_path / "widgets.yaml").write_text(WIDGETS)
    out = tmp_path / "x.mmd"
    assert main([str(tmp_path / "app.yaml"), "-o", str(out)]) == 0
    assert "refers" not in out.read_text()
    assert main([str(tmp_path / "app.yaml"), "-o", str(out), "--kinds",
                 str(tmp_path / "widgets.yaml")]) == 0
    assert "refers" in out.read_text()


def test_render_refuses_a_bad_kinds_file_naming_its_line(qtbot, tmp_path: Path, capsys) -> None:
    (tmp_path / "app.yaml").write_text(WIDGET_APP)
    (tmp_path / "widgets.yaml").write_text(WIDGETS.replace("'#123456'", "teal"))
    assert main([str(tmp_path / "app.yaml"), "-o", str(tmp_path / "x.png"), "--kinds",
                 str(tmp_path / "widgets.yaml")]) == 2
    assert "widgets.yaml:3: kinds[0].colour: expected a colour" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_the_editor_reads_the_projects_kinds_file_and_styles_the_cards(qtbot,
                                                                       tmp_path: Path) -> None:
    from kubecanvas.ui.canvas.style import kind_colour
    from kubecanvas.ui.commands import design_files

    (tmp_path / "app.yaml").write_text(WIDGET_APP)
    (tmp_path / ".kubecanvas").mkdir()
    (tmp_path / ".kubecanvas" / "kinds.yaml").write_text(WIDGETS)
    session = design_files.open_paths([tmp_path])
    scene = CanvasScene(session.document, session.graph)
    assert {i.edge.type for i in scene.edge_items.values()} == {EdgeType.REFERS}
    assert kind_colour("Widget").name() == "#123456"
    (tmp_path / ".kubecanvas" / "kinds.yaml").write_text("kinds: {")
    broken = design_files.open_paths([tmp_path])  # the design opens; the problem is listed
    assert len(broken.document) == 2
    assert any("kinds.yaml:" in str(p) and "not valid YAML" in str(p)
               for p in broken.load_problems)
