"""One Kubernetes resource as the document holds it.

The manifest is kept exactly as written (a plain mapping, unknown fields and custom resources
included); everything the editor shows about a resource is derived from it. Besides the manifest a
resource carries only what the YAML cannot: a stable id, a layout position, whether the user pinned
that position, where it was imported from, and which Secret values stayed in the cluster.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar, overload

from kubecanvas.model.fields import FieldPath
from kubecanvas.model.record import field, record, replace

Manifest = dict[str, Any]
T = TypeVar("T")
Position = tuple[float, float]

#: Resolves a field path inside one imported document to its (line, column), 1-based.
LineLookup = Callable[[tuple[str | int, ...]], tuple[int, int] | None]


@record(frozen=True)
class Origin:
    """Where a resource was read from, so findings can name a file and line and export can
    write the document back to the file it came from.

    Attributes:
        file: path of the source file as given by the user ("-" for standard input).
        line: 1-based line where the document (or `kind: List` item) starts.
        column: 1-based column of that start.
        doc_index: index of the YAML document inside the file (counting every chunk, empty ones too).
        item_index: index inside a `kind: List` document, or None for a plain document.
        source: the generator that produced the file (for example `kustomize build DIR`), if any.
        lines: a lookup from field path to (line, column), computed lazily by the loader.
        digest: SHA-256 of the file's text when it was read, so write-back can tell whether the
            file changed on disk since (and then not splice old text into a changed file).
    """

    file: str
    line: int = 1
    column: int = 1
    doc_index: int = 0
    item_index: int | None = None
    source: str | None = None
    lines: LineLookup | None = field(default=None, compare=False, repr=False)
    digest: str | None = field(default=None, compare=False, repr=False)

    def line_of(self, path: tuple[str | int, ...] = ()) -> int:
        """The line of the field at `path`, or the nearest ancestor the file has."""
        if self.lines is not None:
            probe = tuple(path)
            while True:
                found = self.lines(probe)
                if found is not None:
                    return found[0]
                if not probe:
                    break
                probe = probe[:-1]
        return self.line


@record(frozen=True)
class ResourceKey:
    """What Kubernetes identifies an object by. `group` is the API group ('' for core)."""

    group: str
    kind: str
    namespace: str
    name: str

    def __str__(self) -> str:
        where = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind} {where}{self.name}"


def api_group(api_version: str) -> str:
    """The group part of an apiVersion: 'apps/v1' -> 'apps', 'v1' -> ''."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def new_id() -> str:
    """A fresh stable resource id: a random (version 4) UUID as 32 hex digits, as
    `uuid.uuid4().hex` gives, made here with the same bits set; importing `uuid` (and the
    `platform` module it pulls in) was a tenth of the imports of a small `kubecanvas validate`."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    return raw.hex()


class read_once(Generic[T]):  # noqa: N801 - named like the decorator it replaces, `cached_property`
    """`functools.cached_property` without its lock: the value is computed on first read and
    kept in the instance's `__dict__`, which Python reads before asking this descriptor again
    (it defines no `__set__`); `del instance.attr` forgets it, as with `cached_property`.

    On Python 3.11, `cached_property` takes a lock shared by every instance on each first read
    (removed in 3.12): 0.1 s of a `kubecanvas validate` of 50,000 resources, which reads six of
    these per resource. A Resource is not shared between threads while it is first read (the
    model is built and checked on one thread), so the lock buys nothing here."""

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> read_once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object, owner: type | None = None) -> T | read_once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@record
class Resource:
    """A manifest plus the editor's own facts about it.

    The manifest must be treated as immutable once a resource is in a document: edits replace it
    with a changed copy (see `with_manifest`), which keeps undo exact and lets observers compare
    old and new.
    """

    manifest: Manifest
    id: str = field(default_factory=new_id)
    position: Position = (0.0, 0.0)
    pinned: bool = False
    origin: Origin | None = None
    #: The manifest as it was read, to tell an untouched document (written back byte for byte)
    #: from an edited one. None for resources created in the editor.
    original: Manifest | None = field(default=None, repr=False)
    #: The Secret keys whose values were left in the cluster at import (blank in the manifest;
    #: see `model/secret_values.py`). Kept in the project file, never in an exported manifest.
    values_in_cluster: tuple[str, ...] = ()
    #: The label and selector fields KubeCanvas filled with the resource's own name when it
    #: created the resource (`app: deployment-1`), so a rename can carry them along while the
    #: labels a user wrote or imported stay as they are (see `model/naming.py`).
    named: tuple[FieldPath, ...] = ()

    # What a resource is (api version, kind, name, namespace, metadata, group) is read once per
    # resource and then kept (in the instance's `__dict__`, which `read_once` reads before
    # calling again): a full validation of 50,000 resources read `kind` 59 times, `metadata` 29,
    # `namespace` 13 and `name` 12 times per resource (session 12). A manifest is not changed
    # once in a resource: edits make a new Resource (`with_manifest`), so what was read stays
    # true.
    @read_once
    def api_version(self) -> str:
        value = self.manifest.get("apiVersion")
        return value if isinstance(value, str) else ""

    @read_once
    def kind(self) -> str:
        value = self.manifest.get("kind")
        return value if isinstance(value, str) else ""

    @read_once
    def metadata(self) -> Mapping[str, Any]:
        meta = self.manifest.get("metadata")
        # a dict first: the ABC check costs ten times more (see `fields.as_mapping`)
        return meta if type(meta) is dict or isinstance(meta, Mapping) else {}

    @read_once
    def name(self) -> str:
        value = self.metadata.get("name")
        if isinstance(value, str):
            return value
        return "" if value is None else str(value)

    @read_once
    def namespace(self) -> str:
        """The namespace as written; '' when unset (the caller decides what that defaults to)."""
        value = self.metadata.get("namespace")
        if isinstance(value, str):
            return value
        return "" if value is None else str(value)

    @property
    def labels(self) -> Mapping[str, str]:
        labels = self.metadata.get("labels")
        if not isinstance(labels, Mapping):
            return {}
        return {str(k): "" if v is None else str(v) for k, v in labels.items()}

    @read_once
    def group(self) -> str:
        return api_group(self.api_version)

    @property
    def spec(self) -> Mapping[str, Any]:
        spec = self.manifest.get("spec")
        return spec if type(spec) is dict or isinstance(spec, Mapping) else {}

    @property
    def modified(self) -> bool:
        """True when the manifest differs from what was imported (or it was never imported)."""
        return self.original is None or self.original != self.manifest

    def with_manifest(self, manifest: Manifest) -> Resource:
        """A copy of this resource carrying another manifest (same id, position and origin)."""
        return replace(self, manifest=manifest)

    def clone(self) -> Resource:
        """A deep copy with the same id: a snapshot for undo and for the project file."""
        return replace(self, manifest=copy.deepcopy(self.manifest))

    def label(self) -> str:
        """How the resource is named in messages: 'Deployment shop/web'."""
        where = f"{self.namespace}/" if self.namespace else ""
        return f"{self.kind or '?'} {where}{self.name or '(unnamed)'}"
