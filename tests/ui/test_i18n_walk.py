"""A fully built window in Korean: every text a user can see is Korean, or on a short list of
texts that must stay as written (names, YAML syntax, kind names beside their Korean term)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from tests.model.factories import service, simple

from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.namespace_frame import NamespaceFrameItem
from kubecanvas.ui.canvas.node_item import NodeItem
from kubecanvas.ui.commands import actions, design_files
from kubecanvas.ui.i18n import has_hangul
from kubecanvas.ui.panels.inspector_fields import __file__ as FIELDS_FILE

#: texts that stay as they are in Korean, and why
ALLOWED = {
    "English": "the language menu names each language in itself",
    "한국어": "the language menu names each language in itself",
    "100%": "a zoom factor",
    "default": "the name of the default namespace (a placeholder value)",
}


def syntax_hints() -> set[str]:
    """Form placeholders that are only examples of what to type (`app=web`, `10Gi`): typed as
    they are in Korean too. (Placeholders in words are marked with N_ and translated.)"""
    hints: set[str] = set()
    for node in ast.walk(ast.parse(Path(FIELDS_FILE).read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "hint" and \
                isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            hints.add(node.value.value)
    return hints


@pytest.fixture
def korean_window(make_window) -> Iterator[object]:
    """The bundled example plus a Service that selects nothing, a CronJob and a Job (so there
    are problems), every dock shown, in Korean."""
    window = make_window()
    session = design_files.open_paths([design_files.EXAMPLE])
    for res in (service("orphan", {"app": "nothing"}, ns="shop"),
                simple("CronJob", "nightly", ns="shop", schedule="0 3 * * *"),
                simple("Job", "once", ns="shop")):
        session.document.add(res)
    window.set_session(session)
    window.set_language("ko")
    for dock in window.findChildren(QDockWidget):
        dock.show()
    yield window
    i18n.set_language("en")
    i18n.MISSING.clear()


def menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield "menu", menu.title()
    menu.aboutToShow.emit()  # menus filled on opening (Open Recent)
    for action in menu.actions():
        if action.menu() is not None:
            yield from menu_texts(action.menu())
        elif not action.isSeparator():
            yield "action", action.text()
            yield "status tip", action.statusTip()
            if action.toolTip() != action.text().replace("&", ""):
                yield "tooltip", action.toolTip()


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Titles, labels, buttons, placeholders, headers, tabs, list rows and their tooltips of
    every visible widget under `root` (values typed into fields are the user's, not ours)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if isinstance(widget, QDockWidget):
            yield "dock", widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            text = widget.text()
            if not (text.endswith("…") and widget.toolTip().startswith(text[:-1])):
                yield type(widget).__name__, text  # elided: the whole is its tooltip, below
        if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QComboBox):
            yield "placeholder", widget.placeholderText()
        if isinstance(widget, QTabWidget):
            yield from (("tab", widget.tabText(i)) for i in range(widget.count()))
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            yield from (("header", header.text(i)) for i in range(header.columnCount()))
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield "list", widget.item(i).text()
                yield "list tooltip", widget.item(i).toolTip()
        yield "tooltip", widget.toolTip()


def canvas_texts(window) -> Iterator[tuple[str, str]]:
    for item in window.scene.items():
        if isinstance(item, NodeItem | EdgeItem | NamespaceFrameItem):
            yield type(item).__name__, item.toolTip()


def english_left(texts: list[tuple[str, str]], window) -> list[tuple[str, str]]:
    """The texts with English words that are neither allowed nor a value of the design."""
    document = window.session.document
    values = {r.name for r in document} | {str(v) for r in document for v in r.labels.values()}
    findings = window.session.validator.findings
    generated = {f.message for f in findings} | {f.field for f in findings} | \
        {f.fix.description for f in findings if f.fix is not None}
    hints = syntax_hints()
    left = []
    for where, text in texts:
        if not text or not i18n.has_letters(text) or has_hangul(text) or text in ALLOWED:
            continue
        if where == "placeholder" and text in hints:
            continue
        if text in values or text in generated:  # names people chose, validator output
            continue
        if text == f"{window.session.title}[*] — KubeCanvas":  # the file's name, the app's
            continue
        left.append((where, text))
    return left


def test_every_visible_text_of_the_korean_window_is_korean(korean_window, qtbot) -> None:
    window = korean_window
    texts: list[tuple[str, str]] = [("window", window.windowTitle())]
    for action in window.menuBar().actions():
        texts += menu_texts(action.menu())
    texts.append(("find", window.find_box.placeholderText()))
    texts += [("toolbar", a.toolTip()) for a in window.toolbar.actions() if not a.isSeparator()]
    texts += [("status", window.counts_label.text())]
    assert window.problems.findings, "the walk needs problems to show"
    texts += widget_texts(window.problems)
    texts += canvas_texts(window)
    kinds_seen = set()
    for res in list(window.session.document):  # the inspector for every kind in the design
        window.scene.select_ids([res.id])
        kinds_seen.add(res.kind)
        texts += widget_texts(window.inspector)
        texts += widget_texts(window.yaml_panel)
    window.scene.select_ids([r.id for r in window.session.document][:3])
    texts += widget_texts(window.inspector)
    texts += widget_texts(window.palette_panel)
    for on_node in (True, False):
        menu = actions.canvas_menu(window, on_node)
        texts += [("context menu", a.text()) for a in menu.actions()]
    assert {"Deployment", "Service", "Secret", "CronJob", "Job",
            "PersistentVolumeClaim", "Ingress"} <= kinds_seen
    assert len(texts) > 400
    left = english_left(texts, window)
    assert left == [], "\n".join(map(str, left))
    assert set() == i18n.MISSING


def test_switching_back_restores_english_everywhere(korean_window) -> None:
    window = korean_window
    res = next(r for r in window.session.document if r.kind == "Deployment")
    window.scene.select_ids([res.id])
    window.set_language("en")
    assert window.menuBar().actions()[0].text() == "&File"
    assert window.inspector.windowTitle() == "Inspector"
    assert window.inspector.form.labelForField(window.inspector.field_widget("Name")).text() \
        == "Name"
    assert window.yaml_panel.whole.text() == "Whole export"
    assert window.problems.summary.text().endswith(("errors", "warning", "warnings", "notes"))
    assert window.counts_label.text() == f"{len(window.session.document)} resources"
    node = window.scene.nodes[res.id]
    assert node.toolTip().startswith("Deployment shop/")
    texts = [t for _w, t in widget_texts(window)] + [t for _w, t in canvas_texts(window)]
    assert not any(has_hangul(t) for t in texts if t not in ("한국어",))
