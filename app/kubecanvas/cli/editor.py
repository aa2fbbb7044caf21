"""Starting the editor (or `kubecanvas render`, which draws with the editor's scene) from the
command line, by module name only.

The launcher (`kubecanvas.__main__`) starts the editor when no subcommand is given, and the CLI's
`render` command reaches it too; both come here. The editor's modules are imported by name when
they are needed, so nothing on the command line's side imports PySide6, and a missing Qt is one
clear sentence instead of a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence

EDITOR_MODULE = "kubecanvas.ui.window.app"
#: `kubecanvas render` draws with the editor's own scene, so it lives in the ui package.
RENDER_MODULE = "kubecanvas.ui.window.render_cli"


def editor_refusal(args: Sequence[str], environ: Mapping[str, str] | None = None,
                   platform: str = sys.platform) -> str | None:
    """Why the editor cannot start with these arguments here, in one line; None when it can.

    The editor takes files and folders only: an option it does not know (`--verbose`) would
    otherwise be dropped silently. Without a display Qt aborts the process (exit 134) with a
    page about platform plugins, so the usual case, no X11 or Wayland display named in the
    environment of a Linux or BSD session, is caught before Qt starts. `QT_QPA_PLATFORM`
    (offscreen, vnc, ...) is the user's own choice and is left to Qt.
    """
    for arg in args:
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-":
            return (f"unrecognized option {arg}: the editor takes files and folders "
                    "(see kubecanvas --help)")
    env = os.environ if environ is None else environ
    if platform.startswith(("win", "cygwin", "darwin")):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    needs = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",),
             "": ("DISPLAY", "WAYLAND_DISPLAY")}.get(chosen)
    if needs is not None and not any(env.get(name) for name in needs):
        return (f"no display to open the editor on ({' and '.join(needs)} not set); "
                "the command line works without one: kubecanvas --help")
    return None


def run_editor(args: Sequence[str], module: str = EDITOR_MODULE) -> int:
    """Start the editor (or `render`), or explain clearly why it cannot start."""
    if module == EDITOR_MODULE:
        refusal = editor_refusal(args)
        if refusal is not None:
            print(f"kubecanvas: error: {refusal}", file=sys.stderr)
            return 2
        args = [arg for arg in args if arg != "--"]
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
