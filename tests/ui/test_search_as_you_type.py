"""Search as you type, with the keyboard and the mouse on the real box and list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from tests.model.factories import deployment, service

from kubecanvas.model.templates import new_resource


def _window(make_window):
    items = [deployment("web", ns="shop"), deployment("webhook", ns="shop"),
             service("front", {"app": "web"}, ns="shop"),
             deployment("db", ns="data", labels={"app": "db", "tier": "data"})]
    return make_window(items), items


def _rows(window) -> list[list[str]]:
    tree = window.search.results
    return [[tree.topLevelItem(r).text(c) for c in range(4)]
            for r in range(tree.topLevelItemCount())]


def test_results_appear_while_typing_with_kind_name_namespace_and_why(make_window, qtbot):
    window, _ = _window(make_window)
    qtbot.keyClicks(window.find_box, "web")
    qtbot.waitUntil(window.search.results.isVisible)
    assert _rows(window) == [["Deployment", "web", "shop", "name"],
                             ["Deployment", "webhook", "shop", "name"]]
    window.find_box.clear()
    qtbot.keyClicks(window.find_box, "data")
    qtbot.waitUntil(lambda: bool(_rows(window)) and _rows(window)[0][1] == "db")
    assert _rows(window) == [["Deployment", "db", "data", "label tier=data"]]
    assert window.selected_ids() == []  # nothing chosen until Enter or a click


def test_arrow_and_enter_go_to_one(make_window, qtbot):
    window, items = _window(make_window)
    qtbot.keyClicks(window.find_box, "web")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.selected_ids() == [items[1].id]  # webhook
    node = window.scene.nodes[items[1].id]
    assert window.view.viewport().rect().contains(window.view.mapFromScene(node.sceneBoundingRect().center()))
    assert not window.search.results.isVisible()


def test_click_goes_to_one(make_window, qtbot):
    window, items = _window(make_window)
    qtbot.keyClicks(window.find_box, "tier=data")
    qtbot.waitUntil(window.search.results.isVisible)
    tree = window.search.results
    rect = tree.visualItemRect(tree.topLevelItem(0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected_ids() == [items[3].id]


def test_escape_clears_and_a_new_design_clears(make_window, qtbot):
    window, _ = _window(make_window)
    qtbot.keyClicks(window.find_box, "web")
    qtbot.waitUntil(window.search.results.isVisible)
    qtbot.keyClick(window.find_box, Qt.Key.Key_Escape)
    assert window.find_box.text() == "" and not window.search.results.isVisible()
    qtbot.keyClicks(window.find_box, "front")
    qtbot.waitUntil(window.search.results.isVisible)
    window.actions_by_name["new"].trigger()
    assert window.find_box.text() == "" and not window.search.results.isVisible()


def test_nothing_found_says_so(make_window, qtbot):
    window = make_window([new_resource("ConfigMap", [])])
    qtbot.keyClicks(window.find_box, "zzz")
    qtbot.waitUntil(window.search.results.isVisible)
    assert _rows(window)[0][0] == "No resource matches"
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert window.selected_ids() == []


def test_kind_and_namespace_terms_say_why(make_window, qtbot):
    window, _ = _window(make_window)
    qtbot.keyClicks(window.find_box, "kind:Service ns:shop")
    qtbot.waitUntil(lambda: _rows(window)[:1] == [["Service", "front", "shop",
                                                   "kind Service, namespace shop"]])
    assert len(_rows(window)) == 1
    window.find_box.clear()
    qtbot.keyClicks(window.find_box, "namespace:data")
    qtbot.waitUntil(lambda: _rows(window) == [["Deployment", "db", "data", "namespace data"]])
    assert "kind:" in window.find_box.placeholderText() and "ns:" in window.find_box.toolTip()


def test_a_korean_kind_word_finds_that_kind(make_window, qtbot):
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from kubecanvas.ui import i18n

    window, _ = _window(make_window)
    window.set_language("ko")
    try:
        window.find_box.setFocus()
        commit = QInputMethodEvent()  # Korean arrives from the input method, committed
        commit.setCommitString("디플로이먼트")
        QApplication.sendEvent(window.find_box, commit)
        qtbot.waitUntil(lambda: len(_rows(window)) == 3)
        assert {r[1] for r in _rows(window)} == {"web", "webhook", "db"}
        assert {r[3] for r in _rows(window)} == {"종류 디플로이먼트"}
        assert "kind:서비스" in window.find_box.placeholderText()
        assert window.find_box.placeholderText().startswith("찾기")
    finally:
        window.set_language("en")
        i18n.set_language("en")
