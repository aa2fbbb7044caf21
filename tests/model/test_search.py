"""Finding resources by part of a name or by `key=value` (the editor's Find box)."""

from __future__ import annotations

from tests.model.factories import deployment, service

from kubecanvas.model.document import Document
from kubecanvas.model.search import search


def _shop() -> tuple[Document, dict[str, str]]:
    web = deployment("web", {"app": "web", "tier": "front"})
    api = deployment("api-server", {"app": "api", "tier": "back"})
    svc = service("web", {"app": "web"})
    svc.manifest["metadata"]["labels"] = {"team": "shop"}
    doc = Document([web, api, svc])
    return doc, {"web": web.id, "api": api.id, "svc": svc.id}


def test_key_value_finds_own_and_pod_template_labels() -> None:
    doc, ids = _shop()
    assert search(doc, "tier=back") == [ids["api"]]  # on the pod template only
    assert search(doc, " team = shop ") == [ids["svc"]]  # on the resource itself; spaces ignored
    assert search(doc, "app=web") == [ids["web"]]  # a Service's selector is not a label
    assert search(doc, "tier=middle") == []


def test_plain_text_finds_names_ignoring_case_and_exact_label_values() -> None:
    doc, ids = _shop()
    assert search(doc, "WE") == [ids["web"], ids["svc"]]  # in document order
    assert search(doc, "server") == [ids["api"]]
    assert search(doc, "front") == [ids["web"]]  # a label value, whole
    assert search(doc, "fro") == []  # not part of one


def test_blank_text_finds_nothing() -> None:
    doc, _ = _shop()
    assert search(doc, "") == [] and search(doc, "   ") == []
