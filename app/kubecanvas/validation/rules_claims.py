"""Format rules of PersistentVolumes and claims beyond `rules_objects` (catalogue section 14):
the CSI source, NFS/hostPath/local sources, node affinity, the volume attributes class, class
names, and a claim's dataSource / dataSourceRef.

Defaults first (catalogue 0.4): the reclaim policy is Retain and the volume mode Filesystem; the
API server copies dataSource into an unset dataSourceRef and back, so only a pair written with
different values is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import DELETE, FieldPath, as_list, as_mapping
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, invalid_value, unsupported_value
from kubecanvas.validation.pod_check import PodCheck
from kubecanvas.validation.rule import E, Rule, RuleId
from kubecanvas.validation.rules_affinity import NODE_OPERATORS
from kubecanvas.validation.rules_pod_volumes import check_host_path
from kubecanvas.validation.rules_volumes import check_nfs, csi_driver_errors, report_fix

# --- the rule ids this module reports ------------------------------------------------------------
PV_CSI = RuleId("pv.csi")
PV_NFS = RuleId("pv.nfs")
PV_HOST_PATH = RuleId("pv.hostPath")
PV_LOCAL = RuleId("pv.local")
PV_NODE_AFFINITY = RuleId("pv.nodeAffinity")
PV_VAC = RuleId("pv.vac")
PV_RECLAIM_POLICY_HOST_PATH_ROOT = RuleId("pv.reclaimPolicy.hostPathRoot")
PV_STORAGE_CLASS_NAME = RuleId("pv.storageClassName")
PVC_STORAGE_CLASS_NAME = RuleId("pvc.storageClassName")
PVC_DATA_SOURCE = RuleId("pvc.dataSource")

CSI_SECRET_REFS = ("controllerPublishSecretRef", "nodeStageSecretRef", "nodePublishSecretRef",
                   "controllerExpandSecretRef", "nodeExpandSecretRef")
CORE_DATA_SOURCE = "PersistentVolumeClaim"


def persistent_volumes(ctx: Context) -> Iterator[Finding]:
    """`pv.csi`, `pv.nfs`, `pv.hostPath`, `pv.local`, `pv.nodeAffinity`, `pv.vac`,
    `pv.reclaimPolicy.hostPathRoot`, `pv.storageClassName`."""
    for res in ctx.targets("PersistentVolume"):
        spec = res.spec
        c = PodCheck(ctx, res, spec, (), False, frozenset(), [])
        csi = spec.get("csi")
        if isinstance(csi, Mapping):
            _csi(c, csi)
        if isinstance(spec.get("nfs"), Mapping):
            check_nfs(c, ("spec", "nfs"), spec["nfs"], PV_NFS)
        host = spec.get("hostPath")
        if isinstance(host, Mapping):
            check_host_path(c, ("spec", "hostPath"), host, PV_HOST_PATH)
            if spec.get("persistentVolumeReclaimPolicy") == "Recycle" and \
                    str(host.get("path") or "").rstrip("/") == "":
                c.report(PV_RECLAIM_POLICY_HOST_PATH_ROOT, ("spec", "persistentVolumeReclaimPolicy"),
                         Text("forbidden: may not be 'recycle' for a hostPath mount of '/'",
                              "금지됨: '/'를 마운트하는 hostPath에는 'recycle'을 쓸 수 없습니다"))
        local = spec.get("local")
        if isinstance(local, Mapping):
            target = local.get("path")
            if not target:
                c.report(PV_LOCAL, ("spec", "local", "path"), Text(
                    "required value: the path on the node", "필수 값: 노드의 경로"))
            elif isinstance(target, str) and ".." in target.split("/"):
                c.report(PV_LOCAL, ("spec", "local", "path"), Text(
                    "must not contain '..'", "'..'을 포함할 수 없습니다"))
        if "nodeAffinity" in spec:
            _node_affinity(c, as_mapping(spec.get("nodeAffinity")))
        vac = spec.get("volumeAttributesClassName")
        if vac is not None and vac == "":
            report_fix(c, PV_VAC, ("spec", "volumeAttributesClassName"),
                       Text("required value: an empty string is disallowed (remove the field "
                            "for no class)",
                            "필수 값: 빈 문자열은 허용되지 않습니다(클래스가 없으려면 필드를 제거해야 "
                            "합니다)"), DELETE,
                       Text("remove volumeAttributesClassName",
                            "volumeAttributesClassName을 제거합니다"))
        elif vac is not None and not isinstance(csi, Mapping):
            c.report(PV_VAC, ("spec", "csi"), Text(
                "required value: has to be specified when using volumeAttributesClassName",
                "필수 값: volumeAttributesClassName을 쓸 때는 지정해야 합니다"))
        _class_name(c, PV_STORAGE_CLASS_NAME, ("spec", "storageClassName"),
                    spec.get("storageClassName"))
        yield from c.out


def _csi(c: PodCheck, csi: Mapping[str, Any]) -> None:
    for error in csi_driver_errors(csi.get("driver")):
        c.report(PV_CSI, ("spec", "csi", "driver"), error)
    if not csi.get("volumeHandle"):
        c.report(PV_CSI, ("spec", "csi", "volumeHandle"), Text(
            "required value: the volume's handle in the storage system",
            "필수 값: 스토리지 시스템에서 볼륨의 핸들"))
    for key in CSI_SECRET_REFS:
        ref = csi.get(key)
        if not isinstance(ref, Mapping):
            continue
        for field, check in (("name", p.dns1123_subdomain), ("namespace", p.dns1123_label)):
            value = ref.get(field)
            if not value:
                c.report(PV_CSI, ("spec", "csi", key, field), Text(
                    f"required value: the Secret's {field}", f"필수 값: 시크릿의 {field}"))
            elif isinstance(value, str) and check(value):
                c.report(PV_CSI, ("spec", "csi", key, field),
                         invalid_value(value, check(value)[0]))


def _node_affinity(c: PodCheck, affinity: Mapping[str, Any]) -> None:
    base: FieldPath = ("spec", "nodeAffinity")
    required = affinity.get("required")
    if not isinstance(required, Mapping):
        c.report(PV_NODE_AFFINITY, (*base, "required"), Text(
            "required value: must specify required node constraints",
            "필수 값: 필수 노드 제약을 지정해야 합니다"))
        return
    terms = as_list(required.get("nodeSelectorTerms"))
    if not terms:
        c.report(PV_NODE_AFFINITY, (*base, "required", "nodeSelectorTerms"),
                 Text("required value: must have at least one node selector term",
                      "필수 값: 노드 셀렉터 조건이 하나 이상 있어야 합니다"))
    for i, term in enumerate(terms):
        for key in ("matchExpressions", "matchFields"):
            for j, req in enumerate(as_list(as_mapping(term).get(key))):
                _requirement(c, (*base, "required", "nodeSelectorTerms", i, key, j),
                             as_mapping(req))


def _requirement(c: PodCheck, path: FieldPath, req: Mapping[str, Any]) -> None:
    operator, values = req.get("operator"), as_list(req.get("values"))
    message: Text | None = None
    if operator not in NODE_OPERATORS:
        message = unsupported_value(operator, ", ".join(f'"{o}"' for o in NODE_OPERATORS))
    elif operator in ("In", "NotIn") and not values:
        message = Text("must be specified when `operator` is 'In' or 'NotIn'",
                       "`operator`가 'In'이나 'NotIn'이면 지정해야 합니다")
    elif operator in ("Exists", "DoesNotExist") and values:
        message = Text("may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                       "`operator`가 'Exists'나 'DoesNotExist'이면 지정할 수 없습니다")
    elif operator in ("Gt", "Lt") and len(values) != 1:
        message = Text("must be specified single value when `operator` is 'Lt' or 'Gt'",
                       "`operator`가 'Lt'나 'Gt'이면 값을 하나만 지정해야 합니다")
    if message:
        c.report(PV_NODE_AFFINITY, (*path, "operator" if "unsupported" in message else
                                     "values"), message)
    key = req.get("key")
    if isinstance(key, str) and p.qualified_name(key):
        c.report(PV_NODE_AFFINITY, (*path, "key"), invalid_value(key, p.qualified_name(key)[0]))


def _class_name(c: PodCheck, rule: RuleId, path: FieldPath, name: Any) -> None:
    """A non-empty class name must be a DNS subdomain ("" means "no class")."""
    if isinstance(name, str) and name and p.dns1123_subdomain(name):
        c.report(rule, path, invalid_value(name, p.dns1123_subdomain(name)[0]))


def claim_specs(ctx: Context) -> Iterator[Finding]:
    """`pvc.storageClassName`, `pvc.dataSource` of claims and StatefulSet claim templates."""
    for res in ctx.targets("PersistentVolumeClaim", "StatefulSet"):
        c = PodCheck(ctx, res, res.spec, (), False, frozenset(), [])
        for base, spec in _claim_specs(res):
            _class_name(c, PVC_STORAGE_CLASS_NAME, (*base, "storageClassName"),
                        spec.get("storageClassName"))
            _data_sources(c, base, spec)
        yield from c.out


def _claim_specs(res: Resource) -> list[tuple[FieldPath, Mapping[str, Any]]]:
    if res.kind == "PersistentVolumeClaim":
        return [(("spec",), res.spec)]
    return [(("spec", "volumeClaimTemplates", i, "spec"), as_mapping(as_mapping(t).get("spec")))
            for i, t in enumerate(as_list(res.spec.get("volumeClaimTemplates")))]


def _data_sources(c: PodCheck, base: FieldPath, spec: Mapping[str, Any]) -> None:
    source, ref = spec.get("dataSource"), spec.get("dataSourceRef")
    for key, value in (("dataSource", source), ("dataSourceRef", ref)):
        if not isinstance(value, Mapping):
            continue
        path = (*base, key)
        for field in ("name", "kind"):
            if not value.get(field):
                c.report(PVC_DATA_SOURCE, (*path, field), Text(
                    f"required value: {key}.{field}", f"필수 값: {key}.{field}"))
        if not value.get("apiGroup") and value.get("kind") and \
                value.get("kind") != CORE_DATA_SOURCE:
            c.report(PVC_DATA_SOURCE, (*path, "kind"), Text(
                f'invalid value "{value.get("kind")}": must be \'PersistentVolumeClaim\' when '
                f"referencing the default apiGroup (set apiGroup, for example "
                f"snapshot.storage.k8s.io for a VolumeSnapshot)",
                f'잘못된 값 "{value.get("kind")}": 기본 apiGroup을 참조할 때는 '
                f"'PersistentVolumeClaim'이어야 합니다(apiGroup을 설정해야 합니다. 예: VolumeSnapshot에는 "
                f"snapshot.storage.k8s.io)"))
        namespace = value.get("namespace") if key == "dataSourceRef" else None
        if isinstance(namespace, str) and namespace and p.dns1123_label(namespace):
            c.report(PVC_DATA_SOURCE, (*path, "namespace"),
                     invalid_value(namespace, p.dns1123_label(namespace)[0]))
    if not isinstance(source, Mapping) or not isinstance(ref, Mapping):
        return
    if ref.get("namespace"):
        c.report(PVC_DATA_SOURCE, (*base, "dataSource"), Text(
            "invalid value: may not be specified when dataSourceRef.namespace is specified",
            "잘못된 값: dataSourceRef.namespace가 지정되면 지정할 수 없습니다"))
    elif any((source.get(k) or "") != (ref.get(k) or "") for k in ("apiGroup", "kind", "name")):
        c.report(PVC_DATA_SOURCE, (*base, "dataSource"), Text(
            "invalid value: must match dataSourceRef (set only one of them, or both to the same "
            "object)",
            "잘못된 값: dataSourceRef와 일치해야 합니다(둘 중 하나만 설정하거나 둘 다 같은 "
            "오브젝트로 설정해야 합니다)"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(PV_CSI, E, "A csi PersistentVolume with a bad driver, no volumeHandle, or a secret ref "
         "without name or namespace.", persistent_volumes),
    Rule(PV_NFS, E, "An nfs PersistentVolume without a server or an absolute path.",
         persistent_volumes),
    Rule(PV_HOST_PATH, E, "A hostPath PersistentVolume without a path, with '..', or with an "
         "unknown type.", persistent_volumes),
    Rule(PV_LOCAL, E, "A local PersistentVolume without a path, or with '..'.",
         persistent_volumes),
    Rule(PV_NODE_AFFINITY, E, "PersistentVolume nodeAffinity without required terms or with "
         "invalid requirements.", persistent_volumes),
    Rule(PV_VAC, E, "volumeAttributesClassName is empty, or set on a PersistentVolume that is "
         "not csi.", persistent_volumes),
    Rule(PV_RECLAIM_POLICY_HOST_PATH_ROOT, E, "Reclaim policy Recycle on a hostPath of '/'.",
         persistent_volumes),
    Rule(PV_STORAGE_CLASS_NAME, E, "A PersistentVolume storageClassName that is not a DNS "
         "subdomain.", persistent_volumes),
    Rule(PVC_STORAGE_CLASS_NAME, E, 'A claim\'s storageClassName that is not a DNS subdomain ("" '
         "is allowed).", claim_specs),
    Rule(PVC_DATA_SOURCE, E, "dataSource/dataSourceRef without name or kind, a core kind other "
         "than PersistentVolumeClaim, or the two disagree.", claim_specs),
)
