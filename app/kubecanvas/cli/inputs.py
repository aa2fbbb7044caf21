"""Reading the inputs every subcommand takes: YAML files, folders, standard input or a project.

One place decides what an input is, what counts as unreadable (exit 2) rather than a finding
(exit 1), where `.kubecanvas-ignore` files are looked for, and how the loader's problems become
findings, so `import`, `export` and `validate` agree on all of it.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kubecanvas.cli import kustomize
from kubecanvas.cli.errors import CliError, warn
from kubecanvas.cli.options import add_common_options  # noqa: F401  (kept importable here)
from kubecanvas.cli.report import LoadFinding
from kubecanvas.io.heap import bulk_build, hold_until_exit
from kubecanvas.io.limits import DEFAULT_LIMITS, Limits, parse_limit
from kubecanvas.io.problems import LoadProblem
from kubecanvas.io.yaml_in import load_paths
from kubecanvas.model.document import Document
from kubecanvas.model.graph import WiringGraph
from kubecanvas.model.record import field, record, replace
from kubecanvas.model.resource import Resource
from kubecanvas.validation import (
    Finding,
    IgnoreFileError,
    UnknownVersionError,
    parse_ignore_file,
    resolve_ignores,
    validate_document,
)
from kubecanvas.validation.findings import Severity
from kubecanvas.validation.profiles import UnknownProfileError
from kubecanvas.validation.versions import normalize_version, schema_dir

if TYPE_CHECKING:
    from kubecanvas.io.external import Rendered

PROJECT_SUFFIX = ".kcanvas"
IGNORE_FILE = ".kubecanvas-ignore"


@record
class Loaded:
    """A document read from the command line's inputs.

    Attributes:
        document: the resources, with their origins (and a project's positions and settings).
        problems: what the loader reported, as findings (errors: documents left out).
        project: the project file, when the input was one.
        ignores: (rule, 'kind/namespace/name' | '*') pairs read from ignore files.
    """

    document: Document
    problems: list[LoadFinding] = field(default_factory=list)
    project: Path | None = None
    ignores: set[tuple[str, str]] = field(default_factory=set)


def check_kube_version(text: str | None) -> str | None:
    """The normalised version ('v1.33.2' -> '1.33'), or a usage error naming what is known."""
    if text is None:
        return None
    try:
        version = normalize_version(text)
        schema_dir(version)
    except UnknownVersionError as exc:
        raise CliError(f"--kube-version: {exc}") from None
    return version


def rule_of(problem: LoadProblem) -> str:
    """The finding rule for a load problem."""
    explicit = getattr(problem, "rule", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    if problem.severity == "error":
        return "yaml.parse"
    if "defined twice" in problem.message:
        return "yaml.duplicate"
    return "yaml.load"


def as_finding(problem: LoadProblem) -> LoadFinding:
    message = problem.message
    if problem.resource and problem.resource not in message:
        message = f"{problem.resource}: {message}"
    severity = Severity.ERROR if problem.severity == "error" else Severity.WARNING
    return LoadFinding(rule_of(problem), severity, message, problem.file, problem.line or None,
                       problem.column or None)


def _check_paths(paths: Sequence[str]) -> None:
    """Refuse (exit 2) inputs that cannot be read at all, before reading anything."""
    if not paths:
        raise CliError("no input given")
    if sum(1 for p in paths if p == "-") > 1:
        raise CliError("standard input (-) can be given only once")
    for path in paths:
        if path == "-":
            continue
        if not os.path.exists(path):
            raise CliError("no such file or folder", file=path)
        if not os.access(path, os.R_OK):
            raise CliError("permission denied", file=path)


def read_limits(given: Sequence[str]) -> Limits:
    """The reading limits with each `--limit NAME=VALUE` applied.

    Raises:
        CliError: an unknown name or a value that is not a positive number (exit 2).
    """
    changes = {}
    for text in given:
        try:
            name, value = parse_limit(text)
        except ValueError as exc:
            raise CliError(f"--limit: {exc}") from None
        changes[name] = value
    return replace(DEFAULT_LIMITS, **changes)


def _load_project_input(paths: Sequence[str], limits: Limits) -> Loaded:
    from kubecanvas.io.project import ProjectError, load_project  # only for a project input

    if len(paths) != 1:
        raise CliError("a .kcanvas project cannot be combined with other inputs; give it alone")
    try:
        document = load_project(Path(paths[0]), limits)
    except ProjectError as exc:
        raise CliError(str(exc)) from None
    return Loaded(document, project=Path(paths[0]))


def load_inputs(paths: Sequence[str], *, strip_cluster_fields: bool = False,
                ignore_file: str | None = None, allow_project: bool = True,
                limits: Limits = DEFAULT_LIMITS, keep_original: bool = True) -> Loaded:
    """Read the inputs into a document and apply ignore files to its settings; `limits` bound
    what hostile input may cost (`read_limits` makes them from `--limit`). A command that
    never writes the files back passes `keep_original=False` (see `yaml_in.load_paths`).

    Raises:
        CliError: an input does not exist or cannot be read, a project is damaged, or an
            ignore file is malformed (all exit code 2).
    """
    _check_paths(paths)
    plain, kustomizations = kustomize.split(paths)
    with bulk_build():  # a large input is millions of long-lived objects: see io/heap.py
        rendered = kustomize.render(kustomizations)
        plain += [folder for folder, output in rendered if output is None]
        loaded = (_load(plain, strip_cluster_fields, allow_project, limits, keep_original)
                  if plain else Loaded(Document()))
        _add_rendered(loaded, rendered)
    _apply_ignores(loaded, ignore_dirs(paths), ignore_file)
    return loaded


def _add_rendered(loaded: Loaded,
                  rendered: Sequence[tuple[str, Rendered | None]]) -> None:
    """Add what each folder rendered to `loaded`, with a note each on standard error."""
    for folder, output in rendered:
        if output is None:
            continue
        print(f"kubecanvas: note: {folder} is a kustomization: reading what "
              f"`{output.command}` renders ({len(output.result.resources)} resource(s)); "
              "findings point at lines of that output, under the file name -",
              file=sys.stderr)
        for problem in output.result.problems:
            loaded.problems.append(as_finding(replace(problem, file=output.command)))
        for resource in output.result.resources:
            loaded.document.add(resource)


def _load(paths: Sequence[str], strip_cluster_fields: bool, allow_project: bool,
          limits: Limits, keep_original: bool = True) -> Loaded:
    is_project = [p.endswith(PROJECT_SUFFIX) and os.path.isfile(p) for p in paths]
    if any(is_project):
        if not allow_project:
            raise CliError("is a project, not YAML; open it in the editor or use "
                           "`kubecanvas export` on it", file=paths[is_project.index(True)])
        loaded = _load_project_input(paths, limits)
    else:
        result = load_paths(list(paths), strip_cluster_fields=strip_cluster_fields,
                            limits=limits, keep_original=keep_original)
        if strip_cluster_fields:
            result.resources = _designed_only(result.resources)
        # An object defined twice is the validator's `resource.duplicate` finding (which the
        # editor shows too); reporting the loader's warning as well would say it twice.
        problems = [as_finding(p) for p in result.problems]
        loaded = Loaded(Document(result.resources),
                        [p for p in problems if p.rule != "yaml.duplicate"])
    return loaded


def _designed_only(resources: list[Resource]) -> list[Resource]:
    """A `kubectl get -o yaml` dump without what controllers made (ReplicaSets of Deployments,
    their Pods, Jobs of CronJobs...), as `cluster import` does: applied as designed objects
    they would be created a second time beside what their controllers make."""
    # imported here: the cluster package (kubectl, subprocess, platform) costs 20 ms to import
    from kubecanvas.cluster.namespace import made_by_a_controller

    kept = [r for r in resources if not made_by_a_controller(r)]
    if len(kept) < len(resources):
        warn(f"left out {len(resources) - len(kept)} object(s) that controllers made "
             "(they have a controlling owner); their owners recreate them")
    return kept


def require_resources(loaded: Loaded, paths: Sequence[str], outcome: str) -> None:
    """Refuse (exit 2) YAML inputs that yield nothing at all: an empty file or folder, a folder
    of other files, only documents that are not Kubernetes objects.

    Saying "0 error(s)" or writing an empty project or export would pass such a mistake (a
    wrong path, a typo in a glob) off as success. Documents that do not parse are not "nothing":
    they are error findings (exit 1), which `validate` reports in the format asked for. The load
    problems (the warnings saying why each document was skipped) are printed first. A project
    is exempt: an empty design is a design.
    """
    if loaded.project is not None or len(loaded.document) or any(
            p.severity is Severity.ERROR for p in loaded.problems):
        return
    print_problems(loaded.problems)
    raise CliError("no Kubernetes resource found (an empty file or folder, or only documents "
                   f"without apiVersion and kind); {outcome}",
                   file=paths[0] if len(paths) == 1 else None)


def ignore_dirs(paths: Iterable[str]) -> list[Path]:
    """Folders where a `.kubecanvas-ignore` may sit: each input folder, each input file's folder,
    and the working folder for standard input; in input order, without repeats."""
    seen: dict[Path, None] = {}
    for path in paths:
        if path == "-":
            folder = Path.cwd()
        elif os.path.isdir(path):
            folder = Path(path)
        else:
            folder = Path(path).parent
        seen.setdefault(folder.resolve(), None)
    return list(seen)


def _read_ignore_file(path: Path) -> set[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError(f"cannot read the ignore file: {reason}", file=str(path)) from None
    try:
        return parse_ignore_file(text)
    except IgnoreFileError as exc:
        raise CliError(str(exc), file=str(path)) from None


def _apply_ignores(loaded: Loaded, folders: Sequence[Path], explicit: str | None) -> None:
    files: list[Path] = []
    if explicit is not None:
        if not os.path.isfile(explicit):
            raise CliError("no such ignore file", file=explicit)
        files.append(Path(explicit))
    else:
        files.extend(folder / IGNORE_FILE for folder in folders
                     if (folder / IGNORE_FILE).is_file())
    for path in files:
        loaded.ignores |= _read_ignore_file(path)
    if not loaded.ignores:
        return
    document = loaded.document
    document.settings.ignored |= resolve_ignores(loaded.ignores, document)
    everywhere = [rule for rule, target in loaded.ignores if target == "*"]
    loaded.problems = [p for p in loaded.problems
                       if not any(fnmatch.fnmatchcase(p.rule, rule) for rule in everywhere)]


def validate(loaded: Loaded, kube_version: str | None,
             profiles: Sequence[str] | None = None, jobs: int = 1) -> list[Finding]:
    """Every finding on the loaded document (ignored ones removed), with the rule `profiles`
    turned on beyond the default one and the project's; checked by `jobs` processes."""
    document = loaded.document
    try:
        with bulk_build():
            graph = WiringGraph(document, subscribe=False)
            hold_until_exit(loaded, graph)  # when the process ends with the command: see there
            return validate_document(document, graph, kube_version, profiles, jobs)
    except (UnknownVersionError, UnknownProfileError) as exc:
        raise CliError(str(exc)) from None


def print_problems(problems: Sequence[LoadFinding]) -> None:
    """Load problems on standard error, one `file:line:col: severity: message` line each."""
    for problem in problems:
        print(f"{problem.location()}: {problem.severity.value}: {problem.message}",
              file=sys.stderr)


def emit(text: str) -> None:
    """Write text to standard output as UTF-8, whatever the terminal's encoding."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        stream.flush()
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
