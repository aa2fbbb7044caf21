"""The same input gives the same findings, exports and choices, whatever the resources' ids, the
order they were read or drawn in, and the hash seed (issue 11)."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.io.drawio import to_drawio
from kubecanvas.io.mermaid import to_mermaid
from kubecanvas.io.yaml_dialect import dump_document
from kubecanvas.io.yaml_out import apply_order, dump_resources, folder_file_names
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import auto_layout
from kubecanvas.model.resource import Manifest, Origin, Resource
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.output import to_json

from .docs import configmap, container, deployment, service

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def namespace(name: str, **labels: str) -> Manifest:
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": name, **({"labels": labels} if labels else {})}}


def pod(name: str, ns: str, claim: str) -> Manifest:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": ns},
            "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}],
                     "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": claim}}]}}


#: A design like sock-shop's: its Namespace defined twice (once first, once last), a Pod defined
#: three times with different claims, a ConfigMap twice with different keys.
FILES: dict[str, list[Manifest]] = {
    "a-namespace.yaml": [namespace("shop")],
    "b-apps.yaml": [deployment("web", ns="shop", containers=[container(env=[{
                        "name": "A", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "a"}}}])]),
                    service("web", ns="shop"),
                    configmap("cfg", ns="shop", data={"a": "1"}), pod("p", "shop", "one"),
                    pod("p", "shop", "two")],
    "c-more.yaml": [configmap("cfg", ns="shop", data={"b": "2"}), pod("p", "shop", "three"),
                    namespace("shop", team="x")],
}


def resources_from(files: dict[str, list[Manifest]]) -> list[Resource]:
    out = []
    for file, manifests in files.items():
        for n, manifest in enumerate(manifests):
            out.append(Resource(copy.deepcopy(manifest), origin=Origin(file, 1 + 20 * n, 1, n)))
    return out


def outputs(resources: list[Resource]) -> tuple[str, ...]:
    document = Document(resources)
    graph = WiringGraph(document, subscribe=False)
    with document.batch():
        for rid, position in auto_layout(document, graph).items():
            document.move(rid, position)
    findings = validate_document(document)
    ordered = apply_order(document)
    return (to_json(document, findings), dump_resources(document),
            " ".join(folder_file_names(ordered)), to_mermaid(document, graph),
            to_drawio(document, graph))


REFERENCE = outputs(resources_from(FILES))


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False), st.booleans())
def test_findings_and_exports_ignore_ids_and_input_order(rnd, from_editor):
    resources = resources_from(FILES)
    if from_editor:  # drawn in the editor: no file, so no line to order by
        for res in resources:
            res.origin = None
    expected = outputs(resources_from(FILES)) if not from_editor else outputs(
        [Resource(copy.deepcopy(r.manifest)) for r in resources])
    ids = [f"{n:02d}" for n in range(len(resources))]
    rnd.shuffle(ids)
    for res, rid in zip(resources, ids, strict=True):
        res.id = rid
    rnd.shuffle(resources)
    assert outputs(resources) == expected


def test_the_kept_definition_is_the_last_one_kubectl_applies():
    findings = validate_document(Document(resources_from(FILES)))
    # the ConfigMap kubectl keeps (c-more.yaml) has key b only: the env ref to key a is broken
    [missing_key] = [f for f in findings if f.rule == "ref.key.missing"]
    assert "'a'" in str(missing_key.message)
    kept_pod_findings = [f for f in findings if f.rule == "ref.missing"]
    # only the kept Pod (claim "three") is judged: one missing claim, not three
    assert [str(f.message).count("three") for f in kept_pod_findings] == [1]
    duplicate_texts = [str(f.message) for f in findings if f.rule == "resource.duplicate"]
    assert any("keeps this one, the last" in text for text in duplicate_texts)
    assert any("overwrites this one with the last definition at c-more.yaml:41" in text
               for text in duplicate_texts)


def test_apply_order_is_one_finding_per_namespace_and_none_on_a_project():
    files = {"a.yaml": [deployment("web", ns="shop"), service("web", ns="shop"),
                        configmap("cfg", ns="shop")],
             "b.yaml": [namespace("shop")]}
    document = Document(resources_from(files))
    [finding] = [f for f in validate_document(document) if f.rule == "apply.order"]
    assert finding.resource_id == next(r.id for r in document if r.kind == "Namespace")
    assert "defined after the 3 resources that live in it" in str(finding.message)
    assert len(finding.related) == 3
    document.ordered_by_export = True  # a project: its export orders the Namespace first
    assert not [f for f in validate_document(document) if f.rule == "apply.order"]


def test_a_namespace_defined_first_and_last_is_in_order():
    """It exists from its first definition on, so nothing after that is rejected."""
    document = Document(resources_from(FILES))
    assert not [f for f in validate_document(document) if f.rule == "apply.order"]


def test_validate_gives_the_same_output_under_two_hash_seeds(tmp_path):
    for name, manifests in FILES.items():
        (tmp_path / name).write_text("---\n".join(dump_document(m) for m in manifests))
    runs = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-m", "kubecanvas", "validate", str(tmp_path), "--format", "json"],
            capture_output=True, text=True, env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin"})
        runs.add(result.stdout)
    assert len(runs) == 1 and '"rule"' in runs.pop()


def test_importing_the_same_files_writes_the_same_project(tmp_path):
    """Project files are a pure function of the input: ids come from the canonical order."""
    for name, manifests in FILES.items():
        (tmp_path / name).write_text("---\n".join(dump_document(m) for m in manifests))
    written = []
    for seed in ("1", "2"):
        out = tmp_path / f"p{seed}.kcanvas"
        subprocess.run([sys.executable, "-m", "kubecanvas", "import", str(tmp_path), "-o",
                        str(out)], capture_output=True, env={"PYTHONHASHSEED": seed,
                                                             "PATH": "/usr/bin"}, check=True)
        written.append(out.read_bytes())
    assert written[0] == written[1]


def test_render_draws_the_same_picture_under_two_hash_seeds(corpus, tmp_path):
    app = corpus / "gcp-microservices-demo" / "online-boutique"
    pictures = set()
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.svg"
        subprocess.run([sys.executable, "-m", "kubecanvas", "render", str(app), "-o", str(out)],
                       capture_output=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin",
                            "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
        pictures.add(out.read_bytes())
    assert len(pictures) == 1
