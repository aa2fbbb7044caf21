"""The one error type the command line reports, and how it is printed.

Every expected failure (a missing file, a damaged project, an unknown Kubernetes version, a refused
export) becomes a `CliError` carrying the exit code, so `main` can print a single
`kubecanvas: error: <file>:<line>: <message>` line and never a traceback.
"""

from __future__ import annotations

import sys

#: Exit codes, documented in the README.
EXIT_OK = 0
EXIT_FINDINGS = 1  # error findings (validate), refused export, or documents skipped on import
EXIT_USAGE = 2  # unreadable input or bad usage
EXIT_INTERNAL = 3  # a bug in KubeCanvas (reported without a traceback unless asked for)


class CliError(Exception):
    """An expected failure, reported in one line.

    Attributes:
        message: what went wrong and, where possible, what to do about it.
        file: the file concerned, if any.
        line: the 1-based line in that file, if known.
        exit_code: the process exit code to return.
    """

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.exit_code = exit_code

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


def report(error: CliError | str) -> None:
    """Print `kubecanvas: error: ...` on standard error."""
    print(f"kubecanvas: error: {error}", file=sys.stderr)


def warn(message: str) -> None:
    print(f"kubecanvas: warning: {message}", file=sys.stderr)
