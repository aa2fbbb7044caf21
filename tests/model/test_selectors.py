from __future__ import annotations

import pytest

from kubecanvas.model.selectors import parse_label_selector, parse_map_selector


@pytest.mark.parametrize(
    ("raw", "labels", "expected"),
    [
        ({"matchLabels": {"app": "web"}}, {"app": "web", "tier": "x"}, True),
        ({"matchLabels": {"app": "web"}}, {"app": "Web"}, False),
        ({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["a", "b"]}]},
         {"tier": "b"}, True),
        ({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["a"]}]}, {}, False),
        ({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["a"]}]}, {}, True),
        ({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["a"]}]},
         {"tier": "a"}, False),
        ({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, {"tier": ""}, True),
        ({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, {"x": "1"}, True),
        ({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, {"tier": "1"},
         False),
        ({"matchExpressions": [{"key": "tier", "operator": "Equals", "values": ["a"]}]},
         {"tier": "a"}, False),
        ({"matchLabels": {"app": "web"},
          "matchExpressions": [{"key": "track", "operator": "NotIn", "values": ["canary"]}]},
         {"app": "web", "track": "canary"}, False),
        ({}, {"anything": "x"}, True),
    ],
)
def test_label_selector_semantics(raw, labels, expected):
    selector = parse_label_selector(raw)
    assert selector is not None
    assert selector.matches(labels) is expected


def test_absent_label_selector_selects_nothing():
    assert parse_label_selector(None) is None


def test_map_selector_is_equality_only_and_empty_means_none():
    assert parse_map_selector({}) is None
    sel = parse_map_selector({"app": "web", "version": 2})
    assert sel is not None
    assert sel.matches({"app": "web", "version": "2"})
    assert not sel.matches({"app": "web"})
