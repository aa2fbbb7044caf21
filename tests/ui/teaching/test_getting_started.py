"""An empty new design shows how to begin in What Happens, not an empty pod table; the first
resource dropped brings the simulation back."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from tests.ui.test_gestures import _drop

from kubecanvas.ui import i18n


def test_empty_design_shows_getting_started(make_window, qtbot) -> None:
    window = make_window([])
    panel = window.teaching.happens_panel
    panel.show()
    panel.raise_()
    window.actions_by_name["new"].trigger()
    panel.refresh()
    text = panel.browser.toPlainText()
    assert panel.heading.text() == "Getting started"
    assert "Drag a Deployment" in text and "Pod IP" not in text
    _drop(window, "Deployment", QPointF(200, 200))
    panel.show_resource(None)
    panel.refresh()
    assert panel.heading.text() != "Getting started"


def test_getting_started_in_korean(make_window) -> None:
    window = make_window([])
    window.set_language("ko")
    try:
        panel = window.teaching.happens_panel
        panel.show()
        panel.refresh()
        assert panel.heading.text() == "시작하기"
        assert "디플로이먼트" in panel.browser.toPlainText()
    finally:
        i18n.set_language("en")
        i18n.MISSING.clear()
