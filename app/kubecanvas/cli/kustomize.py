"""Kustomization folders as inputs: what `kubectl kustomize` renders, not the raw files.

A folder whose top holds `kustomization.yaml` (or `.yml`, or `Kustomization`), or that file
itself, is an overlay or a base: its files are patches and pieces, and the kustomization file
is no Kubernetes object at all. Reading them raw reports the kustomization file as a document
without apiVersion or kind and checks patches as if they were whole objects. Such an input is
rendered with the user's own `kubectl kustomize DIR` (or `kustomize build DIR`), with a note on
standard error saying so; its resources then carry the command as their source and `-` as their
file (like standard input), so nothing is ever written back into the overlay. This module finds
and renders such folders; `inputs` adds what they render to the loaded document.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kubecanvas.cli.errors import CliError

if TYPE_CHECKING:
    from kubecanvas.io.external import Rendered

#: The names Kustomize looks for in a folder, in its own order.
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def kustomization_folder(path: str) -> str | None:
    """The folder to render when `path` is a kustomization file or a folder holding one."""
    if path == "-":
        return None
    if os.path.isdir(path):
        names = set(os.listdir(path))
        return path if any(name in names for name in KUSTOMIZATION_NAMES) else None
    if os.path.basename(path) in KUSTOMIZATION_NAMES and os.path.isfile(path):
        return os.path.dirname(path) or "."
    return None


def split(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(paths read as plain YAML, kustomization folders to render), each in input order."""
    plain: list[str] = []
    folders: list[str] = []
    for path in paths:
        folder = kustomization_folder(path)
        if folder is None:
            plain.append(path)
        elif folder not in folders:
            folders.append(folder)
    return plain, folders


def render(folders: Sequence[str]) -> list[tuple[str, Rendered | None]]:
    """Each folder with what Kustomize renders for it, or None when it renders nothing (such a
    folder is then read as plain files, so what it holds is still reported).

    Raises:
        CliError: kubectl and kustomize are both missing, or the render failed (exit 2).
    """
    if not folders:
        return []  # without importing the tool runner (subprocess: 10 ms)
    from kubecanvas.io.external import ExternalToolError, render_kustomize

    out: list[tuple[str, Rendered | None]] = []
    for folder in folders:
        try:
            out.append((folder, render_kustomize(folder)))
        except ExternalToolError as exc:
            if not str(exc).endswith("printed no manifests"):
                raise CliError(str(exc), file=folder) from None
            out.append((folder, None))
    return out
