"""Opening, saving, importing and exporting, with recent files and readable errors.

Loading never raises at the user: problems (file, line, what is wrong) are collected on the
session and shown in the status bar and a dialog; whatever loaded is on the canvas.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSettings

from kubecanvas.io import ProjectError, load_project
from kubecanvas.io import save_project as io_save_project
from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.kinds_file import KindsFileError, load_kinds, shipped_kinds
from kubecanvas.io.limits import exc_message
from kubecanvas.io.writeback import WriteBackError, WriteBackResult, write_back
from kubecanvas.io.yaml_in import YAML_SUFFIXES, load_paths
from kubecanvas.io.yaml_out import applied_objects, dump_resources
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.layout import auto_layout
from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import without_values
from kubecanvas.model.text import concat, join
from kubecanvas.ui.i18n import tr
from kubecanvas.ui.session import PROJECT_SUFFIX, Session

MAX_RECENT = 10
#: The example application shown at first start (shipped as package data, see pyproject).
EXAMPLE = Path(str(files("kubecanvas.resources") / "examples" / "shop.yaml"))


class OpenError(Exception):
    """A file could not be opened at all; the message names it and says why."""


def needs_layout(resources: Sequence[Resource]) -> bool:
    """True when the resources carry no positions (plain YAML)."""
    return len(resources) > 1 and len({r.position for r in resources}) == 1


def lay_out(document: Document, graph: WiringGraph | None = None) -> None:
    """Give every resource of a freshly loaded document a position (not an undoable edit:
    loading is not a step of the user's history). Pass the session's graph when there is one:
    building another costs as much as the layout itself on large designs."""
    if graph is None:
        graph = WiringGraph(document, subscribe=False)
    positions = auto_layout(document, graph, keep_pinned=False)
    with document.batch():
        for rid, pos in positions.items():
            document.move(rid, pos)


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


def open_paths(paths: Sequence[Path], kinds: Sequence[Path] = ()) -> Session:
    """Open a project file, or YAML files and folders, as a new session (`kinds`: mapping
    files for custom kinds beyond the shipped and the project's).

    Raises:
        OpenError: nothing could be read (the message names the file and reason).
    """
    design = read_design(paths, kinds)
    session = Session.create(design.document, path=design.path, sources=design.sources,
                             graph=design.graph)
    session.load_problems = design.load_problems
    return session


@dataclass
class Design:
    """A design read and laid out, without the editor's session around it: `kubecanvas
    render` draws it without running the validator, whose findings a picture does not show
    (1.9 s of 17 s at 5,000 resources)."""

    document: Document
    graph: WiringGraph
    path: Path | None = None
    sources: list[Path] = field(default_factory=list)
    load_problems: list[str] = field(default_factory=list)


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
        try:
            document = load_project(paths[0])
        except (OSError, ValueError, ProjectError) as exc:
            raise OpenError(concat(f"{paths[0]}: ", exc_message(exc))) from exc
        kind_problems = _kinds(document, paths, kinds)
        design = Design(document, WiringGraph(document, subscribe=False), path=paths[0],
                        load_problems=kind_problems)
        if needs_layout(list(document)):
            lay_out(document, design.graph)
        return design
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise OpenError(tr("{path}: no such file or folder").format(path=missing[0]))
    result = load_paths(paths, keep_original=keep_original, positions=positions)
    document = Document(result.resources)
    kind_problems = _kinds(document, paths, kinds)
    design = Design(document, WiringGraph(document, subscribe=False), sources=paths)
    lay_out(document, design.graph)
    # Each problem stays a `Text` (English and Korean) until the window shows it (`local_text`).
    design.load_problems = [concat(f"{p.file}:{p.line}:{p.column}: ", p.message)
                            for p in result.problems] + kind_problems
    if not result.resources and result.errors:
        raise OpenError(join(design.load_problems[:10], "\n"))
    return design


def is_openable(path: Path) -> bool:
    return path.is_dir() or path.suffix in (PROJECT_SUFFIX, *YAML_SUFFIXES)


def save_project(session: Session, path: Path) -> None:
    """Save the whole design (positions included) as a project file."""
    io_save_project(session.document, path)
    session.path = path


def save_yaml(session: Session, path: Path, omit_secrets: bool = False) -> None:
    """Export every resource to one YAML file `kubectl apply -f` accepts (an object defined
    more than once as its last definition, the one kubectl apply keeps; with `omit_secrets`,
    Secrets without their values: see `model/secret_values.py`)."""
    write_yaml(list(session.document), path, omit_secrets)


def write_yaml(resources: list[Resource], path: Path, omit_secrets: bool = False) -> None:
    """`save_yaml` of resources captured from a design (a worker thread may run it: resources
    are never changed in place)."""
    kept = applied_objects(resources)[0]
    if omit_secrets:
        kept = [without_values(r) for r in kept]
    atomic_write_text(path, dump_resources(kept))


def save_back(session: Session, new_file: Path | None) -> tuple[list[str], list[Path]]:
    """Write imported resources back into their files (new ones into `new_file`).

    Returns notes for the user and the files left unwritten because they can no longer be read
    back (their edits are not saved). Raises WriteBackError when it cannot write at all.
    """
    resources = list(session.document)
    result = write_back(resources, new_file=new_file)
    return adopt_origins(session, resources, result), result.skipped


def adopt_origins(session: Session, resources: list[Resource], result: WriteBackResult
                  ) -> list[str]:
    """After `write_back(resources)` (perhaps on a worker thread, while the user went on
    editing): each resource now comes from where it was written, as it was written; returns
    the notes for the user."""
    written = {r.id: r for r in resources}
    for rid, origin in result.origins.items():
        if rid in session.document and rid in written:
            session.document.set_origin_state(rid, origin=origin,
                                              original=copy.deepcopy(written[rid].manifest))
    session.validator.forget_order()  # the files give the findings their order
    return result.notes


def has_loose(session: Session) -> bool:
    """True when some resources have no file to be saved back to."""
    return any(r.origin is None or r.origin.file == "-" for r in session.document)


__all__ = ["EXAMPLE", "Design", "OpenError", "WriteBackError", "has_loose", "is_openable", "lay_out",
           "open_paths", "read_design", "save_back", "save_project", "save_yaml"]


class RecentFiles:
    """The recent-files list kept in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def add(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        paths = [p for p in self.paths() if p != entry]
        self.settings.setValue("recentFiles", [entry, *paths][:MAX_RECENT])

    def clear(self) -> None:
        self.settings.setValue("recentFiles", [])
