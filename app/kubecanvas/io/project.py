"""The project file (`*.kcanvas`): a whole design, saved as JSON.

It holds the resources in order (id, manifest, layout position, pinned flag, where each was
imported from and what it looked like then, and for a Secret imported without its values the
keys whose values stayed in the cluster: `values_in_cluster`, written only when there are some,
so a version-1 reader that does not know it still opens the file) and the project settings. It carries a format name
and version: a file from an older KubeCanvas goes through `MIGRATIONS`; a file from a newer one is
refused rather than read wrongly and saved back downgraded. Saving is atomic; a failed load
changes nothing and says what is wrong, naming the file. On load, resources whose source file is
unchanged get their field-level line lookup back, so findings point at exact lines again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.heap import collector_paused
from kubecanvas.io.json_text import indented_json
from kubecanvas.io.limits import DEFAULT_LIMITS, Limits, data_depth_exceeds, describe_size
from kubecanvas.io.lines import attach_lines
from kubecanvas.model.document import Document, ProjectSettings
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, i_ga
from kubecanvas.model.resource import Origin, Resource
from kubecanvas.model.text import Text

FORMAT = "kubecanvas-project"
VERSION = 1
SUFFIX = ".kcanvas"

#: The versions validation accepts (as `kubecanvas.validation.versions` reads them).
_KUBE_VERSION = re.compile(r"^v?\d+\.\d+(?:\.\d+)?$")

#: version -> function turning a file's data of that version into the next version's shape.
#: Version 1 is the first format; a change of shape adds `VERSION - 1: migrate` here.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class ProjectError(Exception):
    """A project file cannot be read or written; the message names the file and the reason.

    The message (`args[0]`, `exc_message(error)`) is a `Text`: English and Korean.
    """


def _damaged(path: Path, en: str, ko: str) -> ProjectError:
    """The error for a project file that holds something it should not."""
    return ProjectError(Text(f"{path} is damaged: {en}", f"{path} 파일이 손상되었습니다: {ko}"))


def _cannot_save(what: object, en: str, ko: str) -> ProjectError:
    return ProjectError(Text(f"cannot save {what}: {en}", f"{what}{eul_reul(what)} 저장할 수 없습니다: {ko}"))


def save_project(document: Document, path: Path) -> None:
    """Write `document` to `path` atomically (the previous file stays whole if this fails).

    Raises:
        ProjectError: a manifest holds something JSON cannot store, or the file cannot be written.
    """
    writer = ProjectWriter(document, path)
    while not writer.done:
        writer.step(len(document) or 1)
    writer.write()


#: rid -> (the resource as serialized, the project folder it was relative to, its JSON text)
FragmentCache = dict[str, tuple[Resource, Path, str]]

#: stands for the resource list in the file's skeleton (one line of the `json.dumps` output)
_SLOT = "kubecanvas-resources-go-here"


class ProjectWriter:
    """A project file made a few resources at a time, so an editor can write a large design
    between two frames (its autosave) instead of freezing for the whole serialization.

    The resources are captured when the writer is made. Resources in a document are never
    changed in place (an edit, a move or a save replaces the `Resource` with a new one), so the
    file is the design as it was at that moment however it changes while being written. A
    `fragments` cache shared between writers keeps each resource's JSON text, keyed by that very
    `Resource` object, so the next copy serializes only what changed since.
    """

    def __init__(self, document: Document, path: Path,
                 fragments: FragmentCache | None = None) -> None:
        self.path = Path(path)
        version = document.settings.kube_version
        if version and not _KUBE_VERSION.match(version.strip()):
            raise _cannot_save(self.path, f"the Kubernetes version {version!r} is not a "
                               "Kubernetes version (for example 1.33)",
                               f"쿠버네티스 버전 {version!r}{eun_neun(repr(version))} 쿠버네티스 버전이 아닙니다"
                               "(예: 1.33)")
        self._base = self.path.parent
        self._resources = list(document)
        self._settings = _settings_data(document.settings)
        self._fragments: FragmentCache = {} if fragments is None else fragments
        self._parts: list[str] = []
        self._files: dict[str, str] = {}  # source file -> as the project stores it

    @property
    def done(self) -> bool:
        return len(self._parts) == len(self._resources)

    def step(self, count: int) -> None:
        """Serialize the next `count` resources (reusing cached text for unchanged ones).

        Raises:
            ProjectError: a manifest holds something JSON cannot store.
        """
        for resource in self._resources[len(self._parts):len(self._parts) + count]:
            cached = self._fragments.get(resource.id)
            if cached is None or cached[0] is not resource or cached[1] != self._base:
                # at the depth the resource list has in the file (what one json.dumps of
                # the whole file would write)
                cached = (resource, self._base, "  " + self._fragment(resource))
                self._fragments[resource.id] = cached
            self._parts.append(cached[2])

    def _fragment(self, resource: Resource) -> str:
        """The resource's JSON text (`io/json_text.py`: `json.dumps`'s bytes, faster), its
        lines indented as in the resource list.

        Raises:
            ProjectError: a manifest holds something JSON cannot store.
        """
        try:
            return indented_json(_resource_data(resource, self._base, self._files), 2)
        except (TypeError, ValueError, RecursionError) as exc:
            for value in (resource.manifest, resource.original):
                _checked(value, resource)  # names the key or value, when it is one
            if isinstance(exc, RecursionError):
                raise _cannot_save(self.path, "it nests values too deeply to save",
                                   "값이 너무 깊이 중첩되어 저장할 수 없습니다") from exc
            raise _cannot_save(self.path, str(exc), str(exc)) from exc

    def text(self) -> str:
        """The whole file (after every `step`), as one `json.dumps(..., indent=1)` writes it."""
        return "".join(self.pieces())

    def pieces(self) -> Iterator[str]:
        """The file as `text` makes it, in pieces (about one per resource): an editor writes a
        large copy a slice at a time rather than joining megabytes between two frames.

        Raises:
            ProjectError: the settings hold something JSON cannot store.
        """
        assert self.done, "pieces() before every resource was serialized"
        data = {"format": FORMAT, "version": VERSION,
                "resources": [_SLOT] if self._parts else [], "settings": self._settings}
        try:
            skeleton = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise _cannot_save(self.path, str(exc), str(exc)) from exc
        slot = f'  "{_SLOT}"'
        at = skeleton.find(slot) if self._parts else -1  # the slot comes before the settings
        if at < 0:
            yield skeleton + "\n"
            return
        yield skeleton[:at]
        for number, part in enumerate(self._parts):
            yield part if number == 0 else ",\n" + part
        yield skeleton[at + len(slot):] + "\n"

    def write(self, mode: int | None = None) -> None:
        """Write the file atomically (with permission bits `mode`, see `atomic_write_bytes`).

        Raises:
            ProjectError: the file cannot be written (the previous one stays whole).
        """
        text = self.text()
        try:
            atomic_write_text(self.path, text, mode=mode)
        except OSError as exc:
            raise cannot_write(self.path, exc) from exc
        self.forget_removed()

    def forget_removed(self) -> None:
        """Drop the cached text of resources no longer in the design (after a write)."""
        if len(self._fragments) > len(self._resources):
            alive = {r.id for r in self._resources}
            for rid in [k for k in self._fragments if k not in alive]:
                del self._fragments[rid]


def cannot_write(path: Path, exc: OSError) -> ProjectError:
    """The error of a project file that could not be written (the previous one stays whole)."""
    reason = str(exc.strerror or exc)
    return _cannot_save(path, reason, reason)


def load_project(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a project file into a new document.

    Raises:
        ProjectError: the file is missing, too large, not JSON, not a KubeCanvas project, from
            a newer KubeCanvas, or damaged; the message names the file and where.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.max_project_bytes:
            most = describe_size(limits.max_project_bytes)
            raise ProjectError(Text(
                f"cannot read {path}: it is {describe_size(size)}, larger than the "
                f"{most} KubeCanvas reads as a project",
                f"{path}{eul_reul(path)} 읽을 수 없습니다: {describe_size(size)}{euro_ro(describe_size(size))}, KubeCanvas가 프로젝트로 "
                f"읽는 {most}보다 큽니다"))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProjectError(Text(f"cannot read {path}: {reason}",
                                f"{path}{eul_reul(path)} 읽을 수 없습니다: {reason}")) from exc
    with collector_paused():  # (reading builds long-lived trees only: see io/heap.py)
        return _read(text, path, limits)


def _read(text: str, path: Path, limits: Limits) -> Document:
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise _damaged(path, f"not valid JSON at line {exc.lineno}, column {exc.colno} "
                       f"({exc.msg})",
                       f"{exc.lineno}행 {exc.colno}열이 올바른 JSON이 아닙니다({exc.msg})") from exc
    except ValueError as exc:
        raise _damaged(path, str(exc), str(exc)) from exc
    except RecursionError as exc:
        raise _damaged(path, "it nests values too deeply to read",
                       "값이 너무 깊이 중첩되어 읽을 수 없습니다") from exc
    data = _upgrade(_expect(data, dict, "the file", path), path)
    return _document(data, path, limits)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a valid JSON number")


def _upgrade(data: dict[str, Any], path: Path) -> dict[str, Any]:
    if data.get("format") != FORMAT:
        raise ProjectError(Text(
            f"{path} is not a KubeCanvas project file (no \"format\": \"{FORMAT}\")",
            f"{path}{eun_neun(path)} KubeCanvas 프로젝트 파일이 아닙니다(\"format\": \"{FORMAT}\" 없음)"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _damaged(path, "\"version\" must be a whole number",
                       "\"version\"은 정수여야 합니다")
    if version > VERSION:
        raise ProjectError(Text(
            f"{path} was written by a newer KubeCanvas (project format version {version}; this "
            f"one reads up to {VERSION}); open it with that version or a later one",
            f"{path}{eun_neun(path)} 더 새로운 KubeCanvas로 저장되었습니다(프로젝트 형식 버전 {version}, 이 "
            f"버전은 {VERSION}까지 읽습니다). 그 버전 이상으로 열어야 합니다"))
    while version < VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise ProjectError(Text(
                f"{path} uses project format version {version}, which this "
                "KubeCanvas can no longer read",
                f"{path}{eun_neun(path)} 이 KubeCanvas가 더 이상 읽지 못하는 프로젝트 형식 버전 "
                f"{version}{eul_reul(version)} 씁니다"))
        try:
            data = migrate(data)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            why = f"{type(exc).__name__}: {exc}"
            raise _damaged(path, f"it cannot be upgraded from project format version {version} "
                           f"({why})",
                           f"프로젝트 형식 버전 {version}에서 올릴 수 없습니다({why})") from exc
        data = _expect(data, dict, "the upgraded file", path)
        version += 1
        data["version"] = version
    return data


def _resource_data(resource: Resource, base: Path, files: dict[str, str]) -> dict[str, Any]:
    data = {
        "id": resource.id,
        "manifest": resource.manifest,
        "position": [resource.position[0], resource.position[1]],
        "pinned": resource.pinned,
        "origin": _origin_data(resource.origin, base, files),
        "original": resource.original,
    }
    if resource.values_in_cluster:  # only then: other files stay as they were
        data["values_in_cluster"] = list(resource.values_in_cluster)
    if resource.named:  # the fields a rename carries along (model/naming.py)
        data["named"] = [list(path) for path in resource.named]
    return data


def _checked(value: Any, resource: Resource) -> Any:
    """`value` if it is JSON that reads back equal (string keys only), else ProjectError
    (`indented_json` refuses the rest; this names the resource and the value)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise _cannot_save(resource.label(), f"the key {key!r} is not a string",
                                       f"키 {key!r}{i_ga(repr(key))} 문자열이 아닙니다")
                stack.append(child)
        elif isinstance(item, list):
            stack.extend(item)
        elif item is not None and not isinstance(item, (str, int, float, bool)):
            raise _cannot_save(resource.label(), f"{type(item).__name__} value {item!r} "
                               "cannot be stored",
                               f"{type(item).__name__} 값 {item!r}{eun_neun(repr(item))} 저장할 수 없습니다")
    return value


def _origin_data(origin: Origin | None, base: Path, files: dict[str, str]) -> dict[str, Any] | None:
    """The origin without its line lookup; the file relative to the project's folder, so a
    project moved together with its manifests still finds them (`files`: those worked out so
    far in this save; thousands of resources share a few files)."""
    if origin is None:
        return None
    file = files.get(origin.file)
    if file is None:
        file = files[origin.file] = _stored_file(origin.file, base)
    return {"file": file, "line": origin.line, "column": origin.column,
            "doc_index": origin.doc_index, "item_index": origin.item_index,
            "source": origin.source, "digest": origin.digest}


def _stored_file(file: str, base: Path) -> str:
    if file == "-":
        return file
    absolute = os.path.abspath(file)
    try:
        return os.path.relpath(absolute, os.path.abspath(base))
    except ValueError:  # another drive on Windows
        return absolute


def _settings_data(settings: ProjectSettings) -> dict[str, Any]:
    return {
        "kube_version": settings.kube_version,
        "ignored": [list(pair) for pair in sorted(settings.ignored)],
        "view": settings.view,
        **({"profiles": sorted(settings.profiles)} if settings.profiles else {}),
    }


# --- reading ----------------------------------------------------------------------------------

def _expect(value: Any, kind: type | tuple[type, ...], where: str, path: Path) -> Any:
    """`value` when it has the expected JSON type, else a ProjectError naming the place."""
    ok = isinstance(value, kind) and not (isinstance(value, bool) and bool not in _types(kind))
    if not ok:
        names = {dict: "an object", list: "a list", str: "a string", bool: "true or false",
                 int: "a number", float: "a number", type(None): "null"}
        wanted = " or ".join(dict.fromkeys(names[t] for t in _types(kind)))
        names_ko = {dict: "객체", list: "리스트", str: "문자열", bool: "true 또는 false",
                    int: "숫자", float: "숫자", type(None): "null"}
        wanted_ko = " 또는 ".join(dict.fromkeys(names_ko[t] for t in _types(kind)))
        place = {"the file": "파일", "the upgraded file": "버전을 올린 파일"}.get(where, where)
        raise _damaged(path, f"{where} must be {wanted}", f"{place}{eun_neun(place)} {wanted_ko}여야 합니다")
    return value


def _types(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _document(data: dict[str, Any], path: Path, limits: Limits) -> Document:
    entries = _expect(data.get("resources"), list, "\"resources\"", path)
    resources = []
    seen: set[str] = set()
    files = _Files(path)
    for number, entry in enumerate(entries):
        resource = _resource(entry, f"resources[{number}]", path, files)
        if data_depth_exceeds(resource.manifest, limits.max_depth) or data_depth_exceeds(
                resource.original, limits.max_depth):
            raise _damaged(path, f"resources[{number}] nests lists and mappings more than "
                           f"{limits.max_depth} levels deep",
                           f"resources[{number}]{i_ga(number)} 리스트와 매핑을 {limits.max_depth}단계보다 "
                           "깊게 중첩합니다")
        if resource.id in seen:
            raise _damaged(path, f"resources[{number}] repeats the id {resource.id!r}",
                           f"resources[{number}]{i_ga(number)} id {resource.id!r}{eul_reul(repr(resource.id))} 반복합니다")
        seen.add(resource.id)
        resources.append(resource)
    document = Document(attach_lines(resources))
    document.settings = _settings(data.get("settings", {}), path)
    document.ordered_by_export = True
    return document


class _Files:
    """The source files the origins of one project name, as absolute paths: worked out once
    per file, not once per resource (15,000 resources share a few files; made per resource,
    the project's folder and the joined path were a sixth of loading the project)."""

    def __init__(self, project: Path) -> None:
        self._folder = os.path.abspath(project.parent)
        self._seen: dict[str, str] = {"-": "-"}

    def absolute(self, file: str) -> str:
        found = self._seen.get(file)
        if found is None:
            found = self._seen[file] = file if os.path.isabs(file) else os.path.normpath(
                os.path.join(self._folder, file))
        return found


def _resource(entry: Any, where: str, path: Path, files: _Files) -> Resource:
    entry = _expect(entry, dict, where, path)
    rid = _expect(entry.get("id"), str, f"{where}.id", path)
    if not rid:
        raise _damaged(path, f"{where}.id is empty", f"{where}.id가 비어 있습니다")
    manifest = _expect(entry.get("manifest"), dict, f"{where}.manifest", path)
    position = _expect(entry.get("position", [0.0, 0.0]), list, f"{where}.position", path)
    if len(position) != 2:
        raise _damaged(path, f"{where}.position must be [x, y]",
                       f"{where}.position은 [x, y]여야 합니다")
    x, y = (_expect(v, (int, float), f"{where}.position", path) for v in position)
    original = _expect(entry.get("original"), (dict, type(None)), f"{where}.original", path)
    in_cluster = _expect(entry.get("values_in_cluster", []), list, f"{where}.values_in_cluster",
                         path)
    named = _expect(entry.get("named", []), list, f"{where}.named", path)
    return Resource(
        manifest=manifest, id=rid, position=(float(x), float(y)),
        named=tuple(_named_path(item, f"{where}.named", path) for item in named),
        pinned=_expect(entry.get("pinned", False), bool, f"{where}.pinned", path),
        origin=_origin(entry.get("origin"), f"{where}.origin", path, files), original=original,
        values_in_cluster=tuple(_expect(key, str, f"{where}.values_in_cluster", path)
                                for key in in_cluster))


def _named_path(value: Any, where: str, path: Path) -> tuple[str | int, ...]:
    steps = _expect(value, list, where, path)
    return tuple(_expect(step, (str, int), where, path) for step in steps)


def _origin(value: Any, where: str, path: Path, files: _Files) -> Origin | None:
    if value is None:
        return None
    value = _expect(value, dict, where, path)
    file = files.absolute(_expect(value.get("file"), str, f"{where}.file", path))

    def number(key: str, default: int | None) -> Any:
        wanted = int if default is not None else (int, type(None))
        return _expect(value.get(key, default), wanted, f"{where}.{key}", path)

    return Origin(
        file=file, line=number("line", 1), column=number("column", 1),
        doc_index=number("doc_index", 0), item_index=number("item_index", None),
        source=_expect(value.get("source"), (str, type(None)), f"{where}.source", path),
        digest=_expect(value.get("digest"), (str, type(None)), f"{where}.digest", path))


def _settings(value: Any, path: Path) -> ProjectSettings:
    value = _expect(value, dict, "\"settings\"", path)
    kube_version = _expect(value.get("kube_version"), (str, type(None)),
                           "settings.kube_version", path)
    if kube_version and not _KUBE_VERSION.match(kube_version.strip()):
        raise _damaged(path, f"settings.kube_version {kube_version!r} is not a Kubernetes "
                       "version (for example 1.33)",
                       f"settings.kube_version {kube_version!r}{eun_neun(repr(kube_version))} 쿠버네티스 버전이 "
                       "아닙니다(예: 1.33)")
    ignored: set[tuple[str, str]] = set()
    for number, pair in enumerate(_expect(value.get("ignored", []), list,
                                          "settings.ignored", path)):
        where = f"settings.ignored[{number}]"
        pair = _expect(pair, list, where, path)
        if len(pair) != 2:
            raise _damaged(path, f"{where} must be [rule, resource id]",
                           f"{where}{eun_neun(where)} [규칙, 리소스 id]여야 합니다")
        rule, rid = (_expect(v, str, where, path) for v in pair)
        ignored.add((rule, rid))
    view = _expect(value.get("view", {}), dict, "settings.view", path)
    profiles = {_expect(name, str, f"settings.profiles[{number}]", path) for number, name in
                enumerate(_expect(value.get("profiles", []), list, "settings.profiles", path))}
    return ProjectSettings(kube_version=kube_version, ignored=ignored, view=view,
                           profiles=profiles)
