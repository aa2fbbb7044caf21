"""Running one check over the targets of a context, so that nothing it finds, or fails to find,
is lost.

`check_runs.run_checks` runs every check in the process; `parallel` runs them in worker processes;
both run each check through `run_one_check` here. A check that raises is re-run one resource at
a time, and where it still raises that resource gets an `internal.rule-crashed` finding (`crash`).
"""

from __future__ import annotations

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation.context import Context
from kubecanvas.validation.crash import crash_finding
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.registry import RULES, SEVERITIES
from kubecanvas.validation.rule import Check


def run_one_check(check: Check, ctx: Context, document: Document, graph: WiringGraph,
                  kube_version: str) -> list[Finding]:
    """One check's findings on the targets of `ctx` (see `run_checks`)."""
    try:
        return [f for f in check(ctx) if f.resource_id is None or ctx.is_target(f.resource_id)]
    except Exception:  # noqa: BLE001 - a rule tripped over malformed input; isolate it
        # (where it still raises on one resource, that resource gets a crash finding)
        return _run_check_per_resource(check, ctx, document, graph, kube_version)


def _run_check_per_resource(check: Check, ctx: Context, document: Document, graph: WiringGraph,
                            kube_version: str) -> list[Finding]:
    """Run one check resource by resource; where it still raises, report that (see `crash`).

    Rules are written for manifests of the right shape; a value of the wrong type (a list
    where a port number belongs) is the schema checks' finding to report, and must not take the
    other resources' findings, or the whole validation, down with it; but it must not vanish
    either.
    """
    out: list[Finding] = []
    targets = [r.id for r in ctx.all_targets()]
    rule_ids = [rule.id for rule in RULES if rule.function is check]
    for rid in targets:
        one = Context(document, graph, kube_version, SEVERITIES, [rid], ctx.index, ctx.record)
        one.check = ctx.check
        try:
            out += [f for f in check(one) if f.resource_id is None or one.is_target(f.resource_id)]
        except Exception as error:  # noqa: BLE001 - reported as a finding, never dropped
            import logging  # only here: importing it costs a small validate 8 ms

            logging.getLogger(__name__).debug("check %s crashed on %s", check, rid,
                                              exc_info=True)
            out.append(crash_finding(one, rid, check, rule_ids, error))
        finally:
            for key, deps in one.dependencies.items():
                mine = ctx.dependencies.setdefault(key, {})
                for dependency, declared in deps.items():
                    mine.setdefault(dependency, set()).update(declared)
    return out
