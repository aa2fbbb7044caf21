"""The model's own words in English and Korean: wiring actions, why-not reasons, edit
descriptions (undo steps) and edge labels.

The English stays exactly what it was (the other model tests compare it); these tests check that
every text the editor shows from the model also carries Korean, in Hangul, that survives the deep
copies and pickles edits go through.
"""

from __future__ import annotations

import copy
import itertools
import pickle
from collections.abc import Iterator

import pytest

from kubecanvas.model.connect import (
    WiringAction,
    connect_actions,
    disconnect_edit,
    remove_edit,
    rename_edit,
    why_not,
)
from kubecanvas.model.document import Document
from kubecanvas.model.edits import (
    DELETE,
    AddResource,
    Compound,
    MoveResources,
    RemoveResource,
    SetField,
    SetManifest,
    UndoStack,
    describe_remove,
    describe_set_field,
)
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import KINDS
from kubecanvas.model.references import EDGE_WORDS, edge_word, references
from kubecanvas.model.resource import Resource
from kubecanvas.model.templates import new_resource
from kubecanvas.model.text import Text

from .factories import deployment, pv, pvc, service, simple


def hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def assert_bilingual(text: object, english: str | None = None) -> None:
    """`text` is a `Text` whose Korean is Hangul and differs from the English."""
    assert isinstance(text, Text), f"not bilingual: {text!r}"
    assert hangul(text.ko), f"no Korean: {text!r}"
    assert text.ko != text.en
    if english is not None:
        assert text == english and text.en == english


def _variants(kind: str) -> list[Resource]:
    """The default resource of `kind`, plus the variants that take other branches of `connect`:
    a pull Secret, a Service with a selector and ports, an Ingress with a rule."""
    out = [new_resource(kind, [])]
    if kind == "Secret":
        pull = new_resource("Secret", [])
        pull.manifest["metadata"]["name"] = "registry"
        pull.manifest["type"] = "kubernetes.io/dockerconfigjson"
        out.append(pull)
    if kind == "Service":
        bare = new_resource("Service", [])
        bare.manifest["metadata"]["name"] = "bare"
        bare.manifest["spec"] = {}
        out += [service("front", {"tier": "old"}), service("db", headless=True), bare]
    if kind == "Ingress":
        routed = new_resource("Ingress", [])
        routed.manifest["metadata"]["name"] = "routed"
        routed.manifest.setdefault("spec", {})["rules"] = [{"host": "shop.example.com", "http": {
            "paths": [{"path": "/", "pathType": "Prefix", "backend": {
                "service": {"name": "x", "port": {"number": 80}}}}]}}]
        out.append(routed)
    return out


def _pairs() -> Iterator[tuple[Resource, Resource]]:
    every = [r for kind in sorted(KINDS) for r in _variants(kind)]
    for a, b in itertools.combinations(every, 2):
        yield copy.deepcopy(a), copy.deepcopy(b)


def _all_actions() -> list[tuple[Document, WiringAction]]:
    found = []
    for a, b in _pairs():
        doc = Document([a, b])
        graph = WiringGraph(doc, subscribe=False)
        found += [(doc, action) for action in connect_actions(doc, graph, a.id, b.id)]
    return found


ACTIONS = _all_actions()
#: every way `connect` words an action (one per builder and branch)
PHRASES = ("selects pods", "(replaces", ", port 80 -> http", "Service bare selects pods",
           "applies to pods", "protects pods", " routes ",
           "sends unmatched requests", "terminates TLS", "mounts claim", "mounts ConfigMap",
           "mounts Secret", "loads every key", "pulls images", "runs as ServiceAccount",
           "is governed by headless Service db", "(makes the Service headless)", "binds to PV",
           "uses StorageClass", "scales Deployment", "is served by IngressClass")


def test_every_connect_action_of_every_pair_of_kinds_has_korean():
    assert len(ACTIONS) > 60
    for _doc, action in ACTIONS:
        assert_bilingual(action.description)
        made = action.edit()
        assert_bilingual(made.description, action.description.en)
        assert made.description.ko == action.description.ko
    english = [action.description for _doc, action in ACTIONS]
    for phrase in PHRASES:
        assert any(phrase in text for text in english), f"no pair produced {phrase!r}"


def test_korean_wiring_uses_the_glossary_and_keeps_names_and_fields():
    by_english = {action.description.en: action.description.ko for _d, action in ACTIONS}
    selects = next(ko for en, ko in by_english.items() if en.startswith("Service service-1 sel"))
    assert selects.startswith("서비스 service-1") and "파드" in selects and "app=" in selects
    mounts = next(ko for en, ko in by_english.items() if "mounts claim" in en)
    assert "퍼시스턴트볼륨클레임" in mounts and "/data" in mounts
    tls = next(ko for en, ko in by_english.items() if "terminates TLS" in en)
    assert tls.startswith("인그레스") and "시크릿" in tls
    env = next(ko for en, ko in by_english.items() if "loads every key of ConfigMap" in en)
    assert "컨피그맵" in env and "envFrom" in env


def test_the_mount_path_placeholder_is_filled_in_both_languages():
    web, claim = deployment("api"), pvc("data")
    doc = Document([web, claim])
    [action] = connect_actions(doc, WiringGraph(doc), web.id, claim.id)
    assert action.description == "Deployment api mounts claim data at /data"
    assert "{" not in action.description.ko and "/data" in action.description.ko


def _why(doc: Document, a: Resource, b: Resource) -> Text:
    text = why_not(doc, WiringGraph(doc), a.id, b.id)
    assert isinstance(text, Text)
    return text


def test_every_why_not_reason_has_korean():
    a, b = deployment("a"), deployment("b")
    doc = Document([a, b])
    assert_bilingual(_why(doc, a, a), "A resource cannot be wired to itself.")
    assert_bilingual(_why(doc, a, b),
                     "A Deployment and a Deployment have no field that refers from one to the "
                     "other.")
    assert "디플로이먼트(Deployment)" in _why(doc, a, b).ko
    far = service("far", {"app": "a"}, ns="other")
    doc = Document([a, far])
    text = _why(doc, a, far)
    assert_bilingual(text)
    assert "different namespaces" in text and "네임스페이스" in text.ko
    svc = service("front", {"app": "a"})
    doc = Document([a, svc])
    text = _why(doc, svc, a)
    assert_bilingual(text, "Service front and Deployment a are already connected.")
    assert text.ko.startswith("서비스 front")


def _wired_documents() -> Iterator[tuple[Document, WiringGraph]]:
    """Every pair after each of its connect actions was applied (edges of every kind)."""
    for a, b in _pairs():
        doc = Document([a, b])
        graph = WiringGraph(doc)
        for index in range(len(connect_actions(doc, graph, a.id, b.id))):
            wired = Document([copy.deepcopy(a), copy.deepcopy(b)])
            wired_graph = WiringGraph(wired)
            UndoStack(wired).push(connect_actions(wired, wired_graph, a.id, b.id)[index].edit())
            yield wired, wired_graph


def test_every_disconnect_rename_and_remove_description_has_korean():
    disconnects = 0
    for doc, graph in _wired_documents():
        for edge in list(graph.edges()):
            edit = disconnect_edit(doc, graph, edge)
            if edit is not None:
                assert_bilingual(edit.description)
                disconnects += 1
        for res in doc:
            assert_bilingual(rename_edit(doc, graph, res.id, "renamed").description)
            assert_bilingual(remove_edit(doc, graph, [res.id], True)[0].description)
    assert disconnects > 40


def test_disconnect_and_rename_words():
    web, svc = deployment("web"), service("front", {"app": "web"})
    doc = Document([web, svc])
    graph = WiringGraph(doc)
    [edge] = graph.out_edges(svc.id, "selects")
    edit = disconnect_edit(doc, graph, edge)
    assert edit is not None
    assert_bilingual(edit.description, "Service front no longer selects Deployment web")
    assert "서비스" in edit.description.ko and "디플로이먼트" in edit.description.ko
    rename = rename_edit(doc, graph, web.id, "shop")
    assert rename.description == f"Rename {web.label()} to shop"
    assert rename.description.ko == f"디플로이먼트 {web.name}의 이름을 shop으로 바꾸기"
    many = [deployment(f"d{i}") for i in range(5)]
    doc = Document(many)
    removal, _ = remove_edit(doc, WiringGraph(doc), [r.id for r in many])
    assert removal.description.endswith(" ...") and removal.description.ko.endswith("... 삭제")


def test_selector_disconnect_that_removes_a_pod_label_says_so_in_both_languages():
    web = deployment("web", labels={"app": "web", "tier": "front"})
    web.manifest["spec"]["selector"] = {"matchLabels": {"app": "web"}}
    other = deployment("other", labels={"tier": "front"})
    other.manifest["spec"]["selector"] = {"matchLabels": {"tier": "front"}}
    policy = simple("NetworkPolicy", "p", podSelector={"matchLabels": {"tier": "front"}})
    doc = Document([web, other, policy])
    graph = WiringGraph(doc)
    edge = next(e for e in graph.out_edges(policy.id, "selects") if e.target == web.id)
    edit = disconnect_edit(doc, graph, edge)
    assert edit is not None
    assert_bilingual(edit.description)
    assert "(removes pod label tier)" in edit.description
    assert "파드 레이블 tier 제거" in edit.description.ko


def test_edit_descriptions_have_korean_and_survive_deepcopy_and_pickle():
    web = deployment("web")
    doc = Document([web])
    add = AddResource(pvc("data"))
    assert_bilingual(add.description, "Add PersistentVolumeClaim data")
    assert "퍼시스턴트볼륨클레임" in add.description.ko
    edits = [add, describe_set_field(doc, web.id, ("spec", "replicas"), 3),
             describe_set_field(doc, web.id, ("spec", "paused"), DELETE),
             SetManifest(web.id, web.manifest), MoveResources({web.id: (1.0, 2.0)}),
             describe_remove(doc, web.id), SetField(web.id, ("spec", "replicas"), 3),
             RemoveResource(web.id)]
    # worded when made: the undo menu shows the words before the first apply
    assert edits[1].description == "Set spec.replicas of Deployment web"
    assert edits[1].description.ko == "디플로이먼트 web의 spec.replicas 설정"
    assert edits[2].description == "Remove spec.paused of Deployment web"
    assert edits[3].description == "Edit manifest" and edits[4].description == "Move"
    assert edits[5].description == "Delete Deployment web"
    assert edits[6].description == "Set spec.replicas"
    assert edits[6].description.ko == "spec.replicas 설정"
    stack = UndoStack(doc)
    for edit in edits[:6]:
        stack.push(edit)
    assert edits[1].description == "Set spec.replicas of Deployment web"  # apply renames nothing
    for edit in [*edits, Compound(edits)]:
        assert_bilingual(edit.description)
        for clone in (copy.deepcopy(edit), pickle.loads(pickle.dumps(edit))):
            assert isinstance(clone.description, Text)
            assert clone.description.ko == edit.description.ko


def test_every_edge_word_has_korean():
    for english, word in EDGE_WORDS.items():
        assert word == english
        assert_bilingual(word)
    with pytest.raises(KeyError):
        edge_word("no such word")


def _labels(res: Resource) -> dict[str, object]:
    return {str(ref.label): ref.label for ref in references(res)}


def test_edge_labels_that_are_the_models_words_are_bilingual():
    web = deployment("web")
    spec = web.manifest["spec"]["template"]["spec"]
    spec["imagePullSecrets"] = [{"name": "registry"}]
    spec["containers"][0]["envFrom"] = [{"configMapRef": {"name": "cfg"}}]
    web.manifest["metadata"]["ownerReferences"] = [{"kind": "Namespace", "name": "x"}]
    ingress = simple("Ingress", "in", defaultBackend={"service": {"name": "web", "port": {
        "number": 80}}}, tls=[{"secretName": "cert"}])
    sts = simple("StatefulSet", "db", serviceName="db")
    hpa = simple("HorizontalPodAutoscaler", "h", scaleTargetRef={"kind": "Deployment",
                                                                 "name": "web"})
    claim = simple("PersistentVolumeClaim", "c", volumeName="v")
    volume = simple("PersistentVolume", "v", claimRef={"namespace": "default", "name": "c"})
    cron = simple("CronJob", "cron", jobTemplate={"spec": {}})
    found: dict[str, object] = {}
    for res in (web, ingress, sts, hpa, claim, volume, cron):
        found.update(_labels(res))
    for english in ("pull", "envFrom", "owner", "tls", "governs", "scales", "volumeName",
                    "claimRef", "jobTemplate"):
        assert_bilingual(found[english], english)
    route = found["default -> 80"]
    assert_bilingual(route, "default -> 80")
    assert isinstance(route, Text) and route.ko == "기본 백엔드 -> 80"
    assert {"binds"} <= set(EDGE_WORDS)  # the graph's own PV-controller label


def test_plain_route_labels_stay_plain_strings():
    ingress = simple("Ingress", "in", rules=[{"host": "a.example", "http": {"paths": [
        {"path": "/api", "pathType": "Prefix",
         "backend": {"service": {"name": "web", "port": {"name": "http"}}}}]}}])
    [ref] = references(ingress)
    assert ref.label == "a.example/api -> http" and not isinstance(ref.label, Text)


def test_pv_binding_edges_keep_their_english_label():
    claim, volume = pvc("data", cls="slow"), pv("vol", cls="slow")
    doc = Document([claim, volume])
    graph = WiringGraph(doc)
    [edge] = graph.out_edges(claim.id, "binds")
    assert edge.label == "binds" and EDGE_WORDS[edge.label].ko == "바인딩"
