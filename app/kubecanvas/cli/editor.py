"""Starting the editor (or `kubecanvas render`, which draws with the editor's scene) from the
command line, by module name only.

The launcher (`kubecanvas.__main__`) starts the editor when no subcommand is given, and the CLI's
`render` command reaches it too; both come here. The editor's modules are imported by name when
they are needed, so nothing on the command line's side imports PySide6, and a missing Qt is one
clear sentence instead of a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

EDITOR_MODULE = "kubecanvas.ui.window.app"
#: `kubecanvas render` draws with the editor's own scene, so it lives in the ui package.
RENDER_MODULE = "kubecanvas.ui.window.render_cli"


def run_editor(args: Sequence[str], module: str = EDITOR_MODULE) -> int:
    """Start the editor (or `render`), or explain clearly why it cannot start."""
    try:
        editor = importlib.import_module(module)
    except ImportError as exc:
        missing = getattr(exc, "name", None) or ""
        if missing.startswith(("PySide6", "shiboken6")):
            hint = ("the editor needs PySide6; install it with "
                    "`python3 -m pip install 'PySide6-Essentials<6.12'` (or reinstall kubecanvas)")
        else:
            hint = f"the editor could not be loaded ({exc})"
        print(f"kubecanvas: error: {hint}. The command line still works: "
              f"kubecanvas --help", file=sys.stderr)
        return 2
    result = editor.main(list(args)) if module == RENDER_MODULE else editor.run(list(args))
    return int(result) if result is not None else 0
