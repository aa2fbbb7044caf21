"""Menus, toolbar actions and their standard shortcuts."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from kubecanvas.ui.diagram_formats import DIAGRAM_FORMATS, diagram_writer
from kubecanvas.ui.replicas import REPLICA_KINDS

if TYPE_CHECKING:
    from kubecanvas.ui.main_window import MainWindow

Std = QKeySequence.StandardKey


def _action(window: MainWindow, text: str, slot: object, keys: object = None,
            tip: str = "") -> QAction:
    action = QAction(text, window)
    if keys is not None:
        if isinstance(keys, (list, tuple)):
            action.setShortcuts([QKeySequence(k) for k in keys])
        elif isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(str(keys)))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)  # type: ignore[arg-type]
    window.addAction(action)
    return action


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Every window action by name (also used by tests)."""
    files = window.files
    view = window.view
    ed = window.editor
    sel = window.selected_ids
    acts = {
        "new": _action(window, "&New", files.new, Std.New),
        "open": _action(window, "&Open…", files.open, Std.Open),
        "open_folder": _action(window, "Open &Folder…", files.open_folder, "Ctrl+Shift+O"),
        "save": _action(window, "&Save", files.save, Std.Save),
        "save_as": _action(window, "Save &As…", files.save_as, Std.SaveAs),
        "import_yaml": _action(window, "&Import YAML…", files.import_yaml, "Ctrl+I"),
        "export_yaml": _action(window, "&Export YAML…", files.export_yaml, "Ctrl+E"),
        "export_image": _action(window, "Export I&mage…", files.export_image, "Ctrl+Shift+E",
                                "Export the diagram (or the selection) as PNG, SVG or PDF"),
        "export_selection_image": _action(
            window, "Export &Selection as Image…", lambda: files.export_image(selection=True),
            tip="Export only the selected resources as PNG, SVG or PDF"),
        "quit": _action(window, "&Quit", window.close, Std.Quit),
        "cut": _action(window, "Cu&t", lambda: _cut(window), Std.Cut),
        "copy": _action(window, "&Copy", lambda: ed.copy(sel()), Std.Copy),
        "paste": _action(window, "&Paste", ed.paste, Std.Paste),
        "duplicate": _action(window, "D&uplicate", lambda: ed.duplicate(sel()), "Ctrl+D"),
        "delete": _action(window, "&Delete", window.delete_selection, ["Del", "Backspace"]),
        "select_all": _action(window, "Select &All", lambda: _select_all(window), Std.SelectAll),
        "find": _action(window, "&Find…", lambda: _focus_find(window), Std.Find),
        "zoom_in": _action(window, "Zoom &In", lambda: view.zoom_by(1.25), Std.ZoomIn),
        "zoom_out": _action(window, "Zoom &Out", lambda: view.zoom_by(0.8), Std.ZoomOut),
        "zoom_fit": _action(window, "Zoom to &Fit", lambda: view.zoom_to_fit(), "Ctrl+Shift+H"),
        "zoom_100": _action(window, "Zoom &100%", lambda: view.set_zoom(1.0), "Ctrl+0"),
        "auto_layout": _action(window, "&Auto Layout", window.auto_layout, "Ctrl+Shift+L",
                               "Lay out by traffic: Ingress → Service → workloads → claims"),
    }
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(Std.Undo)
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(Std.Redo)
    window.addAction(undo)
    window.addAction(redo)
    acts["undo"], acts["redo"] = undo, redo
    replicas = QAction("Show &Replicas", window, checkable=True, checked=False)
    replicas.setStatusTip("Show the pods each workload runs (web-0, web-1 and their claims)")
    replicas.toggled.connect(
        lambda on: window.scene.show_all_replicas(on) if window.scene else None)
    acts["replicas"] = replicas
    snap = QAction("&Snap to Grid", window, checkable=True, checked=True)
    snap.toggled.connect(lambda on: setattr(window.scene, "snap", on) if window.scene else None)
    acts["snap"] = snap
    return acts


def _cut(window: MainWindow) -> None:
    window.editor.copy(window.selected_ids())
    window.delete_selection()


def _select_all(window: MainWindow) -> None:
    if window.scene is not None:
        window.scene.select_ids(window.scene.nodes)


def _focus_find(window: MainWindow) -> None:
    window.find_box.setFocus()
    window.find_box.selectAll()


def _fill(menu: QMenu, names: Sequence[str | None], acts: dict[str, QAction]) -> None:
    for name in names:
        if name is None:
            menu.addSeparator()
        else:
            menu.addAction(acts[name])


def build_menus(window: MainWindow, acts: dict[str, QAction]) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    _fill(file_menu, ("new", "open", "open_folder"), acts)
    recent = file_menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(partial(_fill_recent, window, recent))
    _fill(file_menu, (None, "save", "save_as", None, "import_yaml", "export_yaml",
                      "export_image", "export_selection_image"), acts)
    add_diagram_exports(window, file_menu)
    _fill(file_menu, (None, "quit"), acts)
    _fill(bar.addMenu("&Edit"), ("undo", "redo", None, "cut", "copy", "paste", "duplicate",
                                 "delete", None, "select_all", "find"), acts)
    view = bar.addMenu("&View")
    _fill(view, ("zoom_in", "zoom_out", "zoom_fit", "zoom_100", None, "replicas", "snap", None),
          acts)
    theme = view.addMenu("Canvas &Theme")
    group = QActionGroup(theme)
    current = str(window.settings.value("canvasTheme", "system"))
    for name, text in (("system", "Follow &System"), ("light", "&Light"), ("dark", "&Dark")):
        action = QAction(text, theme, checkable=True, checked=name == current)
        action.triggered.connect(partial(window.set_canvas_theme, name))
        group.addAction(action)
        theme.addAction(action)
    panels = view.addMenu("&Panels")
    for dock in (window.palette_panel, window.inspector, window.problems, window.yaml_panel):
        panels.addAction(dock.toggleViewAction())
    _fill(bar.addMenu("&Arrange"), ("auto_layout",), acts)


def canvas_menu(window: MainWindow, on_node: bool) -> QMenu:
    """The right-click menu of the canvas: for the selection, or for the empty canvas."""
    menu = QMenu(window.view)
    acts = window.actions_by_name
    if on_node:
        rename = menu.addAction("Rename…")
        ids = window.selected_ids()
        rename.setEnabled(len(ids) == 1)
        rename.triggered.connect(lambda: window.rename(ids[0]) if ids else None)
        _replica_toggle(window, menu, ids)
        _fill(menu, (None, "cut", "copy", "duplicate", "delete", None,
                     "export_selection_image"), acts)
        teaching = getattr(window, "teaching", None)
        if teaching is not None:
            menu.addSeparator()
            menu.addAction(teaching.actions["explain"])
    else:
        _fill(menu, ("paste", "select_all", None, "auto_layout", "zoom_fit"), acts)
    return menu


def _replica_toggle(window: MainWindow, menu: QMenu, ids: list[str]) -> None:
    """'Show Replicas' for the selected workloads (per node, unlike the View option)."""
    scene = window.scene
    if scene is None:
        return
    owners = [i for i in ids if i in scene.nodes and scene.nodes[i].kind in REPLICA_KINDS]
    if not owners:
        return
    shown = all(i in scene.replicas for i in owners)
    action = menu.addAction("Hide Replicas" if shown else "Show Replicas")
    action.triggered.connect(lambda: [scene.show_replicas(i, not shown) for i in owners])


def add_diagram_exports(window: MainWindow, menu: QMenu) -> None:
    """'Export draw.io…' and 'Export Mermaid…' when the io layer provides those writers."""
    for suffix, title in DIAGRAM_FORMATS.items():
        if diagram_writer(suffix) is not None:
            action = menu.addAction(f"Export {title}…")
            action.triggered.connect(partial(window.files.export_diagram, suffix))


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = window.recent.paths()
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(partial(window.open_paths, [Path(path)]))
    if not paths:
        menu.addAction("No recent files").setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction("Clear Recent", window.recent.clear)
