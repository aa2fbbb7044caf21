"""The control plane beside the design: the headless frames drawn and played in order."""

from __future__ import annotations

from kubecanvas.teaching.architecture import apply_flow, control_plane_frames

from .helpers import do_step, rid, select


def test_apply_is_animated_through_the_control_plane_and_lights_the_design(teaching,
                                                                           qtbot) -> None:
    window, controller = teaching("architecture")
    panel = controller.control_plane
    assert not panel.isHidden()
    web = select(window, "Deployment", "web")
    session = window.session
    expected = control_plane_frames(apply_flow(session.document, session.graph, web))
    assert panel.drawing.frames == expected  # the simulation's sequence, drawn as is
    assert [f.box for f in expected] == ["kubectl", "api-server"] and not expected[-1].ok
    assert panel.caption.text().startswith("1/2")
    shown = []
    panel.highlight_requested.connect(lambda h, broken: shown.append((h, broken)))
    panel.next_button.click()
    assert panel.drawing.index == 1 and "✘" in panel.caption.text()  # refused: stops here
    assert shown[-1][1] == (web,)
    for index in range(3):  # an image, 3 replicas, the Service selects the pods
        do_step(window, "architecture", index)
    do_step(window, "architecture", 3)
    do_step(window, "architecture", 4)
    assert [f.box for f in panel.drawing.frames][-3:] == [
        "controller-manager", "kube-proxy", "coredns"]
    panel.timer.setInterval(40)  # the same walk, faster than a class reads it
    panel.play_button.setChecked(True)
    panel.drawing.index = 0
    qtbot.waitUntil(lambda: panel.drawing.index == len(panel.drawing.frames) - 1, timeout=30000)
    qtbot.waitUntil(lambda: not panel.play_button.isChecked(), timeout=5000)
    assert rid(window, "Service", "web") in shown[-1][0].resources
    image = panel.drawing.grab().toImage()  # painted: the acting box is lit
    assert image.width() > 0
    controller.set_language("ko")
    assert panel.windowTitle() == "컨트롤 플레인" and "CoreDNS" in panel.caption.text()


def test_a_hidden_control_plane_waits_and_catches_up_when_shown(make_window, monkeypatch) -> None:
    """Behind the YAML tab (the default) an edit costs the dock nothing; shown, it follows the
    design as it is then."""
    from PySide6.QtWidgets import QApplication
    from tests.model.factories import deployment

    from kubecanvas.model.edits import SetField
    from kubecanvas.ui.teaching import control_plane

    web = deployment("web")
    window = make_window([web])
    panel = window.teaching.control_plane
    assert window.yaml_panel in window.tabifiedDockWidgets(panel)
    window.yaml_panel.raise_()
    QApplication.processEvents()
    assert not panel.showing
    flows = []
    real = control_plane.apply_flow
    monkeypatch.setattr(control_plane, "apply_flow",
                        lambda *a, **k: flows.append(a[2]) or real(*a, **k))
    window.editor.push(SetField(web.id, ("spec", "replicas"), 4))
    assert flows == []
    panel.raise_()
    QApplication.processEvents()
    assert panel.showing and flows == [web.id]
    session = window.session
    assert panel.drawing.frames == control_plane.control_plane_frames(
        real(session.document, session.graph, web.id))
