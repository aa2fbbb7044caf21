"""The walk every pod rule module shares: one `PodCheck` per pod spec among the targets.

A Pod's own spec, every workload's pod template and a CronJob's job template all hold a pod spec;
`pod_checks` finds them (with where they sit in the manifest), and a `PodCheck` collects the
findings the rules report on one of them, with paths relative to the pod spec.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import FieldPath, as_list
from kubecanvas.model.kinds import get_path, pod_template_path
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding, invalid_value, unsupported_value
from kubecanvas.validation.rule import RuleId
from kubecanvas.validation.schema import SCHEMA_ENUM

VOLUME_SOURCES = frozenset({
    "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret",
    "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs",
    "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte",
    "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos",
    "csi", "ephemeral", "image"})
ENUMS = {
    "imagePullPolicy": ("Always", "IfNotPresent", "Never"),
    "terminationMessagePolicy": ("File", "FallbackToLogsOnError"),
    "protocol": ("TCP", "UDP", "SCTP"),
    "restartPolicy": ("Always", "OnFailure", "Never"),
    "dnsPolicy": ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"),
    "scheme": ("HTTP", "HTTPS"),
}
CONTAINER_GROUPS = ("initContainers", "containers", "ephemeralContainers")


class PodCheck:
    """One pod spec being checked: where it is, and the findings it produced
    (a plain class: nothing compares or prints it, and the methods of a dataclass cost every
    start 1 ms to compile on Python 3.11)."""

    __slots__ = ("base", "claim_templates", "ctx", "out", "res", "spec", "template")

    def __init__(self, ctx: Context, res: Resource, spec: Mapping[str, Any], base: FieldPath,
                 template: bool, claim_templates: frozenset[str], out: list[Finding]) -> None:
        self.ctx = ctx
        self.res = res
        self.spec = spec
        self.base = base
        self.template = template
        self.claim_templates = claim_templates
        self.out = out

    def report(self, rule: RuleId, path: FieldPath, message: Text) -> None:
        self.out.append(self.ctx.report(rule, self.res, message, (*self.base, *path)))

    def enum(self, path: FieldPath, value: Any, key: str) -> None:
        allowed = ENUMS[key]
        if value is not None and value not in allowed:
            shown = ", ".join(f'"{a}"' for a in allowed)
            self.report(SCHEMA_ENUM, path, unsupported_value(value, shown))

    def name(self, rule: RuleId, path: FieldPath, value: Any, check: p.Predicate) -> None:
        if isinstance(value, str) and value:
            errors = check(value)
            if errors:
                self.report(rule, path, invalid_value(value, "; ".join(errors)))


def pod_checks(ctx: Context) -> Iterator[PodCheck]:
    """A `PodCheck` for every pod spec among the targets (Pods, templates, CronJob job
    templates); the pod rule modules all walk pod specs through this. Where the pod specs are
    is found once per run (`ctx.target_cache`): six checks ask, and most targets have none."""
    found = ctx.target_cache.get(_POD_SPECS)
    if found is None:
        found = ctx.target_cache[_POD_SPECS] = list(_pod_specs(ctx))
    for res, spec, tpath, claims in found:
        yield PodCheck(ctx, res, spec, (*tpath, "spec"), bool(tpath), claims, [])


_POD_SPECS = "pod_check.specs"


def _pod_specs(ctx: Context) -> Iterator[tuple[Resource, Mapping[str, Any], tuple[str, ...],
                                               frozenset[str]]]:
    for res in ctx.targets():
        tpath = pod_template_path(res)
        if tpath is None:
            continue
        spec = get_path(res.manifest, (*tpath, "spec")) if tpath else res.spec
        if not isinstance(spec, Mapping):
            continue
        claims = frozenset(str(get_path(t, ("metadata", "name")))
                           for t in as_list(res.spec.get("volumeClaimTemplates"))
                           if res.kind == "StatefulSet")
        yield res, spec, tpath, claims


def env_entries(path: FieldPath,
                container: Mapping[str, Any]) -> Iterator[tuple[FieldPath, Mapping[str, Any], str]]:
    """Each `env` entry of a container that is a mapping, with its path and its name ("" when it
    has none): the walk that the env rules of several modules share."""
    for i, env in enumerate(as_list(container.get("env"))):
        if isinstance(env, Mapping):
            name = env.get("name")
            yield (*path, "env", i), env, name if isinstance(name, str) else ""
