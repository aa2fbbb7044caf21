"""`load_paths` with the documents of an import parsed in forked worker processes.

Files are read, split and counted against the import's budget in this process, in order, exactly
as one job does (`yaml_in._load_file` with a list of steps); only parsing moves to the workers,
in batches, and the results are put back in input order, so the result is the same as with one
job. Sending parsed documents back costs about as much as building them (their position trees
most), so this process parses the first share itself while the workers parse the rest, and the
workers send plain data (manifests, positions and origins as marshal writes them) rather than
pickled `Resource` objects: at 5,000 resources, pickling the objects and unpickling them cost
0.38 s, the plain data 0.16 s with the objects made again here (measured for all 5,000).
"""

from __future__ import annotations

import marshal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kubecanvas.io.limits import DEFAULT_LIMITS, Budget, BudgetSpent, Limits, exc_message
from kubecanvas.io.lines import LineIndex, split_lookup
from kubecanvas.io.problems import LoadResult, duplicate_problems
from kubecanvas.io.yaml_in import _expand, _load_chunk, _load_file, _problem, load_paths
from kubecanvas.io.yaml_in import _Options as Options
from kubecanvas.io.yaml_split import Chunk
from kubecanvas.model.parallel import can_fork, map_in_processes
from kubecanvas.model.resource import Origin, Resource

#: One step of a parallel load, in input order: a result already known (a file that could not be
#: read, a budget spent) or a document to parse.
_Step = LoadResult | tuple[Chunk, Options]
#: Documents per task sent to a worker: enough that pickling tasks costs little, few enough that
#: the workers finish together.
_BATCH = 250


def load_paths_in_jobs(paths: Sequence[str | Path], *, jobs: int,
                       strip_cluster_fields: bool = False, source: str | None = None,
                       limits: Limits = DEFAULT_LIMITS, keep_original: bool = True
                       ) -> LoadResult:
    """`yaml_in.load_paths` in `jobs` processes where the system can fork; the same result."""
    if jobs > 1 and can_fork():
        return load_parallel(paths, strip_cluster_fields, source, limits, jobs, keep_original)
    return load_paths(paths, strip_cluster_fields=strip_cluster_fields, source=source,
                      limits=limits, keep_original=keep_original)


def load_parallel(paths: Sequence[str | Path], strip: bool, source: str | None,
                  limits: Limits, jobs: int, keep_original: bool = True) -> LoadResult:
    """`load_paths` with the documents parsed in `jobs` processes (when they are enough to
    share: forking and sending documents back cost more than parsing a few hundred).

    Files are read, split and counted against the budget here, in order, exactly as one job
    does; only parsing moves to the workers, in batches, and the results are put back in input
    order. Documents that may hold aliases (an `&` anchor and a `*`) make the whole load run in
    this process instead: what aliases expand to is counted in reading order across the import.
    """
    result = LoadResult()
    budget = Budget(limits)
    steps: list[_Step] = []
    for path in paths:
        for file in _expand(path, result):
            steps.append(_load_file(file, strip, source, budget, steps,
                                    keep_original=keep_original))
    pending = [step for step in steps if isinstance(step, tuple)]
    if len(pending) < 2 * _BATCH or any("&" in chunk.text and "*" in chunk.text
                                        for chunk, _ in pending):
        return _load_steps_here(steps, result)
    batches = [pending[start:start + _BATCH] for start in range(0, len(pending), _BATCH)]
    parsed = iter(done for batch in map_in_processes(_load_batch, batches, jobs,
                                                     share_here=True, send=_pack)
                  for done in _unpack(batch))
    for step in steps:
        result.extend(next(parsed) if isinstance(step, tuple) else step)
    result.problems.extend(duplicate_problems(result.resources))
    return result


def _load_steps_here(steps: list[_Step], result: LoadResult) -> LoadResult:
    """The steps of `load_parallel` parsed in this process, in order; a document whose aliases
    spend the import's budget ends its file, as in `_load_stream`. (The floor bytes of that
    file's later documents were counted already: only a later byte-budget refusal can come
    sooner than with one job, for input refused either way.)"""
    ended: set[str] = set()
    for step in steps:
        if isinstance(step, LoadResult):
            result.extend(step)
            continue
        chunk, options = step
        if options.file in ended:
            continue
        try:
            result.extend(_load_chunk(chunk, options))
        except BudgetSpent as exc:
            line, column = chunk.content_start()
            result.extend(_problem(options, line, column, exc_message(exc)))
            ended.add(options.file)
    result.problems.extend(duplicate_problems(result.resources))
    return result


def _load_batch(batch: list[tuple[Chunk, Options]]) -> list[LoadResult]:
    return [_load_chunk(chunk, options) for chunk, options in batch]


def _pack(results: list[LoadResult]) -> bytes | list[LoadResult]:
    """A batch's results as a worker sends them: marshal's bytes of plain rows (see
    `_unpack`), or the results themselves (pickled by the pool) when something in them is not
    plain data: a resource with more than a loader gives it, a value marshal does not write."""
    rows = []
    for result in results:
        row = _plain(result)
        if row is None:
            return results
        rows.append(row)
    try:
        return marshal.dumps(rows)
    except ValueError:
        return results


def _plain(result: LoadResult) -> tuple[Any, ...] | None:
    """(index states, resource rows, pickled problems, files) of one document's result."""
    states: list[tuple[Any, ...]] = []
    numbers: dict[int, int] = {}  # the items of a list document share one index
    rows = []
    for res in result.resources:
        origin = res.origin
        split = split_lookup(origin.lines) if origin is not None else None
        if split is None or origin is None or type(res) is not Resource or res.pinned \
                or res.position != (0.0, 0.0) or res.values_in_cluster or res.named \
                or type(origin) is not Origin:
            return None
        index, base = split
        number = numbers.setdefault(id(index), len(states))
        if number == len(states):
            states.append(index.state())
        rows.append((res.manifest, res.original, origin.file, origin.line, origin.column,
                     origin.doc_index, origin.item_index, origin.source, origin.digest, number,
                     base))
    import pickle  # (in a worker, where the pool imported it; a small validate never comes here)

    problems = pickle.dumps(result.problems, pickle.HIGHEST_PROTOCOL) if result.problems else b""
    return states, rows, problems, result.files


def _unpack(packed: bytes | list[LoadResult]) -> list[LoadResult]:
    """The results `_pack` sent: the same resources (with ids of this process), origins and
    line lookups, problems and files."""
    if not isinstance(packed, bytes):
        return packed
    import pickle  # (the pool imported it)

    out = []
    for states, rows, problems, files in marshal.loads(packed):
        indexes = [LineIndex(*state) for state in states]
        result = LoadResult(problems=pickle.loads(problems) if problems else [], files=files)
        for (manifest, original, file, line, column, doc_index, item_index, source, digest,
             number, base) in rows:
            index = indexes[number]
            lookup = index.lookup if base is None else index.for_item(base)
            result.resources.append(Resource(
                manifest=manifest, original=original, origin=Origin(
                    file, line, column, doc_index, item_index, source, lookup, digest)))
        out.append(result)
    return out
