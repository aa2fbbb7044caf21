"""Menus, toolbar actions and their standard shortcuts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMenuBar

from kubecanvas.ui import i18n
from kubecanvas.ui.canvas.replicas import REPLICA_KINDS
from kubecanvas.ui.commands.diagram_formats import DIAGRAM_FORMATS, diagram_writer
from kubecanvas.ui.commands.hardening_ui import harden_selected, hardenable
from kubecanvas.ui.commands.layers_menu import layer_actions
from kubecanvas.ui.commands.shell import EditorShell
from kubecanvas.ui.commands.undo import retranslate_stack
from kubecanvas.ui.i18n import N_, tr

if TYPE_CHECKING:
    from kubecanvas.ui.commands.file_commands import FileCommands
    from kubecanvas.ui.commands.picture_view import PictureView
    from kubecanvas.ui.panels.yaml_panel import YamlPanel

Std = QKeySequence.StandardKey
#: the widest an Undo/Redo toolbar button's label gets, in pixels
UNDO_LABEL_WIDTH = 180


class MenuHost(EditorShell, Protocol):
    """The window as its menus and toolbar actions see it: the shell and what menus trigger."""

    files: FileCommands
    picture: PictureView
    yaml_panel: YamlPanel
    find_box: QLineEdit
    language_actions: dict[str, QAction]
    actions_by_name: dict[str, QAction]

    def selected_ids(self) -> list[str]: ...
    def delete_selection(self) -> None: ...
    def auto_layout(self) -> None: ...
    def rename(self, rid: str) -> None: ...
    def set_language(self, code: str) -> None: ...
    def set_canvas_theme(self, choice: str) -> None: ...


def standard_keys(key: QKeySequence.StandardKey, *extra: str) -> list[QKeySequence]:
    """The platform's keys for a standard command, then `extra` keys it may lack: Linux
    desktops redo with Ctrl+Y as well as Ctrl+Shift+Z, and zoom in with Ctrl+= (the same key
    as + without Shift) as well as Ctrl++."""
    keys = list(QKeySequence.keyBindings(key))
    for text in extra:
        sequence = QKeySequence(text)
        if sequence not in keys:
            keys.append(sequence)
    return keys


def _action(window: MenuHost, text: str, slot: object, keys: object = None,
            tip: str = "") -> QAction:
    action = QAction(window.qt_window())
    _source(action, text, tip)
    if keys is not None:
        if isinstance(keys, (list, tuple)):
            action.setShortcuts([QKeySequence(k) for k in keys])  # type: ignore[call-overload]
        elif isinstance(keys, QKeySequence.StandardKey):
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(str(keys)))
    action.triggered.connect(slot)  # type: ignore[arg-type]
    window.qt_window().addAction(action)
    return action


def _source(target: QAction | QMenu, text: str, tip: str = "") -> None:
    """Remember the English text (and status tip) of a menu or action, and show it translated;
    `retranslate` shows them again after the language changed."""
    target.setProperty("source_text", text)
    target.setProperty("source_tip", tip)
    _show(target)


def _show(target: QAction | QMenu) -> None:
    text, tip = str(target.property("source_text")), str(target.property("source_tip") or "")
    if isinstance(target, QMenu):
        target.setTitle(tr(text))
        return
    if target.property("source_format"):
        target.setText(tr(text).format(format=tr(str(target.property("source_format")))))
    elif target.property("undo_text"):
        text = tr("{action} {command}").format(action=tr(text),
                                               command=target.property("undo_text"))
        target.setText(text)
    else:
        target.setText(tr(text))
    # toolbar buttons: 'Save', '저장' (not '저장(S)': Qt strips only the '&' of a mnemonic)
    target.setIconText(re.sub(r"\(&\w\)|&|…", "", target.text()).strip())
    if target.property("undo_text"):  # 'Undo Rename Deployment shop/… ' would push the
        full = target.iconText()        # search box off the toolbar: elided, whole in the tip
        target.setIconText(QFontMetrics(QApplication.font()).elidedText(
            full, Qt.TextElideMode.ElideRight, UNDO_LABEL_WIDTH))
        target.setToolTip(full)
    if tip:
        target.setStatusTip(tr(tip))


def _undo_text(action: QAction, command: str) -> None:
    """Undo/Redo name the step they would take back: '&Undo Move web'."""
    action.setProperty("undo_text", command)
    _show(action)


def retranslate(window: MenuHost) -> None:
    """Show every menu and action of the window (not those of add-ons) in the language now set."""
    targets: list[QAction | QMenu] = [*window.qt_window().findChildren(QMenu),
                                      *window.qt_window().findChildren(QAction)]
    retranslate_stack(window.undo_stack)
    stack_texts = {"undo": window.undo_stack.undoText(), "redo": window.undo_stack.redoText()}
    for target in targets:
        if target.property("undo_text"):
            name = "undo" if target.property("source_text") == "&Undo" else "redo"
            target.setProperty("undo_text", stack_texts[name])
        if target.property("source_text"):
            _show(target)


def build_actions(window: MenuHost) -> dict[str, QAction]:
    """Every window action by name (also used by tests)."""
    files = window.files
    view = window.view
    ed = window.editor
    sel = window.selected_ids
    acts = {
        "new": _action(window, N_("&New"), files.new, Std.New),
        "open": _action(window, N_("&Open…"), files.open, Std.Open),
        "open_folder": _action(window, N_("Open &Folder…"), files.open_folder, "Ctrl+Shift+O"),
        "save": _action(window, N_("&Save"), files.save_in_background, Std.Save),
        "save_as": _action(window, N_("Save &As…"), files.save_as, Std.SaveAs),
        "import_yaml": _action(window, N_("&Import YAML…"), files.import_yaml, "Ctrl+I"),
        "export_yaml": _action(window, N_("&Export YAML…"), files.export_yaml, "Ctrl+E"),
        "export_image": _action(window, N_("Export I&mage…"), files.export_image, "Ctrl+Shift+E",
                                N_("Export the diagram (or the selection) as PNG, SVG or PDF")),
        "export_selection_image": _action(
            window, N_("Export &Selection as Image…"), lambda: files.export_image(selection=True),
            tip=N_("Export only the selected resources as PNG, SVG or PDF")),
        "quit": _action(window, N_("&Quit"), window.qt_window().close, Std.Quit),
        "cut": _action(window, N_("Cu&t"), lambda: _cut(window), Std.Cut),
        "copy": _action(window, N_("&Copy"), lambda: ed.copy(sel()), Std.Copy),
        "paste": _action(window, N_("&Paste"), ed.paste, Std.Paste),
        "duplicate": _action(window, N_("D&uplicate"), lambda: ed.duplicate(sel()), "Ctrl+D"),
        "delete": _action(window, N_("&Delete"), window.delete_selection, ["Del", "Backspace"]),
        "select_all": _action(window, N_("Select &All"), lambda: _select_all(window),
                              Std.SelectAll),
        "find": _action(window, N_("&Find…"), lambda: _focus_find(window), Std.Find),
        "zoom_in": _action(window, N_("Zoom &In"), lambda: view.zoom_by(1.25),
                           standard_keys(Std.ZoomIn, "Ctrl++", "Ctrl+=")),
        "zoom_out": _action(window, N_("Zoom &Out"), lambda: view.zoom_by(0.8),
                            standard_keys(Std.ZoomOut, "Ctrl+-")),
        "zoom_fit": _action(window, N_("Zoom to &Fit"), lambda: view.zoom_to_fit(), "Ctrl+Shift+H"),
        "zoom_100": _action(window, N_("Zoom &100%"), lambda: view.set_zoom(1.0), "Ctrl+0"),
        "auto_layout": _action(window, N_("&Auto Layout"), window.auto_layout, "Ctrl+Shift+L",
                               N_("Lay out by traffic: Ingress → Service → workloads → claims")),
    }
    stack = window.undo_stack
    acts["undo"] = _action(window, N_("&Undo"), stack.undo, Std.Undo)
    acts["redo"] = _action(window, N_("&Redo"), stack.redo,
                           standard_keys(Std.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
    for name, changed, enabled in (("undo", stack.undoTextChanged, stack.canUndoChanged),
                                   ("redo", stack.redoTextChanged, stack.canRedoChanged)):
        acts[name].setEnabled(False)
        enabled.connect(acts[name].setEnabled)
        changed.connect(partial(_undo_text, acts[name]))
    replicas = QAction(window.qt_window(), checkable=True, checked=False)
    _source(replicas, N_("Show &Replicas"),
            N_("Show the pods each workload runs (web-0, web-1 and their claims)"))
    replicas.toggled.connect(
        lambda on: window.scene.show_all_replicas(on) if window.scene else None)
    acts["replicas"] = replicas
    snap = QAction(window.qt_window(), checkable=True, checked=True)
    _source(snap, N_("&Snap to Grid"))
    snap.toggled.connect(lambda on: setattr(window.scene, "snap", on) if window.scene else None)
    acts["snap"] = snap
    acts.update(window.picture.actions)  # claims per replica, legend, overview
    return acts


def _cut(window: MenuHost) -> None:
    window.editor.copy(window.selected_ids())
    window.delete_selection()


def _select_all(window: MenuHost) -> None:
    if window.scene is not None:
        window.scene.select_ids(window.scene.nodes)


def _focus_find(window: MenuHost) -> None:
    window.find_box.setFocus()
    window.find_box.selectAll()


def _fill(menu: QMenu, names: Sequence[str | None], acts: dict[str, QAction]) -> None:
    for name in names:
        if name is None:
            menu.addSeparator()
        else:
            menu.addAction(acts[name])


def _menu(parent: QMenu | QMenuBar, text: str) -> QMenu:
    """A menu titled in English for now (add-ons find the View menu by its English title while
    the window is built); `retranslate` shows it in the chosen language."""
    menu = parent.addMenu(text)
    menu.setProperty("source_text", text)
    return menu


def build_menus(window: MenuHost, acts: dict[str, QAction]) -> None:
    bar = window.qt_window().menuBar()
    file_menu = _menu(bar, N_("&File"))
    _fill(file_menu, ("new", "open", "open_folder"), acts)
    recent = _menu(file_menu, N_("Open &Recent"))
    recent.aboutToShow.connect(partial(_fill_recent, window, recent))
    _fill(file_menu, (None, "save", "save_as", None, "import_yaml", "export_yaml",
                      "export_image", "export_selection_image"), acts)
    add_diagram_exports(window, file_menu)
    _fill(file_menu, (None, "quit"), acts)
    _fill(_menu(bar, N_("&Edit")), ("undo", "redo", None, "cut", "copy", "paste", "duplicate",
                                    "delete", None, "select_all", "find"), acts)
    view = _menu(bar, N_("&View"))
    _fill(view, ("zoom_in", "zoom_out", "zoom_fit", "zoom_100", None, "replicas",
                 "claims_per_replica", "legend", "overview", "snap", None), acts)
    layer_actions(window, _menu(view, N_("La&yers")))
    theme = _menu(view, N_("&Theme"))
    group = QActionGroup(theme)
    current = str(window.settings.value("canvasTheme", "system"))
    for name, text in (("system", N_("Follow &System")), ("light", N_("&Light")),
                       ("dark", N_("&Dark"))):
        action = QAction(theme, checkable=True, checked=name == current)
        _source(action, text)
        action.triggered.connect(partial(window.set_canvas_theme, name))
        group.addAction(action)
        theme.addAction(action)
    panels = _menu(view, N_("&Panels"))
    for dock in (window.palette_panel, window.inspector, window.problems, window.yaml_panel):
        panels.addAction(dock.toggleViewAction())
    _language_menu(window, _menu(view, N_("&Language")))
    _fill(_menu(bar, N_("&Arrange")), ("auto_layout",), acts)


def _language_menu(window: MenuHost, menu: QMenu) -> None:
    """View → Language: each language in its own name; checked follows the one setting."""
    group = QActionGroup(menu)
    window.language_actions = {}
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, menu, checkable=True, checked=code == i18n.language())
        action.triggered.connect(partial(window.set_language, code))
        group.addAction(action)
        menu.addAction(action)
        window.language_actions[code] = action


def canvas_menu(window: MenuHost, on_node: bool) -> QMenu:
    """The right-click menu of the canvas: for the selection, or for the empty canvas."""
    menu = QMenu(window.view)
    acts = window.actions_by_name
    if on_node:
        rename = menu.addAction(tr("Rename…"))
        ids = window.selected_ids()
        rename.setEnabled(len(ids) == 1)
        rename.triggered.connect(lambda: window.rename(ids[0]) if ids else None)
        _replica_toggle(window, menu, ids)
        if hardenable(window) is not None:
            harden = menu.addAction(tr("Harden This Workload…"))
            harden.triggered.connect(lambda: harden_selected(window, window.qt_window()))
        _fill(menu, (None, "cut", "copy", "duplicate", "delete", None,
                     "export_selection_image"), acts)
        teaching = getattr(window, "teaching", None)
        if teaching is not None:
            menu.addSeparator()
            menu.addAction(teaching.actions["explain"])
    else:
        _fill(menu, ("paste", "select_all", None, "auto_layout", "zoom_fit"), acts)
    return menu


def _replica_toggle(window: MenuHost, menu: QMenu, ids: list[str]) -> None:
    """'Show Replicas' for the selected workloads (per node, unlike the View option)."""
    scene = window.scene
    if scene is None:
        return
    owners = [i for i in ids if i in scene.nodes and scene.nodes[i].kind in REPLICA_KINDS]
    if not owners:
        return
    shown = all(i in scene.replicas for i in owners)
    action = menu.addAction(tr("Hide Replicas") if shown else tr("Show Replicas"))
    action.triggered.connect(lambda: [scene.show_replicas(i, not shown) for i in owners])


def add_diagram_exports(window: MenuHost, menu: QMenu) -> None:
    """'Export draw.io…' and 'Export Mermaid…' when the io layer provides those writers."""
    for suffix, title in DIAGRAM_FORMATS.items():
        if diagram_writer(suffix) is not None:
            action = menu.addAction("")
            action.setProperty("source_format", title)
            _source(action, N_("Export {format}…"))
            action.triggered.connect(partial(window.files.export_diagram, suffix))


def _fill_recent(window: MenuHost, menu: QMenu) -> None:
    menu.clear()
    paths = window.recent.paths()
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(partial(window.open_paths, [Path(path)]))
    if not paths:
        menu.addAction(tr("No recent files")).setEnabled(False)
    else:
        menu.addSeparator()
        menu.addAction(tr("Clear Recent"), window.recent.clear)
