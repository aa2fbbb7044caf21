"""Starting the editor: `kubecanvas [FILE.kcanvas | YAML files or folders]`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kubecanvas.io import ProjectError
from kubecanvas.io.heap import bulk_build
from kubecanvas.io.limits import exc_message
from kubecanvas.ui.commands import design_files
from kubecanvas.ui.commands.autosave import pending_recoveries
from kubecanvas.ui.commands.editing import Editor
from kubecanvas.ui.i18n import local_text, tr
from kubecanvas.ui.window.identity import apply_identity
from kubecanvas.ui.window.main_window import MainWindow


def run(argv: list[str]) -> int:
    """Open the main window (with the example design when no file is given) and run the app.

    Args:
        argv: the arguments after the program name: a project file, or YAML files/folders.

    Returns:
        The process exit code.
    """
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kubecanvas"])
    assert isinstance(app, QApplication)
    apply_identity(app)
    window = MainWindow()
    paths = [Path(a) for a in argv if not a.startswith("-")]
    if not paths and design_files.EXAMPLE.is_file():
        paths = [design_files.EXAMPLE]
    if paths:
        with bulk_build():  # see io/heap.py: the collector waits until the design is shown
            try:
                session = design_files.open_paths(paths)
            except design_files.OpenError as exc:
                window.show_status(local_text(exc_message(exc)))
                print(f"kubecanvas: {exc}", file=sys.stderr)
            else:
                if paths == [design_files.EXAMPLE]:
                    session.sources = []  # Save asks where: never overwrite the example
                else:
                    for path in paths:
                        window.recent.add(path)
                window.set_session(session)
    window.show()
    offer_recovery(window)
    app.aboutToQuit.connect(Editor.release_clipboard)
    return app.exec()


def offer_recovery(window: MainWindow) -> None:
    """After a crash, offer the unsaved work that autosave kept."""
    for recovery in pending_recoveries():
        answer = QMessageBox.question(
            window, tr("Restore unsaved work"),
            tr("KubeCanvas closed without saving changes to {title}. Restore them?").format(
                title=recovery.title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                window.restore(recovery)
            except (OSError, ProjectError) as exc:
                QMessageBox.warning(window, tr("Cannot restore"), str(exc))
            return
        recovery.discard()


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
