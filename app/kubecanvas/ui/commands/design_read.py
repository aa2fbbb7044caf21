"""Reading a design: YAML files and folders, or a project file, with its wiring graph and a
layout, as the editor opens it.

Apart from `design_files` (which also saves, exports and writes back) so that `kubecanvas
render`, which only reads, does not import the project writer, the YAML writer and write-back
with their helpers (difflib, hashlib, secrets...): 50 ms of the 0.85 s a small render takes.
`design_files` offers the same names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kubecanvas.io.kinds_file import KindsFileError, load_kinds, shipped_kinds
from kubecanvas.io.limits import exc_message
from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import layout_blocks
from kubecanvas.model.layout.membership import BlockKey, layout_keys
from kubecanvas.model.record import field, record
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import concat, join
from kubecanvas.ui.i18n import tr
from kubecanvas.ui.session import PROJECT_SUFFIX


class OpenError(Exception):
    """A file could not be opened at all; the message names it and says why."""


def needs_layout(resources: Sequence[Resource]) -> bool:
    """True when the resources carry no positions (plain YAML)."""
    return len(resources) > 1 and len({r.position for r in resources}) == 1


def lay_out(document: Document, graph: WiringGraph | None = None
            ) -> dict[str, BlockKey] | None:
    """Give every resource of a freshly loaded document a position (not an undoable edit:
    loading is not a step of the user's history). Pass the session's graph when there is one:
    building another costs as much as the layout itself on large designs. Returns the block
    of each resource as the layout grouped them (`layout_keys`; None when it cannot tell),
    for a scene's stand-ins (`CanvasScene(blocks=...)`)."""
    if graph is None:
        graph = WiringGraph(document, subscribe=False)
    positions, blocks = layout_blocks(document, graph, keep_pinned=False)
    with document.batch():
        for rid, pos in positions.items():
            document.move(rid, pos)
    return layout_keys(document, blocks)


def _kinds(document: Document, paths: Sequence[Path], kinds: Sequence[Path]) -> list[str]:
    """Give the document its custom-kind mappings (`io.kinds_file`): shipped, the project's
    `.kubecanvas/kinds.yaml`, then `kinds`. A broken project file is a load problem (the design
    still opens, with the shipped mappings); a broken file the user named is an `OpenError`."""
    try:
        document.kind_mappings = load_kinds(paths, kinds)
        return []
    except KindsFileError as exc:
        if kinds:
            raise OpenError(str(exc)) from None
        document.kind_mappings = shipped_kinds()
        return [str(exc)]


@record
class Design:
    """A design read and laid out, without the editor's session around it: `kubecanvas
    render` draws it without running the validator, whose findings a picture does not show
    (1.9 s of 17 s at 5,000 resources)."""

    document: Document
    graph: WiringGraph
    path: Path | None = None
    sources: list[Path] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)
    #: each resource's block as the layout grouped them (`lay_out`), None when not laid out
    blocks: dict[str, BlockKey] | None = None


def read_design(paths: Sequence[Path], kinds: Sequence[Path] = (), *,
                keep_original: bool = True, positions: bool = True) -> Design:
    """Read a project file, or YAML files and folders, with the wiring graph and a layout
    (`kinds`: mapping files for custom kinds beyond the shipped and the project's; without
    `keep_original` YAML resources carry no copy for write-back, which a picture never does;
    without `positions` their line numbers are found when first asked for: `io.load_paths`).

    Raises:
        OpenError: nothing could be read (the message names the file and reason).
    """
    paths = [Path(p) for p in paths]
    if len(paths) == 1 and paths[0].suffix == PROJECT_SUFFIX:
        from kubecanvas.io.project import ProjectError, load_project

        try:
            document = load_project(paths[0])
        except (OSError, ValueError, ProjectError) as exc:
            raise OpenError(concat(f"{paths[0]}: ", exc_message(exc))) from exc
        kind_problems = _kinds(document, paths, kinds)
        design = Design(document, WiringGraph(document, subscribe=False), path=paths[0],
                        load_problems=kind_problems)
        if needs_layout(list(document)):
            design.blocks = lay_out(document, design.graph)
        return design
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise OpenError(tr("{path}: no such file or folder").format(path=missing[0]))
    result = load_paths(paths, keep_original=keep_original, positions=positions)
    document = Document(result.resources)
    kind_problems = _kinds(document, paths, kinds)
    design = Design(document, WiringGraph(document, subscribe=False), sources=paths)
    design.blocks = lay_out(document, design.graph)
    # Each problem stays a `Text` (English and Korean) until the window shows it (`local_text`).
    design.load_problems = [concat(f"{p.file}:{p.line}:{p.column}: ", p.message)
                            for p in result.problems] + kind_problems
    if not result.resources and result.errors:
        raise OpenError(join(design.load_problems[:10], "\n"))
    return design
