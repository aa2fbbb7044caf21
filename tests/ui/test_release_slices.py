"""A drop's wires are routed around the cards after the release, in slices (`route_slices.py`).

Dragged with real mouse events on the viewport (moves with the left button held). The release
keeps the drag's plain shapes; the routing runs in later event-loop turns and ends in the
picture a routing in the release drew; an edit or another drag meanwhile leaves no wire
routed around where cards were; undo of the move gives the routes from before it back.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication
from tests import builders
from tests.model.factories import deployment, pvc, service
from tests.ui.gestures import routed, send_mouse, steps
from tests.ui.test_drag_wires_clear import _columns, _placed

from kubecanvas.model.edits import AddResource
from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH
from kubecanvas.ui.canvas import route_slices
from kubecanvas.ui.canvas.drawn_geometry import scene_quality
from kubecanvas.ui.canvas.router import route_around

configmap = builders.resources(builders.configmap)
EVENT = QMouseEvent.Type


def _press_and_move(view, start: QPointF, end: QPointF) -> QPoint:
    """Press on scene point `start`, move with the left button held to `end`; the last point."""
    view.set_zoom(0.2)  # both points in view: a move past the viewport's edge would scroll it
    view.centerOn((start + end) / 2)
    QApplication.processEvents()
    send_mouse(view.viewport(), EVENT.MouseButtonPress, view.mapFromScene(start))
    QApplication.processEvents()
    points = steps(view.mapFromScene(start), view.mapFromScene(end), 12)
    for point in points[1:]:
        send_mouse(view.viewport(), EVENT.MouseMove, point, Qt.MouseButton.NoButton,
                   Qt.MouseButton.LeftButton)
    return points[-1]


def _release(view, point: QPoint) -> None:
    send_mouse(view.viewport(), EVENT.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton)


def _routes(scene) -> dict:
    return {key: wire.route for key, wire in scene.edge_items.items()}


def _far_drop(make_window):
    """The Deployment `web` dragged 3,240 px down past shifted columns of cards (its wire
    needs the wide search) and released; the window, the wire and the card's id."""
    web = _placed(deployment("web"), 1100, 0)
    svc = _placed(service("web", {"app": "web"}), 0, 0)
    window = make_window([web, svc, *_columns()])
    last = _press_and_move(window.view, QPointF(1160, NODE_HEIGHT / 2),
                           QPointF(960, 3240 + NODE_HEIGHT / 2))
    _release(window.view, last)
    wire = next(e for e in window.scene.edge_items.values() if e.edge.type == "selects")
    return window, wire, web.id


def test_the_release_keeps_plain_shapes_and_later_slices_route_around_the_cards(
        make_window, monkeypatch) -> None:
    monkeypatch.setattr(route_slices, "SLICE_SECONDS", 0.0)  # one step per turn
    window, wire, web = _far_drop(make_window)
    scene = window.scene
    moved = window.session.document.get(web).position
    assert moved[1] > 3000 and window.undo_stack.count() == 1
    # in the release's turn: the drag's plain shape, through the columns
    assert scene.route_slices.pending
    assert scene_quality(scene).wires_through_cards > 0
    assert routed(scene) > 1  # in more than one turn
    assert scene_quality(scene).wires_through_cards == 0
    assert wire.route is not None and wire.route.points[-1][0] == moved[0]  # into its left side
    # the picture a routing in the release drew
    after = _routes(scene)
    route_around([scene.nodes[web]], scene.items)
    assert _routes(scene) == after


def test_undo_of_a_drop_gives_back_the_routes_from_before_it(make_window) -> None:
    svc = _placed(service("web", {"app": "web"}), 0, 200)
    apps = [_placed(deployment(f"web{n}", labels={"app": "web"}), 500, n * 200) for n in range(3)]
    window = make_window([svc, *apps])
    scene = window.scene
    before = _routes(scene)
    assert len(before) == 3
    start = QPointF(560, NODE_HEIGHT / 2)
    _release(window.view, _press_and_move(window.view, start, start + QPointF(400, 1000)))
    routed(scene)
    after = _routes(scene)
    assert after != before and scene_quality(scene).wires_through_cards == 0
    window.undo_stack.undo()
    assert scene.nodes[apps[0].id].pos() == QPointF(500, 0)
    assert _routes(scene) == before and not scene.route_slices.pending
    window.undo_stack.redo()
    assert _routes(scene) == after and not scene.route_slices.pending
    window.undo_stack.undo()
    assert _routes(scene) == before


def test_undo_before_the_slices_end_gives_back_the_routes_too(make_window) -> None:
    window, _, web = _far_drop(make_window)
    scene = window.scene
    assert scene.route_slices.pending
    window.undo_stack.undo()  # in the release's turn
    assert not scene.route_slices.pending
    assert scene.nodes[web].pos() == QPointF(1100, 0)
    assert scene_quality(scene).wires_through_cards == 0
    routed(scene)
    assert scene_quality(scene).wires_through_cards == 0


def test_an_edit_while_the_slices_run_routes_around_the_cards_it_added(
        make_window, monkeypatch) -> None:
    first, wire, _ = _far_drop(make_window)
    routed(first.scene)
    final = wire.route
    assert final is not None
    # the same drop in another window; a card is added on the route it took, while the
    # slices run
    window, wire, _ = _far_drop(make_window)
    scene = window.scene
    monkeypatch.setattr(route_slices, "SLICE_SECONDS", 0.0)
    for _ in range(8):  # the routing under way: its cards are chosen, A* has begun
        scene.route_slices._step()
    assert scene.route_slices.pending
    (ax, ay), (bx, by) = max(zip(final.points, final.points[1:], strict=False),
                             key=lambda ab: abs(ab[0][0] - ab[1][0]) + abs(ab[0][1] - ab[1][1]))
    block = _placed(configmap("block"), (ax + bx) / 2 - NODE_WIDTH / 2,
                    (ay + by) / 2 - NODE_HEIGHT / 2)
    window.editor.push(AddResource(block))
    routed(scene)
    assert wire.route is not None and wire.route != final
    assert scene_quality(scene).wires_through_cards == 0


def test_a_drag_while_the_slices_run_holds_them_until_its_release(make_window) -> None:
    window, wire, _ = _far_drop(make_window)
    scene, view = window.scene, window.view
    plain = wire.route
    lone = next(n for n in scene.nodes.values() if n.name == "c0-0-0")
    start = lone.pos() + QPointF(60, NODE_HEIGHT / 2)
    # pressed in the release's turn (no event loop between), moved with the button held
    send_mouse(view.viewport(), EVENT.MouseButtonPress, view.mapFromScene(start))
    points = steps(view.mapFromScene(start), view.mapFromScene(start + QPointF(-200, -180)))
    for point in points[1:]:
        send_mouse(view.viewport(), EVENT.MouseMove, point, Qt.MouseButton.NoButton,
                   Qt.MouseButton.LeftButton)
    assert lone.pos() != start - QPointF(60, NODE_HEIGHT / 2)
    last = points[-1]
    for _ in range(20):
        QApplication.processEvents()
    assert scene.route_slices.pending and wire.route is plain  # held while the card moves
    _release(window.view, last)
    routed(scene)
    assert window.undo_stack.count() == 2
    assert scene_quality(scene).wires_through_cards == 0


def test_a_stand_in_dropped_on_a_card_moves_to_a_free_slot_and_undo_puts_it_back(
        make_window) -> None:
    claim = _placed(pvc("data", cls="fast"), 0, 0)  # its StorageClass is a stand-in beside it
    other = _placed(configmap("other"), 1000, 600)
    window = make_window([claim, other])
    scene = window.scene
    node, card = scene.nodes[claim.id], scene.nodes[other.id]
    (ghost,) = node.ghosts
    offset, routes = QPointF(ghost.anchor_offset), _routes(scene)
    start = QPointF(60, NODE_HEIGHT / 2)
    # the claim dropped where the stand-in, carried along, lands on the ConfigMap
    _release(window.view, _press_and_move(window.view, start, start + card.pos() - offset))
    routed(scene)
    assert window.undo_stack.count() == 1  # (snapped to the grid: the stand-in would cover it)
    assert QRectF(node.pos() + offset, QSizeF(NODE_WIDTH, NODE_HEIGHT)).intersects(
        QRectF(card.pos(), QSizeF(NODE_WIDTH, NODE_HEIGHT)))
    assert not ghost.collidesWithItem(card) and not node.collidesWithItem(card)
    assert ghost.anchor_offset != offset
    assert scene_quality(scene).wires_through_cards == 0
    window.undo_stack.undo()
    assert ghost.anchor_offset == offset and ghost.pos() == node.pos() + offset
    assert _routes(scene) == routes


def test_an_export_right_after_a_drop_draws_the_routes_around_the_cards(
        make_window, monkeypatch, tmp_path) -> None:
    window, wire, _ = _far_drop(make_window)
    scene = window.scene
    assert scene.route_slices.pending
    drawn: list[int] = []
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.export_image",
                        lambda scene, *a, **k: drawn.append(
                            scene_quality(scene).wires_through_cards))
    monkeypatch.setattr("kubecanvas.ui.commands.file_commands.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "drop.svg"), ""))
    window.scene.clearSelection()
    window.actions_by_name["export_image"].trigger()
    assert drawn == [0] and not scene.route_slices.pending


def test_a_card_moved_back_after_another_edit_is_routed_again(make_window) -> None:
    """The routes a move replaced are given back only to its undo: a card added since may
    stand where they ran, so a move back (here by an edit, as a hand drag commits one) after
    another change is routed around the cards as they are now."""
    from kubecanvas.model.edits import MoveResources

    svc = _placed(service("web", {"app": "web"}), 0, 200)
    apps = [_placed(deployment(f"web{n}", labels={"app": "web"}), 500, n * 200) for n in range(3)]
    window = make_window([svc, *apps])
    scene = window.scene
    before = _routes(scene)
    start = QPointF(560, NODE_HEIGHT / 2)
    _release(window.view, _press_and_move(window.view, start, start + QPointF(400, 1000)))
    routed(scene)
    old = before[next(key for key in before if key[1] == apps[0].id)]
    (ax, ay), (bx, by) = max(zip(old.points, old.points[1:], strict=False),
                             key=lambda ab: abs(ab[0][0] - ab[1][0]) + abs(ab[0][1] - ab[1][1]))
    block = _placed(configmap("block"), (ax + bx) / 2 - NODE_WIDTH / 2,
                    (ay + by) / 2 - NODE_HEIGHT / 2)
    window.editor.push(AddResource(block))
    routed(scene)
    window.editor.push(MoveResources({apps[0].id: (500.0, 0.0)}))
    routed(scene)
    assert scene_quality(scene).wires_through_cards == 0


def test_an_edit_whose_routing_runs_long_routes_in_slices_to_the_same_routes(
        make_window, monkeypatch) -> None:
    """An edit's own turn routes its wires when that takes few steps; a longer routing (20
    claims' wires to volumes across a 15,000-resource design held the window 250-570 ms) goes
    to slices, which route the same wires from the start to the same routes."""
    from kubecanvas.model.edits import SetField
    from kubecanvas.ui.canvas import scene_update

    def design() -> list:
        svc = _placed(service("web", {"app": "web"}), 0, 200)
        apps = [_placed(deployment(f"api{n}", labels={"app": "api"}), 900, n * 200)
                for n in range(3)]
        blocks = [_placed(configmap(f"block{n}"), 450, n * 200 + 100) for n in range(3)]
        return [svc, *apps, *blocks]

    def routes_by_name(window) -> dict:  # (ids differ between the two windows)
        names = {res.id: res.name for res in window.session.document}
        return {(names[key[0]], names[key[1]]): wire.route.points
                for key, wire in window.scene.edge_items.items() if wire.route is not None}

    pictures = []
    for budget in (10_000, 0):
        monkeypatch.setattr(scene_update, "ROUTE_NOW_STEPS", budget)
        window = make_window(design())
        svc = next(r for r in window.session.document if r.kind == "Service")
        window.editor.push(SetField(svc.id, ("spec", "selector"), {"app": "api"}))
        assert window.scene.route_slices.pending == (budget == 0)
        routed(window.scene)
        pictures.append(routes_by_name(window))
    assert len(pictures[0]) >= 3 and pictures[1] == pictures[0]


def _count_look_ups(route_around_steps, wire) -> int:  # type: ignore[no-untyped-def]
    """How many times routing `wire` alone asks the scene's index (a stand-in that finds no
    card)."""
    looks: list[QRectF] = []
    for _ in route_around_steps([], lambda rect, *_: looks.append(rect) or [], [wire]):
        pass
    return len(looks)


def test_a_routing_known_to_be_long_is_not_started_in_the_edit_s_turn(make_window,
                                                                       monkeypatch) -> None:
    """`look_ups_at_least` is a lower bound on the look-ups `route_around_steps` makes (one per
    step); a new wire across a wide design needs more than the edit's budget, so its routing
    goes to the slices without a try in the edit's turn."""
    from kubecanvas.model.edits import SetField
    from kubecanvas.ui.canvas import router, scene_update

    svc = _placed(service("web", {"app": "web"}), 0, 0)
    near = _placed(deployment("api", labels={"app": "api"}), 600, 0)
    far = _placed(deployment("batch", labels={"app": "batch"}), 30_000, 9_000)
    window = make_window([svc, near, far])
    scene = window.scene
    tried: list[int] = []
    real = scene_update.route_around_steps

    def counted(nodes, items_in, new=()):  # type: ignore[no-untyped-def]
        tried.append(1)
        return real(nodes, items_in, new)

    monkeypatch.setattr(scene_update, "route_around_steps", counted)
    for target, expect_now in (("api", True), ("batch", False)):
        tried.clear()
        window.editor.push(SetField(svc.id, ("spec", "selector"), {"app": target}))
        wire = next(w for w in scene.edge_items.values()
                    if w.source.rid == svc.id and w.target.rid in (near.id, far.id))
        looks = _count_look_ups(router.route_around_steps, wire)
        assert router.look_ups_at_least([wire]) <= looks
        assert (router.look_ups_at_least([wire]) < scene_update.ROUTE_NOW_STEPS) == expect_now
        assert bool(tried) == expect_now and scene.route_slices.pending != expect_now
        routed(scene)
