"""Format rules for a pod's volume sources, mounts and devices beyond the basics in `rules_pod`
(catalogue sections 3.4 and 3.5): projected, NFS, CSI and ephemeral sources, emptyDir size
limits, deprecated in-tree sources, mount propagation, recursive read-only mounts and raw block
devices.

Defaults first (catalogue 0.4): a volume with no source is an emptyDir, `hostPath.type` is "",
and an absent `mountPropagation` is None, so none of these is reported missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.kinds import get_path, pod_template_path
from kubecanvas.model.quantity import try_quantity
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.fixes import set_field
from kubecanvas.validation.rules_pod import CONTAINER_GROUPS, Path, PodCheck, _items, _map

PROJECTION_TYPES = ("secret", "configMap", "downwardAPI", "serviceAccountToken",
                    "clusterTrustBundle", "podCertificate")
#: In-tree sources the API still accepts but current releases no longer run (the API server
#: warns about them); the value is what to use instead.
DEPRECATED_SOURCES = {
    "gitRepo": "an init container that clones the repository into an emptyDir",
    "cephfs": "the CephFS CSI driver", "rbd": "the Ceph RBD CSI driver",
    "glusterfs": "a CSI driver", "flocker": "a CSI driver", "quobyte": "a CSI driver",
    "storageos": "a CSI driver", "scaleIO": "a CSI driver",
    "photonPersistentDisk": "a CSI driver",
}
PROPAGATION = ("None", "HostToContainer", "Bidirectional")
RECURSIVE_READ_ONLY = ("Disabled", "IfPossible", "Enabled")
BLOCK_SOURCES = ("persistentVolumeClaim", "ephemeral")
MIN_TOKEN_SECONDS, MAX_TOKEN_SECONDS = 600, 2**32


def report_fix(c: PodCheck, rule: str, path: Path, message: str, value: Any,
               description: str, fix_path: Path | None = None) -> None:
    """Report a finding whose mechanical fix sets the field at `fix_path` (default: the
    finding's own `path`) to `value`."""
    full = (*c.base, *path)
    target = full if fix_path is None else (*c.base, *fix_path)
    c.out.append(c.ctx.report(rule, c.res, message, full,
                              fix=set_field(c.res, target, value, description)))


def pod_volumes(ctx: Context) -> Iterator[Finding]:
    """`pod.volume.*` sources, `pod.mount.propagation`/`recursiveReadOnly`, `pod.device`."""
    for res in ctx.targets():
        tpath = pod_template_path(res)
        if tpath is None:
            continue
        spec = get_path(res.manifest, (*tpath, "spec")) if tpath else res.spec
        if not isinstance(spec, Mapping):
            continue
        claims = frozenset(str(get_path(t, ("metadata", "name")))
                           for t in _items(res.spec.get("volumeClaimTemplates"))
                           if res.kind == "StatefulSet")
        c = PodCheck(ctx, res, spec, (*tpath, "spec"), bool(tpath), claims, [])
        volumes: dict[str, Mapping[str, Any]] = {}
        for i, volume in enumerate(_items(spec.get("volumes"))):
            if isinstance(volume, Mapping):
                volumes.setdefault(str(volume.get("name")), volume)
                _volume(c, ("volumes", i), volume)
        if not c.template:
            _ephemeral_names(c)
        for group in CONTAINER_GROUPS:
            for i, container in enumerate(_items(spec.get(group))):
                if isinstance(container, Mapping):
                    _mounts(c, (group, i), container)
                    _devices(c, (group, i), container, volumes)
        yield from c.out


def _volume(c: PodCheck, path: Path, volume: Mapping[str, Any]) -> None:
    projected = volume.get("projected")
    if isinstance(projected, Mapping):
        _projected(c, (*path, "projected"), projected)
    nfs = volume.get("nfs")
    if isinstance(nfs, Mapping):
        check_nfs(c, (*path, "nfs"), nfs, "pod.volume.nfs")
    csi = volume.get("csi")
    if isinstance(csi, Mapping):
        check_csi_driver(c, (*path, "csi", "driver"), csi.get("driver"), "pod.volume.csi.driver")
    if "ephemeral" in volume and volume["ephemeral"] is not None:
        _ephemeral(c, (*path, "ephemeral"), _map(volume["ephemeral"]))
    empty = volume.get("emptyDir")
    if isinstance(empty, Mapping) and empty.get("sizeLimit") is not None:
        limit = try_quantity(empty["sizeLimit"])
        if limit is None or limit < 0:
            c.report("pod.volume.emptyDir.sizeLimit", (*path, "emptyDir", "sizeLimit"),
                     f'forbidden: {empty["sizeLimit"]!r}: SizeLimit field must be a valid, '
                     f"non-negative resource quantity (for example 1Gi)")
    for key, instead in DEPRECATED_SOURCES.items():
        if volume.get(key) is not None:
            c.report("pod.volume.deprecated", (*path, key),
                     f"the {key} volume type is deprecated and no longer works in current "
                     f"Kubernetes releases; use {instead}")


def check_nfs(c: PodCheck, path: Path, nfs: Mapping[str, Any], rule: str) -> None:
    """An NFS source needs a server and an absolute path (pods and PersistentVolumes)."""
    if not nfs.get("server"):
        c.report(rule, (*path, "server"), "required value: the NFS server")
    target = nfs.get("path")
    if not target:
        c.report(rule, (*path, "path"), "required value: the exported path")
    elif isinstance(target, str) and not target.startswith("/"):
        c.report(rule, (*path, "path"), f'invalid value "{target}": must be an absolute path')


def csi_driver_errors(driver: Any) -> list[str]:
    """`ValidateCSIDriverName`: required, at most 63 bytes, a DNS subdomain once lower-cased."""
    if not isinstance(driver, str) or not driver:
        return ["required value: the CSI driver name (for example ebs.csi.aws.com)"]
    errors = []
    if len(driver) > 63:
        errors.append("too long: must have at most 63 bytes")
    errors += p.dns1123_subdomain(driver.lower())
    return [f'invalid value "{driver}": {e}' if not e.startswith("too long") else e
            for e in errors]


def check_csi_driver(c: PodCheck, path: Path, driver: Any, rule: str) -> None:
    for error in csi_driver_errors(driver):
        c.report(rule, path, error)


def _projected(c: PodCheck, path: Path, projected: Mapping[str, Any]) -> None:
    seen_paths: set[str] = set()
    for j, source in enumerate(_items(projected.get("sources"))):
        if not isinstance(source, Mapping):
            continue
        spath = (*path, "sources", j)
        kinds = [k for k in PROJECTION_TYPES if source.get(k) is not None]
        if len(kinds) > 1:
            c.report("pod.volume.projected.sources", spath,
                     f"forbidden: may not specify more than 1 volume type per source "
                     f"(has {', '.join(kinds)})")
        for key in ("configMap", "secret"):
            ref = source.get(key)
            if isinstance(ref, Mapping) and not ref.get("name"):
                c.report("pod.volume.projected.sources", (*spath, key, "name"),
                         "required value: the name of the " + key)
        for target, tpath in _projected_paths(source, spath):
            if target in seen_paths:
                c.report("pod.volume.projected.sources", tpath,
                         f'invalid value "{target}": conflicting duplicate paths')
            seen_paths.add(target)
        token = source.get("serviceAccountToken")
        if isinstance(token, Mapping):
            _sa_token(c, (*spath, "serviceAccountToken"), token)


def _projected_paths(source: Mapping[str, Any], spath: Path) -> Iterator[tuple[str, Path]]:
    for key in ("configMap", "secret", "downwardAPI"):
        for k, item in enumerate(_items(_map(source.get(key)).get("items"))):
            target = _map(item).get("path")
            if isinstance(target, str) and target:
                yield target, (*spath, key, "items", k, "path")
    for key in ("serviceAccountToken", "clusterTrustBundle"):
        target = _map(source.get(key)).get("path")
        if isinstance(target, str) and target:
            yield target, (*spath, key, "path")


def _sa_token(c: PodCheck, path: Path, token: Mapping[str, Any]) -> None:
    if not token.get("path"):
        c.report("pod.volume.projected.saToken", (*path, "path"),
                 "required value: the file the token is written to")
    seconds = token.get("expirationSeconds")
    if isinstance(seconds, int) and not isinstance(seconds, bool):
        if seconds < MIN_TOKEN_SECONDS:
            report_fix(c, "pod.volume.projected.saToken", (*path, "expirationSeconds"),
                       f"invalid value {seconds}: may not specify a duration less than 10 "
                       f"minutes (600 seconds)", MIN_TOKEN_SECONDS,
                       "set expirationSeconds to 600")
        elif seconds > MAX_TOKEN_SECONDS:
            c.report("pod.volume.projected.saToken", (*path, "expirationSeconds"),
                     f"invalid value {seconds}: may not specify a duration larger than 2^32 "
                     f"seconds")


def _ephemeral(c: PodCheck, path: Path, ephemeral: Mapping[str, Any]) -> None:
    template = ephemeral.get("volumeClaimTemplate")
    if not isinstance(template, Mapping):
        c.report("pod.volume.ephemeral", (*path, "volumeClaimTemplate"),
                 "required value: an ephemeral volume needs a volumeClaimTemplate")
        return
    tpath = (*path, "volumeClaimTemplate")
    for key in sorted(_map(template.get("metadata"))):
        if key not in ("labels", "annotations"):
            c.report("pod.volume.ephemeral", (*tpath, "metadata", key),
                     f"forbidden: metadata.{key} cannot be set in a volumeClaimTemplate (only "
                     f"labels and annotations; the claim is named <pod>-<volume>)")
    spec = _map(template.get("spec"))
    if not _items(spec.get("accessModes")):
        c.report("pod.volume.ephemeral", (*tpath, "spec", "accessModes"),
                 "required value: at least 1 access mode is required")
    if "storage" not in _map(_map(spec.get("resources")).get("requests")):
        c.report("pod.volume.ephemeral", (*tpath, "spec", "resources", "requests"),
                 "required value: resources.requests.storage")


def _ephemeral_names(c: PodCheck) -> None:
    """In a Pod the generated claim names are known: `<pod>-<volume>`."""
    generated: dict[str, str] = {}
    for volume in _items(c.spec.get("volumes")):
        if isinstance(volume, Mapping) and volume.get("ephemeral") is not None:
            generated[f"{c.res.name}-{volume.get('name')}"] = str(volume.get("name"))
    for i, volume in enumerate(_items(c.spec.get("volumes"))):
        vpath: Path = ("volumes", i)
        name = f"{c.res.name}-{_map(volume).get('name')}"
        if _map(volume).get("ephemeral") is not None and p.dns1123_subdomain(name):
            c.report("pod.volume.ephemeral", (*vpath, "name"),
                     f'invalid value "{name}": the generated claim name is not a DNS '
                     f"subdomain: {p.dns1123_subdomain(name)[0]}")
        claim = _map(_map(volume).get("persistentVolumeClaim")).get("claimName")
        if isinstance(claim, str) and claim in generated:
            c.report("pod.volume.ephemeral", (*vpath, "persistentVolumeClaim", "claimName"),
                     f'invalid value "{claim}": must not reference a PVC that gets created for '
                     f'the ephemeral volume "{generated[claim]}"')


def _mounts(c: PodCheck, path: Path, container: Mapping[str, Any]) -> None:
    privileged = _map(container.get("securityContext")).get("privileged") is True
    for i, mount in enumerate(_items(container.get("volumeMounts"))):
        if not isinstance(mount, Mapping):
            continue
        mpath = (*path, "volumeMounts", i)
        propagation = mount.get("mountPropagation")
        if propagation is not None and propagation not in PROPAGATION:
            c.report("pod.mount.propagation", (*mpath, "mountPropagation"),
                     f'unsupported value "{propagation}": supported values: "None", '
                     f'"HostToContainer", "Bidirectional"')
        elif propagation == "Bidirectional" and not privileged:
            c.report("pod.mount.propagation", (*mpath, "mountPropagation"),
                     "forbidden: Bidirectional mount propagation is available only to "
                     "privileged containers (securityContext.privileged: true)")
        recursive = mount.get("recursiveReadOnly")
        if recursive is None:
            continue
        if recursive not in RECURSIVE_READ_ONLY:
            c.report("pod.mount.recursiveReadOnly", (*mpath, "recursiveReadOnly"),
                     f'unsupported value "{recursive}": supported values: "Disabled", '
                     f'"IfPossible", "Enabled"')
        elif recursive != "Disabled" and mount.get("readOnly") is not True:
            report_fix(c, "pod.mount.recursiveReadOnly", (*mpath, "recursiveReadOnly"),
                       "forbidden: may only be specified when readOnly is true", True,
                       "set readOnly: true on the mount", (*mpath, "readOnly"))
        elif recursive != "Disabled" and propagation not in (None, "None"):
            c.report("pod.mount.recursiveReadOnly", (*mpath, "recursiveReadOnly"),
                     "forbidden: may only be specified when mountPropagation is None or not "
                     "specified")


def _devices(c: PodCheck, path: Path, container: Mapping[str, Any],
             volumes: Mapping[str, Mapping[str, Any]]) -> None:
    mounts = [_map(m) for m in _items(container.get("volumeMounts"))]
    mount_names = {str(m.get("name")) for m in mounts}
    mount_paths = {str(m.get("mountPath")) for m in mounts}
    seen: set[str] = set()
    for i, device in enumerate(_items(container.get("volumeDevices"))):
        if not isinstance(device, Mapping):
            continue
        dpath = (*path, "volumeDevices", i)
        name, target = str(device.get("name") or ""), device.get("devicePath")
        volume = volumes.get(name)
        if volume is None and name not in c.claim_templates:
            c.report("pod.device", (*dpath, "name"),
                     f'not found: "{name}" names no volume of the pod')
        elif volume is not None and not any(volume.get(k) is not None for k in BLOCK_SOURCES):
            c.report("pod.device", (*dpath, "name"),
                     f'invalid value "{name}": can only use volume source type of '
                     f"PersistentVolumeClaim or Ephemeral for block mode")
        if name in mount_names:
            c.report("pod.device", (*dpath, "name"),
                     f'invalid value "{name}": must not already exist in volumeMounts')
        if not isinstance(target, str) or not target:
            continue
        if target in seen:
            c.report("pod.device", (*dpath, "devicePath"),
                     f'invalid value "{target}": must be unique')
        seen.add(target)
        if ".." in target.split("/"):
            c.report("pod.device", (*dpath, "devicePath"),
                     f'invalid value "{target}": must not contain \'..\'')
        if target in mount_paths:
            c.report("pod.device", (*dpath, "devicePath"),
                     f'invalid value "{target}": must not already exist as a path in '
                     f"volumeMounts")
