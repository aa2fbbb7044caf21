"""Fields a live object refuses to change: what applying a design over a live one would hit.

`kubectl apply` of a changed immutable field fails with `field is immutable` (or, for a
StatefulSet, "updates to statefulset spec for fields other than ... are forbidden"); the only way
is to delete the object and create it again. `immutable_changes(design, live)` lists those
fields for one resource, comparing effective values (defaults filled in) so that leaving a field
out of the design is not reported as a change. The lists follow the API server's validation:

- Service: `spec.clusterIP` / `clusterIPs` (ValidateServiceUpdate), unless one side is
  ExternalName.
- StatefulSet: everything in `spec` except replicas, ordinals, template, updateStrategy,
  revisionHistoryLimit, persistentVolumeClaimRetentionPolicy and minReadySeconds
  (ValidateStatefulSetUpdate).
- Deployment, ReplicaSet, DaemonSet: `spec.selector` (apps/v1).
- Job: `spec.selector` and `spec.completionMode` (the template too, but the controller adds
  labels to the live one, so it is not compared).
- PersistentVolumeClaim: everything in `spec` but `resources` (size may grow) and
  `volumeAttributesClassName`.
- StorageClass: provisioner, parameters, reclaimPolicy, volumeBindingMode.
- ConfigMap, Secret: `data` / `binaryData` once the live object is `immutable: true`; a Secret's
  `type` always.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kubecanvas.model.fields import as_mapping
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.text import Text

_STS_MUTABLE = frozenset({"replicas", "ordinals", "template", "updateStrategy",
                          "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy",
                          "minReadySeconds"})
_STS_DEFAULTS: Mapping[str, Any] = {"podManagementPolicy": "OrderedReady"}
_PVC_MUTABLE = frozenset({"resources", "volumeAttributesClassName"})
_PVC_DEFAULTS: Mapping[str, Any] = {"volumeMode": "Filesystem"}
_SC_FIELDS = ("provisioner", "parameters", "reclaimPolicy", "volumeBindingMode")
_SC_DEFAULTS: Mapping[str, Any] = {"reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"}


@dataclass(frozen=True)
class ImmutableChange:
    """One field the design changes but the live object cannot: `message` is a `Text`."""

    path: tuple[str, ...]
    design: Any
    live: Any
    message: str



def _change(kind: str, name: str, path: tuple[str, ...], design: Any, live: Any) -> ImmutableChange:
    field = ".".join(path)
    return ImmutableChange(path, design, live, Text(
        f"{kind} {name}: {field} cannot be changed on the live object ({live!r} -> {design!r}); "
        f"the API server answers 'field is immutable'. Delete the {kind} and create it again "
        "(mind what depends on it), or keep the live value.",
        f"{kind} {name}: 실행 중인 오브젝트의 {field}{eul_reul(field)} 바꿀 수 없습니다"
        f"({live!r} -> {design!r}). API 서버가 'field is immutable'로 거부합니다. {kind}{eul_reul(kind)} "
        "삭제하고 다시 만들거나(그것에 기대는 것들에 주의하십시오) 실행 중인 값을 그대로 두십시오."))


def _compare(kind: str, name: str, design: Mapping[str, Any], live: Mapping[str, Any],
             fields: list[str], defaults: Mapping[str, Any],
             prefix: tuple[str, ...] = ("spec",)) -> list[ImmutableChange]:
    out = []
    for key in sorted(fields):
        mine, theirs = design.get(key, defaults.get(key)), live.get(key, defaults.get(key))
        if key not in design and key not in defaults:
            continue  # left out of the design: apply keeps the live value
        if mine != theirs:
            out.append(_change(kind, name, (*prefix, key), mine, theirs))
    return out


def _template_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else []
    return sorted(str(as_mapping(as_mapping(t).get("metadata")).get("name")) for t in items)


def immutable_changes(design: Mapping[str, Any], live: Mapping[str, Any]) -> list[ImmutableChange]:
    """The immutable fields `design` changes relative to `live` (same kind and name)."""
    kind = str(design.get("kind") or "")
    name = str(as_mapping(design.get("metadata")).get("name") or "")
    spec, live_spec = as_mapping(design.get("spec")), as_mapping(live.get("spec"))
    if kind == "Service":
        if "ExternalName" in (spec.get("type"), live_spec.get("type")):
            return []
        return _compare(kind, name, spec, live_spec,
                        [k for k in ("clusterIP", "clusterIPs") if spec.get(k)], {})
    if kind == "StatefulSet":
        keys = (set(spec) | set(_STS_DEFAULTS)) - _STS_MUTABLE - {"volumeClaimTemplates"}
        out = _compare(kind, name, spec, live_spec, list(keys), _STS_DEFAULTS)
        if "volumeClaimTemplates" in spec:  # the server fills defaults in: compare the names
            names = [_template_names(s.get("volumeClaimTemplates")) for s in (spec, live_spec)]
            if names[0] != names[1]:
                out.append(_change(kind, name, ("spec", "volumeClaimTemplates"), *names))
        return out
    if kind in ("Deployment", "ReplicaSet", "DaemonSet"):
        return _compare(kind, name, spec, live_spec, ["selector"], {})
    if kind == "Job":
        return _compare(kind, name, spec, live_spec, ["selector", "completionMode"],
                        {"completionMode": "NonIndexed"})
    if kind == "PersistentVolumeClaim":
        keys = (set(spec) | set(_PVC_DEFAULTS)) - _PVC_MUTABLE
        return _compare(kind, name, spec, live_spec, list(keys), _PVC_DEFAULTS)
    if kind == "StorageClass":
        return _compare(kind, name, design, live, list(_SC_FIELDS), _SC_DEFAULTS, ())
    if kind in ("ConfigMap", "Secret"):
        out = []
        if kind == "Secret":
            out += _compare(kind, name, design, live, ["type"], {"type": "Opaque"}, ())
        if live.get("immutable") is True:
            out += _compare(kind, name, design, live,
                            [k for k in ("data", "binaryData") if k in design], {},
                            ())
        return out
    return []
