"""Format rules of Services, Ingresses, PersistentVolumes and claims (catalogue sections 10, 11
and 14), with the API server's defaults applied first (a Service is ClusterIP, a port's protocol
TCP and its targetPort its port). ConfigMaps and Secrets are `rules_config`'s.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.korean import eul_reul
from kubecanvas.model.quantity import try_quantity
from kubecanvas.model.resource import Resource
from kubecanvas.model.text import Text
from kubecanvas.validation import predicates as p
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import (
    Finding,
    duplicate_value,
    invalid_value,
    unsupported_value,
)
from kubecanvas.validation.pod_check import VOLUME_SOURCES
from kubecanvas.validation.rule import E, Rule, RuleId
from kubecanvas.validation.schema import SCHEMA_ENUM

# --- the rule ids this module reports ------------------------------------------------------------
SVC_PORTS_REQUIRED = RuleId("svc.ports.required")
SVC_HEADLESS_TYPE = RuleId("svc.headless.type")
SVC_EXTERNAL_NAME_REQUIRED = RuleId("svc.externalName.required")
SVC_CLUSTER_IP_FORMAT = RuleId("svc.clusterIP.format")
SVC_PORT_NAME_REQUIRED = RuleId("svc.port.name.required")
SVC_PORT_NAME_FORMAT = RuleId("svc.port.name.format")
SVC_PORT_NAME_UNIQUE = RuleId("svc.port.name.unique")
SVC_PORT_PORT = RuleId("svc.port.port")
SVC_PORT_UNIQUE = RuleId("svc.port.unique")
SVC_PORT_TARGET_PORT = RuleId("svc.port.targetPort")
SVC_NODE_PORT_CLUSTER_IP = RuleId("svc.nodePort.clusterIP")
SVC_NODE_PORT_RANGE = RuleId("svc.nodePort.range")
ING_SPEC_RULES_OR_DEFAULT = RuleId("ing.spec.rulesOrDefault")
ING_RULE_HOST_FORMAT = RuleId("ing.rule.host.format")
ING_TLS_HOSTS = RuleId("ing.tls.hosts")
ING_PATH_ABSOLUTE = RuleId("ing.path.absolute")
ING_PATH_SEQUENCES = RuleId("ing.path.sequences")
ING_BACKEND_ONE_OF = RuleId("ing.backend.oneOf")
ING_BACKEND_SERVICE_PORT = RuleId("ing.backend.service.port")
PV_ACCESS_MODES_REQUIRED = RuleId("pv.accessModes.required")
PV_ACCESS_MODES_RWOP = RuleId("pv.accessModes.rwop")
PV_CAPACITY_REQUIRED = RuleId("pv.capacity.required")
PV_SOURCE_EXACTLY_ONE = RuleId("pv.source.exactlyOne")
PV_LOCAL_NODE_AFFINITY = RuleId("pv.local.nodeAffinity")
PVC_ACCESS_MODES_REQUIRED = RuleId("pvc.accessModes.required")
PVC_ACCESS_MODES_RWOP = RuleId("pvc.accessModes.rwop")
PVC_STORAGE_REQUIRED = RuleId("pvc.storage.required")
PVC_STORAGE_POSITIVE = RuleId("pvc.storage.positive")

SERVICE_ENUMS = {
    "type": ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
    "sessionAffinity": ("None", "ClientIP"),
    "externalTrafficPolicy": ("Cluster", "Local"),
    "internalTrafficPolicy": ("Cluster", "Local"),
    "ipFamilyPolicy": ("SingleStack", "PreferDualStack", "RequireDualStack"),
}
NODE_PORT_RANGE = (30000, 32767)
ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
#: (access modes missing, ReadWriteOncePod with others) for PersistentVolumes and claims.
PV_ACCESS_MODES = (PV_ACCESS_MODES_REQUIRED, PV_ACCESS_MODES_RWOP)
PVC_ACCESS_MODES = (PVC_ACCESS_MODES_REQUIRED, PVC_ACCESS_MODES_RWOP)


def _port_range(number: Any) -> Text:
    return Text(f"invalid value {number}: must be between 1 and 65535, inclusive",
                f"잘못된 값 {number}: 1부터 65535까지여야 합니다")


def _absolute(text: str) -> Text:
    return Text(f'invalid value "{text}": must be an absolute path',
                f'잘못된 값 "{text}": 절대 경로여야 합니다')


def _enum(ctx: Context, res: Resource, path: tuple[str | int, ...], value: Any,
          allowed: tuple[str, ...]) -> Iterator[Finding]:
    if value is not None and value not in allowed:
        yield ctx.report(SCHEMA_ENUM, res, unsupported_value(value, ", ".join(allowed)), path)


def services(ctx: Context) -> Iterator[Finding]:
    """`svc.*`: ports, names, nodePorts and type-specific rules of Services."""
    for res in ctx.targets("Service"):
        spec = res.spec
        for key, allowed in SERVICE_ENUMS.items():
            yield from _enum(ctx, res, ("spec", key), spec.get(key), allowed)
        kind = spec.get("type") or "ClusterIP"
        headless = spec.get("clusterIP") == "None"
        ports = as_list(spec.get("ports"))
        if not ports and not headless and kind != "ExternalName":
            yield ctx.report(SVC_PORTS_REQUIRED, res, Text(
                "a Service needs at least one port (unless it is headless or ExternalName)",
                "서비스에는 포트가 하나 이상 필요합니다(헤드리스나 ExternalName이 아닌 한)"),
                ("spec", "ports"))
        yield from _service_ports(ctx, res, ports, kind)
        if headless and kind in ("NodePort", "LoadBalancer"):
            yield ctx.report(SVC_HEADLESS_TYPE, res, Text(
                f"clusterIP may not be 'None' for {kind} services",
                f"{kind} 서비스에는 clusterIP를 'None'으로 할 수 없습니다"), ("spec", "clusterIP"))
        if kind == "ExternalName":
            name = spec.get("externalName")
            if not name:
                yield ctx.report(SVC_EXTERNAL_NAME_REQUIRED, res, Text(
                    "type ExternalName needs spec.externalName",
                    "type이 ExternalName이면 spec.externalName이 필요합니다"), ("spec", "externalName"))
            elif isinstance(name, str) and p.dns1123_subdomain(name.rstrip(".")):
                yield ctx.report(SVC_EXTERNAL_NAME_REQUIRED, res, Text(
                    f'invalid value "{name}": must be a DNS name',
                    f'잘못된 값 "{name}": DNS 이름이어야 합니다'), ("spec", "externalName"))
        clusterip = spec.get("clusterIP")
        if isinstance(clusterip, str) and clusterip not in ("", "None") and not p.is_ip(clusterip):
            yield ctx.report(SVC_CLUSTER_IP_FORMAT, res, Text(
                f"invalid value \"{clusterip}\": must be a valid IP address, '' or 'None'",
                f"잘못된 값 \"{clusterip}\": 유효한 IP 주소, '', 'None' 중 하나여야 합니다"),
                ("spec", "clusterIP"))


def _service_ports(ctx: Context, res: Resource, ports: list[Any],
                   kind: str) -> Iterator[Finding]:
    names: set[str] = set()
    pairs: set[tuple[Any, str]] = set()
    for i, port in enumerate(ports):
        port = as_mapping(port)
        path = ("spec", "ports", i)
        yield from _enum(ctx, res, (*path, "protocol"), port.get("protocol"), ("TCP", "UDP", "SCTP"))
        name = port.get("name")
        if len(ports) > 1 and not name:
            yield ctx.report(SVC_PORT_NAME_REQUIRED, res, Text(
                "every port needs a name when the Service has more than one",
                "서비스에 포트가 둘 이상이면 모든 포트에 이름이 필요합니다"), (*path, "name"))
        if isinstance(name, str) and name:
            if p.dns1123_label(name):
                yield ctx.report(SVC_PORT_NAME_FORMAT, res,
                                 invalid_value(name, "; ".join(p.dns1123_label(name))),
                                 (*path, "name"))
            if name in names:
                yield ctx.report(SVC_PORT_NAME_UNIQUE, res, duplicate_value(name),
                                 (*path, "name"))
            names.add(name)
        number = port.get("port")
        if isinstance(number, int) and p.port_number(number):
            yield ctx.report(SVC_PORT_PORT, res, _port_range(number), (*path, "port"))
        key = (number, str(port.get("protocol") or "TCP"))
        if number is not None and key in pairs:
            yield ctx.report(SVC_PORT_UNIQUE, res, Text(
                f"duplicate port {number}/{key[1]}", f"중복된 포트 {number}/{key[1]}"), path)
        pairs.add(key)
        yield from _target_port(ctx, res, port.get("targetPort"), (*path, "targetPort"))
        yield from _node_port(ctx, res, port.get("nodePort"), kind, (*path, "nodePort"))


def _target_port(ctx: Context, res: Resource, target: Any,
                 path: tuple[str | int, ...]) -> Iterator[Finding]:
    if isinstance(target, bool) or target in (None, "", 0):
        return  # defaults to the port
    if isinstance(target, int) and p.port_number(target):
        yield ctx.report(SVC_PORT_TARGET_PORT, res, _port_range(target), path)
    elif isinstance(target, str) and not target.isdigit() and p.port_name(target):
        yield ctx.report(SVC_PORT_TARGET_PORT, res,
                         invalid_value(target, "; ".join(p.port_name(target))), path)


def _node_port(ctx: Context, res: Resource, node_port: Any, kind: str,
               path: tuple[str | int, ...]) -> Iterator[Finding]:
    if not isinstance(node_port, int) or isinstance(node_port, bool) or node_port == 0:
        return
    if kind == "ClusterIP":
        yield ctx.report(SVC_NODE_PORT_CLUSTER_IP, res, Text(
            "may not be used when type is 'ClusterIP'", "type이 'ClusterIP'이면 쓸 수 없습니다"), path)
    elif not NODE_PORT_RANGE[0] <= node_port <= NODE_PORT_RANGE[1]:
        yield ctx.report(SVC_NODE_PORT_RANGE, res, Text(
            f"invalid value {node_port}: provided port is not in the valid range. The range of "
            f"valid ports is 30000-32767 (the default --service-node-port-range)",
            f"잘못된 값 {node_port}: 포트가 유효한 범위에 있지 않습니다. 유효한 포트 범위는 "
            f"30000-32767입니다(기본 --service-node-port-range)"), path)


def ingresses(ctx: Context) -> Iterator[Finding]:
    """`ing.*`: rules, hosts, paths and backends of Ingresses (networking.k8s.io/v1)."""
    for res in ctx.targets("Ingress"):
        if res.api_version != "networking.k8s.io/v1":
            continue  # removed versions are reported by api.removed
        spec = res.spec
        if not spec.get("rules") and not spec.get("defaultBackend"):
            yield ctx.report(ING_SPEC_RULES_OR_DEFAULT, res, Text(
                "either defaultBackend or rules must be specified",
                "defaultBackend나 rules 중 하나는 지정해야 합니다"), ("spec",))
        if spec.get("defaultBackend") is not None:
            yield from _backend(ctx, res, as_mapping(spec["defaultBackend"]),
                                ("spec", "defaultBackend"))
        for r, rule in enumerate(as_list(spec.get("rules"))):
            rule = as_mapping(rule)
            host = rule.get("host")
            if isinstance(host, str) and host:
                errors = (["must be a DNS name, not an IP address"] if p.is_ip(host)
                          else p.wildcard_or_subdomain(host))
                if errors:
                    yield ctx.report(ING_RULE_HOST_FORMAT, res, invalid_value(host, errors[0]),
                                     ("spec", "rules", r, "host"))
            for i, entry in enumerate(as_list(as_mapping(rule.get("http")).get("paths"))):
                yield from _path(ctx, res, as_mapping(entry),
                                 ("spec", "rules", r, "http", "paths", i))
        for t, tls in enumerate(as_list(spec.get("tls"))):
            for h, host in enumerate(as_list(as_mapping(tls).get("hosts"))):
                if isinstance(host, str) and p.wildcard_or_subdomain(host):
                    yield ctx.report(ING_TLS_HOSTS, res,
                                     invalid_value(host, p.wildcard_or_subdomain(host)[0]),
                                     ("spec", "tls", t, "hosts", h))


def _path(ctx: Context, res: Resource, entry: Mapping[str, Any],
          path: tuple[str | int, ...]) -> Iterator[Finding]:
    kind = entry.get("pathType")  # a missing pathType is schema.required
    yield from _enum(ctx, res, (*path, "pathType"), kind, ("Exact", "Prefix",
                                                            "ImplementationSpecific"))
    value = entry.get("path")
    text = value if isinstance(value, str) else ""
    if kind in ("Exact", "Prefix"):
        if not text.startswith("/"):
            yield ctx.report(ING_PATH_ABSOLUTE, res, _absolute(text), (*path, "path"))
        bad = [s for s in ("//", "/./", "/../", "%2f", "%2F") if s in text]
        if bad or text.endswith(("/..", "/.")):
            shown = bad[0] if bad else text[-3:]
            yield ctx.report(ING_PATH_SEQUENCES, res, Text(
                f"invalid value \"{text}\": must not contain '{shown}'; regex paths need pathType "
                f"ImplementationSpecific",
                f"잘못된 값 \"{text}\": '{shown}'{eul_reul(shown)} 포함할 수 없습니다. 정규식 경로에는 pathType "
                f"ImplementationSpecific이 필요합니다"), (*path, "path"))
    elif text and not text.startswith("/"):
        yield ctx.report(ING_PATH_ABSOLUTE, res, _absolute(text), (*path, "path"))
    yield from _backend(ctx, res, as_mapping(entry.get("backend")), (*path, "backend"))


def _backend(ctx: Context, res: Resource, backend: Mapping[str, Any],
             path: tuple[str | int, ...]) -> Iterator[Finding]:
    has_service, has_resource = backend.get("service") is not None, backend.get(
        "resource") is not None
    if has_service == has_resource:
        yield ctx.report(ING_BACKEND_ONE_OF, res, Text(
            "cannot set both resource and service backends",
            "resource 백엔드와 service 백엔드를 함께 설정할 수 없습니다") if has_service else Text(
            "resource or service backend is required", "resource나 service 백엔드가 필요합니다"),
            path)
        return
    port = as_mapping(as_mapping(backend.get("service")).get("port"))
    if has_service and ("name" in port) == ("number" in port):
        yield ctx.report(ING_BACKEND_SERVICE_PORT, res, Text(
            "cannot set both port name & port number", "포트 이름과 포트 번호를 함께 설정할 수 없습니다")
            if port else Text("port name or number is required", "포트 이름이나 번호가 필요합니다"),
                         (*path, "service", "port"))
    elif isinstance(port.get("name"), str) and p.port_name(port["name"]):
        yield ctx.report(ING_BACKEND_SERVICE_PORT, res,
                         invalid_value(port["name"], p.port_name(port["name"])[0]),
                         (*path, "service", "port", "name"))


def _access_modes(ctx: Context, res: Resource, spec: Mapping[str, Any],
                  rules: tuple[RuleId, RuleId],
                  base: tuple[str | int, ...]) -> Iterator[Finding]:
    modes = as_list(spec.get("accessModes"))
    if not modes:
        yield ctx.report(rules[0], res, Text(
            "at least 1 access mode is required", "접근 모드가 하나 이상 필요합니다"),
            (*base, "accessModes"))
    for i, mode in enumerate(modes):
        yield from _enum(ctx, res, (*base, "accessModes", i), mode, ACCESS_MODES)
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        yield ctx.report(rules[1], res, Text(
            "may not use ReadWriteOncePod with other access modes",
            "ReadWriteOncePod는 다른 접근 모드와 함께 쓸 수 없습니다"), (*base, "accessModes"))
    yield from _enum(ctx, res, (*base, "volumeMode"), spec.get("volumeMode"),
                     ("Block", "Filesystem"))


def volumes(ctx: Context) -> Iterator[Finding]:
    """`pv.*`: access modes, capacity, exactly one source, local needs nodeAffinity."""
    for res in ctx.targets("PersistentVolume"):
        spec = res.spec
        yield from _access_modes(ctx, res, spec, PV_ACCESS_MODES, ("spec",))
        capacity = as_mapping(spec.get("capacity"))
        storage = try_quantity(capacity.get("storage"))
        if storage is None or storage <= 0:
            yield ctx.report(PV_CAPACITY_REQUIRED, res, Text(
                "capacity.storage is required and must be greater than zero",
                "capacity.storage는 필수이며 0보다 커야 합니다"), ("spec", "capacity"))
        sources = [k for k in spec if k in VOLUME_SOURCES | {"local"} and spec[k] is not None]
        if len(sources) != 1:
            yield ctx.report(PV_SOURCE_EXACTLY_ONE, res, Text(
                "must specify a volume type", "볼륨 유형을 지정해야 합니다") if not sources else Text(
                f"may not specify more than 1 volume type (has {', '.join(sources)})",
                f"볼륨 유형은 하나만 지정할 수 있습니다(지정된 유형: {', '.join(sources)})"), ("spec",))
        if spec.get("local") is not None and not spec.get("nodeAffinity"):
            yield ctx.report(PV_LOCAL_NODE_AFFINITY, res, Text(
                "local volume requires node affinity", "local 볼륨에는 노드 어피니티가 필요합니다"),
                ("spec", "nodeAffinity"))
        yield from _enum(ctx, res, ("spec", "persistentVolumeReclaimPolicy"),
                         spec.get("persistentVolumeReclaimPolicy"), ("Delete", "Recycle", "Retain"))


def claims(ctx: Context) -> Iterator[Finding]:
    """`pvc.*`: access modes and storage requests of claims and claim templates."""
    for res in ctx.targets("PersistentVolumeClaim", "StatefulSet"):
        if res.kind == "PersistentVolumeClaim":
            specs: list[tuple[tuple[str | int, ...], Any]] = [(("spec",), res.spec)]
        else:
            specs = [(("spec", "volumeClaimTemplates", i, "spec"), as_mapping(t).get("spec"))
                     for i, t in enumerate(as_list(res.spec.get("volumeClaimTemplates")))]
        for base, spec in specs:
            spec = as_mapping(spec)
            yield from _access_modes(ctx, res, spec, PVC_ACCESS_MODES, base)
            requests = as_mapping(as_mapping(spec.get("resources")).get("requests"))
            storage = try_quantity(requests.get("storage"))
            if "storage" not in requests:
                yield ctx.report(PVC_STORAGE_REQUIRED, res, Text(
                    "resources.requests.storage is required",
                    "resources.requests.storage는 필수입니다"), (*base, "resources", "requests"))
            elif storage is not None and storage <= 0:
                yield ctx.report(PVC_STORAGE_POSITIVE, res, Text(
                    "storage must be greater than zero", "storage는 0보다 커야 합니다"),
                    (*base, "resources", "requests", "storage"))


#: The rules this module checks, as the registry lists them.
RULES: tuple[Rule, ...] = (
    Rule(SVC_PORTS_REQUIRED, E, "A Service needs ports unless it is headless or ExternalName.",
         services),
    Rule(SVC_HEADLESS_TYPE, E, "clusterIP None with type NodePort or LoadBalancer.", services),
    Rule(SVC_EXTERNAL_NAME_REQUIRED, E, "type ExternalName without a valid externalName.",
         services),
    Rule(SVC_CLUSTER_IP_FORMAT, E, "clusterIP is not an IP, '' or None.", services),
    Rule(SVC_PORT_NAME_REQUIRED, E, "Ports need names when a Service has more than one.",
         services),
    Rule(SVC_PORT_NAME_FORMAT, E, "A Service port name is not a DNS-1123 label.", services),
    Rule(SVC_PORT_NAME_UNIQUE, E, "Two Service ports share a name.", services),
    Rule(SVC_PORT_PORT, E, "A Service port is not between 1 and 65535.", services),
    Rule(SVC_PORT_UNIQUE, E, "The same port and protocol twice.", services),
    Rule(SVC_PORT_TARGET_PORT, E, "targetPort is neither a valid port number nor an IANA service "
         "name.", services),
    Rule(SVC_NODE_PORT_CLUSTER_IP, E, "nodePort on a ClusterIP Service.", services),
    Rule(SVC_NODE_PORT_RANGE, E, "nodePort outside 30000-32767.", services),
    Rule(ING_SPEC_RULES_OR_DEFAULT, E, "An Ingress needs rules or a defaultBackend.", ingresses),
    Rule(ING_RULE_HOST_FORMAT, E, "An Ingress host is an IP or not a (wildcard) DNS name.",
         ingresses),
    Rule(ING_TLS_HOSTS, E, "A TLS host is not a (wildcard) DNS name.", ingresses),
    Rule(ING_PATH_ABSOLUTE, E, "An Ingress path must start with '/'.", ingresses),
    Rule(ING_PATH_SEQUENCES, E, "An Exact/Prefix path contains '//', '/./', '/../' or an encoded "
         "slash.", ingresses),
    Rule(ING_BACKEND_ONE_OF, E, "A backend needs exactly one of service and resource.", ingresses),
    Rule(ING_BACKEND_SERVICE_PORT, E, "A backend port needs exactly one of name and number, and "
         "a valid name.", ingresses),
    Rule(PV_ACCESS_MODES_REQUIRED, E, "A PersistentVolume needs access modes.", volumes),
    Rule(PV_ACCESS_MODES_RWOP, E, "ReadWriteOncePod combined with other access modes.", volumes),
    Rule(PV_CAPACITY_REQUIRED, E, "A PersistentVolume needs a positive capacity.storage.",
         volumes),
    Rule(PV_SOURCE_EXACTLY_ONE, E, "A PersistentVolume needs exactly one volume source.", volumes),
    Rule(PV_LOCAL_NODE_AFFINITY, E, "A local PersistentVolume needs nodeAffinity.", volumes),
    Rule(PVC_ACCESS_MODES_REQUIRED, E, "A claim needs access modes.", claims),
    Rule(PVC_ACCESS_MODES_RWOP, E, "ReadWriteOncePod combined with other access modes.", claims),
    Rule(PVC_STORAGE_REQUIRED, E, "A claim needs resources.requests.storage.", claims),
    Rule(PVC_STORAGE_POSITIVE, E, "A claim's storage request must be positive.", claims),
)
