"""What import reports instead of raising: problems with a file, line and resource."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from kubecanvas.model.korean import gwa_wa
from kubecanvas.model.record import field, record
from kubecanvas.model.resource import Resource, ResourceKey
from kubecanvas.model.text import Text

Severity = Literal["error", "warning"]


@record(frozen=True)
class LoadProblem:
    """One thing wrong with the input. An error means something was not loaded; a warning means
    it was loaded but deserves a look.

    Attributes:
        file: the file as given ("-" for standard input).
        line: 1-based line (the document's or the exact spot when the parser knows it).
        column: 1-based column.
        message: what is wrong and what to do about it.
        severity: "error" or "warning".
        resource: how the resource is named ("Deployment shop/web") when it is known.
    """

    file: str
    line: int
    column: int
    message: str
    severity: Severity = "error"
    resource: str | None = None

    def __str__(self) -> str:
        what = f" ({self.resource})" if self.resource else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}{what}"


@record
class LoadResult:
    """Resources read (in file and document order) and the problems met on the way.

    `files` maps each file that was read to the fingerprint of its text then: pass it to
    `write_back(files=...)` so a file whose resources were all deleted is still saved (and one
    changed on disk meanwhile is merged rather than overwritten).
    """

    resources: list[Resource] = field(default_factory=list)
    problems: list[LoadProblem] = field(default_factory=list)
    files: dict[str, str | None] = field(default_factory=dict)

    @property
    def errors(self) -> list[LoadProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[LoadProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    def extend(self, other: LoadResult) -> None:
        self.resources.extend(other.resources)
        self.problems.extend(other.problems)
        self.files.update(other.files)


def resource_key(resource: Resource) -> ResourceKey:
    return ResourceKey(resource.group, resource.kind, resource.namespace, resource.name)


def where(resource: Resource) -> str:
    origin = resource.origin
    return f"{origin.file}:{origin.line}" if origin is not None else "(new)"


def duplicate_problems(resources: Iterable[Resource]) -> list[LoadProblem]:
    """A warning for each resource whose API group, kind, namespace and name repeat an earlier
    one; both still load (docs-style folders hold alternatives on purpose), but applying both
    makes the second replace the first."""
    first: dict[tuple[str, str, str, str], Resource] = {}  # the fields of `resource_key`
    problems = []
    for resource in resources:
        kind, name = resource.kind, resource.name
        if not kind or not name:
            continue
        key = (resource.group, kind, resource.namespace, name)
        earlier = first.setdefault(key, resource)
        if earlier is resource or resource.origin is None:
            continue
        problems.append(LoadProblem(
            resource.origin.file, resource.origin.line, resource.origin.column,
            Text(f"defined twice: at {where(earlier)} and at {where(resource)}; applying both "
                 "makes the second replace the first",
                 f"두 번 정의되었습니다: {where(earlier)}{gwa_wa(where(earlier))} {where(resource)}. 둘 다 적용하면 두 "
                 "번째가 첫 번째를 대체합니다"),
            "warning", resource.label()))
    return problems
