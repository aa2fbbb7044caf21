"""The `kubecanvas` launcher: the command line for subcommands, the editor for everything else.

`kubecanvas validate app.yaml` (or `import`, `export`, `--version`, `--help`) runs the headless
command line, which never loads Qt, so it works on servers and in CI. `kubecanvas` alone, or
followed by files, folders or a `.kcanvas` project, opens the editor. The editor is imported by
name only when it is needed, which keeps this module (and the CLI) free of PySide6.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Mapping, Sequence

#: First arguments that select the command line rather than the editor.
CLI_COMMANDS = frozenset({"import", "export", "validate", "cluster", "completion"})
CLI_OPTIONS = frozenset({"--version", "-V", "--help", "-h"})
EDITOR_MODULE = "kubecanvas.ui.window.app"
#: `kubecanvas render` draws with the editor's own scene, so it lives in the ui package.
RENDER_MODULE = "kubecanvas.ui.window.render_cli"


def wants_cli(args: Sequence[str]) -> bool:
    """True when the arguments are for the command line.

    A first argument that is a subcommand or a top-level option goes to the CLI. So does a bare
    word that is neither an existing path nor something that looks like one (no dot, no slash):
    that is a mistyped subcommand (`kubecanvas valdate`), and the CLI's "invalid choice" message
    helps more than an editor complaining about a missing file.
    """
    if not args:
        return False
    first = args[0]
    if first in CLI_COMMANDS or first in CLI_OPTIONS:
        return True
    if first.startswith("-") or os.path.exists(first):
        return False
    return "." not in first and "/" not in first and os.sep not in first


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


def main(argv: Sequence[str] | None = None, prog: str = "kubecanvas") -> int:
    """Entry point of the `kubecanvas` console script and of `python -m kubecanvas`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["render"]:
        return run_editor(args[1:], RENDER_MODULE)
    if wants_cli(args):
        from kubecanvas.cli.main import main as cli_main

        return cli_main(args, prog)
    return run_editor(args)


def kubectl_plugin(argv: Sequence[str] | None = None) -> int:
    """Entry point of `kubectl-canvas`, which kubectl runs for `kubectl canvas ...`.

    kubectl finds plugins as `kubectl-NAME` executables on PATH and passes the remaining
    arguments, so `kubectl canvas validate k8s/` is `kubecanvas validate k8s/` with usage
    lines that say `kubectl canvas`.
    """
    return main(argv, prog="kubectl canvas")


if __name__ == "__main__":
    sys.exit(main())
