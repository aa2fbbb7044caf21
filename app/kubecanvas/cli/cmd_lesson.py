"""`kubecanvas lesson check PATH...`: check lessons a teacher wrote before showing them.

Prints one `file:line: message` line per problem (the format compilers use, so editors jump to
the line) and `PATH: ok (N lessons)` when there is none. Exit codes: 0 every lesson is fine,
1 problems were found, 2 a path does not exist or holds no lesson. The lesson format is
documented in docs/lessons.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kubecanvas.cli import options
from kubecanvas.cli.errors import EXIT_FINDINGS, EXIT_USAGE, CliError

HELP = "check lesson folders (lesson.yaml + diagram.yaml) written by a teacher"
EXIT_OK = 0
EXAMPLES = options.examples("kubecanvas lesson check my-course/",
                            "kubecanvas lesson check my-course/01-first-pod/lesson.yaml")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("lesson", help=HELP, description=__doc__, epilog=EXAMPLES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(parser=parser)
    actions = parser.add_subparsers(dest="lesson_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="report every problem with its file and line",
                               description=__doc__, epilog=EXAMPLES,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="a lesson.yaml, a lesson folder, or a folder of lesson folders")
    check.set_defaults(run=run_check, parser=check)


def run_check(args: argparse.Namespace) -> int:
    from kubecanvas.teaching.lesson_check import check_path, lesson_folders  # when it runs

    failed = False
    for given in args.paths:
        path = Path(given)
        if not path.exists() or not lesson_folders(path):
            reason = "no such file or folder" if not path.exists() else \
                "no lesson.yaml here (a lesson is a folder with lesson.yaml and diagram.yaml)"
            raise CliError(reason, file=given, exit_code=EXIT_USAGE)
        problems = check_path(path)
        for problem in problems:
            print(problem)
        if problems:
            failed = True
        else:
            count = len(lesson_folders(path))
            print(f"{given}: ok ({count} lesson{'s' if count != 1 else ''})")
    sys.stdout.flush()
    return EXIT_FINDINGS if failed else EXIT_OK
