"""`Resource`'s kind, name, namespace... are read once per resource (`read_once`, a
`cached_property` without 3.11's lock): what a new manifest says is what a new resource reads,
and forgetting a value reads it again."""

from __future__ import annotations

from kubecanvas.model.resource import Resource, read_once


def _config(name: str, namespace: str = "shop") -> dict[str, object]:
    return {"apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"name": name, "namespace": namespace}}


def test_values_are_kept_in_the_instance_after_the_first_read() -> None:
    res = Resource(_config("web"))
    assert "name" not in vars(res)
    assert (res.kind, res.name, res.namespace, res.group) == ("ConfigMap", "web", "shop", "")
    assert vars(res)["name"] == "web"
    assert isinstance(Resource.__dict__["name"], read_once)


def test_a_replaced_manifest_is_read_by_the_new_resource() -> None:
    res = Resource(_config("web"))
    assert res.name == "web"
    renamed = res.with_manifest(_config("api", "media"))
    assert (renamed.id, renamed.name, renamed.namespace) == (res.id, "api", "media")
    assert res.name == "web"  # the old resource keeps what its own manifest says


def test_forgetting_a_value_reads_the_manifest_again() -> None:
    res = Resource(_config("web"))
    assert res.name == "web"
    res.manifest["metadata"]["name"] = "api"  # (edits never do this; `del` is the way back)
    assert res.name == "web"
    del res.name
    del res.metadata
    assert res.name == "api"
