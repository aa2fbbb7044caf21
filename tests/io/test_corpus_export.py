"""Every application of the shared corpus exports to a file and to a folder that build and apply:
the folder through `kubectl kustomize` (as `kubectl apply -k` reads it), both through
kubernetes_validate, with no failure the source did not already have (issue 11)."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
import yaml

from kubecanvas.io import load_paths
from kubecanvas.io.yaml_out import applied_objects, apply_order, dump_resources, write_folder
from kubecanvas.validation.versions import default_kube_version


def _apps(corpus: Path) -> list[str]:
    lines = (corpus / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return sorted({line.split("\t")[0] for line in lines if line.strip()}
                  - {a for a in (line.split("\t")[0] for line in lines) if "malformed" in a})


def _key(manifest: dict) -> tuple[str, str, str]:
    meta = manifest.get("metadata") or {}
    return str(manifest.get("kind")), str(meta.get("namespace", "")), str(meta.get("name"))


def _schema_failures(manifests: list[dict], version: str) -> set[tuple[str, str, str]]:
    import kubernetes_validate
    from kubernetes_validate.utils import SchemaNotFoundError

    failed = set()
    for manifest in manifests:
        key = _key(manifest)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                kubernetes_validate.validate(manifest, version, strict=True)
        except SchemaNotFoundError:
            continue
        except kubernetes_validate.ValidationError:
            failed.add(key)
    return failed


def test_every_corpus_app_exports_to_a_file_and_a_folder_that_build(corpus, tmp_path):
    pytest.importorskip("kubernetes_validate")
    kubectl = shutil.which("kubectl")
    version = default_kube_version()
    built = 0
    for app in _apps(corpus):
        resources = load_paths([corpus / app]).resources
        kept, _ = applied_objects(resources)
        expected = [r.manifest for r in apply_order(kept)]
        exported = [d for d in yaml.safe_load_all(dump_resources(kept)) if d]
        assert exported == expected, app  # nothing lost, nothing changed, apply order
        # what fails the API schemas after export failed before it: the data is the same
        failing = _schema_failures(exported, version)
        assert failing == _schema_failures(
            [m for m in expected if _key(m) in failing], version), app
        folder = tmp_path / app.replace("/", "_")
        write_folder(resources, folder)  # duplicates included: the folder holds the kept ones
        if kubectl is None:
            continue
        result = subprocess.run([kubectl, "kustomize", str(folder)], capture_output=True,
                                text=True, timeout=60)
        assert result.returncode == 0, (app, result.stderr)
        rendered = [d for d in yaml.safe_load_all(result.stdout) if d]
        assert sorted(map(_key, rendered)) == sorted(map(_key, expected)), app
        built += 1
    if kubectl is not None:
        assert built >= 50


def test_a_duplicated_object_is_exported_once_as_its_last_definition(tmp_path):
    from kubecanvas.model.resource import Origin, Resource

    def pod(image: str, file: str) -> Resource:
        return Resource({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                         "spec": {"containers": [{"name": "c", "image": image}]}},
                        origin=Origin(file, 1))

    resources = [pod("b:1", "b.yaml"), pod("c:1", "c.yaml"), pod("a:1", "a.yaml")]
    kept, overwritten = applied_objects(resources)
    assert [r.spec["containers"][0]["image"] for r in kept] == ["c:1"]
    assert len(overwritten) == 2
    written = write_folder(resources, tmp_path / "out")
    assert [p.name for p in written] == ["pod-p.yaml", "kustomization.yaml"]
    if shutil.which("kubectl"):
        result = subprocess.run(["kubectl", "kustomize", str(tmp_path / "out")],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
