"""`kubecanvas completion bash|zsh|fish`: the shell completion script, made from the parser.

shtab generates the script from the same argparse parser the commands use, so completion knows
every subcommand, option and format the moment they are added, and nothing is hand-written per
shell. Paths complete as files (folders for options that take one), and `--kube-version` offers
the Kubernetes versions whose schemas ship with KubeCanvas, read when the script is made.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from typing import Any

from kubecanvas.cli import options

SHELLS = ("bash", "zsh", "fish")
HELP = "print a shell completion script (bash, zsh or fish)"
DESCRIPTION = """\
Print the completion script for SHELL on standard output. It completes subcommands, options,
output formats, Kubernetes versions (--kube-version) and file names."""
EXAMPLES = options.examples(
    "source <(kubecanvas completion bash)                    # this shell only",
    "kubecanvas completion bash > ~/.local/share/bash-completion/completions/kubecanvas",
    "kubecanvas completion zsh > \"${fpath[1]}/_kubecanvas\"",
    "kubecanvas completion fish > ~/.config/fish/completions/kubecanvas.fish")

#: Options (by dest) whose value is a folder; every other path-like value completes as a file.
_FOLDER_OPTIONS = frozenset({"kustomize", "helm_chart"})
_FILE_OPTIONS = frozenset({"inputs", "filename", "output", "ignore_file", "values", "helm", "args"})


#: Builds the whole command line's parser for a program name (`cli.main.build_parser`).
MakeParser = Callable[[str], argparse.ArgumentParser]


def add_parser(commands: Any, make_parser: MakeParser) -> None:
    """Add `completion`; `make_parser` builds the parser the script completes (given by
    `cli.main`, which builds the whole command line, this command included)."""
    parser = commands.add_parser("completion", help=HELP, description=DESCRIPTION,
                                 epilog=EXAMPLES, formatter_class=options.Formatter)
    parser.add_argument("shell", choices=SHELLS, help="the shell to complete for")
    parser.set_defaults(run=run, parser=parser, make_parser=make_parser)


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every action of a parser and of its subparsers, depth first."""
    for action in parser._actions:
        yield action
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _actions(sub)


def _versions_completion(prog: str) -> dict[str, Any]:
    from kubecanvas.validation.versions import available_versions

    versions = " ".join(available_versions())
    function = f"_{prog.replace(' ', '_').replace('-', '_')}_kube_versions"
    return {
        "bash": function, "zsh": f"({versions})", "fish": versions,
        "preamble": {"bash": f'{function}() {{ compgen -W "{versions}" -- "$1"; }}'},
    }


def script(shell: str, make_parser: MakeParser) -> str:
    """The completion script of the `kubecanvas` command for `shell`."""
    import shtab

    parser = make_parser("kubecanvas")
    versions = _versions_completion("kubecanvas")
    for action in _actions(parser):
        if action.dest == "kube_version":
            action.complete = versions  # type: ignore[attr-defined]
        elif action.dest in _FOLDER_OPTIONS:
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
        elif action.dest in _FILE_OPTIONS:
            action.complete = shtab.FILE  # type: ignore[attr-defined]
    text: str = shtab.complete(parser, shell=shell)
    return text


def run(args: argparse.Namespace) -> int:
    print(script(args.shell, args.make_parser), end="")
    return 0
