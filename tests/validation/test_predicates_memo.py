"""Label keys and values found valid are remembered (`predicates.qualified_name`,
`label_value`): asking again gives the same answer, and an invalid one is never remembered."""

from __future__ import annotations

from kubecanvas.validation import predicates as p


def test_valid_keys_and_values_stay_valid_and_invalid_ones_stay_reported() -> None:
    for _ in range(3):
        assert p.qualified_name("app.kubernetes.io/name") == []
        assert p.label_value("web-1") == []
        assert p.qualified_name("Bad_Prefix/x") == [
            f"prefix part {e}" for e in p.dns1123_subdomain("Bad_Prefix")]
        assert p.qualified_name("a/b/c")
        assert p.label_value("-web") and p.label_value("x" * 64)
    assert "Bad_Prefix/x" not in p._VALID_KEYS and "-web" not in p._VALID_VALUES
    # a fresh list each time: a caller may extend what it gets
    first = p.qualified_name("app.kubernetes.io/name")
    first.append("changed")
    assert p.qualified_name("app.kubernetes.io/name") == []
