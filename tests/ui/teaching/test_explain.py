"""Explanations for the selected node, edge or finding, with a documentation link."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .helpers import rid, select


def shown(controller) -> str:
    return controller.explain_panel.browser.toPlainText()


def test_a_selected_node_is_explained_with_a_link(teaching) -> None:
    window, controller = teaching("services")
    select(window, "Deployment", "web")
    text = shown(controller)
    assert text.startswith("Deployment")
    for heading in ("What it is", "At run time", "Why it matters", "Kubernetes documentation"):
        assert heading in text
    html = controller.explain_panel.browser.toHtml()
    assert "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/" in html
    assert controller.explain_panel.browser.openExternalLinks()
    window.scene.clearSelection()
    assert "Select a resource, a wire or a problem" in shown(controller)


def test_a_selected_edge_is_explained(teaching) -> None:
    window, controller = teaching("ingress")
    service, deployment = rid(window, "Service", "api"), rid(window, "Deployment", "api")
    key = next(k for k in window.scene.edge_items if k[:2] == (service, deployment))
    window.scene.clearSelection()
    window.scene.edge_items[key].setSelected(True)
    assert controller.explain_panel.explanation is not None
    assert controller.explain_panel.explanation.key == "edge:selects"
    assert "app=api" in shown(controller)  # the edge's own label leads


def test_a_finding_is_explained_with_why_it_matters(teaching, qtbot) -> None:
    window, controller = teaching("services")
    problems = window.problems
    item = problems.tree.topLevelItem(0)
    problems.tree.setCurrentItem(item)
    problems._clicked(item, 1)  # what a click on the row does
    explanation = controller.explain_panel.explanation
    assert explanation is not None and explanation.key == "rule:service.selector.no-match"
    assert "app=wbe" in shown(controller)  # the finding's own message
    assert "Why it matters" in shown(controller)
    qtbot.waitUntil(controller.explain_panel.isVisible)


def test_shift_f1_explains_the_selection(teaching, qtbot) -> None:
    window, controller = teaching("jobs")
    controller.happens_panel.raise_()
    select(window, "CronJob", "nightly-report")
    controller.explain_panel.show_explanation(None)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert shown(controller).startswith("CronJob")
    qtbot.waitUntil(controller.explain_panel.isVisible)
