""""Harden this workload": one undoable edit with every safe fix, and honest notes on what it
leaves alone."""

from __future__ import annotations

from kubecanvas.model.edits import UndoStack
from kubecanvas.validation.engine import validate_document
from kubecanvas.validation.hardening.harden import NON_ROOT_UID, harden, harden_edit
from kubecanvas.validation.profiles import HARDENING

from ..docs import configmap, deployment, doc
from .manifests import POD, changed, hardened

SAFE = {"pss.runAsNonRoot", "pss.seccompProfile", "pss.allowPrivilegeEscalation",
        "pss.capabilities.dropAll", "pss.runAsUser"}


def _rules(document):
    return {f.rule for f in validate_document(document, profiles=[HARDENING])}


def test_one_edit_fixes_every_safe_finding_and_undoes_in_one_step():
    document = doc(deployment(), configmap())
    before = [r.manifest for r in document]
    assert SAFE - {"pss.runAsUser"} <= _rules(document)
    (web,) = document.by_kind("Deployment")
    edit, result = harden_edit(web)
    stack = UndoStack(document)
    stack.push(edit)
    assert not SAFE & _rules(document)
    (web,) = document.by_kind("Deployment")
    pod_sc = web.manifest["spec"]["template"]["spec"]["securityContext"]
    assert pod_sc == {"runAsNonRoot": True, "runAsUser": NON_ROOT_UID,
                      "seccompProfile": {"type": "RuntimeDefault"}}
    assert any("cannot be known" in note for note in result.notes)  # readOnlyRootFilesystem
    assert any(str(NON_ROOT_UID) in note for note in result.notes)
    stack.undo()
    assert [r.manifest for r in document] == before


def test_a_hardened_workload_needs_nothing():
    document = doc(hardened())
    (web,) = list(document)
    assert harden_edit(web) is None
    assert harden(web).notes == []


def test_read_only_root_without_tmp_is_said_not_guessed():
    manifest = changed(hardened(), ((*POD, "containers", 0, "volumeMounts"), []),
                       ((*POD, "volumes"), []))
    (res,) = list(doc(manifest))
    result = harden(res)
    assert result.changes == []
    (note,) = result.notes
    assert "/tmp" in note and "emptyDir" in note and "cannot be known" in note
    assert "volumes" not in result.manifest["spec"]["template"]["spec"] or \
        result.manifest["spec"]["template"]["spec"]["volumes"] == []


def test_risky_settings_are_left_alone_and_listed():
    manifest = changed(hardened(), ((*POD, "hostNetwork"), True),
                       ((*POD, "containers", 0, "securityContext", "privileged"), True),
                       ((*POD, "volumes", 1), {"name": "logs", "hostPath": {"path": "/var/log"}}))
    (res,) = list(doc(manifest))
    result = harden(res)
    spec = result.manifest["spec"]["template"]["spec"]
    assert spec["hostNetwork"] is True and spec["containers"][0]["securityContext"]["privileged"]
    listed = " ".join(result.notes)
    assert "hostNetwork" in listed and "privileged" in listed and "hostPath" in listed


def test_not_a_workload():
    (cm,) = list(doc(configmap()))
    assert harden(cm) is None and harden_edit(cm) is None
