"""The search results list's rows: why each resource matched, and in which order."""

from __future__ import annotations

from kubecanvas.model.document import Document
from kubecanvas.model.search import matches

from .factories import deployment, service


def _names(found) -> list[str]:
    return [m.name for m in found]


def test_name_parts_rank_exact_then_prefix_then_part() -> None:
    doc = Document([deployment("api-web"), deployment("web"), deployment("webhook"),
                    service("other", {"app": "x"})])
    found = matches(doc, "web")
    assert _names(found) == ["web", "webhook", "api-web"]
    assert {str(m.why) for m in found} == {"name"}


def test_labels_say_which_label() -> None:
    web = deployment("frontend", labels={"tier": "web"})
    doc = Document([web, deployment("db", labels={"tier": "data"})])
    found = matches(doc, "tier=web")
    assert _names(found) == ["frontend"] and str(found[0].why) == "label tier=web"
    assert found[0].why.ko == "레이블 tier=web"
    by_value = matches(doc, "web")
    assert _names(by_value) == ["frontend"] and str(by_value[0].why) == "label tier=web"
    assert matches(doc, "  ") == [] and matches(doc, "zzz") == []


def test_order_never_depends_on_ids_or_input_order() -> None:
    items = [deployment("web-2"), deployment("web-1"), service("web-3", {"app": "x"})]
    forward, backward = Document(items), Document(list(reversed(items)))
    assert _names(matches(forward, "web")) == _names(matches(backward, "web"))
