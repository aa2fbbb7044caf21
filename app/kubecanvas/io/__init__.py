"""Reading and writing: YAML import and export, write-back to imported files, the project file.

The layer between the document (`kubecanvas.model`) and the outside world. It imports the model and
PyYAML, never Qt. Every write is atomic (`atomic`), every read is tolerant (`yaml_in` reports
problems with file, line and resource instead of raising) and bounded (`limits`: file size,
nesting depth, alias expansion), so hostile input is refused rather than hanging or crashing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kubecanvas.io.atomic import atomic_write_bytes, atomic_write_text
    from kubecanvas.io.limits import DEFAULT_LIMITS, LimitError, Limits
    from kubecanvas.io.problems import LoadProblem, LoadResult
    from kubecanvas.io.project import ProjectError, load_project, save_project
    from kubecanvas.io.strip import strip_cluster_fields
    from kubecanvas.io.writeback import WriteBackError, WriteBackResult, write_back
    from kubecanvas.io.yaml_in import load_paths, load_text
    from kubecanvas.io.yaml_out import apply_order, dump_resources, write_folder

#: Public name -> the module that defines it. Loaded on first use (PEP 562), so that importing
#: one io module (the CLI's `validate` needs only the YAML reader) does not load the project
#: file, write-back and exporters too.
_HOME = {
    "atomic_write_bytes": "atomic", "atomic_write_text": "atomic",
    "DEFAULT_LIMITS": "limits", "LimitError": "limits", "Limits": "limits",
    "LoadProblem": "problems", "LoadResult": "problems",
    "ProjectError": "project", "load_project": "project", "save_project": "project",
    "strip_cluster_fields": "strip",
    "WriteBackError": "writeback", "WriteBackResult": "writeback", "write_back": "writeback",
    "load_paths": "yaml_in", "load_text": "yaml_in",
    "apply_order": "yaml_out", "dump_resources": "yaml_out", "write_folder": "yaml_out",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DEFAULT_LIMITS",
    "LimitError",
    "Limits",
    "LoadProblem",
    "LoadResult",
    "ProjectError",
    "WriteBackError",
    "WriteBackResult",
    "apply_order",
    "atomic_write_bytes",
    "atomic_write_text",
    "dump_resources",
    "load_paths",
    "load_project",
    "load_text",
    "save_project",
    "strip_cluster_fields",
    "write_back",
    "write_folder",
]
