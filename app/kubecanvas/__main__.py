"""The `kubecanvas` launcher: the command line for subcommands, the editor for everything else.

`kubecanvas validate app.yaml` (or `import`, `export`, `--version`, `--help`) runs the headless
command line, which never loads Qt, so it works on servers and in CI. `kubecanvas` alone, or
followed by files, folders or a `.kcanvas` project, opens the editor. The editor is imported by
name only when it is needed, which keeps this module (and the CLI) free of PySide6.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from kubecanvas.cli.editor import EDITOR_MODULE, RENDER_MODULE, run_editor

__all__ = ["EDITOR_MODULE", "RENDER_MODULE", "kubectl_plugin", "main", "run_editor", "wants_cli"]

#: First arguments that select the command line rather than the editor.
CLI_COMMANDS = frozenset({"import", "export", "validate", "cluster", "completion"})
CLI_OPTIONS = frozenset({"--version", "-V", "--help", "-h"})


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


def main(argv: Sequence[str] | None = None, prog: str = "kubecanvas") -> int:
    """Entry point of the `kubecanvas` console script and of `python -m kubecanvas`."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["render"]:
        code = _one_run(lambda: run_editor(args[1:], RENDER_MODULE))
        if argv is None:  # the process's own command line: the process ends with the render
            _leave(code)
        return code
    if wants_cli(args):
        if argv is None and args[0] == "validate":
            # the process ends with the check: what it built is held, not freed object by
            # object, and the process ends without tear-down (`io.heap.hold_until_exit`)
            from kubecanvas.io.heap import end_without_teardown

            end_without_teardown()
            _leave(_one_run(lambda: _cli(args, prog)))
        return _one_run(lambda: _cli(args, prog))
    return run_editor(args)


def _cli(args: list[str], prog: str) -> int:
    from kubecanvas.cli.main import main as cli_main

    return cli_main(args, prog)


def _one_run(run: Callable[[], int]) -> int:
    """A command (or a `render`) is one short run that builds what lives until it ends
    (modules, then the document and its findings) and drops little: the cyclic collector's
    passes over that found nothing and cost a small `validate` 18 ms of 0.4 s (30 of them, most
    during imports), and the full pass Python makes as the process ends 38 ms more. So the
    collector is paused for the command, and what is alive at exit is frozen (moved where that
    last pass does not walk it). Reference counting still frees whatever holds no cycle; in a
    process that runs on (tests calling `main`), the freeze waits for its end. A `render`
    likewise: unfrozen, that last pass over Qt's modules and types cost a small picture 30 ms.

    Before the collector is enabled again, what the run made is handed to the oldest generation
    without being walked (`freeze` then `unfreeze`): left in the youngest, as new objects, all of
    it was walked on the next allocation (8 ms at a small render's end).
    """
    gc.disable()
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    try:
        return run()
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def _leave(code: int) -> NoReturn:
    """End a `render` process once its file is written, without Python's and Qt's tear-down
    (a `validate` process likewise, once its report is written).

    Nothing a render made is needed after it (the picture is written and closed, its
    temporary folder removed), but an ordinary exit then destroyed the scene's items, the
    application and every module one by one: 6 ms of the 0.19 s a small render takes, with
    nothing to show for it. The standard streams are flushed here, as the interpreter would;
    when that fails (a closed pipe) the status is 120, also as it would be.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # (no stream at all: a windowed Python)
            continue
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120
    os._exit(code)


def kubectl_plugin(argv: Sequence[str] | None = None) -> int:
    """Entry point of `kubectl-canvas`, which kubectl runs for `kubectl canvas ...`.

    kubectl finds plugins as `kubectl-NAME` executables on PATH and passes the remaining
    arguments, so `kubectl canvas validate k8s/` is `kubecanvas validate k8s/` with usage
    lines that say `kubectl canvas`.
    """
    return main(argv, prog="kubectl canvas")


if __name__ == "__main__":
    sys.exit(main())
