"""Simulation results as small HTML pages for the "What happens" panel.

Each `render_*` takes one result of `kubecanvas.teaching` and returns rich text: headings and
labels in the teaching language, names, addresses and times as they are, and the simulation's own
sentences (each a `Text` carrying English and Korean, from the headless core) in the window's
current language through `_t`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from kubecanvas.model.document import Document
from kubecanvas.teaching import (
    ClaimSimulation,
    CronJobSimulation,
    DeploymentSimulation,
    IngressWalk,
    JobSimulation,
    NetworkSimulation,
    PodEnvironment,
    ServiceSimulation,
    StatefulSetSimulation,
)
from kubecanvas.teaching.architecture import COMPONENTS, ApplyFlow
from kubecanvas.teaching.text import join, local
from kubecanvas.ui.teaching.code_browser import breakable
from kubecanvas.ui.teaching.i18n import language, tr
from kubecanvas.ui.tones import tone

OK, NO = "✔", "✘"
#: the most PersistentVolumes a claim's simulation lists (the rest are counted)
VOLUME_ROWS = 12
#: The stages of an Ingress walk as the panel names them.
STAGES = {"request": "Request", "host": "Host", "path": "Path", "tls": "TLS",
          "class": "Ingress class", "service": "Service", "port": "Service port",
          "pods": "Pods", "container": "Container"}


#: A claim's outcomes as the panel names them.
OUTCOMES = {"bound": "bound to an existing PersistentVolume",
            "provisioned": "a new PersistentVolume is provisioned from the StorageClass",
            "default-class": "the cluster's default StorageClass provisions a volume, if the "
                             "cluster has one",
            "pending": "pending: no PersistentVolume fits and none can be provisioned"}


def _good(ok: bool) -> str:
    """The colour of a right (`ok`) or a wrong result on the window's palette (`ui.tones`)."""
    return tone("ok" if ok else "error")


def stage_name(stage: str | None) -> str:
    return tr(STAGES.get(stage or "", stage or ""))


def _t(value: object) -> str:
    """A simulation's sentence (or name) in the current language, HTML-escaped."""
    return escape(local(value, language()))


def _h(text: str) -> str:
    return f"<h3 style='margin:8px 0 2px 0'>{escape(text)}</h3>"


def _list(items: Iterable[str]) -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul style='margin:0 0 0 -20px'>{rows}</ul>" if rows else ""


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return _h(tr("Notes")) + _list(_t(n) for n in notes)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"


def _code(text: object) -> str:
    """A name or address, breakable at its dots and dashes (see `code_browser`)."""
    return f"<code>{escape(breakable(str(text)))}</code>"


def _name(doc: Document, rid: str | None) -> str:
    res = doc.find(rid) if rid else None
    return escape(res.label() if res is not None else str(rid or ""))


def render_service(doc: Document, sim: ServiceSimulation) -> str:
    ip = sim.cluster_ip or (tr("none (headless)") if sim.headless else tr("none"))
    out = [f"<p><b>{escape(tr('Type'))}:</b> {escape(sim.type)} &nbsp; "
           f"<b>ClusterIP:</b> {_code(ip)}</p>"]
    out.append(_h(tr("DNS names")) + _list(_code(n) for n in sim.dns_names))
    if sim.dns_answer:
        out.append(f"<p>{_t(sim.dns_answer)}</p>")
    ready = sum(len(p.ready_endpoints) for p in sim.ports)
    if not sim.pods:
        out.append(f"<p style='color:{_good(False)}'><b>{escape(tr('Traffic reaches no pod.'))}</b></p>")
    else:
        reaches = tr("Traffic reaches 1 pod.") if len(sim.pods) == 1 else \
            tr("Traffic reaches {count} pods.").format(count=len(sim.pods))
        # one sentence per number: Korean counts after the noun (엔드포인트 1개)
        endpoints = tr("({count} endpoint)") if ready == 1 else tr("({count} endpoints)")
        out.append(f"<p><b>{escape(reaches)}</b> {escape(endpoints.format(count=ready))}</p>")
    for port in sim.ports:
        title = tr("Port {port} → targetPort {target}").format(port=port.port, target=port.target)
        if port.node_port:
            title += f" (nodePort {port.node_port})"
        rows = [f"{escape(e.pod)} {_code(e.ip)} → {escape(e.container or '—')}:"
                + (_code(e.port) if e.port is not None else f"<span style='color:{_good(False)}'>{NO}</span>")
                + (f"<br><span style='color:{tone('muted')}'>{_t(e.note)}</span>" if e.note else "")
                for e in port.endpoints]
        out.append(_h(title) + (_list(rows) if rows
                                else f"<p>{escape(tr('No endpoints.'))}</p>"))
    if sim.pod_dns_names:
        out.append(_h(tr("Pod DNS names")) + _list(
            f"{escape(pod)}: {_code(name)}" for pod, name in sim.pod_dns_names))
    return "".join(out) + _notes(sim.notes)


def render_walk(walk: IngressWalk) -> str:
    rows = [f"<span style='color:{_good(s.ok)}'>{OK if s.ok else NO}</span> "
            f"<b>{escape(stage_name(s.stage))}</b>: {_t(s.text)}" for s in walk.steps]
    out = [_list(rows)]
    if walk.reached:
        answer = tr("The request reaches 1 pod:") if len(walk.pods) == 1 else \
            tr("The request reaches {count} pods:").format(count=len(walk.pods))
        out.append(f"<p style='color:{_good(True)}'><b>{escape(answer)}</b></p>")
        out.append(_list(f"{escape(pod)} / {escape(container)} : {_code(port)}"
                         for pod, container, port in walk.containers))
    else:
        where = tr("The request stops at: {stage}").format(stage=stage_name(walk.broken_at))
        out.append(f"<p style='color:{_good(False)}'><b>{escape(where)}</b><br>"
                   f"{_t(walk.reason)}</p>")
    return "".join(out)


def render_deployment(sim: DeploymentSimulation) -> str:
    out = [_h(tr("ReplicaSet")), f"<p>{_code(sim.replica_set)} (pod-template-hash "
           f"{_code(sim.pod_template_hash)})</p>", _h(tr("Pods"))]
    out.append(_table([tr("Pod"), "IP", tr("Node")],
                      [(escape(p.name), _code(p.ip), escape(p.node)) for p in sim.pods]))
    plan = sim.rollout
    title = tr("Rolling update") if plan.strategy == "RollingUpdate" else tr("Recreate")
    out.append(_h(title))
    out.append(f"<p>maxSurge {plan.max_surge}, maxUnavailable {plan.max_unavailable}; "
               f"{escape(tr('the new ReplicaSet is'))} {_code(sim.next_replica_set)}</p>")
    rows = [(str(s.number), _t(s.action), str(s.old_ready), str(s.new_ready),
             str(s.new_starting)) for s in plan.steps]
    out.append(_table(["#", tr("What the controller does"), tr("Old ready"), tr("New ready"),
                       tr("Starting")], rows))
    return "".join(out) + _notes(plan.notes)


def render_statefulset(doc: Document, sim: StatefulSetSimulation) -> str:
    service = _name(doc, sim.service) if sim.service else escape(tr("none"))
    out = [f"<p><b>{escape(tr('Governing Service'))}:</b> {service}"
           f" &nbsp; <b>podManagementPolicy:</b> {escape(sim.policy)}</p>", _h(tr("Pods"))]
    out.append(_table([tr("Pod"), tr("DNS name"), tr("Claims")],
                      [(escape(p.name), _code(p.dns_name or "—"),
                        escape(", ".join(p.claims) or "—")) for p in sim.pods]))
    out.append(_h(tr("Creation order")) + _list(escape(", ".join(wave))
                                                  for wave in sim.create_order))
    out.append(f"<p><b>{escape(tr('Deletion order'))}:</b> "
               f"{escape(', '.join(sim.delete_order))}</p>")
    return "".join(out) + _notes(sim.notes)


def render_flow(flow: ApplyFlow) -> str:
    """From `kubectl apply` to a request answered: one numbered line per component."""
    rows = []
    for step in flow.steps:
        colour = "" if step.ok else f" style='color:{_good(False)}'"
        who = COMPONENTS.get(step.component, step.component) if language() == "ko" \
            else step.component
        rows.append(f"<li{colour}><b>{escape(who)}</b>: {_t(step.text)}</li>")
    return _h(tr("From kubectl apply to running pods")) + "<ol>" + "".join(rows) + "</ol>"


def render_job(sim: JobSimulation) -> str:
    completions = "—" if sim.completions is None else str(sim.completions)
    out = [f"<p><b>completions</b> {completions} &nbsp; <b>parallelism</b> {sim.parallelism}"
           f" &nbsp; <b>restartPolicy</b> {escape(sim.restart_policy)} &nbsp; "
           f"<b>backoffLimit</b> {sim.backoff_limit} &nbsp; ({escape(sim.mode)})</p>"]
    out.append(_h(tr("Pods over time")) + _list(_t(e) for e in sim.events))
    out.append(_h(tr("When a pod fails")) + _list(_t(r) for r in sim.retries))
    return "".join(out) + _notes(sim.notes)


def render_cronjob(sim: CronJobSimulation) -> str:
    out = [f"<p><b>schedule</b> {_code(sim.schedule)} &nbsp; <b>timeZone</b> "
           f"{escape(sim.time_zone)} &nbsp; <b>concurrencyPolicy</b> {_t(sim.concurrency)}</p>"]
    if sim.error:
        out.append(f"<p style='color:{_good(False)}'>{_t(sim.error)}</p>")
    rows = [(escape(local.strftime("%Y-%m-%d %H:%M %Z")), escape(utc.strftime("%H:%M UTC")),
             _code(job)) for local, utc, job in zip(sim.runs, sim.runs_utc, sim.job_names,
                                                    strict=False)]
    out.append(_h(tr("Next five runs")) + _table([tr("Time"), "UTC", tr("Job")], rows))
    return "".join(out) + _notes(sim.notes)


def render_claim(doc: Document, sim: ClaimSimulation) -> str:
    out = [f"<p><b>{escape(tr('Outcome'))}:</b> {escape(tr(OUTCOMES.get(sim.outcome, sim.outcome)))}"]
    if sim.volume:
        out.append(f" → {_name(doc, sim.volume)}")
    out.append(f"<br>{_t(sim.explanation)}</p>")
    if sim.on_delete:
        out.append(f"<p><b>{escape(tr('When the claim is deleted'))}:</b> {_t(sim.on_delete)}</p>")
    # the bound volume, then those nearest to fitting (fewest reasons against), `VOLUME_ROWS`
    # of them: a design's every volume made the panel 1,665 rows at 15,000 resources, and a
    # click on a claim a 0.5 s pause laying them out
    shown = list(sim.verdicts) if len(sim.verdicts) <= VOLUME_ROWS else sorted(
        sim.verdicts, key=lambda v: (not v.binds, len(v.reasons)))[:VOLUME_ROWS]
    rows = [(f"<span style='color:{_good(v.binds)}'>"
             f"{OK if v.binds else NO}</span>", escape(v.name),
             _t(join(v.reasons)) if v.reasons else escape(tr("matches")))
            for v in shown]
    if len(sim.verdicts) > len(shown):
        rows.append(("", escape(tr("…and {count} more").format(
            count=f"{len(sim.verdicts) - len(shown):,}")), ""))
    if rows:
        out.append(_h(tr("Every other PersistentVolume")) +
                   _table(["", tr("Volume"), tr("Why")], rows))
    return "".join(out)


def render_environment(doc: Document, env: PodEnvironment) -> str:
    out = ["<a name='env'></a>" + _h(tr("Environment and files of pod {pod}").format(pod=env.pod))]
    for view in env.containers:
        kind = tr("init container") if view.init else tr("container")
        out.append(f"<p><b>{escape(kind)} {escape(view.container)}</b></p>")
        out.append(_table([tr("Variable"), tr("Value"), tr("Source")], [
            (_code(v.name), _code(local(v.value, language()) if v.value is not None else "?"),
             _t(v.source))
            for v in view.env]) if view.env else f"<p>{escape(tr('No variables.'))}</p>")
        if view.files:
            out.append(_table([tr("File"), tr("Content"), tr("Source")], [
                (_code(f.path), _code(local(f.content, language())[:160]), _t(f.source))
                for f in view.files]))
        out.append(_list(_t(p) for p in (*view.problems, *view.skipped)))
    return "".join(out)


def render_network(doc: Document, sim: NetworkSimulation) -> str:
    out = [_h(tr("Pod IPs")), _table([tr("Pod"), "IP", tr("Node")], [
        (escape(p.name), _code(p.ip), escape(p.node)) for p in sim.pods])]
    groups = [f"{escape(g.pod)}: " + escape(", ".join(f"{c} {port}/{proto}"
                                                      for c, port, proto in g.ports))
              for g in sim.localhost if g.ports]
    if groups:
        out.append(_h(tr("Containers sharing localhost")) + _list(groups))
    if sim.service_ips:
        out.append(_h(tr("Service ClusterIPs")) + _list(
            f"{escape(name)}: {_code(ip or tr('none'))}" for _rid, name, ip in sim.service_ips))
    if sim.reachability:
        rows = [(_name(doc, r.source), _name(doc, r.target),
                 f"<span style='color:{_good(r.allowed)}'>"
                 f"{OK if r.allowed else NO}</span>", _t(r.reason))
                for r in sim.reachability if r.source != r.target]
        out.append(_h(tr("Who may talk to whom")) +
                   _table([tr("From"), tr("To"), "", tr("Why")], rows))
    return "".join(out) + _notes(sim.notes)

