"""Running the checks over resources: once over a set of them, and a full check in blocks.

`engine.validate_document` and the `Validator` run their checks through these; `parallel` runs
the same checks in worker processes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.validation.context import Context, KindIndex
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.profiles import DEFAULT
from kubecanvas.validation.registry import PROFILE_OF, SEVERITIES, checks
from kubecanvas.validation.rule import Check
from kubecanvas.validation.runner import run_one_check


def run_checks(document: Document, graph: WiringGraph, kube_version: str,
               ids: Iterable[str] | None = None,
               index: KindIndex | None = None,
               profiles: frozenset[str] = frozenset({DEFAULT}),
               only: Collection[Check] | None = None,
               record: bool = True) -> tuple[list[Finding], Context]:
    """Run every check of the rules in `profiles` (or those of them in `only`) over `ids` (all
    resources when None); raw, unfiltered by ignores. A check may report rules of several
    profiles (the reliability check reports the opt-in CPU-limit rule too); findings of rules
    outside `profiles` are dropped. Without `record`, the context keeps no dependencies (see
    `Context.depend`): for a run that is not followed by incremental re-checks."""
    ctx = Context(document, graph, kube_version, SEVERITIES, ids, index, record)
    return _run(ctx, profiles, only), ctx


def _run(ctx: Context, profiles: frozenset[str],
         only: Collection[Check] | None = None) -> list[Finding]:
    """The checks of `run_checks` over the targets of `ctx`."""
    out: list[Finding] = []
    for check in checks(profiles):
        if only is not None and check not in only:
            continue
        ctx.check = check
        found = run_one_check(check, ctx, ctx.document, ctx.graph, ctx.kube_version)
        ctx.reported_by.update((id(finding), check) for finding in found)
        out += found
    return [f for f in out if PROFILE_OF[f.rule] in profiles]


#: Resources checked together in a full check (`full_check_blocks`). At 15,000, in blocks of
#: 1,000 a 2 MiB cache (a core's L2) missed 2.6M times less than in one, in blocks of 500 1.6M
#: less again (cachegrind), a 32 MiB one as often, for the same instructions.
BLOCK = 500


def full_check_blocks(document: Document, graph: WiringGraph, kube_version: str,
                      profiles: frozenset[str], index: KindIndex | None = None,
                      record: bool = True) -> Iterator[tuple[list[str], list[Finding], Context]]:
    """A full check, `BLOCK` resources at a time in document order: (the block's ids, its
    findings, its context) for each block, the findings those of `run_checks` on every resource.

    Each check reads every target's manifest (and its edges, its neighbours): checked all at
    once, the 59 checks each swept the whole design through the caches, which held the design
    of 5,000 resources but not of 15,000; validation then cost 3.3x-3.7x for 3x the resources
    (cachegrind: 2.97x the instructions, 5.66x the misses of a 32 MiB last-level cache). A
    block's manifests stay in the caches from one check to the next. The findings on a
    resource are those of a full check whatever else is checked with it, as the `Validator`'s
    re-checks of a few resources rely on (and a test holds blocks of 3 to); the blocks share
    what depends only on the document (`Context.for_targets`)."""
    ids = document.ids()
    if len(ids) <= BLOCK:
        findings, ctx = run_checks(document, graph, kube_version, None, index, profiles,
                                   record=record)
        yield ids, findings, ctx
        return
    ctx = Context(document, graph, kube_version, SEVERITIES, ids[:BLOCK], index, record)
    for start in range(0, len(ids), BLOCK):
        block = ids[start:start + BLOCK]
        if start:
            ctx = ctx.for_targets(block)
        yield block, _run(ctx, profiles), ctx


def once_on_no_resource(found: list[Finding], seen: set[tuple[object, ...]]) -> list[Finding]:
    """`found` without the findings on no resource that an earlier block reported (`seen`,
    updated): a check may report those whatever its targets."""
    out = []
    for finding in found:
        if finding.resource_id is None:
            key = (finding.rule, finding.field, str(finding.message), finding.related)
            if key in seen:
                continue
            seen.add(key)
        out.append(finding)
    return out
