"""Reading pauses Python's cyclic collector and leaves it as it found it: each of its passes
walked every manifest read so far again, half the time of reading 15,000 resources."""

from __future__ import annotations

import gc

import pytest

from kubecanvas.io import yaml_in
from kubecanvas.io.yaml_in import load_paths, load_text

TEXT = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
               f"data: {{a: b}}\n" for i in range(50))


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_pauses_the_collector_and_leaves_it_as_it_was(tmp_path, monkeypatch,
                                                              enabled) -> None:
    source = tmp_path / "design.yaml"
    source.write_text(TEXT, "utf-8")
    seen: list[bool] = []
    stream = yaml_in._load_stream  # noqa: SLF001 - what reads each stream

    def reading(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return stream(*args, **kwargs)

    monkeypatch.setattr(yaml_in, "_load_stream", reading)
    (gc.enable if enabled else gc.disable)()
    try:
        read = load_paths([source])
        assert gc.isenabled() is enabled
        held = load_text(TEXT, "design.yaml")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False, False]
    assert len(read.resources) == len(held.resources) == 50
