"""Another language on a big design: the items in view change at once, the others in slices
after (`language_slices.py`), and the scene ends exactly as one made in that language.

`AT_ONCE` is lowered so that a design of a few dozen cards takes the big design's path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.model.factories import deployment, service, simple

from kubecanvas.model.resource import Resource
from kubecanvas.ui import i18n
from kubecanvas.ui.canvas import language_slices
from kubecanvas.ui.canvas.edge_item import EdgeItem
from kubecanvas.ui.canvas.node_item import NodeItem


def _design() -> list[Resource]:
    parts: list[Resource] = []
    for i in range(12):
        parts += [deployment(f"web-{i}", labels={"app": f"web-{i}"}),
                  service(f"web-{i}", {"app": f"web-{i}"}),
                  simple("ConfigMap", f"settings-{i}")]
    return parts


def _texts(scene) -> dict[object, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """What each card and wire shows and tells (its painted line or label, its tooltip)."""
    names = {rid: (node.kind, node.name) for rid, node in scene.nodes.items()}
    return {**{names[rid]: (node.line, node.toolTip()) for rid, node in scene.nodes.items()},
            **{(names[wire.edge.source], names[wire.edge.target], wire.edge.key):
               (wire.label, wire.toolTip()) for wire in scene.edge_items.values()},
            **{ns: ("", frame.toolTip()) for ns, frame in scene.frames_by_namespace.items()}}


@pytest.fixture
def korean() -> Iterator[None]:
    yield
    i18n.set_language("en")


@pytest.fixture
def few_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_slices, "AT_ONCE", 4)


def test_the_items_in_view_change_at_once_and_the_rest_end_as_made_in_korean(
        make_window, qtbot, korean, few_at_once) -> None:
    window = make_window(_design())
    scene = window.scene
    english = _texts(scene)
    view = window.view
    shown = [item for item in scene.items(view.mapToScene(view.viewport().rect()).boundingRect())
             if isinstance(item, NodeItem | EdgeItem)][:language_slices.AT_ONCE]
    assert shown

    window.set_language("ko")

    assert all(i18n.has_hangul(item.toolTip()) for item in shown)
    assert scene._language is not None and scene._language.waiting
    assert sum(text != english[key] for key, text in _texts(scene).items()) < len(english)
    qtbot.waitUntil(lambda: not scene._language.waiting)
    made_in_korean = _texts(make_window(_design()).scene)
    assert _texts(scene) == made_in_korean
    assert made_in_korean != english


def test_a_card_deleted_and_a_switch_back_while_slices_wait(make_window, qtbot, korean,
                                                            few_at_once) -> None:
    design = _design()
    window = make_window(design)
    scene = window.scene
    english = _texts(scene)
    window.set_language("ko")
    gone = design[-1]  # the last card: retranslated in the slices, if at all
    window.editor.delete([gone.id], [], ask=False)
    assert gone.id not in scene.nodes
    window.set_language("en")
    qtbot.waitUntil(lambda: not scene._language.waiting)
    assert _texts(scene) == {key: text for key, text in english.items() if key != (gone.kind, gone.name)}


def test_a_picture_taken_during_the_slices_is_in_the_new_language(make_window, korean,
                                                                  few_at_once, tmp_path) -> None:
    from kubecanvas.ui.canvas.export_image import export_image

    window = make_window(_design())
    scene = window.scene
    window.set_language("ko")
    assert scene._language is not None and scene._language.waiting
    export_image(scene, tmp_path / "design.svg")
    assert not scene._language.waiting
    assert _texts(scene) == _texts(make_window(_design()).scene)


def test_zoomed_out_to_the_overview_no_card_waits_on_the_switch(make_window, qtbot, korean,
                                                                 few_at_once) -> None:
    window = make_window(_design())
    scene = window.scene
    english = _texts(scene)
    window.view.set_zoom(0.1)
    assert window.view.scene() is not scene  # the overview is shown instead

    window.set_language("ko")

    assert _texts(scene) == english  # nothing of the canvas in the switch's own turn
    qtbot.waitUntil(lambda: not scene._language.waiting)
    assert _texts(scene) == _texts(make_window(_design()).scene)
