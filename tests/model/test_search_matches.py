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


def _kinds_doc() -> Document:
    return Document([deployment("web", ns="shop"), deployment("api", ns="back"),
                     service("web", {"app": "web"}, ns="shop"),
                     service("db", {"app": "db"}, ns="data")])


def _found(doc: Document, text: str) -> list[tuple[str, str, str]]:
    return [(m.kind, m.namespace, m.name) for m in matches(doc, text)]


def test_kind_and_namespace_terms_and_why() -> None:
    doc = _kinds_doc()
    assert _found(doc, "kind:Service") == [("Service", "data", "db"), ("Service", "shop", "web")]
    assert _found(doc, "kind:svc") == _found(doc, "KIND: service") == _found(doc, "kind:Service")
    assert _found(doc, "kind:Dep") == [("Deployment", "back", "api"), ("Deployment", "shop", "web")]
    assert _found(doc, "ns:shop") == _found(doc, "namespace:shop") == [
        ("Deployment", "shop", "web"), ("Service", "shop", "web")]
    both = matches(doc, "kind:Service ns:shop")
    assert [(m.kind, m.name) for m in both] == [("Service", "web")]
    assert str(both[0].why) == "kind Service, namespace shop"
    assert both[0].why.ko == "종류 서비스, 네임스페이스 shop"
    assert matches(doc, "kind:Service ns:nowhere") == [] and matches(doc, "kind:Pod") == []


def test_plain_words_that_name_a_kind_find_that_kind() -> None:
    doc = _kinds_doc()
    expected = [("Deployment", "back", "api"), ("Deployment", "shop", "web")]
    for word in ("deployment", "Deployments", "deploy", "디플로이먼트"):
        assert _found(doc, word) == expected, word
    found = matches(doc, "디플로이먼트")
    assert str(found[0].why) == "kind Deployment" and found[0].why.ko == "종류 디플로이먼트"
    assert _found(doc, "서비스 web") == [("Service", "shop", "web")]
    assert str(matches(doc, "서비스 web")[0].why) == "kind Service, name"
    assert _found(doc, "deploy web")[0] == ("Deployment", "shop", "web")
    assert matches(doc, "deployme") == []  # a kind word counts whole; a start is no kind


def test_names_rank_before_kinds_and_namespaces() -> None:
    doc = Document([deployment("service-a", ns="x"), service("b", {"app": "b"}, ns="x")])
    assert [m.name for m in matches(doc, "service")] == ["service-a", "b"]
