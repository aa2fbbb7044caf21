"""The teaching panels' text browser: break marks never leave it, and a pixel's overflow shows
no horizontal scroll bar while a real overflow still does."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kubecanvas.ui.teaching.code_browser import SLACK, CodeBrowser, breakable

OFF, AS_NEEDED = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAsNeeded


def _browser(qtbot, width: int) -> CodeBrowser:
    browser = CodeBrowser()
    qtbot.addWidget(browser)
    browser.resize(width, 300)
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def _fixed_width_html(pixels: int) -> str:
    return (f"<table cellspacing='0' cellpadding='0'><tr><td width='{pixels}'>x</td></tr>"
            "</table>")


def test_a_table_a_pixel_wider_than_the_panel_shows_no_scroll_bar(qtbot) -> None:
    browser = _browser(qtbot, 240)
    margin = 2 * browser.document().documentMargin()
    browser.setHtml(_fixed_width_html(int(browser.viewport().width() - margin) + 1))
    over = browser.document().size().width() - browser.viewport().width()
    assert 0 < over <= SLACK
    assert browser.horizontalScrollBarPolicy() == OFF
    browser.setHtml(_fixed_width_html(int(browser.viewport().width()) + 80))
    assert browser.horizontalScrollBarPolicy() == AS_NEEDED
    assert browser.horizontalScrollBar().isVisible()


def test_narrowing_the_panel_brings_the_scroll_bar_back(qtbot) -> None:
    browser = _browser(qtbot, 400)
    browser.setHtml(_fixed_width_html(300))
    assert browser.horizontalScrollBarPolicy() == OFF
    browser.resize(200, 300)
    assert browser.horizontalScrollBarPolicy() == AS_NEEDED


def test_copied_text_has_no_break_marks(qtbot) -> None:
    browser = _browser(qtbot, 200)
    name = "web.shop.svc.cluster.local"
    browser.setHtml(f"<p>{breakable(name)}</p>")
    assert browser.toPlainText() != name and browser.plain_text() == name
    browser.selectAll()
    assert browser.createMimeDataFromSelection().text() == name
