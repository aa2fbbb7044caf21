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
