"""Secret values left in the cluster: which keys, what the manifest holds, what an export gets."""

from __future__ import annotations

import json

from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import (
    LAST_APPLIED,
    keys_in_cluster,
    leave_values_in_cluster,
    read_from_a_cluster,
    secrets_without_values,
    without_values,
)


def _secret(**extra) -> Resource:  # type: ignore[no-untyped-def]
    manifest = {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": {"name": "db", "annotations": {
                    LAST_APPLIED: json.dumps({"stringData": {"pw": "x"}})}},
                "data": {"pw": "eA==", "user": "dQ=="}, "stringData": {"extra": "plain"},
                **extra}
    return Resource(manifest, original=json.loads(json.dumps(manifest)))


def test_values_are_blanked_keys_noted_and_the_manifest_as_read_too():
    secret = _secret()
    left = leave_values_in_cluster(secret)
    assert left.manifest["data"] == {"pw": "", "user": ""}
    assert left.manifest["stringData"] == {"extra": ""}
    assert "annotations" not in left.manifest["metadata"]  # it repeated the values
    assert left.manifest["type"] == "Opaque"
    assert left.original == left.manifest
    assert left.values_in_cluster == ("pw", "user", "extra")
    assert left.id == secret.id and secret.manifest["data"]["pw"] == "eA=="  # a new resource
    assert leave_values_in_cluster(left) is left  # nothing more to leave
    assert keys_in_cluster(left) == ["pw", "user", "extra"]


def test_other_kinds_are_untouched():
    config = Resource({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                       "data": {"a": "1"}})
    assert leave_values_in_cluster(config) is config
    assert without_values(config) is config and keys_in_cluster(config) == []


def test_a_value_typed_in_or_a_key_removed_is_no_longer_left_in_the_cluster():
    left = leave_values_in_cluster(_secret())
    typed = left.with_manifest({**left.manifest, "data": {"pw": "bmV3", "user": ""}})
    assert typed.values_in_cluster == left.values_in_cluster  # the note travels with edits
    assert keys_in_cluster(typed) == ["user", "extra"]
    gone = typed.with_manifest({k: v for k, v in typed.manifest.items()
                                if k not in ("stringData",)} | {"data": {"pw": "bmV3"}})
    assert keys_in_cluster(gone) == [] and secrets_without_values([gone, typed]) == [
        (typed, ["user", "extra"])]


def test_without_values_drops_data_and_string_data_only():
    bare = without_values(_secret())
    assert set(bare.manifest) == {"apiVersion", "kind", "type", "metadata"}


def test_read_from_a_cluster_looks_at_server_set_metadata_before_and_after_stripping():
    written = _secret()
    assert not read_from_a_cluster(written)
    dumped = dict(written.manifest, metadata={"name": "db", "uid": "1"})
    assert read_from_a_cluster(Resource(dumped))
    stripped = Resource(dict(written.manifest), original=dumped)  # stripped on reading
    assert read_from_a_cluster(stripped)
