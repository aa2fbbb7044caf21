"""Opening, saving, importing and exporting, with recent files and readable errors.

Loading never raises at the user: problems (file, line, what is wrong) are collected on the
session and shown in the status bar and a dialog; whatever loaded is on the canvas.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSettings

from kubecanvas.io import ProjectError
from kubecanvas.io import save_project as io_save_project
from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.writeback import WriteBackError, WriteBackResult, write_back
from kubecanvas.io.yaml_in import YAML_SUFFIXES
from kubecanvas.io.yaml_out import applied_objects, dump_resources
from kubecanvas.model.resource import Resource
from kubecanvas.model.secret_values import without_values
from kubecanvas.ui.commands.design_read import Design, OpenError, lay_out, read_design
from kubecanvas.ui.session import PROJECT_SUFFIX, Session

MAX_RECENT = 10
#: The example application shown at first start (shipped as package data, see pyproject).
EXAMPLE = Path(str(files("kubecanvas.resources") / "examples" / "shop.yaml"))


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
    session.layout_blocks = design.blocks  # the scene's stand-ins need not group them again
    return session


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


__all__ = ["EXAMPLE", "Design", "OpenError", "ProjectError", "WriteBackError", "has_loose",
           "is_openable", "lay_out", "open_paths", "read_design", "save_back", "save_project",
           "save_yaml"]


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
