"""Colours and line styles shared by the canvas items, the icons and image export.

One place decides what a Deployment or a "mounts" edge looks like, so the screen, the light-theme
export and the palette icons agree. Colours are chosen to read on both light and dark canvases.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from kubecanvas.model.kinds import kind_info
from kubecanvas.model.record import record
from kubecanvas.model.references import EdgeType
from kubecanvas.ui.canvas.custom_looks import look_of
from kubecanvas.ui.i18n import N_

#: Accent colour per palette category (also the icon fill).
CATEGORY_COLOURS: dict[str, str] = {
    "workload": "#2f6fde",
    "network": "#169c7a",
    "storage": "#d9822b",
    "config": "#8a5cc7",
    "policy": "#c8463d",
    "cluster": "#5d6b7a",
    "other": "#6b7785",
}

#: Per-kind overrides so neighbours in the same category stay distinguishable.
KIND_COLOURS: dict[str, str] = {
    "Ingress": "#0f8a9c",
    "Service": "#169c7a",
    "ConfigMap": "#8a5cc7",
    "Secret": "#b3488f",
    "ServiceAccount": "#6d5fb0",
    "PersistentVolume": "#b8661c",
    "StorageClass": "#a0763a",
    "CronJob": "#4159c4",
    "Job": "#4d6fc9",
}


def kind_colour(kind: str, api_version: str = "") -> QColor:
    """The accent colour of a kind (of `api_version`'s group, for a mapped custom kind)."""
    if kind in KIND_COLOURS:
        return QColor(KIND_COLOURS[kind])
    look = look_of(kind, api_version)
    if look is not None and look.colour:
        return QColor(look.colour)
    return QColor(CATEGORY_COLOURS.get(kind_info(kind).category, CATEGORY_COLOURS["other"]))


@record(frozen=True)
class EdgeStyle:
    """How one edge type is drawn."""

    colour: str
    dash: Qt.PenStyle
    width: float
    title: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    EdgeType.SELECTS: EdgeStyle("#169c7a", Qt.PenStyle.SolidLine, 2.0, N_("selects")),
    EdgeType.ROUTES: EdgeStyle("#0f8a9c", Qt.PenStyle.SolidLine, 2.4, N_("routes")),
    EdgeType.MOUNTS: EdgeStyle("#d9822b", Qt.PenStyle.SolidLine, 1.8, N_("mounts")),
    EdgeType.ENV: EdgeStyle("#8a5cc7", Qt.PenStyle.DashLine, 1.6, N_("env")),
    EdgeType.BINDS: EdgeStyle("#b8661c", Qt.PenStyle.DashDotLine, 2.0, N_("binds")),
    EdgeType.RESERVES: EdgeStyle("#b8661c", Qt.PenStyle.DotLine, 1.4, N_("reserves")),
    EdgeType.GOVERNS: EdgeStyle("#5d6b7a", Qt.PenStyle.DashDotDotLine, 1.6, N_("governs")),
    EdgeType.SCALES: EdgeStyle("#c8463d", Qt.PenStyle.DashLine, 1.8, N_("scales")),
    EdgeType.TLS: EdgeStyle("#b3488f", Qt.PenStyle.DotLine, 1.6, N_("tls")),
    EdgeType.CLASS: EdgeStyle("#a0763a", Qt.PenStyle.DotLine, 1.2, N_("class")),
    EdgeType.PULLS: EdgeStyle("#b3488f", Qt.PenStyle.DotLine, 1.2, N_("pulls")),
    EdgeType.RUNS_AS: EdgeStyle("#6d5fb0", Qt.PenStyle.DotLine, 1.2, N_("runs as")),
    EdgeType.CREATES: EdgeStyle("#4159c4", Qt.PenStyle.DashLine, 1.4, N_("creates")),
    EdgeType.OWNED_BY: EdgeStyle("#6b7785", Qt.PenStyle.DotLine, 1.0, N_("owned by")),
    # the RBAC and network layers (`model.layers`), off unless turned on
    EdgeType.ROLE_REF: EdgeStyle("#9c36b5", Qt.PenStyle.DashLine, 1.6, N_("grants role")),
    EdgeType.SUBJECT: EdgeStyle("#6d5fb0", Qt.PenStyle.DashLine, 1.6, N_("role subject")),
    EdgeType.TRAFFIC: EdgeStyle("#d6336c", Qt.PenStyle.DashDotLine, 1.8, N_("may connect")),
    EdgeType.REFERS: EdgeStyle("#7a5c3e", Qt.PenStyle.DashLine, 1.4, N_("refers to")),
}
DEFAULT_EDGE_STYLE = EdgeStyle("#6b7785", Qt.PenStyle.SolidLine, 1.4, "")

SEVERITY_COLOURS: dict[str, str] = {"error": "#d93025", "warning": "#e8a317", "info": "#3b82c4"}


@record(frozen=True)
class Theme:
    """Canvas colours for one appearance."""

    name: str
    background: str
    grid: str
    node_fill: str
    node_border: str
    text: str
    subtext: str
    frame_fill: str
    frame_border: str
    selection: str
    label_fill: str


LIGHT = Theme("light", "#f7f8fa", "#e3e6eb", "#ffffff", "#c3c9d2", "#1d232b", "#5a6470",
              "#eef2f7", "#b5bfcc", "#2f6fde", "#ffffffdd")
DARK = Theme("dark", "#1e2126", "#2a2e35", "#2b3038", "#4a515c", "#e8ebef", "#a6afba",
             "#262a31", "#4a525e", "#6ea0ff", "#2b3038dd")


def current_theme() -> Theme:
    """The theme matching the application's palette (dark when the window colour is dark)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        window = app.palette().color(QPalette.ColorRole.Window)
        if window.lightness() < 110:
            return DARK
    return LIGHT


def solid(colour: QColor | Qt.GlobalColor) -> QBrush:
    """A solid brush of `colour`: `QBrush(colour)` with its default style spelled out. Called
    with the colour alone, PySide weighs the `QGradient` overload too, and so builds that class
    and its five enums (180 gradient presets) the first time: 3 ms of a small render, which
    draws no gradient (`tests/ui/test_render_start.py`)."""
    return QBrush(colour, Qt.BrushStyle.SolidPattern)
