"""The "What happens" panel: what `kubectl apply` of the selected resource would set in motion.

It picks the simulation that fits the selected node (a Service's endpoints and DNS names, an
Ingress request walked hop by hop, a Deployment's ReplicaSet and rollout, a StatefulSet's
ordered pods, a Job's waves, a CronJob's next five runs, a claim's binding verdicts, every
container's environment and files) and, with nothing selected or a NetworkPolicy selected, the
cluster network. Nothing talks to a cluster. The panel never writes to the document; lighting the
path on the canvas leaves as `highlight_requested`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kubecanvas.model.document import Change, Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.kinds import as_list, as_mapping, pod_spec
from kubecanvas.teaching import (
    Highlight,
    SimCluster,
    explain_kind,
    simulate_claim,
    simulate_cronjob,
    simulate_deployment,
    simulate_environment,
    simulate_job,
    simulate_network,
    simulate_service,
    simulate_statefulset,
    walk_ingress,
)
from kubecanvas.teaching.architecture import WORKLOADS, apply_flow
from kubecanvas.teaching.cluster import NODE_COUNT
from kubecanvas.teaching.cluster_memo import ClusterMemo
from kubecanvas.teaching.text import local
from kubecanvas.ui.slices import run_slice, slice_timer
from kubecanvas.ui.steady import SteadyHost
from kubecanvas.ui.teaching import getting_started
from kubecanvas.ui.teaching import happens_render as render
from kubecanvas.ui.teaching.code_browser import CodeBrowser
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.ui.tones import follow_theme, tone
from kubecanvas.validation.findings import Finding

#: Above this many resources the whole-cluster network (all pod pairs against every policy) is
#: only simulated for a selected NetworkPolicy, not after every edit with nothing selected.
NETWORK_LIMIT = 150
#: CPU seconds of one event-loop turn of the memo's warm-up after a design opens
WARM_SLICE_SECONDS = 0.006
TOO_LARGE = ("This design has {count} resources: select a workload, Service, Ingress or claim "
             "to simulate it.")
POLICY_TOO_LARGE = ("This design has {count} resources: too many to simulate the whole cluster "
                    "network for a NetworkPolicy. Select a workload to simulate its pods; the "
                    "policy's findings are in the Problems list.")
NOTHING_TO_SIMULATE = ("Select a workload, Service, Ingress or claim to see what it does when "
                       "applied; select nothing to see the cluster network.")


def default_request(doc: Document, rid: str) -> str:
    """A request the Ingress routes: its first rule's host and first path."""
    spec = doc.get(rid).spec
    for rule in as_list(spec.get("rules")):
        if isinstance(rule, Mapping):
            paths = as_list(as_mapping(rule.get("http")).get("paths"))
            path = str(as_mapping(paths[0]).get("path") or "/") if paths else "/"
            return f"GET {rule.get('host') or 'example.com'}{path}"
    return "GET example.com/"


def heading(doc: Document, rid: str) -> str:
    """`Service web`, or in Korean `서비스(Service) web` (the glossary term and the YAML kind)."""
    res = doc.get(rid)
    known = explain_kind(res.kind)
    kind = known.text("title", language()) if known is not None else res.kind
    where = f"{res.namespace}/" if res.namespace else ""
    return f"{kind} {where}{res.name}"


class WhatHappensPanel(QDockWidget):
    """Dock showing the simulation for the selected node.

    Attributes:
        rid: the resource shown (None: the whole cluster's network).
        highlight: what the current result lights up; `broken` the resources where a walked
            request stops.
    """

    highlight_requested = Signal(object, object)  # Highlight, tuple of broken ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WhatHappensPanel")
        self.document: Document | None = None
        self.graph: WiringGraph | None = None
        self.findings_for: Callable[[str], Sequence[Finding]] | None = None
        self.rid: str | None = None
        self.request: str | None = None  # set once the user walked a request
        self.highlight = Highlight()
        self.broken: tuple[str, ...] = ()
        self.now: datetime | None = None  # tests fix the clock for CronJob runs
        self._stale = False
        #: on screen: shown and, when tabbed with other docks, the current tab (`isVisible`
        #: stays true behind another tab, where a simulation after each edit placed the pods
        #: of every workload: 100 ms per edit at 15,000 resources; Qt says it with
        #: `visibilityChanged`)
        self.showing = False
        #: pods and addresses per resource, and the counts before each, across refreshes
        self._pod_memo = ClusterMemo(NODE_COUNT)
        #: the memo's warm-up (`SimCluster.warm_steps`), run in slices between events
        self._warm: Iterator[None] | None = None
        self._warm_timer = slice_timer(self, self._warm_step)
        self._html = ""  # what the browser shows
        self._build()
        self.visibilityChanged.connect(self._shown)
        self.retranslate()
        follow_theme(self, self.refresh)  # the results' colours suit the palette

    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.heading = QLabel(body)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold; font-size: 14px")
        row = QHBoxLayout()
        self.request_edit = QLineEdit(body)
        self.request_edit.returnPressed.connect(self.walk)
        self.walk_button = QPushButton(body)
        self.walk_button.clicked.connect(self.walk)
        row.addWidget(self.request_edit, 1)
        row.addWidget(self.walk_button)
        self.request_row = QWidget(body)
        self.request_row.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        options = QHBoxLayout()
        self.reveal = QCheckBox(body)
        self.reveal.toggled.connect(lambda _on: self.refresh())
        self.show_button = QPushButton(body)
        self.show_button.clicked.connect(self.show_on_canvas)
        options.addWidget(self.reveal)
        options.addStretch(1)
        options.addWidget(self.show_button)
        self.browser = CodeBrowser(body)
        self.browser.setOpenExternalLinks(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.request_row)
        layout.addLayout(options)
        layout.addWidget(self.browser, 1)
        self.setWidget(SteadyHost(body, self))  # its changes stay in the dock

    def retranslate(self) -> None:
        self.setWindowTitle(tr("What Happens"))
        self.request_edit.setPlaceholderText(tr("A request, like GET shop.example.com/api"))
        self.walk_button.setText(tr("Walk"))
        self.walk_button.setToolTip(tr("Follow the request through the Ingress to the pods"))
        self.reveal.setText(tr("Reveal secrets"))
        self.reveal.setToolTip(tr("Show Secret values decoded from base64 (masked by default)"))
        self.show_button.setText(tr("Show on canvas"))
        self.refresh()

    # --- what is shown -------------------------------------------------------------------------
    def set_document(self, document: Document, graph: WiringGraph,
                     findings_for: Callable[[str], Sequence[Finding]] | None = None) -> None:
        """Follow another design; `findings_for` gives the validator's current findings on one
        resource, so that a workload's apply flow does not validate the whole design."""
        self.document, self.graph = document, graph
        self.findings_for = findings_for
        self._pod_memo = ClusterMemo(NODE_COUNT)
        # the first simulation of a workload or Service reads the whole design's pod counts
        # and addresses (190 ms at 15,000 resources, on the first click on a card): read
        # them between events now, before anyone clicks (once the panel is on screen: hidden,
        # it simulates nothing)
        self._warm = SimCluster(document, self._pod_memo).warm_steps()
        if self.showing:
            self._warm_timer.start()
        self.show_resource(None)

    def _warm_step(self) -> None:
        """One event-loop turn of the memo's warm-up: steps until its CPU time is spent."""
        job = self._warm
        if job is None:
            return
        if not run_slice(job, WARM_SLICE_SECONDS):
            self._warm_timer.start()
            return
        if self._warm is job:
            self._warm = None

    def show_resource(self, rid: str | None) -> None:
        """Simulate another resource (None: the network); a walked request is forgotten."""
        self.rid = rid
        self.request = None
        self.reveal.blockSignals(True)
        self.reveal.setChecked(False)  # secrets are masked again for every new selection
        self.reveal.blockSignals(False)
        if rid is not None and self.document is not None and rid in self.document \
                and self.document.get(rid).kind == "Ingress":
            self.request_edit.setText(default_request(self.document, rid))
        self.refresh()

    @property
    def memo(self) -> ClusterMemo:
        """The simulated cluster's memo of this design, told of every change (`follow`)."""
        return self._pod_memo

    def follow(self, change: Change) -> None:
        """Note one change of the document (`ClusterMemo.follow`), shown or not."""
        self._pod_memo.follow(change)

    def walk(self) -> None:
        """Walk the typed request and light its path (or where it breaks) on the canvas."""
        self.request = self.request_edit.text().strip() or None
        self.refresh()
        self.show_on_canvas()

    def show_on_canvas(self) -> None:
        self.highlight_requested.emit(self.highlight, self.broken)

    def _shown(self, visible: bool) -> None:
        self.showing = visible
        if visible and self._warm is not None:
            self._warm_timer.start()
        if visible and self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Run the simulation again (after an edit, a language switch or the reveal toggle);
        while the panel is hidden or behind another tab it only notes that it is out of date."""
        doc, graph = self.document, self.graph
        if doc is None or graph is None:
            return
        if not (self.showing and self.isVisible()):
            self._stale = True
            return
        self._stale = False
        if self.rid is not None and self.rid not in doc:
            self.rid, self.request = None, None
        kind = doc.get(self.rid).kind if self.rid else ""
        self.request_row.setVisible(kind == "Ingress")
        self.reveal.setVisible(bool(self.rid) and pod_spec(doc.get(self.rid or "")) is not None)
        self.broken = ()
        try:
            html, self.highlight = self._simulate(doc, graph, kind)
        except Exception as exc:  # noqa: BLE001 - a half-drawn design must never crash the panel
            html, self.highlight = f"<p>{tr('Cannot simulate this yet:')} {exc}</p>", Highlight()
        # nothing to light up (an empty design, a design too large to simulate): no button
        # that does nothing when pressed
        self.show_button.setEnabled(bool(self.highlight.resources or self.highlight.edges))
        if html != self._html:  # (laying out the text again cost 10-30 ms of an edit elsewhere)
            self._html = html
            self.browser.setHtml(html)

    def _simulate(self, doc: Document, graph: WiringGraph, kind: str) -> tuple[str, Highlight]:
        rid = self.rid
        if rid is None and not len(doc):  # an empty design: how to begin
            self.heading.setText(getting_started.heading())
            return getting_started.render_getting_started(), Highlight()
        if rid is None or kind == "NetworkPolicy":
            self.heading.setText(tr("Cluster network: pod IPs, localhost and policies"))
            if len(doc) > NETWORK_LIMIT:
                # said before any simulation: this runs after every edit of a large design, and
                # a selected NetworkPolicy simulated every pod of the design (minutes at 5,000)
                text = TOO_LARGE if rid is None else POLICY_TOO_LARGE
                return "<p>" + tr(text).format(count=len(doc)) + "</p>", Highlight()
            net = simulate_network(doc, graph, SimCluster(doc, self._pod_memo))
            return render.render_network(doc, net), net.highlight
        self.heading.setText(heading(doc, rid))
        if kind == "PersistentVolumeClaim":  # no pods involved: no cluster to place them in
            claim = simulate_claim(doc, graph, rid)
            return render.render_claim(doc, claim), claim.highlight
        cluster = SimCluster(doc, self._pod_memo)
        if kind == "Service":
            sim = simulate_service(doc, graph, rid, cluster)
            return render.render_service(doc, sim), sim.highlight
        if kind == "Ingress":
            return self._walk(doc, graph, rid, cluster)
        html, highlight = self._workload(doc, graph, rid, kind, cluster)
        if kind in WORKLOADS:  # the control plane's part first: from kubectl apply to a request
            findings = self.findings_for(rid) if self.findings_for else None
            html = render.render_flow(apply_flow(doc, graph, rid, cluster, findings)) + html
        if pod_spec(doc.get(rid)) is not None:
            env = simulate_environment(doc, graph, rid, reveal=self.reveal.isChecked(),
                                       cluster=cluster)
            jump = f"<p><a href='#env'>↓ {tr('Environment and files')}</a></p>" if html else ""
            html = jump + html + render.render_environment(doc, env)
            highlight = highlight.merged(env.highlight)
        if not html:
            html = "<p>" + tr(NOTHING_TO_SIMULATE) + "</p>"
        return html, highlight

    def _workload(self, doc: Document, graph: WiringGraph, rid: str, kind: str,
                  cluster: SimCluster) -> tuple[str, Highlight]:
        if kind == "Deployment":
            dep = simulate_deployment(doc, graph, rid, cluster)
            return render.render_deployment(dep), dep.highlight
        if kind == "StatefulSet":
            sts = simulate_statefulset(doc, graph, rid)
            return render.render_statefulset(doc, sts), sts.highlight
        if kind == "Job":
            job = simulate_job(doc, rid)
            return render.render_job(job), job.highlight
        if kind == "CronJob":
            cron = simulate_cronjob(doc, rid, self.now or datetime.now(UTC))
            job = simulate_job(doc, rid)
            return render.render_cronjob(cron) + render.render_job(job), job.highlight
        return "", Highlight(tuple([rid]))

    def _walk(self, doc: Document, graph: WiringGraph, rid: str,
              cluster: SimCluster) -> tuple[str, Highlight]:
        if self.request is None:
            hint = tr("Type a request and press Walk to follow it to the pods.")
            return f"<p>{hint}</p>", Highlight((rid,))
        try:
            walk = walk_ingress(doc, graph, rid, self.request, cluster)
        except ValueError as exc:
            message = local(exc.args[0] if exc.args else exc, language())
            return f"<p style='color:{tone('error')}'>{escape(message)}</p>", Highlight((rid,))
        if not walk.reached and walk.steps:
            self.broken = walk.steps[-1].resources[:1]
        return render.render_walk(walk), walk.highlight


__all__ = ["WhatHappensPanel", "default_request"]
