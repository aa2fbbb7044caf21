"""`layout_keys` (the blocks a layout made, read back) is `block_keys` (the grouping worked out
again) for every design a render lays out: each corpus application, generated designs, and
designs with a Namespace resource that has a frame or none."""

from __future__ import annotations

import sys
from pathlib import Path

from kubecanvas.io.yaml_in import load_paths, load_text
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import layout_blocks
from kubecanvas.model.layout.membership import BlockKey, block_keys, layout_keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from generate import generate_yaml  # noqa: E402


def _keys(document: Document) -> tuple[dict[str, BlockKey] | None, dict[str, BlockKey]]:
    graph = WiringGraph(document, subscribe=False)
    _, blocks = layout_blocks(document, graph, keep_pinned=False)
    return layout_keys(document, blocks), block_keys(document, graph)


def test_every_corpus_application_s_layout_keys_are_its_block_keys(corpus: Path) -> None:
    apps = sorted({line.split("\t")[0] for line in
                   (corpus / "INDEX.tsv").read_text("utf-8").splitlines()[1:] if line})
    read = 0
    for app in apps:
        resources = load_paths([corpus / app]).resources
        if not resources:
            continue
        from_layout, again = _keys(Document(resources))
        assert from_layout is None or from_layout == again, app
        read += from_layout is not None
    assert read >= 40


def test_generated_designs_layout_keys_are_their_block_keys() -> None:
    for size in (200, 1000):
        from_layout, again = _keys(Document(load_text(generate_yaml(size), "g.yaml").resources))
        assert from_layout == again


NAMESPACE = """apiVersion: v1
kind: Namespace
metadata: {name: %s}
---
"""
APP = """apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop, labels: {app: web}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: disk}
spec: {storageClassName: fast, capacity: {storage: 1Gi}}
"""


def test_a_framed_namespace_is_its_frame_and_an_unframed_one_is_left_to_block_keys() -> None:
    framed, again = _keys(Document(load_text(NAMESPACE % "shop" + APP, "a.yaml").resources))
    assert framed == again
    assert BlockKey("shop", "") in framed.values()
    unframed, _ = _keys(Document(load_text(NAMESPACE % "empty" + APP, "b.yaml").resources))
    assert unframed is None
