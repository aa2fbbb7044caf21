"""Importing Kubernetes YAML: files, folders and standard input, tolerant of damage.

Each document is parsed on its own (see `yaml_split`), so a broken one is reported with its file,
line, column and reason while the rest of the file still loads. Every resource remembers where it
came from (`Origin`, with a lazy field-level line lookup) and what it looked like (`original`), so
findings can point at lines and write-back can keep untouched documents byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from kubecanvas.io.heap import collector_paused
from kubecanvas.io.limits import (
    DEFAULT_LIMITS,
    Budget,
    BudgetSpent,
    LimitError,
    Limits,
    describe_size,
    exc_message,
)
from kubecanvas.io.lines import LineIndex
from kubecanvas.io.problems import LoadProblem, LoadResult, duplicate_problems
from kubecanvas.io.textfile import DecodeError, read_text_file, text_digest
from kubecanvas.io.yaml_dialect import parse_document_node, parse_document_positions
from kubecanvas.io.yaml_split import Chunk, content_offset, iter_chunks
from kubecanvas.model.korean import eul_reul, eun_neun, euro_ro, i_ga
from kubecanvas.model.resource import Origin, Resource
from kubecanvas.model.text import Text, concat, join

#: Files a folder import reads. JSON manifests too, as kubectl and kubeconform read them: a JSON
#: document is read as JSON (see `yaml_dialect.parse_document`), anything else as YAML.
YAML_SUFFIXES = (".yaml", ".yml", ".json")
_KUSTOMIZE_GROUP = "kustomize.config.k8s.io"
_KIND_LINE = re.compile(r"^kind:[ \t]*[\"']?([A-Za-z][A-Za-z0-9]*)", re.MULTILINE)
_NAME_ITEM = re.compile(r"[ \t]+name:[ \t]*[\"']?([^\s\"'#]+)")


class _Options:
    """How the documents of one file are loaded.

    A plain class: nothing compares, hashes or prints these, and making a dataclass's methods
    cost every start 2 ms (Python 3.11 compiles each method of each dataclass on import).
    """

    __slots__ = ("budget", "digest", "file", "keep_original", "limits", "positions", "source",
                 "strip")

    def __init__(self, file: str, strip: bool, source: str | None, digest: str | None,
                 limits: Limits = DEFAULT_LIMITS, budget: Budget | None = None,
                 keep_original: bool = True, positions: bool = True) -> None:
        self.file = file
        self.strip = strip
        self.source = source
        self.digest = digest
        self.limits = limits
        self.budget = budget
        #: keep a copy of each manifest as read (`Resource.original`, for write-back)
        self.keep_original = keep_original
        #: index each document's positions from its parse (False: on its first lookup)
        self.positions = positions


def load_paths(paths: Sequence[str | Path], *, strip_cluster_fields: bool = False,
               source: str | None = None, limits: Limits = DEFAULT_LIMITS,
               keep_original: bool = True, positions: bool = True) -> LoadResult:
    """Load files, folders (every .yaml/.yml/.json below, sorted, hidden ones skipped) and "-" for
    standard input. Never raises for bad input: unreadable files, bad encodings, broken
    documents and input beyond `limits` (too large, too deep, alias bombs) become problems,
    and everything else loads.

    Without `keep_original` the resources carry no copy of the manifest as read
    (`original` is None): for a caller that never writes back, such as `kubecanvas validate`,
    which saves the copy's time and memory. A copy is kept with `strip_cluster_fields`
    whatever it says: the manifest as fetched is the one that tells what a controller made.
    Without `positions` a resource's line lookup composes its document again when first asked
    (`kubecanvas render` never asks: indexing 5,000 documents while reading cost 0.25 s).
    """
    result = LoadResult()
    budget = Budget(limits)
    with collector_paused():
        for path in paths:
            for file in _expand(path, result):
                result.extend(_load_file(file, strip_cluster_fields, source, budget,
                                         keep_original=keep_original, positions=positions))
        result.problems.extend(duplicate_problems(result.resources))
    return result


def load_text(text: str, file: str = "-", *, strip_cluster_fields: bool = False,
              source: str | None = None, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load one YAML stream held in memory; `file` names it in origins and problems."""
    if len(text) > limits.max_file_bytes:
        return LoadResult(problems=[LoadProblem(
            file, 1, 1, Text(
                f"the text is {describe_size(len(text))}, larger than the "
                f"{describe_size(limits.max_file_bytes)} KubeCanvas reads at once; it was refused",
                f"텍스트가 {describe_size(len(text))}{euro_ro(describe_size(len(text)))}, KubeCanvas가 한 번에 읽는 "
                f"{describe_size(limits.max_file_bytes)}보다 큽니다. 거부되었습니다"))])
    digest = text_digest(text)
    budget = Budget(limits)
    budget.bytes_left -= len(text)
    with collector_paused():
        result = _load_stream(text, _Options(file, strip_cluster_fields, source, digest, limits,
                                             budget))
    if file != "-":
        result.files[file] = digest
    result.problems.extend(duplicate_problems(result.resources))
    return result


def _expand(path: str | Path, result: LoadResult) -> list[str]:
    """The files a path stands for; a missing path or an empty folder is reported."""
    if str(path) == "-":
        return ["-"]
    given = Path(path)
    if given.is_dir():
        found = sorted(
            (p for p in given.rglob("*")
             if p.suffix.lower() in YAML_SUFFIXES and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(given).parts)),
            key=lambda p: p.relative_to(given).parts)
        if not found:
            result.problems.append(LoadProblem(
                str(path), 1, 1, Text("the folder holds no .yaml, .yml or .json files",
                                     "폴더에 .yaml, .yml, .json 파일이 없습니다"), "warning"))
        return [str(p) for p in found]
    if not given.exists():
        result.problems.append(LoadProblem(str(path), 1, 1, Text("no such file or folder",
                                                           "그런 파일이나 폴더가 없습니다")))
        return []
    return [str(path)]


def _load_file(file: str, strip: bool, source: str | None, budget: Budget,
               *, keep_original: bool = True,
               positions: bool = True) -> LoadResult:
    """One file; `budget` holds what the import may still read (shared by its files)."""
    limits = budget.limits
    try:
        content = read_text_file(file, min(limits.max_file_bytes, max(budget.bytes_left, 0)))
    except LimitError as exc:
        read = describe_size(limits.max_total_bytes - budget.bytes_left)
        total = describe_size(limits.max_total_bytes)
        message = exc_message(exc) if budget.bytes_left >= limits.max_file_bytes else Text(
            f"the file was skipped: this import already read {read} and may read {total} in "
            "all; import fewer files at once",
            f"파일을 건너뛰었습니다: 이번 가져오기는 이미 {read}{eul_reul(read)} 읽었고 모두 {total}까지 읽을 수 "
            "있습니다. 파일을 더 적게 나누어 가져와야 합니다")
        return LoadResult(problems=[LoadProblem(file, 1, 1, message)])
    except DecodeError as exc:
        return LoadResult(problems=[LoadProblem(file, exc.line, exc.column,
                                                concat(exc_message(exc), Text(
                                                    "; the file was skipped",
                                                    ". 파일을 건너뛰었습니다")))])
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return LoadResult(problems=[LoadProblem(file, 1, 1, Text(
            f"cannot read the file: {reason}", f"파일을 읽을 수 없습니다: {reason}"))])
    budget.bytes_left -= len(content.text)
    # the fingerprint serves write-back only, like the copies `keep_original` keeps
    digest = None if file == "-" or not (keep_original or strip) else text_digest(content.text)
    result = _load_stream(content.text, _Options(file, strip, source, digest, limits, budget,
                                                 keep_original or strip, positions))
    if digest is not None:
        result.files[file] = digest
    return result


def _load_stream(text: str, options: _Options) -> LoadResult:
    """The documents of one stream."""
    result = LoadResult()
    for chunk in iter_chunks(text):
        try:
            if options.budget is not None:
                options.budget.take_document(len(chunk.text))
            if chunk.offset is None:
                continue  # only comments, blank lines or markers: kept for write-back, not loaded
            result.extend(_load_chunk(chunk, options))
        except BudgetSpent as exc:
            line, column = chunk.content_start()
            result.extend(_problem(options, line, column, exc_message(exc)))
            break
    return result


def load_chunk(chunk: Chunk, file: str, digest: str | None = None) -> LoadResult:
    """Load one document chunk the way a file import does (write-back uses it to see which
    chunks hold resources). Duplicates are not checked here."""
    if content_offset(chunk.text) is None:
        return LoadResult()
    return _load_chunk(chunk, _Options(file, False, None, digest))


def _load_chunk(chunk: Chunk, options: _Options) -> LoadResult:
    line, column = chunk.content_start()
    try:
        # with positions, built in the same walk as the data (see `positions`)
        data, duplicates, root = (parse_document_positions if options.positions
                                  else _parse_without_positions)(chunk.text, options.limits,
                                                                 options.budget)
    except BudgetSpent:
        raise
    except LimitError as exc:
        return _problem(options, line, column, exc_message(exc), _guess_label(chunk.text))
    except yaml.YAMLError as exc:
        problem = LoadProblem(options.file, *_error_position(exc, chunk),
                              _error_message(exc, chunk), "error", _guess_label(chunk.text))
        return LoadResult(problems=[problem])
    except RecursionError:
        return _problem(options, line, column, Text(
            "the document is nested too deeply to read", "문서가 너무 깊이 중첩되어 읽을 수 없습니다"))
    if data is None:
        return LoadResult()
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        what_ko = "리스트" if isinstance(data, list) else f"단일 값({type(data).__name__})"
        return _problem(options, line, column, Text(
            f"the document is {what}, not a mapping; a Kubernetes manifest is a "
            "mapping with apiVersion, kind and metadata. It was not loaded",
            f"문서가 매핑이 아니라 {what_ko}입니다. 쿠버네티스 매니페스트는 apiVersion, kind, "
            "metadata를 가진 매핑입니다. 불러오지 않았습니다"))
    result = LoadResult()
    label = _label(data) if duplicates or "\t" in chunk.text else ""
    for dup_line, dup_column, key in duplicates:
        result.problems.append(LoadProblem(
            options.file, chunk.start_line + dup_line, dup_column + 1,
            Text(f"the key {key!r} is written twice in one mapping; the last value is used",
                 f"키 {key!r}{i_ga(repr(key))} 한 매핑에 두 번 쓰였습니다. 마지막 값을 사용합니다"),
            "warning", label))
    if "\t" in chunk.text:
        result.problems.extend(_trailing_tabs(chunk, options, label))
    # Positions from this parse; a JSON document (read by JSON's rules) composes on request.
    index = (LineIndex.from_tree(root, chunk.start_line) if root is not None
             else LineIndex(chunk.text, chunk.start_line))
    if _is_list(data):
        result.extend(_load_list(data, chunk, index, options))
        return result
    skipped = _not_a_resource(data)
    if skipped:
        result.problems.append(LoadProblem(options.file, line, column, skipped, "warning",
                                           label or _label(data)))
        return result
    origin = Origin(options.file, line, column, chunk.index, None, options.source,
                    index.lookup, options.digest)
    result.resources.append(_resource(data, origin, options))
    return result


def _parse_without_positions(text: str, limits: Limits, budget: Budget | None
                             ) -> tuple[Any, list[tuple[int, int, str]], None]:
    """`parse_document_node` without the node tree: the loader's lookups compose on request."""
    data, duplicates, _ = parse_document_node(text, limits, budget)
    return data, duplicates, None


def _load_list(data: dict[str, Any], chunk: Chunk, index: LineIndex,
               options: _Options) -> LoadResult:
    """One resource per item of a `kind: List` (or `ConfigMapList`, ...) document. Items of a
    typed list may leave out kind and apiVersion; they get the list's, as the API server does."""
    result = LoadResult()
    list_kind = str(data.get("kind"))
    item_kind = list_kind[: -len("List")] if list_kind != "List" else ""
    for number, item in enumerate(data["items"] or []):
        found = index.lookup(("items", number))
        line, column = found if found is not None else chunk.content_start()
        if not isinstance(item, dict):
            result.problems.append(LoadProblem(
                options.file, line, column,
                Text(f"item {number} of the {list_kind} is not a mapping; it was not loaded",
                     f"{list_kind}의 항목 {number}{i_ga(number)} 매핑이 아닙니다. 불러오지 않았습니다")))
            continue
        if item_kind:
            item = _fill_type(item, item_kind, data.get("apiVersion"))
        origin = Origin(options.file, line, column, chunk.index, number, options.source,
                        index.for_item(("items", number)), options.digest)
        result.resources.append(_resource(item, origin, options))
    return result


def _fill_type(item: dict[str, Any], kind: str, api_version: object) -> dict[str, Any]:
    if "kind" in item and "apiVersion" in item:
        return item
    filled = {"apiVersion": api_version, "kind": kind} if isinstance(api_version, str) else {
        "kind": kind}
    filled.update(item)
    return filled


def _resource(data: dict[str, Any], origin: Origin, options: _Options) -> Resource:
    """The resource of parsed `data`. With `keep_original`, the data as parsed is the original
    and its copy the manifest, not the other way round: every later pass (wiring, layout,
    checks, the canvas) reads the manifest, and the copy's mappings lie side by side in memory,
    where the parsed ones lie between their positions' (built in the same walk). Reading,
    wiring, laying out and checking 15,000 resources then missed the last-level cache 4.5 %
    less (cachegrind), for the same copy."""
    if options.strip:
        from kubecanvas.io.strip import strip_cluster_fields  # only for `--strip-...`

        return Resource(manifest=strip_cluster_fields(data), origin=origin, original=data)
    if options.keep_original:
        return Resource(manifest=copy_data(data), origin=origin, original=data)
    return Resource(manifest=data, origin=origin)


def copy_data(value: Any) -> Any:
    """A deep copy of JSON-shaped data, several times faster than `copy.deepcopy`."""
    if type(value) is dict:
        return {key: copy_data(item) for key, item in value.items()}
    if type(value) is list:
        return [copy_data(item) for item in value]
    return value


def _is_list(data: dict[str, Any]) -> bool:
    kind = data.get("kind")
    return (isinstance(kind, str) and kind.endswith("List") and "items" in data
            and (data["items"] is None or isinstance(data["items"], list)))


def _not_a_resource(data: dict[str, Any]) -> Text | None:
    """Why a mapping is skipped rather than loaded as a resource, or None to load it."""
    if "kind" not in data and "apiVersion" not in data:
        return Text("the document has neither apiVersion nor kind, so it is not a Kubernetes "
                    "resource; it was skipped",
                    "문서에 apiVersion도 kind도 없어 쿠버네티스 리소스가 아닙니다. 건너뛰었습니다")
    api_version = data.get("apiVersion")
    if isinstance(api_version, str) and api_version.startswith(_KUSTOMIZE_GROUP):
        return Text("a kustomize file, not a resource: it was skipped (run `kustomize build` "
                    "and import the output to see what it produces)",
                    "리소스가 아니라 kustomize 파일이라 건너뛰었습니다(`kustomize build`를 실행하고 "
                    "그 출력을 가져오면 무엇이 만들어지는지 볼 수 있습니다)")
    return None


def _label(data: dict[str, Any]) -> str:
    """'Deployment shop/web': made only for a problem that names it (a resource's id is not
    needed for that, and drawing a random one costs more than the rest)."""
    return Resource(manifest=data, id="").label()


def _guess_label(text: str) -> str | None:
    """'Deployment web' read from the raw text of a document that does not parse, so the
    problem can still say which resource it is about."""
    kind = _KIND_LINE.search(text)
    if kind is None:
        return None
    return f"{kind.group(1)} {_metadata_name(text) or '(unnamed)'}"


def _metadata_name(text: str) -> str | None:
    """`metadata.name` from the lines under a `metadata:` line, in one pass over the lines (a
    regular expression for this backtracked exponentially on lines of blanks: a hang found by
    the fuzz tests)."""
    inside = False
    for line in text.split("\n"):
        if inside and line[:1] in (" ", "\t"):
            found = _NAME_ITEM.match(line)
            if found:
                return found.group(1)
            continue
        inside = line.startswith("metadata:") and not line[9:].strip(" \t\r")
    return None


def _problem(options: _Options, line: int, column: int, message: str,
             label: str | None = None) -> LoadResult:
    return LoadResult(problems=[LoadProblem(options.file, line, column, message, "error", label)])


def _error_position(exc: yaml.YAMLError, chunk: Chunk) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        last = chunk.text.count("\n")
        if mark.line > last:  # libyaml reports "end of input" one line past a final line
            # that has no newline: point at the end of that line instead
            return chunk.start_line + last, len(chunk.text) - chunk.text.rfind("\n")
        return chunk.start_line + mark.line, mark.column + 1
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        before = chunk.text[:position]
        return chunk.start_line + before.count("\n"), position - (before.rfind("\n") + 1) + 1
    return chunk.content_start()


def _error_message(exc: yaml.YAMLError, chunk: Chunk) -> Text:
    """The parser's reason in one line, plus a hint for the usual causes. The parser's own
    reason (libyaml's words) stays as written inside a Korean frame."""
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or Text("invalid YAML", "잘못된 YAML")
        parts = [problem if isinstance(problem, Text) else Text(problem, problem)]
        if exc.context:
            parts.append(Text(f"({exc.context})", f"({exc.context})"))
        message = join(parts, " ")
    elif isinstance(exc, yaml.reader.ReaderError):
        message = Text(f"character {exc.character!r} is not allowed in YAML: {exc.reason}",
                       f"문자 {exc.character!r}{eun_neun(repr(exc.character))} YAML에 쓸 수 없습니다: {exc.reason}")
    else:
        reason = str(exc).replace("\n", " ")
        message = Text(reason, reason)
    line, column = _error_position(exc, chunk)
    lines = chunk.text.split("\n")
    offset = line - chunk.start_line
    here = lines[offset] if 0 <= offset < len(lines) else ""
    if "\t" in here[: column + 1]:
        message = concat(message, Text(
            "; a TAB character is used here: YAML indents with spaces only",
            ". 여기에 TAB 문자가 쓰였습니다: YAML은 공백으로만 들여씁니다"))
    elif "{{" in chunk.text:
        message = concat(message, Text(
            "; the document looks like a template ({{ ... }}): render it first (for "
            "example with `helm template`) and import the output",
            ". 문서가 템플릿({{ ... }})처럼 보입니다: 먼저 렌더링하고(예: `helm template`) 그 "
            "출력을 가져와야 합니다"))
    return concat(Text("invalid YAML: ", "YAML 구문 오류: "), message)


def _trailing_tabs(chunk: Chunk, options: _Options, label: str) -> list[LoadProblem]:
    """Warn about TABs after the last visible character of a line: libyaml and kubectl accept
    them, but stricter YAML tools (PyYAML's pure-Python reader among them) reject the file."""
    text = chunk.text
    problems = []
    tab = text.find("\t")
    while tab >= 0:
        start = text.rfind("\n", 0, tab) + 1
        end = text.find("\n", tab)
        end = len(text) if end < 0 else end
        line = text[start:end]
        visible = line.rstrip(" \t\r")
        if visible.strip() and "\t" in line[len(visible):]:
            problems.append(LoadProblem(
                options.file, chunk.start_line + text.count("\n", 0, start), len(visible) + 1,
                Text("a TAB character trails this line; some YAML tools reject it, remove it",
                     "이 줄 끝에 TAB 문자가 있습니다. 일부 YAML 도구가 이를 거부하므로 지워야 합니다"),
                "warning", label))
        tab = text.find("\t", end)
    return problems
