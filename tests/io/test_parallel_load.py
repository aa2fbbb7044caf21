"""What a parsing worker of `validate --jobs` sends back (`parallel_load._pack`) is made into the
same resources, origins, line lookups and problems again (`_unpack`), whatever the documents
hold: list documents whose items share one position tree, JSON documents whose positions are
composed on request, warnings, and resources marshal cannot write, which travel pickled."""

from __future__ import annotations

from kubecanvas.io.lines import split_lookup
from kubecanvas.io.parallel_load import _pack, _unpack
from kubecanvas.io.problems import LoadResult
from kubecanvas.io.yaml_in import _load_chunk
from kubecanvas.io.yaml_in import _Options as Options
from kubecanvas.io.yaml_split import split_chunks
from kubecanvas.model.record import replace

TEXT = """\
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: one}
    data: {a: "1"}
  - kind: Secret
    apiVersion: v1
    metadata:
      name: two
---
{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
 "spec": {"ports": [{"port": 80}]}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  name: web2
spec:
  replicas: 2\t
  template:
    spec:
      containers: [{name: app, image: nginx}]
"""


def results() -> list[LoadResult]:
    options = Options("app.yaml", False, None, None, keep_original=True)
    return [_load_chunk(chunk, options) for chunk in split_chunks(TEXT)]


def shape(batch: list[LoadResult]) -> list[object]:
    return [([(r.manifest, r.original, r.origin, r.values_in_cluster, r.named, r.position,
               [r.origin.lines(path) for path in (("metadata", "name"), ("spec", "replicas"),
                                                  ("data", "a"), ("spec", "ports", 0))]
               if r.origin and r.origin.lines else None)
              for r in result.resources],
             [(p.file, p.line, p.column, str(p.message), p.severity, p.resource)
              for p in result.problems], result.files)
            for result in batch]


def test_a_batch_travels_as_plain_data_and_comes_back_the_same() -> None:
    batch = results()
    packed = _pack(batch)
    assert isinstance(packed, bytes)
    back = _unpack(packed)
    assert shape(back) == shape(batch)
    assert len(back[0].resources) == 2 and len(back[2].problems) >= 2
    # the items of one list document still share one index (composed at most once)
    first, second = back[0].resources
    assert first.origin is not None and second.origin is not None
    one, two = split_lookup(first.origin.lines), split_lookup(second.origin.lines)
    assert one is not None and two is not None and one[0] is two[0]
    assert (one[1], two[1]) == (("items", 0), ("items", 1))


def test_a_resource_with_more_than_a_loader_gives_travels_pickled() -> None:
    batch = results()
    pinned = batch[2].resources[0]
    batch[2].resources[0] = replace(pinned, pinned=True)
    assert _pack(batch) is batch
    assert _unpack(batch) is batch


def test_values_marshal_cannot_write_travel_pickled() -> None:
    class Tagged(str):
        pass

    batch = results()
    batch[1].resources[0].manifest["metadata"]["name"] = Tagged("web")
    assert _pack(batch) is batch
