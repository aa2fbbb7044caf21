"""The editor's hardening controls: the Problems panel toggle (one undo step, kept in the
project settings), "Harden This Workload" (diff first, one undo step), and fixes that ask for
their value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyleOptionButton
from tests.ui.gestures import snapshot
from tests.validation.docs import deployment

from kubecanvas.model.resource import Resource
from kubecanvas.ui.commands.hardening_ui import harden_selected
from kubecanvas.validation.profiles import HARDENING


def _click_box(qtbot, box):
    """Click the check box's indicator, which a retranslated label (not laid out again yet)
    cannot move away from: the centre of a box wider than its new label is outside it."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=indicator.center())


def _rules(window):
    return {f.rule for f in window.problems.findings}


def test_toggle_turns_hardening_on_as_one_undo_step(make_window, qtbot):
    window = make_window([Resource(deployment())])
    assert not any(r.startswith("pss.") for r in _rules(window))
    _click_box(qtbot, window.problems.hardening_box)
    assert window.session.document.settings.profiles == {HARDENING}
    assert "pss.runAsNonRoot" in _rules(window)
    assert not window.undo_stack.isClean()  # the project has an unsaved change to keep
    window.undo_stack.undo()
    assert window.session.document.settings.profiles == set()
    assert not window.problems.hardening_box.isChecked()
    assert not any(r.startswith("pss.") for r in _rules(window))


def test_harden_this_workload_shows_the_diff_then_applies_one_edit(make_window):
    window = make_window([Resource(deployment())])
    before = snapshot(window.session.document)
    window.scene.select_ids(window.session.document.ids())
    dialog = harden_selected(window, window, confirm=False)
    assert dialog is not None
    added = [line[1:].strip() for line in dialog.diff.toPlainText().splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    assert "allowPrivilegeEscalation: false" in added and "runAsNonRoot: true" in added
    assert snapshot(window.session.document) == before  # nothing changes before Apply
    dialog.accept()
    web = next(iter(window.session.document))
    assert web.manifest["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_fix_asks_for_its_value(make_window, monkeypatch):
    window = make_window([Resource(deployment())])
    monkeypatch.setattr("kubecanvas.ui.commands.hardening_ui.QInputDialog.getText",
                        lambda *args, **kwargs: ("250m", True))
    window.problems.hardening_box.setChecked(True)
    finding = next(f for f in window.problems.findings if f.rule == "reliability.requests.cpu")
    window.apply_fix(finding)
    web = next(iter(window.session.document))
    container = web.manifest["spec"]["template"]["spec"]["containers"][0]
    assert container["resources"]["requests"]["cpu"] == "250m"
    monkeypatch.setattr("kubecanvas.ui.commands.hardening_ui.QInputDialog.getText",
                        lambda *args, **kwargs: ("", False))
    finding = next(f for f in window.problems.findings
                   if f.rule == "reliability.requests.memory")
    window.apply_fix(finding)  # cancelled: nothing changes
    web = next(iter(window.session.document))
    assert "memory" not in web.manifest["spec"]["template"]["spec"]["containers"][0][
        "resources"]["requests"]


def test_the_toggle_undo_step_reads_korean(make_window, qtbot):
    from kubecanvas.ui import i18n

    window = make_window([Resource(deployment())])
    window.set_language("ko")
    try:
        _click_box(qtbot, window.problems.hardening_box)
        undo = window.actions_by_name["undo"]
        assert "하드닝 검사 켜기" in undo.text() + undo.toolTip()
        assert "hardening" not in undo.text() + undo.toolTip()
    finally:
        window.set_language("en")
        i18n.set_language("en")
