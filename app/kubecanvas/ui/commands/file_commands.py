"""The File menu's commands: dialogs around `design_files`, with errors shown in words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from kubecanvas.io.heap import bulk_build
from kubecanvas.io.limits import exc_message
from kubecanvas.io.writeback import write_back
from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.secret_values import describe, secrets_without_values
from kubecanvas.ui.canvas.export_image import FORMATS as IMAGE_FORMATS
from kubecanvas.ui.canvas.export_image import ExportError, export_image
from kubecanvas.ui.commands import background_save, design_files
from kubecanvas.ui.commands.background_save import BackgroundSave
from kubecanvas.ui.commands.diagram_formats import DIAGRAM_FORMATS, write_diagram
from kubecanvas.ui.i18n import in_languages, local_text, tr
from kubecanvas.ui.session import PROJECT_SUFFIX, Session

if TYPE_CHECKING:
    from kubecanvas.ui.commands.shell import EditorShell


def project_filter() -> str:
    return tr("KubeCanvas project ({pattern})").format(pattern=f"*{PROJECT_SUFFIX}")


def yaml_filter(reading: bool = False) -> str:
    """Files of manifests; when reading, JSON manifests too (kubectl reads them alike)."""
    pattern = "*.yaml *.yml *.json" if reading else "*.yaml *.yml"
    return tr("Kubernetes YAML ({pattern})").format(pattern=pattern)


def image_filter() -> str:
    return ";;".join(f"{tr(title)} (*{suffix})" for suffix, title in IMAGE_FORMATS.items())


def all_files() -> str:
    return tr("All files ({pattern})").format(pattern="*")


class FileCommands:
    """New, Open, Save, Save As, Import, Export for one window."""

    def __init__(self, window: EditorShell) -> None:
        self.window = window
        self.parent = window.qt_window()  # the dialogs' parent
        self.saver = BackgroundSave(self.parent)
        self.saver.finished.connect(self._saved_in_background)
        self._clean_index = -1
        self._after_save: Callable[[Path, Any], str] = lambda path, _result: ""

    def _dir(self) -> str:
        recent = self.window.recent.paths()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def new(self) -> None:
        if self.window.confirm_discard():
            self.window.set_session(Session.create())

    def open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent, tr("Open"), self._dir(),
            f"{project_filter()};;{yaml_filter(reading=True)};;{all_files()}")
        if path:
            self.open_paths([Path(path)])

    def open_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.parent, tr("Open folder of manifests"),
                                                self._dir())
        if path:
            self.open_paths([Path(path)])

    def open_paths(self, paths: Sequence[Path]) -> bool:
        """Open files or folders as the design shown, after asking about unsaved changes;
        False when nothing was opened (cancelled, or an error said why)."""
        if not paths or not self.window.confirm_discard():
            return False
        failure: design_files.OpenError | None = None
        with bulk_build():  # see io/heap.py: the collector waits until the design is shown
            try:
                session = design_files.open_paths(paths)
            except design_files.OpenError as exc:
                failure = exc
            else:
                self.window.set_session(session)
        if failure is not None:  # the dialog waits for the user: not with the collector paused
            QMessageBox.warning(self.parent, tr("Cannot open"), local_text(exc_message(failure)))
            return False
        for path in paths:
            self.window.recent.add(path)
        return True

    def save(self) -> bool:
        """Save to the project file, or back into the imported YAML files."""
        session = self.window.session
        if session is None:
            return False
        if session.path is not None:
            return self._save_project(session.path)
        if session.yaml_path is not None:
            return self._export_yaml(session.yaml_path, mark_clean=True)
        if session.sources:
            return self._save_back(session)
        return self.save_as()

    def save_in_background(self) -> bool:
        """File > Save: a large design is written on a worker thread (the title says
        "saving…" meanwhile) to its project file, its YAML file or back into the files it
        was imported from; everything else as `save`."""
        session = self.window.session
        if session is None or len(session.document) < background_save.BACKGROUND_FROM or \
                not (session.path or session.yaml_path or session.sources):
            return self.save()
        if session.path is not None:
            return self._project_in_background(session.path)
        if session.yaml_path is not None:
            return self._yaml_in_background(session.yaml_path)
        return self._back_in_background(session)

    def _project_in_background(self, path: Path) -> bool:
        session = self.window.session
        assert session is not None
        self._begin(path, lambda done, _result: self._project_saved(session, done))
        self.saver.start(session.document, path)
        self.window.refresh_title()
        return True

    def _project_saved(self, session: Session, path: Path) -> str:
        session.path = path
        self.window.recent.add(path)
        return tr("Saved {path}").format(path=path)

    def _yaml_in_background(self, path: Path) -> bool:
        session = self.window.session
        assert session is not None
        omit = self._ask_omit_secrets()
        if omit is None:
            return False
        resources = list(session.document)
        self._begin(path, lambda done, _result: self._yaml_saved(session, done, len(resources)))
        self.saver.run(path, lambda: design_files.write_yaml(resources, path, omit))
        self.window.refresh_title()
        return True

    def _yaml_saved(self, session: Session, path: Path, count: int) -> str:
        session.yaml_path = path
        self.window.recent.add(path)
        return tr("Wrote %n resource(s) to {path}", count).format(path=path)

    def _back_in_background(self, session: Session) -> bool:
        if self._ask_omit_secrets(writing_back=True) is None:
            return False
        go_on, new_file = self._loose_file(session)
        if not go_on:
            return False
        resources = list(session.document)
        target = new_file or session.sources[0]

        def saved(_path: Path, result: Any) -> str:
            notes = design_files.adopt_origins(session, resources, result)
            shown = "; ".join(local_text(n) for n in notes)
            return tr("Saved") + (f" ({shown})" if notes else "")

        self._begin(target, saved)
        self.saver.run(target, lambda: write_back(resources, new_file=new_file))
        self.window.refresh_title()
        return True

    def _begin(self, path: Path, after: Callable[[Path, Any], str]) -> None:
        """A save about to start on the worker thread: `after` finishes it on the UI thread
        once the file is written (and says what the status bar shows)."""
        self.saver.wait()
        self._after_save = after
        self._clean_index = self.window.undo_stack.index()
        self.window.show_status(tr("Saving {path}…").format(path=path))

    def _saved_in_background(self, path: Path, error: Exception | None) -> None:
        self.saver.done()
        self.window.refresh_title()
        if error is not None:  # nothing is lost: the design stays open and unsaved
            QMessageBox.critical(self.parent, tr("Save failed"),
                                 f"{path}: {local_text(exc_message(error))}")
            return
        status = self._after_save(path, self.saver.result)
        skipped = getattr(self.saver.result, "skipped", [])
        if skipped:  # some edits were not saved: the design must not look saved
            notes = self.saver.result.notes
            self._warn_skipped(skipped, "; ".join(local_text(n) for n in notes))
            return
        if self.window.undo_stack.index() == self._clean_index:  # no edit while saving
            self.window.undo_stack.setClean()
        self.window.show_status(status)
        self.window.refresh_title()

    def save_as(self) -> bool:
        path, chosen = QFileDialog.getSaveFileName(
            self.parent, tr("Save As"), self._dir(), f"{project_filter()};;{yaml_filter()}")
        if not path:
            return False
        target = Path(path)
        if target.suffix not in (PROJECT_SUFFIX, ".yaml", ".yml"):
            target = target.with_suffix(".yaml" if "yaml" in chosen.lower() else PROJECT_SUFFIX)
        large = self.window.session is not None and \
            len(self.window.session.document) >= background_save.BACKGROUND_FROM
        if target.suffix == PROJECT_SUFFIX:
            return self._project_in_background(target) if large else self._save_project(target)
        if large:
            return self._yaml_in_background(target)
        return self._export_yaml(target, mark_clean=True)

    def _save_project(self, path: Path) -> bool:
        session = self.window.session
        assert session is not None
        try:
            design_files.save_project(session, path)
        except (OSError, ValueError, design_files.ProjectError) as exc:
            QMessageBox.critical(self.parent, tr("Save failed"),
                                 f"{path}: {local_text(exc_message(exc))}")
            return False
        self.window.recent.add(path)
        self.window.undo_stack.setClean()
        self.window.show_status(tr("Saved {path}").format(path=path))
        self.window.refresh_title()
        return True

    def _ask_omit_secrets(self, writing_back: bool = False) -> bool | None:
        """None to stop, else whether to write Secrets without values: asked when some hold
        values left in the cluster, which would otherwise be written as empty values."""
        session = self.window.session
        left = secrets_without_values(session.document) if session is not None else []
        if not left:
            return False
        text = tr("{secrets}: imported without their values, which stay in the cluster. "
                  "Written as they are, they would replace those values with empty ones.").format(
            secrets=describe(left))
        if writing_back:  # a file written back is the user's own manifest: never strip it
            QMessageBox.warning(self.parent, tr("Secrets without values"), text + "\n\n" + tr(
                "Nothing was saved. Type the values in, save a project, or export YAML "
                "without Secret data."))
            return None
        answer = QMessageBox.question(
            self.parent, tr("Secrets without values"),
            text + "\n\n" + tr("Write every Secret without data (for a repository whose "
                                "Secrets come from a secret manager)?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return True if answer == QMessageBox.StandardButton.Yes else None

    def _loose_file(self, session: Session) -> tuple[bool, Path | None]:
        """Whether to go on, and where resources without a file of their own go (asked; None
        when there are none)."""
        if not design_files.has_loose(session):
            return True, None
        path, _ = QFileDialog.getSaveFileName(
            self.parent, tr("Save new resources to"), self._dir(), yaml_filter())
        return bool(path), Path(path) if path else None

    def _save_back(self, session: Session) -> bool:
        if self._ask_omit_secrets(writing_back=True) is None:
            return False
        go_on, new_file = self._loose_file(session)
        if not go_on:
            return False
        try:
            notes, skipped = design_files.save_back(session, new_file)
        except design_files.WriteBackError as exc:
            QMessageBox.critical(self.parent, tr("Save failed"), local_text(exc_message(exc)))
            return False
        shown = "; ".join(local_text(n) for n in notes)
        if skipped:
            self._warn_skipped(skipped, shown)
            return False
        self.window.undo_stack.setClean()
        self.window.show_status(tr("Saved") + (f" ({shown})" if notes else ""))
        return True

    def _warn_skipped(self, skipped: list[Path], detail: str) -> None:
        """Some imported files were left alone because they can no longer be read back: the
        design stays unsaved (Close still asks), and the user is told which files and why."""
        names = "\n".join(str(path) for path in skipped)
        self.window.refresh_title()
        self.window.show_status(tr("Not saved: %n file(s) could not be written back",
                                   len(skipped)))
        QMessageBox.warning(
            self.parent, tr("Not everything was saved"),
            tr("These files were not written, so your edits to their resources are not saved:")
            + f"\n{names}\n\n{detail}")

    def _export_yaml(self, path: Path, mark_clean: bool = False) -> bool:
        session = self.window.session
        assert session is not None
        omit = self._ask_omit_secrets()
        if omit is None:
            return False
        try:
            design_files.save_yaml(session, path, omit_secrets=omit)
        except OSError as exc:
            QMessageBox.critical(self.parent, tr("Export failed"), f"{path}: {exc.strerror or exc}")
            return False
        if mark_clean:
            session.yaml_path = path
            self.window.recent.add(path)
            self.window.undo_stack.setClean()
            self.window.refresh_title()
        self.window.show_status(tr("Wrote %n resource(s) to {path}", len(session.document))
                                .format(path=path))
        return True

    def export_yaml(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.parent, tr("Export YAML"), self._dir(),
                                              yaml_filter())
        if path:
            self._export_yaml(Path(path))

    def export_image(self, selection: bool = False) -> None:
        """Export the diagram (or, with `selection` or a selection present, the selection)."""
        scene = self.window.scene
        if scene is None:
            return
        if selection and not scene.selected_ids():
            self.window.show_status(tr("Select the resources to export first"))
            return
        title = tr("Export Selection as Image") if selection else tr("Export Image")
        path, chosen = QFileDialog.getSaveFileName(self.parent, title, self._dir(),
                                                   image_filter())
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".png", ".svg", ".pdf"):
            target = target.with_suffix("." + chosen.split("*.")[1][:3])
        ids = scene.selected_ids() or None
        scene.route_slices.finish()  # a drop's wires routed now, not drawn in plain shapes
        try:
            export_image(scene, target, ids)
        except ExportError as exc:
            QMessageBox.critical(self.parent, tr("Export failed"), str(exc))
            return
        self.window.show_status(tr("Wrote {path}").format(path=target))

    def export_diagram(self, suffix: str) -> None:
        """Export the design as a draw.io or Mermaid diagram."""
        session = self.window.session
        if session is None:
            return
        title = tr(DIAGRAM_FORMATS[suffix])
        path, _ = QFileDialog.getSaveFileName(
            self.parent, tr("Export {format}…").format(format=title).rstrip("…"), self._dir(),
            f"{title} (*{suffix})")
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path + suffix)
        try:
            write_diagram(session.document, session.graph, target)
        except (OSError, ValueError) as exc:
            QMessageBox.critical(self.parent, tr("Export failed"), str(exc))
            return
        self.window.show_status(tr("Wrote {path}").format(path=target))

    def import_yaml(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, tr("Import YAML"), self._dir(),
                                                f"{yaml_filter(reading=True)};;{all_files()}")
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> int:
        """Add the resources of YAML files to the current design as one undoable step."""
        session = self.window.session
        if session is None:
            return 0
        result = load_paths(paths)
        if not result.resources:
            problems = "\n".join(f"{p.file}:{p.line}: {p.message}" for p in result.problems[:10])
            QMessageBox.warning(self.parent, tr("Nothing imported"),
                                problems or tr("No resources found"))
            return 0
        staging = Document(result.resources)
        design_files.lay_out(staging)
        added = self.window.editor.add_below(
            list(staging), in_languages(lambda: tr("Import %n resource(s)", len(staging))))
        if result.problems:
            self.window.show_status(
                tr("Imported %n resource(s)", added) + "; " + tr(
                    "%n problem(s), first: {first}", len(result.problems)).format(
                    first=result.problems[0].message))
        return added
