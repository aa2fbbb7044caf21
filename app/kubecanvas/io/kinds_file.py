"""Reading custom-kind mapping files: YAML in, the model's plain `KindMappings` out.

A mapping file teaches KubeCanvas a custom resource: how to draw it and which of its fields refer
to which kinds (`model.custom_kinds`). Mappings come from three places, later ones winning for
the same kind and group: the ones shipped with KubeCanvas (`resources/kinds/*.yaml`: cert-manager,
Gateway API, Prometheus Operator), the project's own `.kubecanvas/kinds.yaml` (beside the
project file, or in the folder of the YAML opened), and `--kinds FILE`. The format::

    kinds:
      - kind: Certificate              # required
        group: cert-manager.io         # the apiVersion's group; omit to match any (a
                                       # mapping naming the group wins over it)
        short: CERT                    # the card's kind line (default: the kind)
        colour: "#2b8a3e"              # the card's accent colour
        icon: Secret                   # draw a built-in kind's icon (default: initials)
        scope: Namespaced              # or Cluster
        references:
          - field: spec.issuerRef.name # `[]` walks a list: spec.rules[].backendRefs[].name
            kinds: [Issuer, ClusterIssuer]   # or `kind: Secret`; the first is the default
            kindField: kind            # sibling key naming the kind
            namespaceField: namespace  # sibling key naming the namespace
            label: issuer              # the wire's label; labelField appends a sibling's value
            provided: true             # the cluster usually has it: missing is info, muted
            creates: false             # the kind's controller creates it (a Certificate's
                                       # Secret): a stand-in other references reach
        selectors:
          - field: spec.selector       # a LabelSelector over...
            kind: Service              # ...this kind's metadata.labels
            namespaceSelector: spec.namespaceSelector   # {any: true} or {matchNames: [...]}

A file that breaks these rules is refused with `KindsFileError`, whose message names the file,
the line and the field (`kinds.yaml:7: kinds[0].references[1].kinds: expected a list of kind
names`). YAML is read with PyYAML's safe composer (no tags, no objects).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kubecanvas.model.custom_kinds import FieldRef, KindMapping, KindMappings, SelectorRef
from kubecanvas.model.kinds import kind_info
from kubecanvas.model.record import replace

#: libyaml's composer where PyYAML has it (see `parse_kinds`)
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: the project's mapping file, relative to the project's folder
PROJECT_KINDS_FILE = Path(".kubecanvas") / "kinds.yaml"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_STEP = re.compile(r"^[A-Za-z0-9_.-]+?(\[\])?$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_KIND_KEYS = {"kind", "group", "short", "colour", "color", "icon", "scope", "references",
              "selectors"}
_REF_KEYS = {"field", "kind", "kinds", "kindField", "namespaceField", "label", "labelField",
             "provided", "creates"}
_SELECTOR_KEYS = {"field", "kind", "namespaceSelector", "label"}


class KindsFileError(ValueError):
    """A mapping file that cannot be used; the message names file, line and field."""


class _Reader:
    """Reads one file's node tree, reporting problems as `file:line: field: message`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, node: Node, where: str, message: str) -> KindsFileError:
        return KindsFileError(f"{self.name}:{node.start_mark.line + 1}: {where}: {message}")

    def mapping(self, node: Node, where: str, allowed: set[str]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, where, "expected a mapping")
        out: dict[str, Node] = {}
        for key, value in node.value:
            text = str(key.value) if isinstance(key, ScalarNode) else ""
            if text not in allowed:
                raise self.fail(key, f"{where}.{text}" if where else text,
                                f"unknown field (expected one of {', '.join(sorted(allowed))})")
            out[text] = value
        return out

    def items(self, node: Node, where: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, where, "expected a list")
        return list(node.value)

    def text(self, node: Node, where: str, pattern: re.Pattern[str] | None = None,
             expected: str = "a string") -> str:
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str" \
                or not node.value or pattern is not None and not pattern.match(node.value):
            raise self.fail(node, where, f"expected {expected}")
        return str(node.value)

    def path(self, node: Node, where: str) -> tuple[str, ...]:
        text = self.text(node, where, expected="a field path such as spec.issuerRef.name")
        steps = tuple(text.split("."))
        if any(not _STEP.match(step) for step in steps) or steps[-1].endswith("[]"):
            raise self.fail(node, where, "expected a field path such as spec.issuerRef.name "
                                         "(`[]` after a list field, not after the last step)")
        return steps

    def flag(self, node: Node, where: str) -> bool:
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, where, "expected true or false")
        return str(node.value).lower() in ("true", "yes", "on")


def _compose_or_fail(text: str, name: str) -> Node | None:
    """PyYAML's own reading of text libyaml refused, for its message and line."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark is not None else ""
        raise KindsFileError(f"{name}:{line} not valid YAML: "
                             f"{getattr(exc, 'problem', None) or exc}") from None


def parse_kinds(text: str, name: str) -> KindMappings:
    """The mappings in one file's text (`name`: how messages call the file).

    Raises:
        KindsFileError: unreadable YAML or a field that breaks the format.
    """
    try:
        # libyaml composes the same nodes ten times faster (every `render` reads the shipped
        # files: 20 ms in pure Python); the pure loader, as before, words and places errors
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        root = _compose_or_fail(text, name)
    if root is None:
        return KindMappings()
    reader = _Reader(name)
    top = reader.mapping(root, "", {"kinds"})
    if "kinds" not in top:
        raise reader.fail(root, "kinds", "missing: the file lists its mappings under `kinds:`")
    mappings = [_kind(reader, node, f"kinds[{i}]")
                for i, node in enumerate(reader.items(top["kinds"], "kinds"))]
    cluster = {m.kind for m in mappings if m.cluster_scoped}
    return KindMappings(tuple(_with_scopes(m, cluster) for m in mappings))


def _kind(reader: _Reader, node: Node, where: str) -> KindMapping:
    fields = reader.mapping(node, where, _KIND_KEYS)
    if "kind" not in fields:
        raise reader.fail(node, f"{where}.kind", "missing: name the kind (Certificate)")
    kind = reader.text(fields["kind"], f"{where}.kind", _NAME, "a kind name such as Certificate")
    get = {k: reader.text(v, f"{where}.{k}") for k, v in fields.items()
           if k in ("group", "short", "icon", "scope")}
    colour_node = fields.get("colour") or fields.get("color")
    colour = reader.text(colour_node, f"{where}.colour", _COLOUR, 'a colour such as "#2b8a3e"') \
        if colour_node is not None else ""
    if get.get("scope", "Namespaced") not in ("Namespaced", "Cluster"):
        raise reader.fail(fields["scope"], f"{where}.scope", "expected Namespaced or Cluster")
    refs = tuple(_reference(reader, n, f"{where}.references[{i}]")
                 for i, n in enumerate(reader.items(fields["references"], f"{where}.references"))
                 ) if "references" in fields else ()
    selectors = tuple(_selector(reader, n, f"{where}.selectors[{i}]")
                      for i, n in enumerate(reader.items(fields["selectors"],
                                                         f"{where}.selectors"))
                      ) if "selectors" in fields else ()
    return KindMapping(kind, get.get("group", ""), get.get("short", ""), colour,
                       get.get("icon", ""), get.get("scope") == "Cluster", refs, selectors,
                       f"{reader.name}:{node.start_mark.line + 1}")


def _reference(reader: _Reader, node: Node, where: str) -> FieldRef:
    fields = reader.mapping(node, where, _REF_KEYS)
    if "field" not in fields:
        raise reader.fail(node, f"{where}.field", "missing: the path of the name")
    if ("kind" in fields) == ("kinds" in fields):
        raise reader.fail(node, f"{where}.kind", "give either `kind` or `kinds`")
    if "kind" in fields:
        kinds: tuple[str, ...] = (reader.text(fields["kind"], f"{where}.kind", _NAME,
                                              "a kind name"),)
    else:
        kinds = tuple(reader.text(k, f"{where}.kinds[{i}]", _NAME, "a kind name")
                      for i, k in enumerate(reader.items(fields["kinds"], f"{where}.kinds")))
        if not kinds:
            raise reader.fail(fields["kinds"], f"{where}.kinds", "expected at least one kind")
    words = {k: reader.text(fields[k], f"{where}.{k}") for k in
             ("kindField", "namespaceField", "label", "labelField") if k in fields}
    return FieldRef(reader.path(fields["field"], f"{where}.field"), kinds,
                    words.get("kindField", ""), words.get("namespaceField", ""), frozenset(),
                    words.get("label", ""), words.get("labelField", ""),
                    reader.flag(fields["provided"], f"{where}.provided")
                    if "provided" in fields else False,
                    reader.flag(fields["creates"], f"{where}.creates")
                    if "creates" in fields else False)


def _selector(reader: _Reader, node: Node, where: str) -> SelectorRef:
    fields = reader.mapping(node, where, _SELECTOR_KEYS)
    for key in ("field", "kind"):
        if key not in fields:
            raise reader.fail(node, f"{where}.{key}", "missing")
    return SelectorRef(reader.path(fields["field"], f"{where}.field"),
                       reader.text(fields["kind"], f"{where}.kind", _NAME, "a kind name"),
                       reader.path(fields["namespaceSelector"], f"{where}.namespaceSelector")
                       if "namespaceSelector" in fields else (),
                       reader.text(fields["label"], f"{where}.label") if "label" in fields
                       else "")


def _with_scopes(mapping: KindMapping, cluster: set[str]) -> KindMapping:
    """Each reference told which of its kinds are cluster-scoped (mapped so, or known so)."""
    refs = tuple(replace(r, cluster_kinds=frozenset(
        k for k in r.kinds if k in cluster or not kind_info(k).namespaced)) for r in mapping.refs)
    return replace(mapping, refs=refs)


def read_kinds_file(path: Path) -> KindMappings:
    """The mappings of one file.

    Raises:
        KindsFileError: unreadable or malformed (the message names the file).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KindsFileError(f"{path}: cannot read the kinds file: {reason}") from None
    return parse_kinds(text, str(path))


@lru_cache(maxsize=1)
def shipped_kinds() -> KindMappings:
    """The mappings KubeCanvas ships (cert-manager, Gateway API, Prometheus Operator).

    Found beside the `kubecanvas.resources` package's own file (an installed package, an
    editable one and the PyInstaller bundle all keep the data there) rather than through
    `importlib.resources`, whose imports (zipfile, tempfile, shutil...) cost every `validate`
    20 ms.
    """
    import kubecanvas.resources as shipped

    folder = Path(str(shipped.__file__)).parent / "kinds"
    found = KindMappings()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            found = found.merged(parse_kinds(entry.read_text(encoding="utf-8"),
                                             f"kubecanvas/resources/kinds/{entry.name}"))
    return found


def project_kinds_file(inputs: Sequence[Path]) -> Path | None:
    """The project's `.kubecanvas/kinds.yaml`: beside the first input that has one (a project
    file's or YAML file's folder, or inside a folder given)."""
    for path in inputs:
        folder = path if path.is_dir() else path.parent
        candidate = folder / PROJECT_KINDS_FILE
        if candidate.is_file():
            return candidate
    return None


def load_kinds(inputs: Sequence[Path], extra: Iterable[Path] = ()) -> KindMappings:
    """The mappings in force for `inputs`: shipped, then the project's, then `extra` files.

    Raises:
        KindsFileError: one of the files is unreadable or malformed.
    """
    found = shipped_kinds()
    project = project_kinds_file(inputs)
    for path in ([project] if project is not None else []) + list(extra):
        found = found.merged(read_kinds_file(path))
    return found
