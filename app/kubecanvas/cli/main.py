"""`kubecanvas` subcommands: the argument parser and the error boundary.

`main(argv)` never lets a traceback reach the user: expected failures are `CliError`s and
`OSError`s, printed as one `kubecanvas: error: <file>:<line>: <message>` line with the exit code
they carry; anything else is a bug, reported as such with exit code 3 (set KUBECANVAS_DEBUG=1 to
see the traceback). Exit codes: 0 fine, 1 error findings / refused export / documents skipped on
import / resources the cluster refused, 2 unreadable input, bad usage, a missing program or an
unreachable cluster, 3 internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from kubecanvas import __version__
from kubecanvas.cli import (
    cmd_cluster,
    cmd_completion,
    cmd_export,
    cmd_import,
    cmd_lesson,
    cmd_validate,
    options,
)
from kubecanvas.cli.editor import RENDER_MODULE, run_editor
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_USAGE, CliError, report

DESCRIPTION = """\
Draw, wire, validate and export Kubernetes applications.
Run `kubecanvas` without a subcommand (or with files and folders) to open the editor."""

EPILOG = """\
exit codes: 0 success; 1 error findings, a refused export, documents that could not be
read on import, or resources the cluster refused; 2 unreadable input, bad usage, or a missing
program (kubectl, kustomize, helm) or unreachable cluster; 3 internal error.
Run `kubecanvas COMMAND --help` for each command's own options and exit codes.

""" + options.examples(
    "kubecanvas                                # the editor",
    "kubecanvas validate k8s/",
    "kubecanvas validate -f app.yaml --format compact",
    "kubecanvas import k8s/ -o shop.kcanvas",
    "kubecanvas export shop.kcanvas -o out/",
    "kubecanvas render k8s/ -o diagram.svg",
    "kubecanvas cluster check k8s/",
    "source <(kubecanvas completion bash)",
    "kubectl canvas validate k8s/              # as a kubectl plugin")

RENDER_HELP = "draw YAML or a project as .svg, .png, .pdf, .drawio or .mmd, without a window"


def build_parser(prog: str = "kubecanvas", only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, with one subparser per command; with `only`, just that command's
    subparser is complete and the others carry their name and help alone (enough for the
    top-level --help and for "invalid choice"), which is what one run needs: building every
    subparser's options cost a small `validate` 5 ms.

    Building it imports no loader, validator or networkx: each command imports what it uses
    when it runs, so `--version`, `--help` and completion start fast.
    """
    parser = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, epilog=EPILOG,
        formatter_class=options.Formatter)
    parser.add_argument("-V", "--version", action="version",
                        version=f"kubecanvas {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    adders: list[tuple[str, str, Any]] = [
        ("import", cmd_import.HELP, cmd_import.add_parser),
        ("export", cmd_export.HELP, cmd_export.add_parser),
        ("validate", cmd_validate.HELP, cmd_validate.add_parser),
        ("render", RENDER_HELP, _add_render),
        ("cluster", cmd_cluster.HELP, cmd_cluster.add_parser),
        ("lesson", cmd_lesson.HELP, cmd_lesson.add_parser),
        ("completion", cmd_completion.HELP,
         lambda subparsers: cmd_completion.add_parser(subparsers, build_parser)),
    ]
    for name, help_text, add in adders:
        if only is None or only == name:
            add(commands)
        else:
            commands.add_parser(name, help=help_text, add_help=False)
    return parser


def _add_render(commands: Any) -> None:
    """`render` is run by the launcher (it needs Qt); here it is listed in --help, in "invalid
    choice" messages and in completion, and reached when the CLI is called directly."""
    parser = commands.add_parser("render", help=RENDER_HELP, add_help=False,
                                 description=f"{RENDER_HELP}; `kubecanvas render --help` "
                                             "lists its options.")
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="INPUT... -o FILE")
    parser.set_defaults(run=_run_render, parser=parser)


def _run_render(args: argparse.Namespace) -> int:
    return run_editor(args.args, RENDER_MODULE)


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str]) -> argparse.Namespace | int:
    """Parse, turning argparse's own exits (help, version, usage errors) into exit codes.

    An unknown option is reported by the subcommand it was given to, with that subcommand's
    usage line (argparse's default shows the top-level usage, which hides the option list
    the user needs).
    """
    try:
        parsed, extras = parser.parse_known_args(list(argv))
        if extras:
            culprit: argparse.ArgumentParser = getattr(parsed, "parser", None) or parser
            culprit.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)


def main(argv: Sequence[str] | None = None, prog: str = "kubecanvas") -> int:
    """Run one command; returns the process exit code. `prog` names the program in usage
    lines (`kubectl canvas` when run as a kubectl plugin)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    # the command is the first argument when there is one (top-level options come first
    # otherwise, and need no command's options)
    parser = build_parser(prog, arguments[0] if arguments and arguments[0][:1] != "-" else "")
    parsed = _parse(parser, arguments)
    if isinstance(parsed, int):
        return parsed
    if parsed.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(parsed.run(parsed))
    except CliError as exc:
        report(exc)
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()  # the reader (`| head`) went away: stop quietly, like other tools
        return EXIT_FINDINGS
    except OSError as exc:
        report(_os_error(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last line of defence: a bug, but never a raw traceback
        if os.environ.get("KUBECANVAS_DEBUG"):
            raise
        report(f"internal error: {type(exc).__name__}: {exc} "
               f"(please report it; set KUBECANVAS_DEBUG=1 to see the traceback)")
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point standard output at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _os_error(exc: OSError) -> CliError:
    reason = exc.strerror or str(exc)
    return CliError(reason[:1].lower() + reason[1:], file=exc.filename and str(exc.filename))


if __name__ == "__main__":
    sys.exit(main())
