"""The dock sizes of a first start, before the user arranged anything.

Qt gives docks their size hints, which left the Inspector four fields tall under a What Happens
dock twice its size, and the Problems list two rows tall. On a first start the right column
gives the Inspector the larger part (it is where every edit happens) and the Problems list
room for `PROBLEM_ROWS` rows; the canvas keeps the rest. On a laptop's screen (1366x768) those
eight rows left the canvas 42 % of the height and the Palette two kinds: the Problems list
gives way so the canvas keeps `CANVAS_MIN_SHARE` of the window's height, and the Palette shows
at least down to the Deployment a first design starts with. A saved layout replaces all of this.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QTreeWidget

from kubecanvas.ui.panels.palette import KIND_ROLE, PalettePanel

#: rows the Problems list shows without scrolling on a first start (1600x1000 screen)
PROBLEM_ROWS = 8
#: the Inspector's share of the right column's height (What Happens gets the rest)
INSPECTOR_SHARE = 0.6
#: the right column's share of the window's width: set, not left to the docks' hints, which
#: gave it 210 px in Korean (the docks below asked for more) and squeezed What Happens' tables
RIGHT_SHARE = 0.19
#: the Palette's share of the left column's height (the Lessons below get the rest): Qt's hints
#: gave it four kinds, so the Deployment a first design starts with was out of sight
PALETTE_SHARE = 0.55
#: the least of the window's height the canvas keeps above the Problems list (with eight rows
#: on 1600x1000 it keeps 54 %)
CANVAS_MIN_SHARE = 0.5
#: the kind the Palette shows at least down to
FIRST_KIND = "Deployment"


def _dock(window: QMainWindow, name: str) -> QDockWidget | None:
    dock = window.findChild(QDockWidget, name)
    return dock if isinstance(dock, QDockWidget) and dock.isVisibleTo(window) else None


def problems_height(dock: QDockWidget) -> int:
    """The dock height that shows `PROBLEM_ROWS` rows of its list."""
    tree = dock.findChild(QTreeWidget)
    if tree is None:
        return 300
    # rows as tall as a message wrapped onto two lines, the most a row takes
    row = max(tree.sizeHintForRow(0), 2 * tree.fontMetrics().lineSpacing() + 6, 22)
    chrome = dock.sizeHint().height() - tree.sizeHint().height()  # title, summary, filter
    tabs = 32  # the tab bar of the docks that share its place (Cluster)
    return max(0, chrome) + tree.header().sizeHint().height() + row * PROBLEM_ROWS + tabs + 12


def palette_height(dock: QDockWidget) -> int:
    """The dock height that shows the Palette's list down to `FIRST_KIND` (0: no such kind)."""
    if not isinstance(dock, PalettePanel):
        return 0
    kinds = dock.list
    row = next((r for r in range(kinds.count())
                if kinds.item(r).data(KIND_ROLE) == FIRST_KIND), None)
    if row is None:
        return 0
    bottom = kinds.visualItemRect(kinds.item(row)).bottom() + kinds.verticalOffset()
    chrome = dock.height() - kinds.viewport().height()
    return chrome + bottom + 6


def _chrome(window: QMainWindow) -> int:
    """The height of the menu bar, the toolbars above the canvas, the status bar and the
    separators: what the window's height holds besides the canvas and the docks below it."""
    bars = [window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)]
    return sum(bar.sizeHint().height() for bar in bars if bar.isVisibleTo(window)) + 8


def set_corners(window: QMainWindow) -> None:
    """The right column (Inspector, What Happens) runs the full height of the window, down
    beside the Problems and YAML docks, so the Inspector is never squeezed by them. Corners
    are not part of a saved dock state: set on every start, before it is restored."""
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)


def apply_default_layout(window: QMainWindow) -> None:
    """Size the docks of a first start (see the module text)."""
    height = window.height()
    inspector, happens = _dock(window, "InspectorPanel"), _dock(window, "WhatHappensPanel")
    if inspector is not None and happens is not None:
        window.resizeDocks([inspector, happens],
                           [int(height * INSPECTOR_SHARE), int(height * (1 - INSPECTOR_SHARE))],
                           Qt.Orientation.Vertical)
        window.resizeDocks([inspector], [int(window.width() * RIGHT_SHARE)],
                           Qt.Orientation.Horizontal)
    problems, yaml = _dock(window, "ProblemsPanel"), _dock(window, "YamlPanel")
    if problems is not None:
        shared = height - _chrome(window)  # the canvas's and the Problems list's height
        window.resizeDocks([problems], [min(problems_height(problems),
                                            shared - int(height * CANVAS_MIN_SHARE))],
                           Qt.Orientation.Vertical)
        if yaml is not None:  # the YAML beside it reads well narrower than the problems
            window.resizeDocks([problems, yaml], [int(window.width() * 0.45),
                                                  int(window.width() * 0.2)],
                               Qt.Orientation.Horizontal)
    palette, lessons = _dock(window, "PalettePanel"), _dock(window, "LessonsPanel")
    if palette is not None and lessons is not None:
        column = palette.height() + lessons.height()
        top = max(int(column * PALETTE_SHARE), min(palette_height(palette), int(column * 0.8)))
        window.resizeDocks([palette, lessons], [top, column - top], Qt.Orientation.Vertical)
