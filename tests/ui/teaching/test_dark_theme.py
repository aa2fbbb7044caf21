"""The teaching docks follow View → Theme: every coloured text (a step's mark, its hint, a wrong
answer's verdict, What Happens' red and green, Explain's link) stays readable, at least 4.5:1
against its background, in Dark and in Light, switched through the View menu."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMenu, QTextBrowser

from kubecanvas.model.edits import SetField
from kubecanvas.ui.tones import contrast

from .helpers import do_step, rid, select

MIN_CONTRAST = 4.5


def theme_action(window, text: str):
    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    theme = next(a.menu() for a in view.actions()
                 if isinstance(a.menu(), QMenu) and a.text().replace("&", "") == "Theme")
    return next(a for a in theme.actions() if a.text().replace("&", "") == text)


def _window_colour(widget) -> str:
    return widget.palette().color(QPalette.ColorRole.Window).name()


def label_colours(label: QLabel) -> list[str]:
    """The text colours a label shows: its style sheet's and its rich text's."""
    found = re.findall(r"color:\s*(#[0-9a-fA-F]{6})", label.styleSheet() + label.text())
    return found or [label.palette().color(QPalette.ColorRole.WindowText).name()]


def browser_colours(browser: QTextBrowser) -> list[str]:
    return re.findall(r"color:\s*(#[0-9a-fA-F]{6})", browser.toHtml())


def assert_readable(colours: list[str], background: str, what: str) -> None:
    for colour in colours:
        assert contrast(colour, background) >= MIN_CONTRAST, (what, colour, background)


def _switch(window, qtbot, name: str, dark: bool) -> None:
    theme_action(window, name).trigger()
    qtbot.waitUntil(lambda: (window.teaching.lessons_panel.palette().color(
        QPalette.ColorRole.Window).lightness() < 128) == dark, timeout=3000)
    qtbot.wait(10)  # the posted palette events reach the docks' children


def _readable_everywhere(window) -> dict[str, list[str]]:
    controller = window.teaching
    panel = controller.lessons_panel
    seen: dict[str, list[str]] = {}
    for index, step in enumerate(panel.steps[:2]):
        for part in (step.mark, step.hint, step.verdict):
            if part.isHidden() and part is not step.mark:
                continue
            colours = label_colours(part)
            assert_readable(colours, _window_colour(panel), f"step {index} {part.objectName()}")
            seen.setdefault("lessons", []).extend(colours)
    assert_readable(label_colours(panel.banner), _window_colour(panel), "banner")
    happens = controller.happens_panel.browser
    colours = browser_colours(happens)
    assert colours, "What Happens shows a coloured verdict"
    assert_readable(colours, happens.palette().color(QPalette.ColorRole.Base).name(), "happens")
    seen["happens"] = colours
    explain = controller.explain_panel.browser
    colours = browser_colours(explain)
    assert_readable(colours, explain.palette().color(QPalette.ColorRole.Base).name(), "explain")
    seen["explain"] = colours
    return seen


def test_teaching_docks_are_readable_in_dark_and_light(teaching, qtbot) -> None:
    window, controller = teaching("services")
    do_step(window, "services", 0)
    panel = controller.lessons_panel
    question = panel.steps[1]
    wrong = next(b for b in question.choice_buttons if b.property("choice") != "3")
    qtbot.mouseClick(wrong, Qt.MouseButton.LeftButton)
    assert not question.verdict.isHidden()
    if not question.hint_button.isHidden():
        qtbot.mouseClick(question.hint_button, Qt.MouseButton.LeftButton)
    select(window, "Service", "web")
    path = ("spec", "template", "metadata", "labels", "app")
    window.editor.push(SetField(rid(window, "Deployment", "web"), path, "web2"))
    assert "Traffic reaches no pod." in controller.happens_panel.browser.toPlainText()
    try:
        _switch(window, qtbot, "Dark", dark=True)
        dark = _readable_everywhere(window)
        _switch(window, qtbot, "Light", dark=False)
        light = _readable_everywhere(window)
        assert set(dark["happens"]).isdisjoint(light["happens"])  # each theme its own red
        assert set(dark["lessons"]) != set(light["lessons"])
    finally:
        window.set_canvas_theme("system")
