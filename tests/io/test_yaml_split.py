"""Splitting a stream into raw document chunks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kubecanvas.io.yaml_split import _MARKER, _markers, split_chunks, split_trivia


def texts(chunks: str) -> list[str]:
    return [c.text for c in split_chunks(chunks)]


def test_splits_at_start_markers_and_keeps_every_byte():
    text = "# head\na: 1\n---\nb: 2\n--- # note\nc: 3\n"
    assert texts(text) == ["# head\na: 1\n", "---\nb: 2\n", "--- # note\nc: 3\n"]
    assert [c.start_line for c in split_chunks(text)] == [1, 3, 5]


def test_dashes_that_are_not_markers_stay_content():
    assert texts("a: |\n  ---\n----\nb: ---x\n") == ["a: |\n  ---\n----\nb: ---x\n"]


def test_end_marker_closes_a_document_and_directives_open_one():
    text = "a: 1\n...\n%YAML 1.1\n---\nb: 2\n...\n# tail\n"
    assert texts(text) == ["a: 1\n...\n", "%YAML 1.1\n---\nb: 2\n...\n", "# tail\n"]


def test_content_start_skips_markers_and_comments():
    chunks = split_chunks("a: 1\n---\n# about b\n\n  b: 2\n--- {c: 3}\n")
    assert chunks[1].content_start() == (5, 3)
    assert chunks[2].content_start() == (6, 5)


def test_split_trivia_separates_comments_around_the_body():
    lead, body, tail = split_trivia("---\n# about\nkey: 1\nother: 2\n# after\n\n")
    assert (lead, body, tail) == ("---\n# about\n", "key: 1\nother: 2\n", "# after\n\n")


def test_split_trivia_of_a_comment_only_chunk_is_all_lead():
    assert split_trivia("---\n# nothing\n") == ("---\n# nothing\n", "", "")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["---\n", "--- x\n", "...\n", "%YAML 1.1\n", "a: 1\n", "# c\n",
                                 "\n", "  - b\n", "----\n", "--- #c", "x\r\n"]), max_size=12))
def test_chunks_always_concatenate_to_the_input(lines):
    text = "".join(lines)
    chunks = split_chunks(text)
    assert "".join(c.text for c in chunks) == text
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert all(c.start_line == text[: sum(len(x.text) for x in chunks[: c.index])].count("\n") + 1
               for c in chunks)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["---", "--- x", "...", "...x", "%YAML 1.1", "%", "a: 1", "# c",
                                 "", " ---", "----", "---x", "\r", "\t", "\n", " ", "\r\n"]),
                max_size=14))
def test_markers_are_found_where_the_line_start_expression_finds_them(pieces):
    # `_markers` searches after line breaks (a pattern with a first character is searched for
    # it); the answer is the MULTILINE `^` expression's
    text = "".join(pieces)
    assert list(_markers(text)) == [(m.start(), m.group(1) or "%")
                                    for m in _MARKER.finditer(text)]
