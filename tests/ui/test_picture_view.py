"""View options of the picture (claims per replica, legend, overview) and where a design opens."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication
from tests.ui.test_stand_ins import STATEFUL

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.ui.canvas.overview import SEMANTIC_BELOW, OverviewScene, TileItem, tiles_of
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.picture_view import LEGIBLE_ZOOM, SETTINGS


def _apps(count: int, broken: int | None = None) -> Document:
    """`count` applications (a Service and a Deployment each); application `broken` has a
    Service whose selector matches nothing (a warning)."""
    parts = []
    for i in range(count):
        app = f"app{i:02d}"
        selector = "nothing" if i == broken else app
        parts.append(f"""\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: {app}, labels: {{app: {app}}}}}
spec:
  selector: {{matchLabels: {{app: {app}}}}}
  template:
    metadata: {{labels: {{app: {app}}}}}
    spec: {{containers: [{{name: c, image: nginx:1.27}}]}}
---
apiVersion: v1
kind: Service
metadata: {{name: {app}, labels: {{app: {app}}}}}
spec:
  selector: {{app: {selector}}}
  ports: [{{port: 80}}]
""")
    document = Document(load_text("---\n".join(parts), "apps.yaml").resources)
    return document


def _laid_out(document: Document) -> list:
    from kubecanvas.model.graph import WiringGraph

    design_files.lay_out(document, WiringGraph(document, subscribe=False))
    return list(document)


def _wheel(view, steps: int) -> None:
    """Real wheel turns with Ctrl over the viewport (negative: zoom out)."""
    at = QPointF(view.viewport().rect().center())
    for _ in range(abs(steps)):
        event = QWheelEvent(at, QPointF(view.viewport().mapToGlobal(at.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 if steps > 0 else -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(view.viewport(), event)


def test_claims_per_replica_from_the_view_menu_and_remembered(make_window, qtbot) -> None:
    window = make_window(_laid_out(Document(load_text(STATEFUL, "s.yaml").resources)))
    claims = lambda: sorted(n.name for n in window.scene.nodes.values()  # noqa: E731
                            if n.kind == "PersistentVolumeClaim")
    assert claims() == ["data ×3"]
    action = window.actions_by_name["claims_per_replica"]
    assert action in window.menuBar().actions()[2].menu().actions()  # the View menu
    action.trigger()
    assert claims() == ["data-redis-0", "data-redis-1", "data-redis-2"]
    assert str(window.settings.value(SETTINGS["claims_per_replica"])).lower() == "true"
    # the next design shown (an open, a new window) starts the same way
    window.set_session(window.session.__class__.create(
        Document(load_text(STATEFUL, "s.yaml").resources)))
    assert claims() == ["data-redis-0", "data-redis-1", "data-redis-2"]
    action.trigger()
    assert claims() == ["data ×3"]


def test_legend_toggle_shows_the_wire_types_in_use(make_window, qtbot) -> None:
    window = make_window(_laid_out(_apps(2)))
    legend = window.picture.legend
    assert not legend.isVisible()
    window.actions_by_name["legend"].trigger()
    assert legend.isVisible() and legend.item is not None
    assert [text for _, text, _ in legend.item.entries] == ["selects"]
    viewport = window.view.viewport().geometry()
    assert viewport.contains(legend.geometry())  # in the canvas's corner, over the picture
    window.actions_by_name["legend"].trigger()
    assert not legend.isVisible()
    assert str(window.settings.value(SETTINGS["legend"])).lower() == "false"


def test_far_out_each_application_is_one_tile_with_bundled_wires(make_window, qtbot) -> None:
    window = make_window(_laid_out(_apps(12, broken=3)))
    view, scene = window.view, window.scene
    view.set_zoom(1.0)
    assert view.scene() is scene
    _wheel(view, -12)  # Ctrl+wheel out, past the zoom where names are legible
    assert view.zoom() < SEMANTIC_BELOW
    overview = view.scene()
    assert isinstance(overview, OverviewScene)
    tiles = [i for i in overview.items() if isinstance(i, TileItem)]
    assert len(tiles) == 12
    titles = sorted(t.text() for t in tiles)
    assert titles[0] == "app00 · 2 resources"
    worst = [t for t in tiles if t.tile.worst]
    assert [t.tile.key.title for t in worst] == ["app03"] and worst[0].tile.worst == "warning"
    _wheel(view, 12)
    assert view.zoom() >= SEMANTIC_BELOW and view.scene() is scene  # the cards again


def test_double_click_on_a_tile_opens_its_cards(make_window, qtbot) -> None:
    from tests.ui.gestures import send_mouse

    window = make_window(_laid_out(_apps(12)))
    view, scene = window.view, window.scene
    view.set_zoom(0.1)
    overview = view.scene()
    assert isinstance(overview, OverviewScene)
    tile = next(t for t in overview.tiles.values() if t.tile.key.title == "app07")
    view.centerOn(tile.tile.rect.center())
    at = view.mapFromScene(tile.tile.rect.center())
    ev = QMouseEvent.Type
    send_mouse(view.viewport(), ev.MouseButtonPress, at)
    send_mouse(view.viewport(), ev.MouseButtonRelease, at, buttons=Qt.MouseButton.NoButton)
    send_mouse(view.viewport(), ev.MouseButtonDblClick, at)
    send_mouse(view.viewport(), ev.MouseButtonRelease, at, buttons=Qt.MouseButton.NoButton)
    assert view.scene() is scene and view.zoom() == LEGIBLE_ZOOM
    card = next(n for n in scene.nodes.values() if n.name == "app07")
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(
        card.sceneBoundingRect())


def test_wires_between_blocks_are_counted_once_per_pair(qtbot) -> None:
    text = STATEFUL + """\
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shared-config}
data: {a: b}
"""
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.scene import CanvasScene

    document = Document(load_text(text, "s.yaml").resources)
    graph = WiringGraph(document)
    design_files.lay_out(document, graph)
    scene = CanvasScene(document, graph)
    tiles, bundles = tiles_of(scene)
    keys = {t.key for t in tiles}
    assert all(a in keys and b in keys and a < b for a, b in bundles)
    wires = sum(1 for i in scene.edge_items.values())
    assert sum(bundles.values()) <= wires


def test_a_big_design_opens_legible_on_the_block_with_the_worst_finding(make_window,
                                                                        qtbot) -> None:
    window = make_window(_laid_out(_apps(60, broken=41)))
    window.picture.open_at_legible_zoom()  # what showing a design does (make_window re-zooms)
    view, scene = window.view, window.scene
    assert view.zoom() == LEGIBLE_ZOOM
    centre = view.mapToScene(view.viewport().rect().center())
    broken = next(n for n in scene.nodes.values() if n.name == "app41" and n.kind == "Service")
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(broken.sceneBoundingRect()), (centre, broken.pos())
    # zoom to fit stays one key away
    window.actions_by_name["zoom_fit"].trigger()
    assert view.zoom() < LEGIBLE_ZOOM
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(
        scene.itemsBoundingRect())


def test_the_opening_view_shows_no_empty_canvas_past_the_design_around_its_block(
        make_window, qtbot) -> None:
    """The worst block is the first one, in the design's top-left corner: the view starts at the
    design's corner instead of centring the block under a band of empty canvas."""
    window = make_window(_laid_out(_apps(60, broken=0)))
    window.picture.open_at_legible_zoom()
    view, scene = window.view, window.scene
    assert view.zoom() == LEGIBLE_ZOOM
    broken = next(n for n in scene.nodes.values() if n.name == "app00" and n.kind == "Service")
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    design = scene.itemsBoundingRect()
    assert shown.contains(broken.sceneBoundingRect())
    assert design.width() > shown.width() and design.height() > shown.height()
    assert abs(shown.left() - design.left()) < 2 and abs(shown.top() - design.top()) < 2


def test_within_design_keeps_the_view_inside_a_big_design_and_centres_a_small_side() -> None:
    from kubecanvas.ui.commands.picture_view import within_design

    design, room = QRectF(0, 0, 1000, 300), QRectF(0, 0, 400, 400)
    assert within_design(QPointF(500, 100), design, room) == QPointF(500, 150)  # short: centred
    assert within_design(QPointF(50, 100), design, room) == QPointF(200, 150)  # left edge
    assert within_design(QPointF(990, 100), design, room) == QPointF(800, 150)  # right edge


def test_the_opening_block_is_shown_scrolled_as_little_as_it_can_from_the_corner() -> None:
    from kubecanvas.ui.commands.picture_view import FOCUS_MARGIN, nearest_the_corner

    design, room = QRectF(0, 0, 2000, 300), QRectF(0, 0, 400, 400)
    near = nearest_the_corner(QRectF(100, 50, 200, 100), design, room)
    assert near == QPointF(200, 150)  # in view from the corner: no scroll; short side centred
    far = nearest_the_corner(QRectF(1000, 50, 200, 100), design, room)
    assert far.x() + 200 == 1200 + FOCUS_MARGIN  # just far enough to show it, with a margin
    end = nearest_the_corner(QRectF(1790, 50, 200, 100), design, room)
    assert end.x() == 1800  # never past the design's far edge
    tight = nearest_the_corner(QRectF(1000, 50, 390, 100), design, room)
    assert tight.x() - 200 <= 1000 and tight.x() + 200 >= 1390  # a block nearly as wide


def test_a_small_design_opens_whole(make_window, qtbot) -> None:
    window = make_window(_laid_out(_apps(2, broken=1)))
    window.picture.open_at_legible_zoom()
    view = window.view
    assert view.zoom() >= LEGIBLE_ZOOM
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(
        window.scene.itemsBoundingRect())


def test_the_legend_lists_wire_types_without_a_style_of_their_own(qtbot) -> None:
    from kubecanvas.ui.canvas.legend import LegendItem
    from kubecanvas.ui.canvas.style import DEFAULT_EDGE_STYLE

    item = LegendItem(["subject", "selects", "role-ref", "template", "some-future-type"])
    assert [text for _, text, _ in item.entries] == [
        "selects", "grants role", "role subject", "some future type"]
    assert item.entries[-1][0] is DEFAULT_EDGE_STYLE


def test_the_opening_block_is_chosen_by_severity_then_count_then_name(qtbot) -> None:
    from kubecanvas.model.graph import WiringGraph
    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.commands.picture_view import opening_focus
    from kubecanvas.validation.findings import Finding, Severity

    document = Document(_laid_out(_apps(4)))
    scene = CanvasScene(document, WiringGraph(document))
    ids = {(r.kind, r.name): r.id for r in document}

    def finding(name: str, severity: Severity) -> Finding:
        return Finding("test.rule", severity, "m", ids[("Service", name)])

    def chosen(findings: list[Finding]) -> str:
        rect = opening_focus(scene, findings)
        assert rect is not None
        return next(n.name for n in scene.nodes.values() if n.kind == "Service"
                    and rect.contains(n.sceneBoundingRect()))

    warn, error = Severity.WARNING, Severity.ERROR
    assert chosen([finding("app02", warn), finding("app01", warn)]) == "app01"  # the name
    assert chosen([finding("app01", warn), finding("app02", warn),
                   finding("app02", warn)]) == "app02"  # more of the worst
    assert chosen([finding("app03", error), finding("app01", warn),
                   finding("app01", warn)]) == "app03"  # the most severe
    assert opening_focus(scene, []) is None


def test_the_legend_follows_a_change_of_language(make_window, qtbot) -> None:
    """View > Language: the legend's entries are made again in the new language (they kept
    the language the legend was first drawn in)."""
    from kubecanvas.ui import i18n

    window = make_window(_laid_out(_apps(2)))
    window.actions_by_name["legend"].trigger()
    try:
        window.language_actions["ko"].trigger()
        assert [text for _, text, _ in window.picture.legend.item.entries] == ["선택"]
    finally:
        window.language_actions["en"].trigger()
        i18n.MISSING.clear()
    assert [text for _, text, _ in window.picture.legend.item.entries] == ["selects"]


def test_a_new_scene_shown_while_the_overview_is_on_screen_takes_its_place(make_window,
                                                                          qtbot) -> None:
    """Zoomed out to the overview before the opening view ran (its zero timer): the opening
    view shows the canvas at a legible zoom, not the forgotten overview at 75 %."""
    window = make_window(_laid_out(_apps(2)))
    window.view.set_zoom(0.05)
    assert isinstance(window.view.scene(), OverviewScene)
    window.picture.session_shown()
    assert window.view.scene() is window.scene and window.view.zoom() >= LEGIBLE_ZOOM
    window.view.set_zoom(0.05)  # and the overview still comes back when zoomed out
    assert isinstance(window.view.scene(), OverviewScene)


def test_a_language_switch_keeps_the_canvas_top_left(make_window, qtbot) -> None:
    """The palette is wider in Korean than in English: the canvas narrowed from the left and
    the design's first column and namespace title went out of view. The top-left scene point
    stays where it was through the switch."""
    window = make_window(_laid_out(_apps(12, broken=1)))
    QApplication.processEvents()  # the docks take their room once the window shows
    view = window.view
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().minimum() + 40)
    view.verticalScrollBar().setValue(view.verticalScrollBar().minimum() + 30)
    corner, width = view.mapToScene(0, 0), view.viewport().width()
    try:
        window.set_language("ko")
        qtbot.waitUntil(lambda: view.viewport().width() != width)
        QApplication.processEvents()
        moved = view.mapToScene(0, 0) - corner
        assert abs(moved.x()) < 1 and abs(moved.y()) < 1
    finally:
        window.set_language("en")
