"""The overview follows edits in slices, replacing only the tiles and bundles that changed, and
ends with the same picture a fresh overview of the canvas would show."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QGraphicsItem
from tests.ui.test_picture_view import _apps, _laid_out

from kubecanvas.io.yaml_in import load_text
from kubecanvas.model.document import Document
from kubecanvas.model.edits import MoveResources, RemoveResource, SetField
from kubecanvas.ui.canvas import overview as overview_module
from kubecanvas.ui.canvas.overview import OverviewScene


def _sharing(count: int) -> Document:
    """`count` applications whose Deployments all read one ConfigMap of the namespace's
    shared block: a bundle of wires from each application's tile to the shared one."""
    parts = ["apiVersion: v1\nkind: ConfigMap\nmetadata: {name: common}\ndata: {a: b}\n"]
    for i in range(count):
        app = f"app{i:02d}"
        parts.append(f"""\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: {app}, labels: {{app: {app}}}}}
spec:
  selector: {{matchLabels: {{app: {app}}}}}
  template:
    metadata: {{labels: {{app: {app}}}}}
    spec:
      containers: [{{name: c, image: nginx:1.27, envFrom: [{{configMapRef: {{name: common}}}}]}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {{name: {app}-config, labels: {{app: {app}}}}}
data: {{a: b}}
""")
    return Document(load_text("---\n".join(parts), "sharing.yaml").resources)


def _picture(overview: OverviewScene) -> tuple[dict, dict]:
    """What the overview shows: each tile's rectangle, counts and worst finding, and each
    bundle's line and count, by block."""
    tiles = {key: (item.tile.rect.getRect(), item.tile.resources, item.tile.findings,
                   item.tile.worst, item.toolTip()) for key, item in overview.tiles.items()}
    bundles = {pair: (item.line.toTuple(), item.count) for pair, item in overview.bundles.items()}
    return tiles, bundles


def _shown_overview(window, qtbot) -> OverviewScene:
    qtbot.wait(50)  # the window's deferred opening zoom first (`MainWindow.set_session`)
    window.view.set_zoom(0.1)
    overview = window.view.scene()
    assert isinstance(overview, OverviewScene)
    return overview


def _wait_refreshed(qtbot, overview: OverviewScene) -> None:
    """The refresh 300 ms after an edit, until its last slice."""
    with qtbot.waitSignal(overview.refreshed, timeout=5000):
        pass
    assert not overview.refreshing


def _painted_as_afresh(window, overview: OverviewScene) -> bool:
    """The view shows after a refresh what it shows when the whole overview is painted
    again: the refresh asked to paint again every part that changed (the layer's picture is
    cached, so a part left out would show the design before the edit)."""
    viewport = window.view.viewport()
    viewport.repaint()
    shown = viewport.grab().toImage()
    overview.layer.setCacheMode(QGraphicsItem.CacheMode.NoCache)  # drops the cached picture
    overview.layer.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    viewport.repaint()
    return shown == viewport.grab().toImage()


def _by_name(window, kind: str, name: str) -> str:
    return next(r.id for r in window.session.document if r.kind == kind and r.name == name)


def test_edits_and_undo_leave_the_picture_a_fresh_overview_shows(make_window, qtbot) -> None:
    window = make_window(_laid_out(_apps(12, broken=3)))
    overview = _shown_overview(window, qtbot)
    before = dict(overview.tiles)
    service = _by_name(window, "Service", "app05")
    steps = [SetField(service, ("spec", "selector", "app"), "nothing"),  # a new warning
             RemoveResource(_by_name(window, "Deployment", "app07")),  # one card fewer
             MoveResources({_by_name(window, "Service", "app09"): (4000.0, 4000.0)})]
    for step in steps:
        window.editor.push(step)
        _wait_refreshed(qtbot, overview)
        assert window.view.scene() is overview
        assert _picture(overview) == _picture(OverviewScene(window.scene))
        assert _painted_as_afresh(window, overview)
    worst = {item.tile.key.title: item.tile.worst for item in overview.tiles.values()}
    assert worst["app05"] == "warning" and worst["app03"] == "warning"
    counts = {item.tile.key.title: item.tile.resources for item in overview.tiles.values()}
    assert counts["app07"] == 1 and counts["app08"] == 2
    # only the changed blocks got new items: the others are the very items shown before
    changed = {"app05", "app07", "app09"}
    for key, item in before.items():
        assert (overview.tiles[key] is item) == (key.title not in changed), key.title
    for _ in steps:
        window.undo_stack.undo()
        _wait_refreshed(qtbot, overview)
        assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert {item.tile.key.title: item.tile.worst for item in overview.tiles.values()
            if item.tile.worst} == {"app03": "warning"}


def test_a_refresh_is_made_in_slices_and_survives_an_edit_between_them(
        make_window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overview_module, "_STEP", 5)  # many steps for a small design
    monkeypatch.setattr(overview_module, "SLICE_SECONDS", 0.0)  # one step per turn
    window = make_window(_laid_out(_apps(12, broken=3)))
    overview = _shown_overview(window, qtbot)
    window.picture._legend_timer.setInterval(0)  # noqa: SLF001 - the refresh at once
    window.editor.push(SetField(_by_name(window, "Service", "app05"),
                                ("spec", "selector", "app"), "nothing"))
    # the refresh started by hand, not by waiting for it: waiting for a refresh under way
    # raced its turns, which could all run inside one wait
    window.picture._legend_timer.stop()  # noqa: SLF001
    window.picture._after_edits()  # noqa: SLF001
    overview._step()  # noqa: SLF001 - one turn: the refresh is not done after it
    assert overview.refreshing
    # an edit between two slices deletes cards the running refresh has not reached yet
    window.editor.push(RemoveResource(_by_name(window, "Deployment", "app11")))
    window.editor.push(RemoveResource(_by_name(window, "Service", "app11")))
    _wait_refreshed(qtbot, overview)
    assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert "app11" not in {item.tile.key.title for item in overview.tiles.values()}
    assert {item.tile.key.title for item in overview.tiles.values() if item.tile.worst} == \
        {"app03", "app05"}


def test_bundles_follow_a_wire_that_goes_and_comes_back(make_window, qtbot) -> None:
    window = make_window(_laid_out(_sharing(6)))
    overview = _shown_overview(window, qtbot)
    assert overview.bundles, "each application's wire to the shared ConfigMap is a bundle"
    kept = dict(overview.bundles)
    deployment = _by_name(window, "Deployment", "app02")
    window.editor.push(SetField(deployment, ("spec", "template", "spec", "containers", 0,
                                             "envFrom"), []))
    _wait_refreshed(qtbot, overview)
    assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert len(overview.bundles) == len(kept) - 1
    window.undo_stack.undo()
    _wait_refreshed(qtbot, overview)
    assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert set(overview.bundles) == set(kept)
    # a card moved far: its tile grows, and the bundle's line ends at the tile's new centre
    window.editor.push(MoveResources({_by_name(window, "ConfigMap", "app02-config"):
                                      (6000.0, 6000.0)}))
    _wait_refreshed(qtbot, overview)
    assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert _painted_as_afresh(window, overview)
    moved = [pair for pair, item in overview.bundles.items() if item is not kept[pair]]
    assert [a.title if b.title == "shared" else b.title for a, b in moved] == ["app02"]
    # the layer draws the bundles the scene holds
    assert overview.layer.scene() is overview and len(overview.items()) == \
        len(overview.tiles) + len(overview.bundles) + 1


def test_zooming_out_again_refreshes_the_overview_in_slices(make_window, qtbot) -> None:
    """Shown again after zooming in, the overview follows what changed meanwhile in slices and
    keeps the tiles that did not change (rebuilt at once, each zoom out was a 0.5 s freeze at
    15,000 resources); a language switched while it was hidden rebuilds it."""
    from kubecanvas.ui import i18n

    window = make_window(_laid_out(_apps(12, broken=3)))
    overview = _shown_overview(window, qtbot)
    before = dict(overview.tiles)
    window.view.set_zoom(1.0)
    assert window.view.scene() is window.scene
    window.editor.push(SetField(_by_name(window, "Service", "app05"),
                                ("spec", "selector", "app"), "nothing"))
    window.view.set_zoom(0.1)
    assert window.view.scene() is overview and overview.refreshing
    _wait_refreshed(qtbot, overview)
    assert _picture(overview) == _picture(OverviewScene(window.scene))
    assert [key.title for key, item in before.items() if overview.tiles.get(key) is not item] \
        == ["app05"]
    window.view.set_zoom(1.0)
    try:
        i18n.set_language("ko")
        window.view.set_zoom(0.1)
        assert not overview.refreshing  # rebuilt at once, in the new language
        assert not any(overview.tiles.get(key) is item for key, item in before.items())
        assert _picture(overview) == _picture(OverviewScene(window.scene))
    finally:
        i18n.set_language("en")


def test_a_design_too_big_to_read_whole_gets_its_overview_built_ahead(make_window, qtbot,
                                                                      monkeypatch) -> None:
    """Opening a design whose whole picture is tiles builds its overview in slices between
    events, without showing it or the far zoom first (made at once for a zoom the window never
    showed, it cost the opening 0.6 s at 15,000 resources); zooming out then shows it without
    building it again, and an edit made meanwhile is in it."""
    rebuilt: list[OverviewScene] = []
    rebuild = OverviewScene.rebuild
    monkeypatch.setattr(OverviewScene, "rebuild",
                        lambda self: rebuilt.append(self) or rebuild(self))
    window = make_window(_laid_out(_apps(150, broken=3)))
    qtbot.wait(50)  # the window's deferred opening zoom first (`MainWindow.set_session`)
    shown_zooms: list[float] = []
    window.view.zoom_changed.connect(shown_zooms.append)
    window.picture.session_shown()  # what showing a design does
    assert shown_zooms == [window.view.zoom()]  # the fitting zoom was tried, not shown
    overview = window.picture.overview
    assert overview is not None and window.view.scene() is window.scene
    assert overview.refreshing and not overview.tiles  # begun empty, built in slices
    _wait_refreshed(qtbot, overview)
    window.editor.push(SetField(_by_name(window, "Service", "app05"),
                                ("spec", "selector", "app"), "nothing"))
    window.view.set_zoom(0.1)
    assert window.view.scene() is overview
    _wait_refreshed(qtbot, overview)
    assert rebuilt == []
    assert _picture(overview) == _picture(OverviewScene(window.scene))


def test_zooming_out_to_the_overview_leaves_the_canvas_wires_alone(make_window, qtbot) -> None:
    """The far wires (drawn in batches below `FAR_ZOOM`) follow the zoom after the choice of
    scene: zooming out to the overview does not first batch the wires of the canvas it hides
    (every wire walked, 140 ms at 15,000 resources, on each zoom out); with the overview off,
    the canvas batches them as before."""
    window = make_window(_laid_out(_apps(12, broken=3)))
    qtbot.wait(50)  # the window's deferred opening zoom first (`MainWindow.set_session`)
    far_wires = window.scene.far_wires
    window.view.set_zoom(1.0)
    window.view.set_zoom(0.1)
    assert isinstance(window.view.scene(), OverviewScene) and not far_wires.active
    window.view.set_zoom(1.0)
    assert window.view.scene() is window.scene and not far_wires.active
    window.picture.actions["overview"].setChecked(False)
    window.view.set_zoom(0.1)
    assert window.view.scene() is window.scene and far_wires.active
    window.view.set_zoom(1.0)
    assert not far_wires.active


def test_an_overview_built_ahead_makes_its_bundles_a_few_per_step(
        make_window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built ahead after a design opens, every bundle is new: they are made `_STEP` at a time
    between pauses, not all in one step (24 ms in one turn at 5,000 resources)."""
    monkeypatch.setattr(overview_module, "_STEP", 2)
    window = make_window(_sharing(9))
    qtbot.wait(50)
    overview = OverviewScene(window.scene, at_once=False)
    overview._timer.stop()  # noqa: SLF001 - its steps taken by hand below
    job = overview._job  # noqa: SLF001
    assert job is not None
    made = [len(overview.bundles)]
    for _ in job:
        made.append(len(overview.bundles))
    assert len(overview.bundles) >= 9  # each application's tile to the shared one
    assert max(b - a for a, b in itertools.pairwise(made)) <= 2
    assert _picture(overview) == _picture(OverviewScene(window.scene))


def test_reading_the_canvas_makes_its_tiles_and_pairs_a_few_per_step(
        make_window, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks and the wires between them are read `_STEP` at a time, and so are the tiles
    and the pairs made from them at the end (in one step, 12 ms at 15,000 resources)."""
    monkeypatch.setattr(overview_module, "_STEP", 2)
    window = make_window(_sharing(9))
    qtbot.wait(50)
    steps = overview_module._tile_steps(window.scene)  # noqa: SLF001 - its steps counted
    taken = 0
    while True:
        try:
            next(steps)
            taken += 1
        except StopIteration as done:
            tiles, pairs = done.value
            break
    nodes, wires = len(window.scene.nodes), len(window.scene.edge_items)
    assert len(tiles) >= 10 and len(pairs) >= 9
    ceil = -(-nodes // 2) + -(-wires // 2)
    assert taken == ceil + len(tiles) // 2 + len(pairs) // 2
    assert (tiles, pairs) == overview_module.tiles_of(window.scene)
