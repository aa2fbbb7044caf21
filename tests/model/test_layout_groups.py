"""Applications for the layout: recommended labels first, then wiring, shared resources apart."""

from __future__ import annotations

from typing import Any

from tests.model.test_layout import deployment, res, service

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH, layout_blocks
from kubecanvas.model.layout.groups import SHARED, application_groups, label_key
from kubecanvas.model.resource import Resource


def labelled(kind: str, name: str, labels: dict[str, str], **body: Any) -> Resource:
    item = res(kind, name, **body)
    item.manifest["metadata"]["labels"] = labels
    return item


def test_label_key_prefers_the_recommended_labels_then_app_then_helm() -> None:
    # part-of names a whole system: the application's own name makes the block
    assert label_key(labelled("ConfigMap", "c", {
        "app": "x", "app.kubernetes.io/name": "db", "app.kubernetes.io/part-of": "shop"})) \
        == "app.kubernetes.io/name=db"
    assert label_key(labelled("ConfigMap", "c", {"app.kubernetes.io/part-of": "shop"})) \
        == "app.kubernetes.io/part-of=shop"
    assert label_key(labelled("ConfigMap", "c", {"app": "x", "app.kubernetes.io/name": "db"})) \
        == "app.kubernetes.io/name=db"
    assert label_key(labelled("ConfigMap", "c", {"k8s-app": "dns"})) == "k8s-app=dns"
    helm = res("ConfigMap", "c")
    helm.manifest["metadata"]["annotations"] = {"meta.helm.sh/release-name": "prod"}
    assert label_key(helm) == "release=prod"
    assert label_key(res("ConfigMap", "c")) is None
    # a workload without labels of its own is known by its pods'
    assert label_key(deployment("web", {"app": "web"})) == "app=web"


def _groups(items: list[Resource]) -> dict[tuple[str, str], str]:
    doc = Document(items)
    graph = WiringGraph(doc, subscribe=False)
    adjacent: dict[str, set[str]] = {}
    for u, v in graph.graph.edges():
        if u != v:
            adjacent.setdefault(u, set()).add(v)
            adjacent.setdefault(v, set()).add(u)
    found = application_groups(list(doc), adjacent)
    return {(r.kind, r.name): found[r.id] for r in doc}


def test_unlabelled_resources_join_what_they_are_wired_to_and_shared_ones_stand_apart() -> None:
    items = [deployment(n, {"app": n}) for n in ("a", "b", "c")]
    items += [service("a", {"app": "a"}),  # no labels of its own: joins what it selects
              res("NetworkPolicy", "deny-all", api="networking.k8s.io/v1",
                  spec={"podSelector": {}, "policyTypes": ["Ingress"]}),
              res("ConfigMap", "loose"), res("Secret", "loose")]
    groups = _groups(items)
    assert groups[("Service", "a")] == groups[("Deployment", "a")] == "app=a"
    assert groups[("NetworkPolicy", "deny-all")] == SHARED
    assert groups[("ConfigMap", "loose")] == groups[("Secret", "loose")] == "~unwired"


def test_each_application_is_its_own_block_and_blocks_do_not_overlap() -> None:
    items = []
    for name in ("cart", "shop", "pay"):
        items += [service(name, {"app": name}), deployment(name, {"app": name})]
    doc = Document(items)
    positions, blocks = layout_blocks(doc, WiringGraph(doc, subscribe=False))
    apps = blocks[0].apps
    assert [a.key for a in apps] == ["app=cart", "app=pay", "app=shop"]
    boxes = []
    for app in apps:
        xs = [positions[r][0] for r in app.ids]
        ys = [positions[r][1] for r in app.ids]
        boxes.append((min(xs), min(ys), max(xs) + NODE_WIDTH, max(ys) + NODE_HEIGHT))
        # inside an application the Service and its Deployment sit on one line
        assert len(set(ys)) == 1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
