"""Hostile and broken input: bounded time and memory, a clear refusal naming the file and line,
and everything else in the same import still loads."""

from __future__ import annotations

import codecs
import random
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.io import ProjectError, load_paths, load_project, load_text
from kubecanvas.io.limits import Limits, _lead_at_least, depth_bound_within

CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n"


def billion_laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + "".join(
        f"  {line}\n" for line in lines)


def timed(action):  # type: ignore[no-untyped-def]
    """The result of `action` and the CPU time it took: the bounds below are against runaway
    work (exponential backtracking, an expanded alias bomb), which CPU time shows whether or not
    other processes share the machine; loading runs in this process."""
    started = time.process_time()
    result = action()
    return result, time.process_time() - started


@pytest.mark.parametrize("bomb", [
    billion_laughs(),
    # merge keys double the mapping at every level: 2**40 keys if expanded
    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\nx0: &x0 {a: 1}\n" + "".join(
        f"x{n}: &x{n} {{<<: [*x{n - 1}, *x{n - 1}], k{n}: 1}}\n" for n in range(1, 40)),
], ids=["billion-laughs", "merge-keys"])
def test_alias_bombs_are_refused_quickly_and_the_rest_loads(bomb: str) -> None:
    text = CONFIGMAP.format(name="before") + "---\n" + bomb + "---\n" + CONFIGMAP.format(
        name="after")
    result, seconds = timed(lambda: load_text(text, "bomb.yaml"))
    assert seconds < 2
    assert [r.name for r in result.resources] == ["before", "after"]
    [problem] = result.errors
    assert problem.file == "bomb.yaml" and problem.line == 8
    assert "aliases" in problem.message and "refused" in problem.message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "apiVersion: v1\nkind: X\nspec: &s {a: *s}\n"])
def test_an_alias_inside_its_own_anchor_is_refused(text: str) -> None:
    [problem] = load_text(text, "loop.yaml").errors
    assert "contains it" in problem.message


@pytest.mark.parametrize("depth", [100_000, 5_000])
@pytest.mark.parametrize("shape", ["flow", "block-list", "block-map"])
def test_documents_nested_thousands_deep_are_refused(shape: str, depth: int) -> None:
    if shape == "flow":
        body = "spec: " + "[" * depth + "]" * depth + "\n"
    elif shape == "block-list":
        body = "spec:\n" + "- " * depth + "x\n"
    else:  # a mapping per level, each indented one more: keep the text small
        depth = min(depth, 1_000)
        body = "spec:\n" + "".join(" " * (n + 1) + "k:\n" for n in range(depth)) + " " * (
            depth + 1) + "v\n"
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n" + body
    result, seconds = timed(lambda: load_text(text + "---\n" + CONFIGMAP.format(name="ok"),
                                              "deep.yaml"))
    assert seconds < 5
    assert [r.name for r in result.resources] == ["ok"]
    [problem] = result.errors
    assert problem.file == "deep.yaml" and "200 levels deep" in problem.message
    assert problem.resource == "ConfigMap deep"


def test_nesting_below_the_limit_loads() -> None:
    text = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fine}\ndata:\n  k: '"
            + "[" * 100 + "'\nx: " + "[" * 150 + "]" * 150 + "\n")
    assert not depth_bound_within(text, 200)  # the exact check runs, and lets it through
    result = load_text(text, "fine.yaml")
    assert not result.problems and result.resources[0].name == "fine"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    limits = Limits(max_file_bytes=64 * 1024)
    big = tmp_path / "big.yaml"
    big.write_text("".join(CONFIGMAP.format(name=f"c{n}") + "---\n" for n in range(2000)))
    small = tmp_path / "small.yaml"
    small.write_text(CONFIGMAP.format(name="small"))
    result = load_paths([big, small], limits=limits)
    assert [r.name for r in result.resources] == ["small"]
    [problem] = result.errors
    assert problem.file == str(big) and problem.line == 1
    assert "larger than the 65,536 bytes" in problem.message


def test_the_total_of_one_import_is_bounded(tmp_path: Path) -> None:
    limits = Limits(max_file_bytes=4096, max_total_bytes=10_000, document_floor_bytes=0)
    for number in range(10):
        (tmp_path / f"f{number}.yaml").write_text(
            "".join(CONFIGMAP.format(name=f"c{number}-{n}") + "---\n" for n in range(30)))
    result = load_paths([tmp_path], limits=limits)
    assert 0 < len(result.resources) < 300
    assert result.errors and all("import fewer files" in p.message for p in result.errors)


@pytest.mark.slow
def test_a_100_mb_file_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    chunk = ("".join(CONFIGMAP.format(name=f"c{n}") + "---\n" for n in range(1000))).encode()
    with big.open("wb") as handle:
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(chunk)
    tracemalloc.start()
    try:
        result, seconds = timed(lambda: load_paths([big]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < 1 and peak < 5 * 1024 * 1024
    [problem] = result.errors
    assert problem.file == str(big) and "is 100.1 MiB" in problem.message


def test_binary_junk_is_reported_and_skipped(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(random.Random(1).randbytes(1 << 20))
    nul = tmp_path / "nul.yaml"
    nul.write_bytes(b"apiVersion: v1\nkind: ConfigMap\x00\nmetadata: {name: x}\n")
    good = tmp_path / "good.yaml"
    good.write_text(CONFIGMAP.format(name="good"))
    result, seconds = timed(lambda: load_paths([junk, nul, good]))
    assert seconds < 2
    assert [r.name for r in result.resources] == ["good"]
    by_file = {p.file: p for p in result.errors}
    assert "not valid UTF-8" in by_file[str(junk)].message
    assert by_file[str(nul)].line == 2 and "not allowed" in by_file[str(nul)].message


@pytest.mark.parametrize(("encoding", "bom", "loads"), [
    ("utf-16-le", codecs.BOM_UTF16_LE, True), ("utf-16-be", codecs.BOM_UTF16_BE, True),
    ("utf-8", codecs.BOM_UTF8, True), ("utf-16-le", b"", False), ("latin-1", b"", False),
])
def test_other_encodings_load_or_are_refused_clearly(tmp_path: Path, encoding: str, bom: bytes,
                                                     loads: bool) -> None:
    path = tmp_path / "enc.yaml"
    text = CONFIGMAP.format(name="enc") + "  note: café\n"
    path.write_bytes(bom + text.encode(encoding))
    result = load_paths([path])
    if loads:
        assert not result.problems and result.resources[0].manifest["data"]["note"] == "café"
    else:
        [problem] = result.errors
        assert problem.file == str(path) and "save the file as UTF-8" in problem.message
        assert problem.line >= 1


def test_a_folder_with_thousands_of_files(tmp_path: Path) -> None:
    for number in range(2000):
        text = CONFIGMAP.format(name=f"c{number}") if number % 500 else "kind: [broken\n"
        (tmp_path / f"d{number % 10}" / f"f{number}.yaml").parent.mkdir(exist_ok=True)
        (tmp_path / f"d{number % 10}" / f"f{number}.yaml").write_text(text)
    result, seconds = timed(lambda: load_paths([tmp_path]))
    assert seconds < 20
    assert len(result.resources) == 1996
    assert len(result.errors) == 4
    assert all(Path(p.file).name in {f"f{n}.yaml" for n in range(0, 2000, 500)}
               for p in result.errors)


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system", "!!python/object/new:os.system",
    "!<tag:yaml.org,2002:python/object/apply:os.system>", "!!python/name:os.system",
    "!!python/module:os",
])
def test_python_object_tags_are_refused_and_never_run(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    text = (f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: x}}\ndata:\n"
            f"  k: {tag} [\"touch {marker}\"]\n")
    path = tmp_path / "evil.yaml"
    path.write_text(text)
    result = load_paths([path])
    assert not result.resources and not marker.exists()
    [problem] = result.errors
    assert problem.file == str(path) and problem.line == 5
    assert "never runs code" in problem.message or "unknown YAML tag" in problem.message


def test_deeply_nested_or_huge_project_files_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.kcanvas"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(ProjectError, match="deep.kcanvas"):
        load_project(deep)
    nested = tmp_path / "nested.kcanvas"
    manifest = "{\"a\": " * 300 + "1" + "}" * 300
    nested.write_text('{"format": "kubecanvas-project", "version": 1, "resources": '
                      f'[{{"id": "x", "manifest": {manifest}}}]}}')
    with pytest.raises(ProjectError, match="more than 200 levels"):
        load_project(nested)
    with pytest.raises(ProjectError, match="larger than the 100 bytes"):
        load_project(nested, Limits(max_project_bytes=100))


def test_a_file_of_countless_tiny_documents_is_refused_in_bounded_time() -> None:
    """No count of documents is refused as such; each counts as at least 512 bytes towards the
    import's total, so a million empty documents stop at the budget, where they stand."""
    text = "---\n" * 1_000_000 + "a: 1\n"
    started = time.process_time()  # CPU time: the wall clock of a shared machine varies 3x
    result = load_text(text, "many.yaml")
    assert time.process_time() - started < 5
    [problem] = result.problems
    assert problem.file == "many.yaml" and "reached its limit of 64.0 MiB" in problem.message
    assert 100_000 < problem.line < 200_000
    assert "--limit total-bytes" in problem.message
    few = load_text("---\n" * 150 + CONFIGMAP.format(name="last"), "f",
                    limits=Limits(max_total_bytes=100_000))
    assert [r.name for r in few.resources] == ["last"] and not few.problems


def test_the_total_budget_stops_the_rest_of_the_import(tmp_path: Path) -> None:
    limits = Limits(max_total_bytes=40 * 512)
    for number in range(3):
        (tmp_path / f"f{number}.yaml").write_text(
            "---\n".join(CONFIGMAP.format(name=f"c{number}-{n}") for n in range(15)))
    result = load_paths([tmp_path], limits=limits)
    names = [r.name for r in result.resources]
    assert 38 <= len(names) <= 40  # about 40 documents of 512 bytes, then the limit
    assert names == [f"c{n // 15}-{n % 15}" for n in range(len(names))]
    [problem] = result.errors
    stopped = len(names) - 30  # the first document of f2.yaml not read
    assert problem.file == str(tmp_path / "f2.yaml") and problem.line == 1 + 7 * stopped


def test_a_document_over_the_document_limit_is_refused_and_the_rest_loads() -> None:
    big = CONFIGMAP.format(name="big") + "".join(f"  k{n}: {'v' * 100}\n" for n in range(100))
    text = CONFIGMAP.format(name="before") + "---\n" + big + "---\n" + CONFIGMAP.format(name="after")
    result = load_text(text, "big.yaml", limits=Limits(max_document_bytes=4096))
    assert [r.name for r in result.resources] == ["before", "after"]
    [problem] = result.errors
    assert problem.line == 8 and problem.resource == "ConfigMap big"
    assert "larger than the 4,096 bytes" in problem.message and "document-bytes" in problem.message


def test_alias_bombs_spread_over_many_documents_hit_the_import_total() -> None:
    """Each document stays under the per-document limit; together they expand too far."""
    bomb = billion_laughs(5)  # 111,111 values, under the 500,000 of one document
    text = "---\n".join([bomb] * 12)
    limits = Limits(max_total_nodes=500_000)
    result, seconds = timed(lambda: load_text(text, "bombs.yaml", limits=limits))
    assert seconds < 10
    assert len(result.resources) == 4
    [problem] = result.errors
    assert "total-alias-values" in problem.message and problem.line == 1 + 4 * (bomb.count("\n") + 1)
    raised = load_text(text, "bombs.yaml", limits=Limits(max_total_nodes=2_000_000))
    assert len(raised.resources) == 12 and not raised.errors


def test_naming_a_broken_document_takes_linear_time() -> None:
    """Found by the long fuzz run: naming the resource of a broken document used a regular
    expression that backtracked exponentially on indented lines of blanks and tabs."""
    text = "kind: Deployment\nmetadata:\n" + "    \t  x y\n" * 3000 + "  name: web\nspec: [\n"
    result, seconds = timed(lambda: load_text(text, "slow.yaml"))
    assert seconds < 1
    [problem] = result.errors
    assert problem.resource == "Deployment web"


def test_a_library_that_refuses_deep_nesting_itself_still_gets_our_message(monkeypatch):
    """Whichever PyYAML/libyaml refuses deep nesting first, and in whatever words, the user
    reads KubeCanvas's refusal (issue 11: PyYAML 6.0.4's libyaml refuses flow nesting itself)."""
    import yaml

    from kubecanvas.io import limits as limits_module

    def refuses(*_args: object) -> None:
        raise yaml.YAMLError("some library's own wording")

    monkeypatch.setattr(limits_module, "_walk_depth", refuses)
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nspec: " + "[" * 300 + "]" * 300
    [problem] = load_text(text + "\n---\n" + CONFIGMAP.format(name="ok"), "deep.yaml").errors
    assert "200 levels deep" in problem.message and "line 5" in problem.message
    assert "wording" not in problem.message
    broken = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec: '" + "[" * 250 + "'\n"
    [problem] = load_text(broken + "x: " + "[" * 100, "broken.yaml").errors
    assert "levels deep" not in problem.message  # brackets inside quotes are not counted


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=" \t-?:&!{[k\r", max_size=40), max_size=12),
       st.integers(0, 60))
def test_the_depth_bound_answers_as_the_lead_expression_alone(lines: list[str],
                                                              max_depth: int) -> None:
    # short lines skip the expression (each lead unit is a character): the answer is the same
    text = "\n".join(lines)
    flow = text.count("[") + text.count("{")
    widest = (max_depth - flow) // 2 - 1
    expected = widest >= 0 and _lead_at_least(widest + 1).search(text) is None
    assert depth_bound_within(text, max_depth) == expected


def _depth(value: object) -> int:
    """How deep plain data nests (the reference: recursive; fine for small data)."""
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


_DATA = st.recursive(st.none() | st.integers() | st.text(max_size=3),
                     lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=2), inner, max_size=3), max_leaves=30)


@given(_DATA, st.integers(min_value=0, max_value=8))
def test_project_data_is_too_deep_exactly_when_it_nests_deeper_than_the_limit(
        data: object, limit: int) -> None:
    from kubecanvas.io.limits import data_depth_exceeds

    assert data_depth_exceeds(data, limit) == (_depth(data) > limit)
