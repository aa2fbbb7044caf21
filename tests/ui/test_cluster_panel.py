"""The Cluster menu and dock against a stand-in `kubectl` on PATH.

The stand-in is a small Python script (the same approach as tests/ecosystem/conftest.py, plus the
calls only the editor makes: `get namespaces -o name`, and a delay to prove the window stays
responsive). It records its arguments and the documents it was sent in `calls.jsonl`, and answers
with the output lines, error texts and exit codes of kubectl 1.32. PATH holds only its folder.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox
from tests.builders import snapshot

from kubecanvas.io.yaml_in import load_text
from kubecanvas.ui.commands.cluster_controller import ClusterController, install_cluster
from kubecanvas.ui.panels.cluster_dialogs import ADD_TO_CURRENT, ImportNamespaceDialog
from kubecanvas.ui.panels.cluster_panel import REFUSED, RefusedMarkerItem

STAND_IN = '''\
import json, os, sys, time
import yaml

CONFIG = json.loads(os.environ.get("FAKE_CONFIG", "{}"))
args = sys.argv[1:]
record = {"args": list(args)}


def finish(code=0):
    with open(os.environ["FAKE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\\n")
    sys.exit(code)


def fail(text, code=1):
    sys.stderr.write(text + "\\n")
    finish(code)


def unreachable():
    if CONFIG.get("unreachable"):
        fail("E1126 04:23:29.100095   26214 memcache.go:265] couldn't get current server API "
             "group list: dial tcp 127.0.0.1:6443: connect: connection refused\\n"
             "The connection to the server 127.0.0.1:6443 was refused - did you specify the "
             "right host or port?")


def apply():
    path = args[args.index("-f") + 1]
    docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
    record["documents"] = docs
    time.sleep(CONFIG.get("sleep", 0))
    unreachable()
    dry = " (server dry run)" if "--dry-run=server" in args else ""
    errors = []
    for doc in docs:
        name = (doc.get("metadata") or {}).get("name")
        api = str(doc.get("apiVersion", ""))
        kind = doc["kind"] + ("." + api.split("/")[0] if "/" in api else "")
        if name in CONFIG.get("invalid", []):
            errors.append(f'Error from server (Invalid): error when creating "{path}": {kind} '
                          f'"{name}" is invalid: spec.template.spec.containers[0].image: '
                          "Required value")
        else:
            sys.stdout.write(f"{kind.lower()}/{name} created{dry}\\n")
    if CONFIG.get("warning"):
        sys.stderr.write("Warning: " + CONFIG["warning"] + "\\n")
    if errors:
        fail("\\n".join(errors))
    finish()


if args[:1] == ["--context"]:
    if args[1] not in CONFIG.get("contexts", ["kind-dev"]):
        fail(f'error: context "{args[1]}" does not exist')
    del args[:2]
if args[:2] == ["config", "current-context"]:
    if CONFIG.get("no_context"):
        fail("error: current-context is not set")
    sys.stdout.write(CONFIG.get("context", "kind-dev") + "\\n")
    finish()
if args[:2] == ["config", "get-contexts"]:
    sys.stdout.write("\\n".join(CONFIG.get("contexts", ["kind-dev"])) + "\\n")
    finish()
if args[:1] == ["apply"]:
    apply()
if args[:2] == ["get", "namespaces"]:
    unreachable()
    if CONFIG.get("forbid_namespaces"):
        fail('Error from server (Forbidden): namespaces is forbidden: User "dev" cannot list '
             'resource "namespaces" in API group "" at the cluster scope')
    sys.stdout.write("".join(f"namespace/{n}\\n" for n in CONFIG.get("namespaces", [])))
    finish()
if args[:1] == ["get"]:
    unreachable()
    sys.stdout.write(open(os.environ["FAKE_OUTPUT"], encoding="utf-8").read())
    finish()
fail("error: unknown command for the stand-in: " + " ".join(args))
'''

DESIGN = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {a: "1"}
"""

LIVE = """\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: kube-root-ca.crt, namespace: shop, uid: "1"}
  data: {ca.crt: x}
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
    uid: 2a
    resourceVersion: "77"
    managedFields: [{manager: kubectl}]
  spec:
    clusterIP: 10.96.0.12
    clusterIPs: [10.96.0.12]
    selector: {app: web}
    ports: [{port: 80, protocol: TCP, targetPort: 80}]
  status: {loadBalancer: {}}
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
    namespace: shop
    annotations: {deployment.kubernetes.io/revision: "3"}
  spec:
    replicas: 2
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers: [{name: web, image: nginx}]
  status: {replicas: 2}
- apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    name: web-5d9c
    namespace: shop
    ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, controller: true}]
  spec:
    selector: {matchLabels: {app: web}}
"""


@dataclass
class FakeKubectl:
    """The stand-in's folder (the whole PATH) and what it was asked."""

    folder: Path
    log: Path
    output: Path
    monkeypatch: pytest.MonkeyPatch

    def install(self) -> None:
        path = self.folder / "kubectl"
        path.write_text(f"#!{sys.executable}\n" + STAND_IN, encoding="utf-8")
        path.chmod(0o755)

    def configure(self, **config: Any) -> None:
        self.monkeypatch.setenv("FAKE_CONFIG", json.dumps(config))

    def calls(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def applies(self) -> list[dict[str, Any]]:
        return [c for c in self.calls() if "apply" in c["args"][:3]]


@pytest.fixture
def kubectl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeKubectl:
    if os.name == "nt":
        pytest.skip("the stand-in kubectl is a POSIX script")
    folder = tmp_path / "bin"
    folder.mkdir()
    fake = FakeKubectl(folder, tmp_path / "calls.jsonl", tmp_path / "output.yaml", monkeypatch)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("FAKE_LOG", str(fake.log))
    monkeypatch.setenv("FAKE_OUTPUT", str(fake.output))
    monkeypatch.setenv("FAKE_CONFIG", "{}")
    return fake


class Boxes:
    """QMessageBox's static functions, answering as told and remembering what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        for kind in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))

    def _box(self, kind: str) -> Any:
        def box(_parent: Any, title: str, text: str, *_args: Any) -> Any:
            self.asked.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return box


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


@pytest.fixture
def cluster_window(make_window):  # type: ignore[no-untyped-def]
    def make(text: str = DESIGN) -> tuple[Any, ClusterController]:
        window = make_window(load_text(text, "app.yaml").resources)
        return window, install_cluster(window)
    return make


def wait_idle(qtbot, controller: ClusterController) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not controller.busy, timeout=15000)


def by_name(window: Any, name: str, kind: str) -> str:
    return next(r.id for r in window.session.document if r.name == name and r.kind == kind)


def test_install_adds_menu_and_dock_once(qtbot, cluster_window) -> None:  # type: ignore[no-untyped-def]
    window, controller = cluster_window()
    assert install_cluster(window) is controller and window.cluster is controller
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("&Cluster") == 1
    texts = [a.text() for a in controller.menu.actions()]
    assert {"&Check Against Cluster (Dry Run)", "&Apply to Cluster…",
            "&Import Namespace…", "kubectl C&ontext"} <= set(texts)
    assert controller.panel.windowTitle() == "Cluster"
    qtbot.waitUntil(lambda: window.tabifiedDockWidgets(window.problems) == [controller.panel])


def test_check_shows_each_answer_and_a_row_selects_its_node(qtbot, cluster_window,  # type: ignore[no-untyped-def]
                                                            kubectl, boxes) -> None:
    kubectl.install()
    kubectl.configure(invalid=["api"], warning="spec.template: deprecated field")
    window, controller = cluster_window()
    assert controller.check()
    assert controller.panel.busy_bar.isVisible() and controller.panel.cancel_button.isVisible()
    wait_idle(qtbot, controller)
    assert not controller.panel.busy_bar.isVisible() and not boxes.asked
    rows = controller.panel.rows()
    assert rows[:3] == [
        ("accepted", "ConfigMap shop/settings", "created", ""),
        ("accepted", "Service shop/web", "created", ""),
        ("refused", "Deployment shop/api", "refused",
         'Invalid: Deployment.apps "api" is invalid: spec.template.spec.containers[0].image: '
         "Required value")]
    assert rows[3] == ("warning", "(kubectl)", "warning", "spec.template: deprecated field")
    assert "kind-dev (server dry run): 2 accepted, 1 refused" in controller.panel.summary.text()
    (apply,) = kubectl.applies()
    assert apply["args"][:3] == ["apply", "--request-timeout=60s", "--dry-run=server"]
    api = by_name(window, "api", "Deployment")
    node = window.scene.nodes[api]
    markers = [c for c in node.childItems() if isinstance(c, RefusedMarkerItem)]
    assert len(markers) == 1 and "Required value" in markers[0].toolTip()
    assert list(controller.markers.marked) == [api]
    tree = controller.panel.tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole) == REFUSED)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(tree.columnViewportPosition(1) + 20, rect.center().y()))
    assert window.selected_ids() == [api]


def test_apply_asks_naming_context_and_count_then_applies_there(qtbot, cluster_window,  # type: ignore[no-untyped-def]
                                                               kubectl, boxes) -> None:
    kubectl.install()
    window, controller = cluster_window()
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert controller.apply()
    wait_idle(qtbot, controller)
    (kind, title, text), = boxes.asked
    assert kind == "question" and title == "Apply to Cluster"
    assert "Apply 3 resources to the cluster of context “kind-dev”?" in text
    assert not kubectl.applies() and "Nothing was applied" in controller.panel.summary.text()
    boxes.answer = QMessageBox.StandardButton.Yes
    assert controller.apply()
    qtbot.waitUntil(lambda: len(kubectl.applies()) == 1 and not controller.busy, timeout=15000)
    (apply,) = kubectl.applies()
    assert apply["args"][:3] == ["--context", "kind-dev", "apply"]  # the context confirmed
    assert not any(a.startswith("--dry-run") for a in apply["args"])
    assert [d["kind"] for d in apply["documents"]] == ["ConfigMap", "Service", "Deployment"]
    assert "(applied): 3 accepted, 0 refused" in controller.panel.summary.text()


def test_apply_is_refused_while_error_findings_remain_and_offers_check(qtbot, cluster_window,  # type: ignore[no-untyped-def]
                                                                      kubectl, boxes) -> None:
    kubectl.install()
    window, controller = cluster_window("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                                        "spec:\n  ports:\n  - port: eighty\n")
    assert controller.error_count() >= 1
    boxes.answer = QMessageBox.StandardButton.No
    assert not controller.apply()
    (kind, title, text), = boxes.asked
    assert (kind, title) == ("question", "Apply Refused") and "error findings" in text
    assert not controller.busy and kubectl.calls() == []
    boxes.answer = QMessageBox.StandardButton.Yes  # "check instead"
    assert not controller.apply()
    wait_idle(qtbot, controller)
    (apply,) = kubectl.applies()
    assert "--dry-run=server" in apply["args"]


def _choose(monkeypatch: pytest.MonkeyPatch, namespace: str, target: str = "new") -> list[str]:
    """Make the Import Namespace dialog answer `namespace`; returns the choices it offered."""
    offered: list[str] = []

    def run(dialog: ImportNamespaceDialog) -> int:
        offered.extend(dialog.namespace.itemText(i) for i in range(dialog.namespace.count()))
        offered.extend(label.text() for label in dialog.findChildren(QLabel)
                       if "could not list" in label.text())
        dialog.namespace.setCurrentText(namespace)
        (dialog.add_current if target == ADD_TO_CURRENT else dialog.new_design).setChecked(True)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ImportNamespaceDialog, "exec", run)
    return offered


def test_import_namespace_opens_a_new_laid_out_design(qtbot, cluster_window, kubectl, boxes,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    kubectl.install()
    kubectl.configure(namespaces=["default", "shop"])
    kubectl.output.write_text(LIVE, encoding="utf-8")
    window, controller = cluster_window("")
    offered = _choose(monkeypatch, "shop")
    assert controller.import_namespace()
    qtbot.waitUntil(lambda: len(window.session.document) == 2 and not controller.busy,
                    timeout=15000)
    assert offered == ["default", "shop"]
    gets = [c["args"] for c in kubectl.calls() if "get" in c["args"][:3]]
    assert gets[0][:2] == ["get", "namespaces"]
    assert gets[1][:3] == ["--context", "kind-dev", "get"]
    assert gets[1][4:8] == ["--namespace", "shop", "--output", "yaml"]
    by_kind = {r.kind: r for r in window.session.document}
    assert sorted(by_kind) == ["Deployment", "Service"]
    service = by_kind["Service"].manifest
    assert service["metadata"] == {"name": "web", "namespace": "shop"}
    assert "status" not in service and "clusterIP" not in service["spec"]
    assert by_kind["Service"].position != by_kind["Deployment"].position  # laid out
    assert window.session.title == "Untitled" and not window.undo_stack.isClean()
    assert controller.panel.summary.text() == "Imported 2 resources from namespace shop of context kind-dev; 2 made by " \
        "controllers left out."
    assert not boxes.asked


def test_import_namespace_into_the_current_design_is_one_undo_step(qtbot, cluster_window,  # type: ignore[no-untyped-def]
                                                                   kubectl, boxes,
                                                                   monkeypatch) -> None:
    kubectl.install()
    kubectl.output.write_text(LIVE, encoding="utf-8")
    window, controller = cluster_window("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
    before = snapshot(window.session.document)
    session = window.session
    _choose(monkeypatch, "shop", ADD_TO_CURRENT)
    assert controller.import_namespace()
    qtbot.waitUntil(lambda: len(window.session.document) == 3 and not controller.busy,
                    timeout=15000)
    assert window.session is session and window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert snapshot(window.session.document) == before


def test_import_namespace_when_namespaces_cannot_be_listed(qtbot, cluster_window, kubectl,  # type: ignore[no-untyped-def]
                                                          boxes, monkeypatch) -> None:
    kubectl.install()
    kubectl.configure(forbid_namespaces=True)
    kubectl.output.write_text(LIVE, encoding="utf-8")
    window, controller = cluster_window("")
    offered = _choose(monkeypatch, "shop")  # typed: nothing to choose from
    assert controller.import_namespace()
    qtbot.waitUntil(lambda: len(window.session.document) == 2 and not controller.busy,
                    timeout=15000)
    (note,) = offered
    assert note.startswith("kubectl could not list the namespaces (Error from server "
                           "(Forbidden): namespaces is forbidden")
    assert not boxes.asked


def test_missing_kubectl_is_said_plainly(qtbot, cluster_window, kubectl, boxes) -> None:  # type: ignore[no-untyped-def]
    window, controller = cluster_window()  # nothing installed: PATH holds an empty folder
    for start in (controller.check, controller.import_namespace):
        boxes.asked.clear()
        assert start()
        wait_idle(qtbot, controller)
        (kind, title, text), = boxes.asked
        assert (kind, title) == ("warning", "Cluster")
        assert text.startswith("kubectl is not installed (or not on PATH)")
        assert controller.panel.summary.text() == text and controller.panel.rows() == []
    controller.kube_contexts.refresh()
    qtbot.waitUntil(lambda: controller.kube_contexts.note.startswith("kubectl is not installed"))
    assert not controller.context_menu.actions()[2].isEnabled()


@pytest.mark.parametrize(("config", "said"), [
    ({"unreachable": True}, "the cluster of the current context cannot be reached: The "
     "connection to the server 127.0.0.1:6443 was refused"),
    ({"no_context": True}, "kubectl has no current context"),
])
def test_unreachable_cluster_or_no_context_is_said_plainly(qtbot, cluster_window, kubectl,  # type: ignore[no-untyped-def]
                                                           boxes, config, said) -> None:
    kubectl.install()
    kubectl.configure(**config)
    window, controller = cluster_window()
    assert controller.check()
    wait_idle(qtbot, controller)
    (kind, _title, text), = boxes.asked
    assert kind == "warning" and text.startswith(said)
    assert controller.panel.summary.text() == text
    assert controller.actions["check"].isEnabled()  # ready to try again
    assert list(controller.markers.marked) == []


def test_window_stays_responsive_while_kubectl_runs_and_cancel_stops_it(  # type: ignore[no-untyped-def]
        qtbot, cluster_window, kubectl, boxes) -> None:
    kubectl.install()
    kubectl.configure(sleep=20)
    window, controller = cluster_window()
    ticks: list[float] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    assert controller.check()
    task = controller.task
    assert task is not None
    # the UI thread's event loop ticks while the stand-in sleeps its 20 s; a UI thread blocked by
    # kubectl could tick only after the stand-in ended, so the task would no longer be running
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=10000)
    assert task.isRunning() and controller.busy
    assert not controller.actions["check"].isEnabled() and controller.actions["cancel"].isEnabled()
    assert not controller.check()  # one kubectl at a time
    started = time.monotonic()
    qtbot.mouseClick(controller.panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.busy and not controller.threads, timeout=5000)
    assert time.monotonic() - started < 5  # killed, not waited for (it sleeps 20 s)
    timer.stop()
    assert controller.panel.summary.text().startswith("Cancelled; kubectl was stopped")
    assert controller.panel.rows() == [] and not boxes.asked


def test_context_chooser_lists_contexts_marks_the_current_and_is_used(qtbot, cluster_window,  # type: ignore[no-untyped-def]
                                                                     kubectl, boxes) -> None:
    kubectl.install()
    kubectl.configure(contexts=["kind-dev", "prod"])
    window, controller = cluster_window()
    controller.kube_contexts.refresh()
    qtbot.waitUntil(lambda: controller.kube_contexts.names == ["kind-dev", "prod"])
    texts = [a.text() for a in controller.context_menu.actions() if a.isCheckable()]
    assert texts == ["Use the Current Context (kind-dev)", "kind-dev (current)", "prod"]
    assert [a.isChecked() for a in controller.context_menu.actions() if a.isCheckable()] == \
        [True, False, False]
    next(a for a in controller.context_menu.actions() if a.text() == "prod").trigger()
    assert controller.kube_contexts.chosen == "prod"
    assert controller.check()
    wait_idle(qtbot, controller)
    (apply,) = kubectl.applies()
    assert apply["args"][:3] == ["--context", "prod", "apply"]


def test_markers_follow_edits_and_clear_with_a_new_design(qtbot, cluster_window, kubectl,  # type: ignore[no-untyped-def]
                                                          boxes) -> None:
    kubectl.install()
    kubectl.configure(invalid=["api"])
    window, controller = cluster_window()
    controller.check()
    wait_idle(qtbot, controller)
    api = by_name(window, "api", "Deployment")
    window.editor.delete([api], [])
    assert list(controller.markers.marked) == []
    assert "The design changed since; check again." in controller.panel.summary.text()
    window.undo_stack.undo()
    assert list(controller.markers.marked) == [api]
    window.files.new()
    assert list(controller.markers.marked) == [] and controller.panel.rows() == []
