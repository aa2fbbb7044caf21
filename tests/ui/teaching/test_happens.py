"""The "What happens" panel follows the selection and lights simulations up on the canvas."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from kubecanvas.model.edits import SetField
from kubecanvas.ui.teaching.highlight import BROKEN_COLOUR, PATH_COLOUR
from teaching.test_lessons import LEARNER

from .helpers import do_step, rid, select


def text(controller) -> str:
    return controller.happens_panel.browser.plain_text()


def learn(window, lesson_id: str, count: int | None = None) -> None:
    """Do the first `count` steps of a lesson (all by default) through the editor."""
    for index in range(len(LEARNER[lesson_id][:count])):
        do_step(window, lesson_id, index)


def test_service_traffic_follows_a_pod_label_change(teaching) -> None:
    """Professor Lee's moment: a label typo leaves the Service without pods, and back."""
    window, controller = teaching("services")
    learn(window, "services", 1)
    select(window, "Service", "web")
    assert controller.happens_panel.heading.text() == "Service web"
    assert "Traffic reaches 3 pods." in text(controller)
    assert "web.default.svc.cluster.local" in text(controller)
    path = ("spec", "template", "metadata", "labels", "app")
    deployment = rid(window, "Deployment", "web")
    window.editor.push(SetField(deployment, path, "web2"))
    assert "Traffic reaches no pod." in text(controller)
    assert not [k for k in window.scene.edge_items if k[1] == deployment]
    window.editor.push(SetField(deployment, path, "web"))
    assert "Traffic reaches 3 pods." in text(controller)


def test_walking_an_ingress_request_lights_its_path(teaching, qtbot) -> None:
    window, controller = teaching("ingress")
    learn(window, "ingress", 2)  # the /api backend now names Service api
    ingress = select(window, "Ingress", "shop")
    panel = controller.happens_panel
    assert not panel.request_row.isHidden()
    panel.request_edit.clear()
    qtbot.keyClicks(panel.request_edit, "GET shop.example.com/api/items")
    qtbot.keyClick(panel.request_edit, Qt.Key.Key_Return)
    assert "The request reaches 2 pods:" in text(controller)
    service, deployment = rid(window, "Service", "api"), rid(window, "Deployment", "api")
    shown = controller.overlay.highlight
    assert {ingress, service, deployment} <= set(shown.resources)
    assert [(s, t) for s, t, _k in shown.edges] == [(ingress, service), (service, deployment)]
    halos = controller.overlay.items
    assert len(halos) == len(shown.resources) + len(shown.edges)
    assert all(h.scene() is window.scene for h in halos)
    assert {h.pen().color().name() for h in halos} == {PATH_COLOUR}
    assert window.selected_ids() == [ingress]  # lighting up never changes the selection
    select(window, "Service", "web")  # a new selection clears the light
    assert controller.overlay.items == [] and all(h.scene() is None for h in halos)


def test_a_broken_request_shows_where_it_stops(teaching) -> None:
    window, controller = teaching("ingress")
    ingress = select(window, "Ingress", "shop")
    controller.happens_panel.request_edit.setText("GET shop.example.com/api")
    controller.happens_panel.walk()
    assert "The request stops at: Service" in text(controller)
    assert "503" in text(controller)
    assert controller.overlay.broken == (ingress,)
    reds = [h for h in controller.overlay.items if h.pen().color().name() == BROKEN_COLOUR]
    assert len(reds) == 1
    learn(window, "ingress", 2)  # fixing the backend re-walks the same request
    assert "The request reaches 2 pods:" in text(controller)
    assert controller.overlay.broken == () and controller.overlay.items


def test_deployment_shows_its_replicaset_pods_and_rollout(teaching) -> None:
    window, controller = teaching("deployments")
    learn(window, "deployments")
    select(window, "Deployment", "web")
    shown = text(controller)
    assert "ReplicaSet" in shown and "pod-template-hash" in shown
    assert shown.count("10.244.") >= 4  # four pods with their IPs
    assert "maxSurge 1, maxUnavailable 0" in shown


def test_statefulset_job_and_cronjob(teaching) -> None:
    window, controller = teaching("statefulsets")
    learn(window, "statefulsets")
    select(window, "StatefulSet", "db")
    assert "db-0.db.default.svc.cluster.local" in text(controller)
    assert "podManagementPolicy: Parallel" in text(controller)
    assert "Governing Service: Service db" in text(controller)
    _window, controller = teaching("jobs")
    learn(_window, "jobs")
    select(_window, "Job", "thumbnails")
    assert "completions 6" in text(controller) and "parallelism 2" in text(controller)
    controller.happens_panel.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    select(_window, "CronJob", "nightly-report")
    shown = text(controller)
    assert "Next five runs" in shown
    assert "2026-03-02 02:30 KST" in shown and "2026-03-06 02:30 KST" in shown


def test_claim_binding_verdicts(teaching) -> None:
    window, controller = teaching("persistent-volumes")
    select(window, "PersistentVolumeClaim", "data")
    assert "capacity 1Gi < requested 5Gi" in text(controller)
    learn(window, "persistent-volumes", 2)
    assert "pv-big" in text(controller)


def test_secret_values_stay_masked_until_revealed(teaching, qtbot) -> None:
    window, controller = teaching("config-secrets")
    learn(window, "config-secrets")
    select(window, "Deployment", "app")
    panel = controller.happens_panel
    assert not panel.reveal.isHidden() and not panel.reveal.isChecked()
    assert "DB_PASSWORD" in text(controller) and "s3cret" not in text(controller)
    assert "••••••" in text(controller) and "Hello from a ConfigMap" in text(controller)
    panel.reveal.click()
    assert "s3cret" in text(controller)
    select(window, "ConfigMap", "app-config")
    select(window, "Deployment", "app")  # a new selection masks again
    assert not panel.reveal.isChecked() and "s3cret" not in text(controller)


def test_nothing_selected_shows_the_network_and_policies(teaching) -> None:
    window, controller = teaching("networking")
    learn(window, "networking")
    window.scene.clearSelection()
    shown = text(controller)
    assert controller.happens_panel.heading.text().startswith("Cluster network")
    assert "Containers sharing localhost" in shown and "log-agent 2020/TCP" in shown
    assert "Who may talk to whom" in shown
    assert "Deployment batch\nDeployment api\n✘" in shown  # the policy admits only web
    assert "Deployment web\nDeployment api\n✔" in shown


def test_a_hidden_panel_catches_up_when_shown(teaching, qtbot) -> None:
    window, controller = teaching("services")
    select(window, "Service", "web")
    controller.happens_panel.hide()  # closed (or behind another tab): no simulation runs
    learn(window, "services", 1)
    assert "Traffic reaches no pod." in text(controller)
    controller.happens_panel.show()
    qtbot.waitUntil(lambda: "Traffic reaches 3 pods." in text(controller))


def test_a_large_design_simulates_the_network_only_on_request(make_window, qtbot) -> None:
    from kubecanvas.io import load_text
    from kubecanvas.ui.teaching import install_teaching
    from kubecanvas.ui.teaching.happens_panel import NETWORK_LIMIT

    yaml_text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
                        for i in range(NETWORK_LIMIT + 1))
    window = make_window(load_text(yaml_text).resources)
    controller = install_teaching(window)
    qtbot.waitUntil(lambda: f"This design has {NETWORK_LIMIT + 1}" in text(controller))
    assert f"This design has {NETWORK_LIMIT + 1} resources" in text(controller)


def test_an_edit_of_a_large_design_places_no_pods_for_the_summary(make_window, qtbot,
                                                                  monkeypatch) -> None:
    """The panel refreshes after every edit; placing every pod of 5,000 resources to then say
    "too large" made each edit 50 ms slower."""
    from kubecanvas.io import load_text
    from kubecanvas.model.edits import SetField
    from kubecanvas.ui.teaching import happens_panel, install_teaching

    yaml_text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
                        for i in range(happens_panel.NETWORK_LIMIT + 1))
    window = make_window(load_text(yaml_text).resources)
    controller = install_teaching(window)
    controller.happens_panel.show()
    placed = []
    monkeypatch.setattr(happens_panel, "SimCluster", lambda doc: placed.append(doc))
    first = next(iter(window.session.document))
    window.editor.push(SetField(first.id, ("data", "k"), "v"))
    controller.happens_panel.refresh()
    assert "This design has" in text(controller)
    assert not placed


def test_a_networkpolicy_selected_in_a_large_design_simulates_no_network(make_window, qtbot,
                                                                          monkeypatch) -> None:
    """Selecting a NetworkPolicy simulated every pod of the design (minutes at 5,000): above
    the limit the panel says so instead, as it does with nothing selected."""
    from kubecanvas.io import load_text
    from kubecanvas.ui.teaching import happens_panel, install_teaching

    yaml_text = "".join(f"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n"
                        for i in range(happens_panel.NETWORK_LIMIT + 1))
    yaml_text += ("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                  "metadata: {name: deny}\nspec: {podSelector: {}}\n")
    window = make_window(load_text(yaml_text).resources)
    controller = install_teaching(window)
    controller.happens_panel.show()
    simulated = []
    monkeypatch.setattr(happens_panel, "simulate_network",
                        lambda *args: simulated.append(args))
    policy = next(r for r in window.session.document if r.kind == "NetworkPolicy")
    window.scene.select_ids([policy.id])
    controller.happens_panel.refresh()
    assert "too many to simulate the whole cluster network for a NetworkPolicy" in text(
        controller)
    assert not simulated


def test_dns_names_wrap_at_their_dots_in_a_narrow_panel_and_copy_whole(teaching) -> None:
    """A Service's DNS names in a narrow What Happens dock break after a dot or dash, never
    mid-label ("web.shop.svc.clu / ster.local" was seen); a copy holds the name as it is."""
    from PySide6.QtGui import QGuiApplication, QTextCursor

    window, controller = teaching("services")
    learn(window, "services", 1)
    select(window, "Service", "web")
    browser = controller.happens_panel.browser
    name = next(line for line in browser.plain_text().splitlines()
                if line.endswith(".svc.cluster.local"))
    document = browser.document().clone()
    document.setTextWidth(10000)
    document.documentLayout().documentSize()  # lay it out on one line, to measure it
    block = document.begin()
    while block.text().replace("\u200b", "") != name:
        block = block.next()
    line = block.layout().lineAt(0)
    left = block.layout().position().x() + document.documentMargin()
    document.setTextWidth(left + line.naturalTextWidth() * 0.6)  # a narrow dock
    document.documentLayout().documentSize()
    broken = 0
    block = document.begin()
    while block.isValid():
        text, layout = block.text(), block.layout()
        if text.replace("\u200b", "") == name:
            for i in range(layout.lineCount() - 1):
                line = layout.lineAt(i)
                before = text[line.textStart() + line.textLength() - 1]
                assert before in "\u200b.-", (text, i)
                broken += 1
        block = block.next()
    assert broken >= 1
    cursor = browser.document().find(name.split(".")[0])
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    browser.copy()
    assert QGuiApplication.clipboard().text().endswith(".svc.cluster.local")
    assert "\u200b" not in QGuiApplication.clipboard().text()
    cluster_ip = next(line for line in browser.toPlainText().splitlines() if "ClusterIP:" in line)
    assert "\u200b" not in cluster_ip  # an address moves to the next line whole


def test_show_on_canvas_is_offered_only_when_there_is_something_to_light_up(teaching) -> None:
    window, controller = teaching(None)  # an empty design: the getting-started text
    panel = controller.happens_panel
    assert not len(window.session.document) and not panel.show_button.isEnabled()
    window, controller = teaching("services")
    select(window, "Service", "web")
    assert controller.happens_panel.show_button.isEnabled()


def test_the_design_is_read_between_events_before_the_first_click(teaching, qtbot,
                                                                   monkeypatch) -> None:
    """After a design opens, What Happens reads every resource's pod counts and the Services'
    addresses between events; the first click on a workload then reads no other resource (it
    read all of them: 190 ms at 15,000 resources, a stall on the press that starts a drag)."""
    from kubecanvas.teaching.cluster import SimCluster

    window, controller = teaching("services")
    learn(window, "services")
    panel = controller.happens_panel
    panel.set_document(window.session.document, window.session.graph,
                       panel.findings_for)  # as opening a design does
    assert panel._warm is not None  # noqa: SLF001 - the warm-up is under way, in steps
    qtbot.waitUntil(lambda: panel._warm is None)  # noqa: SLF001
    read: list[str] = []
    counts = SimCluster._counts
    monkeypatch.setattr(SimCluster, "_counts", lambda self, res: read.append(res.id) or
                        counts(self, res))
    select(window, "Deployment", "web")
    assert "web" in panel.heading.text()
    assert "Pod" in text(controller)
    assert read == []
