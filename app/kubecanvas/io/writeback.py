"""Saving imported resources back to the files they came from.

The promise to the user: nothing they had is lost and nothing they did not touch changes. Each
file is re-read and re-split; a document whose resources are all unchanged is copied byte for
byte, comments and formatting included; in an edited one only the lines of the edited fields
change (`yaml_splice`; a fresh dump keeping the comments around it when a change cannot be
spliced); a document whose resources were all deleted is dropped; chunks that never
held a resource (comments, documents that failed to parse, non-resources) are kept verbatim. If a
file changed on disk since it was imported, document positions cannot be trusted, so the file is
merged by resource identity instead (see `_merge_changed`) and a note says so. A file that can no
longer be read is not written at all.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kubecanvas.io.atomic import atomic_write_bytes
from kubecanvas.io.limits import exc_message
from kubecanvas.io.problems import resource_key
from kubecanvas.io.textfile import DecodeError, TextFile, read_text_file, text_digest
from kubecanvas.io.yaml_dialect import dump_document, dump_json_like, parse_document
from kubecanvas.io.yaml_in import load_chunk
from kubecanvas.io.yaml_out import apply_order
from kubecanvas.io.yaml_splice import canonical, splice_document
from kubecanvas.io.yaml_split import Chunk, split_chunks, split_trivia
from kubecanvas.model.korean import eun_neun, i_ga
from kubecanvas.model.record import replace
from kubecanvas.model.resource import Origin, Resource, ResourceKey
from kubecanvas.model.text import Text, local


class WriteBackError(Exception):
    """Saving could not be done (or not completely); the message says which files."""


@dataclass
class WriteBackResult:
    """What a write-back did.

    Attributes:
        written: the files written, in order: only those whose content changed.
        unchanged: the files that already held exactly what would be written; they are left
            alone (not rewritten, modification time kept).
        notes: things the user should know (a file changed on disk and was written from the
            editor's copy, resources appended because their document was gone, ...).
        skipped: files that were not written because they can no longer be read back (replaced
            by a folder, unreadable, no longer text): the edits of their resources are NOT saved,
            so a caller must not report the design as saved.
        origins: resource id -> where the resource now is; the caller stores it together with
            `original = copy of manifest` so the next save sees those resources as unchanged.
    """

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)


@dataclass
class _Piece:
    """One document of the output file: its text and the resources it holds, in item order."""

    text: str
    resources: list[Resource]


def write_back(resources: Iterable[Resource], *, new_file: Path | None = None,
               files: Mapping[str, str | None] | None = None) -> WriteBackResult:
    """Save every resource to the file it was imported from; resources without one (created in
    the editor, or read from standard input) go to `new_file`.

    Args:
        resources: the document's resources (any order; each file keeps its own order).
        new_file: where resources without a file go.
        files: files imported into the document, each with the fingerprint it had then
            (`LoadResult.files`): these are written even when none of `resources` comes from
            them any more (all their resources were deleted), so their documents are dropped.

    Raises:
        WriteBackError: there are resources without a file and `new_file` is None (nothing is
            written then), or a file could not be written (files written before it stay written;
            the failed one keeps its previous content).
    """
    by_file: dict[str, list[Resource]] = {}
    names: dict[str, str] = {}
    loose: list[Resource] = []
    for resource in resources:
        origin = resource.origin
        if origin is None or origin.file == "-":
            loose.append(resource)
            continue
        key = os.path.abspath(origin.file)
        names.setdefault(key, origin.file)
        by_file.setdefault(key, []).append(resource)
    digests: dict[str, str | None] = {}
    for file, digest in (files or {}).items():
        key = os.path.abspath(file)
        names.setdefault(key, str(file))
        by_file.setdefault(key, [])
        digests[key] = digest
    if loose and new_file is None:
        raise WriteBackError(Text(
            f"{len(loose)} resource(s) have no file to go back to (created in the editor or read "
            "from standard input); choose a file to save them to",
            f"리소스 {len(loose)}개는 돌아갈 파일이 없습니다(편집기에서 만들었거나 표준 입력에서 "
            "읽었습니다). 저장할 파일을 골라야 합니다"))
    result = WriteBackResult()
    plans: dict[Path, tuple[TextFile, list[_Piece]]] = {}
    for key, group in by_file.items():
        plan = _plan_file(Path(names[key]), group, digests.get(key, ""), result.notes)
        if plan is None:
            result.skipped.append(Path(names[key]))
        else:
            plans[Path(names[key])] = plan
    if loose and new_file is not None:
        _add_loose(plans, Path(new_file), loose)
    for path, (content, pieces) in plans.items():
        text = _join(pieces)
        data = content.encode(text)
        if _holds(path, data):  # not even rewritten: its time stamp says it was not changed
            result.unchanged.append(path)
            result.origins.update(_new_origins(str(path), text, pieces))
            continue
        try:
            atomic_write_bytes(path, data)
        except OSError as exc:
            done = ", ".join(str(p) for p in result.written) or "none"
            reason = exc.strerror or exc
            raise WriteBackError(Text(
                f"could not write {path}: {reason}; it keeps its previous content (files "
                f"already saved: {done})",
                f"{path}에 쓸 수 없습니다: {reason}. 파일은 이전 내용을 유지합니다(이미 저장한 파일: "
                f"{'없음' if done == 'none' else done})")) from exc
        result.written.append(path)
        result.origins.update(_new_origins(str(path), text, pieces))
    return result


def _holds(path: Path, data: bytes) -> bool:
    """True when `path` already holds exactly `data`."""
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _add_loose(plans: dict[Path, tuple[TextFile, list[_Piece]]], path: Path,
               loose: list[Resource]) -> None:
    """New resources go to `path`: appended when that file is being written back anyway,
    otherwise the file is (re)written with them alone, in apply order."""
    key = next((p for p in plans if p.resolve() == path.resolve()), None)
    if key is None:
        plans[path] = (TextFile(""), _fresh_pieces(apply_order(loose), "\n"))
        return
    content, pieces = plans[key]
    newline = "\r\n" if "\r\n" in content.text else "\n"
    pieces.extend(_Piece(_crlf("---\n" + dump_document(r.manifest), newline), [r])
                  for r in loose)


def _plan_file(path: Path, group: list[Resource], known: str | None,
               notes: list[str]) -> tuple[TextFile, list[_Piece]] | None:
    """The pieces of the new file text for one imported file; None to leave the file alone.
    `known` is the file's fingerprint at import when the caller gave one ("" when not)."""
    ordered = sorted(group, key=_doc_position)
    try:
        content = read_text_file(path)
    except FileNotFoundError:
        notes.append(Text(f"{path} was no longer on disk; it was written again from the "
                          "editor's copy",
                          f"{path}{i_ga(path)} 더 이상 디스크에 없어 편집기의 사본으로 다시 썼습니다"))
        return TextFile(""), _fresh_pieces(ordered, "\n")
    except (OSError, DecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        reason_ko = local(exc_message(exc), "ko")
        notes.append(Text(f"{path} was not saved: it cannot be read back ({reason}), and writing "
                          "it blind could destroy what it holds now",
                          f"{path}{eun_neun(path)} 저장되지 않았습니다: 다시 읽을 수 없고({reason_ko}), 확인 "
                          "없이 쓰면 지금 담긴 내용을 망가뜨릴 수 있습니다"))
        return None
    newline = "\r\n" if "\r\n" in content.text else "\n"
    digest = text_digest(content.text)
    expected = [r.origin.digest if r.origin is not None else None for r in ordered]
    if known != "":
        expected.append(known)
    if any(value != digest for value in expected):
        return content, _merge_changed(content, path, ordered, newline, notes)
    by_doc: dict[int, list[Resource]] = defaultdict(list)
    for resource in ordered:
        assert resource.origin is not None
        by_doc[resource.origin.doc_index].append(resource)
    pieces: list[_Piece] = []
    for chunk in split_chunks(content.text):
        piece = _chunk_piece(chunk, path, by_doc.pop(chunk.index, []), newline)
        if piece is not None:
            pieces.append(piece)
    leftovers = [r for rs in by_doc.values() for r in rs]
    if leftovers:
        notes.append(Text(f"{path}: {len(leftovers)} resource(s) no longer matched a document "
                          "of the file and were appended at its end",
                          f"{path}: 리소스 {len(leftovers)}개가 더 이상 파일의 어느 문서와도 "
                          "맞지 않아 파일 끝에 덧붙였습니다"))
        pieces.extend(_fresh_pieces(leftovers, newline, first=not pieces))
    return content, pieces


def _merge_changed(content: TextFile, path: Path, ordered: list[Resource], newline: str,
                   notes: list[str]) -> list[_Piece]:
    """Save into a file that changed on disk since import without losing either side.

    Document positions no longer line up, so resources are matched by API group, kind,
    namespace and name (as imported). A resource edited in the editor replaces its document; one
    the editor did not touch keeps the file's current text (the outside change is newer); a
    document the editor has no resource for is kept (it may have been added outside); editor
    resources the file no longer has are appended.
    """
    pool: dict[ResourceKey, list[Resource]] = defaultdict(list)
    for resource in ordered:
        pool[resource_key(_as_imported(resource))].append(resource)
    pieces: list[_Piece] = []
    kept = edited = 0
    for chunk in split_chunks(content.text):
        loaded = load_chunk(chunk, str(path)).resources
        items: list[Any] = []
        holders: list[Resource] = []
        for disk in loaded:
            matches = pool.get(resource_key(disk))
            match = matches.pop(0) if matches else None
            if match is None or not match.modified or match.manifest == disk.manifest:
                items.append(disk.manifest)
                kept += match is None
            else:
                items.append(match.manifest)
                edited += 1
            if match is not None:
                holders.append(match)
        if items == [r.manifest for r in loaded]:
            pieces.append(_Piece(chunk.text, holders))
        else:
            pieces.append(_Piece(_redump(chunk, _chunk_data(chunk, loaded, items), newline),
                                 holders))
    missing = [r for rs in pool.values() for r in rs]
    pieces.extend(_fresh_pieces(missing, newline, first=not pieces))
    notes.append(Text(
        f"{path} changed on disk since it was imported; the two were merged: {edited} "
        f"resource(s) edited in KubeCanvas were written over their documents, {len(missing)} "
        f"appended, {kept} document(s) the editor does not have were kept, and everything else "
        "keeps the file's current text (reload the file to see the outside changes)",
        f"{path}{i_ga(path)} 가져온 뒤 디스크에서 바뀌어 둘을 병합했습니다: KubeCanvas에서 편집한 리소스 "
        f"{edited}개는 해당 문서에 덮어썼고, {len(missing)}개는 덧붙였고, 편집기에 없는 문서 "
        f"{kept}개는 남겼으며, 나머지는 파일의 현재 내용을 유지합니다(바깥에서 바뀐 내용을 보려면 "
        "파일을 다시 불러와야 합니다)"))
    return pieces


def _as_imported(resource: Resource) -> Resource:
    return resource if resource.original is None else resource.with_manifest(resource.original)


def _chunk_data(chunk: Chunk, loaded: list[Resource], items: list[Any]) -> Any:
    """What a chunk holding `items` dumps as: the item itself, or its list with new items."""
    if loaded[0].origin is not None and loaded[0].origin.item_index is not None:
        wrapper, _ = parse_document(chunk.text)
        return {**wrapper, "items": items}
    return items[0]


def _doc_position(resource: Resource) -> tuple[int, int]:
    origin = resource.origin
    if origin is None:
        return (1 << 30, 0)
    return origin.doc_index, -1 if origin.item_index is None else origin.item_index


def _fresh_pieces(resources: list[Resource], newline: str, first: bool = True) -> list[_Piece]:
    pieces = []
    for number, resource in enumerate(resources):
        marker = "" if first and number == 0 else "---\n"
        pieces.append(_Piece(_crlf(marker + dump_document(resource.manifest), newline),
                             [resource]))
    return pieces


def _chunk_piece(chunk: Chunk, path: Path, mine: list[Resource], newline: str) -> _Piece | None:
    """What becomes of one chunk: kept, re-dumped, or dropped (None)."""
    loaded = load_chunk(chunk, str(path)).resources
    if not loaded:
        if mine:  # cannot happen with an unchanged file; keep both rather than lose anything
            return _Piece(chunk.text + "".join(
                _crlf("---\n" + dump_document(r.manifest), newline) for r in mine), mine)
        return _Piece(chunk.text, [])
    if not mine:
        return None
    is_list = loaded[0].origin is not None and loaded[0].origin.item_index is not None
    unchanged = len(mine) == len(loaded) and all(
        r.original is not None and canonical(r.original) == canonical(r.manifest) for r in mine)
    if unchanged:
        return _Piece(chunk.text, mine)
    if is_list:
        data: Any = _chunk_data(chunk, loaded, [r.manifest for r in mine])
    else:
        if len(mine) > 1:  # two resources claim one document: keep the first in place
            return _Piece(_redump(chunk, mine[0].manifest, newline) + "".join(
                _crlf("---\n" + dump_document(r.manifest), newline) for r in mine[1:]), mine)
        data = mine[0].manifest
    return _Piece(_redump(chunk, data, newline), mine)


def _redump(chunk: Chunk, data: Any, newline: str) -> str:
    """The chunk edited to hold `data`: only the changed lines when the edit can be spliced
    into its text (`splice_document`), else its body replaced by a fresh dump, keeping the
    comments and markers around the body when that still reads back as `data`."""
    spliced = splice_document(chunk.text, data)
    if spliced is not None:
        return spliced
    lead, _, tail = split_trivia(chunk.text)
    body = _crlf(dump_json_like(data, chunk.text) or dump_document(data), newline)
    text = lead + body + tail
    try:
        if parse_document(text)[0] == data:
            return text
    except yaml.YAMLError:
        pass
    return (_crlf("---\n", newline) if chunk.index else "") + body


def _crlf(text: str, newline: str) -> str:
    return text.replace("\n", newline) if newline != "\n" else text


def _join(pieces: list[_Piece]) -> str:
    """Concatenate pieces, making sure each starts a new document where its neighbour was
    dropped (a chunk that followed a `...` end marker has no `---` of its own)."""
    newline = "\r\n" if any("\r\n" in piece.text for piece in pieces) else "\n"
    out: list[str] = []
    for piece in pieces:
        text = piece.text
        if out:
            if not out[-1].endswith("\n"):
                out[-1] += newline
            if _needs_marker(out[-1], text):
                text = "---" + newline + text
        out.append(text)
    return "".join(out)


def _needs_marker(previous: str, text: str) -> bool:
    first = text.lstrip("\ufeff")
    if first.startswith("%") or (first.startswith("---") and first[3:4] in ("", " ", "\t", "\r",
                                                                             "\n")):
        return False
    last = previous.rstrip("\r\n").rsplit("\n", 1)[-1]
    return not (last.startswith("...") and last[3:].strip() == "")


def _new_origins(file: str, text: str, pieces: list[_Piece]) -> dict[str, Origin]:
    """Where each resource sits in the text just written (for the caller to store): the file is
    read again and its resources matched, in order, to the ones the pieces were made from."""
    digest = text_digest(text)
    expected = [resource for piece in pieces for resource in piece.resources]
    origins: dict[str, Origin] = {}
    position = 0
    for chunk in split_chunks(text):
        for loaded in load_chunk(chunk, file, digest).resources:
            for probe in range(position, len(expected)):
                before = expected[probe]
                if before.manifest == loaded.manifest and loaded.origin is not None:
                    source = before.origin.source if before.origin is not None else None
                    origins[before.id] = replace(loaded.origin, source=source)
                    position = probe + 1
                    break
    return origins
