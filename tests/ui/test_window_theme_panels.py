"""The panels' own colours follow View → Theme too: the load banner, the Inspector's error line,
the Cluster panel's answers, the Problems list's fix links. Each stays readable (4.5:1) in Dark
and in Light."""

from __future__ import annotations

import re

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QMenu
from tests.model.factories import deployment, service

from kubecanvas.cluster.server import Answer, ServerReport
from kubecanvas.ui.tones import contrast


def _theme(window, qtbot, text: str, dark: bool) -> None:
    view = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    theme = next(a.menu() for a in view.actions()
                 if isinstance(a.menu(), QMenu) and a.text().replace("&", "") == "Theme")
    next(a for a in theme.actions() if a.text().replace("&", "") == text).trigger()
    qtbot.waitUntil(lambda: (window.inspector.palette().color(QPalette.ColorRole.Window)
                             .lightness() < 128) == dark, timeout=3000)


def _styled(widget, role: QPalette.ColorRole) -> str:
    widget.ensurePolished()
    return widget.palette().color(role).name()


def _check(window) -> dict[str, str]:
    banner = window.load_banner
    background = _styled(banner, QPalette.ColorRole.Window)
    text = _styled(banner.label, QPalette.ColorRole.WindowText)
    assert contrast(text, background) >= 4.5, (text, background)
    page = window.inspector.palette().color(QPalette.ColorRole.Window).name()
    error = _styled(window.inspector.form_error, QPalette.ColorRole.WindowText)
    assert contrast(error, page) >= 4.5, (error, page)
    tree = window.cluster.panel.tree
    base = tree.palette().color(QPalette.ColorRole.Base).name()
    answers = [tree.topLevelItem(r).foreground(2).color().name()
               for r in range(tree.topLevelItemCount())]
    assert len(answers) == 2
    for answer in answers:
        assert contrast(answer, base) >= 4.5, (answer, base)
    problems = window.problems
    links = [problems.tree.itemWidget(item, 4) for item in problems._items()]
    # written out: a style sheet's palette(link) kept the light theme's blue on Xvfb
    sheet = next(b for b in links if b is not None).styleSheet()
    link = re.search(r"color: (#[0-9a-f]{6})", sheet).group(1)
    base = problems.tree.palette().color(QPalette.ColorRole.Base).name()
    assert contrast(link, base) >= 4.5, (link, base)  # the fix link
    return {"banner": background, "error": error, "answers": ",".join(answers), "link": link}


def test_panels_colours_follow_the_theme(make_window, qtbot) -> None:
    window = make_window([deployment("web"), service("lost", {"app": "nobody"})])
    window.load_banner.show_problems(["a.yaml:3:1: a tab character"])
    window.inspector.form_error.setText("not a number")
    window.cluster.panel.show_report(ServerReport("kind", True, [
        Answer("r1", "Deployment web", True, "created"),
        Answer("r2", "Service web", False, "rejected", "port 0 is invalid")]))
    window.show()  # polished on screen before the switch, as a user sees it
    qtbot.waitExposed(window)
    try:
        _theme(window, qtbot, "Light", False)  # Fusion first: a change of style re-reads
        _theme(window, qtbot, "Dark", True)  # style sheets, a change of palette alone not
        dark = _check(window)
        _theme(window, qtbot, "Light", False)
        light = _check(window)
        assert all(dark[k] != light[k] for k in dark), (dark, light)
    finally:
        window.set_canvas_theme("system")
