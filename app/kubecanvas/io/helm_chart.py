"""Exporting a design as a Helm chart whose defaults render the design exactly.

Teams that deploy with Helm want the few things that differ between environments (names, images,
replica counts, container resources, Service ports) in `values.yaml`, and everything else fixed
in templates. Each resource becomes `templates/<kind>-<name>.yaml`: its manifest as written, with
the lifted fields replaced by `{{ .Values.<key>.<field> | toJson }}`. `toJson` prints any value
(string, number, list, mapping) as JSON, which is valid YAML, so `helm template` of the chart with
its own values gives back the same manifests, field for field.

Values are grouped per resource name (`web.name`, `web.image`, `web.replicas`, `web.resources`,
`web.ports`), so a Deployment and a Service both called `web` share `web.name`, and references
to a resource by name inside the chart (a Service an Ingress routes to, a claim a pod mounts) use
the same value: renaming `web.name` renames it everywhere.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kubecanvas.io.atomic import atomic_write_text
from kubecanvas.io.yaml_dialect import dump_document
from kubecanvas.io.yaml_out import apply_order, folder_file_names
from kubecanvas.model.kinds import effective_namespace, get_path, kind_info, pod_template_path
from kubecanvas.model.references import FieldPath, references
from kubecanvas.model.resource import Resource

CHART_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
ValuesPath = tuple[str, ...]


class HelmChartError(ValueError):
    """The chart cannot be written as asked (a bad chart name, nothing to export)."""


@dataclass
class Chart:
    """A chart in memory.

    Attributes:
        name: the chart name.
        values: the default values (what `values.yaml` holds).
        files: chart-relative path -> text, `Chart.yaml`, `values.yaml` and the templates.
    """

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class _Plan:
    """Where each resource's lifted fields go: manifest path -> values path."""

    resource: Resource
    key: str
    lifts: dict[FieldPath, ValuesPath] = field(default_factory=dict)


def values_key(text: str) -> str:
    """A values key from a Kubernetes name: `web-api.v2` -> `webApiV2` (keys must be template
    identifiers, or every use would need `index`)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    if not words:
        return "resource"
    key = words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    return key if key[:1].isalpha() else f"r{key}"


def _own_lifts(resource: Resource) -> dict[FieldPath, ValuesPath]:
    """The fields of one resource lifted into values, relative to its values key."""
    manifest = resource.manifest
    lifts: dict[FieldPath, ValuesPath] = {}
    if isinstance(get_path(manifest, ("metadata", "name")), str):
        lifts[("metadata", "name")] = ("name",)
    replicas = get_path(manifest, ("spec", "replicas"))
    if kind_info(resource.kind).owns_pods and isinstance(replicas, int) \
            and not isinstance(replicas, bool):
        lifts[("spec", "replicas")] = ("replicas",)
    if resource.kind == "Service" and isinstance(get_path(manifest, ("spec", "ports")), list):
        lifts[("spec", "ports")] = ("ports",)
    template = pod_template_path(resource)
    if template is not None:
        spec_path: FieldPath = (*template, "spec")
        lifts.update(_container_lifts(manifest, spec_path, "containers"))
        lifts.update(_container_lifts(manifest, spec_path, "initContainers"))
    return lifts


def _container_lifts(manifest: Any, spec_path: FieldPath,
                     group: str) -> dict[FieldPath, ValuesPath]:
    containers = get_path(manifest, (*spec_path, group))
    if not isinstance(containers, list):
        return {}
    lifts: dict[FieldPath, ValuesPath] = {}
    single = group == "containers" and len(containers) == 1
    used: set[str] = set()
    for index, container in enumerate(containers):
        if not isinstance(container, dict):
            continue
        if single:
            prefix: ValuesPath = ()
        else:
            key = values_key(str(container.get("name") or f"container-{index}"))
            while key in used:
                key += "X"
            used.add(key)
            prefix = (group, key)
        for name in ("image", "resources"):
            if name in container:
                lifts[(*spec_path, group, index, name)] = (*prefix, name)
    return lifts


def _candidates(resource: Resource) -> Iterable[str]:
    ns = effective_namespace(resource)
    base = resource.name or "resource"
    yield values_key(base)
    yield values_key(f"{base}-{ns}")
    yield values_key(f"{base}-{resource.kind}")
    yield values_key(f"{base}-{resource.kind}-{ns}")
    number = 2
    while True:
        yield values_key(f"{base}-{resource.kind}-{ns}-{number}")
        number += 1


def _fits(values: dict[str, Any], key: str, resource: Resource,
          lifts: dict[FieldPath, ValuesPath], kinds: dict[str, set[str]]) -> bool:
    """A key fits when no resource of the same kind uses it and each field this resource lifts
    is free there; only the name may be shared, and only with the same value (resources of one
    name, such as a Deployment and its Service, share `key.name`)."""
    group = values.get(key)
    if group is None:
        return True
    if resource.kind in kinds.get(key, ()):
        return False
    for source, target in lifts.items():
        if target == ("name",):
            if "name" in group and group["name"] != get_path(resource.manifest, source):
                return False
        elif target[0] in group:
            return False
    return True


def _put(values: dict[str, Any], path: ValuesPath, value: Any) -> None:
    node = values
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = copy.deepcopy(value)


def _plan(resources: list[Resource], values: dict[str, Any]) -> list[_Plan]:
    plans: list[_Plan] = []
    by_name: dict[tuple[str, str, str], str] = {}
    kinds: dict[str, set[str]] = {}
    for resource in resources:
        lifts = _own_lifts(resource)
        key = next(k for k in _candidates(resource) if _fits(values, k, resource, lifts, kinds))
        values.setdefault(key, {})
        kinds.setdefault(key, set()).add(resource.kind)
        for source, target in lifts.items():
            _put(values, (key, *target), get_path(resource.manifest, source))
        plans.append(_Plan(resource, key, {s: (key, *t) for s, t in lifts.items()}))
        ns = effective_namespace(resource) if kind_info(resource.kind).namespaced else ""
        by_name.setdefault((resource.kind, ns, resource.name), key)
    for plan in plans:
        for ref in references(plan.resource):
            owner = by_name.get((ref.kind, ref.namespace, ref.name))
            if owner is not None and get_path(plan.resource.manifest, ref.path) == ref.name \
                    and values[owner].get("name") == ref.name \
                    and not any(_overlap(ref.path, lifted) for lifted in plan.lifts):
                plan.lifts[ref.path] = (owner, "name")
    return plans


def _overlap(a: FieldPath, b: FieldPath) -> bool:
    short = min(len(a), len(b))
    return a[:short] == b[:short]


def _set(data: Any, path: FieldPath, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def template_text(plan: _Plan) -> str:
    """One template: the manifest with its lifted fields as `{{ .Values... | toJson }}`.

    Text that looks like a template action in the manifest itself (`{{` in an annotation or a
    config file) is escaped as `{{ "{{" }}`, so Helm prints it as written.
    """
    token = uuid.uuid4().hex
    manifest = copy.deepcopy(plan.resource.manifest)
    actions: dict[str, str] = {}
    for number, (source, target) in enumerate(plan.lifts.items()):
        marker = f"KCV{token}N{number}X"
        _set(manifest, source, marker)
        actions[marker] = "{{ .Values." + ".".join(target) + " | toJson }}"
    text = dump_document(manifest).replace("{{", '{{ "{{" }}')
    pattern = re.compile(rf"""(['"]?)(KCV{token}N\d+X)\1""")
    return pattern.sub(lambda m: actions[m.group(2)], text)


def chart_yaml(name: str, description: str) -> str:
    return dump_document({
        "apiVersion": "v2",
        "name": name,
        "description": description,
        "type": "application",
        "version": "0.1.0",
        "appVersion": "0.1.0",
    })


def build_chart(resources: Iterable[Resource], name: str) -> Chart:
    """The chart for some resources; `helm template` of it renders them unchanged.

    Raises:
        HelmChartError: the name is not a valid chart name, or there is nothing to export.
    """
    if not CHART_NAME.match(name):
        raise HelmChartError(f"chart name {name!r} is not valid: use lower-case letters, digits "
                             "and dashes, starting with a letter (for example `shop`)")
    ordered = apply_order(resources)
    if not ordered:
        raise HelmChartError("the design holds no resources; nothing to put in a chart")
    chart = Chart(name)
    plans = _plan(ordered, chart.values)
    chart.files["Chart.yaml"] = chart_yaml(name, f"{name}, exported from KubeCanvas")
    header = (f"# Default values for the {name} chart, one group per resource name.\n"
              "# With these values `helm template` renders the design exactly as it was drawn.\n")
    chart.files["values.yaml"] = header + dump_document(chart.values)
    for plan, file in zip(plans, folder_file_names([p.resource for p in plans]), strict=True):
        chart.files[f"templates/{file}"] = template_text(plan)
    return chart


def write_chart(chart: Chart, directory: Path) -> list[Path]:
    """Write the chart's files under `directory` (created if needed), each atomically.

    Raises:
        HelmChartError: `directory` is a file, or holds a different chart's templates.
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise HelmChartError(f"{directory}: is a file; give a folder for the chart")
    old = directory / "templates"
    stale = sorted(p.name for p in old.glob("*.yaml")
                   if f"templates/{p.name}" not in chart.files) if old.is_dir() else []
    if stale:
        raise HelmChartError(f"{old}: holds templates this design does not ({', '.join(stale[:3])}"
                             f"{'...' if len(stale) > 3 else ''}); remove them or choose an "
                             "empty folder, or helm would render them too")
    written = []
    for relative, text in chart.files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
        written.append(path)
    return written
