"""What the parts the window installs may use of it: a narrow interface instead of the window.

The menus (`commands/actions`, through `MenuHost` there), the File commands, the cluster
controller and teaching mode are built by the main window and act on it. They see it through
this Protocol, never through the `MainWindow` class, so none of them imports the window and the
window imports each of them: one direction, no import circle. `qt_window()` hands out the
window as a plain `QMainWindow` for what Qt itself needs (a dialog's parent, a dock, the menu
bar).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings, SignalInstance
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMainWindow

    from kubecanvas.ui.canvas.scene import CanvasScene
    from kubecanvas.ui.canvas.view import CanvasView
    from kubecanvas.ui.commands.design_files import RecentFiles
    from kubecanvas.ui.commands.editing import Editor
    from kubecanvas.ui.panels.inspector import InspectorPanel
    from kubecanvas.ui.panels.palette import PalettePanel
    from kubecanvas.ui.panels.problems_panel import ProblemsPanel
    from kubecanvas.ui.panels.yaml_panel import YamlPanel
    from kubecanvas.ui.session import Session


class EditorShell(Protocol):
    """The editor window as its add-ons (File commands, cluster, teaching) see it."""

    settings: QSettings
    session: Session | None
    scene: CanvasScene | None
    view: CanvasView
    undo_stack: QUndoStack
    editor: Editor
    recent: RecentFiles
    palette_panel: PalettePanel
    inspector: InspectorPanel
    problems: ProblemsPanel
    yaml_panel: YamlPanel

    @property
    def session_changed(self) -> SignalInstance:
        """Emitted with the new session after the window shows another design."""
        ...

    def qt_window(self) -> QMainWindow:
        """The window itself, for Qt: dialogs' parent, docks, the menu bar, shortcuts."""
        ...

    def show_status(self, text: str) -> None:
        """A message in the status bar for a few seconds."""
        ...

    def set_session(self, session: Session) -> None:
        """Show another design (a fresh undo history, a fresh scene)."""
        ...

    def confirm_discard(self) -> bool:
        """Ask what to do with unsaved changes; False when the user cancels."""
        ...

    def open_paths(self, paths: Sequence[Path]) -> bool:
        """Open files or folders, after asking about unsaved changes."""
        ...

    def refresh_title(self) -> None:
        """Show the design's title and its unsaved mark again (after a save, a rename)."""
        ...
