"""A full check with its checks shared out over processes (`kubecanvas validate --jobs N`).

Each check reads the document and the wiring graph and changes neither, so checks are
independent: forked workers (see `model.parallel`) start with the document and graph in their
memory and send back only findings. This process takes whole checks from the front of the list
and the workers from the back, one at a time, until they meet (`map_from_both_ends`): each
process runs a run of neighbouring checks, which share most of what they compute through
`ctx.cache` (one `Context` per process), and where the runs meet adapts to how fast each went.
What nearly every check asks (the targets, overwritten definitions, order keys, where the pod
specs are, the edges out of each target) is computed before the fork, once for all. At 50,000 resources on 2 cores, the
fixed split this replaced (this process the first half, a pool the rest) left one process idle
for about a second and a half of the checks' 8 s; both ends now finish within a check of each
other (session 12). The findings are gathered in the order of the checks, as
`check_runs.run_checks` gathers them, so the sorted result is the same as with one job.

A finding's fix builds its edit with a function made in the worker, which cannot travel back;
the findings keep the fix's description (all a report shows) and an edit factory that says so.
Use `engine.Validator` in process where fixes are applied (the editor).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.parallel import map_from_both_ends
from kubecanvas.model.record import replace
from kubecanvas.validation.context import Context, KindIndex
from kubecanvas.validation.findings import Finding, Fix
from kubecanvas.validation.pod_check import pod_checks
from kubecanvas.validation.registry import PROFILE_OF, SEVERITIES, checks
from kubecanvas.validation.runner import run_one_check

if TYPE_CHECKING:
    from kubecanvas.model.edits import Edit


@dataclass
class _Run:
    document: Document
    graph: WiringGraph
    kube_version: str
    profiles: frozenset[str]
    index: KindIndex
    context: Context | None = None


_RUN: list[_Run] = []


def run_checks_in_processes(document: Document, graph: WiringGraph, kube_version: str,
                            profiles: frozenset[str], jobs: int) -> list[Finding]:
    """The raw findings of `check_runs.run_checks` over every resource, computed by `jobs`
    processes."""
    count = len(checks(profiles))
    run = _Run(document, graph, kube_version, profiles, KindIndex(document))
    # What every check asks of the context is worked out here, once, before the workers fork
    # (each inherits it), rather than once in each process.
    run.context = Context(document, graph, kube_version, SEVERITIES, None, run.index,
                          record=False)  # (only findings travel back)
    run.context.overwritten()
    for res in run.context.targets():
        # the edges out of every target: two checks far apart in the list walk them all (the
        # key references at the front, the missing ones at the back), so each process made
        # them, 0.4 s at 50,000 resources
        run.context.out_edges(res.id)
    for res in document:
        run.context.order_of(res.id)
    for _ in pod_checks(run.context):  # fills the context's list of pod specs
        pass
    _RUN[:] = [run]
    try:
        parts = map_from_both_ends(_run_check, count, jobs)
    finally:
        _RUN.clear()
    return [f for part in parts for f in part if PROFILE_OF[f.rule] in profiles]


def _run_check(number: int) -> list[Finding]:
    run = _RUN[0]
    if run.context is None:
        run.context = Context(run.document, run.graph, run.kube_version, SEVERITIES, None,
                              run.index, record=False)
    found = run_one_check(checks(run.profiles)[number], run.context, run.document, run.graph,
                          run.kube_version)
    return [_portable(f) for f in found]


def _portable(finding: Finding) -> Finding:
    if finding.fix is None:
        return finding
    return replace(finding, fix=Fix(finding.fix.description, _FixElsewhere(finding.rule)))


@dataclass(frozen=True)
class _FixElsewhere:
    """The edit factory of a fix found in a worker process (see the module docstring)."""

    rule: str

    def __call__(self) -> Edit:
        raise RuntimeError(f"the fix of {self.rule} was found in a worker process "
                           "(validate --jobs); check in process to apply fixes")
