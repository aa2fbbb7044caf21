"""Manifests from where they live: the rendered output of Kustomize and Helm.

KubeCanvas does not understand overlays or chart templates; it imports what they render, by running
the user's own `kubectl kustomize` (or `kustomize build`) and `helm template`. Every imported
resource remembers the command that produced it (`Origin.source`), so the user can tell later which
overlay or chart a resource came from, and write-back never tries to splice rendered text into a
file (the origin's file is "-", like standard input).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass

from kubecanvas.io.problems import LoadResult
from kubecanvas.io.yaml_in import load_text

#: How long a renderer may run before we give up on it (a chart with remote dependencies can
#: take a while; a hung one must not freeze the editor forever).
TIMEOUT_SECONDS = 300


#: The prefix of Go's klog lines (`E1126 04:24:52.225240   28818 run.go:72] `).
_KLOG = re.compile(r"^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ \S+:\d+\] ")


class ExternalToolError(Exception):
    """A renderer is missing, failed, or gave no output; the message says what to do.

    Attributes:
        missing: True when the program is not installed (the message names what to install).
    """

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class Rendered:
    """What a renderer printed, read as manifests.

    Attributes:
        command: the command line as the user would type it (also each resource's source).
        result: the loaded resources and any problems with the output.
    """

    command: str
    result: LoadResult


def describe(argv: Sequence[str]) -> str:
    """A command line as a user would type it (quoted only where needed)."""
    return " ".join(shlex.quote(part) for part in argv)


def kustomize_command(directory: str) -> list[str]:
    """`kubectl kustomize DIR` when kubectl is installed, else `kustomize build DIR`.

    kubectl comes first: most users already have it, and it bundles Kustomize.

    Raises:
        ExternalToolError: neither program is installed.
    """
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize", directory]
    if shutil.which("kustomize"):
        return ["kustomize", "build", directory]
    raise ExternalToolError(
        "importing a Kustomize folder needs kubectl (which includes Kustomize) or kustomize; "
        "install kubectl (https://kubernetes.io/docs/tasks/tools/) and try again", missing=True)


def helm_command(chart: str, values: Sequence[str] = (), release: str | None = None,
                 namespace: str | None = None) -> list[str]:
    """`helm template [RELEASE] CHART [--values F]... [--namespace NS]`.

    Raises:
        ExternalToolError: helm is not installed.
    """
    if not shutil.which("helm"):
        raise ExternalToolError(
            "importing a Helm chart needs helm; install helm (https://helm.sh/docs/intro/install/) "
            "and try again", missing=True)
    argv = ["helm", "template"]
    if release:
        argv.append(release)
    argv.append(chart)
    for file in values:
        argv += ["--values", file]
    if namespace:
        argv += ["--namespace", namespace]
    return argv


def run_renderer(argv: Sequence[str], *, cwd: str | None = None) -> str:
    """Run a renderer and return what it printed on standard output.

    Raises:
        ExternalToolError: it could not start, timed out, failed (with its own error text, which
            names the broken file of the overlay or chart), or printed nothing.
    """
    command = describe(argv)
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, encoding="utf-8",
                              errors="replace", timeout=TIMEOUT_SECONDS, cwd=cwd, check=False)
    except FileNotFoundError:
        raise ExternalToolError(f"{argv[0]} is not installed", missing=True) from None
    except subprocess.TimeoutExpired:
        raise ExternalToolError(f"`{command}` did not finish within {TIMEOUT_SECONDS} s") from None
    except OSError as exc:
        raise ExternalToolError(f"`{command}` could not run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        detail = _last_lines(done.stderr) or f"exit code {done.returncode}"
        raise ExternalToolError(f"`{command}` failed: {detail}")
    if not done.stdout.strip():
        raise ExternalToolError(f"`{command}` printed no manifests")
    return done.stdout


def _last_lines(text: str, count: int = 4) -> str:
    """The end of a renderer's error output, without its warnings and log-line prefixes."""
    lines = []
    for line in text.splitlines():
        line = _KLOG.sub("", line.strip())
        if line and not line.startswith(("# Warning", "Warning:", "WARNING:")):
            lines.append(line)
    return " / ".join(lines[-count:])


def render_kustomize(directory: str) -> Rendered:
    """Import what Kustomize renders for an overlay or base folder.

    Raises:
        ExternalToolError: the folder is not a Kustomize folder, the programs are missing, or
            the build failed.
    """
    if not os.path.isdir(directory):
        raise ExternalToolError(f"{directory}: no such folder (give the folder that holds "
                                "kustomization.yaml)")
    argv = kustomize_command(directory)
    return _rendered(argv, run_renderer(argv))


def render_helm(chart: str, values: Sequence[str] = (), release: str | None = None,
                namespace: str | None = None) -> Rendered:
    """Import what `helm template` renders for a chart (a folder, an archive or a repo/chart).

    Raises:
        ExternalToolError: helm is missing, a values file is missing, or the render failed.
    """
    for file in values:
        if not os.path.isfile(file):
            raise ExternalToolError(f"{file}: no such values file")
    argv = helm_command(chart, values, release, namespace)
    return _rendered(argv, run_renderer(argv))


def _rendered(argv: Sequence[str], text: str) -> Rendered:
    command = describe(argv)
    return Rendered(command, load_text(text, "-", source=command))
