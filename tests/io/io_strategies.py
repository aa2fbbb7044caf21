"""Hypothesis strategies for manifests that stress YAML round trips."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

#: Strings that a YAML writer must quote or escape to keep them strings.
TRICKY = [
    "", " ", "123", "-7", "1.5", "1e3", "1E+3", ".5", "0o17", "0x1F", "017", "1_000", "12:30",
    "true", "false", "True", "yes", "no", "on", "off", "y", "n", "Y", "N", "null", "Null", "~",
    "2020-01-01", "2001-12-14t21:59:43.10-05:00", "2002-12-14", ".inf", "-.inf", ".nan", "=",
    "<<", "a: b", "a:b", "key: value # not a comment", "#hash", " leading", "trailing ",
    "- item", "? q", "[x]", "{x}", "'single'", '"double"', "&anchor", "*alias", "!tag", "%dir",
    "@at", "`tick", "|", ">", "---", "...", "line1\nline2", "line1\nline2\n", "\nlead",
    "trail\n\n", "  indented\nblock", "tab\there", "cr\r\nlf", "ünïcödé", "日本語", "emoji 😀",
    "\u00a0nbsp", "a\\b", "back\\slash\n",
]

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)
strings = st.one_of(st.sampled_from(TRICKY), text)
keys = st.one_of(st.sampled_from(TRICKY), st.text(max_size=10))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), strings)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20)

KINDS = ["ConfigMap", "Deployment", "Service", "Namespace", "Ingress", "Widget", "Secret"]


@st.composite
def manifests(draw: st.DrawFn) -> dict[str, Any]:
    """A manifest with a kind and a name (so it loads as a resource) and a random body."""
    manifest: dict[str, Any] = {
        "apiVersion": draw(st.sampled_from(["v1", "apps/v1", "example.com/v1alpha1"])),
        "kind": draw(st.sampled_from(KINDS)),
        "metadata": {"name": draw(st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True))},
    }
    extra = draw(st.dictionaries(keys, values, max_size=4))
    for key, value in extra.items():
        manifest.setdefault(key, value)
    return manifest
