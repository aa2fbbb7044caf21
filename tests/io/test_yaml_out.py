"""Exporting YAML: apply order, formatting, folder export, and dump -> load round trips."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_strategies import manifests, strings

from kubecanvas.io import dump_resources, load_paths, load_text, write_folder
from kubecanvas.io.yaml_out import apply_order
from kubecanvas.model.resource import Resource


def res(kind: str, name: str, **extra: object) -> Resource:
    return Resource({"apiVersion": "v1", "kind": kind, "metadata": {"name": name}, **extra})


def test_documents_come_in_apply_order_stable_within_a_rank():
    items = [res("Deployment", "d1"), res("Service", "s"), res("Widget", "w"),
             res("Namespace", "n"), res("Deployment", "d2"), res("ConfigMap", "c"),
             res("CustomResourceDefinition", "crd"), res("HorizontalPodAutoscaler", "h"),
             res("Ingress", "i"), res("PersistentVolumeClaim", "p")]
    names = [r.name for r in apply_order(items)]
    assert names == ["n", "crd", "p", "c", "s", "d1", "d2", "i", "h", "w"]
    loaded = load_text(dump_resources(items)).resources
    assert [r.name for r in loaded] == names


def test_output_is_block_style_in_written_key_order_with_separators():
    manifest = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "c"},
                "data": {"z": "1", "a": "ünï", "long": "x" * 300, "script": "a\nb\n",
                         "when": "2020-01-01", "num": "1e3", "flag": "y"}}
    text = dump_resources([Resource(manifest), res("Namespace", "n")])
    assert text.startswith("apiVersion: v1\nkind: Namespace\n")
    assert "\n---\nkind: ConfigMap\napiVersion: v1\n" in text
    assert "  z: '1'\n  a: ünï\n" in text
    assert "x" * 300 + "\n" in text
    assert "  script: |\n    a\n    b\n" in text
    assert "when: '2020-01-01'" in text and "num: '1e3'" in text and "flag: 'y'" in text
    assert "{" not in text.replace("{}", "")
    assert dump_resources([Resource(manifest)]) == dump_resources([Resource(manifest)])


def test_shared_objects_are_written_out_not_as_aliases():
    shared = {"app": "web"}
    text = dump_resources([res("Service", "s", spec={"selector": shared, "other": shared})])
    assert "&" not in text and "*" not in text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(manifests(), min_size=1, max_size=5))
def test_dump_then_load_gives_the_same_manifests(items):
    resources = [Resource(m) for m in items]
    result = load_text(dump_resources(resources))
    assert [p for p in result.problems if "defined twice" not in p.message] == []
    assert [r.manifest for r in result.resources] == [r.manifest for r in apply_order(resources)]


@settings(max_examples=150, deadline=None)
@given(strings)
def test_any_string_value_survives(value):
    resource = res("ConfigMap", "c", data={"k": value, value: "v"})
    (loaded,) = load_text(dump_resources([resource])).resources
    assert loaded.manifest == resource.manifest


def test_write_folder_one_file_each_plus_kustomization(tmp_path):
    items = [res("Deployment", "web"), res("Namespace", "Shop"),
             Resource({"apiVersion": "v1", "kind": "Service",
                       "metadata": {"name": "web", "namespace": "a"}}),
             Resource({"apiVersion": "v1", "kind": "Service",
                       "metadata": {"name": "web", "namespace": "b"}}),
             res("ConfigMap", "x/y")]
    paths = write_folder(items, tmp_path / "out")
    names = [p.name for p in paths]
    assert names == ["namespace-shop.yaml", "configmap-x-y.yaml", "service-a-web.yaml",
                     "service-b-web.yaml", "deployment-web.yaml", "kustomization.yaml"]
    kustomization = load_text((tmp_path / "out" / "kustomization.yaml").read_text())
    assert kustomization.resources == []  # a kustomize file, not a resource
    reloaded = load_paths([tmp_path / "out"])
    assert sorted(r.name for r in reloaded.resources) == sorted(r.name for r in items)
    text = (tmp_path / "out" / "kustomization.yaml").read_text()
    assert text.index("namespace-shop.yaml") < text.index("deployment-web.yaml")
