"""Options spelled the way kubectl users type them, shared by the subcommands.

- inputs: positional paths beside kubectl's repeatable `-f/--filename` and `-R/--recursive`.
  A folder given as a positional input is searched recursively (as before); a folder given with
  `-f` reads only its own files unless `-R`, exactly as `kubectl apply -f DIR` does.
- `-o yaml` / `-o json`: kubectl prints a format there, KubeCanvas writes a file. An output name
  without a suffix that equals a format's name is refused with a hint instead of leaving a file
  called `yaml` behind.
- every `--help` ends with examples, like kubectl's.

Nothing here loads YAML, the model or the validator: building the parser must stay cheap, since
`--help`, `--version` and shell completion build it too.
"""

from __future__ import annotations

import argparse
import os
import sys

from kubecanvas.cli.errors import CliError

#: Names that are output formats somewhere (kubectl's `-o`, ours), never meant as a file name.
FORMAT_NAMES = frozenset({"yaml", "yml", "json", "sarif", "text", "compact", "wide", "name",
                          "svg", "png", "pdf", "drawio", "mmd", "mermaid", "kcanvas"})
#: File suffixes `-f DIR` reads, as kubectl does (`.json` too: kubectl reads it).
FILE_SUFFIXES = (".yaml", ".yml", ".json")


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples keep their line breaks; option help is wrapped as usual, to
    the width argparse would find itself: argparse asks `shutil` for the terminal's size, and
    importing `shutil` (with the bz2 and lzma modules it loads) cost every run 3 ms, although
    only `--help` and usage errors print anything wrapped."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


def terminal_columns() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS when positive, else the width of the
    terminal standard output is on, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def examples(*lines: str) -> str:
    """An `examples:` epilog: one `  $ command` line each, `# comment` lines kept as written."""
    body = "\n".join(f"  {line}" if line.startswith("#") else f"  $ {line}" for line in lines)
    return f"examples:\n{body}"


def add_inputs(parser: argparse.ArgumentParser, what: str) -> None:
    """Positional inputs plus kubectl's `-f/--filename` (repeatable) and `-R/--recursive`."""
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=what)
    parser.add_argument("-f", "--filename", action="append", default=[], metavar="PATH",
                        help="a file, folder or - to read, as kubectl spells it; repeatable. A "
                             "folder given with -f is read without its subfolders unless -R")
    parser.add_argument("-R", "--recursive", action="store_true",
                        help="with -f DIR, read the subfolders too (as `kubectl -R`)")


def gather_inputs(args: argparse.Namespace) -> list[str]:
    """The paths to load: positional inputs, then each `-f` (a folder expanded per -R).

    Raises:
        CliError: no input at all, or `-f DIR` whose own level holds no manifest file.
    """
    paths = list(args.inputs)
    for given in args.filename:
        paths.extend(_expand_filename(given, args.recursive))
    if not paths:
        raise CliError("no input given: name files or folders (or - for standard input), "
                       "positionally or with -f")
    return paths


def _expand_filename(path: str, recursive: bool) -> list[str]:
    if recursive or path == "-" or not os.path.isdir(path):
        return [path]  # a missing path is reported by the loader, with its name
    found = sorted(entry.path for entry in os.scandir(path)
                   if not entry.name.startswith(".") and entry.is_file()
                   and entry.name.lower().endswith(FILE_SUFFIXES))
    if not found:
        raise CliError("the folder holds no .yaml, .yml or .json file at its top; add -R to "
                       "read its subfolders too (as with kubectl)", file=path)
    return found


def default_jobs() -> int:
    """The number of cores this process may use (`--jobs` by default)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `export` and `validate`."""
    parser.add_argument("--kube-version", metavar="X.Y",
                        help="Kubernetes version to check against (default: the project's, "
                             "else the newest known)")
    parser.add_argument("--strip-cluster-fields", action="store_true",
                        help="drop status, managedFields, uid and other fields a cluster adds "
                             "(for `kubectl get -o yaml` dumps)")
    parser.add_argument("--ignore-file", metavar="PATH",
                        help="read findings to ignore from PATH (default: .kubecanvas-ignore "
                             "beside the inputs)")
    add_limit_option(parser)


def add_limit_option(parser: argparse.ArgumentParser) -> None:
    """`--limit NAME=VALUE`: raise a reading limit for trusted input (names as io.limits'
    LIMIT_NAMES, repeated here so that building the parser loads no YAML code)."""
    parser.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                        help="change a limit that guards against hostile input, for trusted "
                             "input larger than the defaults: file-bytes, total-bytes, "
                             "document-bytes, depth, document-values, total-alias-values, "
                             "project-bytes (e.g. --limit file-bytes=256Mi); repeatable")


def check_output_name(output: str | None, hint: str) -> None:
    """Refuse `-o yaml` and the like: a bare format name is a kubectl habit, not a file name.

    Args:
        output: the `-o` value (None when not given).
        hint: what to type instead, for this command (`-o - for standard output`, ...).
    """
    if output is None or output.lower() not in FORMAT_NAMES or os.path.isdir(output):
        return
    raise CliError(f"-o {output} would write a file named {output!r}; KubeCanvas's -o takes a "
                   f"file name, not a format like kubectl's. {hint}")


def add_include_option(parser: argparse.ArgumentParser) -> None:
    """`--include-secret-values` for `import` and `cluster import` (see cli.secret_values)."""
    parser.add_argument("--include-secret-values", action="store_true",
                        help="keep the values of Secrets read from a cluster in the project "
                             "(by default only their keys and type are imported: the values "
                             "stay in the cluster)")


def add_omit_option(parser: argparse.ArgumentParser) -> None:
    """`--omit-secrets` for `export` (see cli.secret_values)."""
    parser.add_argument("--omit-secrets", action="store_true",
                        help="write Secrets without data and stringData (for repositories "
                             "whose Secrets come from a secret manager); needed to export "
                             "Secrets imported without their values")
