"""Claim templates instead of a card per replica, and a cluster class drawn once per block."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QMouseEvent
from tests.ui.gestures import send_mouse

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas.scene import CanvasScene
from kubecanvas.ui.canvas.stand_ins import StandInItem, set_claims_per_replica
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.session import Session

STATEFUL = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis}
spec:
  serviceName: redis
  replicas: 3
  selector: {matchLabels: {app: redis}}
  template:
    metadata: {labels: {app: redis}}
    spec:
      containers:
      - name: redis
        image: redis:7
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: fast
      resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-0}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  claimRef: {namespace: default, name: data-redis-0}
  hostPath: {path: /srv/0}
"""


def _scene(text: str, per_replica: bool = False) -> tuple[CanvasScene, Session]:
    session = Session.create(Document(load_text(text, "app.yaml").resources))
    design_files.lay_out(session.document, session.graph)
    return CanvasScene(session.document, session.graph, claims_per_replica=per_replica), session


def _claims(scene: CanvasScene) -> list[str]:
    return sorted(n.name for n in scene.nodes.values() if n.kind == "PersistentVolumeClaim")


def test_a_claim_template_is_one_card_with_the_replica_count(qtbot) -> None:
    scene, _ = _scene(STATEFUL)
    assert _claims(scene) == ["data ×3"]
    card = next(n for n in scene.nodes.values() if n.kind == "PersistentVolumeClaim")
    ends = {(i.source.kind, i.target.kind, i.edge.type) for i in scene.edge_items.values()
            if card in (i.source, i.target)}
    # from the StatefulSet that creates it; to the volume one of its claims binds, which
    # reserves it back
    assert ends == {("StatefulSet", "PersistentVolumeClaim", "creates"),
                    ("PersistentVolumeClaim", "PersistentVolume", "binds"),
                    ("PersistentVolume", "PersistentVolumeClaim", "reserves")}
    assert "data-redis-0" in card.toolTip() and "data-redis-2" in card.toolTip()
    creates = next(i for i in scene.edge_items.values() if i.edge.type == "creates")
    assert creates.edge.label == "data"  # the template's name, not its first claim's


def test_claims_per_replica_is_a_toggle_both_ways(qtbot) -> None:
    scene, _ = _scene(STATEFUL)
    set_claims_per_replica(scene, True)
    assert _claims(scene) == ["data-redis-0", "data-redis-1", "data-redis-2"]
    assert sum(1 for i in scene.edge_items.values() if i.edge.type == "creates") == 3
    set_claims_per_replica(scene, False)
    assert _claims(scene) == ["data ×3"]
    built, _ = _scene(STATEFUL, per_replica=True)
    assert _claims(built) == ["data-redis-0", "data-redis-1", "data-redis-2"]


def test_findings_about_the_template_badge_its_card(qtbot) -> None:
    # no volume of class "slow" and no StorageClass to provision one: every claim stays Pending
    scene, session = _scene(STATEFUL.replace("storageClassName: fast", "storageClassName: slow"))
    found = [f for f in session.validator.findings if f.path[:2] == ("spec", "volumeClaimTemplates")]
    assert found, [f.rule for f in session.validator.findings]
    scene.set_findings(session.validator.findings)
    card = next(n for n in scene.nodes.values() if n.kind == "PersistentVolumeClaim")
    assert card.badge is not None and card.badge[0] == len(found)
    scene.set_findings([])
    assert card.badge is None


TWO_APPS = "---\n".join(f"""\
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {{name: {app}-data, labels: {{app: {app}}}}}
spec: {{storageClassName: manual, accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Gi}}}}}}
""" for app in "abcd")  # four applications: more than HUB_BLOCKS


def _classes(scene: CanvasScene) -> list[StandInItem]:
    return [n for n in scene.nodes.values() if isinstance(n, StandInItem)
            and n.kind == "StorageClass"]


def test_a_class_the_cluster_provides_is_drawn_once_per_block(qtbot) -> None:
    scene, _ = _scene(TWO_APPS)
    cards = _classes(scene)
    assert [c.name for c in cards] == ["manual"] * 4
    assert all(c.ghost == "provided" and len(c.edges) == 1 for c in cards)
    assert {next(iter(c.edges)).source.name for c in cards} == {f"{a}-data" for a in "abcd"}
    assert "the cluster provides it" in cards[0].toolTip()


def test_selecting_one_class_card_outlines_its_siblings(qtbot, make_window) -> None:
    window = make_window(Document(load_text(TWO_APPS, "app.yaml").resources))
    scene, view = window.scene, window.view
    first, *others = sorted(_classes(scene), key=lambda c: (c.pos().y(), c.pos().x()))
    view.centerOn(first.center())
    at = view.mapFromScene(first.pos() + QPoint(int(NODE_WIDTH / 2), int(NODE_HEIGHT / 2)))
    ev = QMouseEvent.Type
    send_mouse(view.viewport(), ev.MouseButtonPress, at)
    send_mouse(view.viewport(), ev.MouseButtonRelease, at, buttons=Qt.MouseButton.NoButton)
    assert first.isSelected()
    assert all(o.sibling_lit for o in others) and not first.sibling_lit
    assert window.selected_ids() == []  # a stand-in is no resource to edit or delete
    scene.clearSelection()
    assert not any(o.sibling_lit for o in others)


def _claims_of_apps(*apps: tuple[str, str]) -> str:
    return "---\n".join(f"""\
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {{namespace: {ns}, name: {app}-data, labels: {{app: {app}}}}}
spec: {{storageClassName: manual, accessModes: [ReadWriteOnce], resources: {{requests: {{storage: 1Gi}}}}}}
""" for ns, app in apps) + """\
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: manual}
provisioner: kubernetes.io/no-provisioner
"""


def test_a_defined_class_many_blocks_use_gets_a_card_in_each(qtbot) -> None:
    apps = [("default", "a"), ("other", "b"), ("third", "c"), ("fourth", "d")]
    scene, session = _scene(_claims_of_apps(*apps))
    real = next(n for n in scene.nodes.values() if n.kind == "StorageClass" and not n.ghost)
    proxies = _classes(scene)
    # the class sits under one frame; each application block that names it gets a card
    # standing for it, wired there
    assert len(proxies) == 4 and all(p.base == real.rid for p in proxies)
    assert {next(iter(c.edges)).source.name for c in proxies} == {f"{a}-data" for _, a in apps}
    assert {p.namespace for p in proxies} == {ns for ns, _ in apps}
    assert "defined in these files" in proxies[0].toolTip()
    # the same graph: only where the wires end changes
    assert len(list(session.graph.in_edges(real.rid))) == 4


def test_a_class_few_blocks_use_keeps_one_card(qtbot) -> None:
    scene, _ = _scene(_claims_of_apps(("default", "a"), ("other", "b")))
    assert _classes(scene) == []
    real = next(n for n in scene.nodes.values() if n.kind == "StorageClass")
    assert len(real.edges) == 2
    scene, _ = _scene(TWO_APPS.split("---")[0])  # one application, a class it does not define
    assert [(n.ghost, n.rid.startswith("missing:")) for n in scene.nodes.values()
            if n.kind == "StorageClass"] == [("provided", True)]


def test_the_1000_resource_design_has_no_class_hub(qtbot) -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from generate import generate_yaml

    document = Document(load_text(generate_yaml(400, 3), "g.yaml").resources)
    graph = WiringGraph(document)
    design_files.lay_out(document, graph)
    scene = CanvasScene(document, graph)
    blocks = scene.stand_ins.block_of
    classes = [n for n in scene.nodes.values() if n.kind in ("StorageClass", "IngressClass")]
    assert len(classes) > 20
    for card in classes:  # every card's wires come from one block (was: the whole design)
        sources = {blocks(e.source.rid) for e in card.edges}
        assert len(sources) <= 1, (card.name, sources)


def test_render_draws_templates_unless_asked_for_replicas(qtbot, tmp_path) -> None:
    from kubecanvas.ui.window.render_cli import main

    source = tmp_path / "redis.yaml"
    source.write_text(STATEFUL)
    for flags, expected, absent in (([], "data ×3", "data-redis-1"),
                                    (["--replicas"], "data-redis-1", "data ×3")):
        out = tmp_path / f"r{len(flags)}.svg"
        assert main([str(source), "-o", str(out), *flags]) == 0
        text = out.read_text()
        assert expected in text and absent not in text
