"""Property: any sequence of editor gestures undoes back to the identical document and redoes
forward to the identical result, and the canvas always mirrors the document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF
from tests.ui.gestures import snapshot

from kubecanvas.model.layout import NODE_HEIGHT, NODE_WIDTH

KINDS = ["Deployment", "Service", "ConfigMap", "PersistentVolumeClaim", "Ingress", "Secret"]
gesture = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(KINDS), st.integers(0, 800), st.integers(0, 600)),
    st.tuples(st.just("nudge"), st.integers(0, 9), st.sampled_from([-20, 20]), st.just(0)),
    st.tuples(st.just("wire"), st.integers(0, 9), st.integers(0, 9), st.just(0)),
    st.tuples(st.just("delete"), st.integers(0, 9), st.just(0), st.just(0)),
    st.tuples(st.just("move"), st.integers(0, 9), st.integers(-200, 200), st.integers(-200, 200)),
)


def _apply(window, step) -> None:
    editor, doc = window.editor, window.session.document
    ids = doc.ids()
    op, a, b, c = step
    if op == "add":
        editor.add_kind(a, QPointF(b + NODE_WIDTH / 2, c + NODE_HEIGHT / 2))
    elif not ids:
        return
    elif op == "nudge":
        editor.nudge([ids[a % len(ids)]], b, 0)
    elif op == "wire":
        editor.wire(ids[a % len(ids)], ids[b % len(ids)], QPoint(0, 0), choose=False)
    elif op == "delete":
        editor.delete([ids[a % len(ids)]], [], ask=False)
    else:
        rid = ids[a % len(ids)]
        x, y = doc.get(rid).position
        editor.commit_move({rid: (x + b, y + c)})


def _mirrors(window) -> bool:
    scene, doc = window.scene, window.session.document
    real = {rid for rid, node in scene.nodes.items() if not node.ghost}
    return real == set(doc.ids()) and all(
        (scene.nodes[r.id].pos().x(), scene.nodes[r.id].pos().y()) == r.position for r in doc)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(gesture, min_size=1, max_size=12))
def test_gestures_undo_and_redo_exactly(make_window, steps) -> None:
    window = make_window([])
    doc = window.session.document
    start = snapshot(doc)
    for step in steps:
        _apply(window, step)
        assert _mirrors(window)
    end = snapshot(doc)
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert snapshot(doc) == start
    assert _mirrors(window)
    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    assert snapshot(doc) == end
    assert _mirrors(window)
    assert sorted(window.scene.edge_items) == sorted(
        (e.source, e.target, e.key) for e in window.session.graph.edges() if e.source != e.target)
    window.close()
