"""Exporting resources as YAML that `kubectl apply -f` accepts.

Documents come out in the order a cluster needs them (namespaces and the definitions of custom
kinds first, then storage, identities, configuration, services, workloads, routing, autoscaling,
the rest), stable within a rank, block style with the keys in the order they were written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.yaml_dialect import dump_document
from kubecanvas.model.kinds import effective_namespace, kind_info
from kubecanvas.model.order import in_order
from kubecanvas.model.resource import Resource

KUSTOMIZATION = "kustomization.yaml"

#: Kinds whose place in the apply order `kind_info` does not fix: a custom resource can only be
#: created once its CustomResourceDefinition exists, so definitions go right after namespaces.
_RANK_OVERRIDES = {"CustomResourceDefinition": 0.5}


def apply_rank(kind: str) -> float:
    """Where resources of `kind` go in the apply order (lower first)."""
    return _RANK_OVERRIDES.get(kind, kind_info(kind).apply_rank)


def apply_order(resources: Iterable[Resource]) -> list[Resource]:
    """Resources sorted for `kubectl apply`: by rank, and in the canonical order (`model.order`)
    within a rank, so the same resources give the same order however they were read or drawn."""
    return sorted(in_order(resources), key=lambda r: apply_rank(r.kind))


def applied_objects(resources: Iterable[Resource]) -> tuple[list[Resource], list[Resource]]:
    """Split `resources` into what `kubectl apply` of all of them leaves in the cluster and the
    definitions it overwrites: of an object defined more than once (same group, kind,
    namespace and name), only the last in the canonical order stays. An export writes the
    first list, so a folder export never holds one object twice (kustomize refuses that: "may
    not add resource with an already registered id"), and says which definitions it left out.
    """
    last: dict[tuple[str, str, str, str], Resource] = {}
    for res in in_order(resources):
        last[(res.group, res.kind, effective_namespace(res), res.name)] = res
    winners = {id(r) for r in last.values()}
    kept: list[Resource] = []
    overwritten: list[Resource] = []
    for res in in_order(resources):
        (kept if id(res) in winners else overwritten).append(res)
    return kept, overwritten


def overwritten_note(res: Resource, kept: Resource) -> str:
    """'Deployment web (a.yaml:1) was left out: kubectl apply overwrites it with ... (b.yaml:9)'."""
    def where(r: Resource) -> str:
        return f" ({r.origin.file}:{r.origin.line})" if r.origin else ""
    return (f"{res.label()}{where(res)} is defined more than once; the export holds only the "
            f"last definition{where(kept)}, the one kubectl apply keeps")


def dump_resources(resources: Iterable[Resource]) -> str:
    """One multi-document YAML text, in apply order, `---` between documents. Deterministic:
    the same resources always give the same text."""
    return "---\n".join(dump_document(r.manifest) for r in apply_order(resources))


def write_folder(resources: Iterable[Resource], directory: Path) -> list[Path]:
    """Write one file per resource plus a `kustomization.yaml` that lists them in apply order
    (so `kubectl apply -k DIR` applies them in that order). Of an object defined more than once
    only the definition kubectl apply keeps is written (`applied_objects`). Returns the paths
    written, the kustomization last. Other files in the folder are left alone."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    ordered = apply_order(applied_objects(resources)[0])
    names = folder_file_names(ordered)
    written = []
    for resource, name in zip(ordered, names, strict=True):
        path = directory / name
        atomic_write_text(path, dump_document(resource.manifest))
        written.append(path)
    kustomization = {
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": names,
    }
    path = directory / KUSTOMIZATION
    atomic_write_text(path, dump_document(kustomization))
    written.append(path)
    return written


def folder_file_names(resources: list[Resource]) -> list[str]:
    """`<kind>-<name>.yaml` in lower case; the namespace joins the name where two resources of
    one kind share a name, and a number where even that is not unique."""
    plain = [f"{_slug(r.kind)}-{_slug(r.name)}" for r in resources]
    clashing = {stem for stem, count in Counter(plain).items() if count > 1}
    names: list[str] = []
    taken = {KUSTOMIZATION}
    for resource, stem in zip(resources, plain, strict=True):
        if stem in clashing and resource.namespace:
            stem = f"{_slug(resource.kind)}-{_slug(resource.namespace)}-{_slug(resource.name)}"
        name, number = f"{stem}.yaml", 2
        while name in taken:
            name, number = f"{stem}-{number}.yaml", number + 1
        taken.add(name)
        names.append(name)
    return names


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-.")
    return slug or "unnamed"
